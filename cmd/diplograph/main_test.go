package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"diplograph/loader/text"
)

// runMain runs the real main wiring in-process and returns its exit code,
// stdout and stderr.
func runMain(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(t.Context(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// freeAddr returns a loopback address with a port that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// server is a `diplograph serve` running in-process for a test.
type server struct {
	url    string
	cancel context.CancelFunc
	done   chan int
	stderr *syncBuffer
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `diplograph serve` with args until the test ends.
func startServe(t *testing.T, args ...string) *server {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{url: "http://" + addr, cancel: cancel, done: make(chan int, 1), stderr: &syncBuffer{}}
	go func() {
		s.done <- run(ctx, append([]string{"serve", "--addr", addr}, args...), strings.NewReader(""), io.Discard, s.stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			t.Error("serve did not shut down")
		}
	})
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case code := <-s.done:
			t.Fatalf("serve exited with %d:\n%s", code, s.stderr.String())
		default:
		}
		resp, err := http.Get(s.url + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("serve did not become healthy:\n%s", s.stderr.String())
	return nil
}

// query posts a GraphQL query and decodes data into out; it fails the test on
// GraphQL errors.
func (s *server) query(t *testing.T, q string, vars map[string]any, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	resp, err := http.Post(s.url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("query: %s: %v: %s", resp.Status, err, raw)
	}
	if len(r.Errors) > 0 {
		t.Fatalf("query errors: %s", raw)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		t.Fatalf("decoding %s: %v", r.Data, err)
	}
}

func devDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "eval", "dev")
	if _, err := os.Stat(filepath.Join(dir, "articles.jsonl")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("dev set missing in CI: %v", err)
		}
		t.Skip("../shared/eval/dev is not here")
	}
	return dir
}

func TestUsage(t *testing.T) {
	code, _, stderr := runMain(t, "")
	if code != 2 || !strings.Contains(stderr, "commands:") {
		t.Fatalf("no args: code %d, stderr %q", code, stderr)
	}
	code, _, stderr = runMain(t, "", "frobnicate")
	if code != 2 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Fatalf("unknown command: code %d, stderr %q", code, stderr)
	}
	code, _, stderr = runMain(t, "", "load")
	if code != 2 || !strings.Contains(stderr, "no PATH") {
		t.Fatalf("load without path: code %d, stderr %q", code, stderr)
	}
}

