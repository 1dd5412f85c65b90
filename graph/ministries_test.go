package graph

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPortfolioNamesCoverLexicon checks that every portfolio id the
// extractor can produce has ministry names in the three languages, so no
// ministry falls back to a generated English-only name.
func TestPortfolioNamesCoverLexicon(t *testing.T) {
	files, _ := filepath.Glob("../loader/extract/lexicon/*/portfolios.tsv")
	titles, _ := filepath.Glob("../loader/extract/lexicon/*/titles.tsv")
	if len(files) == 0 {
		t.Skip("no extraction lexicon in this checkout")
	}
	ids := map[string]string{}
	read := func(path string, col int) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
				continue
			}
			fs := strings.Split(line, "\t")
			if len(fs) > col && fs[col] != "" {
				ids[fs[col]] = path
			}
		}
	}
	for _, f := range files {
		read(f, 1)
	}
	for _, f := range titles {
		read(f, 2)
	}
	for id, path := range ids {
		if _, ok := portfolioNames[id]; !ok {
			t.Errorf("portfolio %q (%s) has no ministry names", id, path)
		}
	}
}

func TestMinistryNames(t *testing.T) {
	n := ministryNames("interior")
	if n[LangEnglish] != "Ministry of Interior" || n[LangFrench] != "Ministère de l'Intérieur" || n[LangArabic] != "وزارة الداخلية" {
		t.Errorf("interior: %v", n)
	}
	if n := ministryNames("civil-aviation"); n[LangEnglish] != "Ministry of Civil Aviation" || n[LangArabic] == "" {
		t.Errorf("unknown portfolio: %v", n)
	}
}
