package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"text/tabwriter"
	"time"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
)

const correctSynopsis = `SUBCOMMAND [--data DIR | --server URL --token T] [--note TEXT] ARGS

  merge KEEP DROP        fold official DROP into KEEP
  split ID ARTICLE...    move ID's mentions in these articles to a new official
  rename ID NAME...      set ID's display name (the words after ID, joined)
  list [--json]          print the stored corrections
`

// cmdCorrect makes an analyst's correction of officials, in the store
// (--data, the server must not be running on it: Badger locks its
// directory) or through a running server's GraphQL API (--server, with the
// write token).
func cmdCorrect(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "correct", correctSynopsis)
	data := fs.String("data", "", "store directory (default ./data or $DIPLOGRAPH_DATA)")
	server := fs.String("server", "", "correct through a running diplograph server instead of opening the store")
	token := fs.String("token", "", "write token for --server (default $DIPLOGRAPH_TOKEN)")
	note := fs.String("note", "", "why: kept with the correction")
	asJSON := fs.Bool("json", false, "list: one JSON object per line")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: missing subcommand (merge, split, rename or list)", errUsage)
	}
	sub, rest := pos[0], pos[1:]
	// Before the store is opened (or created).
	if err := correctArgs(sub, rest); err != nil {
		return err
	}
	if *server != "" {
		if *data != "" {
			return fmt.Errorf("%w: --data and --server exclude each other", errUsage)
		}
		rc, err := newRemoteCorrector(*server, tokenOr(*token), sub != "list")
		if err != nil {
			return err
		}
		return runCorrect(ctx, e, rc, sub, rest, *note, *asJSON)
	}
	return withGraph(ctx, e, dataDir(*data), func(g *graph.Graph, _ *badgerstore.Store) error {
		return runCorrect(ctx, e, localCorrector{g}, sub, rest, *note, *asJSON)
	})
}

// correctArgs checks the arguments of a subcommand.
func correctArgs(sub string, args []string) error {
	switch sub {
	case "merge":
		if len(args) != 2 {
			return fmt.Errorf("%w: merge KEEP DROP: want 2 official ids, got %d arguments", errUsage, len(args))
		}
	case "split":
		if len(args) < 2 {
			return fmt.Errorf("%w: split ID ARTICLE...: want an official id and at least one article id", errUsage)
		}
	case "rename":
		if len(args) < 2 {
			return fmt.Errorf("%w: rename ID NAME: want an official id and a name", errUsage)
		}
	case "list":
		if len(args) != 0 {
			return fmt.Errorf("%w: list takes no arguments", errUsage)
		}
	default:
		return fmt.Errorf("%w: unknown subcommand %q (merge, split, rename or list)", errUsage, sub)
	}
	return nil
}

// runCorrect runs a subcommand whose arguments correctArgs accepted.
func runCorrect(ctx context.Context, e *env, c corrector, sub string, args []string, note string, asJSON bool) error {
	switch sub {
	case "merge":
		o, err := c.merge(ctx, args[0], args[1], note)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "merged %s into %s (%s)\n", args[1], o.ID, o.Name)
	case "split":
		o, err := c.split(ctx, args[0], args[1:], note)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "split %s: the mentions in %s are now %s (%s)\n", args[0], strings.Join(args[1:], ", "), o.ID, o.Name)
	case "rename":
		name := strings.Join(args[1:], " ")
		o, err := c.rename(ctx, args[0], name, note)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "renamed %s to %s\n", o.ID, o.Name)
	case "list":
		cs, err := c.list(ctx)
		if err != nil {
			return err
		}
		return printCorrections(e.stdout, cs, asJSON)
	}
	return nil
}

