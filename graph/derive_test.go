package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// randomContributions makes n contributions of one kind with few distinct
// values, so that votes tie, sources repeat and the source lists overflow.
func randomContributions(r *rand.Rand, kind string, n int) []contribution {
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	srcs := func() []Source {
		var ss []Source
		for range r.IntN(4) {
			ss = append(ss, Source{Article: fmt.Sprintf("a%03d", r.IntN(n)), Sentence: pick("s1", "s2", "s3", "جملة")})
		}
		return ss
	}
	var cs []contribution
	for i := range n {
		c := contribution{Article: fmt.Sprintf("a%03d", r.IntN(n)), Seq: r.IntN(3)}
		switch kind {
		case KindOfficial:
			var names []Name
			for range r.IntN(3) {
				names = append(names, Name{Text: pick("Kamel Beldjoud", "Beldjoud", "كمال بلجود"), Lang: pick("en", "fr", "ar")})
			}
			c.Off = &offContrib{Country: pick("", "DZ", "DZ", "TN"), Names: names, Latin: pick("", "Kamel Beldjoud"),
				Title: pick("", "Minister of Interior", "Prime Minister"), Portfolio: pick("", "interior"),
				Date: pick("", "2021-01-02", "2021-03-04", "2020-12-31"), Sources: srcs()}
		case KindMinistry:
			c.Min = &minContrib{Country: "DZ", Portfolio: "interior", Sources: srcs()}
		case KindMeeting:
			c.Meet = &meetContrib{Kind: pick("visit", "meeting", "call"), Status: pick("", "held", "planned"),
				Date: pick("", "2021-01-02", "2021-01-03"), Place: pick("", "Algiers", "Tunis"), Host: pick("", "DZ"),
				Countries: []string{pick("DZ", "TN"), "EG"}, Participants: []string{pick("official:a", "official:b")},
				Code: EventCode{Cameo: pick("", "042", "036")}, Agreements: []string{pick("", "agreement:x")}, Sources: srcs()}
		case KindAgreement:
			c.Agr = &agrContrib{Kind: pick("mou", "agreement"), Status: pick("", "signed", "agreed", "planned"),
				Subject: pick("energy", "trade"), Date: pick("", "2021-01-02"), Countries: []string{"DZ", "TN"},
				Signatories: []string{pick("official:a", "official:b")}, Meeting: pick("", "meeting:m"),
				Code: EventCode{Cameo: pick("", "057")}, Sources: srcs()}
		}
		_ = i
		cs = append(cs, c)
	}
	// One contribution per (article, seq), as in the store.
	seen := map[string]bool{}
	out := cs[:0]
	for _, c := range cs {
		k := fmt.Sprint(c.Article, c.Seq)
		if !seen[k] {
			seen[k] = true
			out = append(out, c)
		}
	}
	return out
}

// TestDerivationOrderIndependent checks that adding contributions one by one
// in any order (as the writer does across batches) gives what deriving from the sorted contributions gives, and
// that the stored form (encode) and the source index entries give the
// record back.
func TestDerivationOrderIndependent(t *testing.T) {
	ids := map[string]string{KindOfficial: "official:x", KindMinistry: "ministry:DZ:interior",
		KindMeeting: "meeting:x", KindAgreement: "agreement:x"}
	for _, kind := range []string{KindOfficial, KindMinistry, KindMeeting, KindAgreement} {
		for seed := range uint64(40) {
			r := rand.New(rand.NewPCG(seed, 7))
			n := 1 + r.IntN(12) // few sources: stored in the record
			if seed%2 == 1 {
				n = 5 + r.IntN(400) // many: index entries
			}
			cs := randomContributions(r, kind, n)
			sorted := append([]contribution(nil), cs...)
			sortContributions(sorted)
			want := derive(ids[kind], sorted)
			wantIx := indexEntries(want, sorted)

			r.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
			d := newDerivation(ids[kind])
			for i := range cs {
				d.add(&cs[i])
			}
			got := d.result()
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s seed %d: incremental derivation\n got %s\nwant %s", kind, seed, full(got), full(want))
			}
			ix := indexEntriesOf(got, d)
			if !reflect.DeepEqual(ix, wantIx) {
				t.Fatalf("%s seed %d: index entries differ", kind, seed)
			}
			// The stored form and the source entries give the record back.
			var back any
			switch kind {
			case KindOfficial:
				back = new(Official)
			case KindMinistry:
				back = new(Ministry)
			case KindMeeting:
				back = new(Meeting)
			case KindAgreement:
				back = new(Agreement)
			}
			if err := decode(encode(got), back); err != nil {
				t.Fatal(err)
			}
			var srcs []Source
			for _, k := range sortedKeys(ix) {
				if bytes.HasPrefix([]byte(k), []byte(pSource)) {
					var s Source
					if err := decode([]byte(ix[k]), &s); err != nil {
						t.Fatal(err)
					}
					srcs = append(srcs, s)
				}
			}
			if stored := *sourcesOf(back); stored != nil && srcs != nil {
				t.Fatalf("%s seed %d: sources both in the record and in index entries", kind, seed)
			} else if stored == nil {
				*sourcesOf(back) = srcs
			}
			if !bytes.Equal(full(back), full(want)) {
				t.Fatalf("%s seed %d: stored form and source entries\n got %s\nwant %s", kind, seed, full(back), full(want))
			}
		}
	}
}

func full(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func TestRoundWeight(t *testing.T) {
	for _, tc := range []struct{ n, want int }{
		{-1, 0}, {0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 4}, {6, 6}, {7, 6},
		{8, 8}, {11, 8}, {12, 12}, {15, 12}, {16, 16}, {23, 16}, {24, 24},
		{199, 192}, {200, 192}, {4095, 3072}, {4096, 4096},
	} {
		if got := roundWeight(tc.n); got != tc.want {
			t.Errorf("roundWeight(%d) = %d, want %d", tc.n, got, tc.want)
		}
	}
	// Monotone: more sources never rank lower.
	for n := 1; n < 5000; n++ {
		if roundWeight(n) < roundWeight(n-1) {
			t.Fatalf("roundWeight(%d) = %d < roundWeight(%d) = %d", n, roundWeight(n), n-1, roundWeight(n-1))
		}
	}
}
