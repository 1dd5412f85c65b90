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
	tr.allRootKeys(func(k string) {
		n++
		if !tr.keys.has(k) {
			t.Errorf("filter rejects root key %q", k)
		}
	})
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
