package extract

import (
	"slices"
	"strings"
	"testing"
)

var fieldsSeeds = []string{"", " ", "a", " a  b ", "خالد مازن", "a\tb\nc\u00a0d\u0085e\u2003f", "\xff \xfe", "x\u3000y", "ولد الشيخ أحمد"}

// appendFields and containsJoined replace strings.Fields and a
// strings.Join comparison in hot paths: they must agree with them on any input.
func checkFields(t *testing.T, s string) {
	t.Helper()
	want := strings.Fields(s)
	got := appendFields(nil, s)
	if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Fatalf("appendFields(%q) = %q, strings.Fields %q", s, got, want)
	}
	// Split s at its spaces and at its words' midpoints, so both joined
	// matches and near misses are tried.
	for _, toks := range [][]string{want, strings.Split(s, " "), {s}, nil, {s, s}} {
		forms := []string{s, strings.Join(want, " "), strings.TrimSpace(s)}
		if g, w := containsJoined(forms, toks), slices.Contains(forms, strings.Join(toks, " ")); g != w {
			t.Fatalf("containsJoined(%q, %q) = %v, want %v", forms, toks, g, w)
		}
	}
}

func TestFieldsHelpers(t *testing.T) {
	for _, s := range fieldsSeeds {
		checkFields(t, s)
	}
}

func FuzzFieldsHelpers(f *testing.F) {
	for _, s := range fieldsSeeds {
		f.Add(s)
	}
	f.Fuzz(checkFields)
}
