package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
)

// Truth is one line of a resolution truth file
// (testdata/corpus/resolution/truth.jsonl): for one article, the true identity of
// every official it names and of every meeting and agreement it reports.
type Truth struct {
	ID         string          `json:"id"`
	Officials  []TruthOfficial `json:"officials"`
	Meetings   []TruthEvent    `json:"meetings"`
	Agreements []TruthEvent    `json:"agreements"`
}

// TruthOfficial is one official as one article names them. Person is the
// cluster: the same id in every article that names the same human being.
type TruthOfficial struct {
	Alias   string   `json:"alias"`   // the fullest form the article uses
	Aliases []string `json:"aliases"` // every form it uses, plus a Latin spelling
	Country string   `json:"country"`
	Person  string   `json:"person"`
}

// TruthEvent is one meeting or agreement as one article reports it. Event is the
// cluster; Countries and Date say which of the article's events it is.
type TruthEvent struct {
	Event        string   `json:"event"`
	Countries    []string `json:"countries"`
	Date         string   `json:"date,omitempty"`
	Kind         string   `json:"kind,omitempty"`
	Status       string   `json:"status,omitempty"`
	Subject      string   `json:"subject,omitempty"`
	Participants []string `json:"participants,omitempty"` // Person ids
}

// ReadTruth reads a truth file; ids must be unique and every mention must name
// its cluster.
func ReadTruth(r io.Reader, name string) ([]Truth, error) {
	var out []Truth
	seen := map[string]bool{}
	err := decodeLines(r, name, func(_ int, raw []byte) error {
		if _, err := idOf(raw); err != nil {
			return err
		}
		var t Truth
		if err := json.Unmarshal(raw, &t); err != nil {
			return fieldError(err)
		}
		if seen[t.ID] {
			return fmt.Errorf("id: duplicate %q", t.ID)
		}
		seen[t.ID] = true
		for i, o := range t.Officials {
			if o.Person == "" || o.Alias == "" {
				return fmt.Errorf("officials[%d]: alias and person are required", i)
			}
		}
		for i, m := range t.Meetings {
			if m.Event == "" {
				return fmt.Errorf("meetings[%d].event: missing", i)
			}
		}
		for i, a := range t.Agreements {
			if a.Event == "" {
				return fmt.Errorf("agreements[%d].event: missing", i)
			}
		}
		out = append(out, t)
		return nil
	})
	return out, err
}

// ReadTruthFile opens and reads a truth file.
func ReadTruthFile(path string) ([]Truth, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadTruth(f, path)
}

// Mention keys: "<article id>/<person>" for an official, "<article id>/<event>"
// for a meeting or agreement. Within one article a person or an event appears
// once, so the key names one mention.
func officialKey(article string, o TruthOfficial) string { return article + "/" + o.Person }
func eventKey(article string, e TruthEvent) string       { return article + "/" + e.Event }

// TruthClusters returns the true clustering of mentions: officials, meetings
// and agreements, each mention key → cluster id.
func TruthClusters(ts []Truth) (officials, meetings, agreements map[string]string) {
	officials, meetings, agreements = map[string]string{}, map[string]string{}, map[string]string{}
	for _, t := range ts {
		for _, o := range t.Officials {
			officials[officialKey(t.ID, o)] = o.Person
		}
		for _, m := range t.Meetings {
			meetings[eventKey(t.ID, m)] = m.Event
		}
		for _, a := range t.Agreements {
			agreements[eventKey(t.ID, a)] = a.Event
		}
	}
	return officials, meetings, agreements
}

// Resolved is what a system under test built from one article: the graph nodes
// (officials) and edges (meetings, agreements) the article is a source of, with
// enough of each to tell which truth mention it is.
type Resolved struct {
	Officials  []ResolvedOfficial
	Meetings   []ResolvedEvent
	Agreements []ResolvedEvent
}

// ResolvedOfficial is an official node: its id, every name it has (any
// language) and its country.
type ResolvedOfficial struct {
	ID      string
	Names   []string
	Country string
}

// ResolvedEvent is a meeting or agreement edge: its id, parties and date.
type ResolvedEvent struct {
	ID        string
	Countries []string
	Date      string
}

