package text

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"", "Hello, World!", "l'Algérie d'Alger", "وبالجزائر للجزائر والليبي",
	"الجَزَائِر ـــ ٢٠٢٦", "ﻻ ﷺ ﬁ Ｆｕｌｌ", "Mr. Smith met H.E. Dr. Jones. He left!",
	"«نعم. لا» قال؟\nسطر", "\xff\xfe\x00 a", "İstanbul ǅ ß ﬀ ½ ℃", "a\u0301\u0301b",
}

func FuzzFold(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFoldFastPath(t, s)
		a := Fold(s)
		if !utf8.ValidString(a) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, a)
		}
		if b := Fold(a); b != a {
			t.Fatalf("not idempotent: Fold(%q) = %q, Fold again = %q", s, a, b)
		}
		if strings.HasPrefix(a, " ") || strings.HasSuffix(a, " ") || strings.Contains(a, "  ") {
			t.Fatalf("Fold(%q) = %q: spaces not collapsed", s, a)
		}
		// NFKC expands some ligatures (ﷺ is 18 runes); nothing expands more.
		if len(a) > 18*len(s)+4 {
			t.Fatalf("Fold(%q) grew to %d bytes", s, len(a))
		}
	})
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTokenizeSame(t, s)
		// A reused array full of another text's tokens gives the same tokens.
		dirty := slices.Repeat([]Token{{Text: "x", Fold: "stale", Start: 9, End: 99, Arabic: true}}, 64)
		if got := AppendTokens(dirty[:1], s); !slices.Equal(got[1:], Tokenize(s)) {
			t.Fatalf("AppendTokens(dirty, %q) = %+v, Tokenize %+v", s, got[1:], Tokenize(s))
		}
		prev := 0
		for _, tk := range Tokenize(s) {
			if tk.Start < prev || tk.Start >= tk.End || tk.End > len(s) {
				t.Fatalf("Tokenize(%q): bad offsets %+v after %d", s, tk, prev)
			}
			if tk.Text != s[tk.Start:tk.End] {
				t.Fatalf("Tokenize(%q): Text %q ≠ s[%d:%d]", s, tk.Text, tk.Start, tk.End)
			}
			if tk.Fold == "" || tk.Fold != Fold(tk.Text) {
				t.Fatalf("Tokenize(%q): Fold %q, Fold(Text) %q", s, tk.Fold, Fold(tk.Text))
			}
			prev = tk.End
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSentencesSame(t, s)
		checkAbbreviationSame(t, s)
		prev := 0
		for _, sp := range Sentences(s) {
			if sp.Start < prev || sp.Start >= sp.End || sp.End > len(s) {
				t.Fatalf("Sentences(%q): bad span %+v after %d", s, sp, prev)
			}
			sent := s[sp.Start:sp.End]
			if strings.TrimSpace(sent) != sent {
				t.Fatalf("Sentences(%q): untrimmed %q", s, sent)
			}
			prev = sp.End
		}
		// Every token lies inside exactly one sentence (no word is cut).
		spans := Sentences(s)
		k := 0
		for _, tk := range Tokenize(s) {
			for k < len(spans) && spans[k].End <= tk.Start {
				k++
			}
			if k == len(spans) || tk.Start < spans[k].Start || tk.End > spans[k].End {
				t.Fatalf("Sentences(%q): token %q at %d–%d not inside a sentence", s, tk.Text, tk.Start, tk.End)
			}
		}
	})
}

func FuzzNameKey(f *testing.F) {
	for _, s := range append(fuzzSeeds, "عبد المجيد تبون", "Abd al-Majid", "M'hamed") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range []string{NameKey(s), LooseKey(s)} {
			if strings.Contains(k, "  ") || strings.HasPrefix(k, " ") {
				t.Fatalf("key of %q = %q", s, k)
			}
		}
		if l := Latin(s); !utf8.ValidString(l) {
			t.Fatalf("Latin(%q) invalid UTF-8", s)
		}
		for _, c := range []string{"DZ", "TN", "EG"} {
			if l := LatinFor(s, c); !utf8.ValidString(l) {
				t.Fatalf("LatinFor(%q, %s) invalid UTF-8", s, c)
			}
		}
	})
}
