package badgerstore

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

const releaseSupported = true

// releaseMapped takes every shared mapping of a file under dir, as listed by
// /proc/self/maps, out of this process's page tables (madvise MADV_DONTNEED).
// For a shared file mapping that only unmaps: the pages stay in the kernel's
// page cache (dirty ones are still written back), so the next read of them is
// a minor fault, not a disk read, and the kernel reclaims them like any
// cached file data when it needs the memory. Private mappings are left alone
// (Badger maps its files shared).
//
// MADV_PAGEOUT, used before, also evicted the pages from the page cache:
// loading a million articles in random date order, every report of an event
// seen months of input earlier then read its records back from the disk, and
// the load ran at a third of its speed at 100k.
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
	var total int64
	var failed error
	forEachLine(raw, func(line []byte) {
		start, end, name, ok := sharedMappingOf(line, prefix)
		if !ok {
			return
		}
		_, _, errno := syscall.Syscall(unix.SYS_MADVISE, start, end-start, unix.MADV_DONTNEED)
		if errno == 0 && !writeLog(name) {
			// Random access: no read-ahead, and above all no fault-around,
			// which maps the 16 cached pages around each page read back,
			// so that the resident set grew sixteen times faster than what
			// was read (Badger's reads are a record or a block here and
			// there; its sequential passes find the pages cached anyway).
			_, _, errno = syscall.Syscall(unix.SYS_MADVISE, start, end-start, unix.MADV_RANDOM)
		}
		switch {
		case errno == 0:
			total += int64(end - start)
		case errors.Is(errno, syscall.ENOMEM), errors.Is(errno, syscall.EINVAL):
			// unmapped since /proc/self/maps was read (and maybe mapped
			// again differently): nothing of ours to release
		default:
			// The others are released all the same: one mapping the
			// kernel refuses must not keep the rest resident.
			if failed == nil {
				failed = fmt.Errorf("badgerstore: madvise %s: %w", dir, errno)
			}
		}
	})
	return total, failed
}

// writeLog says whether the mapped file is a memtable's write-ahead log,
// which Badger appends to and does not read while it is open. It keeps the
// default mode: its pages are first touched by writes into the file's
// preallocated hole, and without read-ahead each page was a major fault of
// its own, taken by Badger's single write goroutine while the commit waits
// (a sixth of the 452,000 of a 300k-article load). The newest value-log
// file is appended to as well, but it is also where the writer reads back
// the records it wrote last: left in the default mode too, fault-around
// mapped those reads sixteen pages at a time, and the 300k load peaked at
// 825 MiB instead of 587 and ran 10% slower.
func writeLog(name string) bool {
	return strings.HasSuffix(name, ".mem")
}

// fileResident returns how much of this process's resident set is mapped
// files (RssFile in /proc/self/status: the store's mappings, and the
// executable's own pages).
func fileResident() (int64, bool) {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	var kb int64
	found := false
	forEachLine(raw, func(line []byte) {
		if rest, ok := bytes.CutPrefix(line, []byte("RssFile:")); ok {
			f := bytes.Fields(rest)
			if len(f) >= 1 {
				kb, err = strconv.ParseInt(string(f[0]), 10, 64)
				found = err == nil
			}
		}
	})
	return kb << 10, found
}

func forEachLine(raw []byte, fn func([]byte)) {
	for len(raw) > 0 {
		line, rest, _ := bytes.Cut(raw, []byte{'\n'})
		fn(line)
		raw = rest
	}
}

// sharedMappingOf parses one line of /proc/self/maps,
//
//	7f2c4a000000-7f2c52000000 rw-s 00000000 fd:01 1234  /data/store/000001.vlog
//
// and returns its address range and file name if it is a shared mapping of
// a file whose path starts with prefix.
func sharedMappingOf(line, prefix []byte) (start, end uintptr, name string, ok bool) {
	f := bytes.Fields(line)
	// The path is the rest of the line from its first slash (no other field
	// has one), spaces included.
	slash := bytes.IndexByte(line, '/')
	if len(f) < 6 || slash < 0 || !bytes.HasPrefix(line[slash:], prefix) {
		return 0, 0, "", false
	}
	if perms := f[1]; len(perms) != 4 || perms[3] != 's' {
		return 0, 0, "", false
	}
	lo, hi, found := bytes.Cut(f[0], []byte{'-'})
	if !found {
		return 0, 0, "", false
	}
	a, err1 := strconv.ParseUint(string(lo), 16, 64)
	b, err2 := strconv.ParseUint(string(hi), 16, 64)
	if err1 != nil || err2 != nil || b <= a {
		return 0, 0, "", false
	}
	return uintptr(a), uintptr(b), filepath.Base(string(line[slash:])), true
}
