package loader

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"

	"diplograph/loader/extract"
)

// DefaultMaxRecord is the largest record (one JSON line or array element) the
// reader accepts: far above any news article (a few KB to a few hundred KB),
// small enough that a runaway line cannot exhaust memory.
const DefaultMaxRecord = 16 << 20

// Record is one valid article read from an input.
type Record struct {
	Article extract.Article
	File    string // input name
	Line    int    // 1-based line where the record starts
	Element int    // 0-based index in a JSON array; -1 in JSON Lines
	Size    int    // bytes of the raw JSON record
	Cleaned int    // bidi control characters stripped from its text
}

// Where is "file:line" (with the element for arrays), for messages.
func (r Record) Where() string {
	if r.Element >= 0 {
		return fmt.Sprintf("%s:%d: element %d", r.File, r.Line, r.Element)
	}
	return fmt.Sprintf("%s:%d", r.File, r.Line)
}

const (
	formatUnknown = iota
	formatLines
	formatArray
	formatStream // pretty-printed objects one after the other (jq's output)
)

// Reader streams articles from one input: JSON Lines or a JSON array, either
// of them gzipped (recognised by its magic bytes, whatever the name). The
// format is told by the first non-space byte: '[' array, '{' lines. Memory is
// bounded by the largest record (at most the max record size) plus buffers:
// a JSON array is split element by element, never decoded whole.
//
// Next returns each valid record; a *RecordError for a refused record (call
// Next again: the reader carries on with the next record); a *FileError when
// the input cannot be read further (what came before it stands); io.EOF at
// the end.
type Reader struct {
	name    string
	max     int
	in      *bufio.Reader
	raw     *offsetReader // the input as given, before any decompression
	zin     *offsetReader // what gzip consumed of raw's buffer, when gzipped
	gz      bool
	format  int
	line    int // line of the next unread byte
	elem    int // index of the next array element
	sepNext bool
	buf     []byte
	err     error // sticky: io.EOF or a *FileError not yet returned
	failed  bool
}

// NewReader reads the input r, named name in errors. maxRecord ≤ 0 means
// DefaultMaxRecord.
func NewReader(name string, r io.Reader, maxRecord int) *Reader {
	if maxRecord <= 0 {
		maxRecord = DefaultMaxRecord
	}
	raw := &offsetReader{r: r}
	return &Reader{name: name, max: maxRecord, in: bufio.NewReaderSize(raw, 64<<10), raw: raw, line: 1}
}

// Offset is how many bytes of the input (compressed bytes for gzip) the
// records returned so far were read from, give or take a read-ahead of the
// decompressor: what a progress bar of the input should show.
func (r *Reader) Offset() int64 {
	if r.zin != nil {
		return r.zin.n
	}
	return r.raw.n - int64(r.in.Buffered())
}

// offsetReader counts the bytes read through it. As an io.ByteReader it lets
// the decompressor consume exactly what it needs, so the count is exact.
type offsetReader struct {
	r io.Reader
	n int64
}

func (o *offsetReader) Read(b []byte) (int, error) {
	n, err := o.r.Read(b)
	o.n += int64(n)
	return n, err
}

func (o *offsetReader) ReadByte() (byte, error) {
	c, err := o.r.(io.ByteReader).ReadByte()
	if err == nil {
		o.n++
	}
	return c, err
}

// Line is the line the reader has reached.
func (r *Reader) Line() int { return r.line }

// Next returns the next record; see Reader.
func (r *Reader) Next() (Record, error) {
	if r.err != nil {
		return Record{}, r.takeErr()
	}
	if r.format == formatUnknown {
		if err := r.start(); err != nil {
			r.err = err
			return Record{}, r.takeErr()
		}
	}
	switch r.format {
	case formatLines:
		return r.nextLine()
	case formatStream:
		return r.nextObject()
	}
	return r.nextElement()
}

