package graph

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"sort"
	"strings"
)

// Export writes the whole graph as one JSON object with the arrays
// "ministries", "officials", "meetings", "agreements" and "articles", each
// sorted by id, one record per line, every record in its public form with its
// sources. The same graph always gives the same bytes, so exports can be
// diffed; countries are not included (they are the seed New was given).
// Then come the sections Import needs to rebuild the graph (contributions,
// corrections, article state: see import.go), which other tools may ignore.
func (g *Graph) Export(ctx context.Context, w io.Writer) error {
	return g.export(ctx, w, false)
}

// ExportCanonical is Export with every official, meeting and agreement id
// replaced by one derived from the contributions it was built from (which
// articles, which mentions), and every reference rewritten. Two graphs built
// from the same articles in different orders, whose ids may differ because
// ids are chosen when a record is first created, give the same bytes.
func (g *Graph) ExportCanonical(ctx context.Context, w io.Writer) error {
	return g.export(ctx, w, true)
}

type exportSet struct {
	Ministries []*Ministry
	Officials  []*Official
	Meetings   []*Meeting
	Agreements []*Agreement
	Articles   []*Article
}

func (g *Graph) export(ctx context.Context, w io.Writer, canonical bool) error {
	var x exportSet
	rename := map[string]string{}
	err := g.s.View(ctx, func(tx ReadTx) error {
		x = exportSet{}
		scan := func(prefix string, fn func(id string, v []byte) error) error {
			return tx.Scan(ctx, []byte(prefix), nil, func(k, v []byte) (bool, error) {
				return true, fn(string(k[len(prefix):]), v)
			})
		}
		canon := func(id string) error {
			if !canonical {
				return nil
			}
			var ks []string
			err := tx.Scan(ctx, keyDir(pContrib, id), nil, func(k, _ []byte) (bool, error) {
				ks = append(ks, string(k[len(pContrib)+len(id)+1:]))
				return true, nil
			})
			rename[id] = id[:strings.Index(id, ":")+1] + shortHash(ks...)
			return err
		}
		if err := scan(pMinistry, func(id string, v []byte) error {
			m := new(Ministry)
			x.Ministries = append(x.Ministries, m)
			return decodeRecord(ctx, tx, id, v, m)
		}); err != nil {
			return err
		}
		if err := scan(pOfficial, func(id string, v []byte) error {
			o := new(Official)
			x.Officials = append(x.Officials, o)
			if err := decodeRecord(ctx, tx, id, v, o); err != nil {
				return err
			}
			return canon(id)
		}); err != nil {
			return err
		}
		if err := scan(pMeeting, func(id string, v []byte) error {
			m := new(Meeting)
			x.Meetings = append(x.Meetings, m)
			if err := decodeRecord(ctx, tx, id, v, m); err != nil {
				return err
			}
			return canon(id)
		}); err != nil {
			return err
		}
		if err := scan(pAgreement, func(id string, v []byte) error {
			a := new(Agreement)
			x.Agreements = append(x.Agreements, a)
			if err := decodeRecord(ctx, tx, id, v, a); err != nil {
				return err
			}
			return canon(id)
		}); err != nil {
			return err
		}
		err := scan(pArticle, func(id string, v []byte) error {
			var a articleRec
			if err := decode(v, &a); err != nil {
				return err
			}
			x.Articles = append(x.Articles, &a.Article)
			return nil
		})
		if err != nil || canonical {
			return err
		}
		// Written in the snapshot: the state sections stream from it.
		return x.write(ctx, w, tx)
	})
	if err != nil || !canonical {
		return err
	}
	x.rename(rename)
	return x.write(ctx, w, nil)
}

// write writes the export; with tx, the sections Import needs follow, read
// from it (import.go).
func (x *exportSet) write(ctx context.Context, w io.Writer, tx ReadTx) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("{")
	section := func(name string, n int, item func(i int) any, first bool) {
		if !first {
			bw.WriteString(",")
		}
		bw.WriteString("\n\"" + name + "\": [")
		for i := 0; i < n; i++ {
			if i > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n")
			b, _ := json.Marshal(item(i))
			bw.Write(b)
		}
		bw.WriteString("\n]")
	}
	section("ministries", len(x.Ministries), func(i int) any { return x.Ministries[i] }, true)
	section("officials", len(x.Officials), func(i int) any { return x.Officials[i] }, false)
	section("meetings", len(x.Meetings), func(i int) any { return x.Meetings[i] }, false)
	section("agreements", len(x.Agreements), func(i int) any { return x.Agreements[i] }, false)
	section("articles", len(x.Articles), func(i int) any { return x.Articles[i] }, false)
	if tx != nil {
		if err := writeExportState(ctx, tx, bw); err != nil {
			return err
		}
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// rename rewrites ids and references, then sorts everything again.
func (x *exportSet) rename(m map[string]string) {
	re := func(id string) string {
		if n, ok := m[id]; ok {
			return n
		}
		return id
	}
	all := func(ids []string) []string {
		for i := range ids {
			ids[i] = re(ids[i])
		}
		sort.Strings(ids)
		return ids
	}
	for _, o := range x.Officials {
		o.ID = re(o.ID)
	}
	for _, e := range x.Meetings {
		e.ID = re(e.ID)
		all(e.Participants)
		all(e.Agreements)
	}
	for _, a := range x.Agreements {
		a.ID = re(a.ID)
		a.Meeting = re(a.Meeting)
		all(a.Signatories)
	}
	for _, a := range x.Articles {
		all(a.Officials)
		all(a.Meetings)
		all(a.Agreements)
	}
	sort.Slice(x.Officials, func(i, j int) bool { return x.Officials[i].ID < x.Officials[j].ID })
	sort.Slice(x.Meetings, func(i, j int) bool { return x.Meetings[i].ID < x.Meetings[j].ID })
	sort.Slice(x.Agreements, func(i, j int) bool { return x.Agreements[i].ID < x.Agreements[j].ID })
}
