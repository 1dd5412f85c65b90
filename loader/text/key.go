package text

import (
	"strings"
	"unicode/utf8"
)

// NameKey returns the strict transliteration key of a person name, the same
// for its Arabic and its Latin spellings: خالد مازن, Khaled Mazen and Khalid
// Mazin all give "XLD MZN". It is a consonant skeleton (gazetteer NOTES §9.3):
// both scripts map to one consonant alphabet, vowels and the letters that
// carry them (ا ء ع ى ة) are dropped, و/ي (w/y) count only word-initially,
// doubled letters collapse, the article (ال, al-, el- …) is removed, عبد and
// its Latin forms (Abdel, Abdul, Abd al-) fuse with the following name, and a
// a final ه or ح (not after و) / a final h after a, e or i is dropped, and ح
// after a non-initial ت (ه, ح after د) merges into it as Latin th (dh)
// does (فتحي = Fathi, أدهم = Adham). Tokens are separated by one space;
// tokens with an empty skeleton (Aya) are left out.
//
// Equal keys are evidence, not proof, that two names are the same: callers
// confirm with country and role.
func NameKey(name string) string { return nameKey(name, false) }

// LooseKey is NameKey with the classes that transliteration habits confuse
// merged: ج/غ/ق/ك/خ (Djamel, Gamal, Jamal), ذ/ز/ظ/د/ض/ت/ط/ث (Zayed, Dhayed),
// ش/س (Chakib, Sakib), and without H. Use it for blocking (finding
// candidates), NameKey to decide.
func LooseKey(name string) string { return nameKey(name, true) }

func nameKey(name string, loose bool) string {
	var tokBuf [16]Token // names are short: tokenize on the stack
	toks := joinApostrophes(name, AppendTokens(tokBuf[:0], name))
	// A word is one name; its parts are keyed separately and concatenated,
	// so a compound fuses without inventing digraphs (Abd + Hamid is not
	// "abdhamid" with a dh).
	var words [][]byte
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			words = append(words, cur)
		}
		cur = nil
	}
	// appendToLast adds a part to the previous word (الدين after محي).
	appendToLast := func(part []byte) bool {
		if len(words) == 0 {
			return false
		}
		words[len(words)-1] = append(words[len(words)-1], part...)
		return true
	}
	skippedArticle := false
	for k := 0; k < len(toks); k++ {
		f := toks[k].Fold
		if toks[k].Arabic {
			skippedArticle = false
			switch {
			case f == "ال":
				// آل (the family of: آل نهيان, Al Nahyan) folds to ال; its Latin
				// "Al" is dropped like an article, so drop it here too.
				continue
			case f == "عبد" && k+1 < len(toks) && toks[k+1].Arabic:
				// عبد + name is one name (عبد المجيد = Abdelmadjid).
				k++
				cur = arabicPart(arabicKey(nil, "عبد"), stripArabicArticle(toks[k]), 2)
			case (f == "بن" || f == "ابن") && k+1 < len(toks) && toks[k+1].Arabic:
				// بن + name is one family name, which the Latin press
				// writes fused as often as not (بن صالح = Ben Saleh = Bensalah).
				k++
				cur = arabicPart(arabicKey(nil, "بن"), stripArabicArticle(toks[k]), 2)
			case strings.HasPrefix(f, "عبدال") && utf8.RuneCountInString(f) >= 7:
				cur = arabicPart(arabicKey(nil, "عبد"), f[len("عبدال"):], 2)
			case f == "الدين" && appendToLast(arabicKey(nil, "دين")):
				// X الدين is one name (محي الدين = Mohieddine, نور الدين = Noureddine).
				continue
			default:
				if rest := stripArabicArticle(toks[k]); rest != f {
					// After the article a two-letter rest is still a word
					// ending in a vowel: الله is Allah, keyed like Abdallah.
					cur = arabicPart(nil, rest, 2)
				} else {
					cur = arabicKey(nil, f)
				}
			}
			flush()
			continue
		}
		switch {
		case latinArticles[f] && k+1 < len(toks):
			skippedArticle = true
			continue
		case dinForms[f] && (skippedArticle || f != "din" && f != "dine" && f != "deen") && appendToLast(latinKey(nil, "din")):
			// el-Din, ud-Din, Eddine after a name: part of that name.
			skippedArticle = false
			continue
		case f == "ould" || f == "wuld" || f == "walad":
			// ولد "son of" (Mauritania): initial ou is w here.
			cur = latinKey(nil, "wld")
		case (f == "ben" || f == "bin" || f == "ibn") && k+1 < len(toks) && !toks[k+1].Arabic:
			// Ben Saleh = Bensalah = بن صالح (see the Arabic case).
			k++
			cur = latinKey(latinKey(nil, "bn"), toks[k].Fold)
		case abdForms[f] && k+1 < len(toks) && !toks[k+1].Arabic:
			k++
			if latinArticles[toks[k].Fold] && k+1 < len(toks) {
				k++
			}
			cur = latinKey(latinKey(nil, "abd"), toks[k].Fold)
		default:
			if rest, ok := latinAbd(f); ok {
				cur = latinKey(latinKey(nil, "abd"), rest)
			} else {
				cur = latinKey(nil, f)
			}
		}
		skippedArticle = false
		flush()
	}
	var b strings.Builder
	for _, w := range words {
		w = finishKey(w, loose)
		if len(w) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(w)
	}
	return b.String()
}

