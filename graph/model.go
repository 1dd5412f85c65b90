package graph

// Node and edge kinds, as they appear in ids, search hits and subgraphs.
const (
	KindCountry   = "country"
	KindMinistry  = "ministry"
	KindOfficial  = "official"
	KindArticle   = "article"
	KindMeeting   = "meeting"
	KindAgreement = "agreement"
)

// Languages the product reads.
const (
	LangArabic  = "ar"
	LangEnglish = "en"
	LangFrench  = "fr"
)

// Source is the provenance of a fact: the article it came from and the sentence,
// verbatim from the article body (or title), that states it.
type Source struct {
	Article  string `json:"article"`
	Sentence string `json:"sentence"`
}

// Name is one written form of a name, in the language of the article that used it.
type Name struct {
	Text string `json:"text"`
	Lang string `json:"lang"`
}

// Country is an ISO 3166-1 country (identity: the alpha-2 code) or an
// international organisation (identity: an upper-case code such as UN, EU,
// AFRICAN-UNION, ARAB-LEAGUE).
type Country struct {
	Code  string            `json:"code"`
	Names map[string]string `json:"names"` // lang → display name
	Org   bool              `json:"org,omitempty"`
}

// Ministry is a government body or the organ of an organisation, one per
// (country, portfolio): "Ministry of Interior of Libya" however it is written.
type Ministry struct {
	ID        string            `json:"id"` // MinistryID(country, portfolio)
	Country   string            `json:"country"`
	Portfolio string            `json:"portfolio"` // lexicon id: foreign, interior, defence, …
	Names     map[string]string `json:"names"`     // lang → name
	Sources   []Source          `json:"sources"`
}

// Role is an office an official was seen holding, with the first and last dates
// (ISO YYYY-MM-DD, article publication or event dates) articles saw it.
type Role struct {
	Title     string   `json:"title"`               // English canonical, "Minister of Interior"
	Portfolio string   `json:"portfolio,omitempty"` // lexicon id
	Ministry  string   `json:"ministry,omitempty"`  // Ministry.ID
	Country   string   `json:"country"`
	From      string   `json:"from,omitempty"`
	To        string   `json:"to,omitempty"`
	Sources   []Source `json:"sources"`
}

// Official is a person holding or having held public office; identity is
// (person, country).
type Official struct {
	ID      string   `json:"id"`
	Country string   `json:"country"`
	Name    string   `json:"name"`  // canonical display form, Latin script
	Names   []Name   `json:"names"` // every form seen, by language
	Roles   []Role   `json:"roles"`
	Sources []Source `json:"sources"`
}

// Meeting kinds and statuses.
const (
	MeetingVisit   = "visit"
	MeetingMeeting = "meeting"
	MeetingCall    = "call"
	MeetingSummit  = "summit"

	StatusHeld    = "held"
	StatusPlanned = "planned"
)

// Agreement kinds and statuses.
const (
	AgreementAgreement      = "agreement"
	AgreementMoU            = "mou"
	AgreementTreaty         = "treaty"
	AgreementJointStatement = "joint-statement"
	AgreementCommitment     = "commitment"

	StatusSigned = "signed"
	StatusAgreed = "agreed"
	// StatusPlanned is shared with meetings.
)

// Event codes that line the graph up with CAMEO and PLOVER data sets.
type EventCode struct {
	Cameo      string `json:"cameo,omitempty"`      // e.g. "042", "057"
	PloverType string `json:"ploverType,omitempty"` // e.g. "CONSULT", "AGREE"
	PloverMode string `json:"ploverMode,omitempty"` // e.g. "visit", "phone"
}

// Meeting is an encounter between officials of two or more countries or
// organisations: an edge with many endpoints, addressable by id.
type Meeting struct {
	ID           string    `json:"id"`
	Kind         string    `json:"kind"`   // visit, meeting, call, summit
	Status       string    `json:"status"` // held, planned
	Date         string    `json:"date,omitempty"`
	Place        string    `json:"place,omitempty"` // English display name of the city
	Host         string    `json:"host,omitempty"`  // country code of the host
	Countries    []string  `json:"countries"`       // sorted codes of the parties
	Participants []string  `json:"participants"`    // Official ids
	Topics       []string  `json:"topics,omitempty"`
	Agreements   []string  `json:"agreements,omitempty"` // Agreement ids
	Code         EventCode `json:"code"`
	Sources      []Source  `json:"sources"`
}

// Agreement is an accord, memorandum, treaty, joint statement or commitment
// announced by two or more parties.
type Agreement struct {
	ID          string    `json:"id"`
	Kind        string    `json:"kind"`
	Status      string    `json:"status"`
	Subject     string    `json:"subject"`
	Date        string    `json:"date,omitempty"`
	Countries   []string  `json:"countries"`
	Signatories []string  `json:"signatories,omitempty"` // Official ids
	Meeting     string    `json:"meeting,omitempty"`     // Meeting id it came out of
	Topics      []string  `json:"topics,omitempty"`
	Code        EventCode `json:"code"`
	Sources     []Source  `json:"sources"`
}

// Article is a loaded news article: the provenance of everything.
type Article struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
	Lang      string `json:"lang"`
	// Hash is a digest of the article's content (title, body, published, lang),
	// used to recognise the same content re-loaded, under the same or a new id.
	Hash       string   `json:"hash"`
	Officials  []string `json:"officials,omitempty"`
	Meetings   []string `json:"meetings,omitempty"`
	Agreements []string `json:"agreements,omitempty"`
}

// Hit is one search result.
type Hit struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// Subgraph is a neighbourhood for the explorer.
type Subgraph struct {
	Nodes []SubNode `json:"nodes"`
	Edges []SubEdge `json:"edges"`
}

// SubNode is a node of a Subgraph.
type SubNode struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
}

// SubEdge is an edge of a Subgraph; meetings and agreements with several parties
// appear as one SubEdge per pair of endpoints, all carrying the event's id.
type SubEdge struct {
	ID     string `json:"id"`     // the meeting, agreement or role id
	Kind   string `json:"kind"`   // meeting, agreement, role, member
	Source string `json:"source"` // node id
	Target string `json:"target"` // node id
	Label  string `json:"label,omitempty"`
	Date   string `json:"date,omitempty"`
}
