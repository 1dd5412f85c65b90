package graph

// Key layout
//
// Every key is a short prefix naming the record kind or index, then
// components separated by a NUL byte (sep). Components (ids, codes, dates,
// keys) never contain NUL: Apply rejects ids that do, and the derived keys
// (NameKey, Fold) never produce one. No prefix is a prefix of another, so a
// Scan over one prefix never strays into the next. Values are JSON (see
// encode/decode below, the only place that knows it).
//
// Records (the public, derived form, what a Reader returns):
//
//	m␀<ministryID>                      Ministry
//	o␀<officialID>                      Official
//	e␀<meetingID>                       Meeting
//	g␀<agreementID>                     Agreement
//	a␀<articleID>                       articleRec (Article + the ministries it fed)
//	#␀<kind>                            record count of a kind (decimal)
//
// Contributions (what each article said about each record; the public record
// is a pure function of these, sorted by key, so load order does not matter):
//
//	k␀<recordID>␀<articleID>␀<seq>      contribution JSON (seq = mention index, 5 digits)
//
// A record with more than inlineSources sources leaves them out of its value
// ("sources":null): they are index entries s␀<recordID>␀<articleID>␀<seq>␀<n>
// → Source JSON (n = index in the contribution's sources, 4 digits), one per
// source the record keeps, in order, and readers put them back
// (decodeRecord). A record stored whole by an earlier version is read as it
// is.
//
// Indexes (value empty unless said otherwise; every entry is a function of one
// record and its contributions, see indexEntries, which Check recomputes):
//
//	h␀<hash>                            → article id (content already loaded)
//	p␀<ministryID>␀<date>␀<articleID>   → the article's Contribution: a title-only mention
//	                                      of that date waiting for a known holder of the office
//	io␀<country>␀<strictKey>␀<id>       official by strict name key (country may be "")
//	il␀<country>␀<looseKey>␀<id>        official by loose name key
//	it␀<country>␀<keyToken>␀<id>        official by one token of a strict key (surnames)
//	iK␀<strictKey>␀<id>                 official by strict key, any country
//	iL␀<looseKey>␀<id>                  official by loose key, any country
//	in␀<foldedName>␀<id>                officials in name order
//	iN␀<country>␀<foldedName>␀<id>      a country's officials in name order
//	iM␀<ministryID>␀<officialID>        holders of a ministry
//	im␀<country>␀<ministryID>           a country's ministries
//	s␀<recordID>␀<art>␀<seq>␀<n>        a record's kept sources (above) → Source JSON
//	is␀<token>␀<kind>␀<id>              search token (folded word or name-key token) → "<weight>␀<country>␀<label>"
//	ed␀<invDate>␀<id>                   meetings newest first → "<kind>␀<countries,>␀<participants,>␀"
//	ec␀<country>␀<invDate>␀<id>         a country's meetings → same value
//	eo␀<official>␀<invDate>␀<id>        an official's meetings → same value
//	ep␀<c1>␀<c2>␀<invDate>␀<id>         meetings of a pair of parties (c1<c2) → same value
//	er␀<group>␀<countries,>␀<date>␀<id> meeting resolution: kind group, party set, each reported date
//	gd, gc, go, gp                      agreements, as ed, ec, eo (signatory), ep; the value ends with the subject
//	gr␀<countries,>␀<subjectKey>␀<invDate>␀<id> agreement resolution: party set, each reported subject key and date
//
// Dates in event indexes are inverted (each digit d → 9-d) so that an
// ascending scan lists the newest first; undated events get "~", after every
// date. Page cursors are the base64 of the key tail after the index prefix
// (<invDate>␀<id> for events, <foldedName>␀<id> for officials, the id for
// articles), so a cursor stays valid while records come and go.
//
// Transactions. One Apply (or RemoveArticle) is one Store.Update: every
// record, contribution, index entry and count it changes commits together or
// not at all. Writers are serialised by Graph.mu; a writer reads a View
// snapshot plus an overlay of its own writes (apply.go: writer), derives each
// touched record once at flush, adding only the new contributions to the
// record's derivation (records.go), and keeps hot records' derivations in a
// cache between transactions (apply.go: promote), so that adding to a record
// costs the same however many contributions it has. A record, or its
// sources' entries, is written only when it changed. This Graph must be the
// only writer of its Store. Records keep at most MaxRecordSources sources;
// SourcesOf reads all.
// Corrections add their own keys (corrections.go).

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

const sep = "\x00"

