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

// TestWriteLog: memtable logs keep read-ahead; the other files (tables,
// value logs, the newest included) are marked random.
func TestWriteLog(t *testing.T) {
	for _, tt := range []struct {
		name string
		want bool
	}{
		{"00007.mem", true},
		{"000003.vlog", false},
		{"000012.sst", false},
		{"DISCARD", false},
	} {
		if got := writeLog(tt.name); got != tt.want {
			t.Errorf("writeLog(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
