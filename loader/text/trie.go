package text

import (
	"iter"
	"math/bits"
	"strings"
)

// Trie maps phrases (sequences of folded tokens) to values and finds the
// longest phrase starting at a token of a text.
//
// Matching is clitic-aware for Arabic: the first token of a phrase also
// matches with proclitics (و ف ب ك ل) in front of it, and with the article
// written as part of a clitic (وبالجزائر, للجزائر and فالجزائر all match the
// phrase "الجزائر"); later tokens match exactly, with a لل standing for ال
// (منظمة الدول المصدرة للنفط ~ … النفط), or with ال where the phrase has no
// article. An article the text lacks is never supplied: "جزائر" does not match
// "الجزائر" unless the article-less form is itself added.
//
// The zero Trie is empty and ready to use. Add must not run concurrently with
// anything; Longest may be called concurrently once adding is done.
type Trie[T any] struct {
	root node[T]
	size int
	keys rootFilter // the root's keys (next and bare), see rootFilter
	hot  rootSlots[T]
}

// rootSlots holds most of the root's next children in a direct-mapped array
// indexed by keyHash, the hash the filter has just computed: a root key is
// found with one load and one comparison of strings, where a map lookup
// hashes the key again and reads a directory, a control word and a slot.
// Most lookups that pass the filter are hits, on a few frequent words that
// open phrases or are stop words ("the", "les", "في"), and their map
// lookups were the costliest line of an extraction (8% of it). A key whose
// slot another key took is looked up in the map.
type rootSlots[T any] struct {
	slots []rootSlot[T]
	shift uint // 64 - log2(len(slots))
	n     int  // keys in root.next
}

type rootSlot[T any] struct {
	key  string // "" for an empty slot (root keys are never empty)
	node *node[T]
}

// add records the new root child n of key, growing the array to keep about
// one slot per key (next is root.next, holding key already).
func (r *rootSlots[T]) add(key string, n *node[T], next map[string]*node[T]) {
	r.n++
	if r.n > len(r.slots) {
		size := max(256, 2*len(r.slots))
		r.slots = make([]rootSlot[T], size)
		r.shift = uint(64 - bits.Len(uint(size-1)))
		for k, c := range next {
			r.put(k, c)
		}
		return
	}
	r.put(key, n)
}

func (r *rootSlots[T]) put(key string, n *node[T]) {
	if s := &r.slots[keyHash(key)>>r.shift]; s.key == "" {
		s.key, s.node = key, n
	}
}

// rootNext returns root.next[key] given h = keyHash(key).
func (t *Trie[T]) rootNext(key string, h uint64) *node[T] {
	if len(t.hot.slots) > 0 {
		if s := &t.hot.slots[h>>t.hot.shift]; s.key == key {
			return s.node
		}
	}
	return t.root.next[key]
}

// rootFilter is a Bloom filter over the keys of the root node's maps. Every
// token of a text is looked up at the root, most of them in vain, and those
// misses in maps of thousands of keys cost a cache miss each (most of the
// time the gazetteer and lexicon tries took, a tenth of an extraction); the
// filter answers most of them from a few kilobytes. It never rejects a present key,
// so lookups behind it find exactly what they found without it.
//
// Both bits of a key lie in one 64-bit word (a blocked Bloom filter): a
// lookup reads one word, so it costs at most one cache miss where two
// independent bits cost two (the filter is read for every token, twice per
// token for the lexicon and the gazetteer, and was a tenth of an extraction).
type rootFilter struct {
	bits  []uint64
	shift uint // 64 - log2(len(bits)): the hash's top bits pick the word
	n     int  // keys added
}

// bitsPerKey keeps false positives near 5% with two probes.
const bitsPerKey = 16

func (f *rootFilter) add(key string, all iter.Seq[string]) {
	f.n++
	if f.n*bitsPerKey > len(f.bits)*64 {
		// Grow to a power of two and re-add every key (all includes key).
		f.bits, f.shift = filterWords(f.n)
		for k := range all {
			f.set(k)
		}
		return
	}
	f.set(key)
}

// filterWords returns the words of a blocked Bloom filter for n keys (a
// power of two, 1024 at least, with bitsPerKey bits a key) and the shift
// that takes a hash's top bits to a word.
func filterWords(n int) ([]uint64, uint) {
	size := 1024
	for size*64 < n*bitsPerKey {
		size *= 2
	}
	return make([]uint64, size), uint(64 - bits.Len(uint(size-1)))
}

