package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strings"
)

// Problem is one inconsistency Check found.
type Problem struct {
	Kind   string `json:"kind"` // one of the Problem* constants
	ID     string `json:"id"`   // the record, article or index key concerned
	Detail string `json:"detail"`
}

func (p Problem) String() string { return p.Kind + ": " + p.ID + ": " + p.Detail }

// Problem kinds.
const (
	ProblemDecode     = "decode"     // a value does not decode
	ProblemNoSource   = "no-source"  // a node or edge without sources
	ProblemEndpoint   = "endpoint"   // a reference to a record that does not exist
	ProblemStale      = "stale"      // a record differs from what its contributions derive
	ProblemNoContrib  = "no-contrib" // a record without contributions
	ProblemContrib    = "contrib"    // a contribution whose record or article is gone or unaware of it
	ProblemIndex      = "index"      // an index entry missing, wrong or pointing at nothing
	ProblemCount      = "count"      // a stored count that does not match the records
	ProblemArticle    = "article"    // an article listing a record it did not contribute to
	ProblemHashIndex  = "hash-index" // content-hash index and articles disagree
	maxProblemsPerKey = 1
)

// Check verifies the graph's invariants over one snapshot: every record is
// what its contributions derive and has sources; every reference (participant,
// signatory, ministry, country, meeting, agreement) exists; every index entry
// is one some record implies and every implied entry is there; contributions
// and articles agree both ways; the stored counts match. It reads the whole
// store and holds a hash of each expected index entry in memory. A healthy graph gives
// no problems.
func (g *Graph) Check(ctx context.Context) ([]Problem, error) {
	var ps []Problem
	add := func(kind, id, format string, args ...any) {
		ps = append(ps, Problem{Kind: kind, ID: id, Detail: fmt.Sprintf(format, args...)})
	}
	err := g.s.View(ctx, func(tx ReadTx) error {
		ps = nil
		var expected []uint64 // hashes of the index entries records imply
		records := map[string]bool{}
		counts := map[string]int{}
		articles := map[string]*articleRec{}

		// Articles first: contributions are checked against them.
		err := tx.Scan(ctx, []byte(pArticle), nil, func(k, v []byte) (bool, error) {
			id := string(k[len(pArticle):])
			var a articleRec
			if err := decode(v, &a); err != nil {
				add(ProblemDecode, id, "article: %v", err)
				return true, nil
			}
			articles[id] = &a
			counts[KindArticle]++
			owner, err := tx.Get(key(pHash, a.Hash))
			switch {
			case errors.Is(err, ErrNotFound):
				add(ProblemHashIndex, id, "content hash %q not indexed", a.Hash)
			case err != nil:
				return false, err
			case string(owner) != id:
				add(ProblemHashIndex, id, "content hash %q indexed for %q", a.Hash, owner)
			}
			return true, nil
		})
		if err != nil {
			return err
		}
		err = tx.Scan(ctx, []byte(pHash), nil, func(k, v []byte) (bool, error) {
			a := articles[string(v)]
			if a == nil || a.Hash != string(k[len(pHash):]) {
				add(ProblemHashIndex, string(k[len(pHash):]), "points at article %q, which has another hash or is gone", v)
			}
			return true, nil
		})
		if err != nil {
			return err
		}

		// Title-only mentions waiting for an office holder: one entry per
		// article and ministry it lists as pending, and no other.
		for id, a := range articles {
			for _, p := range a.Pending {
				if _, err := tx.Get(key(pPending, p, id)); errors.Is(err, ErrNotFound) {
					add(ProblemArticle, id, "pending on %q without its entry", printable([]byte(p)))
				} else if err != nil {
					return err
				}
			}
		}
		err = tx.Scan(ctx, []byte(pPending), nil, func(k, _ []byte) (bool, error) {
			parts := splitKey(k, pPending)
			if len(parts) != 3 || articles[parts[2]] == nil || !slices.Contains(articles[parts[2]].Pending, parts[0]+sep+parts[1]) {
				add(ProblemArticle, printable(k), "pending entry of no article pending on it")
			}
			return true, nil
		})
		if err != nil {
			return err
		}

		// Records: derive each again from its contributions.
		var refs []struct{ from, to string }
		ref := func(from string, to ...string) {
			for _, t := range to {
				if t != "" {
					refs = append(refs, struct{ from, to string }{from, t})
				}
			}
		}
		for _, prefix := range []string{pMinistry, pOfficial, pMeeting, pAgreement} {
			err := tx.Scan(ctx, []byte(prefix), nil, func(k, v []byte) (bool, error) {
				id := string(k[len(prefix):])
				records[id] = true
				counts[KindOf(id)]++
				var cs []contribution
				err := tx.Scan(ctx, keyDir(pContrib, id), nil, func(ck, cv []byte) (bool, error) {
					c, err := decodeContribution(id, ck, cv)
					if err != nil {
						add(ProblemDecode, string(ck), "%v", err)
						return true, nil
					}
					cs = append(cs, c)
					a := articles[c.Article]
					switch {
					case a == nil:
						add(ProblemContrib, id, "contribution from article %q, which is not loaded", c.Article)
					case !articleLists(a, id):
						add(ProblemContrib, id, "contribution from article %q, which does not list it", c.Article)
					}
					return true, nil
				})
				if err != nil {
					return false, err
				}
				if len(cs) == 0 {
					add(ProblemNoContrib, id, "record has no contributions")
					return true, nil
				}
				sortContributions(cs)
				pub, err := correctRecord(tx.Get, derive(id, cs))
				if err != nil {
					return false, err
				}
				if !bytes.Equal(encode(pub), v) {
					add(ProblemStale, id, "stored record differs from its contributions")
				}
				for ek, ev := range indexEntries(pub, cs) {
					expected = append(expected, entryHash(ek, ev))
				}
				var nsrc int
				switch r := pub.(type) {
				case *Official:
					nsrc = len(r.Sources)
					ref(id, r.Country)
					for _, role := range r.Roles {
						ref(id, role.Ministry, role.Country)
					}
				case *Ministry:
					nsrc = len(r.Sources)
					ref(id, r.Country)
				case *Meeting:
					nsrc = len(r.Sources)
					ref(id, r.Countries...)
					ref(id, r.Participants...)
					ref(id, r.Agreements...)
					ref(id, r.Host)
				case *Agreement:
					nsrc = len(r.Sources)
					ref(id, r.Countries...)
					ref(id, r.Signatories...)
					ref(id, r.Meeting)
				}
				if nsrc == 0 {
					add(ProblemNoSource, id, "no sources")
				}
				return true, nil
			})
			if err != nil {
				return err
			}
		}
		for _, r := range refs {
			if KindOf(r.to) == KindCountry {
				if g.byCode[r.to] == nil {
					add(ProblemEndpoint, r.from, "country %q is not a known country or organisation", r.to)
				}
			} else if !records[r.to] {
				add(ProblemEndpoint, r.from, "refers to %q, which does not exist", r.to)
			}
		}

		// Contributions whose record is gone; articles listing records they
		// did not contribute to.
		err = tx.Scan(ctx, []byte(pContrib), nil, func(k, _ []byte) (bool, error) {
			parts := splitKey(k, pContrib)
			if len(parts) == 3 && !records[parts[0]] {
				add(ProblemContrib, parts[0], "contribution from article %q to a record that does not exist", parts[1])
			}
			return true, nil
		})
		if err != nil {
			return err
		}
		if err := checkCorrections(ctx, tx, records, add); err != nil {
			return err
		}
		ids := make([]string, 0, len(articles))
		for id := range articles {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			a := articles[id]
			for _, rid := range append(append(append(append([]string{}, a.Officials...), a.Ministries...), a.Meetings...), a.Agreements...) {
				found := false
				err := tx.Scan(ctx, keyDir(pContrib, rid, id), nil, func(_, _ []byte) (bool, error) {
					found = true
					return false, nil
				})
				if err != nil {
					return err
				}
				if !found {
					add(ProblemArticle, id, "lists %q, which has no contribution from it", rid)
				}
			}
		}

		// Indexes: exactly the expected entries. Compared by 64-bit hashes
		// of key and value, so that memory is 8 bytes per entry; the keys of
		// missing entries are found by a second walk, only when some are.
		slices.Sort(expected)
		seen := make([]bool, len(expected))
		for _, prefix := range indexPrefixes {
			err := tx.Scan(ctx, []byte(prefix), nil, func(k, v []byte) (bool, error) {
				i, ok := slices.BinarySearch(expected, entryHash(string(k), string(v)))
				if !ok {
					add(ProblemIndex, printable(k), "entry no record implies, or a wrong value %q", printable(v))
					return true, nil
				}
				seen[i] = true
				return true, nil
			})
			if err != nil {
				return err
			}
		}
		if slices.Contains(seen, false) {
			var missing []string
			err := recordEntries(ctx, tx, func(k, v string) {
				if i, ok := slices.BinarySearch(expected, entryHash(k, v)); ok && !seen[i] {
					missing = append(missing, k)
				}
			})
			if err != nil {
				return err
			}
			sort.Strings(missing)
			for _, k := range missing {
				add(ProblemIndex, printable([]byte(k)), "missing entry")
			}
		}

		for _, kind := range []string{KindMinistry, KindOfficial, KindMeeting, KindAgreement, KindArticle} {
			n, err := readCount(tx, kind)
			if err != nil {
				add(ProblemCount, kind, "%v", err)
				continue
			}
			if n != counts[kind] {
				add(ProblemCount, kind, "stored count %d, records %d", n, counts[kind])
			}
		}
		return nil
	})
	return ps, err
}