// TestGen: gen writes the corpus the seed gives, to stdout or a file;
// --turnover gives ministers terms (another corpus); a negative one is refused.
func TestGen(t *testing.T) {
	code, stable, errs := runMain(t, "", "gen", "--n", "40", "--seed", "3")
	if code != 0 || strings.Count(stable, "\n") != 40 {
		t.Fatalf("gen: exit %d, %d lines: %s", code, strings.Count(stable, "\n"), errs)
	}
	file := filepath.Join(t.TempDir(), "corpus.jsonl")
	if code, _, errs := runMain(t, "", "gen", "--n", "40", "--seed", "3", file); code != 0 {
		t.Fatalf("gen FILE: exit %d: %s", code, errs)
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != stable {
		t.Errorf("gen FILE wrote another corpus than gen to stdout (%v)", err)
	}
	code, terms, errs := runMain(t, "", "gen", "--n", "40", "--seed", "3", "--turnover", "1")
	if code != 0 || strings.Count(terms, "\n") != 40 || terms == stable {
		t.Errorf("gen --turnover 1: exit %d, %d lines, same corpus %v: %s", code, strings.Count(terms, "\n"), terms == stable, errs)
	}
	if code, _, errs := runMain(t, "", "gen", "--n", "4", "--turnover", "-1"); code == 0 || !strings.Contains(errs, "negative turnover") {
		t.Errorf("gen --turnover -1: exit %d: %s", code, errs)
	}
}

// TestSeedContract is issue 2's acceptance test: after loading the dev set,
// the Libya–Algeria meeting of the seed article is one meeting with both
// ministers, verbatim sources and roles, findable in both scripts.
func TestSeedContract(t *testing.T) {
	dev := devDir(t)
	data := t.TempDir()
	articles := filepath.Join(dev, "articles.jsonl")
	if code, out, errs := runMain(t, "", "load", "--data", data, articles); code != 0 {
		t.Fatalf("load: exit %d\n%s\n%s", code, out, errs)
	}
	bodies := map[string]string{}
	raw, err := os.ReadFile(articles)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(raw, []byte("\n")) {
		var a struct{ ID, Title, Body string }
		if json.Unmarshal(line, &a) == nil {
			bodies[a.ID] = a.Title + "\n" + a.Body
		}
	}

	s := startServe(t, "--data", data)
	var r struct {
		Meetings struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Date, Kind   string
					Countries    []struct{ Code string }
					Participants []struct {
						ID, Name string
						Country  struct{ Code string }
						Roles    []struct {
							Title    string
							Ministry *struct{ Portfolio string }
						}
					}
					Sources []struct {
						Article  struct{ ID string }
						Sentence string
					}
				}
			}
		}
		Agreements struct{ TotalCount int }
		Ar, En     []struct{ ID, Kind, Name string }
	}
	s.query(t, `{
	  meetings(between: ["LY","DZ"]) { totalCount edges { node {
	    date kind countries { code }
	    participants { id name country { code } roles { title ministry { portfolio } } }
	    sources { article { id } sentence } } } }
	  agreements(between: ["DZ","LY"]) { totalCount }
	  ar: search(text: "مازن") { id kind name }
	  en: search(text: "Mazen") { id kind name }
	}`, nil, &r)

	// The dev set also reports the tripartite Tunis summit of Algeria, Tunisia
	// and Libya (fr-002, in its gold too), which `between` rightly includes:
	// the seed's encounter is the one bilateral meeting.
	var bilateral []int
	for i, e := range r.Meetings.Edges {
		if len(e.Node.Countries) == 2 {
			bilateral = append(bilateral, i)
		}
	}
	if len(bilateral) != 1 {
		t.Fatalf("bilateral meetings between LY and DZ: got %d of %d, want exactly 1: %+v", len(bilateral), r.Meetings.TotalCount, r.Meetings.Edges)
	}
	m := r.Meetings.Edges[bilateral[0]].Node
	if m.Date != "2021-11-28" || m.Kind != "visit" {
		t.Errorf("meeting: date %q kind %q, want 2021-11-28 visit", m.Date, m.Kind)
	}
	// The dev set writes both names in Arabic only; the graph's Latin
	// rendering may be Kamal Baljoud as well as Kamel Beldjoud, so names are
	// compared by their transliteration key.
	want := map[string]string{"Khaled Mazen": "LY", "Kamel Beldjoud": "DZ"}
	for _, p := range m.Participants {
		var name string
		for w := range want {
			if text.NameKey(w) == text.NameKey(p.Name) {
				name = w
			}
		}
		code, ok := want[name]
		if !ok {
			continue
		}
		delete(want, name)
		if p.Country.Code != code {
			t.Errorf("%s: country %s, want %s", p.Name, p.Country.Code, code)
		}
		interior := false
		for _, role := range p.Roles {
			if role.Title == "Minister of Interior" && role.Ministry != nil && role.Ministry.Portfolio == "interior" {
				interior = true
			}
		}
		if !interior {
			t.Errorf("%s: no Minister of Interior role with its ministry: %+v", p.Name, p.Roles)
		}
	}
	if len(want) > 0 {
		t.Errorf("participants missing: %v (got %+v)", want, m.Participants)
	}
	if len(m.Sources) == 0 {
		t.Error("meeting has no sources")
	}
	for _, src := range m.Sources {
		if !strings.Contains(bodies[src.Article.ID], src.Sentence) || src.Sentence == "" {
			t.Errorf("source sentence is not verbatim from %s: %q", src.Article.ID, src.Sentence)
		}
	}
	if r.Agreements.TotalCount == 0 {
		t.Error("no agreement between DZ and LY")
	}
	for name, hits := range map[string][]struct{ ID, Kind, Name string }{"مازن": r.Ar, "Mazen": r.En} {
		found := false
		for _, h := range hits {
			found = found || (h.Kind == "official" && text.NameKey(h.Name) == text.NameKey("Khaled Mazen"))
		}
		if !found {
			t.Errorf("search %q does not find Khaled Mazen: %+v", name, hits)
		}
	}
}