// takeErr returns the sticky error once if it is a FileError, then io.EOF.
func (r *Reader) takeErr() error {
	err := r.err
	r.err = io.EOF
	return err
}

func (r *Reader) fileErr(line int, format string, args ...any) *FileError {
	return &FileError{File: r.name, Line: line, Err: fmt.Errorf(format, args...)}
}

// readErr explains an error from the underlying stream at the given line.
func (r *Reader) readErr(err error, line int) *FileError {
	var ce flate.CorruptInputError
	if r.gz && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) ||
		errors.Is(err, gzip.ErrHeader) || errors.As(err, &ce)) {
		return &FileError{File: r.name, Line: line, Err: fmt.Errorf("truncated or corrupt gzip stream (%v); the records before line %d were read", err, line)}
	}
	return &FileError{File: r.name, Line: line, Err: fmt.Errorf("read: %w", err)}
}

// start unwraps gzip, skips a BOM and leading space, and picks the format.
func (r *Reader) start() error {
	magic, _ := r.in.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		// The compressed stream is the bufio buffer over the input: count
		// what gzip takes from it (a bufio.Reader is an io.ByteReader).
		r.zin = &offsetReader{r: r.in}
		zr, err := gzip.NewReader(r.zin)
		if err != nil {
			return r.readErr(err, 0)
		}
		r.gz = true
		r.in = bufio.NewReaderSize(zr, 64<<10)
	}
	bom, _ := r.in.Peek(3)
	switch {
	case bytes.HasPrefix(bom, []byte{0xEF, 0xBB, 0xBF}):
		r.in.Discard(3)
	case bytes.HasPrefix(bom, []byte{0xFF, 0xFE}), bytes.HasPrefix(bom, []byte{0xFE, 0xFF}):
		return r.fileErr(1, "UTF-16 text; convert it to UTF-8")
	}
	c, err := r.skipSpace()
	switch {
	case err == io.EOF:
		return r.fileErr(0, "empty file: no articles")
	case err != nil:
		return r.readErr(err, r.line)
	case c == '[':
		r.in.Discard(1)
		r.format = formatArray
	case c == '{':
		r.format = formatLines
		// "{" alone on the first line: objects written over several lines,
		// one after the other, as jq or an indenting encoder print them.
		// JSON Lines keeps each object on one line, so this cannot be it.
		head, _ := r.in.Peek(min(r.in.Buffered(), 64))
		if line, _, ok := bytes.Cut(head, []byte{'\n'}); ok && string(bytes.TrimSpace(line)) == "{" {
			r.format = formatStream
		}
	default:
		b, _ := r.in.Peek(4)
		return r.fileErr(r.line, "neither JSON Lines nor a JSON array: starts with %s", startOf(b))
	}
	return nil
}

// skipSpace consumes JSON white space (counting lines) and returns, without
// consuming it, the next byte.
func (r *Reader) skipSpace() (byte, error) {
	for {
		c, err := r.in.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case '\n':
			r.line++
		case ' ', '\t', '\r':
		default:
			r.in.UnreadByte()
			return c, nil
		}
	}
}

// readLine reads one line (without limit on what it consumes, with a limit on
// what it keeps). size is the full length; tooLong when it exceeded the limit.
func (r *Reader) readLine() (line []byte, size int, tooLong bool, err error) {
	r.buf = r.buf[:0]
	for {
		chunk, err := r.in.ReadSlice('\n')
		size += len(chunk)
		if err == nil && size == len(chunk) && size <= r.max+2 {
			return chunk, size, false, nil // the whole line is in bufio's buffer: no copy
		}
		if !tooLong {
			if size > r.max+2 { // +2: the line end, \r\n
				tooLong, r.buf = true, r.buf[:0]
			} else {
				r.buf = append(r.buf, chunk...)
			}
		}
		if err != bufio.ErrBufferFull {
			return r.buf, size, tooLong, err
		}
	}
}

