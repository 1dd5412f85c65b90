package graph

// A fast path for reading a few fields of an official's stored record.
//
// Why it exists: a depth-2 neighbourhood labels and expands a few hundred
// officials, and each stored official is ~9 KB of JSON, mostly the sources
// of its names and roles, of which the walk needs the name, the country and
// the roles' titles, ministries and start dates. json.Unmarshal validates
// and scans all of it: a sixth of a neighbourhood's CPU at 1M articles.
// Skipping the rest byte by byte is several times cheaper.
//
// It is a fast path only: records are written by encoding/json, and whenever
// a record is not in the shape it writes (a key spelled in another case or
// escaped, which encoding/json folds; a wanted field of the wrong type; a
// string with an escape), the fast path reports false and the caller decodes
// with encoding/json as before, so the values are those encoding/json gives.
// Skipped values are not validated: a record that is not JSON at all may
// read where encoding/json would have failed, which stored records, written
// by encoding/json, never are. FuzzLeanOfficial checks the claim.

import (
	"bytes"
	"unicode/utf8"
)

// leanOfficial is what a neighbourhood shows of an official.
type leanOfficial struct {
	Country string     `json:"country"`
	Name    string     `json:"name"`
	Roles   []leanRole `json:"roles"`
}

type leanRole struct {
	Title    string `json:"title"`
	Ministry string `json:"ministry"`
	From     string `json:"from"`
}

// decodeLeanOfficial decodes b into o: the fast path, else encoding/json.
func decodeLeanOfficial(b []byte, o *leanOfficial) error {
	if fastLeanOfficial(b, o) {
		return nil
	}
	*o = leanOfficial{}
	return decode(b, o)
}

// fastLeanOfficial decodes b into o and reports true, or reports false.
func fastLeanOfficial(b []byte, o *leanOfficial) bool {
	var out leanOfficial
	end, ok := eachMember(b, 0, func(key, val []byte) bool {
		switch {
		case string(key) == "country":
			return plainString(val, &out.Country)
		case string(key) == "name":
			return plainString(val, &out.Name)
		case string(key) == "roles":
			return leanRoles(val, &out.Roles)
		}
		return !foldsTo(key, "country", "name", "roles")
	})
	if !ok || skipWS(b, end) != len(b) {
		return false
	}
	*o = out
	return true
}

func leanRoles(val []byte, roles *[]leanRole) bool {
	if string(val) == "null" {
		*roles = nil
		return true
	}
	if len(val) == 0 || val[0] != '[' {
		return false
	}
	out := []leanRole{}
	i := skipWS(val, 1)
	if i < len(val) && val[i] == ']' {
		*roles = out
		return i+1 == len(val)
	}
	for {
		var r leanRole
		if i < len(val) && val[i] == 'n' {
			// null element: encoding/json leaves a zero role.
			if !bytes.HasPrefix(val[i:], []byte("null")) {
				return false
			}
			i += len("null")
		} else {
			end, ok := eachMember(val, i, func(key, v []byte) bool {
				switch {
				case string(key) == "title":
					return plainString(v, &r.Title)
				case string(key) == "ministry":
					return plainString(v, &r.Ministry)
				case string(key) == "from":
					return plainString(v, &r.From)
				}
				return !foldsTo(key, "title", "ministry", "from")
			})
			if !ok {
				return false
			}
			i = end
		}
		out = append(out, r)
		i = skipWS(val, i)
		if i >= len(val) {
			return false
		}
		switch val[i] {
		case ',':
			i = skipWS(val, i+1)
		case ']':
			*roles = out
			return i+1 == len(val)
		default:
			return false
		}
	}
}

// eachMember walks the object starting at b[i] (after spaces), calling fn
// with each key (unquoted, escapes left as they are) and raw value; fn
// returns false to give up. It returns the index after the closing brace.
func eachMember(b []byte, i int, fn func(key, val []byte) bool) (int, bool) {
	i = skipWS(b, i)
	if i >= len(b) || b[i] != '{' {
		return 0, false
	}
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, true
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return 0, false
		}
		kend, ok := skipString(b, i)
		if !ok {
			return 0, false
		}
		key := b[i+1 : kend-1]
		i = skipWS(b, kend)
		if i >= len(b) || b[i] != ':' {
			return 0, false
		}
		i = skipWS(b, i+1)
		vend, ok := skipValue(b, i)
		if !ok || !fn(key, b[i:vend]) {
			return 0, false
		}
		i = skipWS(b, vend)
		if i >= len(b) {
			return 0, false
		}
		switch b[i] {
		case ',':
			i = skipWS(b, i+1)
		case '}':
			return i + 1, true
		default:
			return 0, false
		}
	}
}

// foldsTo reports whether key is not one of names but encoding/json could
// match it to one (case folding, escapes, non-ASCII folds such as the Kelvin
// sign): the fast path then gives up.
func foldsTo(key []byte, names ...string) bool {
	for _, c := range key {
		if c == '\\' || c >= utf8.RuneSelf {
			return true
		}
	}
	for _, n := range names {
		if string(key) != n && bytes.EqualFold(key, []byte(n)) {
			return true
		}
	}
	return false
}

// plainString sets *s to the JSON string val if it has no escapes and is
// valid UTF-8 (anything else is left to encoding/json); null leaves *s as
// it is, as encoding/json does.
func plainString(val []byte, s *string) bool {
	if string(val) == "null" {
		return true
	}
	if len(val) < 2 || val[0] != '"' || val[len(val)-1] != '"' {
		return false
	}
	body := val[1 : len(val)-1]
	if bytes.IndexByte(body, '\\') >= 0 || !utf8.Valid(body) {
		return false
	}
	for _, c := range body {
		if c < 0x20 {
			return false
		}
	}
	*s = string(body)
	return true
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at b[i] == '"'.
func skipString(b []byte, i int) (int, bool) {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1, true
		}
	}
	return 0, false
}

// skipValue returns the index after the value starting at b[i]: a string, an
// object or array (brackets counted, strings skipped), or a literal or
// number (up to the next delimiter).
func skipValue(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return 0, false
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end, ok := skipString(b, j)
				if !ok {
					return 0, false
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}
		return 0, false
	}
	j := i
	for j < len(b) {
		switch b[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			if j == i {
				return 0, false
			}
			return j, true
		}
		j++
	}
	if j == i {
		return 0, false
	}
	return j, true
}
