package graph

// This file is the contract between the graph and its users: what the loader
// hands in (Contribution) and what the API reads out (Reader). The Graph type in
// graph.go implements both on top of a Store.

// Contribution is everything one article says, ready to merge into the graph.
// Officials are referred to by Ref inside the contribution; Apply resolves each
// mention to an existing official (same person, same country) or a new one,
// and each meeting or agreement to an existing edge (same encounter) or a new one.
type Contribution struct {
	Article    Article // Officials, Meetings and Agreements are filled in by Apply
	Officials  []OfficialMention
	Meetings   []MeetingMention
	Agreements []AgreementMention
}

// OfficialMention is one person as an article presents them.
type OfficialMention struct {
	Ref       string   // local reference, unique in the contribution
	Country   string   // ISO code or organisation code
	Names     []Name   // every form the article uses, fullest first
	Latin     string   // Latin display form (from the text or transliterated)
	Title     string   // English canonical title, "Minister of Interior"
	Portfolio string   // lexicon id, "interior"
	Date      string   // the date the article saw them in that role
	Sources   []Source // sentences that name them

	// bodies holds the stored forms of the contributions the mention makes
	// to its official and its ministry, when Contribution.Prepare made them.
	bodies *mentionBodies
}

// mentionBodies are an official mention's contributions, encoded.
type mentionBodies struct {
	off, min []byte // min: nil when the mention names no ministry
}

// Prepare encodes ahead of Apply what of the contribution does not depend on
// the graph: what each official mention adds to its official and to its
// ministry, with the sentences that name them (two thirds of the
// contributions a load writes, and of their bytes). Apply is one writer for
// a whole load, the bound on its speed, while a loader calls Prepare on the
// workers that extract articles in parallel; Apply writes prepared bodies as
// they are and encodes the others itself, so calling Prepare is optional.
// The contribution must not change after Prepare: Apply would write the
// bodies of what it was then.
func (c *Contribution) Prepare() {
	for i := range c.Officials {
		m := &c.Officials[i]
		b := &mentionBodies{off: encode(offContribOf(m))}
		if mentionsMinistry(m) {
			b.min = encode(minContribOf(m))
		}
		m.bodies = b
	}
}

// offContribOf is what an official mention contributes to its official.
func offContribOf(m *OfficialMention) *offContrib {
	return &offContrib{Country: m.Country, Names: m.Names, Latin: m.Latin, Title: m.Title,
		Portfolio: m.Portfolio, Date: m.Date, Sources: m.Sources}
}

// minContribOf is what an official mention contributes to its ministry
// (when mentionsMinistry).
func minContribOf(m *OfficialMention) *minContrib {
	return &minContrib{Country: m.Country, Portfolio: m.Portfolio, Sources: m.Sources}
}

// mentionsMinistry says whether an official mention names a ministry: a
// portfolio of a country.
func mentionsMinistry(m *OfficialMention) bool { return m.Portfolio != "" && m.Country != "" }

// MeetingMention is one encounter as an article reports it.
type MeetingMention struct {
	Kind         string
	Status       string
	Date         string
	Place        string
	Host         string
	Countries    []string // sorted
	Participants []string // OfficialMention.Ref
	Topics       []string
	Code         EventCode
	Sources      []Source
}

// AgreementMention is one agreement as an article reports it.
type AgreementMention struct {
	Kind        string
	Status      string
	Subject     string
	Date        string
	Countries   []string // sorted
	Signatories []string // OfficialMention.Ref
	Meeting     int      // index into Contribution.Meetings, or -1
	Topics      []string
	Code        EventCode
	Sources     []Source
}

// Outcome says what Apply did with one article.
type Outcome string

const (
	OutcomeLoaded    Outcome = "loaded"    // new article
	OutcomeUnchanged Outcome = "unchanged" // same id and content, or same content under another id
	OutcomeReplaced  Outcome = "replaced"  // same id, new content: its old contributions were removed first
)

// ApplyResult reports one Apply call.
type ApplyResult struct {
	Outcomes   []Outcome // one per contribution, in order
	NodesAdded int       // officials and ministries created
	EdgesAdded int       // meetings and agreements created
}

// Page selects a slice of a Relay-style connection.
type Page struct {
	First int    // 0 means the default page size
	After string // opaque cursor from a previous page, "" for the start
	// NoSources lists the records without their sources (Sources nil), for
	// a caller that does not show them: a record's sources are most of its
	// bytes, and those of a much-reported one are read from index entries.
	// Only Meetings and Agreements honour it.
	NoSources bool
}

// PageInfo describes the slice returned.
type PageInfo struct {
	Total     int
	HasNext   bool
	EndCursor string
	Cursors   []string // one per returned item
}

// OfficialFilter selects officials. Empty fields do not filter.
type OfficialFilter struct {
	Country string
	Name    string // any script; matched after normalisation and transliteration
}

// EventFilter selects meetings or agreements. Empty fields do not filter.
type EventFilter struct {
	Country  string   // one party
	Between  []string // all of these are parties
	Official string   // participant or signatory id
	From, To string   // inclusive ISO dates
	Kind     string
}

// Reader reads one consistent snapshot of the graph. Methods returning a single
// record return ErrNotFound when there is none.
type Reader interface {
	Countries() ([]*Country, error)
	Country(code string) (*Country, error)
	Ministry(id string) (*Ministry, error)
	MinistriesOf(country string) ([]*Ministry, error)
	Official(id string) (*Official, error)
	Officials(f OfficialFilter, p Page) ([]*Official, PageInfo, error)
	Meeting(id string) (*Meeting, error)
	Meetings(f EventFilter, p Page) ([]*Meeting, PageInfo, error)
	Agreement(id string) (*Agreement, error)
	Agreements(f EventFilter, p Page) ([]*Agreement, PageInfo, error)
	Article(id string) (*Article, error)
	Articles(p Page) ([]*Article, PageInfo, error)
	// Search finds officials, countries, ministries and meetings by name in any
	// script ("مازن", "Mazen", "Algérie").
	Search(text string, limit int) ([]Hit, error)
	// Neighborhood returns the nodes within depth hops of id and the edges among
	// them, at most limit nodes.
	Neighborhood(id string, depth, limit int) (*Subgraph, error)
}