func (r *Reader) nextLine() (Record, error) {
	for {
		if r.err != nil {
			return Record{}, r.takeErr()
		}
		at := r.line
		line, size, tooLong, err := r.readLine()
		switch {
		case err == io.EOF:
			r.err = io.EOF
		case err != nil:
			// The line in hand is cut short: drop it, report where we stopped.
			r.err = r.readErr(err, at)
			return Record{}, r.takeErr()
		default:
			r.line++
		}
		r.shrink()
		if tooLong {
			return Record{}, &RecordError{File: r.name, Line: at, Element: -1, Field: "line",
				Problem: fmt.Sprintf("%s long, over the %s record limit", humanBytes(int64(size)), humanBytes(int64(r.max)))}
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			if r.err != nil {
				return Record{}, r.takeErr()
			}
			continue
		}
		return r.decode(line, at, -1)
	}
}

func (r *Reader) decode(raw []byte, line, elem int) (Record, error) {
	a, cleaned, p := decodeRecord(raw)
	if p != nil {
		return Record{}, &RecordError{File: r.name, Line: line, Element: elem, ID: p.id, Field: p.field, Problem: p.text}
	}
	return Record{Article: a, File: r.name, Line: line, Element: elem, Size: len(raw), Cleaned: cleaned}, nil
}

// shrink lets a buffer grown by one huge record go, so that memory returns to
// its usual size after it.
func (r *Reader) shrink() {
	if cap(r.buf) > 1<<20 {
		r.buf = nil
	}
}

func (r *Reader) nextElement() (Record, error) {
	for {
		if r.err != nil {
			return Record{}, r.takeErr()
		}
		c, err := r.skipSpace()
		if err != nil {
			if err == io.EOF {
				r.err = r.fileErr(r.line, "unexpected end of file: the JSON array is not closed")
			} else {
				r.err = r.readErr(err, r.line)
			}
			return Record{}, r.takeErr()
		}
		if r.sepNext {
			switch c {
			case ',':
				r.in.Discard(1)
				r.sepNext = false
				continue
			case ']':
				r.in.Discard(1)
				r.err = r.end()
				return Record{}, r.takeErr()
			}
			// Missing comma: report it and read on as if it were there.
			r.sepNext = false
			return Record{}, &RecordError{File: r.name, Line: r.line, Element: r.elem, Field: "array",
				Problem: fmt.Sprintf("expected ',' or ']' before element %d, found %s", r.elem, quoteByte(c))}
		}
		switch c {
		case ']': // "[]" or a trailing comma, tolerated
			r.in.Discard(1)
			r.err = r.end()
			return Record{}, r.takeErr()
		case ',':
			r.in.Discard(1)
			elem := r.elem
			r.elem++
			return Record{}, &RecordError{File: r.name, Line: r.line, Element: elem, Field: "array", Problem: "empty element"}
		}
		at, elem := r.line, r.elem
		r.elem++
		raw, size, tooLong, err := r.scanValue()
		if err != nil {
			if err == io.EOF {
				r.err = r.fileErr(at, "unexpected end of file inside element %d", elem)
			} else {
				r.err = r.readErr(err, at)
			}
			return Record{}, r.takeErr()
		}
		r.sepNext = true
		if tooLong {
			r.shrink()
			return Record{}, &RecordError{File: r.name, Line: at, Element: elem, Field: "record",
				Problem: fmt.Sprintf("%s long, over the %s record limit", humanBytes(int64(size)), humanBytes(int64(r.max)))}
		}
		rec, rerr := r.decode(raw, at, elem)
		r.shrink()
		return rec, rerr
	}
}

