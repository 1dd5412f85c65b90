package text

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns the matching form of s:
//
//   - NFKC (presentation forms such as ﻻ become لا, ligatures and
//     compatibility digits are expanded);
//   - Arabic diacritics (harakat, shadda, sukun, superscript alef) and tatweel
//     removed; أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, Persian ی ک → ي ك;
//   - Arabic-Indic and Persian digits → ASCII;
//   - Latin (and every cased script) lower-cased and case-folded, accents stripped;
//   - punctuation, symbols and spaces → one space; leading/trailing spaces trimmed.
//
// Fold is idempotent: Fold(Fold(s)) == Fold(s). Invalid UTF-8 bytes count as
// punctuation. The original string must be kept for display and evidence:
// the folded form is for comparison only.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	b = appendFold(b, s)
	return string(b)
}

// isFolded reports, cheaply, whether s is already folded, so Fold can return
// it unchanged: folded ASCII (lexicon keys, English tokens) and two-byte
// runes that fold to themselves (most Arabic letters) separated by single
// spaces. Other runes take the slow path, as do all two-byte ones while the
// table is still zero during package initialisation.
func isFolded(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			prevSpace = false
			i++
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			i++
		case c >= 0xC2 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			if twoByteRunes[(rune(c&0x1F)<<6|rune(s[i+1]&0x3F))-utf8.RuneSelf].flags&runeSelf == 0 {
				return false
			}
			prevSpace = false
			i += 2
		default:
			return false
		}
	}
	return true
}

// appendFold appends the folded form of s to dst, collapsing separators into
// single spaces and trimming them at both ends of what it appends.
func appendFold(dst []byte, s string) []byte {
	start := len(dst)
	pending := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			f := asciiFold[c]
			if f == 0 {
				pending = true
				continue
			}
			if pending && len(dst) > start {
				dst = append(dst, ' ')
			}
			pending = false
			dst = append(dst, f)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		piece := foldRune(r, n)
		for j := 0; j < len(piece); j++ {
			if piece[j] == ' ' {
				pending = true
				continue
			}
			if pending && len(dst) > start {
				dst = append(dst, ' ')
			}
			pending = false
			dst = append(dst, piece[j])
		}
	}
	return dst
}

// asciiFold maps an ASCII byte to its folded byte, or 0 for a separator.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c] = c
		t[c-'a'+'A'] = c
	}
	return t
}()

// foldRune returns the folded form of a non-ASCII rune of encoded width n:
// "" when the rune is dropped (marks, tatweel, format characters), " " for a
// separator, otherwise its replacement. A decoding error (RuneError of width
// 1) is a separator.
func foldRune(r rune, n int) string {
	switch {
	case r >= 0x0600 && r <= 0x06FF:
		return arabicFold[r-0x0600]
	case r < latinTableEnd:
		if r == utf8.RuneError && n == 1 {
			return " "
		}
		return latinFold[r-utf8.RuneSelf]
	}
	if r == utf8.RuneError && n == 1 {
		return " "
	}
	if v, ok := slowCache.Load(r); ok {
		return v.(string)
	}
	v := foldFixpoint(r)
	slowCache.Store(r, v)
	return v
}

const latinTableEnd = 0x0600 // Latin-1, Latin Extended, IPA, Greek, Cyrillic

var (
	arabicFold [0x100]string
	latinFold  [latinTableEnd - utf8.RuneSelf]string
	slowCache  sync.Map // rune → string, for the scripts outside the tables
)

func init() {
	for r := rune(0x0600); r <= 0x06FF; r++ {
		arabicFold[r-0x0600] = arabicRune(r)
	}
	for r := rune(utf8.RuneSelf); r < latinTableEnd; r++ {
		latinFold[r-utf8.RuneSelf] = foldFixpoint(r)
	}
	initTwoByteRunes() // reads the tables above
}

