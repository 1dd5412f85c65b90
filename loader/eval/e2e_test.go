package eval_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/rs/zerolog"

	"diplograph/graph"
	"diplograph/graph/memstore"
	"diplograph/loader"
	"diplograph/loader/eval"
	"diplograph/loader/extract"
	"diplograph/loader/gazetteer"
)

// loadCorpus loads a corpus's articles file with the real extractor into an
// in-memory graph.
func loadCorpus(t *testing.T, dir string) *graph.Graph {
	t.Helper()
	g, err := graph.New(memstore.New(), gazetteer.Default().Countries())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loader.Load(context.Background(), g, extract.New(), []string{filepath.Join(dir, "articles.jsonl")},
		loader.Options{Workers: 1, Log: zerolog.Nop()}); err != nil {
		t.Fatal(err)
	}
	return g
}

// resolveCorpus loads a corpus (loadCorpus) and scores the graph's merges
// against its truth.jsonl.
func resolveCorpus(t *testing.T, dir string) eval.Resolution {
	t.Helper()
	return scoreCorpus(t, loadCorpus(t, dir), dir)
}

// scoreCorpus scores the merges of g, loaded from dir, against truth.jsonl.
func scoreCorpus(t *testing.T, g *graph.Graph, dir string) eval.Resolution {
	t.Helper()
	ctx := context.Background()
	truth, err := eval.ReadTruthFile(filepath.Join(dir, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var res eval.Resolution
	err = g.View(ctx, func(r graph.Reader) error {
		res, err = eval.ScoreResolution(truth, func(id string) (eval.Resolved, error) {
			var out eval.Resolved
			art, err := r.Article(id)
			if err != nil {
				return out, err
			}
			for _, oid := range art.Officials {
				o, err := r.Official(oid)
				if err != nil {
					return out, err
				}
				names := []string{o.Name}
				for _, n := range o.Names {
					names = append(names, n.Text)
				}
				out.Officials = append(out.Officials, eval.ResolvedOfficial{ID: o.ID, Names: names, Country: o.Country})
			}
			for _, mid := range art.Meetings {
				m, err := r.Meeting(mid)
				if err != nil {
					return out, err
				}
				out.Meetings = append(out.Meetings, eval.ResolvedEvent{ID: m.ID, Countries: m.Countries, Date: m.Date})
			}
			for _, aid := range art.Agreements {
				a, err := r.Agreement(aid)
				if err != nil {
					return out, err
				}
				out.Agreements = append(out.Agreements, eval.ResolvedEvent{ID: a.ID, Countries: a.Countries, Date: a.Date})
			}
			return out, nil
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestResolutionCorpusEndToEnd measures issue 4 on the resolution corpus:
// articles → extraction → load → graph, then pairwise precision and recall of
// the merges. Wrong merges are what an analyst cannot see and cannot afford,
// so precision is held to issue 4's bar (0.98) over the mentions the system
// found; the full scores, recall and the mentions extraction missed are
// logged for the record (missed mentions are the extractor's recall, scored
// by the eval report, not a resolution error).
func TestResolutionCorpusEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a corpus through the whole pipeline")
	}
	res := resolveCorpus(t, "../../testdata/corpus/resolution")
	t.Logf("all mentions:     officials %v  meetings %v  agreements %v", res.Officials, res.Meetings, res.Agreements)
	t.Logf("found mentions:   officials %v  meetings %v  agreements %v", res.Matched.Officials, res.Matched.Meetings, res.Matched.Agreements)
	t.Logf("%d mentions not found: %v", len(res.Unmatched), res.Unmatched)
	if res.Matched.Officials.Precision < 0.98 || res.Matched.Meetings.Precision < 0.98 {
		t.Errorf("merge precision below 0.98: officials %v, meetings %v", res.Matched.Officials, res.Matched.Meetings)
	}
	// Issue 4's recall bar, over every mention of the truth: a person or a
	// meeting the extractor missed in one report counts against it too.
	if res.Officials.Recall < 0.95 || res.Meetings.Recall < 0.95 {
		t.Errorf("recall below 0.95 over all mentions: officials %v, meetings %v", res.Officials, res.Meetings)
	}
}
