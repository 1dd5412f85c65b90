package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"diplograph/graph"
	"diplograph/graph/memstore"
)

// importSource builds the graph the import tests export: the resolution
// corpus, an article whose title-only mention waits for an office holder,
// and one correction of each kind.
func importSource(t *testing.T) (*graph.Graph, *memstore.Store, []graph.Contribution) {
	t.Helper()
	st := memstore.New()
	g, err := graph.New(st, testCountries)
	if err != nil {
		t.Fatal(err)
	}
	c := loadCorpus(t, "testdata/resolution.json")
	waiting := article("pending-1", "h-pending-1", []graph.OfficialMention{official("t1", "MA", "interior", "2021-11-28")},
		meeting("call", "2021-11-28", []string{"MA", "TN"}, "t1"))
	arts := append(c.Articles, waiting)
	apply(t, g, arts...)

	// Corrections: split an official named in several articles, merge two
	// others, rename a third.
	var offs []*graph.Official
	view(t, g, func(r graph.Reader) error {
		var err error
		offs, _, err = r.Officials(graph.OfficialFilter{}, graph.Page{First: 1000})
		return err
	})
	split := false
	for _, o := range offs {
		arts := map[string]bool{}
		for _, s := range o.Sources {
			arts[s.Article] = true
		}
		if len(arts) < 2 {
			continue
		}
		if _, err := g.SplitOfficial(ctx, o.ID, []string{o.Sources[0].Article}, "test split"); err == nil {
			split = true
			break
		}
	}
	if !split {
		t.Fatal("no official to split in the corpus")
	}
	view(t, g, func(r graph.Reader) error {
		var err error
		offs, _, err = r.Officials(graph.OfficialFilter{}, graph.Page{First: 1000})
		return err
	})
	merged := false
	for i := 0; i+1 < len(offs) && !merged; i++ {
		merged = g.MergeOfficials(ctx, offs[i].ID, offs[i+1].ID, "test merge") == nil
	}
	if !merged {
		t.Fatal("no two officials to merge")
	}
	if err := g.RenameOfficial(ctx, offs[len(offs)-1].ID, "Renamed Official", "test rename"); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, g)
	return g, st, arts
}