// Record and index prefixes. Each ends with sep.
const (
	pMinistry  = "m" + sep
	pOfficial  = "o" + sep
	pMeeting   = "e" + sep
	pAgreement = "g" + sep
	pArticle   = "a" + sep
	pCount     = "#" + sep
	pContrib   = "k" + sep
	pHash      = "h" + sep
	pPending   = "p" + sep
	pSource    = "s" + sep

	pOffStrict  = "io" + sep
	pOffLoose   = "il" + sep
	pOffToken   = "it" + sep
	pOffKey     = "iK" + sep
	pOffLKey    = "iL" + sep
	pOffName    = "in" + sep
	pOffCountry = "iN" + sep
	pOffMin     = "iM" + sep
	pMinCountry = "im" + sep
	pSearch     = "is" + sep

	pMeetDate    = "ed" + sep
	pMeetCountry = "ec" + sep
	pMeetOff     = "eo" + sep
	pMeetPair    = "ep" + sep
	pMeetRes     = "er" + sep

	pAgrDate    = "gd" + sep
	pAgrCountry = "gc" + sep
	pAgrOff     = "go" + sep
	pAgrPair    = "gp" + sep
	pAgrRes     = "gr" + sep
)

// indexPrefixes lists every index kept from records; Check scans them all.
var indexPrefixes = []string{
	pOffStrict, pOffLoose, pOffToken, pOffKey, pOffLKey, pOffName, pOffCountry, pOffMin,
	pMinCountry, pSearch, pSource,
	pMeetDate, pMeetCountry, pMeetOff, pMeetPair, pMeetRes,
	pAgrDate, pAgrCountry, pAgrOff, pAgrPair, pAgrRes,
}

// Id prefixes: an id says its kind, so Neighborhood and Search can tell
// records apart without a lookup. Country ids are the bare code.
const (
	idMinistry  = "ministry:"
	idOfficial  = "official:"
	idMeeting   = "meeting:"
	idAgreement = "agreement:"
)

// MinistryID is the id of the ministry of a country for a portfolio.
func MinistryID(country, portfolio string) string {
	return idMinistry + country + ":" + portfolio
}

// KindOf tells the kind of a node or edge id: official, ministry, meeting,
// agreement, or country for anything else (a bare code).
func KindOf(id string) string {
	switch {
	case strings.HasPrefix(id, idOfficial):
		return KindOfficial
	case strings.HasPrefix(id, idMinistry):
		return KindMinistry
	case strings.HasPrefix(id, idMeeting):
		return KindMeeting
	case strings.HasPrefix(id, idAgreement):
		return KindAgreement
	}
	return KindCountry
}

func recordPrefix(id string) string {
	switch KindOf(id) {
	case KindOfficial:
		return pOfficial
	case KindMinistry:
		return pMinistry
	case KindMeeting:
		return pMeeting
	case KindAgreement:
		return pAgreement
	}
	return ""
}

func key(prefix string, parts ...string) []byte {
	n := len(prefix)
	for _, p := range parts {
		n += len(p) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, prefix...)
	for i, p := range parts {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, p...)
	}
	return b
}

// keyDir is key with a trailing separator: the prefix of every key that
// continues the given components.
func keyDir(prefix string, parts ...string) []byte {
	b := key(prefix, parts...)
	if len(parts) > 0 {
		b = append(b, 0)
	}
	return b
}

func splitKey(k []byte, prefix string) []string {
	return strings.Split(string(k[len(prefix):]), sep)
}

func lastPart(k []byte) string {
	i := bytes.LastIndexByte(k, 0)
	return string(k[i+1:])
}

func contribKey(recordID, article string, seq int) []byte {
	return key(pContrib, recordID, article, seqString(seq))
}

// seqString writes a mention's sequence number zero-padded to five digits,
// as fmt's %05d does, so that a record's contributions from one article sort
// in mention order; it is made for every contribution a load writes.
func seqString(seq int) string {
	if seq < 0 || seq > 99999 {
		return fmt.Sprintf("%05d", seq)
	}
	var b [5]byte
	for i := 4; i >= 0; i-- {
		b[i] = byte('0' + seq%10)
		seq /= 10
	}
	return string(b[:])
}

// invDate maps an ISO date to a string whose ascending order is the dates'
// descending order; "" (undated) maps after every date.
func invDate(d string) string {
	if d == "" {
		return "~"
	}
	b := []byte(d)
	for i, c := range b {
		if c >= '0' && c <= '9' {
			b[i] = '9' - c + '0'
		}
	}
	return string(b)
}

// eventValue splits the value of an event index entry: the kind, the
// parties and the officials (participants or signatories), comma-separated,
// and an agreement's subject.
func eventValue(v []byte) (kind, countries, officials, subject string) {
	kind, rest, _ := strings.Cut(string(v), sep)
	countries, rest, _ = strings.Cut(rest, sep)
	officials, subject, _ = strings.Cut(rest, sep)
	return kind, countries, officials, subject
}

