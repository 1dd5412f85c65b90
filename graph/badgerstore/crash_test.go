package badgerstore_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
)

// The crash test: a child process (this test binary, running
// TestHelperWriter) writes numbered batches and prints "ack N" once Update
// returned for batch N; the parent kills it with SIGKILL at random points,
// reopens the store, and checks that every acknowledged batch is there and
// whole, and that no batch is there in part.

const (
	envCrashDir   = "BADGERSTORE_CRASH_DIR"
	envCrashStart = "BADGERSTORE_CRASH_START"
	envCrashSync  = "BADGERSTORE_CRASH_SYNC"
	envCrashMem   = "BADGERSTORE_CRASH_MEMORY"
	crashKeys     = 16    // keys per batch
	crashMax      = 20000 // a child stops by itself after this many batches
)

// crashKey and crashValue define batch n's content, so the parent can check it.
func crashKey(n, i int) []byte { return fmt.Appendf(nil, "batch/%08d/%02d", n, i) }

func crashValue(n, i int) []byte {
	// Both homes of a value: under the 256-byte threshold in the LSM tree's
	// write-ahead log, above it in the value log, and now and then one above
	// Badger's 1 MiB maximum threshold.
	size := 2000
	switch {
	case n%10 == 0 && i == 0:
		size = 1<<20 + 1
	case i%2 == 1:
		size = 200
	}
	v := make([]byte, size)
	copy(v, fmt.Sprintf("batch %d key %d ", n, i))
	for j := 32; j < size; j++ {
		v[j] = byte(n + i + j)
	}
	return v
}

// TestHelperWriter is the child of TestCrash; it does nothing in a normal run.
func TestHelperWriter(t *testing.T) {
	dir := os.Getenv(envCrashDir)
	if dir == "" {
		t.Skip("only run as TestCrash's child")
	}
	start, err := strconv.Atoi(os.Getenv(envCrashStart))
	if err != nil {
		t.Fatal(err)
	}
	mem, _ := strconv.Atoi(os.Getenv(envCrashMem))
	s, err := badgerstore.Open(dir, badgerstore.Options{SyncWrites: os.Getenv(envCrashSync) == "1", Memory: badgerstore.MemoryBudget(mem)})
	if err != nil {
		t.Fatal(err)
	}
	for n := start; n < start+crashMax; n++ {
		err := s.Update(t.Context(), func(tx graph.Tx) error {
			for i := range crashKeys {
				if err := tx.Put(crashKey(n, i), crashValue(n, i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("batch %d: %v", n, err)
		}
		// Unbuffered: once this line is written, the parent may count on it.
		if _, err := fmt.Fprintf(os.Stdout, "ack %d\n", n); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
}

func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(42, 43))
	acked := map[int]bool{}
	next := 0
	const rounds = 8
	// The child writes under each memory budget in turn and the parent
	// recovers under MemoryDefault, so write-ahead logs made for a larger
	// and for a smaller memtable are replayed (TestRecoverSmallerBudget
	// fills one beyond what the smaller memtable holds).
	budgets := []badgerstore.MemoryBudget{badgerstore.MemoryDefault, badgerstore.MemoryLarge, badgerstore.MemorySmall}
	for round := range rounds {
		syncWrites := round%2 == 1
		target := 5 + r.IntN(60) // acks to wait for before the kill
		mem := budgets[round%len(budgets)]
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
		cmd.Env = append(os.Environ(), envCrashDir+"="+dir, envCrashStart+"="+strconv.Itoa(next),
			envCrashSync+"="+map[bool]string{true: "1", false: "0"}[syncWrites],
			envCrashMem+"="+strconv.Itoa(int(mem)))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		got, killed := 0, false
		for sc.Scan() {
			line := sc.Text()
			n, err := strconv.Atoi(strings.TrimPrefix(line, "ack "))
			if err != nil || !strings.HasPrefix(line, "ack ") {
				continue // test framework output
			}
			acked[n] = true
			got++
			if round == 0 && got == 1 {
				checkInUse(t, dir, cmd.Process.Pid)
			}
			if got == target && !killed {
				// Kill at once: the child is in the middle of the next Update.
				// Lines already in the pipe are still read: they were
				// acknowledged before the kill.
				if err := cmd.Process.Kill(); err != nil {
					t.Fatal(err)
				}
				killed = true
			}
		}
		err = cmd.Wait()
		if !killed {
			t.Fatalf("round %d: child ended after %d acks before the kill: %v\n%s", round, got, err, stderr.Bytes())
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != -1 {
			t.Fatalf("round %d: child was not killed by the signal: %v\n%s", round, err, stderr.Bytes())
		}
		next = checkBatches(t, dir, acked, round)
		t.Logf("round %d (sync writes %v, memory %v): killed after %d acks; %d batches stored", round, syncWrites, mem, got, next)
	}
}

// checkInUse opens the store the child holds and expects the in-use error
// naming the child.
func checkInUse(t *testing.T, dir string, pid int) {
	t.Helper()
	s, err := badgerstore.Open(dir, badgerstore.Options{})
	if err == nil {
		s.Close()
		t.Fatal("Open succeeded on a store held by another process")
	}
	var inUse *badgerstore.InUseError
	if !errors.As(err, &inUse) || inUse.PID != pid ||
		!strings.Contains(err.Error(), "is in use by another diplograph process") {
		t.Errorf("Open of a store held by pid %d: %v", pid, err)
	}
}

// checkBatches reopens the store (recovering it) and checks that batches
// 0..N-1 are stored whole, nothing else is, and every acknowledged batch is
// among them. It returns N.
func checkBatches(t *testing.T, dir string, acked map[int]bool, round int) int {
	t.Helper()
	s, err := badgerstore.Open(dir, badgerstore.Options{})
	if err != nil {
		t.Fatalf("round %d: reopen after kill: %v", round, err)
	}
	defer s.Close()
	keys := map[int]int{} // batch → keys found
	err = s.View(t.Context(), func(tx graph.ReadTx) error {
		return tx.Scan(t.Context(), []byte("batch/"), nil, func(k, v []byte) (bool, error) {
			var n, i int
			if _, err := fmt.Sscanf(string(k), "batch/%08d/%02d", &n, &i); err != nil {
				return false, fmt.Errorf("unexpected key %q", k)
			}
			if !bytes.Equal(v, crashValue(n, i)) {
				return false, fmt.Errorf("batch %d key %d: wrong value (%d bytes)", n, i, len(v))
			}
			keys[n]++
			return true, nil
		})
	})
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	// A single writer commits in order, so the stored batches are a prefix
	// 0..N-1 of what it wrote, each whole.
	n := len(keys)
	for b := range n {
		if keys[b] != crashKeys {
			t.Errorf("round %d: batch %d has %d of %d keys (stored batches: %d)", round, b, keys[b], crashKeys, n)
		}
	}
	for b := range acked {
		if b >= n {
			t.Errorf("round %d: acknowledged batch %d lost (%d batches stored)", round, b, n)
		}
	}
	return n
}
