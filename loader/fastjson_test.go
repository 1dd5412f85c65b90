package loader

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// fastCases are inputs for the fast path. fast marks the common shapes it is
// meant to decode itself; the others may fall back, but must never decode to
// something other than what encoding/json gives.
var fastCases = []struct {
	name, in string
	fast     bool
}{
	{"plain", `{"id":"a1","url":"https://example.org/a1","title":"T","body":"Some text.","published":"2021-11-28","source":"Wire","lang":"en"}`, true},
	{"spaces", "{ \"id\" : \"a\" ,\n\t\"body\"\r\n:\t\"b\" \n}", true},
	{"space after", `{"id":"a","body":"b"}` + " \t\r\n", true},
	{"space before", ` {"id":"a","body":"b"}`, true},
	{"empty object", `{}`, true},
	{"empty object spaces", "{ \n }", true},
	{"empty strings", `{"id":"","body":"","url":""}`, true},
	{"arabic", `{"id":"ar1","title":"استقبل وزير الداخلية","body":"استقبل وزير الداخلية الجزائري نظيره الليبي في الجزائر العاصمة يوم الأحد.","lang":"ar"}`, true},
	{"french", `{"id":"fr1","body":"Le ministre a reçu son homologue à Alger, où ils ont évoqué « la coopération »."}`, true},
	{"escapes", `{"id":"e","body":"q\" b\\ s\/ \b\f\n\r\t end"}`, true},
	{"escapes after long runs", `{"id":"abcdefghijklmnop\"qrstuvwxyz0\\123456789abcdef\nend","body":"abcdefghijklmnopqrstuvwxyz"}`, true},
	{"escape only", `{"id":"e","body":"\n"}`, true},
	{"escape at ends", `{"id":"\"x\"","body":"\\"}`, true},
	{"unicode escapes", `{"id":"\u0041\u00e9\u0627\u20AC","body":"\u0000 nul and \u001f"}`, true},
	{"surrogate pair", `{"id":"s","body":"emoji \ud83d\ude00 and \uD834\uDD1E"}`, true},
	{"escaped bidi", `{"id":"s","body":"\u202eab\u200f"}`, true},
	{"null body", `{"id":"n","body":null}`, true},
	{"null id", `{"id":null,"body":"b"}`, true},
	{"null string field", `{"id":"a","body":"b","title":null,"lang":null}`, true},
	{"null after value", `{"id":"a","title":"t","title":null,"body":"b"}`, true},
	{"duplicate keys", `{"id":"a","id":"b","body":"x","body":"y","lang":"en","lang":"fr"}`, true},
	{"duplicate after null", `{"id":null,"id":"c","body":"x","body":null}`, true},
	{"unknown string key", `{"id":"a","author":"Someone","body":"b","tags":"x\ny\"z"}`, true},
	{"unknown literals", `{"id":"a","ok":true,"no":false,"nothing":null,"body":"b"}`, true},
	{"empty key", `{"":"x","id":"a","body":"b"}`, true},
	{"unknown key with escaped lone surrogate value", `{"x":"\ud800","id":"a"}`, false},

	// Case variants and folds: encoding/json matches them to fields.
	{"upper key", `{"ID":"a","Body":"b"}`, false},
	{"mixed key", `{"id":"a","bOdY":"b"}`, false},
	{"long s key", `{"id":"a","ſource":"s"}`, false},
	{"kelvin key", `{"id":"a","lang":"en","Kelvin":"k","Key":"v","\u212Aey":"v"}`, false},
	{"escaped key", `{"\u0069d":"a","body":"b"}`, false},
	{"escaped quote key", `{"i\"d":"a"}`, false},
	{"underscore key", `{"i_d":"a","bo-dy":"b"}`, false},
	{"non-ascii unknown key", `{"é":"a","id":"b"}`, false},

	// Other value types.
	{"number for known", `{"id":1,"body":"b"}`, false},
	{"bool for known", `{"id":"a","body":true}`, false},
	{"object for known", `{"id":{"x":1},"body":"b"}`, false},
	{"array for known", `{"id":"a","body":["not","a","string"]}`, false},
	{"number for unknown", `{"id":"a","n":12.5e3,"body":"b"}`, false},
	{"object for unknown", `{"id":"a","meta":{"k":"v"},"body":"b"}`, false},
	{"array for unknown", `{"id":"a","tags":["x","y"],"body":"b"}`, false},
	{"nested deep", `{"a":[[[[{"b":"}"}]]]],"id":"a"}`, false},

	// Lone and broken surrogates: encoding/json writes U+FFFD.
	{"lone high", `{"id":"a","body":"x\ud83dy"}`, false},
	{"lone low", `{"id":"a","body":"x\ude00y"}`, false},
	{"high high low", `{"id":"a","body":"\ud83d\ud83d\ude00"}`, false},
	{"high then escape", `{"id":"a","body":"\ud83d\n"}`, false},
	{"high at end", `{"id":"a","body":"\ud83d"}`, false},
	{"reversed pair", `{"id":"a","body":"\ude00\ud83d"}`, false},

	// Syntax errors.
	{"trailing garbage", `{"id":"a","body":"b"}x`, false},
	{"two objects", `{"id":"a","body":"b"}{"id":"c"}`, false},
	{"trailing comma", `{"id":"a","body":"b",}`, false},
	{"missing comma", `{"id":"a" "body":"b"}`, false},
	{"missing colon", `{"id" "a"}`, false},
	{"missing value", `{"id":}`, false},
	{"unclosed", `{"id":"a","body":"b"`, false},
	{"unclosed string", `{"id":"a","body":"b`, false},
	{"cut after colon", `{"id":`, false},
	{"bare brace", `{`, false},
	{"raw newline in string", "{\"id\":\"a\",\"body\":\"b\nc\"}", false},
	{"raw tab in string", "{\"id\":\"a\\t\tb\"}", false},
	{"raw control after a long run", "{\"id\":\"abcdefghijklmnopqrstuvwxyz0123456789\x01\"}", false},
	{"unterminated long string", `{"id":"abcdefghijklmnopqrstuvwxyz0123456789`, false},
	{"raw NUL in string", "{\"id\":\"a\x00\"}", false},
	{"bad escape", `{"id":"a","body":"\x41"}`, false},
	{"short unicode escape", `{"id":"a","body":"\u12"}`, false},
	{"bad hex", `{"id":"a","body":"\u12G4"}`, false},
	{"backslash at end", `{"id":"a\`, false},
	{"single quotes", `{'id':'a'}`, false},
	{"bare key", `{id:"a"}`, false},
	{"truncated literal", `{"id":nul}`, false},
	{"literal run-on", `{"x":nullx}`, false},
	{"true run-on", `{"x":truex,"id":"a"}`, false},
	{"not an object", `["an","array"]`, false},
	{"string top", `"x"`, false},
	{"empty input", ``, false},
	{"form feed space", "{\f\"id\":\"a\"}", false},
	{"nbsp space", "{\u00a0\"id\":\"a\"}", false},
}

// checkFast fails t if the fast path decodes in to anything but what
// json.Unmarshal gives, and returns whether the fast path took it.
func checkFast(t *testing.T, in []byte) bool {
	t.Helper()
	var got rawArticle
	if !fastDecode(in, &got) {
		if !reflect.DeepEqual(got, rawArticle{}) {
			t.Fatalf("fast path fell back on %q but changed its target: %s", in, show(got))
		}
		return false
	}
	var want rawArticle
	if err := json.Unmarshal(in, &want); err != nil {
		t.Fatalf("fast path took %q, json.Unmarshal fails: %v", in, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("fast path on %q:\n got %s\nwant %s", in, show(got), show(want))
	}
	return true
}

func show(r rawArticle) string {
	p := func(s *string) string {
		if s == nil {
			return "nil"
		}
		return "&" + jsonString(*s)
	}
	return "{ID:" + p(r.ID) + " URL:" + jsonString(r.URL) + " Title:" + jsonString(r.Title) + " Body:" + p(r.Body) +
		" Published:" + jsonString(r.Published) + " Source:" + jsonString(r.Source) + " Lang:" + jsonString(r.Lang) + "}"
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestFastDecode(t *testing.T) {
	for _, c := range fastCases {
		t.Run(c.name, func(t *testing.T) {
			took := checkFast(t, []byte(c.in))
			if c.fast && !took {
				t.Errorf("fast path fell back on a common shape: %q", c.in)
			}
			checkDecodeRecord(t, []byte(c.in))
		})
	}
}

// TestFastDecodeTestdata: every line of the good test files takes the fast path.
func TestFastDecodeTestdata(t *testing.T) {
	lines := testdataLines(t, "testdata/good/*.jsonl")
	if len(lines) == 0 {
		t.Fatal("no test lines")
	}
	for _, l := range lines {
		l = bytes.TrimPrefix(l, []byte("\uFEFF")) // the reader drops a BOM
		if !checkFast(t, l) {
			t.Errorf("fast path fell back on %q", l)
		}
	}
}

// TestHasStringByte checks the eight-byte skip against the byte table, with
// every byte value at every position of a word of plain bytes.
func TestHasStringByte(t *testing.T) {
	for _, fill := range []byte{' ', 'a', 0x7F, 0x80, 0xD8, 0xFF} {
		for pos := range 8 {
			for c := range 256 {
				w := bytes.Repeat([]byte{fill}, 8)
				w[pos] = byte(c)
				if got := hasStringByte(binary.LittleEndian.Uint64(w)); got != stringByte[c] {
					t.Errorf("hasStringByte(% x) = %v", w, got)
				}
			}
		}
	}
}

// unmarshalOnly is the decoding step of decodeRecord before the fast path.
func unmarshalOnly(raw []byte, r *rawArticle) error { return json.Unmarshal(raw, r) }

// checkDecodeRecord fails t unless decodeRecord gives what it gave with
// json.Unmarshal alone: the same article, cleaned count and problem.
func checkDecodeRecord(t *testing.T, in []byte) {
	t.Helper()
	a, n, p := decodeRecord(in)
	wa, wn, wp := decodeRecordWith(in, unmarshalOnly)
	if !reflect.DeepEqual(a, wa) || n != wn || !reflect.DeepEqual(p, wp) {
		t.Fatalf("decodeRecord(%q) = %+v, %d, %+v; with json.Unmarshal alone %+v, %d, %+v", in, a, n, p, wa, wn, wp)
	}
}

// testdataLines returns the non-blank lines of the files matching pattern.
func testdataLines(t testing.TB, pattern string) [][]byte {
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if l := bytes.TrimSpace(sc.Bytes()); len(l) > 0 {
				lines = append(lines, bytes.Clone(l))
			}
		}
	}
	return lines
}

// FuzzFastDecode: whenever the fast path decodes an input, json.Unmarshal
// succeeds on it with an identical value; and decodeRecord's whole result is
// the one it had with json.Unmarshal alone.
func FuzzFastDecode(f *testing.F) {
	for _, c := range fastCases {
		f.Add([]byte(c.in))
	}
	for _, l := range testdataLines(f, "testdata/*/*.jsonl") {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		// fastDecode's contract is valid UTF-8: decodeRecord rejects the rest
		// before decoding (encoding/json would turn it into U+FFFD).
		if utf8.Valid(in) {
			checkFast(t, in)
		}
		checkDecodeRecord(t, in)
	})
}

// benchRecord is a realistic input line: ~4 KB, an Arabic body with a few
// escaped newlines and quotes.
func benchRecord() []byte {
	para := "استقبل وزير الداخلية الجزائري كمال بلجود نظيره الليبي خالد مازن في الجزائر العاصمة يوم الأحد، وبحث الجانبان التعاون الأمني ومراقبة الحدود المشتركة. "
	var body strings.Builder
	for i := 0; body.Len() < 3700; i++ {
		body.WriteString(para)
		if i%3 == 2 {
			body.WriteString(`وقال الوزير \"إن التنسيق مستمر\".\n\n`)
		}
	}
	return []byte(`{"id": "ar-2021-11-28-0042", "url": "https://example.org/ar/2021/11/28/0042", "title": "الجزائر وليبيا تبحثان التعاون الأمني", "body": "` +
		body.String() + `", "published": "2021-11-28T10:30:00Z", "source": "وكالة الأنباء", "lang": "ar"}`)
}

// BenchmarkDecodeRecord compares decodeRecord with the fast path and with
// json.Unmarshal alone, in MB/s; decode/ is the JSON step on its own.
func BenchmarkDecodeRecord(b *testing.B) {
	raw := benchRecord()
	if !fastDecode(raw, new(rawArticle)) {
		b.Fatal("benchmark record falls back")
	}
	for _, bc := range []struct {
		name   string
		decode func([]byte, *rawArticle) error
	}{{"fast", decodeRaw}, {"unmarshal", unmarshalOnly}} {
		b.Run("record/"+bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, p := decodeRecordWith(raw, bc.decode); p != nil {
					b.Fatal(p)
				}
			}
		})
		b.Run("decode/"+bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				var r rawArticle
				if err := bc.decode(raw, &r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