// entryHash is the FNV-1a hash of an index entry's key and value.
func entryHash(k, v string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(k))
	h.Write([]byte{0xff})
	h.Write([]byte(v))
	return h.Sum64()
}

// recordEntries calls fn with every index entry the stored records imply.
func recordEntries(ctx context.Context, tx ReadTx, fn func(k, v string)) error {
	for _, prefix := range []string{pMinistry, pOfficial, pMeeting, pAgreement} {
		err := tx.Scan(ctx, []byte(prefix), nil, func(k, _ []byte) (bool, error) {
			id := string(k[len(prefix):])
			var cs []contribution
			err := tx.Scan(ctx, keyDir(pContrib, id), nil, func(ck, cv []byte) (bool, error) {
				c, err := decodeContribution(id, ck, cv)
				if err == nil {
					cs = append(cs, c)
				}
				return true, nil
			})
			if err != nil || len(cs) == 0 {
				return err == nil, err
			}
			sortContributions(cs)
			pub, err := correctRecord(tx.Get, derive(id, cs))
			if err != nil {
				return false, err
			}
			for ek, ev := range indexEntries(pub, cs) {
				fn(ek, ev)
			}
			return true, nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func articleLists(a *articleRec, id string) bool {
	var list []string
	switch KindOf(id) {
	case KindOfficial:
		list = a.Officials
	case KindMinistry:
		list = a.Ministries
	case KindMeeting:
		list = a.Meetings
	case KindAgreement:
		list = a.Agreements
	}
	i := sort.SearchStrings(list, id)
	return i < len(list) && list[i] == id
}

// printable shows a key with its NUL separators as "␀".
func printable(k []byte) string { return strings.ReplaceAll(string(k), sep, "␀") }
