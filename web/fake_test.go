package web

import (
	"context"
	"errors"
	"time"

	"diplograph/graph"
)

// fakeViewer is a store double behind schema.Viewer: a tiny fixed graph,
// with hooks to make reads slow, blocking or failing. The schema package's
// own tests run against the real graph; here only the HTTP layer is tested.
type fakeViewer struct {
	// entered, if set, receives once per View before the read runs.
	entered chan struct{}
	// release, if set, blocks Countries until it is closed.
	release chan struct{}
	// sleep makes Countries sleep (fake time under synctest).
	sleep time.Duration
	// fail makes Countries fail with this error.
	fail error
}

func (v *fakeViewer) View(ctx context.Context, fn func(graph.Reader) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if v.entered != nil {
		select {
		case v.entered <- struct{}{}:
		default:
		}
	}
	return fn(fakeReader{v})
}

var fakeCountries = []*graph.Country{
	{Code: "DZ", Names: map[string]string{"en": "Algeria", "ar": "الجزائر", "fr": "Algérie"}},
	{Code: "LY", Names: map[string]string{"en": "Libya", "ar": "ليبيا", "fr": "Libye"}},
}

type fakeReader struct{ v *fakeViewer }

func (r fakeReader) Countries() ([]*graph.Country, error) {
	if r.v.release != nil {
		<-r.v.release
	}
	if r.v.sleep > 0 {
		time.Sleep(r.v.sleep)
	}
	if r.v.fail != nil {
		return nil, r.v.fail
	}
	return fakeCountries, nil
}

func (r fakeReader) Country(code string) (*graph.Country, error) {
	for _, c := range fakeCountries {
		if c.Code == code {
			return c, nil
		}
	}
	return nil, graph.ErrNotFound
}

func (fakeReader) Ministry(string) (*graph.Ministry, error)       { return nil, graph.ErrNotFound }
func (fakeReader) MinistriesOf(string) ([]*graph.Ministry, error) { return nil, nil }
func (fakeReader) Official(string) (*graph.Official, error)       { return nil, graph.ErrNotFound }
func (fakeReader) Meeting(string) (*graph.Meeting, error)         { return nil, graph.ErrNotFound }
func (fakeReader) Agreement(string) (*graph.Agreement, error)     { return nil, graph.ErrNotFound }
func (fakeReader) Article(string) (*graph.Article, error)         { return nil, graph.ErrNotFound }
func (fakeReader) Search(string, int) ([]graph.Hit, error)        { return nil, nil }
func (fakeReader) Neighborhood(string, int, int) (*graph.Subgraph, error) {
	return nil, graph.ErrNotFound
}

func (fakeReader) Officials(graph.OfficialFilter, graph.Page) ([]*graph.Official, graph.PageInfo, error) {
	return nil, graph.PageInfo{}, nil
}

func (fakeReader) Meetings(graph.EventFilter, graph.Page) ([]*graph.Meeting, graph.PageInfo, error) {
	return nil, graph.PageInfo{}, nil
}

func (fakeReader) Agreements(graph.EventFilter, graph.Page) ([]*graph.Agreement, graph.PageInfo, error) {
	return nil, graph.PageInfo{}, nil
}

func (fakeReader) Articles(graph.Page) ([]*graph.Article, graph.PageInfo, error) {
	return nil, graph.PageInfo{}, nil
}

var errDisk = errors.New("badger: read /var/lib/diplograph/000042.vlog: input/output error")
