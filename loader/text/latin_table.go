package text

import (
	_ "embed"
	"strings"
	"sync"
)

//go:generate go run ./internal/genlatin -out data/latin.tsv

// latinTSV is generated from the Wikidata name-token pairs (CC0); see
// internal/genlatin.
//
//go:embed data/latin.tsv
var latinTSV string

var latinSpellings = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, strings.Count(latinTSV, "\n"))
	for line := range strings.SplitSeq(latinTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		ar, rest, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		lat, _, _ := strings.Cut(rest, "\t")
		m[ar] = lat
	}
	return m
})