// probe returns the word of key and the mask of its two bits in that word.
// The hash reads the length and five bytes only (both ends and the middle):
// hashing whole keys cost as much as the map lookups it saves. Keys that
// share those bytes just share bits. The word comes from the top bits of
// the product, the two bit numbers from the twelve below them (the low bits
// of a product depend on the low bits of x only: the length).
func (f *rootFilter) probe(key string) (word uint64, mask uint64) {
	h := keyHash(key)
	return h >> f.shift, f.mask(h)
}

// mask returns the two bits of a key of hash h in its word. (The shifts are
// below 64, the filter having 2^52 words at most: masking them spares the
// compiler's code for larger ones.)
func (f *rootFilter) mask(h uint64) uint64 {
	return 1<<((h>>((f.shift-6)&63))&63) | 1<<((h>>((f.shift-12)&63))&63)
}

// keyHash is the hash of probe (and of KeyFilter).
func keyHash(key string) uint64 {
	n := len(key)
	x := uint64(n)
	if n > 1 {
		x |= uint64(key[0])<<8 | uint64(key[n/2])<<16 | uint64(key[n-1])<<24 | uint64(key[1])<<32 | uint64(key[n-2])<<40
	} else if n == 1 {
		x |= uint64(key[0]) * 0x01010100 // key[0]<<8 | key[0]<<16 | key[0]<<24, cheap enough to inline
	}
	return x * 0x9E3779B97F4A7C15 // Fibonacci hashing: the high bits are well mixed
}

func (f *rootFilter) set(key string) {
	w, m := f.probe(key)
	f.bits[w] |= m
}

// has reports false when key is certainly not a root key.
func (f *rootFilter) has(key string) bool {
	return f.hasHash(keyHash(key))
}

// hasHash is has given h = keyHash(key).
func (f *rootFilter) hasHash(h uint64) bool {
	if len(f.bits) == 0 {
		return false
	}
	m := f.mask(h)
	return f.bits[h>>f.shift]&m == m
}

// RootKeys returns the folded words a phrase of t can start with: the keys
// LongestPeeled looks the token and its clitic analyses up by (the root
// filter's keys, and NewKeyFilter's).
func (t *Trie[T]) RootKeys() iter.Seq[string] {
	return func(yield func(string) bool) {
		for k := range t.root.next {
			if !yield(k) {
				return
			}
		}
		for k := range t.root.bare {
			if !yield(k) {
				return
			}
		}
	}
}

// KeyFilter is a Bloom filter over the root keys of two tries (their
// RootKeys), for a caller that looks every token up in both: one probe tells
// which of them may start a phrase at the token, where each trie would probe
// its own filter. Most tokens start no phrase of either the lexicon or the
// gazetteer, and most of the others a phrase of only one of them. It never
// rejects a key of a trie it was given.
//
// The bits of both tries' keys share one word per key as rootFilter's do,
// in different positions per trie: a probe hashes the key once and reads
// one word for the two. Make one with NewKeyFilter.
type KeyFilter struct {
	bits  []uint64
	shift uint // 64 - log2(len(bits)), as in rootFilter
}

// NewKeyFilter returns the filter of the root keys of the tries a and b.
func NewKeyFilter(a, b iter.Seq[string]) *KeyFilter {
	n := 0
	for range a {
		n++
	}
	for range b {
		n++
	}
	kf := &KeyFilter{}
	kf.bits, kf.shift = filterWords(n)
	for k := range a {
		h := keyHash(k)
		ma, _ := kf.masks(h)
		kf.bits[h>>kf.shift] |= ma
	}
	for k := range b {
		h := keyHash(k)
		_, mb := kf.masks(h)
		kf.bits[h>>kf.shift] |= mb
	}
	return kf
}

// masks returns the two bits of a key of hash h for each trie: the twelve
// bits of the hash below the word's pick a's, the next twelve b's. (The
// filter never has 2^40 words: the 24 bits are always there.)
func (kf *KeyFilter) masks(h uint64) (ma, mb uint64) {
	s := kf.shift
	return 1<<((h>>((s-6)&63))&63) | 1<<((h>>((s-12)&63))&63), 1<<((h>>((s-18)&63))&63) | 1<<((h>>((s-24)&63))&63)
}

// May reports whether the tries a and b may start a phrase at a token with
// fold fold and clitic analyses stems (as LongestPeeled takes them): the
// LongestPeeled of a trie reported false finds nothing there.
func (kf *KeyFilter) May(fold string, stems []Stem) (a, b bool) {
	a, b = kf.may(fold)
	for _, st := range stems {
		sa, sb := kf.may(st.Stem)
		a, b = a || sa, b || sb
	}
	return a, b
}

func (kf *KeyFilter) may(key string) (a, b bool) {
	h := keyHash(key)
	w := kf.bits[h>>kf.shift]
	ma, mb := kf.masks(h)
	return w&ma == ma, w&mb == mb
}