// TestLoadTwice checks that loading the same files again changes nothing.
func TestLoadTwice(t *testing.T) {
	data := t.TempDir()
	for i := range 2 {
		if code, out, errs := runMain(t, "", "load", "--data", data, filepath.Join("..", "..", "examples", "articles.jsonl")); code != 0 {
			t.Fatalf("load %d: exit %d\n%s\n%s", i, code, out, errs)
		}
	}
	out := filepath.Join(t.TempDir(), "export.json")
	if code, _, errs := runMain(t, "", "export", "--data", data, out); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	first, _ := os.ReadFile(out)
	if code, o, errs := runMain(t, "", "load", "--data", data, filepath.Join("..", "..", "examples", "articles.jsonl")); code != 0 || !strings.Contains(o, "unchanged") {
		t.Fatalf("third load: exit %d\n%s\n%s", code, o, errs)
	}
	if code, _, errs := runMain(t, "", "export", "--data", data, out); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	second, _ := os.ReadFile(out)
	if !bytes.Equal(first, second) {
		t.Fatal("export changed after re-loading the same files")
	}
	if code, o, _ := runMain(t, "", "check", "--data", data); code != 0 {
		t.Fatalf("check: %s", o)
	}
}

// TestLoadRejects checks that bad records are named by file and line, the
// rest loads, and the exit status says something was rejected.
func TestLoadRejects(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "mixed.jsonl")
	lines := []string{
		`{"id":"ok-1","lang":"en","published":"2024-03-02","title":"t","body":"Algeria's Foreign Minister Ahmed Attaf met his Tunisian counterpart Nabil Ammar in Algiers on Saturday."}`,
		`{"id":"bad-json",`,
		`{"id":"","body":"no id"}`,
		`{"id":"ok-2","lang":"fr","published":"2024-03-02","title":"t","body":"Le ministre algérien des Affaires étrangères Ahmed Attaf a reçu samedi à Alger son homologue tunisien Nabil Ammar."}`,
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runMain(t, "", "load", "--data", filepath.Join(dir, "data"), file)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"mixed.jsonl:2", "mixed.jsonl:3"} {
		if !strings.Contains(errs+out, want) {
			t.Errorf("output does not name %s:\n%s\n%s", want, out, errs)
		}
	}
	if !strings.Contains(out, "2 new") {
		t.Errorf("summary should say 2 new: %s", out)
	}
}

