package graph

import (
	"bytes"
	"hash/maphash"
	"math/bits"
)

// Most reports name a meeting or an agreement no earlier report named, so
// most lookups in the resolution indexes (er, three days per meeting; gr,
// one subject per agreement) find nothing, and on Badger a scan that finds
// nothing still seeks through every level of the tree: at 100k articles
// those empty scans were a tenth of the single writer's time. resFilter is a
// Bloom filter over the directories of those entries (a scan's prefix); a
// directory it has never seen holds nothing in the store, and is not
// scanned.
//
// The filter only ever answers "maybe" for a directory that may hold
// entries: every entry a writer puts is added before its transaction
// commits (an entry of a transaction that then fails is a harmless false
// positive), deleted entries stay in it, and Import, which writes the store
// directly, drops it. It is built from the snapshot at first use and rebuilt
// four times larger when full, so its false positives stay near 0.5%; it
// stops growing at maxResFilterBits, past which they slowly rise.
type resFilter struct {
	bits []uint64
	mask uint64 // number of bits - 1
	n    int    // directories added (with repeats)
}

const (
	maxResFilterBits = 1 << 28 // 32 MiB: ~16M directories at 16 bits each
	resBitsPerDir    = 16
)

// minResFilterBits is the size of a new filter (a variable for tests, which
// make it tiny to exercise the rebuilds).
var minResFilterBits uint64 = 1 << 20 // 128 KiB

// resSeed is fixed for the process, so that a directory's hash (kept by a
// writer while it works, see writer.resPut) is the same in every filter.
var resSeed = maphash.MakeSeed()

func newResFilter(dirs int) *resFilter {
	nbits := minResFilterBits
	for nbits < maxResFilterBits && nbits < uint64(dirs)*resBitsPerDir {
		nbits <<= 1
	}
	return &resFilter{bits: make([]uint64, nbits/64), mask: nbits - 1}
}

// full reports whether the filter holds as many directories as its size
// serves well, and could be larger.
func (f *resFilter) full() bool {
	return uint64(len(f.bits))*64 < maxResFilterBits && uint64(f.n)*resBitsPerDir > uint64(len(f.bits))*64
}

func resHash(dir []byte) uint64 { return maphash.Bytes(resSeed, dir) }

// probes are three positions from one 64-bit hash (double hashing).
func (f *resFilter) add(h uint64) {
	h1, h2 := h, bits.RotateLeft64(h, 32)|1
	for i := uint64(0); i < 3; i++ {
		p := (h1 + i*h2) & f.mask
		f.bits[p/64] |= 1 << (p % 64)
	}
	f.n++
}

func (f *resFilter) has(h uint64) bool {
	h1, h2 := h, bits.RotateLeft64(h, 32)|1
	for i := uint64(0); i < 3; i++ {
		p := (h1 + i*h2) & f.mask
		if f.bits[p/64]&(1<<(p%64)) == 0 {
			return false
		}
	}
	return true
}

// resDir returns the directory a resolution entry is looked up by: er␀
// <group>␀<countries>␀<date>␀ for a meeting's (a scan per day), gr␀
// <countries>␀<subject>␀ for an agreement's (a scan over a date range).
func resDir(k []byte) ([]byte, bool) {
	switch {
	case bytes.HasPrefix(k, []byte(pMeetRes)):
		i := bytes.LastIndexByte(k, 0)
		return k[:i+1], true
	case bytes.HasPrefix(k, []byte(pAgrRes)):
		i := bytes.LastIndexByte(k, 0)
		if i < len(pAgrRes) {
			return nil, false
		}
		j := bytes.LastIndexByte(k[:i], 0)
		if j < len(pAgrRes) {
			return nil, false
		}
		return k[:j+1], true
	}
	return nil, false
}

// notePut keeps the directory of a resolution entry this transaction writes.
func (w *writer) notePut(k []byte) {
	d, ok := resDir(k)
	if !ok {
		return
	}
	h := resHash(d)
	w.resPut = append(w.resPut, h)
	if w.g.res != nil {
		w.g.res.add(h)
	}
}

// mayHold reports whether the snapshot may hold entries under dir, a
// resolution directory (see resDir); false is certain.
func (w *writer) mayHold(dir []byte) (bool, error) {
	f := w.g.res
	if f == nil || f.full() {
		n := 0
		if f != nil {
			n = 4 * f.n
		}
		for {
			nf := newResFilter(n)
			for _, p := range []string{pMeetRes, pAgrRes} {
				err := w.rtx.Scan(w.ctx, []byte(p), nil, func(k, _ []byte) (bool, error) {
					if d, ok := resDir(k); ok {
						nf.add(resHash(d))
					}
					return true, nil
				})
				if err != nil {
					return true, err
				}
			}
			for _, h := range w.resPut {
				nf.add(h)
			}
			f = nf
			if !nf.full() {
				break
			}
			n = 4 * nf.n // a store opened with many entries: size for them
		}
		w.g.res = f
	}
	return f.has(resHash(dir)), nil
}
