package graph

// Import, and the state sections Export writes for it.
//
// Export's public sections (ministries, officials, meetings, agreements,
// articles) are what other tools read, but they are derived: a record is a
// function of its per-article contributions, and those are not in the public
// form (a record keeps at most MaxRecordSources sources; which article said
// which name, title or date is gone). So Export (not ExportCanonical) appends
// five more top-level arrays, which tools that do not know them ignore:
//
//	"articleState"     {id, ministries, pending}: the fields of an article a
//	                   Reader does not show (only articles that have some)
//	"pending"          {pending, article, contribution}: a title-only mention
//	                   waiting for a known holder of the office (pending is
//	                   the entry of the article's pending list, the
//	                   contribution the article's, as Apply keeps them)
//	"corrections"      the analysts' corrections log (as Corrections lists it)
//	"correctionState"  {kind, official, article, to, name}: what the
//	                   corrections left in force (kind merge, pin, name, origin)
//	"contributions"    {record, article, seq, mention}: every contribution,
//	                   sorted by record, article, seq; mention is the stored
//	                   body (compact field names: internal, versioned with
//	                   the binary, not meant for other tools)
//
// Import reads that back into an empty store: it writes the articles, the
// content-hash index, the pending mentions, the corrections and the
// contributions as they were, then derives every record and its index
// entries with the graph's own code (derive, correctRecord, indexEntries),
// and checks each derived record against the exported one (ImportOptions
// Rederive accepts differences: an export from a version with other rules).
// Export of the imported graph gives the same bytes, and the store holds the
// same keys. Sections may come in any order; contributions must be sorted.
//
// Import refuses a store that is not empty rather than merging by id: ids are
// chosen when a record is first created, so the same id in two graphs need not
// be the same official or meeting. To merge graphs, load their articles.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sections Export writes after the public ones, in this order.
const (
	secArticleState    = "articleState"
	secPending         = "pending"
	secCorrections     = "corrections"
	secCorrectionState = "correctionState"
	secContributions   = "contributions"
)

// Kinds of correctionState entries.
const (
	corrKindMerge  = "merge"  // a mention resolved to official goes to to
	corrKindPin    = "pin"    // in article, a mention resolved to official goes to to
	corrKindName   = "name"   // official's display name is name
	corrKindOrigin = "origin" // official was split from to
)

type articleStateItem struct {
	ID         string   `json:"id"`
	Ministries []string `json:"ministries,omitempty"`
	Pending    []string `json:"pending,omitempty"`
}

type pendingItem struct {
	Pending      string          `json:"pending"`
	Article      string          `json:"article"`
	Contribution json.RawMessage `json:"contribution"`
}

type corrStateItem struct {
	Kind     string `json:"kind"`
	Official string `json:"official"`
	Article  string `json:"article,omitempty"`
	To       string `json:"to,omitempty"`
	Name     string `json:"name,omitempty"`
}

type contribItem struct {
	Record  string          `json:"record"`
	Article string          `json:"article"`
	Seq     int             `json:"seq"`
	Mention json.RawMessage `json:"mention"`
}

