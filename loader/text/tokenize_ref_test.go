package text

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// tokenizeRef is Tokenize as it was before the two-byte rune table and the
// reused buffers; FuzzTokenize and the test below hold the two equal, field
// for field.
func tokenizeRef(s string) []Token {
	// Size the slices from the number of spaces: a close upper bound of the
	// token count in running text, which avoids regrowing a slice of
	// pointer-carrying structs (the main cost for a 3 KB article).
	n := strings.Count(s, " ") + strings.Count(s, "\n")
	n += n/8 + 4 // apostrophes, hyphens and periods split a few words more
	toks := make([]Token, 0, n)
	buf := make([]byte, 0, len(s)/2) // folded forms that differ from the text, back to back
	marks := make([]int32, 0, n)     // per token: end offset in buf, or -1 when Fold == Text
	tokStart := -1
	bufStart := 0
	same := true     // the fold so far is byte-identical to the text
	complex := false // a rune folded to several words (ŀ → "l ·"): refold at flush
	arabic := false

	flush := func(end int) {
		if tokStart < 0 {
			return
		}
		// Trailing ignorable runes (harakat on the last letter) stay with
		// the token: the token's end is the end of the whole word run.
		toks = append(toks, Token{Text: s[tokStart:end], Start: tokStart, End: end, Arabic: arabic})
		if complex {
			buf = appendFold(buf[:bufStart], s[tokStart:end])
			complex = false
		}
		if same {
			buf = buf[:bufStart]
			marks = append(marks, -1)
		} else {
			marks = append(marks, int32(len(buf)))
		}
		tokStart = -1
	}

	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			f := asciiFold[c]
			if f == 0 {
				flush(i)
				i++
				continue
			}
			if tokStart < 0 {
				tokStart, bufStart, same, arabic = i, len(buf), true, false
			}
			if f != c && same {
				same = false
				buf = append(buf, s[tokStart:i]...)
			}
			if !same {
				buf = append(buf, f)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		piece := foldRune(r, n)
		switch {
		case piece == "":
			// Ignorable inside a word; never starts one.
			if tokStart >= 0 && same {
				same = false
				buf = append(buf, s[tokStart:i]...)
			}
		case isSpaces(piece):
			flush(i)
		default:
			if tokStart < 0 {
				tokStart, bufStart, same, arabic = i, len(buf), true, false
			}
			if strings.IndexByte(piece, ' ') >= 0 {
				complex = true
			}
			if same && piece != s[i:i+n] {
				same = false
				buf = append(buf, s[tokStart:i]...)
			}
			if !same {
				buf = append(buf, piece...)
			}
			if isArabicRune(r) {
				arabic = true
			}
		}
		i += n
	}
	flush(len(s))

	folded := string(buf)
	prev := 0
	for k := range toks {
		if marks[k] < 0 {
			toks[k].Fold = toks[k].Text
			continue
		}
		// Tokens whose fold equals their text reset buf to where they began,
		// so the non-identical folds are contiguous in order.
		toks[k].Fold = folded[prev:marks[k]]
		prev = int(marks[k])
	}
	return toks
}

func checkTokenizeSame(t *testing.T, s string) {
	t.Helper()
	if got, want := Tokenize(s), tokenizeRef(s); !slices.Equal(got, want) {
		t.Fatalf("Tokenize(%q) = %+v, reference %+v", s, got, want)
	}
	// Appending to a used slice gives the same tokens after the old ones.
	pre := Tokenize("Prefix words")
	if got := AppendTokens(pre, s); !slices.Equal(got[len(pre):], tokenizeRef(s)) {
		t.Fatalf("AppendTokens(…, %q) differs from the reference", s)
	}
}

func TestTokenizeMatchesReference(t *testing.T) {
	inputs := append(append([]string{}, fuzzSeeds...), article, articleEN, "\xc2", "\xdb\xbf\xdb", "\xc1\x80 \xc2\x80 ŀl ·", "\u0640x\u064e ّ")
	// Every rune of the two-byte table, alone, inside a word and between words.
	var all strings.Builder
	for r := rune(utf8.RuneSelf); r < 0x0700; r++ {
		inputs = append(inputs, string(r), "a"+string(r)+"b", "ب"+string(r)+"ب", string(r)+" x")
		all.WriteRune(r)
	}
	inputs = append(inputs, all.String())
	for _, s := range inputs {
		checkTokenizeSame(t, s)
	}
}

// checkFoldFastPath holds Fold's shortcut for folded text (isFolded) to the
// full fold: returning s unchanged must be what folding s gives.
func checkFoldFastPath(t *testing.T, s string) {
	t.Helper()
	if got, want := Fold(s), string(appendFold(nil, s)); got != want {
		t.Fatalf("Fold(%q) = %q, full fold %q", s, got, want)
	}
}

func TestFoldFastPath(t *testing.T) {
	inputs := append(append([]string{}, fuzzSeeds...), article, articleEN, "خالد مازن", "a  b", " a", "a ", "\xd8", "\xd8 ")
	for r := rune(utf8.RuneSelf); r < 0x0700; r++ {
		inputs = append(inputs, string(r), "a"+string(r)+"b", "ب"+string(r)+"ب", string(r)+" x", "x "+string(r))
	}
	for _, s := range inputs {
		checkFoldFastPath(t, s)
		checkFoldFastPath(t, Fold(s))
	}
}