// dump lists every key and value of a store.
func dump(t *testing.T, s graph.Store) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := s.View(ctx, func(tx graph.ReadTx) error {
		return tx.Scan(ctx, nil, nil, func(k, v []byte) (bool, error) {
			m[string(k)] = string(v)
			return true, nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func importInto(t *testing.T, st *memstore.Store, exp string) (*graph.Graph, graph.ImportResult) {
	t.Helper()
	g, err := graph.New(st, testCountries)
	if err != nil {
		t.Fatal(err)
	}
	res, err := g.Import(ctx, strings.NewReader(exp))
	if err != nil {
		t.Fatal(err)
	}
	return g, res
}

func TestImportRoundTrip(t *testing.T) {
	src, srcStore, arts := importSource(t)
	exp := export(t, src, false)
	for _, sec := range []string{"contributions", "pending", "corrections", "correctionState", "articleState"} {
		if !strings.Contains(exp, "\n\""+sec+"\": [\n{") {
			t.Fatalf("export has no %s section, or an empty one", sec)
		}
	}
	for _, name := range []string{"unlimited", "small transactions"} {
		t.Run(name, func(t *testing.T) {
			st := memstore.New()
			if name != "unlimited" {
				st = memstore.New(memstore.MaxTxWrites(40))
			}
			g, res := importInto(t, st, exp)
			if got := export(t, g, false); got != exp {
				t.Fatalf("export after import differs:\n%s", firstDiff(exp, got))
			}
			mustCheck(t, g)
			// The store itself is the same, key for key: nothing Export
			// leaves out is lost (a new kind of stored state fails here).
			want, got := dump(t, srcStore), dump(t, st)
			for k, v := range want {
				if got[k] != v {
					t.Errorf("key %q: got %q, want %q", strings.ReplaceAll(k, "\x00", "␀"), got[k], v)
				}
			}
			for k := range got {
				if _, ok := want[k]; !ok {
					t.Errorf("extra key %q", strings.ReplaceAll(k, "\x00", "␀"))
				}
			}
			s := stats(t, g)
			if res.Articles != s.Articles || res.Officials != s.Officials || res.Meetings != s.Meetings ||
				res.Agreements != s.Agreements || res.Ministries != s.Ministries || res.Contributions == 0 || res.Corrections != 3 {
				t.Errorf("result %+v, stats %+v", res, s)
			}
			if name != "unlimited" && res.Transactions < 10 {
				t.Errorf("%d transactions with at most 40 writes each", res.Transactions)
			}
			if _, err := g.Import(ctx, strings.NewReader(exp)); !errors.Is(err, graph.ErrNotEmpty) {
				t.Errorf("second import: %v, want ErrNotEmpty", err)
			}
		})
	}

	// The contributions survived: the imported graph treats articles as the
	// original does, and both change alike.
	g, _ := importInto(t, memstore.New(), exp)
	if res := apply(t, g, arts[0]); res.Outcomes[0] != graph.OutcomeUnchanged {
		t.Errorf("re-applying %s: %s", arts[0].Article.ID, res.Outcomes[0])
	}
	changed := arts[1]
	changed.Article.Hash += "-v2"
	changed.Officials = changed.Officials[:1]
	holder := article("holder-1", "h-holder-1", []graph.OfficialMention{official("h1", "MA", "interior", "2021-11-29", "Abdelouafi Laftit")})
	for _, x := range []*graph.Graph{src, g} {
		res := apply(t, x, changed, holder)
		if res.Outcomes[0] != graph.OutcomeReplaced {
			t.Errorf("replacing %s: %s", changed.Article.ID, res.Outcomes[0])
		}
		if err := x.RemoveArticle(ctx, arts[2].Article.ID); err != nil {
			t.Fatal(err)
		}
		mustCheck(t, x)
	}
	if a, b := export(t, src, false), export(t, g, false); a != b {
		t.Fatalf("original and imported graph differ after the same changes:\n%s", firstDiff(a, b))
	}
}

// firstDiff shows the first line where two exports differ.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + itoa(i+1) + ":\n- " + la[i] + "\n+ " + lb[i]
		}
	}
	return "lengths " + itoa(len(la)) + " and " + itoa(len(lb)) + " lines"
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// mutate rewrites the first line of an export that starts with prefix (one
// element per line) through fn.
func mutate(t *testing.T, exp, prefix string, fn func(m map[string]any)) string {
	t.Helper()
	return mutateIf(t, exp, prefix, func(m map[string]any) bool { fn(m); return true })
}

// mutateIf rewrites the first line that starts with prefix for which fn
// returns true.
func mutateIf(t *testing.T, exp, prefix string, fn func(m map[string]any) bool) string {
	t.Helper()
	lines := strings.Split(exp, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, prefix) {
			continue
		}
		body, comma := strings.CutSuffix(l, ",")
		var m map[string]any
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if !fn(m) {
			continue
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if comma {
			b = append(b, ',')
		}
		lines[i] = string(b)
		return strings.Join(lines, "\n")
	}
	t.Fatalf("no line starts with %s and can be changed", prefix)
	return ""
}

func TestImportRejectsMalformed(t *testing.T) {
	src, _, _ := importSource(t)
	exp := export(t, src, false)
	var canonical bytes.Buffer
	if err := src.ExportCanonical(ctx, &canonical); err != nil {
		t.Fatal(err)
	}
	var meetingID, officialID string
	mutate(t, exp, `{"id":"meeting:`, func(m map[string]any) { meetingID = m["id"].(string) })
	mutate(t, exp, `{"id":"official:`, func(m map[string]any) { officialID = m["id"].(string) })

	for _, tc := range []struct {
		name string
		in   string
		want []string // substrings of the error
	}{
		{"unknown section", strings.Replace(exp, `"pending": [`, `"waiting": [`, 1), []string{`unknown section "waiting"`}},
		{"unknown field", mutate(t, exp, `{"id":"official:`, func(m map[string]any) { m["nickname"] = "x" }),
			[]string{"officials[0]", `unknown field "nickname"`}},
		{"dangling participant", mutate(t, exp, `{"id":"meeting:`, func(m map[string]any) {
			m["participants"] = append(m["participants"].([]any), "official:nobody")
		}), []string{"meetings[0]", meetingID, `"official:nobody"`}},
		{"unknown country", mutate(t, exp, `{"id":"official:`, func(m map[string]any) { m["country"] = "XX" }),
			[]string{officialID, `country "XX"`}},
		{"record of the wrong kind", mutate(t, exp, `{"id":"official:`, func(m map[string]any) { m["id"] = "meeting:x" }),
			[]string{"officials[0]", "meeting:x", "kind meeting"}},
		{"contribution to a country", mutate(t, exp, `{"record":"`, func(m map[string]any) { m["record"] = "DZ" }),
			[]string{"contributions[0]", "DZ", "not the id of"}},
		{"contribution from an unknown article", mutate(t, exp, `{"record":"`, func(m map[string]any) { m["article"] = "zz-nowhere" }),
			[]string{"zz-nowhere"}},
		{"unknown field in a mention", mutate(t, exp, `{"record":"`, func(m map[string]any) {
			m["mention"].(map[string]any)["zz"] = 1
		}), []string{"contributions[0]", `unknown field "zz"`}},
		{"edited record", mutate(t, exp, `{"id":"official:`, func(m map[string]any) { m["name"] = "Someone Else" }),
			[]string{officialID, "differs from what its contributions derive"}},
		{"article listing a record it did not contribute to", mutateIf(t, exp, `{"id":"`, func(m map[string]any) bool {
			list, _ := m["officials"].([]any)
			if m["hash"] == nil || slices.Contains(list, any(officialID)) {
				return false
			}
			m["officials"] = append(list, officialID)
			return true
		}), []string{"articles (", "lists " + strconv.Quote(officialID), "no contribution"}},
		{"article not listing a record it contributed to", mutateIf(t, exp, `{"id":"`, func(m map[string]any) bool {
			list, _ := m["meetings"].([]any)
			if m["hash"] == nil || len(list) == 0 {
				return false
			}
			m["meetings"] = list[1:]
			return true
		}), []string{"articles (", "does not list"}},
		{"unknown correction", mutate(t, exp, `{"seq":`, func(m map[string]any) { m["kind"] = "undo" }),
			[]string{"corrections[0]", `unknown correction kind "undo"`}},
		{"unknown correction state", mutate(t, exp, `{"kind":"`, func(m map[string]any) { m["kind"] = "bogus" }),
			[]string{"correctionState[0]", `unknown correction state kind "bogus"`}},
		{"pending entry of another article", mutate(t, exp, `{"pending":"`, func(m map[string]any) { m["article"] = "en-1" }),
			[]string{"pending[0]", "en-1"}},
		{"duplicate article", mutate(t, exp, `{"id":"en-1"`, func(m map[string]any) { m["id"] = "ar-1" }),
			[]string{"articles[", "ar-1", "duplicate"}},
		{"truncated", exp[:len(exp)/2], []string{"offset"}},
		{"data after the end", exp + "{}", []string{"after the export"}},
		{"not an object", "[]", []string{"offset"}},
		{"canonical export", canonical.String(), []string{`no "contributions" section`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newGraph(t)
			_, err := g.Import(ctx, strings.NewReader(tc.in))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestImportEmpty(t *testing.T) {
	g := newGraph(t)
	exp := export(t, g, false)
	h := newGraph(t)
	if _, err := h.Import(ctx, strings.NewReader(exp)); err != nil {
		t.Fatal(err)
	}
	if got := export(t, h, false); got != exp {
		t.Fatalf("got %s, want %s", got, exp)
	}
}

// FuzzImport: Import never panics, and what it accepts is a consistent graph
// whose export imports again to the same graph.
func FuzzImport(f *testing.F) {
	g := newGraph(f)
	c := loadCorpus(f, "testdata/resolution.json")
	apply(f, g, c.Articles[:4]...)
	f.Add(export(f, g, false))
	f.Add(export(f, newGraph(f), false))
	f.Add(`{"contributions": []}`)
	f.Fuzz(func(t *testing.T, in string) {
		h := newGraph(t)
		if _, err := h.Import(ctx, strings.NewReader(in)); err != nil {
			return
		}
		mustCheck(t, h)
		exp := export(t, h, false)
		h2 := newGraph(t)
		if _, err := h2.Import(ctx, strings.NewReader(exp)); err != nil {
			t.Fatalf("import of an import's export: %v", err)
		}
		if got := export(t, h2, false); got != exp {
			t.Fatalf("export of an import's export differs:\n%s", firstDiff(exp, got))
		}
	})
}

// TestImportSectionOrder: sections may come in any order (another tool's
// writer); only the contributions must be sorted within theirs.
func TestImportSectionOrder(t *testing.T) {
	src, _, _ := importSource(t)
	exp := export(t, src, false)
	dec := json.NewDecoder(strings.NewReader(exp))
	var names []string
	var bodies []json.RawMessage
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		var body json.RawMessage
		if err := dec.Decode(&body); err != nil {
			t.Fatal(err)
		}
		names, bodies = append(names, tok.(string)), append(bodies, body)
	}
	var b strings.Builder
	b.WriteString("{")
	for i := len(names) - 1; i >= 0; i-- {
		if i < len(names)-1 {
			b.WriteString(",")
		}
		b.WriteString(strconv.Quote(names[i]) + ":" + string(bodies[i]))
	}
	b.WriteString("}")
	g, _ := importInto(t, memstore.New(), b.String())
	if got := export(t, g, false); got != exp {
		t.Fatalf("export after import of reordered sections differs:\n%s", firstDiff(exp, got))
	}
}

func TestImportCancelled(t *testing.T) {
	src, _, _ := importSource(t)
	exp := export(t, src, false)
	c, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := newGraph(t).Import(c, strings.NewReader(exp)); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// TestImportRederive: an export whose records differ from what their
// contributions derive (edited, or from a version with other rules) is
// refused, unless Rederive is set, when the records are derived anew.
func TestImportRederive(t *testing.T) {
	src, _, _ := importSource(t)
	exp := export(t, src, false)
	var id string
	edited := mutate(t, exp, `{"id":"official:`, func(m map[string]any) { id, m["name"] = m["id"].(string), "Someone Else" })
	if _, err := newGraph(t).Import(ctx, strings.NewReader(edited)); err == nil || !strings.Contains(err.Error(), id) {
		t.Fatalf("edited export: %v", err)
	}
	g := newGraph(t)
	res, err := g.ImportWith(ctx, strings.NewReader(edited), graph.ImportOptions{Rederive: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rederived != 1 {
		t.Errorf("%d records derived anew, want 1", res.Rederived)
	}
	if got := export(t, g, false); got != exp {
		t.Fatalf("derived anew, the graph is not the original:\n%s", firstDiff(exp, got))
	}
	mustCheck(t, g)

	// Derived anew, references come from the contributions: they are
	// checked too.
	bad := mutate(t, edited, `{"record":"meeting:`, func(m map[string]any) {
		m["mention"].(map[string]any)["p"] = []string{"official:nobody"}
	})
	_, err = newGraph(t).ImportWith(ctx, strings.NewReader(bad), graph.ImportOptions{Rederive: true})
	if err == nil || !strings.Contains(err.Error(), `"official:nobody"`) {
		t.Fatalf("dangling reference in a contribution: %v", err)
	}
}
