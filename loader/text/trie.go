package text

import "strings"

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
			if rest, ok := strings.CutPrefix(f, "ال"); ok && len(rest) >= 2*minStem {
				if n.bare == nil {
					n.bare = make(map[string]*node[T])
				}
				n.bare[rest] = child
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
	if i < 0 || i >= len(toks) {
		return 0, nil, false
	}
	f := toks[i].Fold
	if n := t.root.next[f]; n != nil {
		end, vals, ok = walk(n, toks, i+1)
	}
	if !toks[i].Arabic {
		return end, vals, ok
	}
	var buf [12]Stem
	for _, st := range peelInto(buf[:0], f, false) {
		var n *node[T]
		if st.Article {
			n = t.root.bare[st.Stem]
		} else {
			n = t.root.next[st.Stem]
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
