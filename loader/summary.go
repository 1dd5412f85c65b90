package loader

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Summary reports a load.
type Summary struct {
	Articles   int // articles committed: Loaded + Unchanged + Replaced
	Loaded     int // new articles
	Unchanged  int // same content already stored (same id, or another id)
	Replaced   int // an id already stored, with new content: its old contributions were removed
	Rejected   int // records refused (see Errors)
	Duplicates int // ids met again in this load within a million records or more (the later replaced the earlier; see recentIDs)
	Cleaned    int // articles whose text had bidi controls stripped
	FileErrors int // inputs that could not be read to the end (see Errors)
	Skipped    []Skipped
	NodesAdded int
	EdgesAdded int
	// Errors holds the first Options.MaxErrors rejections and file errors, in
	// input order; ErrorCount counts them all.
	Errors     []error
	ErrorCount int
	Bytes      int64 // input bytes read, as stored (compressed for .gz)
	Duration   time.Duration
}

// OK reports whether everything given was read and accepted.
func (s Summary) OK() bool { return s.Rejected == 0 && s.FileErrors == 0 }

func (s *Summary) addError(err error, keep int) {
	s.ErrorCount++
	if len(s.Errors) < keep {
		s.Errors = append(s.Errors, err)
	}
}

// String is the one-line summary the CLI prints last, e.g.
//
//	1200 articles (1100 new, 90 unchanged, 10 replaced), 3 rejected, 1 file skipped; +420 nodes, +310 edges; 3.5 MiB in 2.1s (571 articles/s, 1.7 MiB/s)
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d articles (%d new, %d unchanged, %d replaced)", s.Articles, s.Loaded, s.Unchanged, s.Replaced)
	fmt.Fprintf(&b, ", %d rejected", s.Rejected)
	if s.FileErrors > 0 {
		fmt.Fprintf(&b, ", %d unreadable %s", s.FileErrors, plural(s.FileErrors, "file", "files"))
	}
	if s.Duplicates > 0 {
		fmt.Fprintf(&b, ", %d duplicate %s", s.Duplicates, plural(s.Duplicates, "id", "ids"))
	}
	if n := len(s.Skipped); n > 0 {
		fmt.Fprintf(&b, ", %d %s skipped", n, plural(n, "file", "files"))
	}
	fmt.Fprintf(&b, "; +%d nodes, +%d edges; %s in %s", s.NodesAdded, s.EdgesAdded, humanBytes(s.Bytes), s.Duration.Round(time.Millisecond))
	if secs := s.Duration.Seconds(); secs > 0 {
		fmt.Fprintf(&b, " (%.0f articles/s, %s/s)", float64(s.Articles+s.Rejected)/secs, humanBytes(int64(float64(s.Bytes)/secs)))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Add returns the sum of two summaries (for a CLI that runs several loads).
// Errors are concatenated, keeping at most as many as the larger of the two
// kept; ErrorCount counts them all.
func (s Summary) Add(t Summary) Summary {
	keep := max(len(s.Errors), len(t.Errors), 100)
	r := s
	r.Articles += t.Articles
	r.Loaded += t.Loaded
	r.Unchanged += t.Unchanged
	r.Replaced += t.Replaced
	r.Rejected += t.Rejected
	r.Duplicates += t.Duplicates
	r.Cleaned += t.Cleaned
	r.FileErrors += t.FileErrors
	r.Skipped = append(slices.Clip(s.Skipped), t.Skipped...)
	r.NodesAdded += t.NodesAdded
	r.EdgesAdded += t.EdgesAdded
	r.Errors = slices.Clip(s.Errors)
	for _, e := range t.Errors {
		if len(r.Errors) < keep {
			r.Errors = append(r.Errors, e)
		}
	}
	r.ErrorCount += t.ErrorCount
	r.Bytes += t.Bytes
	r.Duration += t.Duration
	return r
}
