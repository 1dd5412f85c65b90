package loader

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"diplograph/loader/extract"
)

// MaxIDBytes bounds an article id: ids end up in keys, cursors and URLs.
const MaxIDBytes = 512

// rawArticle is the wire form. id and body are pointers so that a missing field
// ("id: missing") can be told from an empty one ("id: empty").
type rawArticle struct {
	ID        *string `json:"id"`
	URL       string  `json:"url"`
	Title     string  `json:"title"`
	Body      *string `json:"body"`
	Published string  `json:"published"`
	Source    string  `json:"source"`
	Lang      string  `json:"lang"`
}

// problem is a rejection before the file and line are attached.
type problem struct {
	id, field, text string
}

func reject(field, format string, args ...any) *problem {
	return &problem{field: field, text: fmt.Sprintf(format, args...)}
}

// decodeRecord validates and cleans one raw JSON record.
//
// Decisions (documented in doc.go):
//   - invalid UTF-8 anywhere: rejected (encoding/json would silently turn it into
//     U+FFFD and the article would be stored corrupted);
//   - NUL (U+0000) in any field: rejected; it means binary or UTF-16 data, and it
//     is the separator of the content hash;
//   - bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates) and U+FEFF:
//     stripped from title, body and source (they only steer display, and an
//     override would let a sentence quoted as evidence read differently from
//     what is stored); in an id they are rejected, since ids must read as they
//     compare;
//   - id: surrounding spaces trimmed; other control or format characters rejected;
//   - body: CRLF and lone CR become LF (paragraphs are separated by \n);
//   - published: "" or YYYY-MM-DD; an RFC 3339 timestamp is cut to its date;
//   - lang: ar, en or fr (case-insensitive, region dropped: "ar-LY" → ar); when
//     absent it is detected from the script and common words of the text.
func decodeRecord(raw []byte) (a extract.Article, cleaned int, p *problem) {
	return decodeRecordWith(raw, decodeRaw)
}

// DecodeArticle decodes, checks and cleans one JSON article record exactly as
// the reader does (the same fast decoder and rules, see decodeRecord), for
// callers that split the input themselves, like the bench's raw-write
// ceiling, which must not be slowed by a slower decoder than the load's. The
// error reads "field: problem"; the caller adds where.
func DecodeArticle(raw []byte) (extract.Article, error) {
	a, _, p := decodeRecord(raw)
	if p != nil {
		return extract.Article{}, errors.New(p.field + ": " + p.text)
	}
	return a, nil
}

// decodeRecordWith is decodeRecord with the JSON decoding step given, so that
// tests can compare the fast path with plain json.Unmarshal.
func decodeRecordWith(raw []byte, decode func([]byte, *rawArticle) error) (a extract.Article, cleaned int, p *problem) {
	if i := invalidUTF8(raw); i >= 0 {
		return a, 0, reject(fieldAt(raw, i), "invalid UTF-8 at byte %d", i)
	}
	if len(raw) == 0 || raw[0] != '{' {
		return a, 0, reject("record", "not a JSON object (starts with %s)", startOf(raw))
	}
	var r rawArticle
	if err := decode(raw, &r); err != nil {
		return a, 0, jsonProblem(raw, err)
	}
	if r.ID == nil {
		return a, 0, reject("id", "missing")
	}
	id := strings.TrimSpace(*r.ID)
	switch {
	case id == "":
		return a, 0, reject("id", "empty")
	case len(id) > MaxIDBytes:
		return a, 0, reject("id", "longer than %d bytes", MaxIDBytes)
	}
	for _, c := range id {
		if unicode.IsControl(c) || unicode.Is(unicode.Cf, c) {
			return a, 0, &problem{field: "id", text: fmt.Sprintf("contains control or format character %U", c)}
		}
	}
	withID := func(p *problem) *problem { p.id = id; return p }
	if r.Body == nil {
		return a, 0, withID(reject("body", "missing"))
	}
	fields := []struct {
		name string
		v    *string
	}{{"url", &r.URL}, {"title", &r.Title}, {"body", r.Body}, {"published", &r.Published}, {"source", &r.Source}, {"lang", &r.Lang}}
	for _, f := range fields {
		if i := strings.IndexByte(*f.v, 0); i >= 0 {
			return a, 0, withID(reject(f.name, "NUL character at byte %d (binary or UTF-16 data?)", i))
		}
	}
	body, n := stripBidi(*r.Body)
	cleaned += n
	body = normalizeNewlines(body)
	if strings.TrimSpace(body) == "" {
		return a, 0, withID(reject("body", "empty"))
	}
	title, n := stripBidi(r.Title)
	cleaned += n
	source, n := stripBidi(r.Source)
	cleaned += n
	published, ok := isoDate(r.Published)
	if !ok {
		return a, 0, withID(reject("published", "%q is not an ISO date (YYYY-MM-DD)", clip(r.Published, 40)))
	}
	lang, ok := normalizeLang(r.Lang)
	if !ok {
		return a, 0, withID(reject("lang", "unsupported language %q (ar, en or fr)", clip(r.Lang, 20)))
	}
	if lang == "" {
		lang = DetectLang(title + "\n" + body)
	}
	return extract.Article{
		ID:        id,
		URL:       strings.TrimSpace(r.URL),
		Title:     strings.TrimSpace(title),
		Body:      body,
		Published: published,
		Source:    strings.TrimSpace(source),
		Lang:      lang,
	}, cleaned, nil
}

