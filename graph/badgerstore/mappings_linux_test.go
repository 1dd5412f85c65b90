package badgerstore

import "testing"

func TestSharedMappingOf(t *testing.T) {
	prefix := []byte("/data/store/")
	tests := []struct {
		line       string
		start, end uintptr
		name       string
		ok         bool
	}{
		{"7f2c4a000000-7f2c52000000 rw-s 00000000 fd:01 1234  /data/store/000001.vlog", 0x7f2c4a000000, 0x7f2c52000000, "000001.vlog", true},
		{"7f2c4a000000-7f2c4a100000 rw-s 00000000 fd:01 1235  /data/store/00002.mem", 0x7f2c4a000000, 0x7f2c4a100000, "00002.mem", true},
		{"7f2c4a000000-7f2c4a100000 rw-p 00000000 fd:01 1235  /data/store/00002.mem", 0, 0, "", false}, // private
		{"7f2c4a000000-7f2c4a100000 r--s 00000000 fd:01 1236  /data/other/000003.sst", 0, 0, "", false},
		{"7f2c4a000000-7f2c4a100000 rw-s 00000000 00:00 0", 0, 0, "", false},
		{"7f2c4a100000-7f2c4a000000 rw-s 00000000 fd:01 1235  /data/store/00002.mem", 0, 0, "", false}, // empty range
	}
	for _, tt := range tests {
		start, end, name, ok := sharedMappingOf([]byte(tt.line), prefix)
		if start != tt.start || end != tt.end || name != tt.name || ok != tt.ok {
			t.Errorf("sharedMappingOf(%q) = %x, %x, %q, %v; want %x, %x, %q, %v", tt.line, start, end, name, ok, tt.start, tt.end, tt.name, tt.ok)
		}
	}
}

// TestAppended: the files Badger appends to (memtable logs, the newest
// value-log file) keep read-ahead; the others are marked random.
func TestAppended(t *testing.T) {
	for _, tt := range []struct {
		name, newest string
		want         bool
	}{
		{"00007.mem", "000003.vlog", true},
		{"000003.vlog", "000003.vlog", true},
		{"000002.vlog", "000003.vlog", false},
		{"000012.sst", "000003.vlog", false},
		{"DISCARD", "000003.vlog", false},
	} {
		if got := appended(tt.name, tt.newest); got != tt.want {
			t.Errorf("appended(%q, %q) = %v, want %v", tt.name, tt.newest, got, tt.want)
		}
	}
}
