//go:build linux

package loader

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the loader writes to the terminal side,
// the test reads what a user would see on the other.
func openPTY(t *testing.T) (master, term *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no pseudo-terminals here:", err)
	}
	fd := int(m.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Skip("unlockpt:", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Skip("ptsname:", err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skip("open pts:", err)
	}
	t.Cleanup(func() { s.Close(); m.Close() })
	return m, s
}

// TestProgressBarOnTerminal: on a terminal the load draws a bar with the
// article count and a percentage, and logs no progress lines.
func TestProgressBarOnTerminal(t *testing.T) {
	master, tty := openPTY(t)
	if !isTerminal(tty) {
		t.Fatal("a pts is not seen as a terminal")
	}
	var screen bytes.Buffer
	read := make(chan struct{})
	go func() {
		defer close(read)
		io.Copy(&screen, master) // ends with an error when the pty closes
	}()
	path := t.TempDir() + "/a.jsonl"
	if err := os.WriteFile(path, []byte(articles(40)), 0o644); err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	f := &fakeStore{g: newGraph(t), delay: 2 * time.Millisecond}
	sum, err := load(t.Context(), f, stubExtractor{}, []string{path}, Options{BatchSize: 1, Progress: tty,
		ProgressEvery: time.Millisecond, Log: zerolog.New(&logs)})
	if err != nil || sum.Loaded != 40 {
		t.Fatal(sum, err)
	}
	tty.Close()
	master.SetReadDeadline(time.Now().Add(5 * time.Second))
	<-read
	out := screen.String()
	if !strings.Contains(out, "40 articles") || !strings.Contains(out, "100%") {
		t.Errorf("terminal shows %q, want the final bar with 40 articles at 100%%", out)
	}
	if strings.Contains(logs.String(), "loading") {
		t.Errorf("progress logged on a terminal: %s", logs.String())
	}
}
