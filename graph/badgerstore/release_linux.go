package badgerstore

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

const releaseSupported = true

// releaseMapped advises the kernel to page out every shared mapping of a
// file under dir, as listed by /proc/self/maps. Private mappings are left
// alone (Badger maps its files shared). An old kernel without MADV_PAGEOUT
// (before Linux 5.4) answers EINVAL: nothing is released then, and no error
// is reported, since nothing is wrong with the store.
func releaseMapped(dir string) (int64, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return 0, err
	}
	abs, err = filepath.EvalSymlinks(abs)
	if err != nil {
		return 0, err
	}
	raw, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return 0, err
	}
	prefix := []byte(abs + string(filepath.Separator))
	// The newest value-log files hold what was just written, which the
	// graph reads back soonest (the reports of recent events): paging them
	// out would turn those reads into disk reads. They are left resident.
	newest := int64(-1)
	forEachLine(raw, func(line []byte) {
		if _, _, ok := sharedMappingOf(line, prefix); ok {
			newest = max(newest, vlogNumber(line))
		}
	})
	var total int64
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		start, end, ok := sharedMappingOf(sc.Bytes(), prefix)
		if !ok {
			continue
		}
		if n := vlogNumber(sc.Bytes()); n >= 0 && n > newest-residentVlogFiles {
			continue
		}
		_, _, errno := syscall.Syscall(unix.SYS_MADVISE, start, end-start, unix.MADV_PAGEOUT)
		switch {
		case errno == 0:
			total += int64(end - start)
		case errors.Is(errno, syscall.EINVAL):
			return total, nil
		case errors.Is(errno, syscall.ENOMEM):
			// unmapped since /proc/self/maps was read: nothing to do
		default:
			return total, fmt.Errorf("badgerstore: madvise %s: %w", dir, errno)
		}
	}
	return total, sc.Err()
}

// residentVlogFiles is how many of the newest value-log files (the one
// being written first) releaseMapped leaves resident, 128 MiB each at most.
var residentVlogFiles int64 = 1

func forEachLine(raw []byte, fn func([]byte)) {
	for len(raw) > 0 {
		line, rest, _ := bytes.Cut(raw, []byte{'\n'})
		fn(line)
		raw = rest
	}
}

// vlogNumber returns the number of the value-log file a /proc/self/maps
// line maps (000012.vlog is 12), or -1 for another file.
func vlogNumber(line []byte) int64 {
	f := bytes.Fields(line)
	if len(f) < 6 {
		return -1
	}
	name, ok := bytes.CutSuffix(f[len(f)-1], []byte(".vlog"))
	if !ok {
		return -1
	}
	if i := bytes.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	n, err := strconv.ParseInt(string(name), 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// sharedMappingOf parses one line of /proc/self/maps,
//
//	7f2c4a000000-7f2c52000000 rw-s 00000000 fd:01 1234  /data/store/000001.vlog
//
// and returns its address range if it is a shared mapping of a file whose
// path starts with prefix.
func sharedMappingOf(line, prefix []byte) (start, end uintptr, ok bool) {
	f := bytes.Fields(line)
	// The path is the rest of the line from its first slash (no other field
	// has one), spaces included.
	slash := bytes.IndexByte(line, '/')
	if len(f) < 6 || slash < 0 || !bytes.HasPrefix(line[slash:], prefix) {
		return 0, 0, false
	}
	if perms := f[1]; len(perms) != 4 || perms[3] != 's' {
		return 0, 0, false
	}
	lo, hi, found := bytes.Cut(f[0], []byte{'-'})
	if !found {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(string(lo), 16, 64)
	b, err2 := strconv.ParseUint(string(hi), 16, 64)
	if err1 != nil || err2 != nil || b <= a {
		return 0, 0, false
	}
	return uintptr(a), uintptr(b), true
}
