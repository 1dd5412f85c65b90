package extract

import (
	"path/filepath"
	"testing"

	"diplograph/loader/gazetteer"
	"diplograph/loader/text"
)

// FuzzStartsFilter holds segment's shortcut to the lookups it skips: where
// language.starts rules a trie out at a token (and, for the gazetteer, the
// token is not OffTrie), that trie's lookup finds nothing there, nor does
// the gazetteer's second lookup after a break.
func FuzzStartsFilter(f *testing.F) {
	for _, s := range []string{
		"وبالجزائر للجزائر والليبي فيصل سيلتقي", "l'Algérie d'Alger qu'Alger", "the U.S. and UN, TRIPOLI — UN Special",
		"Le ministre des Affaires étrangères au Caire", "Algeria's President met the Prime Minister", "الأمين العام للأمم المتحدة",
	} {
		f.Add(s)
	}
	if arts := filepath.Join(devDir(), "articles.jsonl"); fileExists(arts) {
		for _, a := range readArticles(f, arts) {
			f.Add(a.Title + "\n" + a.Body)
		}
	}
	x := New()
	f.Fuzz(func(t *testing.T, s string) {
		toks := text.Tokenize(s)
		for _, l := range x.lx.langs {
			for i := range toks {
				var stems []text.Stem
				if toks[i].Arabic {
					stems = text.AppendTrieStems(nil, toks[i].Fold)
				}
				inLex, inGaz := l.starts.May(toks[i].Fold, stems)
				if !inLex {
					if e, _, ok := l.trie.LongestPeeled(toks, i, stems); ok {
						t.Fatalf("%s: token %d %q ruled out of the lexicon, which matches to %d", l.code, i, toks[i].Text, e)
					}
				}
				if inGaz || gazetteer.OffTrie(toks[i]) {
					continue
				}
				if e, _, ok := x.gz.LongestPeeled(toks, i, stems); ok {
					t.Fatalf("%s: token %d %q ruled out of the gazetteer, which matches to %d", l.code, i, toks[i].Text, e)
				}
				if e, _, ok := x.gz.Longest(toks[i:], 0); ok {
					t.Fatalf("%s: token %d %q ruled out of the gazetteer, which matches to %d after a break", l.code, i, toks[i].Text, i+e)
				}
			}
		}
	})
}
