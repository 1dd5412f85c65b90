package eval

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Expected values were printed by score.py's norm() (Python 3.11).
var normTests = []struct{ in, want string }{
	{"لواء خالد مازن", "لواء خالد مازن"},
	{"خالدُ مَازِن", "خالد مازن"},        // harakat
	{"ـمـازن", "مازن"},                   // tatweel
	{"مؤتمر أإآٱىةؤئ", "موتمر اااايهوي"}, // AR_FOLD
	{"ﻻ اله", "لا اله"},                  // NFKC presentation form
	{"“بلجود”", "بلجود"},                 // quotes are punctuation
	{"١٢٣ 123", "١٢٣ 123"},               // Arabic-Indic digits are NOT folded
	{"Mohammad- Javad Zarif", "mohammad javad zarif"},
	{"  Kamel   BELDJOUD ", "kamel beldjoud"},
	{"François Hollande", "francois hollande"},
	{"Abd al-Rahman O'Neil", "abd al rahman o neil"},
	{"Hélène Marchand,", "helene marchand"},
	{"e\u0301", "e"},
	{"İstanbul", "istanbul"},
	{"ß Straße", "ß straße"},
	{"ﬁnance", "finance"},
	{"Ⅻ century", "xii century"},
	{"Ｆｕｌｌ", "full"},
	{"a\x1cb", "a b"}, // Python's isspace() includes U+001C..U+001F
	{"x_y", "x_y"},    // underscore is a word character
	{"\u200bzero width", "zero width"},
	{"Σ", "σ"},
	{"ΑΣ.", "ας"},    // final sigma
	{"ΑΣ'Β", "ασ β"}, // apostrophe is case-ignorable; a cased letter follows
	{"ΟΔΥΣΣΕΑΣ", "οδυσσεας"},
	{"", ""},
	{" - ' ", ""},
}

func TestNorm(t *testing.T) {
	for _, tc := range normTests {
		if got := Norm(tc.in); got != tc.want {
			t.Errorf("Norm(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNamesMatch(t *testing.T) {
	tests := []struct {
		a, b []string
		want bool
	}{
		{[]string{"Khaled Mazen"}, []string{"khaled mazen"}, true},
		{[]string{"لواء خالد مازن"}, []string{"خالد مازن"}, true}, // two-token containment
		{[]string{"Mazen"}, []string{"Khaled Mazen"}, false},      // one token is not enough
		{[]string{"Mazen", "Khaled Mazen"}, []string{"Mazen"}, true},
		{[]string{"Khaled Mazen"}, []string{"Mazen Khaled"}, false}, // order matters
		{[]string{"Ban Ki-moon"}, []string{"UN chief Ban Ki moon"}, true},
		{[]string{"al Sisi"}, []string{"Abdel Fattah al-Sisi"}, true},
		{[]string{"Fattah al"}, []string{"Abdel Fattah al-Sisi"}, true}, // whole tokens, any two
		{[]string{"Fatt al"}, []string{"Abdel Fattah al-Sisi"}, false},
		{nil, []string{"x y"}, false},
	}
	for _, tc := range tests {
		if got := namesMatch(forms(tc.a), forms(tc.b)); got != tc.want {
			t.Errorf("namesMatch(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestNormAgainstPython compares Norm with score.py's norm on the table above,
// every name in the examples, and random strings mixing the scripts and marks
// that matter.
func TestNormAgainstPython(t *testing.T) {
	py, script := scorePy(t)
	var in []string
	for _, tc := range normTests {
		in = append(in, tc.in)
	}
	for _, g := range readRaw(t, filepath.Join(examplesDir, "gold.jsonl")) {
		for _, o := range list(g["officials"]) {
			for _, a := range list(o.(map[string]any)["aliases"]) {
				in = append(in, str(a))
			}
		}
	}
	alphabet := []rune("abcXYZéÉçßİıΣσςΑ'-_.,;:!?\"“”«» \t\n\x1c\u00a0\u200b\u0640\u064b\u064e\u0651\u0670أإآٱىةؤئاخلدمزنبجو١٢3ﻻﬁＦⅫ\u0301\u0307한글")
	rng := rand.New(rand.NewPCG(42, 7))
	for range 400 {
		n := 1 + rng.IntN(12)
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		in = append(in, b.String())
	}
	payload, _ := json.Marshal(in)
	code := "import json,sys; sys.path.insert(0, sys.argv[1]); from score import norm; " +
		"print(json.dumps([norm(s) for s in json.load(sys.stdin)]))"
	cmd := exec.Command(py, "-c", code, filepath.Dir(script))
	cmd.Stdin = bytes.NewReader(payload)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	var want []string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	for i, s := range in {
		if got := Norm(s); got != want[i] {
			t.Errorf("Norm(%q) = %q, score.py %q", s, got, want[i])
		}
	}
}

// FuzzNorm checks the invariants the matcher relies on: the result is valid
// UTF-8, trimmed, single-spaced, free of hyphens, apostrophes and upper-case
// ASCII, and normalising twice changes nothing.
func FuzzNorm(f *testing.F) {
	for _, tc := range normTests {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Norm(s)
		if !utf8.ValidString(n) && utf8.ValidString(s) {
			t.Fatalf("Norm(%q) = %q: invalid UTF-8", s, n)
		}
		if strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") || strings.Contains(n, "  ") {
			t.Fatalf("Norm(%q) = %q: spacing", s, n)
		}
		if strings.ContainsAny(n, "-'ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\n") {
			t.Fatalf("Norm(%q) = %q: punctuation or upper case left", s, n)
		}
		if utf8.ValidString(s) {
			if n2 := Norm(n); n2 != n {
				t.Fatalf("Norm not idempotent on %q: %q then %q", s, n, n2)
			}
		}
	})
}
