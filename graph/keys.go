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
//	is␀<token>␀<kind>␀<id>              search token (folded word or name-key token) → "<weight>␀<country>␀<label>"
//	ed␀<invDate>␀<id>                   meetings newest first → "<kind>␀<countries,>"
//	ec␀<country>␀<invDate>␀<id>         a country's meetings → same value
//	eo␀<official>␀<invDate>␀<id>        an official's meetings → same value
//	ep␀<c1>␀<c2>␀<invDate>␀<id>         meetings of a pair of parties (c1<c2) → same value
//	er␀<group>␀<countries,>␀<date>␀<id> meeting resolution: kind group, party set, each reported date
//	gd, gc, go, gp                      agreements, as ed, ec, eo (signatory), ep
//	gr␀<countries,>␀<subjectKey>␀<id>   agreement resolution: party set, each reported subject key → its dates (addDate)
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
// touched record once at flush, and keeps hot records in a cache between
// transactions (apply.go: promote). This Graph must be the only writer of its
// Store. Records keep at most MaxRecordSources sources; SourcesOf reads all.
// Corrections add their own keys (corrections.go).

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
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
	pMinCountry, pSearch,
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
	return key(pContrib, recordID, article, fmt.Sprintf("%05d", seq))
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
func encode(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// Records are plain structs of strings and slices: Marshal cannot fail.
		panic(fmt.Sprintf("graph: encode %T: %v", v, err))
	}
	return b
}

func decode(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("graph: decode %T: %w", v, err)
	}
	return nil
}
