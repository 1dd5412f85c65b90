package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// correctArticles are three English reports that the resolver takes for
// one Algerian foreign minister.
var correctArticles = []string{
	`{"id":"c-1","lang":"en","published":"2024-03-02","title":"t","body":"Algeria's Foreign Minister Ahmed Attaf met his Tunisian counterpart Nabil Ammar in Algiers on Saturday."}`,
	`{"id":"c-2","lang":"en","published":"2024-04-06","title":"t","body":"Algeria's Foreign Minister Ahmed Attaf met his Tunisian counterpart Nabil Ammar in Tunis on Saturday."}`,
	`{"id":"c-3","lang":"en","published":"2024-05-04","title":"t","body":"Algeria's Foreign Minister Ahmed Attaf met his Tunisian counterpart Nabil Ammar in Oran on Saturday."}`,
}

func writeArticles(t *testing.T, lines []string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "articles.jsonl")
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// exportedOfficials returns the store's officials by id (name, sources'
// articles).
func exportedOfficials(t *testing.T, data string) map[string][]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "export.json")
	if code, _, errs := runMain(t, "", "export", "--data", data, out); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var x struct {
		Officials []struct {
			ID, Name string
			Sources  []struct{ Article string }
		}
	}
	if err := json.Unmarshal(b, &x); err != nil {
		t.Fatal(err)
	}
	m := map[string][]string{}
	for _, o := range x.Officials {
		arts := []string{o.Name}
		for _, s := range o.Sources {
			arts = append(arts, s.Article)
		}
		m[o.ID] = arts
	}
	return m
}

// attaf finds the official named Attaf.
func attaf(t *testing.T, offs map[string][]string) (string, []string) {
	t.Helper()
	for id, v := range offs {
		if strings.Contains(v[0], "Attaf") {
			return id, v
		}
	}
	t.Fatalf("no Attaf among %v", offs)
	return "", nil
}

