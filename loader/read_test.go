package loader

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"diplograph/loader/extract"
)

// readAll drains a Reader: the valid records and every error, in order.
func readAll(t testing.TB, name string, r io.Reader, max int) (recs []Record, errs []error) {
	t.Helper()
	rd := NewReader(name, r, max)
	for i := 0; ; i++ {
		if i > 1_000_000 {
			t.Fatalf("%s: reader does not terminate", name)
		}
		rec, err := rd.Next()
		if err == io.EOF {
			return recs, errs
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		recs = append(recs, rec)
	}
}

func ids(recs []Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.Article.ID)
	}
	return out
}

func readFile(t testing.TB, path string) ([]Record, []error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return readAll(t, path, f, 0)
}

// checkErrors asserts that errs match want one for one: each error text
// contains the wanted "file:line: field: problem" fragment, and each is a
// *RecordError (ErrRejected) or a *FileError.
func checkErrors(t *testing.T, errs []error, want []string) {
	t.Helper()
	if len(errs) != len(want) {
		t.Errorf("got %d errors, want %d:\n%s", len(errs), len(want), joinErrs(errs))
		return
	}
	for i, err := range errs {
		if !strings.Contains(err.Error(), want[i]) {
			t.Errorf("error %d = %q, want it to contain %q", i, err, want[i])
		}
		var fe *FileError
		if !errors.Is(err, ErrRejected) && !errors.As(err, &fe) {
			t.Errorf("error %d (%v) is %T, want *RecordError or *FileError", i, err, err)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("error %d is not one line: %q", i, err)
		}
	}
}

func joinErrs(errs []error) string {
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "\t%v\n", e)
	}
	return b.String()
}

func TestReadFiles(t *testing.T) {
	tests := []struct {
		file string
		ids  []string
		errs []string
	}{
		{"good/lines.jsonl", []string{"g1", "g2", "g3"}, nil},
		{"good/array.json", []string{"a1", "a2", "a3"}, nil},
		{"good/lines.jsonl.gz", []string{"z1", "z2", "z3"}, nil},
		{"good/bom_crlf.jsonl", []string{"c1", "c2"}, nil},
		{"bad/invalid_json.jsonl", []string{"j1", "j3"}, []string{"bad/invalid_json.jsonl:2: record: invalid JSON"}},
		{"bad/array_bad_element.json", []string{"e0", "e2"}, []string{"bad/array_bad_element.json:3: element 1: id: want a string, got number"}},
		{"bad/wrong_types.jsonl", []string{"t1", "t5"}, []string{
			"wrong_types.jsonl:2: body: want a string, got array",
			"wrong_types.jsonl:3: id: want a string, got object",
			"wrong_types.jsonl:4: title: want a string, got number",
			"wrong_types.jsonl:6: record: not a JSON object",
		}},
		{"bad/missing.jsonl", []string{"m6"}, []string{
			"missing.jsonl:1: id: missing",
			"missing.jsonl:2: id: empty",
			"missing.jsonl:3: body: missing",
			"missing.jsonl:4: body: empty",
			"missing.jsonl:5: id: missing",
		}},
		{"bad/duplicate.jsonl", []string{"d1", "d2", "d1"}, nil}, // the pipeline replaces; see TestLoadDuplicate
		{"bad/nul.jsonl", []string{"n1", "n3"}, []string{"nul.jsonl:2: body: NUL character"}},
		{"bad/bidi.jsonl", []string{"b1", "b3"}, []string{"bidi.jsonl:2: id: contains control or format character U+202E"}},
		{"bad/invalid_utf8.jsonl", []string{"u1", "u3"}, []string{"invalid_utf8.jsonl:2: body: invalid UTF-8 at byte"}},
		{"bad/bad_date_lang.jsonl", []string{"p3"}, []string{
			`bad_date_lang.jsonl:1: published: "28/11/2021" is not an ISO date`,
			`bad_date_lang.jsonl:2: lang: unsupported language "de"`,
		}},
		{"bad/empty.jsonl", nil, []string{"bad/empty.jsonl: empty file: no articles"}},
		{"bad/blank.jsonl", nil, []string{"bad/blank.jsonl: empty file: no articles"}},
		{"bad/not_json.jsonl", nil, []string{"not_json.jsonl:1: neither JSON Lines nor a JSON array: starts with 'i'"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs, errs := readFile(t, filepath.Join("testdata", tt.file))
			if got := ids(recs); !slices.Equal(got, tt.ids) {
				t.Errorf("ids = %q, want %q", got, tt.ids)
			}
			checkErrors(t, errs, tt.errs)
		})
	}
}

