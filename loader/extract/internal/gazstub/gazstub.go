// Package gazstub is a temporary development stand-in for loader/gazetteer with
// the same API (Kind, Entry, Default, Longest), built from a small table
// derived from third_party/gazetteer. It goes away when loader/gazetteer lands.
package gazstub

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"

	"diplograph/loader/text"
)

// Kind is the class of an entry.
type Kind uint8

// Entry kinds.
const (
	Country Kind = iota + 1
	Demonym
	City
	Org
	Government
)

// Entry is one gazetteer form.
type Entry struct {
	Kind                Kind
	Code                string
	Lang, Form, Display string
	Capital             bool
	Population          int
	Gender, Number      string
}

// Gazetteer matches place and party names.
type Gazetteer struct{ t text.Trie[*Entry] }

//go:embed data.tsv
var data string

var (
	once sync.Once
	def  *Gazetteer
)

// Default returns the gazetteer built from the embedded table.
func Default() *Gazetteer {
	once.Do(func() {
		g := &Gazetteer{}
		for _, line := range strings.Split(data, "\n") {
			f := strings.Split(line, "\t")
			if len(f) < 7 {
				continue
			}
			k := map[string]Kind{"country": Country, "demonym": Demonym, "city": City, "org": Org, "gov": Government}[f[0]]
			pop, _ := strconv.Atoi(f[6])
			g.t.Add(f[3], &Entry{Kind: k, Code: f[1], Lang: f[2], Form: f[3], Display: f[4], Capital: f[5] == "1", Population: pop})
		}
		def = g
	})
	return def
}

// Longest finds the longest name starting at token i.
func (g *Gazetteer) Longest(toks []text.Token, i int) (int, []*Entry, bool) {
	return g.t.Longest(toks, i)
}
