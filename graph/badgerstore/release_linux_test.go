package badgerstore_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
)

// mappedRSS sums the resident size of this process's mappings of files under
// dir, from /proc/self/smaps.
func mappedRSS(t *testing.T, dir string) int64 {
	t.Helper()
	dir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps:", err)
	}
	var total int64
	inDir := false
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := sc.Text()
		f := strings.Fields(line)
		switch {
		case len(f) >= 5 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":"):
			i := strings.IndexByte(line, '/')
			inDir = i >= 0 && strings.HasPrefix(line[i:], dir+"/")
		case inDir && len(f) == 3 && f[0] == "Rss:":
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			total += kb << 10
		}
	}
	return total
}

// TestReleaseMapped writes and reads back 64 MiB of values (value log and
// tables, all memory-mapped), then checks that ReleaseMapped gives most of
// the mapped pages back, that they stay in the page cache (mincore on a
// mapping of the value log: a read after the release is no disk read), and
// that everything still reads the same.
func TestReleaseMapped(t *testing.T) {
	dir := t.TempDir()
	var fs unix.Statfs_t
	if err := unix.Statfs(dir, &fs); err == nil && fs.Type == unix.TMPFS_MAGIC {
		t.Skip("the temporary directory is on tmpfs, whose pages are memory, not file cache")
	}
	s := openT(t, dir, badgerstore.Options{GCInterval: -1, ReleaseInterval: -1})
	defer s.Close()
	value := func(i int) []byte { return bytes.Repeat([]byte{byte('a' + i%26)}, 4096) }
	const n = 16384 // 64 MiB
	for b := 0; b < n; b += 1024 {
		err := s.Update(t.Context(), func(tx graph.Tx) error {
			for i := b; i < b+1024; i++ {
				if err := tx.Put(fmt.Appendf(nil, "k/%06d", i), value(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	readAll := func() {
		t.Helper()
		i := 0
		err := s.View(t.Context(), func(tx graph.ReadTx) error {
			return tx.Scan(t.Context(), []byte("k/"), nil, func(k, v []byte) (bool, error) {
				if !bytes.Equal(v, value(i)) {
					return false, fmt.Errorf("%s: wrong value", k)
				}
				i++
				return true, nil
			})
		})
		if err != nil || i != n {
			t.Fatalf("read back %d values: %v", i, err)
		}
	}
	readAll()
	before := mappedRSS(t, dir)
	if before < 32<<20 {
		t.Fatalf("only %d bytes of the store mapped and resident after writing and reading 64 MiB", before)
	}
	// Written back first, so that the pages are clean: a release that
	// evicted clean pages from the page cache would show in vlogCached.
	if err := s.Sync(); err != nil {
		t.Fatal(err)
	}
	covered, err := s.ReleaseMapped()
	if err != nil {
		t.Fatal(err)
	}
	after := mappedRSS(t, dir)
	t.Logf("store mappings resident: %d MiB before, %d MiB after releasing %d MiB of mappings", before>>20, after>>20, covered>>20)
	if covered < before {
		t.Errorf("ReleaseMapped covered %d bytes of mappings, less than the %d resident", covered, before)
	}
	if after > before/4 {
		t.Errorf("store mappings resident: %d bytes after ReleaseMapped, %d before", after, before)
	}
	if cached := vlogCached(t, dir); cached < 32<<20 {
		t.Errorf("only %d bytes of the value log left in the page cache after ReleaseMapped: later reads go to the disk", cached)
	}
	readAll()
}

// vlogCached maps the store's value-log files read-only and counts, with
// mincore, how many of their bytes are in the page cache.
func vlogCached(t *testing.T, dir string) int64 {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.vlog"))
	var total int64
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		fi, err := f.Stat()
		if err != nil || fi.Size() == 0 {
			f.Close()
			continue
		}
		m, err := unix.Mmap(int(f.Fd()), 0, int(fi.Size()), unix.PROT_READ, unix.MAP_SHARED)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		page := os.Getpagesize()
		vec := make([]byte, (len(m)+page-1)/page)
		_, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&m[0])), uintptr(len(m)), uintptr(unsafe.Pointer(&vec[0])))
		if errno != 0 {
			unix.Munmap(m)
			t.Skip("mincore:", errno)
		}
		for _, v := range vec {
			if v&1 != 0 {
				total += int64(page)
			}
		}
		unix.Munmap(m)
	}
	return total
}
