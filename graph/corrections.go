package graph

// Corrections: an analyst's merges, splits and renames of officials.
//
// Resolution is automatic and, like any, sometimes wrong: two people folded
// into one, one person left as two, a display name picked from a poor
// transliteration. A correction fixes the graph now and is stored, so that
// what it fixed stays fixed while articles are re-applied, new ones loaded,
// and old ones loaded again with changed text.
//
// Key layout (continues keys.go; "x" is no prefix of any other):
//
//	xl␀<seq>                            Correction JSON, the log (seq = 8 digits, from 1)
//	xm␀<dropID>                         → keep id: a merge; a mention resolved to drop goes to keep
//	xp␀<articleID>␀<officialID>         → new id: a split; in that article, a mention resolved
//	                                      to the official goes to the new one
//	xn␀<officialID>                     → display name: a rename, applied when the record is derived
//	xo␀<officialID>                     → the official it was split from
//
// How each survives re-loads:
//
//   - merge: drop's contributions move to keep and its record is deleted;
//     keep carries drop's names in the indexes, so later mentions resolve to
//     keep by themselves. The redirect covers the one case where they do
//     not: resolution creating a fresh official with drop's id.
//   - split: the article's contributions move to the new official. When the
//     article is loaded again (changed text), its mentions resolve to the
//     old official as before, and the pin sends them to the new one. Pins
//     are per (article, official), not per mention index, so they hold when
//     changed text renumbers the mentions.
//     Both officials now carry the same names, and the resolver would pick
//     between them by id for every other article (new ones, re-loads of
//     the rest): a mention it puts on the split-off official without a pin,
//     by a name the original official also has, goes to the original
//     instead (xo), so a split moves exactly what the analyst moved.
//   - rename: the record's Name is overridden whenever it is derived (Apply
//     and Check both go through correctRecord), so no re-load can vote it
//     back; the form also joins its Names, hence the search and resolution
//     indexes.
//
// Resolution applies pins and redirects after the rules of resolveOfficial
// (see resolveCorrected); the merge and split keep the pins and redirects
// free of cycles (see MergeOfficials).

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

const (
	pCorrLog   = "xl" + sep
	pCorrMerge = "xm" + sep
	pCorrPin   = "xp" + sep
	pCorrName  = "xn" + sep
	pCorrFrom  = "xo" + sep
)

// Correction kinds.
const (
	CorrectionMerge  = "merge"
	CorrectionSplit  = "split"
	CorrectionRename = "rename"
)

// ProblemCorrection is the Check problem kind of a correction the graph no
// longer honours.
const ProblemCorrection = "correction"

// Correction is one stored correction, as Corrections lists them.
type Correction struct {
	Seq  int    `json:"seq"`  // 1, 2, … in the order they were made
	Kind string `json:"kind"` // merge, split, rename
	// Official is the official corrected: the one kept (merge), split or
	// renamed.
	Official string `json:"official"`
	// Other is the official merged away (merge) or created (split).
	Other    string   `json:"other,omitempty"`
	Articles []string `json:"articles,omitempty"` // split: the articles moved
	Name     string   `json:"name,omitempty"`     // rename: the new display name
	Note     string   `json:"note,omitempty"`
	At       string   `json:"at"` // RFC 3339, UTC
}

// ErrBadCorrection wraps every refusal of a correction the graph cannot make
// (unknown official, merging one into itself, a split that would leave
// nothing): the caller's mistake, not a store failure.
var ErrBadCorrection = errors.New("graph: bad correction")

func badCorrection(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadCorrection, fmt.Sprintf(format, args...))
}

