package loader

// A hand-written decoder for the common shape of an input record.
//
// Why it exists: in the loader's CPU profile, json.Unmarshal of each ~4 KB
// article cost about 7% of the whole load (checkValid, unquoteBytes and
// reflection, each scanning the long body). Records are almost always a flat
// object of string fields, which a single pass can decode directly.
//
// It is a fast path only: whenever an input is not that common shape, or it is
// unsure how encoding/json would treat it, fastDecode reports false and the
// caller runs json.Unmarshal as before, so decoded values and error messages
// are exactly those of encoding/json. FuzzFastDecode checks that claim.

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeRaw decodes one record into r: the fast path, else json.Unmarshal.
func decodeRaw(raw []byte, r *rawArticle) error {
	if fastDecode(raw, r) {
		return nil
	}
	return json.Unmarshal(raw, r)
}

// fastDecode decodes raw, which must be valid UTF-8 (decodeRecord checks it
// first), into r and reports true, or leaves r untouched and reports false.
//
// Handled: one object, whitespace between tokens, keys spelled exactly as the
// json tags, string values with any valid escape, null values, unknown keys
// whose value is a string, true, false or null. Everything else falls back:
// key case variants or escaped keys (encoding/json folds them), numbers,
// nested objects and arrays, lone surrogates, control characters, syntax
// errors and anything after the closing brace.
func fastDecode(raw []byte, r *rawArticle) bool {
	// Decode into a local so that a fallback half-way starts from zero, as a
	// fresh json.Unmarshal would.
	var out rawArticle
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return false
	}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		i++
	} else {
		var ok bool
		if i, ok = members(raw, i, &out); !ok {
			return false
		}
	}
	if skipSpace(raw, i) != len(raw) {
		return false
	}
	*r = out
	return true
}

// members decodes `"key": value` pairs from raw[i:] up to and including the
// closing brace, and returns the offset after it.
func members(raw []byte, i int, out *rawArticle) (int, bool) {
	for {
		if i >= len(raw) || raw[i] != '"' {
			return 0, false
		}
		end, escaped, ok := scanString(raw, i)
		if !ok || escaped {
			return 0, false // an escaped key may spell a field name
		}
		key := raw[i+1 : end-1]
		i = skipSpace(raw, end)
		if i >= len(raw) || raw[i] != ':' {
			return 0, false
		}
		i = skipSpace(raw, i+1)
		if i, ok = value(raw, i, key, out); !ok {
			return 0, false
		}
		i = skipSpace(raw, i)
		if i >= len(raw) {
			return 0, false
		}
		switch raw[i] {
		case ',':
			i = skipSpace(raw, i+1)
		case '}':
			return i + 1, true
		default:
			return 0, false
		}
	}
}

// value decodes the value at raw[i:] for key and returns the offset after it.
func value(raw []byte, i int, key []byte, out *rawArticle) (int, bool) {
	str, ptr, known := field(key, out)
	if !known && mayFold(key) {
		return 0, false
	}
	if i >= len(raw) {
		return 0, false
	}
	switch raw[i] {
	case '"':
		end, escaped, ok := scanString(raw, i)
		if !ok {
			return 0, false
		}
		if known {
			s := unquote(raw[i+1:end-1], escaped)
			if str != nil {
				*str = s
			} else {
				ps := s // only the pointer fields' strings go to the heap
				*ptr = &ps
			}
		}
		return end, true
	case 'n':
		if !literal(raw, i, "null") {
			return 0, false
		}
		if ptr != nil {
			*ptr = nil // null leaves a plain string as it was
		}
		return i + 4, true
	case 't', 'f':
		// Into a string field this is a type error: leave it to encoding/json.
		if known {
			return 0, false
		}
		if literal(raw, i, "true") {
			return i + 4, true
		}
		if literal(raw, i, "false") {
			return i + 5, true
		}
	}
	return 0, false // numbers, objects, arrays, garbage
}

// field returns where the value of key goes: a string or a *string of out.
// known is false for a key that is not exactly one of the json tags.
func field(key []byte, out *rawArticle) (str *string, ptr **string, known bool) {
	switch string(key) {
	case "id":
		return nil, &out.ID, true
	case "url":
		return &out.URL, nil, true
	case "title":
		return &out.Title, nil, true
	case "body":
		return nil, &out.Body, true
	case "published":
		return &out.Published, nil, true
	case "source":
		return &out.Source, nil, true
	case "lang":
		return &out.Lang, nil, true
	}
	return nil, nil, false
}

