package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportRoundTrip: load the examples, export, import into a new store,
// export again: the same bytes, and the imported store checks clean.
func TestImportRoundTrip(t *testing.T) {
	tmp := t.TempDir()
	src, dst := filepath.Join(tmp, "src"), filepath.Join(tmp, "dst")
	first, second := filepath.Join(tmp, "first.json"), filepath.Join(tmp, "second.json")
	if code, out, errs := runMain(t, "", "load", "--data", src, "../../examples/articles.jsonl"); code != 0 {
		t.Fatalf("load: exit %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := runMain(t, "", "export", "--data", src, first); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	code, out, errs := runMain(t, "", "import", "--data", dst, first)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errs)
	}
	if !strings.HasPrefix(out, "imported 41 articles: ") {
		t.Errorf("import summary %q", out)
	}
	if code, _, errs := runMain(t, "", "export", "--data", dst, second); code != 0 {
		t.Fatalf("export of the import: %s", errs)
	}
	a, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(second)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatalf("exports differ (%d and %d bytes)", len(a), len(b))
	}
	if !bytes.Contains(a, []byte("\n\"contributions\": [\n{")) {
		t.Fatal("export has no contributions")
	}
	if code, out, _ := runMain(t, "", "check", "--data", dst); code != 0 {
		t.Fatalf("check of the import: %s", out)
	}

	// The store is not empty now: a second import is refused, naming it.
	code, _, errs = runMain(t, "", "import", "--data", dst, first)
	if code != 1 || !strings.Contains(errs, "empty store") || !strings.Contains(errs, dst) {
		t.Errorf("import into a non-empty store: exit %d, %q", code, errs)
	}

	// From stdin, gzipped.
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(a)
	zw.Close()
	gz := filepath.Join(tmp, "gz")
	if code, _, errs := runMain(t, z.String(), "import", "--data", gz, "-"); code != 0 {
		t.Fatalf("import of gzip from stdin: %s", errs)
	}

	// A dangling reference is an error naming the record.
	bad := bytes.Replace(a, []byte(`"participants":["`), []byte(`"participants":["official:nobody","`), 1)
	if bytes.Equal(bad, a) {
		t.Fatal("no meeting with participants in the examples")
	}
	badFile := filepath.Join(tmp, "bad.json")
	if err := os.WriteFile(badFile, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runMain(t, "", "import", "--data", filepath.Join(tmp, "bad"), badFile)
	if code != 1 || !strings.Contains(errs, "meetings[") || !strings.Contains(errs, `"official:nobody"`) {
		t.Errorf("import of a dangling reference: exit %d, %q", code, errs)
	}
	// An edited record is refused, or derived anew with --rederive.
	edited := bytes.Replace(a, []byte(`"name":"`), []byte(`"name":"Edited `), 1)
	editedFile := filepath.Join(tmp, "edited.json")
	if err := os.WriteFile(editedFile, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runMain(t, "", "import", "--data", filepath.Join(tmp, "edited"), editedFile)
	if code != 1 || !strings.Contains(errs, "differs from what its contributions derive") || !strings.Contains(errs, "remove") {
		t.Errorf("import of an edited record: exit %d, %q", code, errs)
	}
	code, out, errs = runMain(t, "", "import", "--rederive", "--data", filepath.Join(tmp, "rederived"), editedFile)
	if code != 0 || !strings.Contains(out, "1 records differed") {
		t.Errorf("import --rederive: exit %d, %q, %q", code, out, errs)
	}

	if code, _, _ := runMain(t, "", "import", "--data", dst); code != 2 {
		t.Errorf("import without FILE: exit %d, want 2", code)
	}
}
