package extract

import (
	"encoding/json"

	"diplograph/graph"
)

// Article is one input article, in the bulk-load format of
// ../shared/eval/FORMAT.md.
type Article struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Body      string `json:"body"`
	Published string `json:"published,omitempty"`
	Source    string `json:"source,omitempty"`
	Lang      string `json:"lang,omitempty"`
}

// Result is what the extractor finds in one article. Its JSON form is exactly one
// line of FORMAT.md's extraction.jsonl (extra fields are allowed by the scorer).
type Result struct {
	ID         string      `json:"id"`
	Lang       string      `json:"lang"`
	Officials  []Official  `json:"officials"`
	Meetings   []Meeting   `json:"meetings"`
	Agreements []Agreement `json:"agreements"`
}

// Official is a named office holder.
type Official struct {
	Ref       string   `json:"ref"`     // "o1", "o2", … referenced by events
	Name      string   `json:"name"`    // Latin display form
	Aliases   []string `json:"aliases"` // every form the article uses, without titles
	Country   string   `json:"country"` // ISO alpha-2 or organisation code
	Title     string   `json:"title"`   // English canonical title
	Portfolio string   `json:"portfolio,omitempty"`
	Evidence  []string `json:"evidence,omitempty"` // verbatim sentences naming them
}

// Meeting is an encounter between officials of two or more parties.
type Meeting struct {
	Participants []string `json:"participants"` // one display alias per participant
	Refs         []string `json:"refs"`         // Official.Ref of each participant
	Countries    []string `json:"countries"`    // sorted
	Date         string   `json:"date"`
	Kind         string   `json:"kind"`
	Place        string   `json:"place"`
	Host         string   `json:"host,omitempty"`
	Status       string   `json:"status"`
	Topics       []string `json:"topics,omitempty"`
	graph.EventCode
	Evidence string `json:"evidence"` // verbatim sentence
	// MoreEvidence holds the other sentences of the article that tell the
	// same encounter (see consolidate).
	MoreEvidence []string `json:"moreEvidence,omitempty"`
}

// Agreement is an accord, memorandum, joint decision or commitment.
type Agreement struct {
	Countries   []string `json:"countries"`
	Subject     string   `json:"subject"`
	Kind        string   `json:"kind"`
	Status      string   `json:"status"`
	Date        string   `json:"date,omitempty"`
	Signatories []string `json:"signatories,omitempty"` // Official.Ref
	Meeting     int      `json:"meeting"`               // index into Result.Meetings, or -1
	Topics      []string `json:"topics,omitempty"`
	graph.EventCode
	Evidence string `json:"evidence"`
}

// MarshalJSON writes empty lists as [] rather than null: FORMAT.md's lines
// always carry the three lists, and scorers iterate over them.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	p := plain(r)
	if p.Officials == nil {
		p.Officials = []Official{}
	}
	if p.Meetings == nil {
		p.Meetings = []Meeting{}
	}
	if p.Agreements == nil {
		p.Agreements = []Agreement{}
	}
	return json.Marshal(p)
}

// MarshalJSON writes empty lists as [] (see Result.MarshalJSON).
func (m Meeting) MarshalJSON() ([]byte, error) {
	type plain Meeting
	p := plain(m)
	p.Participants = emptyIfNil(p.Participants)
	p.Refs = emptyIfNil(p.Refs)
	p.Countries = emptyIfNil(p.Countries)
	return json.Marshal(p)
}

// MarshalJSON writes empty lists as [] (see Result.MarshalJSON).
func (a Agreement) MarshalJSON() ([]byte, error) {
	type plain Agreement
	p := plain(a)
	p.Countries = emptyIfNil(p.Countries)
	return json.Marshal(p)
}

// MarshalJSON writes empty lists as [] (see Result.MarshalJSON).
func (o Official) MarshalJSON() ([]byte, error) {
	type plain Official
	p := plain(o)
	p.Aliases = emptyIfNil(p.Aliases)
	return json.Marshal(p)
}

func emptyIfNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