// MergeOfficials folds official drop into keep: every contribution of drop
// moves to keep, the articles, meetings and agreements that named drop name
// keep, and every later mention resolved to drop goes to keep. One
// transaction.
func (g *Graph) MergeOfficials(ctx context.Context, keep, drop, note string) error {
	at := now()
	return g.update(ctx, func(w *writer) error {
		w.g.corr = corrSome // before the writes: a failed one only costs lookups
		if keep == drop {
			return badCorrection("merge %q into itself", keep)
		}
		kst, err := w.liveOfficial("keep", keep)
		if err != nil {
			return err
		}
		dst, err := w.liveOfficial("drop", drop)
		if err != nil {
			return err
		}
		arts := stringSet{}
		for _, c := range dst.cs {
			arts.add(c.Article)
		}
		for _, a := range arts.sorted() {
			// A pin is per (article, official): it would carry drop's
			// mention off with keep's. (A pin to drop itself is the split
			// this merge undoes.)
			to, err := w.get(key(pCorrPin, a, keep))
			switch {
			case err == nil && string(to) != drop:
				return badCorrection("merge %q into %q: article %q names both, and its mention of %q was split off to %q; merge %q instead, or split %q first",
					drop, keep, a, keep, to, to, drop)
			case err != nil && !errors.Is(err, ErrNotFound):
				return err
			}
		}
		for _, c := range dst.cs {
			if _, err := w.addContribution(kst.id, c); err != nil {
				return err
			}
		}
		dst.drop(func(*contribution) bool { return true })
		if err := w.refresh(dst); err != nil {
			return err
		}
		for _, a := range arts.sorted() {
			if err := w.repoint(a, drop, keep); err != nil {
				return err
			}
		}
		if err := w.mergeCorrections(kst, drop); err != nil {
			return err
		}
		if err := w.put(key(pCorrMerge, drop), []byte(keep), false); err != nil {
			return err
		}
		return w.logCorrection(Correction{Kind: CorrectionMerge, Official: keep, Other: drop, Note: note, At: at})
	})
}

// SplitOfficial moves the mentions of official id in the given articles to
// a new official and returns its id; later loads of those articles keep
// them apart. At least one article must remain with id (otherwise there is
// nothing to split: rename it). One transaction.
func (g *Graph) SplitOfficial(ctx context.Context, id string, articles []string, note string) (string, error) {
	at := now()
	var newID string
	err := g.update(ctx, func(w *writer) error {
		w.g.corr = corrSome // before the writes: a failed one only costs lookups
		newID = ""
		st, err := w.liveOfficial("id", id)
		if err != nil {
			return err
		}
		move := stringSet{}
		move.add(articles...)
		if len(move) == 0 {
			return badCorrection("split %q: no articles", id)
		}
		has := stringSet{}
		for _, c := range st.cs {
			has.add(c.Article)
		}
		arts := move.sorted()
		for _, a := range arts {
			if !has[a] {
				return badCorrection("split %q: article %q does not mention it", id, a)
			}
		}
		if len(has) == len(move) {
			return badCorrection("split %q: every article that mentions it would move; nothing is left to split from", id)
		}
		base := idOfficial + shortHash(append([]string{"split", id}, arts...)...)
		for n := 2; ; n++ {
			cand, err := w.newID(base)
			if err != nil {
				return err
			}
			if _, err := w.get(key(pCorrMerge, cand)); errors.Is(err, ErrNotFound) {
				newID = cand
				break
			} else if err != nil {
				return err
			}
			base = idOfficial + shortHash(append([]string{"split", id, strconv.Itoa(n)}, arts...)...)
		}
		for _, c := range st.cs {
			if move[c.Article] {
				if _, err := w.addContribution(newID, c); err != nil {
					return err
				}
			}
		}
		st.drop(func(c *contribution) bool { return move[c.Article] })
		if err := w.refresh(st); err != nil {
			return err
		}
		for _, a := range arts {
			if err := w.repoint(a, id, newID); err != nil {
				return err
			}
			if err := w.put(key(pCorrPin, a, id), []byte(newID), false); err != nil {
				return err
			}
		}
		if err := w.put(key(pCorrFrom, newID), []byte(id), false); err != nil {
			return err
		}
		return w.logCorrection(Correction{Kind: CorrectionSplit, Official: id, Other: newID, Articles: arts, Note: note, At: at})
	})
	if err != nil {
		return "", err
	}
	return newID, nil
}

// RenameOfficial sets the display name of official id, overriding the one
// derived from its mentions, now and after any re-load. One transaction.
func (g *Graph) RenameOfficial(ctx context.Context, id, name, note string) error {
	at := now()
	name = strings.TrimSpace(name)
	return g.update(ctx, func(w *writer) error {
		w.g.corr = corrSome // before the writes: a failed one only costs lookups
		if name == "" {
			return badCorrection("rename %q: empty name", id)
		}
		st, err := w.liveOfficial("id", id)
		if err != nil {
			return err
		}
		if err := w.put(key(pCorrName, id), []byte(name), false); err != nil {
			return err
		}
		if err := w.refresh(st); err != nil {
			return err
		}
		return w.logCorrection(Correction{Kind: CorrectionRename, Official: id, Name: name, Note: note, At: at})
	})
}

