package main

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseStatCPU(t *testing.T) {
	// Fields after the name: state ppid pgrp session tty tpgid flags minflt
	// cminflt majflt cmajflt utime stime cutime cstime …
	tail := " 0 0 0 0 0 0 0"
	tests := []struct {
		stat string
		want time.Duration
	}{
		{"1234 (diplograph) R 1 1234 1234 0 -1 4194560 9000 0 12 0 6123 1234" + tail, 73570 * time.Millisecond},
		{"1234 (dip lo) (graph)) S 1 1 1 0 -1 0 0 0 0 0 5 7" + tail, 120 * time.Millisecond},
		{"1234 (diplograph) R 1 1234 1234 0 -1 4194560 9000 0 12 0", 0}, // cut before utime
		{"1234 (diplograph) R 1 1234 1234 0 -1 4194560 9000 0 12 0 x 7" + tail, 0},
		{"1234 (diplograph) R 1 1234 1234 0 -1 4194560 9000 0 12 0 -5 7" + tail, 0},
		{"no parenthesis at all", 0},
		{"", 0},
	}
	for _, tc := range tests {
		if got := parseStatCPU(tc.stat); got != tc.want {
			t.Errorf("parseStatCPU(%q) = %v, want %v", tc.stat, got, tc.want)
		}
	}
	// This process's own line has the fields parseStatCPU reads (Linux).
	if raw, err := os.ReadFile("/proc/self/stat"); err == nil {
		if f := strings.Fields(string(raw)); len(f) < 15 {
			t.Fatalf("/proc/self/stat has %d fields", len(f))
		}
	}
}

// FuzzParseStatCPU: any line parses without panicking, and a stat line with
// any command name gives back its utime and stime.
func FuzzParseStatCPU(f *testing.F) {
	f.Add("diplograph", uint32(6123), uint32(1234))
	f.Add("a) (b", uint32(0), uint32(7))
	f.Fuzz(func(t *testing.T, name string, user, sys uint32) {
		parseStatCPU(name)
		line := fmt.Sprintf("42 (%s) R 1 42 42 0 -1 0 0 0 0 0 %d %d 0 0 20 0 1 0", name, user, sys)
		if got, want := parseStatCPU(line), time.Duration(int64(user)+int64(sys))*10*time.Millisecond; got != want {
			t.Errorf("parseStatCPU(%q) = %v, want %v", line, got, want)
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
