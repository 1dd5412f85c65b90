package extract

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"diplograph/loader/gen"
)

// benchArticles returns about 3 KB articles per language: the dev articles of
// that language concatenated to 3 KB when the dev set is present, else the
// table-test texts repeated.
func benchArticles(b *testing.B, lang string) []Article {
	var texts []string
	if arts := filepath.Join(devDir(), "articles.jsonl"); fileExists(arts) {
		for _, a := range readArticles(b, arts) {
			if a.Lang == lang {
				texts = append(texts, a.Title+"\n"+a.Body)
			}
		}
	}
	if len(texts) == 0 {
		b.Skip("no articles for " + lang)
	}
	var out []Article
	for i := range texts {
		var sb strings.Builder
		for k := i; sb.Len() < 3000; k++ {
			sb.WriteString(texts[k%len(texts)])
			sb.WriteString("\n")
		}
		out = append(out, Article{ID: "b", Body: sb.String()[:3000], Lang: lang, Published: "2024-01-01"})
	}
	return out
}

func benchmarkLang(b *testing.B, lang string) {
	arts := benchArticles(b, lang)
	var size int64
	for _, a := range arts {
		size += int64(len(a.Body))
	}
	benchmarkArticles(b, arts, size/int64(len(arts)))
}

func benchmarkArticles(b *testing.B, arts []Article, avgSize int64) {
	x := New()
	b.SetBytes(avgSize)
	b.ReportAllocs()
	cpu0 := processCPU()
	i := 0
	for b.Loop() {
		x.Extract(arts[i%len(arts)])
		i++
	}
	// The machine is shared: wall time per op swings with the neighbours'
	// load, the process's CPU time (garbage collection included) much less,
	// and CPU per article is what issue 6's budget is written in.
	if cpu := processCPU() - cpu0; cpu > 0 && i > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(i), "cpu-ns/op")
	}
}

// processCPU returns the user+system CPU time of the process so far (0 where
// getrusage is unavailable).
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExtractGenerated runs over the generated corpus issue 6's load
// benchmark uses (loader/gen, ar/en/fr mixed, ~3–4 KB per article).
func BenchmarkExtractGenerated(b *testing.B) {
	var buf bytes.Buffer
	if err := gen.Generate(&buf, gen.Options{N: 600, Seed: 42}); err != nil {
		b.Fatal(err)
	}
	var arts []Article
	var size int64
	for line := range bytes.Lines(buf.Bytes()) {
		var a Article
		if err := json.Unmarshal(line, &a); err != nil {
			b.Fatal(err)
		}
		arts = append(arts, a)
		size += int64(len(a.Title) + len(a.Body))
	}
	benchmarkArticles(b, arts, size/int64(len(arts)))
}

func BenchmarkExtractArabic(b *testing.B)  { benchmarkLang(b, "ar") }
func BenchmarkExtractEnglish(b *testing.B) { benchmarkLang(b, "en") }
func BenchmarkExtractFrench(b *testing.B)  { benchmarkLang(b, "fr") }

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
