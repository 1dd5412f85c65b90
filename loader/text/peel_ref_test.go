package text

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// peelRef is the straightforward peelInto that the indexed one replaced: every
// proclitic, in order, on each pass. The tests hold the two equal, so the
// speed-up cannot change an analysis.
func peelRef(dst []Stem, fold string, restore bool) []Stem {
	if len(fold) < 2 {
		return dst
	}
	switch r, _ := utf8.DecodeRuneInString(fold); r {
	case 'و', 'ف', 'ب', 'ك', 'ل', 'ا':
	default:
		return dst
	}
	n := len(dst)
	for pass := 0; pass < 2; pass++ {
		for _, p := range proclitics {
			if p.article != (pass == 1) || !strings.HasPrefix(fold, p.surface) {
				continue
			}
			rest := fold[len(p.surface):]
			if utf8.RuneCountInString(rest) < minStem || strings.IndexByte(rest, ' ') >= 0 {
				continue
			}
			dst = append(dst, Stem{Prefix: p.surface, Stem: rest, Article: p.article})
			if restore && p.lam {
				dst = append(dst, Stem{Prefix: p.surface[:len(p.surface)-len("ل")], Stem: "ال" + rest})
			}
		}
	}
	for i := n; i < len(dst); i++ {
		for j := 0; j < i; j++ {
			if dst[j].Stem == dst[i].Stem && dst[j].Article == dst[i].Article {
				dst = append(dst[:i], dst[i+1:]...)
				i--
				break
			}
		}
	}
	return dst
}

func checkPeelSame(t *testing.T, fold string) {
	t.Helper()
	for _, restore := range []bool{false, true} {
		got := peelInto([]Stem{{Stem: fold}}, 0, fold, restore)
		want := peelRef([]Stem{{Stem: fold}}, fold, restore)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("peelInto(%q, %v) = %+v, reference %+v", fold, restore, got, want)
		}
	}
}

// TestPeelMatchesReference runs every proclitic sequence (and its prefixes)
// over stems of zero to three runes, with spaces, Latin letters and invalid
// bytes, plus the words of the fuzz seeds and the benchmark article.
// AppendPeel after other analyses gives Peel's analyses after them.
func TestAppendPeel(t *testing.T) {
	for _, w := range []string{"للجزائر", "وللنفط", "والليبي", "ab", "لل"} {
		pre := Peel("وللجزائر")
		got := AppendPeel(slices.Clip(pre), w)
		if !reflect.DeepEqual(got[:len(pre)], pre) || !reflect.DeepEqual(got[len(pre):], Peel(w)) {
			t.Errorf("AppendPeel(%v, %q) = %v, want Peel(%q) = %v after it", pre, w, got, w, Peel(w))
		}
	}
}

func TestPeelMatchesReference(t *testing.T) {
	stems := []string{"", "ج", "جز", "جزائر", "الجزائر", "لنفط", "ا", "ال", "لل", "و", "a", "ab", "\xff", "\xffج", "ج\xff",
		" ", " ج", "ج ", "جز ائر", "ل ه", "ي", "يصل", "ه"}
	for _, p := range proclitics {
		for k := 0; k <= len(p.surface); k++ {
			for _, st := range stems {
				checkPeelSame(t, p.surface[:k]+st)
			}
		}
	}
	for _, s := range append(append([]string{}, fuzzSeeds...), article) {
		for _, tk := range Tokenize(s) {
			checkPeelSame(t, tk.Fold)
		}
	}
}

func FuzzPeel(f *testing.F) {
	for _, s := range []string{"وبالجزائر", "للجزائر", "فالليبي", "ولل", "ال ج", "\xd9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkPeelSame(t, s)
		checkPeelSame(t, Fold(s))
	})
}
