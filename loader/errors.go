package loader

import (
	"errors"
	"fmt"
	"strconv"
)

// ErrRejected is matched (errors.Is) by every *RecordError: a record that was
// read but refused. The rest of its file still loads.
var ErrRejected = errors.New("article rejected")

// ErrStrict is returned by Load when Options.Strict stopped it at the first
// rejected record or unreadable file.
var ErrStrict = errors.New("stopped at the first rejection (strict mode)")

// RecordError explains why one record was refused. Its text is one line:
//
//	articles.jsonl:12: body: missing
//	dump.json:40: element 3: id: want a string, got number
type RecordError struct {
	File    string // input name as given ("-" for standard input)
	Line    int    // 1-based line where the record starts
	Element int    // 0-based index in a JSON array; -1 in JSON Lines
	ID      string // the article id, when it could be read
	Field   string // "id", "body", …, or "record"/"line" for the whole record
	Problem string
}

func (e *RecordError) Error() string {
	s := e.File + ":" + strconv.Itoa(e.Line) + ": "
	if e.Element >= 0 {
		s += "element " + strconv.Itoa(e.Element) + ": "
	}
	return s + e.Field + ": " + e.Problem
}

// Is makes errors.Is(err, ErrRejected) true.
func (e *RecordError) Is(target error) bool { return target == ErrRejected }

// FileError is a problem with a whole input rather than one record: unreadable,
// empty, not JSON, or cut short (a truncated gzip stream). Records read before
// it are kept. Line is the last line reached (0 if none).
type FileError struct {
	File string
	Line int
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }
