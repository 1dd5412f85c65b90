package extract

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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
	x := New()
	arts := benchArticles(b, lang)
	var bytes int64
	for _, a := range arts {
		bytes += int64(len(a.Body))
	}
	b.SetBytes(bytes / int64(len(arts)))
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

func BenchmarkExtractArabic(b *testing.B)  { benchmarkLang(b, "ar") }
func BenchmarkExtractEnglish(b *testing.B) { benchmarkLang(b, "en") }
func BenchmarkExtractFrench(b *testing.B)  { benchmarkLang(b, "fr") }

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
