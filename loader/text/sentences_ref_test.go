package text

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// sentencesRef is Sentences before its fast path (which skips the bytes the
// loop ignores without decoding them); FuzzSentences and the test below hold
// the two equal.
func sentencesRef(s string) []Span {
	var out []Span
	start := 0
	guillemets := 0
	emit := func(a, b int) {
		a, b = trimSpan(s, a, b)
		if a < b {
			out = append(out, Span{a, b})
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n' || r == '\r' || r == 0x2029 || r == 0x2028:
			emit(start, i)
			start = i + n
			guillemets = 0
			i += n
			continue
		case r == '«':
			guillemets++
		case r == '»':
			if guillemets > 0 {
				guillemets--
			}
		case isTerminator(r) && guillemets == 0:
			end := i + n
			// Absorb a run of terminators ("?!", "...").
			for end < len(s) {
				q, m := utf8.DecodeRuneInString(s[end:])
				if !isTerminator(q) {
					break
				}
				end += m
			}
			// Absorb closing quotes and brackets.
			for end < len(s) {
				q, m := utf8.DecodeRuneInString(s[end:])
				if !isCloser(q) {
					break
				}
				end += m
			}
			if isBoundary(s, start, i, end, r) {
				emit(start, end)
				start = end
			}
			i = end
			continue
		}
		i += n
	}
	emit(start, len(s))
	return out
}

func checkSentencesSame(t *testing.T, s string) {
	t.Helper()
	if got, want := Sentences(s), sentencesRef(s); !slices.Equal(got, want) {
		t.Fatalf("Sentences(%q) = %v, reference %v", s, got, want)
	}
}

func TestSentencesMatchReference(t *testing.T) {
	for _, s := range append(append([]string{}, fuzzSeeds...), article, articleEN,
		"سؤال؟ جواب۔ ثم. \u2028سطر\u2029آخر", "\xd8", "\xd8\x9f", "a\xd8.B", "\xdb\x94 x", "«قال. لا» ثم. نعم") {
		checkSentencesSame(t, s)
	}
}

// isAbbreviationRef is isAbbreviation before its ASCII lookup without
// allocation.
func isAbbreviationRef(w string) bool {
	var b []byte
	inner, piece, short := false, 0, true
	for i := 0; i < len(w); i++ {
		if w[i] == '.' {
			inner = true
			if piece > 2 {
				short = false
			}
			piece = 0
			continue
		}
		if w[i] < utf8.RuneSelf {
			piece++
		} else if w[i]&0xC0 != 0x80 {
			piece++
		}
		b = append(b, w[i])
	}
	if piece > 2 {
		short = false
	}
	if inner && short {
		return true
	}
	return abbreviations[Fold(string(b))]
}

func checkAbbreviationSame(t *testing.T, w string) {
	t.Helper()
	if got, want := isAbbreviation(w), isAbbreviationRef(w); got != want {
		t.Fatalf("isAbbreviation(%q) = %v, reference %v", w, got, want)
	}
}

func TestAbbreviationMatchesReference(t *testing.T) {
	words := []string{"", "H.E", "U.S", "Mr", "MR", "mR", "Mme", "Dépt", "Sept", "SEPT", "Gén", "etc", "Etc", "he", "us",
		"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH", "Mr\xff", "Ｍｒ", "Jan1", "Dr_"}
	for w := range abbreviations {
		words = append(words, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
	}
	for _, w := range words {
		checkAbbreviationSame(t, w)
	}
}