// uninvDate is the inverse of invDate.
func uninvDate(inv string) string {
	if inv == "~" {
		return ""
	}
	return invDate(inv)
}

func encodeCursor(tail string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(tail))
}

func decodeCursor(c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", fmt.Errorf("graph: invalid cursor %q", c)
	}
	return string(b), nil
}

// encode and decode are the only functions that know records are JSON.
//
// encode writes a record (*Official, *Ministry, *Meeting, *Agreement) in its
// stored form: a record with more than inlineSources sources is stored
// without them ("sources":null), and they are index entries (s␀…, see
// sourceKey), so that a hot record whose first sources change does not write
// them all again; decodeRecord puts them back. A record stored whole by an
// earlier version is read as it is, and rewritten in this form by its next
// change (see writer.load). Code that needs a record's full JSON (Export)
// uses json.Marshal.
func encode(v any) []byte {
	b, err := json.Marshal(withoutSources(v))
	if err != nil {
		// Records are plain structs of strings and slices: Marshal cannot fail.
		panic(fmt.Sprintf("graph: encode %T: %v", v, err))
	}
	return b
}

// inlineSources is how many sources a record keeps in its stored value:
// most records (a meeting, a junior official) have a few, which a reader gets
// with the record, and they rarely change; hot records have up to
// MaxRecordSources, which change while the record is young.
const inlineSources = 16

// externalSources says whether a record's sources are index entries rather
// than part of its stored value.
func externalSources(pub any) bool {
	src := sourcesOf(pub)
	return src != nil && len(*src) > inlineSources
}

// withoutSources is the record as stored: a shallow copy without its Sources
// if they are index entries (externalSources), else the record.
func withoutSources(pub any) any {
	if !externalSources(pub) {
		return pub
	}
	switch r := pub.(type) {
	case *Official:
		x := *r
		x.Sources = nil
		return &x
	case *Ministry:
		x := *r
		x.Sources = nil
		return &x
	case *Meeting:
		x := *r
		x.Sources = nil
		return &x
	case *Agreement:
		x := *r
		x.Sources = nil
		return &x
	}
	return pub
}

// sourcesOf points at a record's Sources field.
func sourcesOf(pub any) *[]Source {
	switch r := pub.(type) {
	case *Official:
		return &r.Sources
	case *Ministry:
		return &r.Sources
	case *Meeting:
		return &r.Sources
	case *Agreement:
		return &r.Sources
	}
	return nil
}

// sourceKey is the index entry of one of a record's sources, at the
// position it was first seen: key order is the order of the record's
// Sources.
func sourceKey(id string, p pos) []byte {
	b := make([]byte, 0, len(pSource)+len(id)+len(p.art)+13)
	b = append(append(append(append(b, pSource...), id...), 0), p.art...)
	b = append(padded(append(b, 0), p.seq, 5), 0)
	return padded(b, p.idx, 4)
}

// padded appends n in decimal, zero-padded to width digits.
func padded(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// readSources lists a record's sources from its index entries.
func readSources(ctx context.Context, tx ReadTx, id string) ([]Source, error) {
	var out []Source
	err := tx.Scan(ctx, keyDir(pSource, id), nil, func(_, v []byte) (bool, error) {
		var s Source
		if err := decode(v, &s); err != nil {
			return false, err
		}
		out = append(out, s)
		return true, nil
	})
	return out, err
}

// decodeRecord decodes a stored record, reading its sources from their
// index entries unless it carries them.
func decodeRecord(ctx context.Context, tx ReadTx, id string, b []byte, v any) error {
	if err := decode(b, v); err != nil {
		return err
	}
	src := sourcesOf(v)
	if src == nil || *src != nil {
		return nil
	}
	var err error
	*src, err = readSources(ctx, tx, id)
	return err
}

// decodeName reads the "name" field of an official's stored record without
// decoding (or even scanning) the rest: the record is encoded with id,
// country and name first, and a hub official's names, roles and their
// sources follow.
func decodeName(b []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", fmt.Errorf("graph: decode official: not an object")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return "", fmt.Errorf("graph: decode official: %w", err)
		}
		if t == "name" {
			var name string
			if err := dec.Decode(&name); err != nil {
				return "", fmt.Errorf("graph: decode official name: %w", err)
			}
			return name, nil
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", fmt.Errorf("graph: decode official: %w", err)
		}
	}
	return "", nil
}

func decode(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("graph: decode %T: %w", v, err)
	}
	return nil
}