// mayFold reports whether encoding/json might match key to a field although
// it is not spelled exactly as the tag: it matches names case-insensitively,
// with Unicode folds such as 'ſ' (U+017F) for s and the Kelvin sign for k.
// Erring on the side of true only costs a fallback, so any non-ASCII key, and
// any key whose letters alone, lowered, spell a field name, counts.
func mayFold(key []byte) bool {
	var buf [16]byte
	n := 0
	for _, c := range key {
		switch {
		case c >= utf8.RuneSelf:
			return true
		case 'a' <= c && c <= 'z':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			continue
		}
		if n == len(buf) {
			return false // longer than any field name
		}
		buf[n] = c
		n++
	}
	switch string(buf[:n]) {
	case "id", "url", "title", "body", "published", "source", "lang":
		return true
	}
	return false
}

func literal(raw []byte, i int, lit string) bool {
	return len(raw)-i >= len(lit) && string(raw[i:i+len(lit)]) == lit
}

func skipSpace(raw []byte, i int) int {
	for i < len(raw) {
		switch raw[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// stringByte marks the bytes that stop the plain scan of a string: the
// closing quote, a backslash, and control characters (a syntax error in JSON).
var stringByte = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// hasStringByte reports whether any of the eight bytes in x is a stringByte
// (the classic "has a byte less than n / equal to n" word tricks; exact as a
// yes-or-no answer, which is all the caller needs).
func hasStringByte(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	hasZero := func(v uint64) uint64 { return (v - ones) & ^v & highs }
	control := (x - ones*0x20) & ^x & highs
	return control|hasZero(x^(ones*'"'))|hasZero(x^(ones*'\\')) != 0
}

// scanString checks the string starting with the quote at raw[i] and returns
// the offset after its closing quote and whether it has escapes. It refuses
// control characters, unknown escapes and any \u surrogate that is not a
// valid high-low pair (encoding/json would turn those into U+FFFD; rare
// enough to leave to it).
func scanString(raw []byte, i int) (end int, escaped, ok bool) {
	i++
	for i < len(raw) {
		// Skip eight plain bytes at a time: most of a record is body text.
		for i+8 <= len(raw) && !hasStringByte(binary.LittleEndian.Uint64(raw[i:])) {
			i += 8
		}
		if i >= len(raw) {
			break
		}
		c := raw[i]
		if !stringByte[c] {
			i++
			continue
		}
		switch c {
		case '"':
			return i + 1, escaped, true
		case '\\':
			n := escapeLen(raw[i:])
			if n == 0 {
				return 0, false, false
			}
			escaped = true
			i += n
		default:
			return 0, false, false // control character
		}
	}
	return 0, false, false // unterminated
}

// escapeLen returns the length of the valid escape at the start of s (6 for
// \uXXXX, 12 for a surrogate pair, 2 otherwise), or 0.
func escapeLen(s []byte) int {
	if len(s) < 2 {
		return 0
	}
	switch s[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		r := hex4(s)
		switch {
		case r < 0:
			return 0
		case !utf16.IsSurrogate(rune(r)):
			return 6
		case r < 0xDC00 && len(s) >= 12 && s[6] == '\\' && s[7] == 'u':
			if lo := hex4(s[6:]); lo >= 0xDC00 && lo <= 0xDFFF {
				return 12
			}
		}
	}
	return 0
}

// hex4 decodes the four hex digits of the \uXXXX at the start of s, or -1.
func hex4(s []byte) int {
	if len(s) < 6 {
		return -1
	}
	r := 0
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | int(c)
	}
	return r
}

// unquote returns the content s of a string checked by scanString.
func unquote(s []byte, escaped bool) string {
	if !escaped {
		return string(s)
	}
	// The decoded text is never longer than the escaped one.
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		j := bytes.IndexByte(s, '\\')
		if j < 0 {
			b.Write(s)
			break
		}
		b.Write(s[:j])
		s = s[j:]
		n := escapeLen(s)
		switch s[1] {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r := rune(hex4(s))
			if n == 12 {
				r = utf16.DecodeRune(r, rune(hex4(s[6:])))
			}
			b.WriteRune(r)
		default: // " \ /
			b.WriteByte(s[1])
		}
		s = s[n:]
	}
	return b.String()
}