// arabicRune is the fold of one rune of the Arabic block (U+0600–U+06FF).
func arabicRune(r rune) string {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		return "ا"
	case 'ى', 'ئ', 'ی', 'ې', 'ۍ':
		return "ي"
	case 'ة', 'ۀ', 'ۃ':
		return "ه"
	case 'ؤ':
		return "و"
	case 'ک':
		return "ك"
	case 'ـ': // tatweel: typographic stretching inside a word
		return ""
	}
	switch {
	case r >= '٠' && r <= '٩':
		return string(rune('0' + r - '٠'))
	case r >= '۰' && r <= '۹':
		return string(rune('0' + r - '۰'))
	}
	return genericRune(r)
}

// genericRune folds a rune by its Unicode category alone: letters and digits
// stay, marks and format characters vanish, everything else separates words.
func genericRune(r rune) string {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return ""
	case unicode.In(r, unicode.L, unicode.Nd, unicode.Mc):
		return string(r)
	}
	return " "
}

// foldChain is NFKD → strip nonspacing marks → NFKC: it removes accents and
// harakat while keeping compatibility decompositions (ligatures, full-width
// forms, Arabic presentation forms) expanded.
func foldChain() transform.Transformer {
	return transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFKC)
}

var folder = cases.Fold()

// latinLetters are Latin letters that have no canonical decomposition, so
// stripping accents leaves them alone although writers and keyboards swap
// them for plain letters (Işık/Isik, Łódź/Lodz, Œuvre/Oeuvre).
var latinLetters = map[rune]string{
	'ı': "i", 'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th",
	'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ƒ': "f",
}

// foldOnce folds one rune through x/text and then through the per-rune tables.
func foldOnce(r rune) string {
	if r < utf8.RuneSelf {
		if f := asciiFold[r]; f != 0 {
			return string(rune(f))
		}
		return " "
	}
	if r >= 0x0600 && r <= 0x06FF {
		return arabicRune(r)
	}
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return ""
	case unicode.In(r, unicode.Z, unicode.P, unicode.S, unicode.C):
		// Symbols and punctuation separate words even when NFKC would map
		// them to letters (℃, ™): they are never part of a name.
		return " "
	}
	if s, ok := latinLetters[r]; ok {
		return s
	}
	s, _, err := transform.String(foldChain(), string(r))
	if err != nil {
		return " "
	}
	s = folder.String(s)
	var b strings.Builder
	for _, q := range s {
		switch {
		case q < utf8.RuneSelf:
			if f := asciiFold[q]; f != 0 {
				b.WriteByte(f)
			} else {
				b.WriteByte(' ')
			}
		case q >= 0x0600 && q <= 0x06FF:
			b.WriteString(arabicRune(q))
		case unicode.In(q, unicode.Mn, unicode.Me, unicode.Cf):
		case unicode.In(q, unicode.L, unicode.Nd, unicode.Mc):
			b.WriteRune(q)
		case unicode.In(q, unicode.Nl, unicode.No):
			// NFKC leaves some numeric letters (e.g. ↉ parts); keep them as
			// word characters only if they are digits after folding.
			b.WriteRune(q)
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// foldFixpoint folds r and then refolds every produced rune until nothing
// changes, which is what makes Fold idempotent even where case folding and
// normalisation do not commute.
func foldFixpoint(r rune) string {
	seen := []string{foldOnce(r)}
	for range 8 {
		s := seen[len(seen)-1]
		var b strings.Builder
		for _, q := range s {
			if q == ' ' {
				b.WriteByte(' ')
				continue
			}
			b.WriteString(foldOnce(q))
		}
		t := b.String()
		if t == s {
			return s
		}
		for k, p := range seen {
			if p == t {
				// A cycle (Cherokee case folding goes to upper case while
				// NFKC/lower-casing goes back): settle on the smallest form,
				// which every member of the cycle also reaches.
				m := t
				for _, q := range seen[k:] {
					m = min(m, q)
				}
				return m
			}
		}
		seen = append(seen, t)
	}
	return seen[len(seen)-1]
}
