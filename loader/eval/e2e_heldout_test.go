package eval_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"diplograph/graph"
	"diplograph/loader/eval"
)

const heldOutDir = "../../testdata/corpus/resolution-heldout"

// TestResolutionHeldOutEndToEnd scores issue 4 on the held-out resolution
// corpus exactly as TestResolutionCorpusEndToEnd scores the development one:
// extraction → load → graph, pairwise precision and recall of the merges, and
// the same bars (precision 0.98 over found mentions, recall 0.95 over all
// mentions, officials and meetings). The corpus was written without looking
// at the resolver or the extraction lexicons and first scored blind (meeting
// precision 0.719, officials recall 0.600); the resolver and the extractor
// were then fixed on its failures with test articles of their own, so it is
// no longer an estimate of unseen news. Do not edit it to pass.
//
// On top of the scores it logs which merges went wrong — the person or event
// split over several nodes, and the node that joins different people or
// events — because a bare 0.93 tells the resolver's owner nothing.
func TestResolutionHeldOutEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a corpus through the whole pipeline")
	}
	g := loadCorpus(t, heldOutDir)
	res := scoreCorpus(t, g, heldOutDir)
	t.Logf("all mentions:     officials %v  meetings %v  agreements %v", res.Officials, res.Meetings, res.Agreements)
	t.Logf("found mentions:   officials %v  meetings %v  agreements %v", res.Matched.Officials, res.Matched.Meetings, res.Matched.Agreements)
	t.Logf("%d mentions not found: %v", len(res.Unmatched), res.Unmatched)
	for _, line := range heldOutMergeErrors(t, g) {
		t.Log(line)
	}
	if res.Matched.Officials.Precision < 0.98 || res.Matched.Meetings.Precision < 0.98 {
		t.Errorf("merge precision below 0.98: officials %v, meetings %v", res.Matched.Officials, res.Matched.Meetings)
	}
	// Issue 4's recall bar, over every mention of the truth: a person or a
	// meeting the extractor missed in one report counts against it too.
	if res.Officials.Recall < 0.95 || res.Meetings.Recall < 0.95 {
		t.Errorf("recall below 0.95 over all mentions: officials %v, meetings %v", res.Officials, res.Meetings)
	}
}

// heldOutMergeErrors describes every split cluster and every wrong merge of
// g, the held-out corpus loaded.
func heldOutMergeErrors(t *testing.T, g *graph.Graph) []string {
	t.Helper()
	ctx := context.Background()
	truth, err := eval.ReadTruthFile(filepath.Join(heldOutDir, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	err = g.View(ctx, func(r graph.Reader) error {
		offs, meets := map[string]string{}, map[string]string{} // mention → node
		offTruth, meetTruth := map[string]string{}, map[string]string{}
		label := map[string]string{} // node → display
		for _, tr := range truth {
			art, err := r.Article(tr.ID)
			if err != nil {
				return err
			}
			var cands []eval.ResolvedOfficial
			for _, id := range art.Officials {
				o, err := r.Official(id)
				if err != nil {
					return err
				}
				names := []string{o.Name}
				for _, n := range o.Names {
					names = append(names, n.Text)
				}
				cands = append(cands, eval.ResolvedOfficial{ID: o.ID, Names: names, Country: o.Country})
				label[o.ID] = o.Name
			}
			for _, o := range tr.Officials {
				k := tr.ID + "/" + o.Person
				offTruth[k] = o.Person
				// ScoreResolution's own pairing, asked one candidate at a
				// time in the article's order: the first it accepts is the
				// node it scored.
				for _, c := range cands {
					one := []eval.Truth{{ID: tr.ID, Officials: []eval.TruthOfficial{o}}}
					s, err := eval.ScoreResolution(one, func(string) (eval.Resolved, error) {
						return eval.Resolved{Officials: []eval.ResolvedOfficial{c}}, nil
					})
					if err != nil {
						return err
					}
					if len(s.Unmatched) == 0 {
						offs[k] = c.ID
						break
					}
				}
			}
			var evs []*graph.Meeting
			for _, id := range art.Meetings {
				m, err := r.Meeting(id)
				if err != nil {
					return err
				}
				evs = append(evs, m)
				label[m.ID] = strings.Join(m.Countries, "-") + " " + m.Date
			}
			for _, m := range tr.Meetings {
				k := tr.ID + "/" + m.Event
				meetTruth[k] = m.Event
				want := strings.Join(sortedCopy(m.Countries), "-")
				found := "" // ScoreResolution's rule: same parties, same date preferred
				for _, e := range evs {
					if strings.Join(sortedCopy(e.Countries), "-") != want {
						continue
					}
					if m.Date != "" && e.Date == m.Date {
						found = e.ID
						break
					}
					if found == "" {
						found = e.ID
					}
				}
				if found != "" {
					meets[k] = found
				}
			}
		}
		lines = append(lines, describe("official", offTruth, offs, label)...)
		lines = append(lines, describe("meeting", meetTruth, meets, label)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// describe lists the true clusters whose found mentions sit in several nodes
// (missed merges) and the nodes holding mentions of several true clusters
// (wrong merges).
func describe(what string, truth, pred, label map[string]string) []string {
	byTruth := map[string]map[string][]string{} // cluster → node → articles
	byNode := map[string]map[string][]string{}  // node → cluster → articles
	for k, node := range pred {
		c := truth[k]
		art, _, _ := strings.Cut(k, "/")
		if byTruth[c] == nil {
			byTruth[c] = map[string][]string{}
		}
		byTruth[c][node] = append(byTruth[c][node], art)
		if byNode[node] == nil {
			byNode[node] = map[string][]string{}
		}
		byNode[node][c] = append(byNode[node][c], art)
	}
	show := func(m map[string][]string, name func(string) string) string {
		var parts []string
		for k, arts := range m {
			sort.Strings(arts)
			parts = append(parts, fmt.Sprintf("%s %v", name(k), arts))
		}
		sort.Strings(parts)
		return strings.Join(parts, " | ")
	}
	node := func(id string) string { return fmt.Sprintf("%q", label[id]) }
	same := func(c string) string { return c }
	var out []string
	for c, nodes := range byTruth {
		if len(nodes) > 1 {
			out = append(out, fmt.Sprintf("unmerged %s %s: %s", what, c, show(nodes, node)))
		}
	}
	for n, cs := range byNode {
		if len(cs) > 1 {
			out = append(out, fmt.Sprintf("wrongly merged %s %s: %s", what, node(n), show(cs, same)))
		}
	}
	sort.Strings(out)
	return out
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}