type node[T any] struct {
	next map[string]*node[T] // child by folded token
	bare map[string]*node[T] // the same children whose token is ال+key, by key
	vals []T
}

// Add inserts phrase (any text: it is tokenized and folded) with value v.
// Adding the same phrase again appends another value. An empty phrase (no
// tokens) is ignored.
func (t *Trie[T]) Add(phrase string, v T) {
	toks := Tokenize(phrase)
	if len(toks) == 0 {
		return
	}
	n := &t.root
	for _, tk := range toks {
		f := tk.Fold
		child := n.next[f]
		if child == nil {
			child = &node[T]{}
			if n.next == nil {
				n.next = make(map[string]*node[T])
			}
			n.next[f] = child
			if n == &t.root {
				t.keys.add(f, t.RootKeys())
				t.hot.add(f, child, n.next)
			}
			if rest, ok := strings.CutPrefix(f, "ال"); ok && len(rest) >= 2*minStem {
				if n.bare == nil {
					n.bare = make(map[string]*node[T])
				}
				n.bare[rest] = child
				if n == &t.root {
					t.keys.add(rest, t.RootKeys())
				}
			}
		}
		n = child
	}
	if len(n.vals) == 0 {
		t.size++
	}
	n.vals = append(n.vals, v)
}

// Len returns the number of distinct phrases.
func (t *Trie[T]) Len() int { return t.size }

// Longest finds the longest phrase that starts at toks[i] and returns the
// index just past its last token, its values (shared with the trie: do not
// modify) and true; or false when no phrase starts there. Where several
// clitic analyses of the first token lead to phrases of the same length, the
// least peeled one wins.
func (t *Trie[T]) Longest(toks []Token, i int) (end int, vals []T, ok bool) {
	if i < 0 || i >= len(toks) || !toks[i].Arabic {
		return t.LongestPeeled(toks, i, nil)
	}
	var buf [12]Stem
	return t.LongestPeeled(toks, i, AppendTrieStems(buf[:0], toks[i].Fold))
}

// AppendTrieStems appends to dst the clitic analyses of an Arabic token's
// fold that Longest tries besides the fold itself (see Trie), for
// LongestPeeled. With a dst of twelve on the caller's stack it allocates
// nothing.
func AppendTrieStems(dst []Stem, fold string) []Stem {
	return peelInto(dst, len(dst), fold, false)
}

// LongestPeeled is Longest with the analyses of toks[i] given: stems must be
// AppendTrieStems(nil, toks[i].Fold) for an Arabic token and are ignored for
// any other. A caller that looks the same token up in several tries peels
// it once instead of once per trie.
func (t *Trie[T]) LongestPeeled(toks []Token, i int, stems []Stem) (end int, vals []T, ok bool) {
	if i < 0 || i >= len(toks) {
		return 0, nil, false
	}
	f := toks[i].Fold
	if h := keyHash(f); t.keys.hasHash(h) {
		if n := t.rootNext(f, h); n != nil {
			end, vals, ok = walk(n, toks, i+1)
		}
	}
	if !toks[i].Arabic {
		return end, vals, ok
	}
	for _, st := range stems {
		h := keyHash(st.Stem)
		if !t.keys.hasHash(h) {
			continue
		}
		var n *node[T]
		if st.Article {
			n = t.root.bare[st.Stem]
		} else {
			n = t.rootNext(st.Stem, h)
		}
		if n == nil {
			continue
		}
		if e, vs, found := walk(n, toks, i+1); found && e > end {
			end, vals, ok = e, vs, true
		}
	}
	return end, vals, ok
}

// walk follows toks[j:] from n (the node reached by the tokens before j) and
// returns the end of the longest phrase on that path.
func walk[T any](n *node[T], toks []Token, j int) (end int, vals []T, ok bool) {
	if len(n.vals) > 0 {
		end, vals, ok = j, n.vals, true
	}
	for ; j < len(toks); j++ {
		n = step(n, toks[j])
		if n == nil {
			break
		}
		if len(n.vals) > 0 {
			end, vals, ok = j+1, n.vals, true
		}
	}
	return end, vals, ok
}

// step matches a non-initial token of a phrase.
func step[T any](n *node[T], tk Token) *node[T] {
	if c := n.next[tk.Fold]; c != nil {
		return c
	}
	if !tk.Arabic {
		return nil
	}
	if rest, ok := strings.CutPrefix(tk.Fold, "لل"); ok && len(rest) >= 2*minStem {
		if c := n.bare[rest]; c != nil {
			return c
		}
	}
	if rest, ok := strings.CutPrefix(tk.Fold, "ال"); ok && len(rest) >= 2*minStem {
		if c := n.next[rest]; c != nil {
			return c
		}
	}
	return nil
}
