package main

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseStat(t *testing.T) {
	// Fields after the name: state ppid pgrp session tty tpgid flags minflt
	// cminflt majflt cmajflt utime stime cutime cstime …
	tail := " 0 0 0 0 0 0 0"
	const tick = 10 * time.Millisecond
	tests := []struct {
		stat string
		want procStat
		ok   bool
	}{
		{"1234 (diplograph) R 1 1234 1234 0 -1 4194560 9000 55 12 3 6123 1234" + tail,
			procStat{user: 6123 * tick, sys: 1234 * tick, minflt: 9000, majflt: 12}, true},
		{"1234 (dip lo) (graph)) S 1 1 1 0 -1 0 0 0 0 0 5 7" + tail, procStat{user: 5 * tick, sys: 7 * tick}, true},
		{"1234 (diplograph) R 1 1234 1234 0 -1 4194560 9000 0 12 0", procStat{}, false}, // cut before utime
		{"1234 (diplograph) R 1 1234 1234 0 -1 4194560 9000 0 12 0 x 7" + tail, procStat{}, false},
		{"1234 (diplograph) R 1 1234 1234 0 -1 4194560 9000 0 12 0 -5 7" + tail, procStat{}, false},
		{"1234 (diplograph) R 1 1234 1234 0 -1 4194560 -9 0 12 0 5 7" + tail, procStat{}, false},
		{"1234 (diplograph) R 1 1234 1234 0 -1 4194560 9000 0 1e3 0 5 7" + tail, procStat{}, false},
		{"no parenthesis at all", procStat{}, false},
		{"", procStat{}, false},
	}
	for _, tc := range tests {
		if got, ok := parseStat(tc.stat); got != tc.want || ok != tc.ok {
			t.Errorf("parseStat(%q) = %+v, %v, want %+v, %v", tc.stat, got, ok, tc.want, tc.ok)
		}
	}
	// This process's own line parses, and a moment's work after it shows in
	// a second reading (Linux).
	if _, err := os.Stat("/proc/self/stat"); err == nil {
		before := readProcStat()
		if before.cpu() == 0 && before.faults() == 0 {
			t.Fatalf("/proc/self/stat read as %+v", before)
		}
		b := make([]byte, 64<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		if d := readProcStat().sub(before); d.faults() <= 0 || d.cpu() < 0 {
			t.Errorf("touching 64 MiB of new memory: %+v", d)
		}
	}
}

// FuzzParseStat: any line parses without panicking, and a stat line with
// any command name gives back its fault counts and CPU times.
func FuzzParseStat(f *testing.F) {
	f.Add("diplograph", uint32(9000), uint32(12), uint32(6123), uint32(1234))
	f.Add("a) (b", uint32(0), uint32(0), uint32(0), uint32(7))
	f.Fuzz(func(t *testing.T, name string, minflt, majflt, user, sys uint32) {
		parseStat(name)
		line := fmt.Sprintf("42 (%s) R 1 42 42 0 -1 0 %d 0 %d 0 %d %d 0 0 20 0 1 0", name, minflt, majflt, user, sys)
		want := procStat{user: time.Duration(user) * 10 * time.Millisecond, sys: time.Duration(sys) * 10 * time.Millisecond,
			minflt: int64(minflt), majflt: int64(majflt)}
		if got, ok := parseStat(line); !ok || got != want {
			t.Errorf("parseStat(%q) = %+v, %v, want %+v", line, got, ok, want)
		}
	})
}

func TestCheckAnswer(t *testing.T) {
	for _, tc := range []struct {
		body, err string // err: a substring of the error, "" for none
	}{
		{`{"data":{"search":[{"id":"official:1"}]}}`, ""},
		{`{"data":{"official":{"name":"x","meetings":{"edges":[]}}}}`, ""}, // something, if not every list
		{`{"data":{"country":null}}`, "country: empty answer (null)"},
		{`{"data":{"search":[]}}`, "search: empty answer ([])"},
		{`{"data":{"a":{"id":"x"},"b":{}}}`, "b: empty answer ({})"},
		{`{"data":null,"errors":[{"message":"boom"}]}`, "boom"},
		{`{}`, "no data"},
		{`{"data":`, "unexpected end"},
	} {
		err := checkAnswer([]byte(tc.body))
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.body, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: error %v, want one with %q", tc.body, err, tc.err)
		}
	}
}

func TestMedianFigure(t *testing.T) {
	for _, tc := range []struct {
		xs     []float64
		median float64
		figure string
	}{
		{[]float64{4100}, 4100, "4100"},
		{[]float64{3900, 4300}, 4100, "4100 (3900-4300)"},
		{[]float64{4303, 3832, 4193}, 4193, "4193 (3832-4303)"},
		{[]float64{9, 1, 7, 3}, 5, "5 (1-9)"},
	} {
		if got := median(tc.xs); got != tc.median {
			t.Errorf("median(%v) = %v, want %v", tc.xs, got, tc.median)
		}
		if got := figure(tc.xs, "%.0f"); got != tc.figure {
			t.Errorf("figure(%v) = %q, want %q", tc.xs, got, tc.figure)
		}
	}
	if got := durations([]float64{1.5}); got != "1.5s" {
		t.Errorf("durations of one run = %q", got)
	}
	if got := durations([]float64{1.5, 2.25}); got != "3.8s in all" {
		t.Errorf("durations of two runs = %q", got)
	}
}