func TestReadCleaning(t *testing.T) {
	recs, _ := readFile(t, "testdata/bad/bidi.jsonl")
	if len(recs) == 0 || recs[0].Article.ID != "b1" {
		t.Fatalf("b1 not read: %v", ids(recs))
	}
	b1 := recs[0]
	if want := "Normal evil text with marks."; b1.Article.Body != want {
		t.Errorf("body = %q, want bidi controls stripped: %q", b1.Article.Body, want)
	}
	if b1.Cleaned != 5 {
		t.Errorf("Cleaned = %d, want 5", b1.Cleaned)
	}

	recs, _ = readFile(t, "testdata/good/bom_crlf.jsonl")
	if len(recs) != 2 || recs[0].Article.Body != "Line one.\nLine two of c1." {
		t.Errorf("CRLF body not normalised: %+v", recs)
	}
	if recs[1].Line != 2 {
		t.Errorf("second CRLF record on line %d, want 2", recs[1].Line)
	}

	recs, _ = readFile(t, "testdata/bad/bad_date_lang.jsonl")
	if len(recs) != 1 || recs[0].Article.Published != "2021-11-28" || recs[0].Article.Lang != "en" {
		t.Errorf("timestamp/lang not normalised: %+v", recs)
	}
}

func TestReadLineNumbers(t *testing.T) {
	in := "\n\n" + `{"id":"a","body":"x"}` + "\n\n" + `{"id":"b","body":"y"}` + "\n"
	recs, errs := readAll(t, "n", strings.NewReader(in), 0)
	if len(errs) > 0 || len(recs) != 2 || recs[0].Line != 3 || recs[1].Line != 5 {
		t.Fatalf("lines: %+v %v", recs, errs)
	}
	arr := "[\n\n" + `{"id":"a",` + "\n" + `"body":"x"}` + ",\n\n  " + `{"id":"b","body":"y"}` + "\n]"
	recs, errs = readAll(t, "n", strings.NewReader(arr), 0)
	if len(errs) > 0 || len(recs) != 2 || recs[0].Line != 3 || recs[1].Line != 6 || recs[1].Element != 1 {
		t.Fatalf("array lines: %+v %v", recs, errs)
	}
	bare := "[\n17\n,\n" + `{"id":"a","body":"x"}` + "]"
	recs, errs = readAll(t, "bare", strings.NewReader(bare), 0)
	if len(recs) != 1 || recs[0].Line != 4 {
		t.Fatalf("record after a bare word: %+v", recs)
	}
	checkErrors(t, errs, []string{"bare:2: element 0: record: not a JSON object"})
}

func TestReadArraySyntax(t *testing.T) {
	in := `[{"id":"a","body":"x"} {"id":"b","body":"y"}, 17, ,{"id":"c","body":"z"},]`
	recs, errs := readAll(t, "arr.json", strings.NewReader(in), 0)
	if got := ids(recs); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("ids = %q", got)
	}
	checkErrors(t, errs, []string{
		"arr.json:1: element 1: array: expected ',' or ']' before element 1",
		"arr.json:1: element 2: record: not a JSON object",
		"arr.json:1: element 3: array: empty element",
	})

	_, errs = readAll(t, "open.json", strings.NewReader("[\n"+`{"id":"a","body":"x"},`+"\n"+`{"id":"b"`), 0)
	checkErrors(t, errs, []string{"open.json:3: unexpected end of file inside element 1"})

	_, errs = readAll(t, "tail.json", strings.NewReader(`[{"id":"a","body":"x"}]`+"\n"+`{"id":"b"}`), 0)
	checkErrors(t, errs, []string{"tail.json:2: data after the closing ']'"})
}

// bigLine yields a JSON line with a body of n bytes, without holding it.
func bigLine(id string, n int) io.Reader {
	return io.MultiReader(
		strings.NewReader(`{"id":"`+id+`","body":"`),
		io.LimitReader(repeatReader('x'), int64(n)),
		strings.NewReader("\"}\n"))
}

type repeatReader byte

