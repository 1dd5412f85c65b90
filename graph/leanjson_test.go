package graph

import (
	"encoding/json"
	"reflect"
	"testing"
)

// storedOfficial is an official record as the graph stores it: names, roles
// and sources included.
func storedOfficial(t testing.TB) []byte {
	src := []Source{{Article: "a1", Sentence: "وزير الداخلية \"خالد مازن\" في الجزائر"}}
	o := Official{
		ID: "official:1", Country: "LY", Name: "Khaled Mazen",
		Names: []Name{{Text: "خالد مازن", Lang: LangArabic}, {Text: "Khaled Mazen", Lang: LangEnglish}},
		Roles: []Role{
			{Title: "Minister of Interior", Portfolio: "interior", Ministry: "ministry:ly-interior", Country: "LY", From: "2023-01-02", Sources: src},
			{Title: "Ambassador", Country: "LY", Sources: src},
		},
		Sources: src,
	}
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLeanOfficial(t *testing.T) {
	stored := string(storedOfficial(t))
	for _, tc := range []struct {
		name, in string
		fast     bool // the fast path reads it (else encoding/json does)
	}{
		{"stored record", stored, true},
		{"spaces", ` { "name" : "A" , "roles" : [ { "title" : "T" } , null ] } `, true},
		{"empty", `{}`, true},
		{"empty roles", `{"roles":[]}`, true},
		{"null roles", `{"roles":[{"title":"T"}],"roles":null}`, true},
		{"last name wins", `{"name":"A","name":"B"}`, true},
		{"null keeps the name", `{"name":"A","name":null}`, true},
		{"skipped nesting", `{"x":{"a":[1,{"b":"]}\"}"}],"c":true},"name":"A"}`, true},
		{"escaped value", `{"name":"A\u00e9"}`, false},
		{"folded key", `{"Name":"A"}`, false},
		{"escaped key", `{"n\u0061me":"A"}`, false},
		{"Kelvin sign", `{"roles":[{"\u212atitle":"T"}]}`, false},
		{"number for a name", `{"name":5}`, false},
		{"role not an object", `{"roles":[5]}`, false},
		{"trailing data", `{"name":"A"} x`, false},
		{"not an object", `null`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var fast, got, want leanOfficial
			if ok := fastLeanOfficial([]byte(tc.in), &fast); ok != tc.fast {
				t.Errorf("fast path: %v, want %v", ok, tc.fast)
			}
			errWant := json.Unmarshal([]byte(tc.in), &want)
			err := decodeLeanOfficial([]byte(tc.in), &got)
			if (err != nil) != (errWant != nil) {
				t.Fatalf("error %v, encoding/json %v", err, errWant)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v, encoding/json %+v", got, want)
			}
		})
	}
	var o leanOfficial
	if err := decodeLeanOfficial([]byte(stored), &o); err != nil || o.Name != "Khaled Mazen" || o.Country != "LY" ||
		len(o.Roles) != 2 || o.Roles[0] != (leanRole{"Minister of Interior", "ministry:ly-interior", "2023-01-02"}) {
		t.Errorf("stored record read as %+v, %v", o, err)
	}
}

// FuzzLeanOfficial checks the fast path against encoding/json: on valid
// JSON, decodeLeanOfficial gives exactly what json.Unmarshal gives, error or
// value; on anything else it must not panic (skipped values are not
// validated, see leanjson.go).
func FuzzLeanOfficial(f *testing.F) {
	f.Add(storedOfficial(f))
	for _, s := range []string{`{}`, `{"roles":[null,{"from":"2020"}]}`, `{"Name":"A"}`, `{"name":"A\"B"}`, `{"x":[{"]":"}"}],"name":"A"}`, `[]`, `{"name":"A",}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var got, want leanOfficial
		err := decodeLeanOfficial(b, &got)
		if !json.Valid(b) {
			return
		}
		errWant := json.Unmarshal(b, &want)
		if (err != nil) != (errWant != nil) {
			t.Fatalf("%q: error %v, encoding/json %v", b, err, errWant)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %+v, encoding/json %+v", b, got, want)
		}
	})
}
