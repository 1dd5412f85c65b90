package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// Record is one line of gold.jsonl or extraction.jsonl, reduced to the fields the
// scorer reads. Gold and extraction lines decode into the same type: gold
// officials carry only Aliases, extracted ones a Name too; gold participants are
// alias lists, extracted ones single strings (Participant holds either).
type Record struct {
	ID         string      `json:"id"`
	Officials  []Official  `json:"officials"`
	Meetings   []Meeting   `json:"meetings"`
	Agreements []Agreement `json:"agreements"`
}

// Official is a named office holder, in gold or in an extraction.
type Official struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Country string   `json:"country"`
}

// Meeting is an encounter; only the fields the metrics use.
type Meeting struct {
	Participants []Participant `json:"participants"`
	Countries    []string      `json:"countries"`
	Date         string        `json:"date"`
	Status       string        `json:"status"`
	Evidence     string        `json:"evidence"`
}

// Agreement is an accord; only the fields the metrics use.
type Agreement struct {
	Countries []string `json:"countries"`
	Evidence  string   `json:"evidence"`
}

// Participant is one meeting participant: a list of aliases (gold) or a single
// name (extraction). IsString records which, because score.py treats them
// differently (see participantForms).
type Participant struct {
	Names    []string
	IsString bool
}

// UnmarshalJSON accepts a string or an array of strings.
func (p *Participant) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*p = Participant{Names: []string{s}, IsString: true}
		return nil
	}
	var l []string
	if err := json.Unmarshal(b, &l); err != nil {
		return fmt.Errorf("participant: want a name or a list of names, got %.40s", b)
	}
	*p = Participant{Names: l}
	return nil
}

// MarshalJSON writes the form it was read from.
func (p Participant) MarshalJSON() ([]byte, error) {
	if p.IsString && len(p.Names) == 1 {
		return json.Marshal(p.Names[0])
	}
	if p.Names == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(p.Names)
}

// Article is one line of articles.jsonl, reduced to what the scorer reads: the
// language (for the per-language buckets) and the title and body (for the
// evidence check).
type Article struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
	Lang  string `json:"lang"`
}

// LineError says where a JSON Lines file is malformed.
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// maxLine bounds one JSON line; a 1 MB article body is already far beyond news.
const maxLine = 16 << 20

// decodeLines reads JSON Lines from r, calling fn for each non-blank line with
// its 1-based number. Like score.py's load, blank lines are skipped and a
// malformed line is an error naming file and line.
func decodeLines(r io.Reader, name string, fn func(line int, raw []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	n := 0
	for sc.Scan() {
		n++
		raw := bytes.TrimFunc(sc.Bytes(), pySpace) // Python's str.strip()
		if len(raw) == 0 {
			continue
		}
		if err := fn(n, raw); err != nil {
			return &LineError{File: name, Line: n, Err: err}
		}
	}
	if err := sc.Err(); err != nil {
		return &LineError{File: name, Line: n + 1, Err: err}
	}
	return nil
}

// idOf checks that a JSON line is an object with a string id.
func idOf(raw []byte) (string, error) {
	var probe struct {
		ID *string `json:"id"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return "", fmt.Errorf("not JSON: %w", err)
	}
	if probe.ID == nil {
		return "", fmt.Errorf("id: missing")
	}
	return *probe.ID, nil
}

// ReadRecords reads gold or extraction JSON Lines. A later line with the same id
// replaces the earlier one but keeps its position, as a Python dict does.
func ReadRecords(r io.Reader, name string) ([]Record, error) {
	var out []Record
	pos := map[string]int{}
	err := decodeLines(r, name, func(_ int, raw []byte) error {
		if _, err := idOf(raw); err != nil {
			return err
		}
		var rec Record
		if err := json.Unmarshal(raw, &rec); err != nil {
			return fieldError(err)
		}
		if i, ok := pos[rec.ID]; ok {
			out[i] = rec
			return nil
		}
		pos[rec.ID] = len(out)
		out = append(out, rec)
		return nil
	})
	return out, err
}

// ReadArticles reads articles JSON Lines (the loader's bulk format); fields the
// scorer does not use are ignored.
func ReadArticles(r io.Reader, name string) ([]Article, error) {
	var out []Article
	pos := map[string]int{}
	err := decodeLines(r, name, func(_ int, raw []byte) error {
		if _, err := idOf(raw); err != nil {
			return err
		}
		var a Article
		if err := json.Unmarshal(raw, &a); err != nil {
			return fieldError(err)
		}
		if i, ok := pos[a.ID]; ok {
			out[i] = a
			return nil
		}
		pos[a.ID] = len(out)
		out = append(out, a)
		return nil
	})
	return out, err
}

// fieldError rewrites encoding/json's type errors as "field: problem".
func fieldError(err error) error {
	if te, ok := err.(*json.UnmarshalTypeError); ok && te.Field != "" {
		return fmt.Errorf("%s: want %s, got JSON %s", te.Field, te.Type, te.Value)
	}
	return err
}

// ReadRecordsFile and ReadArticlesFile open and read a file.
func ReadRecordsFile(path string) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadRecords(f, path)
}

// ReadArticlesFile opens and reads an articles file.
func ReadArticlesFile(path string) ([]Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadArticles(f, path)
}
