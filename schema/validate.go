package schema

import (
	"encoding/base64"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"diplograph/graph"
)

// Input limits. Ids and cursors are opaque but short; nothing longer can be
// valid, and a bound keeps store keys small.
const (
	maxIDLen      = 256
	maxCursorLen  = 512
	maxNameLen    = 200
	maxCodeLen    = 32
	maxBetween    = 8
	maxDepthHops  = 3
	defaultHops   = 1
	defaultNbrMax = 100
)

// checkID validates an opaque id: non-empty, valid UTF-8, no control
// characters, at most maxIDLen bytes.
func checkID(arg, id string) error {
	if id == "" {
		return badInput("%s: must not be empty", arg)
	}
	if len(id) > maxIDLen {
		return badInput("%s: longer than %d bytes", arg, maxIDLen)
	}
	if !utf8.ValidString(id) {
		return badInput("%s: not valid UTF-8", arg)
	}
	for _, r := range id {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return badInput("%s: contains a control character", arg)
		}
	}
	return nil
}

// optID validates an optional id and returns "" for null.
func optID(arg string, id *string) (string, error) {
	if id == nil {
		return "", nil
	}
	if err := checkID(arg, *id); err != nil {
		return "", err
	}
	return *id, nil
}

// checkCode validates and normalises a country or organisation code:
// ISO 3166-1 alpha-2 ("LY") or an organisation code ("ARAB-LEAGUE"),
// upper-cased.
func checkCode(arg, code string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(code))
	if c == "" {
		return "", badInput("%s: empty country code", arg)
	}
	if len(c) > maxCodeLen {
		return "", badInput("%s: country code longer than %d characters", arg, maxCodeLen)
	}
	for i := 0; i < len(c); i++ {
		b := c[i]
		ok := b >= 'A' && b <= 'Z' || i > 0 && (b >= '0' && b <= '9' || b == '-' || b == '_')
		if !ok {
			return "", badInput("%s: %q is not a country code (ISO 3166-1 alpha-2 such as LY, or an organisation code such as ARAB-LEAGUE)", arg, truncate(code))
		}
	}
	if len(c) < 2 {
		return "", badInput("%s: %q is not a country code", arg, truncate(code))
	}
	return c, nil
}

func optCode(arg string, code *string) (string, error) {
	if code == nil {
		return "", nil
	}
	return checkCode(arg, *code)
}

