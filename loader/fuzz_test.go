package loader

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadArticles feeds arbitrary bytes to the reader: it never panics, it
// terminates, every error is a one-line *RecordError with a line number or a
// *FileError, and every record it accepts is clean (valid UTF-8, no NUL, no
// bidi control, non-empty id and body, a known language) at a line that only
// moves forward.
func FuzzReadArticles(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"", "[", "[]", "[,]", "{", "\"", "[\"a\"", `[{"id":"a","body":"b"}]x`,
		`{"id":"a","body":"b\u0000"}`, `{"id":"\u202ea","body":"b"}`, "\xef\xbb\xbf\r\n{\"id\":\"a\",\"body\":\"b\"}\r\n",
		"\x1f\x8b\x08\x00", "{\n \"id\": \"a\",\n \"body\": \"b\"\n}\n{\n}\n,[\n", "{\n\"id\":\"a\",\"body\":\"b", `[{"id":"a","body":"b"} {"id":"c","body":"d"}]`, `[{"a":[[[[{"b":"}"}]]]]}, 1e9999]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader("fuzz", bytes.NewReader(data), 1<<12)
		line := 0
		for n := 0; ; n++ {
			if n > 1<<20 {
				t.Fatalf("reader does not terminate (%d results from %d bytes)", n, len(data))
			}
			rec, err := r.Next()
			if err != nil {
				if err == io.EOF {
					return
				}
				if strings.Contains(err.Error(), "\n") {
					t.Fatalf("multi-line error %q", err)
				}
				var re *RecordError
				var fe *FileError
				switch {
				case errors.As(err, &re):
					if re.Line < 1 || re.File != "fuzz" || re.Field == "" {
						t.Fatalf("record error without file, line or field: %#v", re)
					}
				case errors.As(err, &fe):
					if fe.File != "fuzz" {
						t.Fatalf("file error without file: %#v", fe)
					}
				default:
					t.Fatalf("error of type %T: %v", err, err)
				}
				continue
			}
			a := rec.Article
			if rec.Line < 1 || rec.Line < line {
				t.Fatalf("record at line %d after line %d", rec.Line, line)
			}
			line = rec.Line
			if a.ID == "" || strings.TrimSpace(a.Body) == "" {
				t.Fatalf("accepted empty id or body: %+v", a)
			}
			for _, s := range []string{a.ID, a.Title, a.Body, a.URL, a.Source, a.Published} {
				if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
					t.Fatalf("accepted invalid text %q", s)
				}
			}
			for _, c := range a.Title + a.Body + a.Source {
				if isBidi(c) {
					t.Fatalf("bidi control %U left in %+v", c, a)
				}
			}
			if a.Lang != "ar" && a.Lang != "en" && a.Lang != "fr" {
				t.Fatalf("lang %q", a.Lang)
			}
		}
	})
}
