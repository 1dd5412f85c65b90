package schema

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"diplograph/graph"
)

// execAs runs one request, with the write mark when write is set, and
// decodes its data into out (when not nil).
func execAs(t *testing.T, s *Schema, write bool, query string, vars map[string]any, out any) *Response {
	t.Helper()
	ctx := context.Background()
	if write {
		ctx = AllowWrites(ctx)
	}
	resp := s.Exec(ctx, Request{Query: query, Variables: vars})
	if out != nil && len(resp.Errors) == 0 {
		if err := json.Unmarshal(resp.Data, out); err != nil {
			t.Fatal(err)
		}
	}
	return resp
}

func errCode(resp *Response) string {
	if len(resp.Errors) == 0 {
		return ""
	}
	c, _ := resp.Errors[0].Extensions["code"].(string)
	return c
}

func mustCheckGraph(t *testing.T, g *graph.Graph) {
	t.Helper()
	ps, err := g.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		t.Errorf("Check: %s", p)
	}
}

const (
	qMerge  = `mutation($keep: ID!, $drop: ID!, $note: String) { mergeOfficials(keep: $keep, drop: $drop, note: $note) { id name sources { article { id } } meetings { nodes { id } } } }`
	qSplit  = `mutation($id: ID!, $articles: [ID!]!) { splitOfficial(id: $id, articles: $articles) { id name sources { article { id } } meetings { nodes { id } } } }`
	qRename = `mutation($id: ID!, $name: String!) { renameOfficial(id: $id, name: $name, note: "official spelling") { id name } }`
	qList   = `{ corrections { seq kind official other articles name note at } }`
)

type mutOfficial struct {
	ID       string
	Name     string
	Sources  []struct{ Article struct{ ID string } }
	Meetings struct {
		Nodes []struct{ ID string }
	}
}

func TestCorrectionMutationsNeedWriteToken(t *testing.T) {
	g := newTestGraph(t)
	s, err := New(g)
	if err != nil {
		t.Fatal(err)
	}
	id := ids(t, s)
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"merge", qMerge, map[string]any{"keep": id["mazen"], "drop": id["mangoush"]}},
		{"split", qSplit, map[string]any{"id": id["mazen"], "articles": []any{"en-visit"}}},
		{"rename", qRename, map[string]any{"id": id["mazen"], "name": "Khalid Mazin"}},
	} {
		resp := execAs(t, s, false, tc.query, tc.vars, nil)
		if errCode(resp) != CodeUnauthenticated {
			t.Errorf("%s without the write mark: errors %v, want %s", tc.name, resp.Errors, CodeUnauthenticated)
		}
	}
	var d struct{ Corrections []any }
	if resp := execAs(t, s, false, qList, nil, &d); len(resp.Errors) > 0 || len(d.Corrections) != 0 {
		t.Errorf("corrections after refused mutations: %v %v", d.Corrections, resp.Errors)
	}
	var o struct{ Official struct{ Name string } }
	execAs(t, s, false, `query($id: ID!) { official(id: $id) { name } }`, map[string]any{"id": id["mazen"]}, &o)
	if o.Official.Name != "Khaled Mazen" {
		t.Errorf("a refused rename changed the name to %q", o.Official.Name)
	}
}

func TestCorrectionMergeMutation(t *testing.T) {
	g := newTestGraph(t)
	s, err := New(g)
	if err != nil {
		t.Fatal(err)
	}
	id := ids(t, s)
	keep, drop := id["mazen"], id["mangoush"]
	var d struct{ MergeOfficials mutOfficial }
	resp := execAs(t, s, true, qMerge, map[string]any{"keep": keep, "drop": drop, "note": "test"}, &d)
	if len(resp.Errors) > 0 {
		t.Fatalf("merge: %v", resp.Errors)
	}
	m := d.MergeOfficials
	if m.ID != keep || len(m.Sources) != 3 {
		t.Errorf("merge returned %+v, want %s with the sources of both", m, keep)
	}
	// The nested connection reads the state after the merge: the Cairo
	// meeting of the merged-away official is now the kept one's.
	found := false
	for _, n := range m.Meetings.Nodes {
		found = found || n.ID == id["meeting"]
	}
	if !found || len(m.Meetings.Nodes) != 2 {
		t.Errorf("kept official's meetings %v, want the visit and the Cairo meeting (%s)", m.Meetings.Nodes, id["meeting"])
	}
	var o struct{ Official *struct{ ID string } }
	execAs(t, s, false, `query($id: ID!) { official(id: $id) { id } }`, map[string]any{"id": drop}, &o)
	if o.Official != nil {
		t.Errorf("merged-away official %s still answers", drop)
	}
	mustCheckGraph(t, g)

	for _, tc := range []struct {
		name string
		vars map[string]any
	}{
		{"into itself", map[string]any{"keep": keep, "drop": keep}},
		{"merged away already", map[string]any{"keep": keep, "drop": drop}},
		{"not an official", map[string]any{"keep": keep, "drop": id["meeting"]}},
		{"empty id", map[string]any{"keep": "", "drop": drop}},
	} {
		if resp := execAs(t, s, true, qMerge, tc.vars, nil); errCode(resp) != CodeBadInput {
			t.Errorf("merge %s: errors %v, want %s", tc.name, resp.Errors, CodeBadInput)
		}
	}
}

