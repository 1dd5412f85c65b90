package gen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestGenerate(t *testing.T) {
	var buf bytes.Buffer
	if err := Generate(&buf, Options{N: 600, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	langs := map[string]int{}
	ids := map[string]bool{}
	total, n := 0, 0
	for sc.Scan() {
		var a Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		n++
		if a.ID == "" || a.Body == "" || a.Title == "" || len(a.Published) != 10 {
			t.Fatalf("line %d: incomplete article %+v", n, a)
		}
		if ids[a.ID] {
			t.Fatalf("duplicate id %s", a.ID)
		}
		ids[a.ID] = true
		if !utf8.ValidString(a.Body) {
			t.Fatalf("%s: invalid UTF-8", a.ID)
		}
		langs[a.Lang]++
		total += len(a.Body)
		if a.Lang == "ar" && !strings.ContainsRune(a.Body, 'و') {
			t.Fatalf("%s: Arabic article without Arabic text", a.ID)
		}
	}
	if n != 600 {
		t.Fatalf("got %d articles, want 600", n)
	}
	for _, l := range []string{"ar", "en", "fr"} {
		if langs[l] < 120 {
			t.Errorf("only %d %s articles of 600", langs[l], l)
		}
	}
	if avg := total / n; avg < 2000 || avg > 6000 {
		t.Errorf("average body %d bytes, want about 3 KB", avg)
	}
}

func TestGenerateDeterministic(t *testing.T) {
	var a, b, c bytes.Buffer
	if err := Generate(&a, Options{N: 50, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if err := Generate(&b, Options{N: 50, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if err := Generate(&c, Options{N: 50, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("same seed gave different corpora")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("different seeds gave the same corpus")
	}
}

// TestGenerateTurnover: without terms a seat has one minister for the whole
// corpus; with Turnover T a minister takes part in about T events.
func TestGenerateTurnover(t *testing.T) {
	var stable, again bytes.Buffer
	g0, err := generate(&stable, Options{N: 3000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if g0.terms != len(g0.holders) || g0.terms > len(g0.w.countries)*len(portfolios) {
		t.Errorf("no turnover: %d ministers for %d seats", g0.terms, len(g0.holders))
	}
	for _, turnover := range []int{3, 10, 40} {
		again.Reset()
		g, err := generate(&again, Options{N: 3000, Seed: 3, Turnover: turnover})
		if err != nil {
			t.Fatal(err)
		}
		// Each seat's first minister takes office unconditionally; the
		// terms after are one per Turnover uses on average.
		later := float64(g.uses-len(g.holders)) / float64(g.terms-len(g.holders))
		if later < float64(turnover)*0.7 || later > float64(turnover)*1.4 {
			t.Errorf("turnover %d: %d uses, %d terms (%d seats): %.1f events per later term",
				turnover, g.uses, g.terms, len(g.holders), later)
		}
		if bytes.Equal(stable.Bytes(), again.Bytes()) {
			t.Errorf("turnover %d: the same corpus as without terms", turnover)
		}
	}
	if _, err := generate(&again, Options{N: 1, Turnover: -1}); err == nil {
		t.Error("negative turnover accepted")
	}
}

func TestGenerateErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := Generate(&buf, Options{N: 1, Langs: []string{"de"}}); err == nil {
		t.Error("unknown language accepted")
	}
	if err := Generate(&buf, Options{N: -1}); err == nil {
		t.Error("negative count accepted")
	}
}

func BenchmarkGenerate(b *testing.B) {
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Generate(&buf, Options{N: 100, Seed: 3}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
