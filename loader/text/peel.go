package text

import (
	"strings"
	"unicode/utf8"
)

// Stem is one analysis of an Arabic word: Prefix + Stem is the folded word
// (except for the restored-article analysis of لل, see Peel), Article says the
// definite article was removed.
type Stem struct {
	Prefix  string // the proclitics removed, as written: "", "و", "وبال", "لل" …
	Stem    string
	Article bool // the analysis removed the article ال (or the ل of لل)
}

// proclitic is one whitelisted proclitic sequence: an optional conjunction
// (و, ف), an optional preposition (ب, ك, ل) and an optional article (ال,
// written ل after the preposition ل: ل + الجزائر → للجزائر).
type proclitic struct {
	surface string
	article bool
	lam     bool // preposition ل followed by the article: لل
}

// proclitics lists every whitelisted sequence, longest surface first so the
// most specific analysis comes before its shorter alternatives.
var proclitics = func() []proclitic {
	var ps []proclitic
	for _, conj := range []string{"", "و", "ف"} {
		for _, prep := range []string{"", "ب", "ك", "ل"} {
			for _, art := range []bool{false, true} {
				s := conj + prep
				lam := false
				if art {
					if prep == "ل" {
						s += "ل"
						lam = true
					} else {
						s += "ال"
					}
				}
				if s == "" {
					continue
				}
				ps = append(ps, proclitic{surface: s, article: art, lam: lam})
			}
		}
	}
	// Longest first; stable within a length so clitic-only analyses keep
	// their natural order.
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && len(ps[j].surface) > len(ps[j-1].surface); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
	return ps
}()

// minStem is the length guard: a peeled stem keeps at least two letters, so
// short words (بل، ول، لا) are not torn apart.
const minStem = 2

// Peel returns the proclitic analyses of a folded Arabic token, the unpeeled
// form first, then clitic-only analyses (the stem keeps its article, e.g.
// وبالجزائر → الجزائر with Prefix "وب"), then analyses that removed the
// article (جزائر). For لل (ل + ال, whose alef is not written) it also gives the
// stem with its article restored: للجزائر → ل + الجزائر. Every stem has at
// least two letters; a non-Arabic token yields only itself.
func Peel(fold string) []Stem {
	return AppendPeel(nil, fold)
}

// AppendPeel appends the analyses Peel returns to dst: with a dst on the
// caller's stack, peeling allocates nothing but the article-restored stems
// of لل.
func AppendPeel(dst []Stem, fold string) []Stem {
	lo := len(dst)
	dst = append(dst, Stem{Stem: fold, Article: false})
	return peelInto(dst, lo, fold, true)
}

// peelTable holds the proclitics by pass (0: clitic-only, 1: removing the
// article) and by first letter, each list in the order of proclitics: peelInto
// runs for every Arabic token on every trie lookup, and trying only the
// sequences that can match makes it several times cheaper than scanning all
// of them twice.
var peelTable = func() (t [2][6][]proclitic) {
	for pass := 0; pass < 2; pass++ {
		for _, p := range proclitics {
			if p.article != (pass == 1) {
				continue
			}
			r, _ := utf8.DecodeRuneInString(p.surface)
			k := procliticIndex(r)
			t[pass][k] = append(t[pass][k], p)
		}
	}
	return t
}()

// procliticIndex numbers the letters a proclitic can start with (و ف ب ك ل
// ا), or returns -1: a cheap filter before any prefix comparison.
func procliticIndex(r rune) int {
	switch r {
	case 'و':
		return 0
	case 'ف':
		return 1
	case 'ب':
		return 2
	case 'ك':
		return 3
	case 'ل':
		return 4
	case 'ا':
		return 5
	}
	return -1
}

// peelInto appends the peeled analyses (without the unpeeled form) to dst.
// With restore, the article-restored stem of لل analyses is added too (it
// allocates; the trie does without it). Duplicates are dropped against
// dst[lo:], the analyses of this word.
func peelInto(dst []Stem, lo int, fold string, restore bool) []Stem {
	if len(fold) < 2 {
		return dst
	}
	// Every proclitic letter is a two-byte rune (lead byte D8 or D9):
	// decode those only, inline (most words start with some other rune).
	if c := fold[0]; c != 0xD8 && c != 0xD9 || fold[1]&0xC0 != 0x80 {
		return dst
	}
	k := procliticIndex(rune(fold[0]&0x1F)<<6 | rune(fold[1]&0x3F))
	if k < 0 {
		return dst
	}
	n := len(dst)
	// A stem may not contain a space: the last space of the fold must lie
	// inside the proclitic.
	space := strings.LastIndexByte(fold, ' ')
	// Clitic-only analyses first, then article-removing ones.
	for pass := 0; pass < 2; pass++ {
		for _, p := range peelTable[pass][k] {
			if !strings.HasPrefix(fold, p.surface) || space >= len(p.surface) {
				continue
			}
			rest := fold[len(p.surface):]
			if !twoRunes(rest) {
				continue
			}
			dst = append(dst, Stem{Prefix: p.surface, Stem: rest, Article: p.article})
			if restore && p.lam {
				dst = append(dst, Stem{Prefix: p.surface[:len(p.surface)-len("ل")], Stem: "ال" + rest})
			}
		}
	}
	// Drop duplicates (the restored stem can equal a clitic-only one).
	for i := n; i < len(dst); i++ {
		for j := lo; j < i; j++ {
			if dst[j].Stem == dst[i].Stem && dst[j].Article == dst[i].Article {
				dst = append(dst[:i], dst[i+1:]...)
				i--
				break
			}
		}
	}
	return dst
}

// twoRunes reports utf8.RuneCountInString(s) >= minStem (2) without counting
// the whole string: one rune, then anything after it.
func twoRunes(s string) bool {
	if len(s) >= 2 && s[0] >= 0xC2 && s[0] <= 0xDF && s[1]&0xC0 == 0x80 {
		return len(s) > 2 // a two-byte first rune (Arabic letters), decoded inline
	}
	_, n := utf8.DecodeRuneInString(s)
	return len(s) > n
}
