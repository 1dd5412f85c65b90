package loader

import "hash/maphash"

// recentIDs remembers the ids of a load's latest records, each with the
// content its latest record had, both as 64-bit hashes, in at most two
// generations of window ids: when the current generation holds window ids
// it becomes the previous one, and the one before is dropped. The last
// window records' ids are always remembered, and at most 2×window are.
//
// A load of tens of millions of articles cannot keep every id it met: a Go
// map of them costs 24–36 bytes per id (303 MB for ten million, measured),
// which would outgrow the loader's heap limit long before the load ended.
// What the ids are for needs only the recent ones, or is reported as such:
//   - The skip of an article found unchanged in the store is sound only if no
//     record of this load committed after that lookup changed the id
//     (pipeline.seenOther). A lookup happens after its record entered the
//     ordering queue, so only records at most the queue's capacity and a
//     batch ahead of it can have committed since: window is far larger.
//   - An id met again within window records is reported as a duplicate; one
//     met again further apart still replaces the earlier record (the graph
//     counts it replaced, or unchanged if the text is the same), without the
//     duplicate warning.
type recentIDs struct {
	seed      maphash.Seed
	window    int
	cur, prev map[uint64]uint64
}

// defaultRecentWindow is how many of the latest records' ids a load
// remembers at least: a million, about 38 MB, and 76 MB at most with the
// previous generation.
const defaultRecentWindow = 1 << 20

// recentWindow is the window of a load's recentIDs (a variable for tests,
// which make it small; a load raises it to span its in-flight records).
var recentWindow = defaultRecentWindow

func newRecentIDs(window int) *recentIDs {
	return &recentIDs{seed: maphash.MakeSeed(), window: max(window, 1), cur: map[uint64]uint64{}}
}

func (r *recentIDs) hash(s string) uint64 { return maphash.String(r.seed, s) }

// get returns the content hash of the latest remembered record with this id.
func (r *recentIDs) get(id string) (content uint64, ok bool) {
	h := r.hash(id)
	if c, ok := r.cur[h]; ok {
		return c, true
	}
	c, ok := r.prev[h]
	return c, ok
}

// put remembers id's latest record, whose content hash (loader.Hash) is
// content, and reports whether the id was remembered already.
func (r *recentIDs) put(id, content string) (met bool) {
	h := r.hash(id)
	_, met = r.cur[h]
	if !met {
		_, met = r.prev[h]
		if len(r.cur) >= r.window {
			r.prev, r.cur = r.cur, make(map[uint64]uint64, r.window)
		}
	}
	r.cur[h] = r.hash(content)
	return met
}

// changed reports whether the latest remembered record with this id had
// content other than content.
func (r *recentIDs) changed(id, content string) bool {
	c, ok := r.get(id)
	return ok && c != r.hash(content)
}