func TestCorrectCommand(t *testing.T) {
	data := t.TempDir()
	file := writeArticles(t, correctArticles)
	if code, out, errs := runMain(t, "", "load", "--data", data, file); code != 0 {
		t.Fatalf("load: exit %d\n%s\n%s", code, out, errs)
	}
	id, v := attaf(t, exportedOfficials(t, data))
	if len(v) != 4 {
		t.Fatalf("setup: Attaf %v, want one official with the three articles", v)
	}

	for _, args := range [][]string{
		{"correct", "--data", data},
		{"correct", "--data", data, "frobnicate"},
		{"correct", "--data", data, "merge", id},
		{"correct", "--data", data, "split", id},
		{"correct", "--data", data, "rename", id},
		{"correct", "--data", data, "list", "extra"},
		{"correct", "--data", data, "--server", "http://127.0.0.1:1", "list"},
	} {
		if code, _, _ := runMain(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, errs := runMain(t, "", "correct", "--data", data, "split", id, "c-1", "c-2", "c-3"); code != 1 || !strings.Contains(errs, "nothing is left") {
		t.Errorf("split of every article: exit %d, %s", code, errs)
	}

	code, out, errs := runMain(t, "", "correct", "--data", data, "--note", "the May report is about another man", "split", id, "c-3")
	if code != 0 {
		t.Fatalf("split: exit %d\n%s", code, errs)
	}
	offs := exportedOfficials(t, data)
	var nid string
	for oid, v := range offs {
		if oid != id && strings.Contains(v[0], "Attaf") {
			nid = oid
		}
	}
	if nid == "" || !strings.Contains(out, nid) || strings.Join(offs[nid][1:], ",") != "c-3" || strings.Join(offs[id][1:], ",") != "c-1,c-2" {
		t.Fatalf("after split (%q): %v", out, offs)
	}
	if code, out, errs := runMain(t, "", "correct", "rename", "--data", data, id, "Ahmed", "Attaf", "(Algeria)"); code != 0 || !strings.Contains(out, "Ahmed Attaf (Algeria)") {
		t.Fatalf("rename: exit %d\n%s\n%s", code, out, errs)
	}

	// Loading the articles again, one with changed text, keeps both.
	changed := append([]string{}, correctArticles...)
	changed[2] = strings.Replace(changed[2], "in Oran", "in Oran, Algeria's second city,", 1)
	if code, out, errs := runMain(t, "", "load", "--data", data, writeArticles(t, changed)); code != 0 {
		t.Fatalf("reload: exit %d\n%s\n%s", code, out, errs)
	}
	offs = exportedOfficials(t, data)
	if offs[id][0] != "Ahmed Attaf (Algeria)" || strings.Join(offs[nid][1:], ",") != "c-3" {
		t.Errorf("after reload: %s %v, %s %v", id, offs[id], nid, offs[nid])
	}

	if code, out, errs := runMain(t, "", "correct", "merge", "--data", data, id, nid); code != 0 || !strings.Contains(out, "merged "+nid+" into "+id) {
		t.Fatalf("merge: exit %d\n%s\n%s", code, out, errs)
	}
	if code, out, _ := runMain(t, "", "check", "--data", data); code != 0 {
		t.Fatalf("check after corrections:\n%s", out)
	}
	code, out, errs = runMain(t, "", "correct", "list", "--data", data)
	if code != 0 {
		t.Fatalf("list: exit %d\n%s", code, errs)
	}
	for _, want := range []string{"split", "rename", "merge", "another man", `"Ahmed Attaf (Algeria)"`, "absorbed " + nid} {
		if !strings.Contains(out, want) {
			t.Errorf("list does not show %q:\n%s", want, out)
		}
	}
	code, out, _ = runMain(t, "", "correct", "list", "--json", "--data", data)
	if lines := strings.Split(strings.TrimSpace(out), "\n"); code != 0 || len(lines) != 3 || !strings.Contains(lines[0], `"kind":"split"`) {
		t.Errorf("list --json: exit %d\n%s", code, out)
	}
}

func TestCorrectCommandServer(t *testing.T) {
	data := t.TempDir()
	if code, out, errs := runMain(t, "", "load", "--data", data, writeArticles(t, correctArticles)); code != 0 {
		t.Fatalf("load: exit %d\n%s\n%s", code, out, errs)
	}
	id, _ := attaf(t, exportedOfficials(t, data))
	s := startServe(t, "--data", data, "--token", "s3cret")
	// In another process the message says to use --server; in this one,
	// that the store is open.
	if code, _, errs := runMain(t, "", "correct", "--data", data, "list"); code != 1 || !strings.Contains(errs, data) {
		t.Errorf("correct on the store the server holds: exit %d, %s", code, errs)
	}

	if code, _, _ := runMain(t, "", "correct", "--server", s.url, "rename", id, "X"); code != 2 {
		t.Errorf("rename without a token: exit %d, want 2", code)
	}
	if code, _, errs := runMain(t, "", "correct", "--server", s.url, "--token", "wrong", "rename", id, "X"); code != 1 || !strings.Contains(errs, "401") {
		t.Errorf("rename with a wrong token: exit %d, %s", code, errs)
	}
	code, out, errs := runMain(t, "", "correct", "--server", s.url, "--token", "s3cret", "--note", "n", "rename", id, "Ahmed Attaf (Algeria)")
	if code != 0 || !strings.Contains(out, "renamed "+id+" to Ahmed Attaf (Algeria)") {
		t.Fatalf("rename: exit %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := runMain(t, "", "correct", "--server", s.url, "--token", "s3cret", "split", id, "nope"); code != 1 || !strings.Contains(errs, "BAD_USER_INPUT") {
		t.Errorf("split of an unknown article: exit %d, %s", code, errs)
	}
	code, out, errs = runMain(t, "", "correct", "--server", s.url, "list")
	if code != 0 || !strings.Contains(out, `"Ahmed Attaf (Algeria)"`) || !strings.Contains(out, id) {
		t.Errorf("list: exit %d\n%s\n%s", code, out, errs)
	}
	var d struct{ Official struct{ Name string } }
	s.query(t, `query($id: ID!) { official(id: $id) { name } }`, map[string]any{"id": id}, &d)
	if d.Official.Name != "Ahmed Attaf (Algeria)" {
		t.Errorf("server reads name %q", d.Official.Name)
	}
}
