package text

import (
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Sentences splits s into sentences and returns their byte spans, trimmed of
// white space, so s[sp.Start:sp.End] is the verbatim sentence (the evidence a
// graph Source quotes).
//
// A sentence ends at a line break, or at . ! ? ؟ … (and runs of them) followed
// by optional closing quotes or brackets and then white space or the end of
// the text. A period does not end a sentence after an abbreviation or
// honorific (Mr. Dr. M. Mme. Gen. H.E. U.S. S.E. …), after a single letter (an
// initial: "John F. Kennedy", Arabic "د."), between digits (3.5), or when the
// next word starts with a lower-case letter. Inside «guillemets» a sentence
// does not end except at a line break, so a quoted statement stays attached to
// its "said" clause.
func Sentences(s string) []Span {
	return AppendSentences(nil, s)
}

// AppendSentences appends the spans Sentences returns to dst, so a caller
// splitting line after line can reuse one array.
func AppendSentences(dst []Span, s string) []Span {
	out := dst
	start := 0
	guillemets := 0
	emit := func(a, b int) {
		a, b = trimSpan(s, a, b)
		if a < b {
			out = append(out, Span{a, b})
		}
	}
	for i := 0; i < len(s); {
		// Fast path: skip, without decoding, the runes the switch below
		// ignores anyway: ASCII other than line breaks and terminators, and
		// two-byte Arabic letters other than ؟ (D8 9F) and ۔ (DB 94). Most of
		// an article's bytes are one of these.
		if c := s[i]; c < utf8.RuneSelf {
			if !sentenceByte[c] {
				i++
				continue
			}
		} else if c >= 0xD8 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			if b := s[i+1]; !(c == 0xD8 && b == 0x9F) && !(c == 0xDB && b == 0x94) {
				i += 2
				continue
			}
		}
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

// sentenceByte marks the ASCII bytes Sentences must look at: line breaks and
// terminators (the other ASCII characters never end or open anything).
var sentenceByte = [utf8.RuneSelf]bool{'\n': true, '\r': true, '.': true, '!': true, '?': true}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '؟', '…', '。', '۔':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '’', '”', '»', ')', ']', '›':
		return true
	}
	return false
}

// isBoundary decides whether the terminator at s[i] (first of its run, the run
// and closers ending at end) ends a sentence that began at start.
func isBoundary(s string, start, i, end int, r rune) bool {
	// Must be followed by white space or the end of the text.
	if end < len(s) {
		q, _ := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsSpace(q) {
			return false
		}
	}
	if r != '.' || end != i+1 {
		// ! ? ؟ … and runs such as "..." end sentences when followed by space.
		return nextStartsSentence(s, end)
	}
	// A single period: look at the word before it.
	w := wordBefore(s, start, i)
	if w != "" {
		if isAbbreviation(w) {
			return false
		}
		if utf8.RuneCountInString(w) == 1 {
			c, _ := utf8.DecodeRuneInString(w)
			if unicode.IsLetter(c) {
				return false // an initial: "John F. Kennedy", "د. محمد"
			}
		}
	}
	return nextStartsSentence(s, end)
}

// nextStartsSentence is false when the next word after white space begins with
// a lower-case letter ("approx. the", "etc. and"); Arabic has no case, so
// Arabic text always allows the break.
func nextStartsSentence(s string, end int) bool {
	for j := end; j < len(s); {
		q, m := utf8.DecodeRuneInString(s[j:])
		if unicode.IsSpace(q) {
			if q == '\n' {
				return true
			}
			j += m
			continue
		}
		return !unicode.IsLower(q)
	}
	return true
}

// wordBefore returns the run of letters, digits and inner periods that ends at
// s[i] (exclusive), e.g. "H.E" for "H.E." or "Mr" for "Mr.".
func wordBefore(s string, start, i int) string {
	j := i
	for j > start {
		q, m := utf8.DecodeLastRuneInString(s[start:j])
		if unicode.IsLetter(q) || unicode.IsDigit(q) || unicode.Is(unicode.Mn, q) || q == '.' {
			j -= m
			continue
		}
		break
	}
	for j < i && s[j] == '.' {
		j++
	}
	return s[j:i]
}

// abbreviations are the plain words that end with a period without ending a
// sentence, compared after Fold.
// Honorifics and titles announce names (Appendix D of the gazetteer notes),
// the rest are the usual press abbreviations in English and French.
var abbreviations = map[string]bool{
	// English honorifics, titles, ranks
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "hrh": true,
	"st": true, "sr": true, "jr": true, "gen": true, "col": true, "lt": true, "maj": true, "capt": true,
	"cpt": true, "sgt": true, "adm": true, "gov": true, "sen": true, "rep": true, "amb": true, "rev": true,
	"pres": true, "hon": true, "brig": true, "cmdr": true,
	// French
	"mm": true, "mme": true, "mmes": true, "mlle": true, "mgr": true, "pr": true, "gal": true, "cdt": true,
	// Common press abbreviations
	"nos": true, "vol": true, "vs": true, "etc": true, "cf": true, "approx": true, "dept": true,
	"inc": true, "ltd": true, "corp": true,
	"jan": true, "feb": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"janv": true, "fev": true, "avr": true, "juil": true,
}

// isAbbreviation reports whether w (the word before a period) is an
// abbreviation. Words with inner periods made of one- or two-letter pieces
// (H.E, U.S, S.E, e.g, i.e, U.A.E) always are: that spelling is never a plain
// word, whereas "he", "us" or "me" alone end sentences.
func isAbbreviation(w string) bool {
	var buf [32]byte // on the stack for any plausible word: this runs at every period
	b := buf[:0]
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
	// Letters and digits in ASCII fold byte by byte (lower case): look the
	// word up without building strings. Anything else takes Fold.
	var low [32]byte
	if len(b) <= len(low) {
		ascii := true
		for i, c := range b {
			if c >= utf8.RuneSelf || asciiFold[c] == 0 {
				ascii = false
				break
			}
			low[i] = asciiFold[c]
		}
		if ascii {
			return abbreviations[string(low[:len(b)])]
		}
	}
	return abbreviations[Fold(string(b))]
}

func trimSpan(s string, a, b int) (int, int) {
	for a < b {
		r, n := utf8.DecodeRuneInString(s[a:b])
		if !isTrimmable(r) {
			break
		}
		a += n
	}
	for a < b {
		r, n := utf8.DecodeLastRuneInString(s[a:b])
		if !isTrimmable(r) {
			break
		}
		b -= n
	}
	return a, b
}

func isTrimmable(r rune) bool {
	return unicode.IsSpace(r) || r == 0xFEFF || r == 0x200B || r == 0x200E || r == 0x200F
}
