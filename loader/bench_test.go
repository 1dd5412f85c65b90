package loader

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"diplograph/loader/gen"
)

var (
	corpusOnce sync.Once
	corpus     []byte
)

// benchCorpus is 2000 generated ar/en/fr articles (~3 KB typical) as JSON Lines.
func benchCorpus(b *testing.B) []byte {
	corpusOnce.Do(func() {
		var buf bytes.Buffer
		if err := gen.Generate(&buf, gen.Options{N: 2000, Seed: 42}); err != nil {
			b.Fatal(err)
		}
		corpus = buf.Bytes()
	})
	return corpus
}

// BenchmarkRead measures the reader alone (split, decode, validate), in MB/s.
func BenchmarkRead(b *testing.B) {
	data := benchCorpus(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader("bench", bytes.NewReader(data), 0)
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoad measures the whole pipeline (real extractor, real graph over
// the in-memory store), in MB/s and articles/s.
func BenchmarkLoad(b *testing.B) { benchLoad(b, testExtractor()) }

// BenchmarkLoadNoExtraction is the same with a trivial extractor: the cost of
// reading, batching and the graph alone.
func BenchmarkLoadNoExtraction(b *testing.B) { benchLoad(b, stubExtractor{}) }

func benchLoad(b *testing.B, x Extractor) {
	data := benchCorpus(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		g := newGraph(b)
		sum, err := LoadReader(b.Context(), g, x, "bench", bytes.NewReader(data), Options{})
		if err != nil || !sum.OK() {
			b.Fatal(sum, err)
		}
		n += sum.Articles
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