// writeExportState writes the state sections, each element as it is read
// from the snapshot (so Export does not hold the contributions in memory),
// formatted as Export formats the public ones.
func writeExportState(ctx context.Context, tx ReadTx, bw *bufio.Writer) error {
	section := func(name string, fill func(emit func(v any) error) error) error {
		bw.WriteString(",\n\"" + name + "\": [")
		n := 0
		err := fill(func(v any) error {
			// Stored values are copied verbatim (RawMessage): one that is not
			// JSON fails here rather than corrupting the export.
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			if n > 0 {
				bw.WriteString(",")
			}
			n++
			bw.WriteString("\n")
			_, err = bw.Write(b)
			return err
		})
		bw.WriteString("\n]")
		return err
	}
	scan := func(prefix string, fn func(k, v []byte) error) error {
		return tx.Scan(ctx, []byte(prefix), nil, func(k, v []byte) (bool, error) {
			return true, fn(k, v)
		})
	}
	err := section(secArticleState, func(emit func(any) error) error {
		return scan(pArticle, func(k, v []byte) error {
			var a articleRec
			if err := decode(v, &a); err != nil {
				return fmt.Errorf("article %q: %w", k[len(pArticle):], err)
			}
			if len(a.Ministries) > 0 || len(a.Pending) > 0 {
				return emit(&articleStateItem{ID: a.ID, Ministries: a.Ministries, Pending: a.Pending})
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	err = section(secPending, func(emit func(any) error) error {
		return scan(pPending, func(k, v []byte) error {
			// The key is the article's pending entry, then its id.
			i := bytes.LastIndexByte(k, 0)
			if i < len(pPending) {
				return fmt.Errorf("graph: malformed pending key %q", printable(k))
			}
			err := emit(&pendingItem{Pending: string(k[len(pPending):i]), Article: string(k[i+1:]), Contribution: v})
			if err != nil {
				return fmt.Errorf("pending %q: %w", printable(k), err)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	err = section(secCorrections, func(emit func(any) error) error {
		return scan(pCorrLog, func(k, v []byte) error {
			if err := emit(json.RawMessage(v)); err != nil {
				return fmt.Errorf("correction %q: %w", printable(k), err)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	err = section(secCorrectionState, func(emit func(any) error) error {
		for _, p := range []struct{ prefix, kind string }{
			{pCorrMerge, corrKindMerge}, {pCorrPin, corrKindPin}, {pCorrName, corrKindName}, {pCorrFrom, corrKindOrigin},
		} {
			err := scan(p.prefix, func(k, v []byte) error {
				parts := splitKey(k, p.prefix)
				it := corrStateItem{Kind: p.kind, Official: parts[0], To: string(v)}
				switch p.kind {
				case corrKindPin:
					if len(parts) != 2 {
						return fmt.Errorf("graph: malformed split pin %q", printable(k))
					}
					it.Article, it.Official = parts[0], parts[1]
				case corrKindName:
					it.To, it.Name = "", string(v)
				}
				return emit(&it)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return section(secContributions, func(emit func(any) error) error {
		return scan(pContrib, func(k, v []byte) error {
			parts := splitKey(k, pContrib)
			if len(parts) != 3 {
				return fmt.Errorf("graph: malformed contribution key %q", printable(k))
			}
			seq, err := strconv.Atoi(parts[2])
			if err != nil {
				return fmt.Errorf("graph: malformed contribution key %q", printable(k))
			}
			if err := emit(&contribItem{Record: parts[0], Article: parts[1], Seq: seq, Mention: v}); err != nil {
				return fmt.Errorf("contribution %q: %w", printable(k), err)
			}
			return nil
		})
	})
}

// ImportResult reports one Import.
type ImportResult struct {
	Ministries    int `json:"ministries"`
	Officials     int `json:"officials"`
	Meetings      int `json:"meetings"`
	Agreements    int `json:"agreements"`
	Articles      int `json:"articles"`
	Contributions int `json:"contributions"`
	Corrections   int `json:"corrections"`
	Transactions  int `json:"transactions"` // store transactions committed
	// Rederived counts the records whose exported form differed from what
	// their contributions derive, and which were derived anew
	// (ImportOptions.Rederive).
	Rederived int `json:"rederived"`
}

// ImportOptions adjust Import.
type ImportOptions struct {
	// Rederive accepts exported records that differ from what their
	// contributions derive, and keeps the derived form: for an export
	// written by a version of diplograph whose derivation rules differ. The
	// contributions, articles and corrections are still imported as they
	// are. Without it such a record is an error (an edited export).
	Rederive bool
}

// ErrNotEmpty is returned by Import for a store that already holds data.
var ErrNotEmpty = errors.New("graph: import needs an empty store")

// Import reads a graph written by Export and rebuilds it in this Graph's
// store, which must be empty (ErrNotEmpty otherwise). It streams: memory
// holds the ids, the references between records, a digest of each exported
// record, and the contributions of one batch of records, not the file.
//
// The input is checked: unknown sections or fields, records of the wrong
// kind, duplicates, references to records, articles or countries that do not
// exist, contributions and articles that disagree, and exported records that
// differ from what their contributions derive are errors that name the
// section, the element and the record. An export without contributions
// (ExportCanonical's, or a tool's) cannot be rebuilt losslessly and is
// refused.
//
// Writes go in batched transactions (split further when the store says
// ErrTooBig), so a failed Import leaves part of the graph behind: import
// again into a new, empty store. Writers wait for Import (it holds the
// writer lock); readers may see the graph part-built until it returns.
func (g *Graph) Import(ctx context.Context, r io.Reader) (ImportResult, error) {
	return g.ImportWith(ctx, r, ImportOptions{})
}

// ImportWith is Import with options.
func (g *Graph) ImportWith(ctx context.Context, r io.Reader, o ImportOptions) (ImportResult, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	// Whatever the graph knew of its store is void once Import writes.
	defer func() {
		clear(g.cache)
		clear(g.sums)
		g.cachedBytes = 0
		g.corr = corrUnknown
		g.pendMins = nil
		g.res = nil
	}()
	var res ImportResult
	err := g.s.View(ctx, func(tx ReadTx) error {
		return tx.Scan(ctx, nil, nil, func(k, _ []byte) (bool, error) {
			return false, fmt.Errorf("%w: it holds %q", ErrNotEmpty, printable(k))
		})
	})
	if err != nil {
		return res, err
	}
	im := &importer{ctx: ctx, g: g, b: &batch{ctx: ctx, s: g.s, idx: map[string]int{}},
		digests: map[string][sha256.Size]byte{}, articles: map[string]bool{}, hashes: map[string]string{},
		extras: map[string]*articleStateItem{}, contributed: map[string]bool{}, contribArticles: map[string]string{},
		pendingKeys: map[string]bool{}, corrSeqs: map[int]bool{}, res: &res, opts: o}
	err = im.read(r)
	if err == nil {
		err = im.derive()
	}
	res.Transactions = im.b.txs
	if err != nil {
		return res, fmt.Errorf("graph: import: %w", err)
	}
	return res, nil
}

// importer is the state of one Import.
type importer struct {
	ctx  context.Context
	g    *Graph
	b    *batch
	res  *ImportResult
	opts ImportOptions

	digests         map[string][sha256.Size]byte // record id → digest of its exported form
	refs            []importRef                  // references to check once every section is read
	articles        map[string]bool              // article ids
	hashes          map[string]string            // content hash → article id
	extras          map[string]*articleStateItem // articleState entries whose article has not come yet
	contributed     map[string]bool              // records with a contribution
	contribArticles map[string]string            // article of a contribution → first record it fed (for the error)
	pendingKeys     map[string]bool              // pending␀article of pending entries
	pendingOf       []articleStateItem           // articles with pending mentions, to check their entries
	corrSeqs        map[int]bool
	sawContribs     bool
	pairs           int // distinct (record, article) pairs of contributions
	lastContrib     []byte
}

// importRef is a reference from an element to a record or country.
type importRef struct {
	where string // "meetings[3] (meeting:abc)"
	to    string
}

// read is the first pass: it streams the file, checks each element and
// writes everything that is not derived.
func (im *importer) read(r io.Reader) error {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	dec.DisallowUnknownFields()
	if err := expectDelim(dec, '{', "the export"); err != nil {
		return err
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return syntaxErr(dec, "a section name", err)
		}
		name, _ := tok.(string)
		if seen[name] {
			return fmt.Errorf("section %q appears twice", name)
		}
		seen[name] = true
		handle := im.section(name)
		if handle == nil {
			return fmt.Errorf("unknown section %q (written by a newer diplograph?)", name)
		}
		if err := expectDelim(dec, '[', "section "+strconv.Quote(name)); err != nil {
			return err
		}
		for i := 0; dec.More(); i++ {
			if err := im.ctx.Err(); err != nil {
				return err
			}
			where := fmt.Sprintf("%s[%d]", name, i)
			if err := handle(dec, where); err != nil {
				return err
			}
		}
		if err := expectDelim(dec, ']', "the end of section "+strconv.Quote(name)); err != nil {
			return err
		}
	}
	if err := expectDelim(dec, '}', "the end of the export"); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("offset %d: data after the export", dec.InputOffset())
	}
	if !im.sawContribs && (len(im.digests) > 0 || len(im.articles) > 0) {
		return errors.New(`no "contributions" section: the export was written by ExportCanonical, an older diplograph or another tool, and the graph cannot be rebuilt from public records alone`)
	}
	return im.crossCheck()
}

func expectDelim(dec *json.Decoder, d json.Delim, what string) error {
	tok, err := dec.Token()
	if err != nil {
		return syntaxErr(dec, fmt.Sprintf("%q opening %s", d, what), err)
	}
	if tok != d {
		return fmt.Errorf("offset %d: want %q for %s, got %v", dec.InputOffset(), d, what, tok)
	}
	return nil
}

func syntaxErr(dec *json.Decoder, want string, err error) error {
	if err == io.EOF {
		return fmt.Errorf("offset %d: unexpected end of input, want %s", dec.InputOffset(), want)
	}
	return fmt.Errorf("offset %d: want %s: %w", dec.InputOffset(), want, err)
}

// elementErr names the element and, when known, its record.
func elementErr(where, id, format string, args ...any) error {
	if id != "" {
		where += " (" + id + ")"
	}
	return fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...))
}

// decodeElement decodes the next array element into v.
func decodeElement(dec *json.Decoder, where string, v any) error {
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: offset %d: %w", where, dec.InputOffset(), err)
	}
	return nil
}

// section returns the handler of one element of a section, nil for an
// unknown section.
func (im *importer) section(name string) func(dec *json.Decoder, where string) error {
	switch name {
	case "ministries":
		return func(dec *json.Decoder, where string) error {
			var m Ministry
			if err := decodeElement(dec, where, &m); err != nil {
				return err
			}
			if err := im.record(where, m.ID, KindMinistry, &m); err != nil {
				return err
			}
			if want := MinistryID(m.Country, m.Portfolio); m.ID != want {
				return elementErr(where, m.ID, "id is not that of its country and portfolio (%q)", want)
			}
			im.ref(where, m.ID, m.Country)
			return nil
		}
	case "officials":
		return func(dec *json.Decoder, where string) error {
			var o Official
			if err := decodeElement(dec, where, &o); err != nil {
				return err
			}
			if err := im.record(where, o.ID, KindOfficial, &o); err != nil {
				return err
			}
			im.ref(where, o.ID, o.Country)
			for _, r := range o.Roles {
				im.ref(where, o.ID, r.Country, r.Ministry)
			}
			return nil
		}
	case "meetings":
		return func(dec *json.Decoder, where string) error {
			var m Meeting
			if err := decodeElement(dec, where, &m); err != nil {
				return err
			}
			if err := im.record(where, m.ID, KindMeeting, &m); err != nil {
				return err
			}
			im.ref(where, m.ID, m.Countries...)
			im.ref(where, m.ID, m.Participants...)
			im.ref(where, m.ID, m.Agreements...)
			im.ref(where, m.ID, m.Host)
			return nil
		}
	case "agreements":
		return func(dec *json.Decoder, where string) error {
			var a Agreement
			if err := decodeElement(dec, where, &a); err != nil {
				return err
			}
			if err := im.record(where, a.ID, KindAgreement, &a); err != nil {
				return err
			}
			im.ref(where, a.ID, a.Countries...)
			im.ref(where, a.ID, a.Signatories...)
			im.ref(where, a.ID, a.Meeting)
			return nil
		}
	case "articles":
		return im.article
	case secArticleState:
		return func(dec *json.Decoder, where string) error {
			var s articleStateItem
			if err := decodeElement(dec, where, &s); err != nil {
				return err
			}
			if !im.articles[s.ID] {
				if im.extras[s.ID] != nil {
					return elementErr(where, s.ID, "second state of the article")
				}
				im.extras[s.ID] = &s
				return nil
			}
			return im.articleState(where, &s)
		}
	case secPending:
		return im.pending
	case secCorrections:
		return im.correction
	case secCorrectionState:
		return im.correctionState
	case secContributions:
		im.sawContribs = true
		return im.contribution
	}
	return nil
}

// validID rejects what Apply would never have written as an id.
func validID(id string) error {
	switch {
	case id == "":
		return errors.New("empty id")
	case strings.Contains(id, sep):
		return errors.New("id contains a NUL byte")
	}
	return nil
}

// record checks one exported record and keeps its digest; the record itself
// is derived again from the contributions.
func (im *importer) record(where, id, kind string, pub any) error {
	if err := validID(id); err != nil {
		return elementErr(where, "", "%v", err)
	}
	if got := KindOf(id); got != kind {
		return elementErr(where, id, "id of kind %s in the %ss", got, kind)
	}
	if _, dup := im.digests[id]; dup {
		return elementErr(where, id, "duplicate id")
	}
	im.digests[id] = digest(pub)
	return nil
}

// digest identifies a record's whole public form (as Export writes it; the
// stored form, encode, may leave parts out).
func digest(pub any) [sha256.Size]byte {
	b, err := json.Marshal(pub)
	if err != nil {
		panic(fmt.Sprintf("graph: import: marshal %T: %v", pub, err)) // plain structs: cannot fail
	}
	return sha256.Sum256(b)
}

// ref notes references from an element; those not yet satisfied (a record
// in a later section, or an error) are checked once every section is read.
func (im *importer) ref(where, from string, to ...string) {
	w := ""
	for _, t := range to {
		if t == "" {
			continue
		}
		if KindOf(t) == KindCountry {
			if im.g.byCode[t] != nil {
				continue
			}
		} else if _, ok := im.digests[t]; ok {
			continue
		}
		if w == "" {
			w = where + " (" + from + ")"
		}
		im.refs = append(im.refs, importRef{w, t})
	}
}

func (im *importer) article(dec *json.Decoder, where string) error {
	var a Article
	if err := decodeElement(dec, where, &a); err != nil {
		return err
	}
	if err := validID(a.ID); err != nil {
		return elementErr(where, "", "%v", err)
	}
	if im.articles[a.ID] {
		return elementErr(where, a.ID, "duplicate article id")
	}
	if a.Hash == "" {
		return elementErr(where, a.ID, "no content hash")
	}
	if other, dup := im.hashes[a.Hash]; dup {
		return elementErr(where, a.ID, "same content hash as article %q", other)
	}
	im.articles[a.ID] = true
	im.hashes[a.Hash] = a.ID
	im.ref(where, a.ID, a.Officials...)
	im.ref(where, a.ID, a.Meetings...)
	im.ref(where, a.ID, a.Agreements...)
	rec := articleRec{Article: a}
	if s := im.extras[a.ID]; s != nil {
		delete(im.extras, a.ID)
		rec.Ministries, rec.Pending = s.Ministries, s.Pending
		im.notePending(&rec)
		im.ref(where, a.ID, s.Ministries...)
	}
	im.res.Articles++
	if err := im.b.put(key(pArticle, a.ID), encode(&rec)); err != nil {
		return err
	}
	return im.b.put(key(pHash, a.Hash), []byte(a.ID))
}

// articleState adds the state of an article already written.
func (im *importer) articleState(where string, s *articleStateItem) error {
	v, err := im.b.get(key(pArticle, s.ID))
	if err != nil {
		return elementErr(where, s.ID, "article: %v", err)
	}
	var rec articleRec
	if err := decode(v, &rec); err != nil {
		return err
	}
	if len(rec.Ministries) > 0 || len(rec.Pending) > 0 {
		return elementErr(where, s.ID, "second state of the article")
	}
	rec.Ministries, rec.Pending = s.Ministries, s.Pending
	im.notePending(&rec)
	im.ref(where, s.ID, s.Ministries...)
	return im.b.put(key(pArticle, s.ID), encode(&rec))
}

func (im *importer) notePending(rec *articleRec) {
	if len(rec.Pending) > 0 {
		im.pendingOf = append(im.pendingOf, articleStateItem{ID: rec.ID, Pending: rec.Pending})
	}
}

func (im *importer) pending(dec *json.Decoder, where string) error {
	var p pendingItem
	if err := decodeElement(dec, where, &p); err != nil {
		return err
	}
	if err := validID(p.Article); err != nil {
		return elementErr(where, "", "article: %v", err)
	}
	if !strings.HasPrefix(p.Pending, idMinistry) {
		return elementErr(where, p.Article, "pending on %q, not on a ministry", printable([]byte(p.Pending)))
	}
	k := p.Pending + sep + p.Article
	if im.pendingKeys[k] {
		return elementErr(where, p.Article, "duplicate pending entry for %q", printable([]byte(p.Pending)))
	}
	im.pendingKeys[k] = true
	var c Contribution
	d := json.NewDecoder(bytes.NewReader(p.Contribution))
	d.DisallowUnknownFields()
	if err := d.Decode(&c); err != nil {
		return elementErr(where, p.Article, "contribution: %v", err)
	}
	if c.Article.ID != p.Article {
		return elementErr(where, p.Article, "contribution of article %q", c.Article.ID)
	}
	return im.b.put(key(pPending, p.Pending, p.Article), encode(&c))
}

func (im *importer) correction(dec *json.Decoder, where string) error {
	var c Correction
	if err := decodeElement(dec, where, &c); err != nil {
		return err
	}
	switch c.Kind {
	case CorrectionMerge, CorrectionSplit, CorrectionRename:
	default:
		return elementErr(where, c.Official, "unknown correction kind %q", c.Kind)
	}
	if c.Seq < 1 || im.corrSeqs[c.Seq] {
		return elementErr(where, c.Official, "sequence number %d: not positive, or a duplicate", c.Seq)
	}
	im.corrSeqs[c.Seq] = true
	im.res.Corrections++
	return im.b.put(key(pCorrLog, fmt.Sprintf("%08d", c.Seq)), encode(&c))
}

// correctionState writes what the corrections left in force. The officials
// they name may be gone (a merge redirect names one merged away), so they
// are not checked against the records; Check checks what must hold.
func (im *importer) correctionState(dec *json.Decoder, where string) error {
	var c corrStateItem
	if err := decodeElement(dec, where, &c); err != nil {
		return err
	}
	if KindOf(c.Official) != KindOfficial || validID(c.Official) != nil {
		return elementErr(where, c.Official, "not an official id")
	}
	needTo := func() error {
		if KindOf(c.To) != KindOfficial || validID(c.To) != nil {
			return elementErr(where, c.Official, "%s to %q: not an official id", c.Kind, c.To)
		}
		return nil
	}
	var k []byte
	v := []byte(c.To)
	switch c.Kind {
	case corrKindMerge:
		k = key(pCorrMerge, c.Official)
	case corrKindOrigin:
		k = key(pCorrFrom, c.Official)
	case corrKindPin:
		if err := validID(c.Article); err != nil {
			return elementErr(where, c.Official, "pin article: %v", err)
		}
		k = key(pCorrPin, c.Article, c.Official)
	case corrKindName:
		if strings.TrimSpace(c.Name) == "" {
			return elementErr(where, c.Official, "empty name")
		}
		k, v = key(pCorrName, c.Official), []byte(c.Name)
	default:
		return elementErr(where, c.Official, "unknown correction state kind %q", c.Kind)
	}
	if c.Kind != corrKindName {
		if err := needTo(); err != nil {
			return err
		}
	}
	if _, err := im.b.get(k); err == nil {
		return elementErr(where, c.Official, "duplicate %s entry", c.Kind)
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	return im.b.put(k, v)
}

func (im *importer) contribution(dec *json.Decoder, where string) error {
	var c contribItem
	if err := decodeElement(dec, where, &c); err != nil {
		return err
	}
	if err := validID(c.Record); err != nil {
		return elementErr(where, "", "record: %v", err)
	}
	if err := validID(c.Article); err != nil {
		return elementErr(where, c.Record, "article: %v", err)
	}
	if recordPrefix(c.Record) == "" {
		return elementErr(where, c.Record, "not the id of a ministry, official, meeting or agreement")
	}
	if c.Seq < 0 || c.Seq > 99999 {
		return elementErr(where, c.Record, "seq %d out of range", c.Seq)
	}
	k := contribKey(c.Record, c.Article, c.Seq)
	if bytes.Compare(k, im.lastContrib) <= 0 {
		return elementErr(where, c.Record, "not sorted by record, article, seq after %q, or a duplicate", printable(im.lastContrib))
	}
	im.lastContrib = k
	x, err := decodeContribution(c.Record, k, c.Mention)
	if err != nil {
		return elementErr(where, c.Record, "mention: %v", err)
	}
	// decodeContribution is lenient; an unknown field here is data the
	// graph would drop.
	d := json.NewDecoder(bytes.NewReader(c.Mention))
	d.DisallowUnknownFields()
	if err := d.Decode(x.body()); err != nil {
		return elementErr(where, c.Record, "mention: %v", err)
	}
	im.contributed[c.Record] = true
	if _, ok := im.contribArticles[c.Article]; !ok {
		im.contribArticles[c.Article] = c.Record
	}
	im.res.Contributions++
	return im.b.put(k, encode(x.body()))
}

// crossCheck runs the checks that need every section: references, records
// without contributions and contributions without records, articles.
func (im *importer) crossCheck() error {
	for _, r := range im.refs {
		if KindOf(r.to) == KindCountry {
			if im.g.byCode[r.to] == nil {
				return fmt.Errorf("%s: country %q is not a known country or organisation", r.where, r.to)
			}
			continue
		}
		if _, ok := im.digests[r.to]; !ok {
			return fmt.Errorf("%s: refers to %q, which is not in the export", r.where, r.to)
		}
	}
	im.refs = nil
	for _, id := range sortedKeys(im.digests) {
		if !im.contributed[id] {
			return fmt.Errorf("%s: record has no contributions", id)
		}
	}
	for _, id := range sortedKeys(im.contributed) {
		if _, ok := im.digests[id]; !ok {
			return fmt.Errorf("contributions: record %q is not in the export", id)
		}
	}
	for _, a := range sortedKeys(im.contribArticles) {
		if !im.articles[a] {
			return fmt.Errorf("contributions: record %q: article %q is not in the export", im.contribArticles[a], a)
		}
	}
	for _, id := range sortedKeys(im.extras) {
		return fmt.Errorf("%s: article %q is not in the export", secArticleState, id)
	}
	for _, a := range im.pendingOf {
		for _, m := range a.Pending {
			if !im.pendingKeys[m+sep+a.ID] {
				return fmt.Errorf("articles (%s): pending on %q without its pending entry", a.ID, printable([]byte(m)))
			}
			delete(im.pendingKeys, m+sep+a.ID)
		}
	}
	for _, k := range sortedKeys(im.pendingKeys) {
		i := strings.LastIndex(k, sep)
		return fmt.Errorf("%s (%s): entry for %q, which the article does not list as pending", secPending, k[i+1:], printable([]byte(k[:i])))
	}
	return im.b.flush()
}

// deriveChunk is how many contributions the second pass reads at a time
// (at least one whole record).
const deriveChunk = 4096

// derive is the second pass: it reads the contributions back record by
// record, derives each record and its index entries, checks the record
// against the exported one and each contributing article against the
// records it lists, and writes the counts.
func (im *importer) derive() error {
	counts := map[string]int{}
	var after []byte
	for {
		var (
			id   string
			cs   []contribution
			done = true
		)
		im.b.hold = true
		err := im.g.s.View(im.ctx, func(tx ReadTx) error {
			finish := func() error {
				if id == "" {
					return nil
				}
				sortContributions(cs)
				for i := range cs {
					if i == 0 || cs[i-1].Article != cs[i].Article {
						im.pairs++
					}
				}
				pub, err := correctRecord(tx.Get, derive(id, cs))
				if err != nil {
					return err
				}
				if digest(pub) != im.digests[id] {
					if im.opts.Rederive {
						im.res.Rederived++
						if err := im.derivedRefs(pub); err != nil {
							return err
						}
					} else {
						return fmt.Errorf("%ss (%s): the exported record differs from what its contributions derive (edited, or written by another version of diplograph: see ImportOptions.Rederive)", KindOf(id), id)
					}
				}
				counts[KindOf(id)]++
				if err := im.b.put(key(recordPrefix(id), id), encode(pub)); err != nil {
					return err
				}
				ix := indexEntries(pub, cs)
				for _, k := range sortedKeys(ix) {
					if err := im.b.put([]byte(k), []byte(ix[k])); err != nil {
						return err
					}
				}
				id, cs = "", nil
				return nil
			}
			n := 0
			err := tx.Scan(im.ctx, []byte(pContrib), after, func(k, v []byte) (bool, error) {
				parts := splitKey(k, pContrib)
				if parts[0] != id {
					if n >= deriveChunk {
						done = false
						return false, nil
					}
					if err := finish(); err != nil {
						return false, err
					}
					id = parts[0]
				}
				c, err := decodeContribution(id, k, v)
				if err != nil {
					return false, err
				}
				cs = append(cs, c)
				after = append(after[:0], k...)
				n++
				return true, nil
			})
			if err != nil {
				return err
			}
			return finish()
		})
		if err != nil {
			return err
		}
		// Writes go after the View (a chunk bounds them): a transaction
		// should not wait for another to commit.
		im.b.hold = false
		if err := im.b.flush(); err != nil {
			return err
		}
		if done {
			break
		}
	}
	for _, kind := range []string{KindMinistry, KindOfficial, KindMeeting, KindAgreement} {
		if err := im.checkCount(counts, kind); err != nil {
			return err
		}
	}
	counts[KindArticle] = im.res.Articles
	im.res.Ministries, im.res.Officials = counts[KindMinistry], counts[KindOfficial]
	im.res.Meetings, im.res.Agreements = counts[KindMeeting], counts[KindAgreement]
	for _, kind := range sortedKeys(counts) {
		if counts[kind] > 0 {
			if err := im.b.put(key(pCount, kind), []byte(strconv.Itoa(counts[kind]))); err != nil {
				return err
			}
		}
	}
	if err := im.checkListed(); err != nil {
		return err
	}
	return im.b.flush()
}

func (im *importer) checkCount(counts map[string]int, kind string) error {
	want := 0
	for id := range im.digests {
		if KindOf(id) == kind {
			want++
		}
	}
	if counts[kind] != want {
		return fmt.Errorf("%ss: %d in the export, %d with contributions", kind, want, counts[kind])
	}
	return nil
}

// derivedRefs checks the references of a record derived anew, which the
// exported form's checks did not cover.
func (im *importer) derivedRefs(pub any) error {
	var id string
	var to []string
	switch r := pub.(type) {
	case *Official:
		id, to = r.ID, []string{r.Country}
		for _, role := range r.Roles {
			to = append(to, role.Country, role.Ministry)
		}
	case *Ministry:
		id, to = r.ID, []string{r.Country}
	case *Meeting:
		id, to = r.ID, append(append(append([]string{r.Host}, r.Countries...), r.Participants...), r.Agreements...)
	case *Agreement:
		id, to = r.ID, append(append([]string{r.Meeting}, r.Countries...), r.Signatories...)
	}
	for _, t := range to {
		if t == "" {
			continue
		}
		if KindOf(t) == KindCountry {
			if im.g.byCode[t] == nil {
				return fmt.Errorf("%ss (%s): country %q is not a known country or organisation", KindOf(id), id, t)
			}
		} else if _, ok := im.digests[t]; !ok {
			return fmt.Errorf("%ss (%s): its contributions refer to %q, which is not in the export", KindOf(id), id, t)
		}
	}
	return nil
}

// checkListed checks that the records each article lists are those it
// contributed to: every listed record has a contribution from it, and there
// are as many listed as contributed (record, article) pairs, so none is
// missing from a list. Only when the numbers differ does it look for the
// contribution its article does not list, to name it.
func (im *importer) checkListed() error {
	listed := 0
	err := im.g.s.View(im.ctx, func(tx ReadTx) error {
		return tx.Scan(im.ctx, []byte(pArticle), nil, func(k, v []byte) (bool, error) {
			var a articleRec
			if err := decode(v, &a); err != nil {
				return false, err
			}
			for _, list := range [][]string{a.Officials, a.Ministries, a.Meetings, a.Agreements} {
				for _, rid := range list {
					found := false
					err := tx.Scan(im.ctx, keyDir(pContrib, rid, a.ID), nil, func(_, _ []byte) (bool, error) {
						found = true
						return false, nil
					})
					if err != nil {
						return false, err
					}
					if !found {
						return false, fmt.Errorf("articles (%s): lists %q, which has no contribution from it", a.ID, rid)
					}
					listed++
				}
			}
			return true, nil
		})
	})
	if err != nil || listed == im.pairs {
		return err
	}
	return im.g.s.View(im.ctx, func(tx ReadTx) error {
		var last []byte
		err := tx.Scan(im.ctx, []byte(pContrib), nil, func(k, _ []byte) (bool, error) {
			parts := splitKey(k, pContrib)
			pair := keyDir(pContrib, parts[0], parts[1])
			if bytes.Equal(pair, last) {
				return true, nil
			}
			last = pair
			v, err := tx.Get(key(pArticle, parts[1]))
			if err != nil {
				return false, fmt.Errorf("%ss (%s): contribution from article %q: %w", KindOf(parts[0]), parts[0], parts[1], err)
			}
			var a articleRec
			if err := decode(v, &a); err != nil {
				return false, err
			}
			if !articleLists(&a, parts[0]) {
				return false, fmt.Errorf("articles (%s): contributed to %q, which it does not list", parts[1], parts[0])
			}
			return true, nil
		})
		if err == nil {
			err = fmt.Errorf("articles list %d records, contributions come from %d (record, article) pairs", listed, im.pairs)
		}
		return err
	})
}

// batch collects writes and commits them in transactions of bounded size,
// halving a transaction the store finds too big.
type batch struct {
	ctx  context.Context
	s    Store
	kvs  []kv
	idx  map[string]int // key → index in kvs, for get
	size int
	txs  int
	hold bool // no commit from put: the caller is inside a View
}

type kv struct{ k, v []byte }

// Batch bounds: well under Badger's default transaction limits (~15% of a
// 64 MB memtable), so that halving is the exception.
const (
	batchBytes  = 4 << 20
	batchWrites = 20000
)

func (b *batch) put(k, v []byte) error {
	if i, ok := b.idx[string(k)]; ok {
		b.size += len(v) - len(b.kvs[i].v)
		b.kvs[i].v = v
	} else {
		b.idx[string(k)] = len(b.kvs)
		b.kvs = append(b.kvs, kv{k, v})
		b.size += len(k) + len(v)
	}
	if !b.hold && (b.size >= batchBytes || len(b.kvs) >= batchWrites) {
		return b.flush()
	}
	return nil
}

// get reads a key from the batch or, if it is not there, the store.
func (b *batch) get(k []byte) ([]byte, error) {
	if i, ok := b.idx[string(k)]; ok {
		return b.kvs[i].v, nil
	}
	var v []byte
	err := b.s.View(b.ctx, func(tx ReadTx) error {
		var err error
		v, err = tx.Get(k)
		return err
	})
	return v, err
}

func (b *batch) flush() error {
	if len(b.kvs) == 0 {
		return nil
	}
	if err := b.commit(b.kvs); err != nil {
		return err
	}
	b.kvs, b.size = b.kvs[:0], 0
	clear(b.idx)
	return nil
}

func (b *batch) commit(kvs []kv) error {
	err := b.s.Update(b.ctx, func(tx Tx) error {
		for _, x := range kvs {
			if err := tx.Put(x.k, x.v); err != nil {
				return err
			}
		}
		return nil
	})
	switch {
	case err == nil:
		b.txs++
		return nil
	case errors.Is(err, ErrTooBig) && len(kvs) > 1:
		if err := b.commit(kvs[:len(kvs)/2]); err != nil {
			return err
		}
		return b.commit(kvs[len(kvs)/2:])
	case errors.Is(err, ErrTooBig):
		return fmt.Errorf("%s: %d bytes, too big for one transaction: %w", printable(kvs[0].k), len(kvs[0].v), err)
	}
	return err
}
