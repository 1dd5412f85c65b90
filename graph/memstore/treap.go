package memstore

import (
	"bytes"
	"hash/fnv"
)

// node is a node of a persistent treap: a binary search tree on key that is
// a heap on prio. Nodes are never modified once published in a snapshot;
// insert and remove copy the path from the root to the change (O(log n)
// nodes) and share the rest, so each snapshot stays valid for the Views that
// hold it.
type node struct {
	key, val    []byte
	del         bool // a Delete in a transaction's overlay; never in a snapshot
	prio        uint64
	left, right *node
}

// priority derives a node's heap priority from its key, so the shape of the
// tree depends only on the set of keys (reproducible, no random source), and
// balanced in expectation: FNV-1a followed by the splitmix64 finaliser, which
// spreads keys that differ in one byte.
func priority(key []byte) uint64 {
	h := fnv.New64a()
	h.Write(key)
	x := h.Sum64()
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// get returns the node holding key, or nil.
func get(t *node, key []byte) *node {
	for t != nil {
		switch c := bytes.Compare(key, t.key); {
		case c < 0:
			t = t.left
		case c > 0:
			t = t.right
		default:
			return t
		}
	}
	return nil
}

// insert returns a tree with key set to val (and del), and whether key is new. Every
// node it returns on the path to key is a fresh copy, which is why the
// rotations may modify them.
func insert(t *node, key, val []byte, del bool, prio uint64) (*node, bool) {
	if t == nil {
		return &node{key: key, val: val, del: del, prio: prio}, true
	}
	n := *t
	var added bool
	switch c := bytes.Compare(key, t.key); {
	case c < 0:
		n.left, added = insert(t.left, key, val, del, prio)
		if n.left.prio > n.prio { // rotate right
			l := n.left
			n.left = l.right
			l.right = &n
			return l, added
		}
	case c > 0:
		n.right, added = insert(t.right, key, val, del, prio)
		if n.right.prio > n.prio { // rotate left
			r := n.right
			n.right = r.left
			r.left = &n
			return r, added
		}
	default:
		n.val, n.del = val, del
	}
	return &n, added
}

// remove returns a tree without key, and whether key was there. A tree
// without key is returned as is, uncopied.
func remove(t *node, key []byte) (*node, bool) {
	if t == nil {
		return nil, false
	}
	var removed bool
	n := *t
	switch c := bytes.Compare(key, t.key); {
	case c < 0:
		if n.left, removed = remove(t.left, key); !removed {
			return t, false
		}
	case c > 0:
		if n.right, removed = remove(t.right, key); !removed {
			return t, false
		}
	default:
		return join(t.left, t.right), true
	}
	return &n, true
}

// join merges two treaps whose keys are all in a < all in b.
func join(a, b *node) *node {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case a.prio > b.prio:
		n := *a
		n.right = join(a.right, b)
		return &n
	default:
		n := *b
		n.left = join(a, b.left)
		return &n
	}
}

// cursor walks a tree in key order from a lower bound.
type cursor struct{ stack []*node }

// seek positions a cursor on the first key >= start.
func seek(t *node, start []byte) *cursor {
	c := &cursor{}
	for t != nil {
		if bytes.Compare(t.key, start) >= 0 {
			c.stack = append(c.stack, t)
			t = t.left
		} else {
			t = t.right
		}
	}
	return c
}

// node returns the current node, nil at the end.
func (c *cursor) node() *node {
	if len(c.stack) == 0 {
		return nil
	}
	return c.stack[len(c.stack)-1]
}

// next moves to the following key.
func (c *cursor) next() {
	t := c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
	for t = t.right; t != nil; t = t.left {
		c.stack = append(c.stack, t)
	}
}
