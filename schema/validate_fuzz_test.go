package schema

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var codeRE = regexp.MustCompile(`^[A-Z][A-Z0-9_-]{1,31}$`)

// FuzzInputs checks the argument validators: they never panic, every value
// they accept is in canonical form, and every rejection is BAD_USER_INPUT.
func FuzzInputs(f *testing.F) {
	for _, s := range []string{"LY", "ly", " dz ", "ARAB-LEAGUE", "L", "1A", "2021", "2021-02", "2021-02-29", "2024-02-29", "28/11/2021", "مازن", "", "\x00", "\u202eLY", strings.Repeat("x", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if c, err := checkCode("code", in); err == nil {
			if !codeRE.MatchString(c) {
				t.Fatalf("checkCode(%q) accepted %q", in, c)
			}
		} else if ErrorCode(err) != CodeBadInput {
			t.Fatalf("checkCode(%q): %v", in, err)
		}
		for _, end := range []bool{false, true} {
			d, err := checkDate("from", &in, end)
			if err != nil {
				if ErrorCode(err) != CodeBadInput {
					t.Fatalf("checkDate(%q): %v", in, err)
				}
				continue
			}
			p, perr := time.Parse(time.DateOnly, d)
			if perr != nil || p.Format(time.DateOnly) != d {
				t.Fatalf("checkDate(%q) = %q, not a canonical date", in, d)
			}
			if !strings.HasPrefix(d, strings.TrimSpace(in)[:4]) {
				t.Fatalf("checkDate(%q) = %q changed the year", in, d)
			}
		}
		if s, err := checkText("text", in); err == nil {
			if !utf8.ValidString(s) || s == "" || utf8.RuneCountInString(s) > maxNameLen || s != strings.TrimSpace(s) {
				t.Fatalf("checkText(%q) accepted %q", in, s)
			}
		} else if ErrorCode(err) != CodeBadInput {
			t.Fatalf("checkText(%q): %v", in, err)
		}
		if err := checkID("id", in); err == nil && (in == "" || len(in) > maxIDLen || !utf8.ValidString(in) || strings.ContainsRune(in, 0)) {
			t.Fatalf("checkID accepted %q", in)
		}
	})
}
