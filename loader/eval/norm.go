package eval

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// The name normalisation is score.py's norm(), step by step. It is deliberately
// NOT loader/text.Fold: the scorer is the yardstick and must stay byte-for-byte the
// reference's, even where Fold is smarter (Fold maps Arabic-Indic digits, this
// does not).

// arFold is score.py's AR_FOLD table.
var arFold = map[rune]rune{
	'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ؤ': 'و', 'ئ': 'ي',
}

// arDiacritic reports whether r is in score.py's AR_DIACRITICS class
// [\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640].
func arDiacritic(r rune) bool {
	return (r >= 0x0610 && r <= 0x061a) || (r >= 0x064b && r <= 0x065f) || r == 0x0670 ||
		(r >= 0x06d6 && r <= 0x06ed) || r == 0x0640
}

// pySpace is Python's str.isspace(): Unicode White_Space plus the four
// information separators U+001C..U+001F, which Python (bidi class B/S) treats as
// whitespace and Go does not.
func pySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// pyWord is Python's regular-expression \w for str patterns: alphanumeric
// (letters of every category, every numeric character) or underscore.
func pyWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// combining is Python's unicodedata.combining(): the canonical combining class.
func combining(r rune) bool {
	var buf [4]byte
	n := encodeRune(buf[:], r)
	return norm.NFD.Properties(buf[:n]).CCC() != 0
}

func encodeRune(p []byte, r rune) int {
	return copy(p, string(r))
}

// Norm is score.py's norm(name): NFKC; Arabic diacritics and tatweel removed;
// the AR_FOLD letters folded; NFKD with combining marks dropped; lower-cased
// (Python's full mapping, final sigma included); hyphens, apostrophes and every other
// non-word character turned into a space; whitespace collapsed.
func Norm(name string) string {
	s := norm.NFKC.String(name)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if arDiacritic(r) {
			continue
		}
		if f, ok := arFold[r]; ok {
			r = f
		}
		b.WriteRune(r)
	}
	s = norm.NFKD.String(b.String())
	b.Reset()
	for _, r := range s {
		if !combining(r) {
			b.WriteRune(r)
		}
	}
	s = pyLower(b.String())
	b.Reset()
	space := true // collapse runs and trim: Python's " ".join(s.split())
	for _, r := range s {
		if r == '-' || r == '\'' || (!pyWord(r) && !pySpace(r)) || pySpace(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimSuffix(b.String(), " ")
}

// pyLower is Python's str.lower(): the simple lower-case mapping, except that
// U+0130 becomes "i̇" (SpecialCasing) and a capital sigma at the end of a word
// becomes final sigma ς (the Final_Sigma condition).
func pyLower(s string) string {
	if !strings.ContainsAny(s, "\u0130\u03a3") {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch r {
		case 0x0130:
			b.WriteString("i\u0307")
		case 0x03a3:
			if finalSigma(rs, i) {
				b.WriteRune('ς')
			} else {
				b.WriteRune('σ')
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// finalSigma is Unicode's Final_Sigma condition as CPython implements it: a
// cased letter before (skipping case-ignorable characters) and none after.
func finalSigma(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && caseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !cased(rs[j]) {
		return false
	}
	k := i + 1
	for k < len(rs) && caseIgnorable(rs[k]) {
		k++
	}
	return k == len(rs) || !cased(rs[k])
}

func cased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '^', '`', 0x00b7, 0x2018, 0x2019, 0x2024, 0x2027, 0xfe13, 0xfe52, 0xfe55, 0xff07, 0xff0e, 0xff1a:
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}

// forms is score.py's forms(): the set of non-empty normalised names.
func forms(names []string) []string {
	var out []string
	for _, n := range names {
		f := Norm(n)
		if f == "" {
			continue
		}
		dup := false
		for _, o := range out {
			if o == f {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, f)
		}
	}
	return out
}

// namesMatch is score.py's names_match(): two form sets match when they share a
// form, or when one form's tokens occur contiguously in another's and the
// shorter has two tokens or more ("khaled mazen" matches "liwa khaled mazen";
// "mazen" alone does not).
func namesMatch(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	for _, x := range a {
		tx := strings.Split(x, " ")
		for _, y := range b {
			ty := strings.Split(y, " ")
			short, long := tx, ty
			if len(tx) > len(ty) {
				short, long = ty, tx
			}
			if len(short) < 2 {
				continue
			}
			for i := 0; i+len(short) <= len(long); i++ {
				if equalTokens(long[i:i+len(short)], short) {
					return true
				}
			}
		}
	}
	return false
}

func equalTokens(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// pyUpper is Python's str.upper(): the full upper-case mapping (ß → SS), which
// x/text/cases implements and strings.ToUpper does not. Country codes are ASCII
// in practice, so that path stays allocation-light.
func pyUpper(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return cases.Upper(language.Und).String(s)
		}
	}
	return strings.ToUpper(s)
}