// Resolution is the pairwise score of a system's clustering against the truth.
type Resolution struct {
	Officials, Meetings, Agreements PR
	// Unmatched lists truth mentions the system has no node or edge for
	// (each counts as a cluster of its own, so it lowers recall).
	Unmatched []string
	// Matched scores the same merges over the mentions the system found only:
	// resolution quality with extraction misses factored out.
	Matched struct{ Officials, Meetings, Agreements PR }
}

// PR is a pairwise precision and recall.
type PR struct{ Precision, Recall float64 }

func (p PR) String() string { return fmt.Sprintf("P %.3f R %.3f", p.Precision, p.Recall) }

// ScoreResolution asks lookup for what the system built from each truth
// article, pairs each truth mention with the node or edge it became, and
// scores the merges with PairwiseMerge.
//
// An official mention is the article's node of the same country whose names
// match the mention's aliases (score.py's name matching, so خالد مازن and
// Khaled Mazen are the same only if the node carries both forms or a two-token
// form of one contains the other). A meeting or agreement mention is the
// article's edge with the same set of parties, preferring the same date.
func ScoreResolution(ts []Truth, lookup func(articleID string) (Resolved, error)) (Resolution, error) {
	tOff, tMeet, tAgr := TruthClusters(ts)
	pOff, pMeet, pAgr := map[string]string{}, map[string]string{}, map[string]string{}
	var res Resolution
	for _, t := range ts {
		got, err := lookup(t.ID)
		if err != nil {
			return res, fmt.Errorf("%s: %w", t.ID, err)
		}
		for _, o := range t.Officials {
			k := officialKey(t.ID, o)
			if id, ok := matchOfficial(o, got.Officials); ok {
				pOff[k] = id
			} else {
				res.Unmatched = append(res.Unmatched, "official "+k)
			}
		}
		for _, m := range t.Meetings {
			k := eventKey(t.ID, m)
			if id, ok := matchEvent(m, got.Meetings); ok {
				pMeet[k] = id
			} else {
				res.Unmatched = append(res.Unmatched, "meeting "+k)
			}
		}
		for _, a := range t.Agreements {
			k := eventKey(t.ID, a)
			if id, ok := matchEvent(a, got.Agreements); ok {
				pAgr[k] = id
			} else {
				res.Unmatched = append(res.Unmatched, "agreement "+k)
			}
		}
	}
	res.Officials.Precision, res.Officials.Recall = PairwiseMerge(tOff, pOff)
	res.Meetings.Precision, res.Meetings.Recall = PairwiseMerge(tMeet, pMeet)
	res.Agreements.Precision, res.Agreements.Recall = PairwiseMerge(tAgr, pAgr)
	res.Matched.Officials.Precision, res.Matched.Officials.Recall = PairwiseMerge(restrict(tOff, pOff), pOff)
	res.Matched.Meetings.Precision, res.Matched.Meetings.Recall = PairwiseMerge(restrict(tMeet, pMeet), pMeet)
	res.Matched.Agreements.Precision, res.Matched.Agreements.Recall = PairwiseMerge(restrict(tAgr, pAgr), pAgr)
	sort.Strings(res.Unmatched)
	return res, nil
}

// restrict keeps the truth of the mentions present in pred.
func restrict(truth, pred map[string]string) map[string]string {
	out := make(map[string]string, len(pred))
	for k, v := range truth {
		if _, ok := pred[k]; ok {
			out[k] = v
		}
	}
	return out
}

func matchOfficial(o TruthOfficial, cands []ResolvedOfficial) (string, bool) {
	want := forms(append([]string{o.Alias}, o.Aliases...))
	country := pyUpper(o.Country)
	for _, c := range cands {
		if pyUpper(c.Country) == country && namesMatch(want, forms(c.Names)) {
			return c.ID, true
		}
	}
	return "", false
}

func matchEvent(e TruthEvent, cands []ResolvedEvent) (string, bool) {
	want, _ := cset(e.Countries)
	found := ""
	for _, c := range cands {
		if cs, _ := cset(c.Countries); cs != want {
			continue
		}
		if e.Date != "" && c.Date == e.Date {
			return c.ID, true
		}
		if found == "" {
			found = c.ID
		}
	}
	return found, found != ""
}