// TestLoadThroughServer checks the write path of a running server: the token
// is required, and what is sent becomes queryable.
func TestLoadThroughServer(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--token", "s3cret")
	file := filepath.Join(t.TempDir(), "one.jsonl")
	line := `{"id":"srv-1","lang":"en","published":"2024-05-06","title":"t","body":"Egyptian Foreign Minister Sameh Shoukry met his Jordanian counterpart Ayman Safadi in Cairo on Monday to discuss Gaza."}`
	if err := os.WriteFile(file, []byte(line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runMain(t, "", "load", "--server", s.url, "--token", "wrong", file); code == 0 {
		t.Fatalf("load with a wrong token succeeded: %s", errs)
	}
	if code, out, errs := runMain(t, "", "load", "--server", s.url, "--token", "s3cret", file); code != 0 {
		t.Fatalf("load --server: exit %d\n%s\n%s", code, out, errs)
	}
	var r struct{ Article *struct{ ID string } }
	s.query(t, `query($id: ID!) { article(id: $id) { id } }`, map[string]any{"id": "srv-1"}, &r)
	if r.Article == nil || r.Article.ID != "srv-1" {
		t.Fatalf("article loaded through the server is not there: %+v", r)
	}
}

// TestOnlineBackup backs up a running server through /api/backup, restores
// the file into a new store, and finds there what was loaded through the
// server.
func TestOnlineBackup(t *testing.T) {
	s := startServe(t, "--data", t.TempDir(), "--token", "tok")
	dir := t.TempDir()
	file := filepath.Join(dir, "one.jsonl")
	line := `{"id":"bk-1","lang":"fr","published":"2024-03-02","title":"t","body":"Le ministre algérien des Affaires étrangères Ahmed Attaf a reçu samedi à Alger son homologue tunisien Nabil Ammar."}`
	if err := os.WriteFile(file, []byte(line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runMain(t, "", "load", "--server", s.url, "--token", "tok", file); code != 0 {
		t.Fatalf("load --server: %d\n%s\n%s", code, out, errs)
	}
	backup := filepath.Join(dir, "graph.backup")
	if code, _, errs := runMain(t, "", "backup", "--server", s.url, "--token", "wrong", backup); code == 0 {
		t.Fatalf("backup with a wrong token succeeded: %s", errs)
	}
	if _, err := os.Stat(backup); !os.IsNotExist(err) {
		t.Fatal("a refused backup left a file behind")
	}
	if code, _, errs := runMain(t, "", "backup", "--server", s.url, "--token", "tok", backup); code != 0 {
		t.Fatalf("backup --server: %s", errs)
	}
	restored := filepath.Join(dir, "restored")
	if code, _, errs := runMain(t, "", "restore", "--data", restored, backup); code != 0 {
		t.Fatalf("restore: %s", errs)
	}
	export := filepath.Join(dir, "export.json")
	if code, _, errs := runMain(t, "", "export", "--data", restored, export); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	raw, err := os.ReadFile(export)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"bk-1"`) || !strings.Contains(string(raw), "Ammar") {
		t.Fatal("the restored store lacks what was loaded through the server")
	}
	if code, out, _ := runMain(t, "", "check", "--data", restored); code != 0 {
		t.Fatalf("check of the restored store: %s", out)
	}
}

// TestBench runs the bench command on a small generated corpus and checks
// that it reports every measure the README's table shows (never the figures:
// tests do not time anything).
func TestBench(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a generated corpus three ways")
	}
	dir := t.TempDir()
	code, out, errs := runMain(t, "", "bench", "--n", "300", "--queries", "4", "--dir", dir)
	if code != 0 {
		t.Fatalf("bench exited %d: %s", code, errs)
	}
	for _, want := range []string{
		" 300 articles, ",
		"load end to end", "ceiling (read+decode+raw write)", "load / ceiling",
		"extraction only (read+decode+extract)", "load / extraction only",
		"peak RSS during load", "load CPU (user + sys)", "load page faults", "compactions after the load",
		"country's meetings in a year", "meetings between two countries", "official's timeline",
		"neighbourhood depth 2, default limit", "neighbourhood depth 2, limit 500", "name search",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output has no %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, " 0 nodes and 0 edges") {
		t.Errorf("bench loaded nothing:\n%s", out)
	}

	// With --runs, the stages run again and each figure is a median with its
	// range; the queries still run once.
	code, out, errs = runMain(t, "", "bench", "--corpus", filepath.Join(dir, "corpus.jsonl"), "--runs", "2", "--queries", "2", "--dir", t.TempDir())
	if code != 0 {
		t.Fatalf("bench --runs 2 exited %d: %s", code, errs)
	}
	ranged := regexp.MustCompile(`(?m)^(load end to end|ceiling \(read\+decode\+raw write\)|extraction only \(read\+decode\+extract\)) +[0-9]+ \([0-9]+-[0-9]+\) articles/s`)
	if got := len(ranged.FindAllString(out, -1)); got != 3 || !strings.Contains(out, "each figure: median (min-max)") {
		t.Errorf("bench --runs 2: %d of 3 throughputs with a range:\n%s", got, out)
	}
	if n := strings.Count(out, "official's timeline"); n != 2 {
		t.Errorf("bench --runs 2 measured the timeline %d times, want once per client count:\n%s", n, out)
	}
	// The faults' total is both runs' (300 articles each): with two runs the
	// range's ends are the runs' figures, each rounded to a tenth.
	faults := regexp.MustCompile(`(?m)^load page faults +[0-9.]+ \(([0-9.]+)-([0-9.]+)\) per article .* ([0-9]+) in all`).FindStringSubmatch(out)
	if faults == nil {
		t.Errorf("bench --runs 2: no page faults line with a range:\n%s", out)
	} else {
		lo, _ := strconv.ParseFloat(faults[1], 64)
		hi, _ := strconv.ParseFloat(faults[2], 64)
		total, _ := strconv.ParseFloat(faults[3], 64)
		if math.Abs(total-300*(lo+hi)) > 300*0.1 {
			t.Errorf("bench --runs 2: %v faults in all for %v-%v per article of 300, want both runs':\n%s", total, lo, hi, out)
		}
	}
	if code, _, errs := runMain(t, "", "bench", "--runs", "0"); code != 2 || !strings.Contains(errs, "--runs must be at least 1") {
		t.Errorf("bench --runs 0: exit %d, %s", code, errs)
	}

	// The store it left behind can be measured again, queries only.
	code, out, errs = runMain(t, "", "bench", "--store", filepath.Join(dir, "store"), "--queries", "4")
	if code != 0 {
		t.Fatalf("bench --store exited %d: %s", code, errs)
	}
	for _, want := range []string{"compactions before the queries", "official's timeline", "neighbourhood depth 2, default limit", "neighbourhood depth 2, limit 500", "name search"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench --store output has no %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "load end to end") {
		t.Errorf("bench --store loaded again:\n%s", out)
	}
	if code, _, errs := runMain(t, "", "bench", "--store", t.TempDir()); code == 0 || !strings.Contains(errs, "not a loaded store") {
		t.Errorf("bench --store on an empty directory: exit %d, %s", code, errs)
	}
}
