package ui

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestFS checks the embedded build: both pages, their assets, the licences.
func TestFS(t *testing.T) {
	f := FS()
	for _, name := range []string{
		"graphiql/index.html", "graphiql/graphiql.js", "graphiql/graphiql.css",
		"graphiql/editor.worker.js", "graphiql/json.worker.js", "graphiql/graphql.worker.js",
		"explorer/index.html", "explorer/explorer.js", "explorer/explorer.css",
		"THIRD_PARTY_NOTICES.txt",
	} {
		st, err := fs.Stat(f, name)
		if err != nil {
			t.Errorf("%s: %v (run go generate ./web/ui)", name, err)
			continue
		}
		if st.Size() == 0 {
			t.Errorf("%s: empty", name)
		}
	}
}

var assetRef = regexp.MustCompile(`(?i)(?:src|href)\s*=\s*"([^"]*)"`)

// TestPagesOffline checks that each page loads only files of its own folder:
// no CDN, no absolute URL (the explorer is mounted at /, GraphiQL at
// /graphiql/), and every referenced file is in the build.
func TestPagesOffline(t *testing.T) {
	f := FS()
	for _, dir := range []string{"graphiql", "explorer"} {
		page, err := fs.ReadFile(f, dir+"/index.html")
		if err != nil {
			t.Fatal(err)
		}
		refs := assetRef.FindAllStringSubmatch(string(page), -1)
		if len(refs) < 2 {
			t.Errorf("%s/index.html: %d asset references, want the script and the style sheet", dir, len(refs))
		}
		for _, m := range refs {
			ref := m[1]
			switch {
			case strings.HasPrefix(ref, "data:"), strings.HasPrefix(ref, "#"):
				continue
			case strings.Contains(ref, "//"), strings.HasPrefix(ref, "/"):
				t.Errorf("%s/index.html: %q is not a relative URL", dir, ref)
				continue
			}
			if dir == "explorer" && ref == "graphiql/" {
				continue // the link to the other page, relative to /
			}
			if _, err := fs.Stat(f, dir+"/"+ref); err != nil {
				t.Errorf("%s/index.html refers to %q, which is not in the build", dir, ref)
			}
		}
	}
	// Style sheets must not pull fonts or images from elsewhere.
	remote := regexp.MustCompile(`url\(\s*["']?(?:https?:)?//`)
	for _, css := range []string{"graphiql/graphiql.css", "explorer/explorer.css"} {
		b, err := fs.ReadFile(f, css)
		if err != nil {
			t.Fatal(err)
		}
		if loc := remote.FindIndex(b); loc != nil {
			t.Errorf("%s loads %q from another origin", css, b[loc[0]:min(len(b), loc[1]+40)])
		}
	}
}

// TestNotices checks that the licences of the main bundled packages ship.
func TestNotices(t *testing.T) {
	b, err := fs.ReadFile(FS(), "THIRD_PARTY_NOTICES.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"cytoscape ", "cytoscape-fcose ", "graphiql ", "react ", "react-dom ", "graphql ", "monaco-editor "} {
		if !strings.Contains(string(b), "\n"+pkg) {
			t.Errorf("THIRD_PARTY_NOTICES.txt lacks %s", pkg)
		}
	}
	if !strings.Contains(string(b), "Permission is hereby granted") {
		t.Error("THIRD_PARTY_NOTICES.txt holds no licence text")
	}
}
