package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDebugDump prints the segmentation and actors of the dev articles named
// in DIPLOGRAPH_DEBUG (comma-separated ids); it is a tool, skipped otherwise.
func TestDebugDump(t *testing.T) {
	ids := os.Getenv("DIPLOGRAPH_DEBUG")
	if ids == "" {
		t.Skip("set DIPLOGRAPH_DEBUG=id,… to dump")
	}
	x := New()
	for _, a := range readArticles(t, filepath.Join(devDir(), "articles.jsonl")) {
		if !strings.Contains(","+ids+",", ","+a.ID+",") {
			continue
		}
		d := x.newDoc(a, new(scratch))
		d.run()
		dump(d)
	}
}

// TestDebugText dumps the analysis of the text in DIPLOGRAPH_DEBUG_TEXT
// (language DIPLOGRAPH_DEBUG_LANG, empty to detect); a tool, skipped otherwise.
func TestDebugText(t *testing.T) {
	txt := os.Getenv("DIPLOGRAPH_DEBUG_TEXT")
	if txt == "" {
		t.Skip("set DIPLOGRAPH_DEBUG_TEXT to dump")
	}
	d := testX.newDoc(Article{ID: "t", Body: txt, Published: os.Getenv("DIPLOGRAPH_DEBUG_PUBLISHED"), Lang: os.Getenv("DIPLOGRAPH_DEBUG_LANG")}, new(scratch))
	d.run()
	dump(d)
	fmt.Printf("%+v\n", d.res)
}

// dump prints the segments and actors of every sentence.
func dump(d *doc) {
	for _, s := range d.sents {
		var b strings.Builder
		for _, sg := range s.segs {
			txt := d.src[d.toks[sg.i].Start:d.toks[sg.j-1].End]
			tag := ""
			for _, e := range sg.lex {
				tag += fmt.Sprintf("%d", e.kind)
			}
			for _, e := range sg.gaz {
				tag += fmt.Sprintf("g%d%s", e.Kind, e.Code)
			}
			if tag != "" {
				fmt.Fprintf(&b, "[%s|%s] ", txt, tag)
			} else {
				fmt.Fprintf(&b, "%s ", txt)
			}
		}
		fmt.Printf("S%d: %s\n", s.idx, b.String())
		for _, ac := range s.actors {
			name := ""
			if ac.p != nil {
				name = ac.p.forms[0] + " /" + ac.p.country
			}
			title := ""
			if ac.title != nil {
				title = ac.title.val
			}
			fmt.Printf("   actor %q country=%s target=%s title=%s cp=%v coord=%v\n", name, ac.country, ac.target, title, ac.counterpart, ac.coord)
		}
	}
}

// TestDebugExtractFile writes the extraction of the articles file named in
// DIPLOGRAPH_ARTICLES to DIPLOGRAPH_OUT (one JSON object per line), for
// scoring any annotated set with score.py without building the command; a
// tool, skipped otherwise.
func TestDebugExtractFile(t *testing.T) {
	in, out := os.Getenv("DIPLOGRAPH_ARTICLES"), os.Getenv("DIPLOGRAPH_OUT")
	if in == "" || out == "" {
		t.Skip("set DIPLOGRAPH_ARTICLES and DIPLOGRAPH_OUT")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, a := range readArticles(t, in) {
		if err := enc.Encode(testX.Extract(a)); err != nil {
			t.Fatal(err)
		}
	}
}