// jsonProblem turns an encoding/json error into a field and a reason.
func jsonProblem(raw []byte, err error) *problem {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "record"
		}
		return reject(field, "want a %s, got %s", te.Type, te.Value)
	case errors.As(err, &se):
		return reject("record", "invalid JSON at byte %d: %s", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
	}
	return reject("record", "invalid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// invalidUTF8 returns the offset of the first invalid UTF-8 byte, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// fieldAt names the top-level field whose key or value contains byte offset
// off of the JSON object raw, for error messages. It is only called on the
// error path, so a simple scan is fine; "record" when no field matches.
func fieldAt(raw []byte, off int) string {
	depth, inStr, esc, expectKey := 0, false, false, false
	key, start := "", 0
	for i := 0; i < len(raw) && i < off; i++ {
		c := raw[i]
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
				if depth == 1 && expectKey {
					key, expectKey = string(raw[start+1:i]), false
				}
			}
			continue
		}
		switch c {
		case '"':
			inStr, start = true, i
		case '{', '[':
			depth++
			if depth == 1 && c == '{' {
				expectKey = true
			}
		case '}', ']':
			depth--
		case ',':
			if depth == 1 {
				expectKey = true
			}
		}
	}
	if key == "" || (inStr && depth == 1 && expectKey) {
		return "record" // before any key, or inside a key
	}
	return keyName(key)
}

// keyName is a key as an error names it, or "record" when the key could not
// be a field's name: not UTF-8, too long, or with a control character (raw
// ones are not JSON, and a newline would split the error's line).
func keyName(k string) string {
	if !utf8.ValidString(k) || len(k) > 40 || strings.ContainsFunc(k, unicode.IsControl) {
		return "record"
	}
	return k
}

func startOf(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	r, _ := utf8.DecodeRune(raw)
	return fmt.Sprintf("%q", r)
}

// isBidi reports the characters stripped from text: explicit directional
// marks, embeddings, overrides, isolates, and U+FEFF (a stray BOM).
func isBidi(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F, r == 0xFEFF:
		return true
	case r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// stripBidi removes bidi controls and reports how many it removed. It does not
// allocate when there is none (the common case).
func stripBidi(s string) (string, int) {
	// All stripped runes are three bytes in UTF-8 except U+061C (two): their
	// lead bytes are 0xD8 and 0xE2/0xEF; skip the scan when none is present.
	if strings.IndexByte(s, 0xE2) < 0 && strings.IndexByte(s, 0xEF) < 0 && !strings.Contains(s, "\u061C") {
		return s, 0
	}
	n := 0
	for _, r := range s {
		if isBidi(r) {
			n++
		}
	}
	if n == 0 {
		return s, 0
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if !isBidi(r) {
			b.WriteRune(r)
		}
	}
	return b.String(), n
}

func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// isoDate accepts "" and YYYY-MM-DD; an RFC 3339 timestamp is cut to its date.
func isoDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if len(s) >= 10 {
		if _, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			if len(s) == 10 {
				return s, true
			}
			if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
				return s[:10], true
			}
			if _, err := time.Parse(time.DateTime, s); err == nil {
				return s[:10], true
			}
		}
	}
	return "", false
}

// normalizeLang maps "AR", "ar-LY", "fr_FR" to ar/en/fr; "" stays "" (detect).
func normalizeLang(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case "", "ar", "en", "fr":
		return s, true
	case "ara", "arabic":
		return "ar", true
	case "eng", "english":
		return "en", true
	case "fra", "fre", "french", "français", "francais":
		return "fr", true
	}
	return "", false
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// frenchWords and englishWords are frequent function words that tell the two
// Latin-script languages apart on a few hundred words of news text.
var (
	frenchWords  = []string{"le", "la", "les", "des", "du", "et", "une", "est", "dans", "pour", "avec", "sur", "au", "aux", "qui"}
	englishWords = []string{"the", "and", "of", "to", "in", "a", "is", "for", "with", "on", "that", "by", "was", "his", "said"}
)

// DetectLang guesses ar, en or fr from the first few KB of text: Arabic when
// Arabic letters outnumber Latin ones, otherwise French or English by their
// function words and accented letters. Used when an article has no lang.
func DetectLang(s string) string {
	if len(s) > 8192 {
		s = s[:8192]
	}
	arabic, latin := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			arabic++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	if arabic > latin {
		return "ar"
	}
	fr, en := 0, 0
	for w := range strings.FieldsFuncSeq(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		for _, f := range frenchWords {
			if w == f {
				fr++
			}
		}
		for _, e := range englishWords {
			if w == e {
				en++
			}
		}
		if strings.ContainsAny(w, "éèêàçùâîôœ") {
			fr++
		}
	}
	if fr > en {
		return "fr"
	}
	return "en"
}