// checkBetween validates a list of party codes: 1 to maxBetween distinct codes.
func checkBetween(codes *[]string) ([]string, error) {
	if codes == nil {
		return nil, nil
	}
	if len(*codes) == 0 {
		return nil, badInput("between: give at least one country code")
	}
	if len(*codes) > maxBetween {
		return nil, badInput("between: at most %d country codes", maxBetween)
	}
	out := make([]string, 0, len(*codes))
	seen := map[string]bool{}
	for _, c := range *codes {
		n, err := checkCode("between", c)
		if err != nil {
			return nil, err
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, nil
}

// checkDate validates a date filter. YYYY, YYYY-MM and YYYY-MM-DD are
// accepted; a partial date stands for its first day (from) or its last day
// (to), so from: "2021", to: "2021" is the whole year.
func checkDate(arg string, d *string, end bool) (string, error) {
	if d == nil {
		return "", nil
	}
	s := strings.TrimSpace(*d)
	var t time.Time
	var err error
	switch len(s) {
	case 4:
		t, err = time.Parse("2006", s)
		if err == nil && end {
			t = t.AddDate(1, 0, -1)
		}
	case 7:
		t, err = time.Parse("2006-01", s)
		if err == nil && end {
			t = t.AddDate(0, 1, -1)
		}
	case 10:
		t, err = time.Parse(time.DateOnly, s)
	default:
		err = errBadDate
	}
	if err != nil {
		return "", badInput("%s: %q is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", arg, truncate(*d))
	}
	return t.Format(time.DateOnly), nil
}

type constErr string

func (e constErr) Error() string { return string(e) }

const errBadDate = constErr("bad date")

// checkRange validates from/to and that from is not after to.
func checkRange(from, to *string) (string, string, error) {
	f, err := checkDate("from", from, false)
	if err != nil {
		return "", "", err
	}
	t, err := checkDate("to", to, true)
	if err != nil {
		return "", "", err
	}
	if f != "" && t != "" && f > t {
		return "", "", badInput("from (%s) is after to (%s)", f, t)
	}
	return f, t, nil
}

var (
	meetingKinds   = []string{graph.MeetingVisit, graph.MeetingMeeting, graph.MeetingCall, graph.MeetingSummit}
	agreementKinds = []string{graph.AgreementAgreement, graph.AgreementMoU, graph.AgreementTreaty, graph.AgreementJointStatement, graph.AgreementCommitment}
)

// checkKind validates an event kind against the known ones.
func checkKind(kind *string, known []string) (string, error) {
	if kind == nil {
		return "", nil
	}
	k := strings.ToLower(strings.TrimSpace(*kind))
	for _, v := range known {
		if k == v {
			return k, nil
		}
	}
	return "", badInput("kind: %q is not one of %s", truncate(*kind), strings.Join(known, ", "))
}

// checkLang validates a language argument: ar, en or fr (case-insensitive);
// null means the canonical form.
func checkLang(lang *string) (string, error) {
	if lang == nil {
		return "", nil
	}
	l := strings.ToLower(strings.TrimSpace(*lang))
	switch l {
	case graph.LangArabic, graph.LangEnglish, graph.LangFrench:
		return l, nil
	}
	return "", badInput("lang: %q is not one of ar, en, fr", truncate(*lang))
}

// checkText validates free text (a name filter or a search): trimmed,
// non-empty, valid UTF-8, at most maxNameLen characters.
func checkText(arg, s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", badInput("%s: not valid UTF-8", arg)
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return "", badInput("%s: must not be empty", arg)
	}
	if utf8.RuneCountInString(t) > maxNameLen {
		return "", badInput("%s: longer than %d characters", arg, maxNameLen)
	}
	if strings.ContainsRune(t, 0) {
		return "", badInput("%s: contains a NUL character", arg)
	}
	return t, nil
}

// page validates first/after against the schema's page size and cap.
// first: 0 is allowed and returns no items (for totalCount alone).
func (s *Schema) page(first *int32, after *string) (graph.Page, int, error) {
	n := s.pageSize
	if first != nil {
		n = int(*first)
	}
	if n < 0 {
		return graph.Page{}, 0, badInput("first: must not be negative")
	}
	if n > s.maxPageSize {
		return graph.Page{}, 0, limitErr(LimitFirst, "first: %d is above the maximum page size %d (limit %s)", n, s.maxPageSize, LimitFirst)
	}
	p := graph.Page{First: max(n, 1)}
	if after != nil && *after != "" {
		c := *after
		// Cursors are the graph's, base64url without padding; checking the
		// form here turns a forged cursor into BAD_USER_INPUT rather than
		// a store error.
		if _, err := base64.RawURLEncoding.DecodeString(c); err != nil || len(c) > maxCursorLen {
			return graph.Page{}, 0, badInput("after: not a cursor from this API")
		}
		p.After = c
	}
	return p, n, nil
}

// limitArg validates an optional count argument (search first, neighborhood
// limit) with a default and the page cap.
func (s *Schema) limitArg(arg string, v *int32, def int) (int, error) {
	n := def
	if v != nil {
		n = int(*v)
	}
	if n < 1 {
		return 0, badInput("%s: must be at least 1", arg)
	}
	if n > s.maxPageSize {
		return 0, limitErr(LimitFirst, "%s: %d is above the maximum %d (limit %s)", arg, n, s.maxPageSize, LimitFirst)
	}
	return n, nil
}

// truncate shortens user input echoed in an error message.
func truncate(s string) string {
	const n = 40
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
