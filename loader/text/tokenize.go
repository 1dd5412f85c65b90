package text

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Token is one word or number of a text.
type Token struct {
	Text       string // verbatim, s[Start:End]
	Fold       string // Fold(Text)
	Start, End int    // byte offsets in the input
	Arabic     bool   // the token contains Arabic-script letters
}

// Tokenize splits s into words and numbers. Punctuation, symbols and spaces
// separate tokens and are dropped (the offsets let callers look at them, e.g.
// the apostrophe of l'Algérie or Algeria's). Marks, tatweel and format
// characters inside a word stay in its Text and vanish from its Fold; a token
// never starts with one. Every Token has a non-empty Fold, and
// Text == s[Start:End]; offsets increase strictly.
//
// Tokenize allocates twice per call whatever the input size (the token slice
// and one string holding all folds that differ from their text; the working
// buffers are reused), never per token or per rune: a 3 KB Arabic article
// takes about 25–30 µs on the project machine (BenchmarkTokenize*).
func Tokenize(s string) []Token {
	return AppendTokens(nil, s)
}

// AppendTokens appends the tokens of s (see Tokenize) to dst and returns the
// extended slice. A caller that tokenizes text after text can hand back the
// same slice, emptied, and save the token array: for a 3 KB article it is
// the biggest single allocation of an extraction.
func AppendTokens(dst []Token, s string) []Token {
	// Size the slice from the number of spaces: a close upper bound of the
	// token count in running text, which avoids regrowing a slice of
	// pointer-carrying structs (the main cost for a 3 KB article).
	n := strings.Count(s, " ") + strings.Count(s, "\n")
	n += n/8 + 4 // apostrophes, hyphens and periods split a few words more
	toks := slices.Grow(dst, n)
	base := len(toks)
	sc := scratchPool.Get().(*tokScratch)
	buf := sc.buf[:0]     // folded forms that differ from the text, back to back
	marks := sc.marks[:0] // per token: end offset in buf, or -1 when Fold == Text
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
		// Fill the new element field by field: appending a Token literal
		// built it on the stack and copied it over in wide loads that
		// straddled the narrow stores just made (a store-forwarding stall,
		// the costliest instruction of the tokenizer). Fold is set for every
		// token after the scan.
		if len(toks) == cap(toks) {
			toks = slices.Grow(toks, 1)
		}
		toks = toks[:len(toks)+1]
		t := &toks[len(toks)-1]
		t.Text, t.Start, t.End, t.Arabic = s[tokStart:end], tokStart, end, arabic
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
			if f == c && same {
				// Run over the lower-case letters and digits that follow:
				// each folds to itself, so there is nothing to do but move
				// on (the common case in Latin text, taken in a tight loop).
				i++
				for i < len(s) && s[i] < utf8.RuneSelf && asciiFold[s[i]] == s[i] && s[i] != 0 {
					i++
				}
				continue
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
		var (
			piece string
			fl    uint8
			n     int
		)
		if c >= 0xC2 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			// A two-byte rune below U+0700 (Latin, Greek, Cyrillic, Arabic):
			// its fold and classes are precomputed.
			inf := &twoByteRunes[(rune(c&0x1F)<<6|rune(s[i+1]&0x3F))-utf8.RuneSelf]
			if inf.flags&runeSelf != 0 && same && tokStart >= 0 {
				// Inside a word still equal to its fold, runes that fold to
				// themselves (most Arabic letters) change nothing but the
				// Arabic flag: run over them in a tight loop.
				for {
					if inf.flags&runeArabic != 0 {
						arabic = true
					}
					i += 2
					if i+1 >= len(s) || s[i] < 0xC2 || s[i] > 0xDB || s[i+1]&0xC0 != 0x80 {
						break
					}
					inf = &twoByteRunes[(rune(s[i]&0x1F)<<6|rune(s[i+1]&0x3F))-utf8.RuneSelf]
					if inf.flags&runeSelf == 0 {
						break
					}
				}
				continue
			}
			piece, fl, n = inf.piece, inf.flags, 2
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			piece = foldRune(r, n)
			fl = classify(r, piece, s[i:i+n])
		}
		switch {
		case fl&runeDrop != 0:
			// Ignorable inside a word; never starts one.
			if tokStart >= 0 && same {
				same = false
				buf = append(buf, s[tokStart:i]...)
			}
		case fl&runeSpace != 0:
			flush(i)
		default:
			if tokStart < 0 {
				tokStart, bufStart, same, arabic = i, len(buf), true, false
			}
			if fl&runeComplex != 0 {
				complex = true
			}
			if same && fl&runeSelf == 0 {
				same = false
				buf = append(buf, s[tokStart:i]...)
			}
			if !same {
				buf = append(buf, piece...)
			}
			if fl&runeArabic != 0 {
				arabic = true
			}
		}
		i += n
	}
	flush(len(s))

	folded := string(buf)
	prev := 0
	for k := range toks[base:] {
		t := &toks[base+k]
		if marks[k] < 0 {
			t.Fold = t.Text
			continue
		}
		// Tokens whose fold equals their text reset buf to where they began,
		// so the non-identical folds are contiguous in order.
		t.Fold = folded[prev:marks[k]]
		prev = int(marks[k])
	}
	// Keep the grown scratch for the next call, unless an outsized text made
	// it big enough to be worth returning to the heap.
	if cap(buf) <= maxScratch && cap(marks) <= maxScratch {
		sc.buf, sc.marks = buf, marks
	}
	scratchPool.Put(sc)
	return toks
}

