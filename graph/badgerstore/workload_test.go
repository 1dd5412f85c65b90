package badgerstore_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
)

// workload writes and reads diplograph-shaped data: what the loader and the
// graph do to the store, without extraction. One batch is one Update of 256
// articles, each of which
//
//   - puts its record under a/<id>: 3 KB typically, 20 KB for one in twenty,
//     50 KB for one in a hundred;
//   - puts 12 small index entries (about 30 bytes of key, 0 to 16 of value);
//   - reads, grows and rewrites 3 of 400 hot records (officials, ministries,
//     countries), chosen with a skew so that a few are touched by most
//     batches, each capped at 40 KB as the graph caps its source lists.
type workload struct {
	r        *rand.Rand
	articles int
	body     []byte
}

const (
	wlBatch  = 256
	wlHot    = 400
	wlHotCap = 40 << 10
)

func newWorkload(seed uint64) *workload {
	w := &workload{r: rand.New(rand.NewPCG(seed, seed))}
	w.body = make([]byte, 50<<10)
	for i := range w.body {
		w.body[i] = 'a' + byte(i%26)
	}
	return w
}

func (w *workload) articleSize() int {
	switch x := w.r.IntN(100); {
	case x == 0:
		return 50 << 10
	case x < 6:
		return 20 << 10
	}
	return 2<<10 + w.r.IntN(2<<10)
}

// hot picks a hot record: the square of a uniform draw favours low numbers.
func (w *workload) hot() []byte {
	f := w.r.Float64()
	return fmt.Appendf(nil, "o/%04d", int(f*f*wlHot))
}

// batch writes one Update of wlBatch articles and returns the bytes written.
func (w *workload) batch(b testing.TB, s graph.Store) int64 {
	start := w.articles
	sizes := make([]int, wlBatch)
	for i := range sizes {
		sizes[i] = w.articleSize()
	}
	hot := make([][]byte, 3*wlBatch)
	for i := range hot {
		hot[i] = w.hot()
	}
	var written int64
	err := s.Update(b.Context(), func(tx graph.Tx) error {
		written = 0
		for i := range wlBatch {
			id := start + i
			body := w.body[:sizes[i]]
			if err := tx.Put(fmt.Appendf(nil, "a/%09d", id), body); err != nil {
				return err
			}
			written += int64(len(body))
			for j := range 12 {
				k := fmt.Appendf(nil, "is/%05d/%09d", (id*7+j*13)%50000, id)
				if err := tx.Put(k, body[:j+4]); err != nil {
					return err
				}
				written += int64(len(k) + j + 4)
			}
			for _, k := range hot[3*i : 3*i+3] {
				v, err := tx.Get(k)
				if err != nil && err != graph.ErrNotFound {
					return err
				}
				v = append(v, fmt.Sprintf("source %09d; ", id)...)
				if len(v) > wlHotCap {
					v = v[len(v)-wlHotCap:]
				}
				if err := tx.Put(k, v); err != nil {
					return err
				}
				written += int64(len(v))
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	w.articles += wlBatch
	return written
}

// peakHeap samples the Go heap in use until stop is called and returns the
// highest sample in MiB. Badger allocates its memtables on the Go heap, so
// this is where the memory budget shows.
func peakHeap() (stop func() float64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() float64 {
		close(done)
		<-finished
		return float64(peak.Load()) / (1 << 20)
	}
}

// BenchmarkWorkload loads batches of the workload into a fresh store on disk
// (Load: one op is one batch of 256 articles; articles/s and the peak Go
// heap are reported), then reads from a store holding 20,000 articles: a
// point read of an article or a hot record (Get), and a 20-key prefix scan
// of the search index (Scan).
func BenchmarkWorkload(b *testing.B) {
	for _, m := range benchBudgets {
		b.Run(m.name+"/Load", func(b *testing.B) {
			s := m.open(b, b.TempDir())
			defer s.Close()
			w := newWorkload(1)
			runtime.GC()
			stop := peakHeap()
			var bytes int64
			for b.Loop() {
				bytes += w.batch(b, s)
			}
			peak := stop()
			b.SetBytes(bytes / int64(b.N))
			b.ReportMetric(float64(b.N*wlBatch)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(peak, "peak-heap-MiB")
		})
		b.Run(m.name+"/Read", func(b *testing.B) {
			s := m.open(b, b.TempDir())
			defer s.Close()
			w := newWorkload(2)
			for w.articles < 20000 {
				w.batch(b, s)
			}
			r := rand.New(rand.NewPCG(3, 3))
			b.Run("Get", func(b *testing.B) {
				for b.Loop() {
					k := fmt.Appendf(nil, "a/%09d", r.IntN(w.articles))
					if r.IntN(2) == 0 {
						k = w.hot()
					}
					err := s.View(b.Context(), func(tx graph.ReadTx) error {
						_, err := tx.Get(k)
						return err
					})
					if err != nil {
						b.Fatalf("Get(%s): %v", k, err)
					}
				}
			})
			b.Run("Scan", func(b *testing.B) {
				for b.Loop() {
					prefix := fmt.Appendf(nil, "is/%05d/", r.IntN(50000))
					n := 0
					err := s.View(b.Context(), func(tx graph.ReadTx) error {
						return tx.Scan(b.Context(), prefix, nil, func(k, v []byte) (bool, error) {
							n++
							return n < 20, nil
						})
					})
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// benchBudget opens a store for a benchmark.
type benchBudget struct {
	name string
	open func(b *testing.B, dir string) *badgerstore.Store
}

var benchBudgets = []benchBudget{
	{"MemoryDefault", func(b *testing.B, dir string) *badgerstore.Store { return openT(b, dir, badgerstore.Options{}) }},
	{"MemorySmall", func(b *testing.B, dir string) *badgerstore.Store {
		return openT(b, dir, badgerstore.Options{Memory: badgerstore.MemorySmall})
	}},
	{"MemoryLarge", func(b *testing.B, dir string) *badgerstore.Store {
		return openT(b, dir, badgerstore.Options{Memory: badgerstore.MemoryLarge})
	}},
}