// Corrections lists the stored corrections in the order they were made.
func (g *Graph) Corrections(ctx context.Context) ([]Correction, error) {
	var out []Correction
	err := g.s.View(ctx, func(tx ReadTx) error {
		out = nil
		return tx.Scan(ctx, []byte(pCorrLog), nil, func(k, v []byte) (bool, error) {
			var c Correction
			if err := decode(v, &c); err != nil {
				return false, fmt.Errorf("correction %s: %w", k[len(pCorrLog):], err)
			}
			out = append(out, c)
			return true, nil
		})
	})
	return out, err
}

// now is the correction timestamp, taken outside the transaction because a
// Store may run the transaction more than once.
func now() string { return time.Now().UTC().Format(time.RFC3339) }

// liveOfficial loads an official that must exist.
func (w *writer) liveOfficial(arg, id string) (*recState, error) {
	if KindOf(id) != KindOfficial {
		return nil, badCorrection("%s: %q is not an official id", arg, id)
	}
	st, err := w.load(id)
	if err != nil {
		return nil, err
	}
	if !st.live() {
		return nil, badCorrection("%s: no official %q", arg, id)
	}
	return st, nil
}

// repoint makes what article a said about official from say it about to:
// the article's list of officials, and the participants and signatories of
// its meeting and agreement contributions (references to officials are
// resolved within one article, so only its own contributions can hold one).
func (w *writer) repoint(a, from, to string) error {
	rec, err := w.article(a)
	if err != nil {
		return fmt.Errorf("article %q: %w", a, err)
	}
	swap := func(ids []string) ([]string, bool) {
		s := stringSet{}
		found := false
		for _, x := range ids {
			if x == from {
				x, found = to, true
			}
			s.add(x)
		}
		return s.sorted(), found
	}
	ids := stringSet{}
	ids.add(rec.Meetings...)
	ids.add(rec.Agreements...)
	for _, id := range ids.sorted() {
		st, err := w.load(id)
		if err != nil {
			return err
		}
		for i := range st.cs {
			c := &st.cs[i]
			if c.Article != a {
				continue
			}
			// Bodies may be shared with the record cache: change copies.
			var found bool
			switch {
			case c.Meet != nil:
				body := *c.Meet
				if body.Participants, found = swap(body.Participants); found {
					c.Meet = &body
				}
			case c.Agr != nil:
				body := *c.Agr
				if body.Signatories, found = swap(body.Signatories); found {
					c.Agr = &body
				}
			}
			if found {
				st.touched[string(contribKey(id, c.Article, c.Seq))] = *c
				st.dirty, st.stale, st.shrunk = true, true, true
			}
		}
	}
	// The article keeps from only if some contribution of it is still there.
	fst, err := w.load(from)
	if err != nil {
		return err
	}
	still := false
	for _, c := range fst.cs {
		still = still || c.Article == a
	}
	offs := stringSet{}
	for _, x := range rec.Officials {
		if x != from || still {
			offs.add(x)
		}
	}
	offs.add(to)
	rec.Officials = offs.sorted()
	return w.put(key(pArticle, a), encode(rec), false)
}

