package text

import (
	_ "embed"
	"strings"
	"sync"
)

//go:generate go run ./internal/genlatin -out data/latin.tsv -press data/latin_press.tsv

// latinTSV is generated from the Wikidata name-token pairs (CC0); see
// internal/genlatin.
//
//go:embed data/latin.tsv
var latinTSV string

// latinPressTSV lists, per country, the spellings its officials are written
// with in the Phoenix actor dictionaries (MIT); see internal/genlatin.
//
//go:embed data/latin_press.tsv
var latinPressTSV string

// pressSpellings is country (ISO alpha-2) → set of attested spellings.
var pressSpellings = sync.OnceValue(func() map[string]map[string]bool {
	m := map[string]map[string]bool{}
	for line := range strings.SplitSeq(latinPressTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		cc, ws, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		set := map[string]bool{}
		for w := range strings.FieldsSeq(ws) {
			set[w] = true
		}
		m[cc] = set
	}
	return m
})

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

// latinCand is one Latin spelling of an Arabic token with its count in the
// pairs.
type latinCand struct {
	lat string
	n   int
}

// latinCandidates are the spellings of each token, most frequent first: the
// table's spelling, then its variants (fourth column, same strict key).
var latinCandidates = sync.OnceValue(func() map[string][]latinCand {
	m := make(map[string][]latinCand, strings.Count(latinTSV, "\n"))
	for line := range strings.SplitSeq(latinTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			continue
		}
		cs := []latinCand{{f[1], atoi(f[2])}}
		if len(f) > 3 {
			for v := range strings.FieldsSeq(f[3]) {
				lat, n, _ := strings.Cut(v, ":")
				cs = append(cs, latinCand{lat, atoi(n)})
			}
		}
		m[f[0]] = cs
	}
	return m
})

// atoi reads a count of the generated table (digits only; 0 otherwise).
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}
