package extract

import (
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// TestConcurrentSameResults extracts the same articles one by one on a fresh
// Extractor and then from several goroutines at once, interleaved: the
// scratch arrays reused between extractions (scratchPool) must never let one
// article's tokens or segments leak into another's result. Run it with -race.
func TestConcurrentSameResults(t *testing.T) {
	var arts []Article
	for _, p := range []string{
		filepath.Join(devDir(), "articles.jsonl"),
		filepath.Join("testdata", "heldout", "articles.jsonl"),
		filepath.Join("testdata", "heldout2", "articles.jsonl"),
	} {
		if fileExists(p) {
			arts = append(arts, readArticles(t, p)...)
		}
	}
	if len(arts) == 0 {
		t.Skip("no articles")
	}
	x := New()
	want := make([]Result, len(arts))
	for i, a := range arts {
		want[i] = x.Extract(a)
	}
	const workers = 4
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := range workers {
		wg.Go(func() {
			// Each worker walks the articles from a different offset, so
			// long and short articles share pooled arrays in every order.
			for k := range arts {
				i := (k + w*len(arts)/workers) % len(arts)
				if got := x.Extract(arts[i]); !reflect.DeepEqual(got, want[i]) {
					errs <- arts[i].ID
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for id := range errs {
		t.Errorf("%s: concurrent extraction differs from the sequential one", id)
	}
}