func (r repeatReader) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = byte(r)
	}
	return len(b), nil
}

func TestReadHugeRecord(t *testing.T) {
	const body = 20 << 20 // a 20 MB body
	small := `{"id":"ok1","body":"fine"}` + "\n"
	in := io.MultiReader(strings.NewReader(small), bigLine("huge", body), strings.NewReader(`{"id":"ok2","body":"fine"}`))
	recs, errs := readAll(t, "big.jsonl", in, 0)
	if got := ids(recs); !slices.Equal(got, []string{"ok1", "ok2"}) {
		t.Errorf("ids = %q", got)
	}
	checkErrors(t, errs, []string{"big.jsonl:2: line: 20.0 MiB long, over the 16 MiB record limit"})

	// The same in an array element.
	arr := io.MultiReader(strings.NewReader("["+small+","), bigLine("huge", body), strings.NewReader(`,{"id":"ok2","body":"fine"}]`))
	recs, errs = readAll(t, "big.json", arr, 0)
	if got := ids(recs); !slices.Equal(got, []string{"ok1", "ok2"}) {
		t.Errorf("array ids = %q", got)
	}
	checkErrors(t, errs, []string{"big.json:2: element 1: record: 20.0 MiB long, over the 16 MiB record limit"})

	// Memory is bounded by the record limit, not by the line: with a 1 MiB
	// limit, skipping a 20 MB line allocates a few MiB at most.
	for _, format := range []string{"lines", "array"} {
		var in io.Reader = io.MultiReader(bigLine("huge", body), strings.NewReader(small))
		if format == "array" {
			in = io.MultiReader(strings.NewReader("["), bigLine("huge", body), strings.NewReader(","+small+"]"))
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		recs, errs := readAll(t, "big", in, 1<<20)
		runtime.ReadMemStats(&after)
		if len(recs) != 1 || len(errs) != 1 {
			t.Errorf("%s: %d records, %v", format, len(recs), errs)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 6<<20 {
			t.Errorf("%s: reading past a 20 MB record allocated %d bytes, want < 6 MiB", format, alloc)
		}
	}
}

func gzipLines(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(zw, `{"id":"t%d","body":"article number %d about the ministers of foreign affairs %d"}`+"\n", i, i, i*7919)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadTruncatedGzip(t *testing.T) {
	full := gzipLines(t, 3000)
	cut := full[:len(full)*6/10]
	recs, errs := readAll(t, "cut.jsonl.gz", bytes.NewReader(cut), 0)
	if len(recs) < 100 || len(recs) >= 3000 {
		t.Fatalf("read %d records before the cut, want a prefix", len(recs))
	}
	for i, r := range recs {
		if want := fmt.Sprintf("t%d", i+1); r.Article.ID != want || r.Line != i+1 {
			t.Fatalf("record %d = %s line %d, want %s line %d", i, r.Article.ID, r.Line, want, i+1)
		}
	}
	// The error names the file and the line the stream broke in.
	checkErrors(t, errs, []string{fmt.Sprintf("cut.jsonl.gz:%d: truncated or corrupt gzip stream", len(recs)+1)})

	// A corrupted byte in the middle fails the same way, never silently.
	bad := bytes.Clone(full)
	bad[len(bad)/2] ^= 0xff
	_, errs = readAll(t, "corrupt.jsonl.gz", bytes.NewReader(bad), 0)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "corrupt.jsonl.gz:") {
		t.Errorf("corrupt gzip: %v", errs)
	}
}

func TestInputsFolder(t *testing.T) {
	ins, skipped, errs, done := Inputs([]string{"testdata/folder"})
	defer done()
	var names []string
	for _, in := range ins {
		names = append(names, filepath.ToSlash(in.Name))
	}
	want := []string{"testdata/folder/a.jsonl", "testdata/folder/sub/b.json.gz", "testdata/folder/sub/c.NDJSON"}
	if !slices.Equal(names, want) {
		t.Errorf("inputs = %q, want %q", names, want)
	}
	var sk []string
	for _, s := range skipped {
		sk = append(sk, filepath.ToSlash(s.Name))
	}
	if !slices.Equal(sk, []string{"testdata/folder/README.txt", "testdata/folder/sub/notes.md"}) {
		t.Errorf("skipped = %q", sk)
	}
	if len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
	var got []string
	for _, in := range ins {
		rc, err := in.Open()
		if err != nil {
			t.Fatal(err)
		}
		recs, errs := readAll(t, in.Name, rc, 0)
		rc.Close()
		if len(errs) > 0 {
			t.Errorf("%s: %v", in.Name, errs)
		}
		got = append(got, ids(recs)...)
	}
	if !slices.Equal(got, []string{"f1", "f2", "f3"}) {
		t.Errorf("ids = %q", got)
	}

	_, _, errs, done2 := Inputs([]string{"testdata/no-such-dir"})
	defer done2()
	checkErrors(t, errs, []string{"testdata/no-such-dir: no such file or directory"})
}

func TestInputsSymlinkEscape(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "in")
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(base, "secret.jsonl"), []byte(`{"id":"s","body":"outside"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(`{"id":"a","body":"inside"}`), 0o644)
	if err := os.Symlink("../secret.jsonl", filepath.Join(dir, "escape.jsonl")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	os.Symlink("a.jsonl", filepath.Join(dir, "inside.jsonl"))
	os.Symlink(base, filepath.Join(dir, "loop"))
	ins, _, errs, done := Inputs([]string{dir})
	defer done()
	var names []string
	for _, in := range ins {
		names = append(names, filepath.Base(in.Name))
	}
	if !slices.Equal(names, []string{"a.jsonl", "inside.jsonl"}) {
		t.Errorf("inputs = %q, want the file and the link inside the folder", names)
	}
	checkErrors(t, errs, []string{"escape.jsonl: symlink refused"})
}

func TestDetectLang(t *testing.T) {
	tests := []struct{ text, want string }{
		{"استقبل وزير الداخلية الجزائري نظيره الليبي", "ar"},
		{"The interior minister received his Libyan counterpart in Algiers.", "en"},
		{"Le ministre de l'Intérieur a reçu son homologue libyen à Alger.", "fr"},
		{"Algiers (APS) – استقبل الوزير", "ar"},
	}
	for _, tt := range tests {
		if got := DetectLang(tt.text); got != tt.want {
			t.Errorf("DetectLang(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

func TestReadPath(t *testing.T) {
	var got []string
	var bad []error
	err := ReadPath(t.Context(), "testdata/bad/missing.jsonl", nil, func(a extract.Article) error {
		got = append(got, a.ID)
		return nil
	}, func(err error) { bad = append(bad, err) })
	if err != nil || !slices.Equal(got, []string{"m6"}) || len(bad) != 5 {
		t.Errorf("file: %v %q %v", err, got, bad)
	}
	got, bad = nil, nil
	err = ReadPath(t.Context(), "-", strings.NewReader(`[{"id":"s","body":"x"},{"id":1}]`), func(a extract.Article) error {
		got = append(got, a.ID)
		return nil
	}, func(err error) { bad = append(bad, err) })
	if err != nil || !slices.Equal(got, []string{"s"}) {
		t.Errorf("stdin: %v %q", err, got)
	}
	checkErrors(t, bad, []string{"-:1: element 1: id: want a string, got number"})
	got = nil
	stop := errors.New("stop")
	err = ReadPath(t.Context(), "testdata/folder", nil, func(a extract.Article) error {
		got = append(got, a.ID)
		return stop
	}, nil)
	if err != stop || len(got) != 1 {
		t.Errorf("folder: fn's error not returned at once: %v %q", err, got)
	}
}

func TestSummaryAdd(t *testing.T) {
	a := Summary{Articles: 2, Loaded: 2, Rejected: 1, Errors: []error{errors.New("x")}, ErrorCount: 1, Bytes: 10}
	b := Summary{Articles: 3, Unchanged: 3, FileErrors: 1, Errors: []error{errors.New("y")}, ErrorCount: 1, Bytes: 5,
		Skipped: []Skipped{{"f", "r"}}}
	s := a.Add(b)
	if s.Articles != 5 || s.Loaded != 2 || s.Unchanged != 3 || s.Rejected != 1 || s.FileErrors != 1 ||
		len(s.Errors) != 2 || s.ErrorCount != 2 || s.Bytes != 15 || len(s.Skipped) != 1 || s.OK() {
		t.Errorf("Add = %+v", s)
	}
	if len(a.Errors) != 1 {
		t.Error("Add changed its receiver")
	}
}

// TestReaderOffset: the offset follows the records returned, in the stored
// (compressed) bytes, so a progress bar does not run ahead of the load.
func TestReaderOffset(t *testing.T) {
	full := gzipLines(t, 3000)
	r := NewReader("z", bytes.NewReader(full), 0)
	last := int64(0)
	for i := 1; ; i++ {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		off := r.Offset()
		if off < last {
			t.Fatalf("offset went back from %d to %d", last, off)
		}
		last = off
		if i == 1500 && (off < int64(len(full))/4 || off > int64(len(full))*3/4) {
			t.Errorf("offset after half the records = %d of %d", off, len(full))
		}
	}
	if last != int64(len(full)) {
		t.Errorf("final offset %d, want %d", last, len(full))
	}
	plain := "{\"id\":\"a\",\"body\":\"x\"}\n{\"id\":\"b\",\"body\":\"y\"}\n"
	r = NewReader("p", strings.NewReader(plain), 0)
	r.Next()
	if off := r.Offset(); off != int64(len(plain)/2) {
		t.Errorf("plain offset after line 1 = %d, want %d", off, len(plain)/2)
	}
}

// TestReadPrettyStream: objects printed over several lines one after the
// other (jq's output) are read too, with the line each starts on.
func TestReadPrettyStream(t *testing.T) {
	in := "{\n  \"id\": \"a\",\n  \"body\": \"x\"\n}\n{\n  \"id\": 7,\n  \"body\": \"y\"\n}\n,\n{\n  \"id\": \"c\",\n  \"body\": \"z\"\n}\n"
	recs, errs := readAll(t, "pretty.json", strings.NewReader(in), 0)
	if got := ids(recs); !slices.Equal(got, []string{"a", "c"}) || recs[1].Line != 10 {
		t.Errorf("records %+v", recs)
	}
	checkErrors(t, errs, []string{
		"pretty.json:5: id: want a string, got number",
		"pretty.json:9: record: unexpected ',' between objects",
	})
	_, errs = readAll(t, "cut.json", strings.NewReader("{\n \"id\": \"a\",\n \"body\": \"x"), 0)
	checkErrors(t, errs, []string{"cut.json:1: unexpected end of file inside the object"})
	// One object per line stays JSON Lines: a bad line costs that line only.
	recs, _ = readAll(t, "l.jsonl", strings.NewReader("{\"id\":\"a\",\"body\":\"x\n{\"id\":\"b\",\"body\":\"y\"}\n"), 0)
	if got := ids(recs); !slices.Equal(got, []string{"b"}) {
		t.Errorf("JSON Lines taken for a stream: %q", got)
	}
}

// TestDecodeArticle: DecodeArticle, given the lines of a JSON Lines file,
// gives each the article or the rejection ("field: problem") the Reader
// gives, so that a tool splitting lines itself decodes as a load does.
func TestDecodeArticle(t *testing.T) {
	files := []string{"good/lines.jsonl", "bad/bidi.jsonl", "bad/bad_date_lang.jsonl", "bad/invalid_json.jsonl",
		"bad/invalid_utf8.jsonl", "bad/missing.jsonl", "bad/nul.jsonl", "bad/wrong_types.jsonl", "bad/duplicate.jsonl"}
	compared := 0
	for _, name := range files {
		path := filepath.Join("testdata", name)
		recs, errs := readFile(t, path)
		byLine := map[int]any{}
		for _, r := range recs {
			byLine[r.Line] = r.Article
		}
		for _, err := range errs {
			var re *RecordError
			if errors.As(err, &re) {
				byLine[re.Line] = re.Field + ": " + re.Problem
			}
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range bytes.Split(raw, []byte("\n")) {
			want, ok := byLine[i+1]
			if !ok {
				continue // blank, or not a record the reader decoded
			}
			compared++
			a, err := DecodeArticle(bytes.TrimSpace(line))
			switch w := want.(type) {
			case extract.Article:
				if err != nil || a != w {
					t.Errorf("%s:%d: DecodeArticle = %+v, %v; the reader read %+v", path, i+1, a, err, w)
				}
			case string:
				if err == nil || err.Error() != w {
					t.Errorf("%s:%d: DecodeArticle error %v; the reader rejected it with %q", path, i+1, err, w)
				}
			}
		}
	}
	if compared < 15 {
		t.Errorf("only %d lines compared", compared)
	}
}