// mergeCorrections carries the corrections about drop over to keep before
// drop is merged into it (kst holds keep with drop's contributions): its
// pins become keep's, pins, redirects and split origins naming drop name
// keep (a split of keep from drop, or of drop from keep, is undone), and drop's
// rename goes (keep's name stands). A pin that split keep's own mentions
// off to drop goes, since the merge joins them again; so does one of drop's
// for an article that also mentions keep, since a pin is per (article,
// official) and would carry keep's mention off too.
func (w *writer) mergeCorrections(kst *recState, drop string) error {
	keep := kst.id
	mentions := stringSet{}
	for _, c := range kst.cs {
		mentions.add(c.Article)
	}
	type kv struct{ k, v string }
	var pins, merges []kv
	scan := func(prefix string, out *[]kv) error {
		return w.rtx.Scan(w.ctx, []byte(prefix), nil, func(k, v []byte) (bool, error) {
			*out = append(*out, kv{string(k), string(v)})
			return true, nil
		})
	}
	// Corrections are written only here and in the other corrections, one
	// per transaction, so the snapshot holds them all.
	if err := scan(pCorrPin, &pins); err != nil {
		return err
	}
	if err := scan(pCorrMerge, &merges); err != nil {
		return err
	}
	// Pins after the merge: drop's become keep's and those to drop go to
	// keep, except where that would make a pin to itself (the merge undoes
	// the split), give keep's mention in the article away with drop's, take
	// the place of a pin keep has, or close a loop among the article's pins
	// (each article's pins form a forest, and resolution follows them).
	type pinKey struct{ art, src string }
	var order []pinKey
	cur := map[pinKey]string{}
	for _, p := range pins {
		parts := splitKey([]byte(p.k), pCorrPin)
		if len(parts) != 2 {
			return fmt.Errorf("malformed split pin %q", printable([]byte(p.k)))
		}
		k := pinKey{parts[0], parts[1]}
		order = append(order, k)
		cur[k] = p.v
	}
	next := map[pinKey]string{}
	for k, dst := range cur {
		if k.src != drop && dst != drop {
			next[k] = dst
		}
	}
	for _, k := range order {
		dst := cur[k]
		if k.src != drop && dst != drop {
			continue
		}
		nk, ndst := k, dst
		if nk.src == drop {
			nk.src = keep
		}
		if ndst == drop {
			ndst = keep
		}
		if _, taken := next[nk]; taken || nk.src == ndst || (k.src == drop && mentions[k.art]) {
			continue
		}
		next[nk] = ndst
		for id, n := ndst, 0; n <= len(next); n++ {
			to, ok := next[pinKey{k.art, id}]
			if !ok {
				break
			}
			if to == nk.src || id == nk.src {
				delete(next, nk)
				break
			}
			id = to
		}
	}
	for _, k := range order {
		if _, ok := next[k]; !ok {
			if err := w.del(key(pCorrPin, k.art, k.src), false); err != nil {
				return err
			}
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(next), func(a, b pinKey) int {
		return strings.Compare(a.art+sep+a.src, b.art+sep+b.src)
	}) {
		if dst, ok := cur[k]; !ok || dst != next[k] {
			if err := w.put(key(pCorrPin, k.art, k.src), []byte(next[k]), false); err != nil {
				return err
			}
		}
	}
	var froms []kv
	if err := scan(pCorrFrom, &froms); err != nil {
		return err
	}
	// Origins after the merge: drop's own goes, keep's goes if it is drop,
	// those naming drop name keep, unless that closes a loop (keep split,
	// directly or not, from the official now pointed at it: origins are a
	// forest, and resolution follows them).
	origins := map[string]string{}
	for _, f := range froms {
		origins[string([]byte(f.k)[len(pCorrFrom):])] = f.v
	}
	for _, f := range froms {
		from := string([]byte(f.k)[len(pCorrFrom):])
		if from == drop || (from == keep && f.v == drop) {
			delete(origins, from)
		}
	}
	for _, f := range froms {
		from := string([]byte(f.k)[len(pCorrFrom):])
		if origins[from] != drop {
			continue
		}
		origins[from] = keep
		for id, n := keep, 0; id != "" && n <= len(origins); id, n = origins[id], n+1 {
			if id == from {
				delete(origins, from)
				break
			}
		}
	}
	for _, f := range froms {
		from := string([]byte(f.k)[len(pCorrFrom):])
		to, ok := origins[from]
		switch {
		case !ok:
			if err := w.del([]byte(f.k), false); err != nil {
				return err
			}
		case to != f.v:
			if err := w.put([]byte(f.k), []byte(to), false); err != nil {
				return err
			}
		}
	}
	for _, m := range merges {
		if m.v == drop {
			if err := w.put([]byte(m.k), []byte(keep), false); err != nil {
				return err
			}
		}
	}
	if _, err := w.get(key(pCorrName, drop)); err == nil {
		return w.del(key(pCorrName, drop), false)
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	return nil
}

func (w *writer) logCorrection(c Correction) error {
	n := 0
	err := w.rtx.Scan(w.ctx, []byte(pCorrLog), nil, func(_, _ []byte) (bool, error) {
		n++
		return true, nil
	})
	if err != nil {
		return err
	}
	c.Seq = n + 1
	return w.put(key(pCorrLog, fmt.Sprintf("%08d", c.Seq)), encode(&c), false)
}

// corrState says whether the store holds any correction, so that
// resolution, which runs for every mention, skips the lookups in the usual
// case of none. It is found out once, from the first writer's snapshot, and
// set by every correction; writers hold Graph.mu, and only the Graph writes
// its store (as for the record cache).
type corrState uint8

const (
	corrUnknown corrState = iota
	corrNone
	corrSome
)

// anyCorrections reads or finds out the graph's corrState.
func (w *writer) anyCorrections() (bool, error) {
	if w.g.corr == corrUnknown {
		found := false
		err := w.rtx.Scan(w.ctx, []byte("x"), nil, func(_, _ []byte) (bool, error) {
			found = true
			return false, nil
		})
		if err != nil {
			return false, err
		}
		w.g.corr = corrNone
		if found {
			w.g.corr = corrSome
		}
	}
	return w.g.corr == corrSome, nil
}

// resolveCorrected is resolveOfficial honouring the corrections: the
// official the rules find, then, in turn, the article's split pin for it,
// the merge redirect for it, and (unless a pin led there) the official it
// was split from (see backToOrigin), until none applies.
func (w *writer) resolveCorrected(article string, m *OfficialMention) (string, error) {
	id, err := w.resolveOfficial(m)
	if err != nil || id == "" {
		return id, err
	}
	if some, err := w.anyCorrections(); err != nil || !some {
		return id, err
	}
	seen, pinned := map[string]bool{}, false
	var path []string
	for !seen[id] {
		seen[id] = true
		path = append(path, id)
		next, err := w.get(key(pCorrPin, article, id))
		if err == nil {
			id, pinned = string(next), true
			path = append(path, "pin")
			continue
		}
		if errors.Is(err, ErrNotFound) {
			next, err = w.get(key(pCorrMerge, id))
			if err == nil {
				path = append(path, "merge")
			}
		}
		if errors.Is(err, ErrNotFound) && !pinned {
			next, err = w.get(key(pCorrFrom, id))
			if err == nil {
				path = append(path, "origin")
				back, err := w.backToOrigin(article, id, string(next), m)
				if err != nil || !back {
					return id, err
				}
			}
		}
		if errors.Is(err, ErrNotFound) {
			return id, nil
		}
		if err != nil {
			return "", err
		}
		id = string(next)
	}
	return "", fmt.Errorf("corrections loop at official %q: %s", id, strings.Join(path, " → "))
}

// backToOrigin says whether a mention the resolver put on id, which was
// split off from origin, goes to origin instead: when it shares a name key
// with origin (the split left both with those names, and the resolver's
// choice between them is by id, arbitrary), unless the article is one the
// split moved to id. A mention by other names (ones id got later, from a
// merge) or by title alone stays.
func (w *writer) backToOrigin(article, id, origin string, m *OfficialMention) (bool, error) {
	to, err := w.get(key(pCorrPin, article, origin))
	if err == nil && string(to) == id {
		return false, nil
	}
	if err != nil && !errors.Is(err, ErrNotFound) {
		return false, err
	}
	ost, err := w.load(origin)
	if err != nil || !ost.live() {
		return false, err
	}
	forms := make([]string, 0, len(m.Names)+1)
	for _, n := range m.Names {
		forms = append(forms, n.Text)
	}
	forms = append(forms, m.Latin)
	for _, f := range forms {
		if strings.TrimSpace(f) != "" && ost.strict[nameKey(f)] {
			return true, nil
		}
	}
	return false, nil
}

// corrected is correctRecord over the writer's view of the store.
func (w *writer) corrected(pub any) (any, error) { return correctRecord(w.get, pub) }

// correctRecord applies the corrections to a freshly derived record: the
// rename of an official, which sets its Name and adds the form to its Names
// (English for Latin script, Arabic for Arabic) if no article used it. Check derives through it too, so a renamed record
// is not stale.
func correctRecord(get func([]byte) ([]byte, error), pub any) (any, error) {
	o, ok := pub.(*Official)
	if !ok {
		return pub, nil
	}
	name, err := get(key(pCorrName, o.ID))
	if errors.Is(err, ErrNotFound) {
		return pub, nil
	}
	if err != nil {
		return nil, err
	}
	o.Name = string(name)
	for _, n := range o.Names {
		if n.Text == o.Name {
			return o, nil
		}
	}
	// The analyst's form joins the names, so that it is searchable and
	// later mentions spelled that way resolve to the official.
	lang := LangEnglish
	if !isLatin(o.Name) && strings.ContainsFunc(o.Name, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) {
		lang = LangArabic
	}
	o.Names = append(o.Names, Name{Text: o.Name, Lang: lang})
	return o, nil
}

// checkCorrections adds a problem for every correction the graph no longer
// honours: a merged-away official that exists again, a redirect or pin
// loop, an article still contributing to an official it was split from, a
// malformed correction record.
func checkCorrections(ctx context.Context, tx ReadTx, records map[string]bool, add func(kind, id, format string, args ...any)) error {
	merges := map[string]string{}
	err := tx.Scan(ctx, []byte(pCorrMerge), nil, func(k, v []byte) (bool, error) {
		drop := string(k[len(pCorrMerge):])
		merges[drop] = string(v)
		if records[drop] {
			add(ProblemCorrection, drop, "merged into %q, but exists again", v)
		}
		return true, nil
	})
	if err != nil {
		return err
	}
	drops := make([]string, 0, len(merges))
	for d := range merges {
		drops = append(drops, d)
	}
	sort.Strings(drops)
	for _, d := range drops {
		seen := map[string]bool{}
		for id := d; merges[id] != ""; id = merges[id] {
			if seen[id] {
				add(ProblemCorrection, d, "merge redirects loop")
				break
			}
			seen[id] = true
		}
	}
	origins := map[string]string{}
	err = tx.Scan(ctx, []byte(pCorrFrom), nil, func(k, v []byte) (bool, error) {
		origins[string(k[len(pCorrFrom):])] = string(v)
		return true, nil
	})
	if err != nil {
		return err
	}
	for _, from := range slices.Sorted(maps.Keys(origins)) {
		for id, n := origins[from], 0; id != "" && n <= len(origins); id, n = origins[id], n+1 {
			if id == from {
				add(ProblemCorrection, from, "split origins loop")
				break
			}
		}
	}
	pins := map[[2]string]string{} // (article, official) → official
	err = tx.Scan(ctx, []byte(pCorrPin), nil, func(k, v []byte) (bool, error) {
		parts := splitKey(k, pCorrPin)
		if len(parts) != 2 {
			add(ProblemCorrection, printable(k), "malformed split pin")
			return true, nil
		}
		pins[[2]string{parts[0], parts[1]}] = string(v)
		if string(v) == parts[1] {
			add(ProblemCorrection, printable(k), "split pin to itself")
		}
		found := false
		err := tx.Scan(ctx, keyDir(pContrib, parts[1], parts[0]), nil, func(_, _ []byte) (bool, error) {
			found = true
			return false, nil
		})
		if found {
			add(ProblemCorrection, parts[1], "article %q was split off to %q but still contributes", parts[0], v)
		}
		return err == nil, err
	})
	if err != nil {
		return err
	}
	for _, k := range slices.SortedFunc(maps.Keys(pins), func(a, b [2]string) int {
		return strings.Compare(a[0]+sep+a[1], b[0]+sep+b[1])
	}) {
		for id, n := pins[k], 0; n <= len(pins); n++ {
			if id == k[1] {
				add(ProblemCorrection, k[1], "split pins of article %q loop", k[0])
				break
			}
			to, ok := pins[[2]string{k[0], id}]
			if !ok {
				break
			}
			id = to
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(pins), func(a, b [2]string) int {
		return strings.Compare(a[0]+sep+a[1], b[0]+sep+b[1])
	}) {
		for id, n := pins[k], 0; n <= len(pins); n++ {
			if id == k[1] {
				add(ProblemCorrection, k[1], "split pins of article %q loop", k[0])
				break
			}
			to, ok := pins[[2]string{k[0], id}]
			if !ok {
				break
			}
			id = to
		}
	}
	return tx.Scan(ctx, []byte(pCorrLog), nil, func(k, v []byte) (bool, error) {
		var c Correction
		if err := decode(v, &c); err != nil {
			add(ProblemDecode, printable(k), "correction: %v", err)
		}
		return true, nil
	})
}