func printCorrections(w io.Writer, cs []graph.Correction, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, c := range cs {
			if err := enc.Encode(c); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tAT\tKIND\tOFFICIAL\tDETAIL\tNOTE")
	for _, c := range cs {
		var detail string
		switch c.Kind {
		case graph.CorrectionMerge:
			detail = "absorbed " + c.Other
		case graph.CorrectionSplit:
			detail = "→ " + c.Other + " (" + strings.Join(c.Articles, ", ") + ")"
		case graph.CorrectionRename:
			detail = fmt.Sprintf("%q", c.Name)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", c.Seq, c.At, c.Kind, c.Official, detail, c.Note)
	}
	return tw.Flush()
}

// corrector makes corrections in a store or through a server; each returns
// the official the correction leaves (kept, created, renamed).
type corrector interface {
	merge(ctx context.Context, keep, drop, note string) (officialRef, error)
	split(ctx context.Context, id string, articles []string, note string) (officialRef, error)
	rename(ctx context.Context, id, name, note string) (officialRef, error)
	list(ctx context.Context) ([]graph.Correction, error)
}

type officialRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type localCorrector struct{ g *graph.Graph }

func (l localCorrector) official(ctx context.Context, id string) (officialRef, error) {
	var ref officialRef
	err := l.g.View(ctx, func(r graph.Reader) error {
		o, err := r.Official(id)
		if err != nil {
			return fmt.Errorf("official %q: %w", id, err)
		}
		ref = officialRef{ID: o.ID, Name: o.Name}
		return nil
	})
	return ref, err
}

func (l localCorrector) merge(ctx context.Context, keep, drop, note string) (officialRef, error) {
	if err := l.g.MergeOfficials(ctx, keep, drop, note); err != nil {
		return officialRef{}, err
	}
	return l.official(ctx, keep)
}

func (l localCorrector) split(ctx context.Context, id string, articles []string, note string) (officialRef, error) {
	nid, err := l.g.SplitOfficial(ctx, id, articles, note)
	if err != nil {
		return officialRef{}, err
	}
	return l.official(ctx, nid)
}

func (l localCorrector) rename(ctx context.Context, id, name, note string) (officialRef, error) {
	if err := l.g.RenameOfficial(ctx, id, name, note); err != nil {
		return officialRef{}, err
	}
	return l.official(ctx, id)
}

func (l localCorrector) list(ctx context.Context) ([]graph.Correction, error) {
	return l.g.Corrections(ctx)
}

// remoteCorrector sends the corrections as GraphQL mutations to a server.
type remoteCorrector struct {
	endpoint string
	token    string
	client   *http.Client
}

func newRemoteCorrector(server, token string, write bool) (*remoteCorrector, error) {
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: --server %q is not an http(s) URL", errUsage, server)
	}
	if write && token == "" {
		return nil, fmt.Errorf("%w: --server needs the write token for corrections (--token or $DIPLOGRAPH_TOKEN)", errUsage)
	}
	return &remoteCorrector{
		endpoint: strings.TrimRight(server, "/") + "/graphql",
		token:    token,
		client:   &http.Client{Timeout: time.Minute},
	}, nil
}

// do posts one GraphQL request and decodes its data into out.
func (r *remoteCorrector) do(ctx context.Context, query string, vars map[string]any, out any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.endpoint, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return err
	}
	var res struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		return fmt.Errorf("server said %s: %s", resp.Status, bytes.TrimSpace(raw))
	}
	if len(res.Errors) > 0 {
		msgs := make([]string, len(res.Errors))
		for i, e := range res.Errors {
			msgs[i] = e.Message
			if c, ok := e.Extensions["code"].(string); ok {
				msgs[i] += " (" + c + ")"
			}
		}
		return fmt.Errorf("server said %s: %s", resp.Status, strings.Join(msgs, "; "))
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("server said %s: %s", resp.Status, bytes.TrimSpace(raw))
	}
	return json.Unmarshal(res.Data, out)
}

// mutate runs a mutation whose single field returns an Official.
func (r *remoteCorrector) mutate(ctx context.Context, field, query string, vars map[string]any) (officialRef, error) {
	var out map[string]*officialRef
	if err := r.do(ctx, query, vars, &out); err != nil {
		return officialRef{}, err
	}
	if out[field] == nil {
		return officialRef{}, errors.New("server returned no official")
	}
	return *out[field], nil
}

func (r *remoteCorrector) merge(ctx context.Context, keep, drop, note string) (officialRef, error) {
	return r.mutate(ctx, "mergeOfficials",
		`mutation($keep: ID!, $drop: ID!, $note: String) { mergeOfficials(keep: $keep, drop: $drop, note: $note) { id name } }`,
		map[string]any{"keep": keep, "drop": drop, "note": note})
}

func (r *remoteCorrector) split(ctx context.Context, id string, articles []string, note string) (officialRef, error) {
	return r.mutate(ctx, "splitOfficial",
		`mutation($id: ID!, $articles: [ID!]!, $note: String) { splitOfficial(id: $id, articles: $articles, note: $note) { id name } }`,
		map[string]any{"id": id, "articles": articles, "note": note})
}

func (r *remoteCorrector) rename(ctx context.Context, id, name, note string) (officialRef, error) {
	return r.mutate(ctx, "renameOfficial",
		`mutation($id: ID!, $name: String!, $note: String) { renameOfficial(id: $id, name: $name, note: $note) { id name } }`,
		map[string]any{"id": id, "name": name, "note": note})
}

func (r *remoteCorrector) list(ctx context.Context) ([]graph.Correction, error) {
	var out struct {
		Corrections []struct {
			Seq      int
			Kind     string
			Official string
			Other    *string
			Articles []string
			Name     *string
			Note     *string
			At       string
		}
	}
	err := r.do(ctx, `{ corrections { seq kind official other articles name note at } }`, nil, &out)
	if err != nil {
		return nil, err
	}
	deref := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	cs := make([]graph.Correction, len(out.Corrections))
	for i, c := range out.Corrections {
		cs[i] = graph.Correction{Seq: c.Seq, Kind: c.Kind, Official: c.Official, Other: deref(c.Other),
			Articles: c.Articles, Name: deref(c.Name), Note: deref(c.Note), At: c.At}
	}
	return cs, nil
}