// tokScratch is AppendTokens' working memory, reused through scratchPool: the
// folded text is copied into a string at the end, so the buffer itself never
// escapes.
type tokScratch struct {
	buf   []byte
	marks []int32
}

// maxScratch bounds the scratch kept for reuse (bytes of buf, entries of marks).
const maxScratch = 1 << 16

var scratchPool = sync.Pool{New: func() any { return new(tokScratch) }}

// Classes of a non-ASCII rune for Tokenize, from its fold piece.
const (
	runeDrop    = 1 << iota // folds to nothing (marks, tatweel): stays inside a word
	runeSpace               // folds to spaces only: separates words
	runeComplex             // folds to several words (ŀ → "l ·")
	runeSelf                // folds to itself
	runeArabic              // an Arabic-script letter
)

// classify returns the classes of rune r, written as text, whose fold is piece.
func classify(r rune, piece, text string) uint8 {
	switch {
	case piece == "":
		return runeDrop
	case isSpaces(piece):
		return runeSpace
	}
	var fl uint8
	if strings.IndexByte(piece, ' ') >= 0 {
		fl |= runeComplex
	}
	if piece == text {
		fl |= runeSelf
	}
	if isArabicRune(r) {
		fl |= runeArabic
	}
	return fl
}

// twoByteRunes holds the fold and classes of every rune encoded in two bytes
// (U+0080–U+07FF is the range; the table stops at U+06FF, the end of the
// Arabic block, where the lead byte 0xDB ends), so Tokenize reads the letters
// of Arabic and European text from a table instead of decoding, folding and
// comparing each one. Filled by fold.go's init, after the fold tables.
var twoByteRunes [0x0700 - utf8.RuneSelf]struct {
	piece string
	flags uint8
}

func initTwoByteRunes() {
	for r := rune(utf8.RuneSelf); r < 0x0700; r++ {
		piece := foldRune(r, 2)
		twoByteRunes[r-utf8.RuneSelf].piece = piece
		twoByteRunes[r-utf8.RuneSelf].flags = classify(r, piece, string(r))
	}
}

func isSpaces(p string) bool {
	for i := 0; i < len(p); i++ {
		if p[i] != ' ' {
			return false
		}
	}
	return true
}

// isArabicRune reports whether r is a letter of the Arabic script blocks
// (including presentation forms, which NFKC maps to the base block).
func isArabicRune(r rune) bool {
	switch {
	case r >= 0x0620 && r <= 0x064A, r >= 0x066E && r <= 0x06D3, r == 0x06D5,
		r >= 0x06EE && r <= 0x06FF && !(r >= 0x06F0 && r <= 0x06F9),
		r >= 0x0750 && r <= 0x077F, r >= 0x08A0 && r <= 0x08FF,
		r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
		return true
	}
	return false
}
