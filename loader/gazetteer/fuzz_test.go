package gazetteer

import (
	"slices"
	"testing"

	"diplograph/loader/text"
)

// FuzzLongest: any text, any start position: no panic, a match ends after its
// start and within the tokens, and every entry is complete; LongestPeeled
// with the token's analyses finds what Longest finds.
func FuzzLongest(f *testing.F) {
	for _, s := range []string{"وبالجزائر", "l'Algérie d'Alger", "the U.S. and UN", "au Caire", "طرابلس", "Algeria's", "d'", "l'"} {
		f.Add(s)
	}
	g := Default()
	f.Fuzz(func(t *testing.T, s string) {
		toks := text.Tokenize(s)
		for i := range toks {
			end, es, ok := g.Longest(toks, i)
			var stems []text.Stem
			if toks[i].Arabic {
				stems = text.AppendTrieStems(nil, toks[i].Fold)
			}
			if pe, pes, pok := g.LongestPeeled(toks, i, stems); pe != end || pok != ok || !slices.Equal(pes, es) {
				t.Fatalf("LongestPeeled(%q, %d) = %d %v, Longest = %d %v", s, i, pe, pok, end, ok)
			}
			if !ok {
				continue
			}
			if end <= i || end > len(toks) || len(es) == 0 {
				t.Fatalf("Longest(%q, %d) = %d, %d entries", s, i, end, len(es))
			}
			for _, e := range es {
				if e.Code == "" || e.Form == "" || e.Kind == 0 {
					t.Fatalf("incomplete entry %+v", e)
				}
			}
		}
	})
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLongestArticle(b *testing.B) {
	g := Default()
	toks := text.Tokenize("استقبل وزير الداخلية الجزائري، كمال بلجود، اليوم الأحد بالجزائر العاصمة، نظيره الليبي اللواء خالد مازن، وتناول اللقاء سبل تعزيز التعاون الأمني بين البلدين والاتحاد الأفريقي.")
	b.ReportAllocs()
	for b.Loop() {
		for i := range toks {
			g.Longest(toks, i)
		}
	}
}