// nextObject reads the next value of a stream of pretty-printed objects.
func (r *Reader) nextObject() (Record, error) {
	if r.err != nil {
		return Record{}, r.takeErr()
	}
	c, err := r.skipSpace()
	switch {
	case err == io.EOF:
		r.err = io.EOF
		return Record{}, r.takeErr()
	case err != nil:
		r.err = r.readErr(err, r.line)
		return Record{}, r.takeErr()
	case c == ',' || c == ']':
		// Not a value: scanValue would stop before it. Skip the byte.
		r.in.Discard(1)
		return Record{}, &RecordError{File: r.name, Line: r.line, Element: -1, Field: "record",
			Problem: fmt.Sprintf("unexpected %s between objects", quoteByte(c))}
	}
	at := r.line
	raw, size, tooLong, err := r.scanValue()
	if err != nil {
		if err == io.EOF {
			r.err = r.fileErr(at, "unexpected end of file inside the object starting on this line")
		} else {
			r.err = r.readErr(err, at)
		}
		return Record{}, r.takeErr()
	}
	if tooLong {
		r.shrink()
		return Record{}, &RecordError{File: r.name, Line: at, Element: -1, Field: "record",
			Problem: fmt.Sprintf("%s long, over the %s record limit", humanBytes(int64(size)), humanBytes(int64(r.max)))}
	}
	rec, rerr := r.decode(raw, at, -1)
	r.shrink()
	return rec, rerr
}

// end checks that only white space follows the closing bracket.
func (r *Reader) end() error {
	c, err := r.skipSpace()
	switch {
	case err == io.EOF:
		return io.EOF
	case err != nil:
		return r.readErr(err, r.line)
	}
	return r.fileErr(r.line, "data after the closing ']' of the array: %s", quoteByte(c))
}

// scanValue consumes one JSON value, starting at a non-space byte, without
// decoding it: it follows strings and nesting to find where the value ends,
// keeps at most max bytes of it, and counts lines. A malformed value still
// ends somewhere (at its closing bracket, or for a bare word at the next
// separator), so one bad element does not lose the rest of the array.
func (r *Reader) scanValue() (raw []byte, size int, tooLong bool, err error) {
	r.buf = r.buf[:0]
	depth, inStr, esc, scalar, first := 0, false, false, false, true
	for {
		if _, err := r.in.Peek(1); err != nil {
			if scalar && err == io.EOF {
				return r.buf, size, tooLong, nil
			}
			return nil, size, tooLong, err
		}
		b, _ := r.in.Peek(r.in.Buffered())
		i, done := 0, false
	scan:
		for ; i < len(b); i++ {
			c := b[i]
			if first {
				first = false
				switch c {
				case '{', '[':
					depth = 1
				case '"':
					inStr = true
				default:
					scalar = true
				}
				continue
			}
			if scalar { // a bare word ends at white space or a separator
				switch c {
				case ' ', '\t', '\r', '\n', ',', ']':
					done = true
					break scan
				}
				continue
			}
			if c == '\n' {
				r.line++
			}
			switch {
			case inStr:
				switch {
				case esc:
					esc = false
				case c == '\\':
					esc = true
				case c == '"':
					inStr = false
					if depth == 0 {
						i++
						done = true
						break scan
					}
				}
			default:
				switch c {
				case '"':
					inStr = true
				case '{', '[':
					depth++
				case '}', ']':
					depth--
					if depth == 0 {
						i++
						done = true
						break scan
					}
				}
			}
		}
		size += i
		if !tooLong {
			if size > r.max {
				tooLong, r.buf = true, r.buf[:0]
			} else {
				r.buf = append(r.buf, b[:i]...)
			}
		}
		r.in.Discard(i)
		if done {
			return r.buf, size, tooLong, nil
		}
	}
}

func quoteByte(c byte) string {
	if c < 0x20 || c >= 0x7f {
		return fmt.Sprintf("byte 0x%02x", c)
	}
	return fmt.Sprintf("%q", c)
}

// humanBytes formats a size: 512 B, 3.1 KiB, 20.0 MiB.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %ciB", int64(v), "KMGTPE"[exp])
	}
	return fmt.Sprintf("%.1f %ciB", v, "KMGTPE"[exp])
}
