package loader

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
	"diplograph/loader/gen"
)

// The crash test runs a load in a child process (this test binary, re-run
// with crashChildEnv set) and kills it with SIGKILL at random points.

const crashChildEnv = "DIPLOGRAPH_LOADER_CRASH_CHILD"

// TestLoadCrashChild is the child: it loads $CORPUS into the Badger store in
// $DB, appending each acknowledged id to $ACKS once the batch is synced.
func TestLoadCrashChild(t *testing.T) {
	if os.Getenv(crashChildEnv) == "" {
		t.Skip("child of TestLoadCrash only")
	}
	st, err := badgerstore.Open(os.Getenv("DB"), badgerstore.Options{GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g, err := graph.New(st, testCountries)
	if err != nil {
		t.Fatal(err)
	}
	acks, err := os.OpenFile(os.Getenv("ACKS"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer acks.Close()
	_, err = Load(context.Background(), g, testExtractor(), []string{os.Getenv("CORPUS")}, Options{BatchSize: 8,
		Ack: func(ids []string) {
			if err := st.Sync(); err != nil {
				t.Fatal(err)
			}
			acks.WriteString(strings.Join(ids, "\n") + "\n")
		}})
	if err != nil {
		t.Fatal(err)
	}
}

// ackedIDs reads the complete lines of the ack file (a kill may cut the last).
func ackedIDs(t *testing.T, path string) []string {
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		return strings.Fields(string(b[:i]))
	}
	return nil
}

// TestLoadCrash: kill -9 during a load; after each kill every acknowledged
// article is in the reopened store, whole (the graph's consistency check
// passes); the last run completes and the graph equals a clean load.
func TestLoadCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	var buf bytes.Buffer
	if err := gen.Generate(&buf, gen.Options{N: 400, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(corpus, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	db, acks := filepath.Join(dir, "db"), filepath.Join(dir, "acks")
	rng := rand.New(rand.NewPCG(7, 7))
	run := func(killAfter int) (killed bool) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLoadCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChildEnv+"=1", "DB="+db, "ACKS="+acks, "CORPUS="+corpus)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		start := len(ackedIDs(t, acks))
		for killAfter > 0 {
			select {
			case err := <-exited:
				if err != nil {
					t.Fatalf("child failed: %v\n%s", err, out.String())
				}
				return false
			case <-time.After(2 * time.Millisecond):
			}
			if len(ackedIDs(t, acks))-start >= killAfter {
				cmd.Process.Signal(syscall.SIGKILL)
				<-exited
				return true
			}
		}
		if err := <-exited; err != nil {
			t.Fatalf("child failed: %v\n%s", err, out.String())
		}
		return false
	}
	// verify reopens the store as the crashed child left it; the caller
	// closes it before the next child opens the directory.
	verify := func(when string) (*graph.Graph, *badgerstore.Store) {
		st, err := badgerstore.Open(db, badgerstore.Options{GCInterval: -1})
		if err != nil {
			t.Fatalf("%s: reopen: %v", when, err)
		}
		g, err := graph.New(st, testCountries)
		if err != nil {
			t.Fatal(err)
		}
		acked := ackedIDs(t, acks)
		err = g.View(t.Context(), func(r graph.Reader) error {
			for _, id := range acked {
				if _, err := r.Article(id); err != nil {
					t.Errorf("%s: acknowledged article %s: %v", when, id, err)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if problems, err := g.Check(t.Context()); err != nil || len(problems) > 0 {
			t.Errorf("%s: graph check: %v %v", when, err, problems)
		}
		return g, st
	}
	kills := 0
	for round := range 5 {
		if run(1 + rng.IntN(100)) {
			kills++
		}
		t.Logf("round %d: %d articles acknowledged so far", round+1, len(ackedIDs(t, acks)))
		_, st := verify(fmt.Sprintf("after kill %d", round+1))
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if kills == 0 {
		t.Fatal("the load always finished before the kill: nothing tested")
	}
	run(0)
	g, st := verify("after the final run")
	defer st.Close()
	if n := len(storedIDs(t, g)); n != 400 {
		t.Errorf("%d articles after the final run, want 400", n)
	}
	clean := newGraph(t)
	if _, err := Load(t.Context(), clean, testExtractor(), []string{corpus}, Options{BatchSize: 8}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(export(t, g), export(t, clean)) {
		t.Error("graph after kills and a re-run differs from a clean load")
	}
}
