package text

import (
	"fmt"
	"testing"
)

// TestRootFilterKeepsEveryKey adds enough phrases to make the root filter
// grow several times and checks that it still admits every root key (next
// and bare), while rejecting most absent words: a filter that dropped a key
// would silently lose matches.
func TestRootFilterKeepsEveryKey(t *testing.T) {
	var tr Trie[int]
	words := []string{"الجزائر", "وزير", "Algeria", "minister", "x", "ليبيا", "ab"}
	for i := range 20000 {
		w := words[i%len(words)]
		switch i % 3 {
		case 0:
			tr.Add(fmt.Sprintf("%s%d", w, i), i)
		case 1:
			tr.Add(fmt.Sprintf("ال%s%d tail", w, i), i)
		default:
			tr.Add(fmt.Sprintf("%d%s", i, w), i)
		}
	}
	if len(tr.keys.bits) < 4096 {
		t.Fatalf("filter of %d words did not grow: %d words", tr.keys.n, len(tr.keys.bits))
	}
	n := 0
	for k := range tr.RootKeys() {
		n++
		if !tr.keys.has(k) {
			t.Errorf("filter rejects root key %q", k)
		}
	}
	if n != tr.keys.n {
		t.Errorf("%d root keys, filter counted %d", n, tr.keys.n)
	}
	absent := 0
	for i := range 10000 {
		if !tr.keys.has(fmt.Sprintf("absent%dword", i)) {
			absent++
		}
	}
	if absent < 8000 {
		t.Errorf("filter admits %d of 10000 absent words", 10000-absent)
	}
}

// TestKeyFilterKeepsEveryKey checks that a KeyFilter over two tries admits
// every root key of each for that trie, and rules most absent words out of
// both, and each trie's keys out of the other most of the time.
func TestKeyFilterKeepsEveryKey(t *testing.T) {
	var a, b Trie[int]
	for i := range 20000 {
		a.Add(fmt.Sprintf("ال%dوزير tail", i), i)
		b.Add(fmt.Sprintf("country%d", i), i)
	}
	kf := NewKeyFilter(a.RootKeys(), b.RootKeys())
	other := 0
	for k := range a.RootKeys() {
		inA, inB := kf.May(k, nil)
		if !inA {
			t.Fatalf("filter rules root key %q out of its trie", k)
		}
		if inB {
			other++
		}
	}
	for k := range b.RootKeys() {
		if _, inB := kf.May(k, nil); !inB {
			t.Fatalf("filter rules root key %q out of its trie", k)
		}
	}
	if other > 4000 {
		t.Errorf("%d of 40000 keys of a admitted for b", other)
	}
	// A stem that is a root key admits the token.
	if inA, _ := kf.May("absent", []Stem{{Stem: "ال7وزير"}}); !inA {
		t.Error("a stem's root key ruled out")
	}
	absent := 0
	for i := range 10000 {
		if inA, inB := kf.May(fmt.Sprintf("absent%dword", i), nil); !inA && !inB {
			absent++
		}
	}
	if absent < 8000 {
		t.Errorf("filter admits %d of 10000 absent words", 10000-absent)
	}
}

// TestRootSlotsAgreeWithMap checks that the direct-mapped root slots give
// the map's child for every root key, through every growth of the array,
// and nothing for absent keys.
func TestRootSlotsAgreeWithMap(t *testing.T) {
	var tr Trie[int]
	check := func() {
		for k, n := range tr.root.next {
			if got := tr.rootNext(k, keyHash(k)); got != n {
				t.Fatalf("%d keys: rootNext(%q) = %p, map has %p", len(tr.root.next), k, got, n)
			}
		}
		for i := range 1000 {
			k := fmt.Sprintf("absent%d", i)
			if got := tr.rootNext(k, keyHash(k)); got != nil {
				t.Fatalf("rootNext(%q) = %p for an absent key", k, got)
			}
		}
	}
	check()
	for i := range 5000 {
		tr.Add(fmt.Sprintf("الكلمة%d tail", i), i)
		tr.Add(fmt.Sprintf("word%d", i), i)
		if i%997 == 0 {
			check()
		}
	}
	check()
	if len(tr.hot.slots) < len(tr.root.next) {
		t.Errorf("%d slots for %d root keys", len(tr.hot.slots), len(tr.root.next))
	}
}