func TestCorrectionSplitMutation(t *testing.T) {
	g := newTestGraph(t)
	s, err := New(g)
	if err != nil {
		t.Fatal(err)
	}
	id := ids(t, s)
	old := id["mazen"]
	var d struct{ SplitOfficial mutOfficial }
	resp := execAs(t, s, true, qSplit, map[string]any{"id": old, "articles": []any{"en-visit"}}, &d)
	if len(resp.Errors) > 0 {
		t.Fatalf("split: %v", resp.Errors)
	}
	n := d.SplitOfficial
	if n.ID == "" || n.ID == old || len(n.Sources) != 1 || n.Sources[0].Article.ID != "en-visit" {
		t.Errorf("split returned %+v, want a new official with en-visit's mention", n)
	}
	if len(n.Meetings.Nodes) != 1 || n.Meetings.Nodes[0].ID != id["visit"] {
		t.Errorf("split-off official's meetings %v, want the visit %s", n.Meetings.Nodes, id["visit"])
	}
	mustCheckGraph(t, g)
	for _, tc := range []struct {
		name string
		vars map[string]any
	}{
		{"every article", map[string]any{"id": n.ID, "articles": []any{"en-visit"}}},
		{"no articles", map[string]any{"id": old, "articles": []any{}}},
		{"article not mentioning it", map[string]any{"id": old, "articles": []any{"fr-call"}}},
		{"unknown official", map[string]any{"id": "official:nobody", "articles": []any{"ar-seed"}}},
	} {
		if resp := execAs(t, s, true, qSplit, tc.vars, nil); errCode(resp) != CodeBadInput {
			t.Errorf("split %s: errors %v, want %s", tc.name, resp.Errors, CodeBadInput)
		}
	}
}

func TestCorrectionRenameMutation(t *testing.T) {
	g := newTestGraph(t)
	s, err := New(g)
	if err != nil {
		t.Fatal(err)
	}
	id := ids(t, s)
	var d struct{ RenameOfficial struct{ ID, Name string } }
	resp := execAs(t, s, true, qRename, map[string]any{"id": id["beldjoud"], "name": " Kamel Beldjoud (Algeria) "}, &d)
	if len(resp.Errors) > 0 {
		t.Fatalf("rename: %v", resp.Errors)
	}
	if d.RenameOfficial.Name != "Kamel Beldjoud (Algeria)" {
		t.Errorf("renamed official is named %q", d.RenameOfficial.Name)
	}
	mustCheckGraph(t, g)
	// Loading the articles that named him again keeps the name.
	cs := testContributions()
	for i := range cs {
		cs[i].Article.Hash = "changed-" + cs[i].Article.ID
	}
	if _, err := g.Apply(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	var o struct{ Official struct{ Name string } }
	execAs(t, s, false, `query($id: ID!) { official(id: $id) { name } }`, map[string]any{"id": id["beldjoud"]}, &o)
	if o.Official.Name != "Kamel Beldjoud (Algeria)" {
		t.Errorf("after re-loads the name is %q", o.Official.Name)
	}
	for _, name := range []string{"", "   ", string(make([]byte, 300))} {
		if resp := execAs(t, s, true, qRename, map[string]any{"id": id["beldjoud"], "name": name}, nil); errCode(resp) != CodeBadInput {
			t.Errorf("rename to %q: errors %v, want %s", name, resp.Errors, CodeBadInput)
		}
	}
	if resp := execAs(t, s, true, qRename, map[string]any{"id": "official:nobody", "name": "X"}, nil); errCode(resp) != CodeBadInput {
		t.Errorf("rename of an unknown official: errors %v, want %s", resp.Errors, CodeBadInput)
	}

	var l struct {
		Corrections []struct {
			Seq                int
			Kind, Official, At string
			Name, Note, Other  *string
			Articles           []string
		}
	}
	if resp := execAs(t, s, false, qList, nil, &l); len(resp.Errors) > 0 {
		t.Fatal(resp.Errors)
	}
	if len(l.Corrections) != 1 {
		t.Fatalf("corrections %+v, want the rename", l.Corrections)
	}
	c := l.Corrections[0]
	if c.Seq != 1 || c.Kind != "rename" || c.Official != id["beldjoud"] || c.Name == nil || *c.Name != "Kamel Beldjoud (Algeria)" ||
		c.Note == nil || *c.Note != "official spelling" || c.Other != nil || len(c.Articles) != 0 || c.At == "" {
		t.Errorf("correction %+v", c)
	}
}

// TestCorrectionIntrospection: GraphiQL finds the mutations (the SDL adds
// them with `extend schema`).
func TestCorrectionIntrospection(t *testing.T) {
	s, err := New(testGraph(t))
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Schema struct {
			MutationType struct {
				Fields []struct{ Name string }
			}
		} `json:"__schema"`
	}
	if resp := execAs(t, s, false, `{ __schema { mutationType { fields { name } } } }`, nil, &d); len(resp.Errors) > 0 {
		t.Fatal(resp.Errors)
	}
	var names []string
	for _, f := range d.Schema.MutationType.Fields {
		names = append(names, f.Name)
	}
	if strings.Join(names, ",") != "mergeOfficials,renameOfficial,splitOfficial" && strings.Join(names, ",") != "mergeOfficials,splitOfficial,renameOfficial" {
		t.Errorf("mutation fields %v", names)
	}
}
