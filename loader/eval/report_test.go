package eval

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestRound3(t *testing.T) {
	// Python: round(0.8125, 3) == 0.812, round(0.0625, 3) == 0.062 (ties to
	// even on exact binary values); round(0.0005, 3) == 0.001 and
	// round(0.0015, 3) == 0.002 (their binary values lie above the tie).
	for in, want := range map[float64]float64{0.8125: 0.812, 0.0625: 0.062, 2.0 / 3: 0.667, 0.0005: 0.001, 0.0015: 0.002, 1: 1, 0: 0} {
		if got := round3(in); got != want {
			t.Errorf("round3(%v) = %v, want %v", in, got, want)
		}
	}
}

func TestPRFValues(t *testing.T) {
	tests := []struct {
		prf     PRF
		p, r, f float64
	}{
		{PRF{0, 0, 0}, 1, 1, 1}, // nothing expected, nothing found
		{PRF{0, 0, 3}, 0, 0, 0}, // nothing found, something expected
		{PRF{0, 2, 0}, 0, 1, 0}, // only false positives
		{PRF{1, 1, 2}, 0.5, 1.0 / 3, 0.4},
	}
	for _, tc := range tests {
		p, r, f := tc.prf.Values()
		if p != tc.p || r != tc.r || round3(f) != round3(tc.f) {
			t.Errorf("%+v: %v %v %v, want %v %v %v", tc.prf, p, r, f, tc.p, tc.r, tc.f)
		}
	}
}

func TestPyFloat(t *testing.T) {
	for in, want := range map[float64]string{1: "1.0", 0: "0.0", 0.73: "0.73", 0.001: "0.001", 0.00005: "5e-05", 1e16: "1e+16", 123.5: "123.5"} {
		if got := pyFloat(in); got != want {
			t.Errorf("pyFloat(%v) = %q, want %q", in, got, want)
		}
	}
	if got := pyJSONString("a\"b\\c\n\x01é"); got != `"a\"b\\c\n\u0001é"` {
		t.Errorf("pyJSONString = %s", got)
	}
}

func TestMainArgs(t *testing.T) {
	gold := filepath.Join(examplesDir, "gold.jsonl")
	tests := []struct {
		args []string
		want string // error substring, "" for success
	}{
		{nil, "want GOLD and EXTRACTION, got 0 paths"},
		{[]string{gold}, "got 1 paths"},
		{[]string{gold, gold, "--articles"}, "--articles needs a path"},
		{[]string{gold, gold, "--verbose"}, "unknown flag --verbose"},
		{[]string{gold, "nope.jsonl"}, "nope.jsonl"},
		{[]string{gold, gold, "--articles=" + filepath.Join(examplesDir, "articles.jsonl")}, ""},
		{[]string{"--json", gold, gold}, ""},
	}
	for _, tc := range tests {
		var out bytes.Buffer
		err := Main(tc.args, &out)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("Main(%q): %v", tc.args, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("Main(%q) = %v, want error containing %q", tc.args, err, tc.want)
		}
	}
	if err := Main(nil, &bytes.Buffer{}); !errors.Is(err, ErrUsage) {
		t.Errorf("usage error %v does not wrap ErrUsage", err)
	}
	var out bytes.Buffer
	if err := Main([]string{gold, gold}, &out); err != nil || !strings.HasSuffix(out.String(), "macro-F1 1.000\n") {
		t.Errorf("gold against itself: %v\n%s", err, out.String())
	}
}
