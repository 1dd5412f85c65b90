package graph

import "testing"

func TestResDir(t *testing.T) {
	tests := []struct {
		k, dir string
		ok     bool
	}{
		{"er\x00visit\x00DZ,LY\x002021-11-28\x00meeting:1", "er\x00visit\x00DZ,LY\x002021-11-28\x00", true},
		{"er\x00visit\x00DZ,LY\x00\x00meeting:1", "er\x00visit\x00DZ,LY\x00\x00", true},
		{"gr\x00DZ,LY\x00border\x007978-88-71\x00agreement:1", "gr\x00DZ,LY\x00border\x00", true},
		{"gr\x00DZ,LY\x00border\x00~\x00agreement:1", "gr\x00DZ,LY\x00border\x00", true},
		{"gr\x00agreement:1", "", false},
		{"ed\x002021-11-28\x00meeting:1", "", false},
		{"e\x00meeting:1", "", false},
	}
	for _, tt := range tests {
		dir, ok := resDir([]byte(tt.k))
		if ok != tt.ok || string(dir) != tt.dir {
			t.Errorf("resDir(%q) = %q, %v; want %q, %v", tt.k, dir, ok, tt.dir, tt.ok)
		}
	}
}

// TestResFilter: no false negatives, few false positives, and a full filter
// says so until it reaches its largest size.
func TestResFilter(t *testing.T) {
	f := newResFilter(0)
	if got := uint64(len(f.bits)) * 64; got != minResFilterBits {
		t.Fatalf("new filter has %d bits, want %d", got, minResFilterBits)
	}
	capacity := int(minResFilterBits / resBitsPerDir)
	for i := range capacity {
		f.add(resHash([]byte{byte(i), byte(i >> 8), byte(i >> 16), 'a'}))
	}
	if f.full() {
		t.Errorf("full at %d directories, its capacity", capacity)
	}
	for i := range capacity {
		if !f.has(resHash([]byte{byte(i), byte(i >> 8), byte(i >> 16), 'a'})) {
			t.Fatalf("directory %d added but not found", i)
		}
	}
	fp := 0
	for i := range capacity {
		if f.has(resHash([]byte{byte(i), byte(i >> 8), byte(i >> 16), 'b'})) {
			fp++
		}
	}
	if rate := float64(fp) / float64(capacity); rate > 0.02 {
		t.Errorf("false positive rate %.3f at capacity, want ≤ 0.02", rate)
	}
	f.add(resHash([]byte("one more")))
	if !f.full() {
		t.Errorf("not full past its capacity")
	}
	if g := newResFilter(4 * f.n); uint64(len(g.bits))*64 < 4*minResFilterBits {
		t.Errorf("rebuilt filter has %d bits, want ≥ %d", len(g.bits)*64, 4*minResFilterBits)
	}
	if g := newResFilter(1 << 40); uint64(len(g.bits))*64 != maxResFilterBits || g.full() {
		t.Errorf("largest filter: %d bits (full %v), want %d and never full", len(g.bits)*64, g.full(), maxResFilterBits)
	}
}
