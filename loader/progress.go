package loader

import (
	"fmt"
	"io"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how a load goes: a bar of input bytes on a terminal, else a
// log line every Options.ProgressEvery. It only reads two counters, so it
// costs the pipeline nothing.
type progress struct {
	quit chan struct{}
	wg   sync.WaitGroup
	bar  *progressbar.ProgressBar
}

// isTerminal reports whether w is a terminal (an *os.File or anything else
// with a file descriptor).
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// startProgress shows pos (input bytes done with) against total (-1 when
// unknown) and the articles count arts.
func startProgress(o Options, total int64, read, arts *atomic.Int64) *progress {
	p := &progress{quit: make(chan struct{})}
	start := time.Now()
	rates := func() (artsPerSec, bytesPerSec float64) {
		secs := time.Since(start).Seconds()
		if secs <= 0 {
			return 0, 0
		}
		return float64(arts.Load()) / secs, float64(read.Load()) / secs
	}
	if o.Progress != nil && isTerminal(o.Progress) {
		max := total
		if max <= 0 {
			max = -1 // unknown size (standard input): a spinner
		}
		p.bar = progressbar.NewOptions64(max,
			progressbar.OptionSetWriter(o.Progress),
			progressbar.OptionSetDescription("loading"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionShowElapsedTimeOnFinish(),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(o.Progress) }),
		)
		p.wg.Go(func() {
			t := time.NewTicker(200 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-p.quit:
					return
				case <-t.C:
					a, _ := rates()
					p.bar.Describe(fmt.Sprintf("%d articles, %.0f/s", arts.Load(), a))
					p.bar.Set64(read.Load())
				}
			}
		})
		return p
	}
	if e := o.Log.Info(); !e.Enabled() {
		return p // logging is off: nothing to show
	} else {
		e.Discard()
	}
	p.wg.Go(func() {
		t := time.NewTicker(o.ProgressEvery)
		defer t.Stop()
		for {
			select {
			case <-p.quit:
				return
			case <-t.C:
				a, b := rates()
				n := read.Load()
				// Numbers stay numbers, so that a log collector can plot
				// or alert on them; the ETA is also given for reading.
				ev := o.Log.Info().Int64("articles", arts.Load()).Int64("bytes", n).
					Float64("articles_per_s", math.Round(a)).Float64("mb_per_s", math.Round(b/1e4)/100)
				if total > 0 {
					ev = ev.Float64("done_pct", math.Round(1000*float64(n)/float64(total))/10)
					if b > 0 && n < total {
						eta := time.Duration(float64(total-n) / b * float64(time.Second)).Round(time.Second)
						ev = ev.Int64("eta_s", int64(eta/time.Second)).Str("eta", eta.String())
					}
				}
				ev.Msg("loading")
			}
		}
	})
	return p
}

// stop ends the display at position pos: a complete bar when the load ran to
// the end (pos is then the bytes read), a partial one when it stopped early.
func (p *progress) stop(s Summary, pos int64) {
	close(p.quit)
	p.wg.Wait()
	if p.bar == nil {
		return
	}
	p.bar.Describe(fmt.Sprintf("%d articles", s.Articles+s.Rejected))
	if pos >= s.Bytes {
		p.bar.ChangeMax64(max(pos, 1))
		p.bar.Finish() // draws the full bar and ends its line
		return
	}
	p.bar.Set64(pos)
	p.bar.Exit()
}