// dinForms are the Latin spellings of الدين ("of the faith") that end a
// compound name: Nour Eddine, Salah el-Din, Alaa ud-Din.
var dinForms = map[string]bool{
	"eddine": true, "eddin": true, "edine": true, "eddyn": true, "uddin": true, "addin": true,
	"aldin": true, "eldin": true, "iddin": true, "din": true, "dine": true, "deen": true,
}

// joinApostrophes fuses tokens separated only by an apostrophe, which
// transliterations use for ع and ء (Sa'd, M'hamed, Ba'th): the name is one word.
func joinApostrophes(name string, toks []Token) []Token {
	out := toks[:0]
	for _, tk := range toks {
		if n := len(out); n > 0 && !tk.Arabic && !out[n-1].Arabic && isApostrophes(name[out[n-1].End:tk.Start]) {
			prev := &out[n-1]
			prev.Fold += tk.Fold
			prev.Text = name[prev.Start:tk.End]
			prev.End = tk.End
			continue
		}
		out = append(out, tk)
	}
	return out
}

func isApostrophes(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch r {
		case '\'', '’', 'ʼ', 'ʻ', 'ʿ', 'ʾ', '`', '´', '‘':
		default:
			return false
		}
	}
	return true
}

// latinArticles are the Latin renderings of ال written as separate tokens
// (al-Majid, el Sisi, ash-Sharif, ad-Dbeibah: the sun letters assimilate).
var latinArticles = map[string]bool{
	"al": true, "el": true, "ul": true, "il": true,
	"ad": true, "ed": true, "ar": true, "er": true, "as": true, "es": true,
	"ash": true, "esh": true, "at": true, "et": true, "az": true, "ez": true,
	"an": true, "en": true, "adh": true, "ath": true, "ech": true, "ach": true,
}

// abdForms are the Latin spellings of عبد (+ article) that open a compound name.
var abdForms = map[string]bool{
	"abd": true, "abdel": true, "abdul": true, "abdal": true, "abdoul": true, "abdol": true,
	"abdou": false, // عبده is a name on its own
	"abdil": true, "abdelal": false,
}

// latinAbd splits a glued Abdel-/Abdul- prefix (Abdelmadjid) and returns the
// name after it, so the article's vowel and l vanish as they do in عبدال.
func latinAbd(f string) (string, bool) {
	for _, p := range []string{"abdoul", "abdel", "abdul", "abdal", "abdol", "abdil"} {
		if rest, ok := strings.CutPrefix(f, p); ok && len(rest) >= 3 {
			return rest, true
		}
	}
	return f, false
}

