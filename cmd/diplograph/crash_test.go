package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
	"diplograph/loader/gazetteer"
	"diplograph/loader/gen"
)

// TestMain lets the test binary stand in for the diplograph binary: a child
// started with DIPLOGRAPH_AS_MAIN=1 runs main's wiring with its arguments, so
// crash tests can SIGKILL a real `diplograph load` or `serve` process.
func TestMain(m *testing.M) {
	if os.Getenv("DIPLOGRAPH_AS_MAIN") == "1" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// child returns a command running diplograph with args in a child process.
func child(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DIPLOGRAPH_AS_MAIN=1", "DIPLOGRAPH_LOG=warn")
	return cmd
}

// writeCorpus writes a generated corpus of n articles and returns its path.
func writeCorpus(t *testing.T, n int, seed uint64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := gen.Generate(f, gen.Options{N: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// readAcks returns the article ids listed in an ack file.
func readAcks(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range strings.Split(string(raw), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			ids = append(ids, l)
		}
	}
	return ids
}

// verifyStore opens the store, checks every acknowledged article is present
// and whole, and that the consistency checker finds nothing.
func verifyStore(t *testing.T, dir string, acked []string) {
	t.Helper()
	st, err := badgerstore.Open(dir, badgerstore.Options{})
	if err != nil {
		t.Fatalf("reopening after kill: %v", err)
	}
	defer st.Close()
	g, err := graph.New(st, gazetteer.Default().Countries())
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	problems, err := g.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("check: %v", p)
	}
	err = g.View(ctx, func(r graph.Reader) error {
		for _, id := range acked {
			a, err := r.Article(id)
			if err != nil {
				return fmt.Errorf("acknowledged article %s: %w", id, err)
			}
			// Whole: every event the article contributed is there and
			// cites it.
			for _, mid := range a.Meetings {
				m, err := r.Meeting(mid)
				if err != nil {
					return fmt.Errorf("article %s: meeting %s: %w", id, mid, err)
				}
				cited := false
				for _, s := range m.Sources {
					cited = cited || s.Article == id
				}
				if !cited {
					return fmt.Errorf("article %s: meeting %s does not cite it", id, mid)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func exportOf(t *testing.T, dir string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "export.json")
	cmd := child(t, "export", "--data", dir, out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("export: %v\n%s", err, b)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestLoadSurvivesKill kills `diplograph load` with SIGKILL at random points
// of a large load, and checks after each kill that the store opens, holds
// every article the loader acknowledged, whole, and passes the consistency
// check; then that finishing the load gives the same graph as one clean pass.
func TestLoadSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test is long")
	}
	corpus := writeCorpus(t, 2500, 11)
	data := filepath.Join(t.TempDir(), "store")
	acks := filepath.Join(t.TempDir(), "acks")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	seed := rng.Uint64()
	t.Logf("kill points seed %d", seed)
	rng = rand.New(rand.NewPCG(seed, 2))
	for round := range 4 {
		cmd := child(t, "load", "--data", data, "--ack", acks, "--batch", "64", corpus)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill once some acks beyond the last round's have appeared, or at a
		// random moment, whichever comes first.
		before := len(readAcks(t, acks))
		want := before + 1 + rng.IntN(400)
		deadline := time.Now().Add(time.Duration(200+rng.IntN(3000)) * time.Millisecond)
		for time.Now().Before(deadline) && len(readAcks(t, acks)) < want {
			time.Sleep(20 * time.Millisecond)
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		acked := readAcks(t, acks)
		t.Logf("round %d: killed with %d articles acknowledged", round, len(acked))
		verifyStore(t, data, acked)
	}
	// Finish the load.
	if out, err := child(t, "load", "--data", data, "--ack", acks, corpus).CombinedOutput(); err != nil {
		t.Fatalf("final load: %v\n%s", err, out)
	}
	verifyStore(t, data, readAcks(t, acks))

	clean := filepath.Join(t.TempDir(), "clean")
	if out, err := child(t, "load", "--data", clean, corpus).CombinedOutput(); err != nil {
		t.Fatalf("clean load: %v\n%s", err, out)
	}
	if !bytes.Equal(exportOf(t, data), exportOf(t, clean)) {
		t.Fatal("the graph after crashes and a resumed load differs from a clean single-pass load")
	}
}

// TestServerLoadSurvivesKill does the same to a server receiving articles
// through /api/load: every request it answered 200 to is in the store after
// a SIGKILL.
func TestServerLoadSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test is long")
	}
	corpus := writeCorpus(t, 1200, 12)
	raw, err := os.ReadFile(corpus)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSpace(string(raw)), "\n")
	data := filepath.Join(t.TempDir(), "store")
	addr := freeAddr(t)
	cmd := child(t, "serve", "--data", data, "--addr", addr, "--token", "tok")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	url := "http://" + addr
	deadline := time.Now().Add(time.Minute)
	for {
		if resp, err := http.Get(url + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("server did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
	var acked []string
	killAt := 5 + rand.IntN(10)
	for i := 0; i < len(lines); i += 40 {
		if i/40 == killAt {
			_ = cmd.Process.Signal(syscall.SIGKILL)
			_ = cmd.Wait()
			break
		}
		chunk := strings.Join(lines[i:min(i+40, len(lines))], "")
		req, _ := http.NewRequest(http.MethodPost, url+"/api/load", strings.NewReader(chunk))
		req.Header.Set("Authorization", "Bearer tok")
		req.Header.Set("Content-Type", "application/x-ndjson")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("/api/load: %s", resp.Status)
		}
		sc := bufio.NewScanner(strings.NewReader(chunk))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var id struct{ ID string }
			if err := json.Unmarshal(sc.Bytes(), &id); err == nil {
				acked = append(acked, id.ID)
			}
		}
	}
	if len(acked) == 0 {
		t.Fatal("nothing was acknowledged before the kill")
	}
	t.Logf("killed the server with %d articles acknowledged", len(acked))
	verifyStore(t, data, acked)
}
