package graph

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"diplograph/loader/text"
)

// This file is the graph's only use of loader/text: the keys names, subjects
// and search words are matched by.

// nameKey is the strict script-independent key of a name ("خالد مازن" and
// "Khaled Mazen" → "XLD MZN"). A name with no letters the transliterator knows
// falls back to its folded form so that it still has an identity.
func nameKey(name string) string {
	return keyMemo.get(name, false, func() string {
		if k := text.NameKey(name); k != "" {
			return k
		}
		return text.Fold(name)
	})
}

func looseKey(name string) string {
	return keyMemo.get(name, true, func() string {
		if k := text.LooseKey(name); k != "" {
			return k
		}
		return text.Fold(name)
	})
}

// keyMemo remembers the keys of recent names: a hot official's few name
// forms are keyed again for each of its thousands of mentions.
var keyMemo = &memo{m: map[memoKey]string{}}

type memoKey struct {
	name  string
	loose bool
}

type memo struct {
	mu sync.Mutex
	m  map[memoKey]string
}

// memoMax bounds the memo; when full it starts again (names recur in
// bursts, so an exact LRU would buy little).
const memoMax = 1 << 16

func (m *memo) get(name string, loose bool, compute func() string) string {
	k := memoKey{name, loose}
	m.mu.Lock()
	v, ok := m.m[k]
	m.mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	m.mu.Lock()
	if len(m.m) >= memoMax {
		clear(m.m)
	}
	m.m[k] = v
	m.mu.Unlock()
	return v
}

// foldName is the sort and match form of a display name.
func foldName(s string) string { return text.Fold(s) }

// latinOf returns a Latin display form for a name in any script.
func latinOf(name string) string {
	if isLatin(name) {
		return name
	}
	return text.Latin(name)
}

func isLatin(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// stopWords are dropped from agreement subjects before keying them, so that
// "open the Debdeb crossing" and "opening of Debdeb crossing" differ only by
// their content words. Folded forms, three languages.
var stopWords = map[string]bool{
	// en
	"a": true, "an": true, "the": true, "of": true, "on": true, "in": true, "to": true, "for": true,
	"and": true, "or": true, "with": true, "at": true, "by": true, "from": true, "between": true,
	"two": true, "both": true, "its": true, "their": true, "this": true, "that": true,
	// fr
	"le": true, "la": true, "les": true, "l": true, "un": true, "une": true, "des": true, "de": true,
	"du": true, "d": true, "et": true, "ou": true, "en": true, "au": true, "aux": true, "sur": true,
	"pour": true, "avec": true, "entre": true, "deux": true,
	// ar (folded)
	"في": true, "من": true, "الي": true, "علي": true, "عن": true, "مع": true, "بين": true,
	"و": true, "ان": true, "هذا": true, "هذه": true, "التي": true, "الذي": true, "البلدين": true,
}

// subjectKey is the resolution key of an agreement subject: folded words,
// stop words dropped, sorted and deduplicated.
func subjectKey(subject string) string {
	seen := map[string]bool{}
	var ws []string
	for _, w := range strings.Fields(text.Fold(subject)) {
		if stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		ws = append(ws, w)
	}
	sort.Strings(ws)
	return strings.Join(ws, " ")
}

// searchTokens returns the words a name is found by: each folded word, the
// Arabic words with their proclitics peeled (so "داخلية" finds "الداخلية"),
// and, when nameKeys is set, the tokens of its transliteration key (so "Mazen"
// finds "مازن"). Folded words are lower case or Arabic; key tokens are upper
// case Latin, so the two never collide.
func searchTokens(s string, nameKeys bool, add func(string)) {
	for _, w := range strings.Fields(text.Fold(s)) {
		add(w)
		if r, _ := utf8.DecodeRuneInString(w); r >= 0x0600 && r <= 0x06FF {
			for _, st := range text.Peel(w) {
				if st.Stem != "" && st.Stem != w {
					add(st.Stem)
				}
			}
		}
	}
	if nameKeys {
		for _, t := range strings.Fields(text.NameKey(s)) {
			add(t)
		}
	}
}