// stripArabicArticle returns the token's fold without a leading article. The
// article is written with a plain alef (or alef wasla): إلهام and أليفة start
// with a hamza-alef, which Fold erases, so the test looks at the verbatim text.
func stripArabicArticle(tk Token) string {
	rest, ok := strings.CutPrefix(tk.Fold, "ال")
	if !ok || utf8.RuneCountInString(rest) < 2 {
		return tk.Fold
	}
	if r, _ := utf8.DecodeRuneInString(tk.Text); r != 'ا' && r != 'ٱ' {
		return tk.Fold
	}
	return rest
}

// Key classes W and Y are consonants only as the first letter of a word;
// elsewhere they are long vowels and leave the marker kDrop, which keeps
// doubled letters around them apart until finishKey removes it (مروان, Marwan).
const (
	kW    = 'W'
	kY    = 'Y'
	kDrop = '.'
)

// arabicKey appends the class letters of a folded Arabic token.
func arabicKey(dst []byte, f string) []byte { return arabicPart(dst, f, 3) }

// arabicPart keys one part of a name. A final ه (also ة, folded to ه) is a
// vowel ending (فاطمه = Fatima) when the part has at least min letters: a
// two-letter word keeps it (طه, Taha), the second part of a compound does not
// (عبد + له = Abdallah).
func arabicPart(dst []byte, f string, min int) []byte {
	if strings.HasSuffix(f, "ه") && utf8.RuneCountInString(f) >= min {
		f = f[:len(f)-len("ه")]
	} else if strings.HasSuffix(f, "ح") && utf8.RuneCountInString(f) >= 3 && !strings.HasSuffix(f, "وح") {
		// Latin cannot tell a final ح from a final ه: Fattah (فتاح), Salah
		// (صلاح), Saleh (صالح) end like Fatimah and Abdallah, whose h the
		// Latin side drops, so the Arabic side drops a final ح as well. After
		// و it stays: Nouh, Nuh (نوح) keep their h in Latin.
		f = f[:len(f)-len("ح")]
	}
	start := len(dst)
	prevAt, prevLen := -1, 0 // byte offset and size of the last keyed letter
	for i, r := range f {
		c := arabicClass(r)
		if (c == kW || c == kY) && i > 0 {
			c = kDrop
		}
		if c == 'H' && len(dst) > start && prevAt > 0 && prevAt == i-prevLen {
			if d, ok := digraphH[dst[len(dst)-1]]; ok && (r == 'ح' || d == 'Z') {
				dst[len(dst)-1] = d
				continue
			}
		}
		if c != 0 {
			dst = append(dst, c)
			prevAt, prevLen = i, utf8.RuneLen(r)
		}
	}
	return dst
}

// digraphH merges ح/ه into the consonant before it where Latin cannot write
// the pair apart: فتحي is Fathi, whose th reads as ث (T); مدحت is Medhat,
// whose dh reads as ذ (Z). Only ح after ت (Ibtihal keeps its ه) and only
// after a first letter: طه (Taha) and تحية (Tahia) write a vowel between.
var digraphH = map[byte]byte{'T': 'T', 'D': 'Z'}

func arabicClass(r rune) byte {
	switch r {
	case 'ب', 'پ':
		return 'B'
	case 'ت', 'ط', 'ث':
		return 'T'
	case 'ج', 'ژ':
		return 'J'
	case 'ح', 'ه':
		return 'H'
	case 'خ':
		return 'X'
	case 'د', 'ض':
		return 'D'
	case 'ذ', 'ز', 'ظ':
		return 'Z'
	case 'ر':
		return 'R'
	case 'س', 'ص':
		return 'S'
	case 'ش', 'چ':
		return 'C'
	case 'غ', 'گ':
		return 'G'
	case 'ف', 'ڤ', 'ۋ':
		return 'F'
	case 'ق', 'ك':
		return 'K'
	case 'ل':
		return 'L'
	case 'م':
		return 'M'
	case 'ن':
		return 'N'
	case 'و':
		return kW
	case 'ي':
		return kY
	}
	return 0 // ا ء ع and anything else: vowel carriers
}

// wy is the class of w/y at byte position i of a word.
func wy(c byte, i int) byte {
	if i == 0 {
		return c
	}
	return kDrop
}

func isLatinVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// latinKey appends the class letters of a folded Latin token.
func latinKey(dst []byte, f string) []byte {
	// Final h after a, e or i is a vowel ending (Fatimah, Abdallah, Wajih
	// وجيه) or a final ح, which the Arabic side drops too (Fattah, Saleh).
	if n := len(f); n > 2 && f[n-1] == 'h' && (f[n-2] == 'a' || f[n-2] == 'e' || f[n-2] == 'i') {
		f = f[:n-1]
	}
	for i := 0; i < len(f); {
		rest := f[i:]
		switch {
		case strings.HasPrefix(rest, "sch"), strings.HasPrefix(rest, "tch"):
			dst, i = append(dst, 'C'), i+3
		case strings.HasPrefix(rest, "ch"), strings.HasPrefix(rest, "sh"):
			dst, i = append(dst, 'C'), i+2
		case strings.HasPrefix(rest, "dj"):
			dst, i = append(dst, 'J'), i+2
		case strings.HasPrefix(rest, "kh"):
			dst, i = append(dst, 'X'), i+2
		case strings.HasPrefix(rest, "gh"):
			dst, i = append(dst, 'G'), i+2
		case strings.HasPrefix(rest, "th"):
			dst, i = append(dst, 'T'), i+2
		case strings.HasPrefix(rest, "dh"):
			dst, i = append(dst, 'Z'), i+2
		case strings.HasPrefix(rest, "ph"):
			dst, i = append(dst, 'F'), i+2
		case strings.HasPrefix(rest, "ck"), strings.HasPrefix(rest, "qu"):
			dst, i = append(dst, 'K'), i+2
		case strings.HasPrefix(rest, "ou"):
			// ou is w before a vowel (Ouahid, Mouawad), else the vowel u.
			if i+2 < len(f) && isLatinVowel(f[i+2]) {
				dst = append(dst, wy(kW, i))
			}
			i += 2
		default:
			c := f[i]
			i++
			switch c {
			case 'j':
				dst = append(dst, 'J')
			case 'f', 'v':
				dst = append(dst, 'F')
			case 'q', 'k':
				dst = append(dst, 'K')
			case 'c':
				if i < len(f) && (f[i] == 'e' || f[i] == 'i' || f[i] == 'y') {
					dst = append(dst, 'S')
				} else {
					dst = append(dst, 'K')
				}
			case 'p', 'b':
				dst = append(dst, 'B')
			case 'g':
				dst = append(dst, 'G')
			case 'h':
				dst = append(dst, 'H')
			case 'd':
				dst = append(dst, 'D')
			case 'z':
				dst = append(dst, 'Z')
			case 'r':
				dst = append(dst, 'R')
			case 's':
				dst = append(dst, 'S')
			case 't':
				dst = append(dst, 'T')
			case 'l':
				dst = append(dst, 'L')
			case 'm':
				dst = append(dst, 'M')
			case 'n':
				dst = append(dst, 'N')
			case 'w':
				dst = append(dst, wy(kW, i-1))
			case 'y':
				dst = append(dst, wy(kY, i-1))
			case 'x':
				dst = append(dst, 'K', 'S')
			}
			// vowels, digits and other letters carry no consonant
		}
	}
	return dst
}

// finishKey collapses doubled classes, drops non-initial W/Y, collapses again
// and, at the loose level, merges classes and drops H.
func finishKey(k []byte, loose bool) []byte {
	k = collapse(k)
	out := k[:0]
	for _, c := range k {
		if c != kDrop {
			out = append(out, c)
		}
	}
	k = collapse(out)
	if !loose {
		return k
	}
	out = k[:0]
	for _, c := range k {
		switch c {
		case 'H':
			continue
		case 'J', 'G', 'X':
			c = 'K'
		case 'Z', 'T':
			c = 'D'
		case 'C':
			c = 'S'
		}
		out = append(out, c)
	}
	return collapse(out)
}

func collapse(k []byte) []byte {
	if len(k) < 2 {
		return k
	}
	out := k[:1]
	for _, c := range k[1:] {
		if c != out[len(out)-1] {
			out = append(out, c)
		}
	}
	return out
}
