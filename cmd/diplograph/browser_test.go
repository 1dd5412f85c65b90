package main

// Browser tests: the real diplograph binary serves the bundled examples and
// Debian's headless Chromium, driven by chromedp, uses the explorer and
// GraphiQL as an analyst would. They skip only when no Chromium is installed
// and CI is unset; in CI a missing Chromium fails them.
//
// Screenshots go to testout/browser/<test>/ at the repository root (ignored
// by git), or to $DIPLOGRAPH_TESTOUT/<test>/ when that is set.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browserPath finds Chromium: $CHROMIUM, then the usual names on $PATH.
func browserPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium not found, and CI is set: the browser tests must run (apt-get install -y chromium)")
	}
	t.Skip("chromium not found (apt-get install -y chromium); skipped outside CI")
	return ""
}

var (
	browserBinOnce sync.Once
	browserBin     string
	browserBinErr  error
)

// browserBinary builds cmd/diplograph once per test run: the browser tests
// drive the real binary, not an in-process stand-in.
func browserBinary(t *testing.T) string {
	t.Helper()
	browserBinOnce.Do(func() {
		dir, err := os.MkdirTemp("", "diplograph-browser-")
		if err != nil {
			browserBinErr = err
			return
		}
		goCmd, err := exec.LookPath("go")
		if err != nil {
			goCmd = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		browserBin = filepath.Join(dir, "diplograph")
		out, err := exec.Command(goCmd, "build", "-o", browserBin, ".").CombinedOutput()
		if err != nil {
			browserBinErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if browserBinErr != nil {
		t.Fatal(browserBinErr)
	}
	return browserBin
}

// browserServe runs `diplograph serve` on a free loopback port until the test
// ends and returns its base URL.
func browserServe(t *testing.T, args ...string) string {
	t.Helper()
	bin := browserBinary(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	var logs bytes.Buffer
	var mu sync.Mutex
	w := writerFunc(func(p []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return logs.Write(p) })
	cmd := exec.Command(bin, append([]string{"serve", "--data", t.TempDir(), "--addr", addr}, args...)...)
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			t.Error("serve did not shut down on SIGINT")
		}
		if t.Failed() {
			mu.Lock()
			t.Logf("server log:\n%s", lastLines(logs.String(), 40))
			mu.Unlock()
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			mu.Lock()
			defer mu.Unlock()
			t.Fatalf("serve exited: %v\n%s", err, logs.String())
		default:
		}
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("serve did not answer /healthz")
	return ""
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// browserGQL posts a query to the server, for facts the test checks the page against.
func browserGQL(t *testing.T, base, q string, vars map[string]any, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r struct {
		Data   json.RawMessage   `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(raw, &r); err != nil || len(r.Errors) > 0 {
		t.Fatalf("graphql: %s: %v %s", resp.Status, err, raw)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		t.Fatal(err)
	}
}

// page is one Chromium tab with the requests it made and its console errors.
type page struct {
	t    *testing.T
	ctx  context.Context
	out  string
	mu   sync.Mutex
	reqs []string
	errs []string
}

// browserOpen starts headless Chromium with a fresh profile and no network
// side traffic, and returns a tab.
func browserOpen(t *testing.T) *page {
	t.Helper()
	exe := browserPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	p := &page{t: t, ctx: ctx, out: browserOutDir(t)}
	// Start the browser and the tab first, then subscribe.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	go func() {
		for ev, err := range chromedp.Events(ctx, network.RequestWillBeSent) {
			if err != nil {
				return
			}
			p.mu.Lock()
			p.reqs = append(p.reqs, ev.Request.URL)
			p.mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, cdpruntime.ExceptionThrown) {
			if err != nil {
				return
			}
			msg := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
			p.mu.Lock()
			p.errs = append(p.errs, msg)
			p.mu.Unlock()
		}
	}()
	return p
}

func browserOutDir(t *testing.T) string {
	root := os.Getenv("DIPLOGRAPH_TESTOUT")
	if root == "" {
		root = filepath.Join("..", "..", "testout", "browser")
	}
	dir := filepath.Join(root, t.Name())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	t.Logf("screenshots in %s", abs)
	return dir
}

func (p *page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.shot("failure")
		p.t.Fatal(err)
	}
}

// eval runs JavaScript (awaiting a promise result) and decodes the value.
func eval[T any](p *page, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.shot("failure")
		p.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is truthy.
func (p *page) waitFor(what, js string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		p.shot("failure")
		p.t.Fatalf("waiting for %s (%s): %v", what, js, err)
	}
}

// idle waits until the explorer has no request, layout or animation pending.
func (p *page) idle() {
	p.t.Helper()
	eval[bool](p, `diplograph.idle().then(() => new Promise((r) => setTimeout(r, 350))).then(() => diplograph.idle()).then(() => true)`)
}

func (p *page) shot(name string) {
	b, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(p.out, name+".png"), b, 0o644); err != nil {
		p.t.Log(err)
	}
}

func (p *page) clickXY(x, y float64) {
	p.t.Helper()
	p.do(chromedp.MouseClickXY(x, y))
}

// offsite lists the requests that went anywhere but the test server.
func (p *page) offsite(base string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var bad []string
	for _, u := range p.reqs {
		if strings.HasPrefix(u, base+"/") || u == base || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
			continue
		}
		bad = append(bad, u)
	}
	return bad
}

func (p *page) exceptions() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.errs)
}

type xy struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// drawnEdge is what diplograph.edgesOf returns.
type drawnEdge struct {
	ID      string `json:"id"`
	Visible bool   `json:"visible"`
}

// TestBrowserExplorer walks issue 5's scenario on the bundled examples.
func TestBrowserExplorer(t *testing.T) {
	browserPath(t) // skip early, before building anything
	base := browserServe(t, "--load", filepath.Join("..", "..", "examples"))

	// What the API says, which the page must show.
	var facts struct {
		Meetings struct {
			Nodes []struct {
				ID           string
				Date         string
				Topics       []string
				Countries    []struct{ Code string }
				Participants []struct{ ID, Name string }
				Sources      []struct{ Sentence string }
			}
		}
	}
	browserGQL(t, base, `{ meetings(between: ["LY", "DZ"], from: "2021-11-28", to: "2021-11-28") {
		nodes { id date topics countries { code } participants { id name } sources { sentence } } } }`, nil, &facts)
	if len(facts.Meetings.Nodes) != 1 {
		t.Fatalf("the examples should hold one LY–DZ meeting on 2021-11-28, the API has %d", len(facts.Meetings.Nodes))
	}
	meeting := facts.Meetings.Nodes[0]
	var parties []string
	for _, c := range meeting.Countries {
		parties = append(parties, c.Code)
	}
	var mazen, beldjoud string
	for _, o := range meeting.Participants {
		switch {
		case strings.Contains(o.Name, "Mazen"):
			mazen = o.ID
		case strings.Contains(o.Name, "Beldjoud") || strings.Contains(o.Name, "Beljoud"):
			beldjoud = o.ID
		}
	}
	if mazen == "" || beldjoud == "" {
		t.Fatalf("the meeting's participants are %+v, want Khaled Mazen and Kamel Beldjoud", meeting.Participants)
	}

	p := browserOpen(t)
	p.do(chromedp.Navigate(base + "/"))
	eval[bool](p, `diplograph.ready.then(() => true)`)
	p.shot("01-start")

	// Search in Arabic script; the suggestion names Khaled Mazen.
	p.do(chromedp.SendKeys(chromedp.ID("q"), "مازن"))
	p.waitFor("a suggestion for مازن", fmt.Sprintf(`!!document.querySelector('#suggestions li[data-id=%q]')`, mazen))
	sugg := eval[string](p, `document.getElementById('suggestions').textContent`)
	if !strings.Contains(sugg, "Mazen") {
		t.Errorf("suggestions for مازن = %q, want Khaled Mazen", sugg)
	}
	p.shot("02-suggestions")
	p.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#suggestions li[data-id=%q]`, mazen))))
	p.idle()
	p.waitFor("Mazen's panel", `document.querySelector('#panel h2.title')?.textContent.includes('Mazen')`)

	// The neighbourhood shows Kamel Beldjoud, joined to Mazen by the meeting.
	labels := eval[[]string](p, `diplograph.cy.nodes(':visible').map((n) => n.data('label'))`)
	if !slices.ContainsFunc(labels, func(l string) bool { return strings.Contains(l, "Beldjoud") || strings.Contains(l, "Beljoud") }) {
		t.Fatalf("after picking Mazen the graph shows %q, want Kamel Beldjoud", labels)
	}
	if eval[bool](p, fmt.Sprintf(`diplograph.model.anchors.includes(%q)`, mazen)) != true {
		t.Errorf("Mazen was not expanded")
	}
	p.shot("03-mazen")

	// Expand Beldjoud with a real click on his node.
	c := eval[*xy](p, fmt.Sprintf(`diplograph.renderedCenter(%q)`, beldjoud))
	if c == nil {
		t.Fatal("Beldjoud's node is not drawn")
	}
	p.clickXY(c.X, c.Y)
	p.idle()
	p.waitFor("Beldjoud expanded", fmt.Sprintf(`diplograph.model.anchors.includes(%q)`, beldjoud))
	p.waitFor("Beldjoud's panel", `/Beldjoud|Beljoud/.test(document.querySelector('#panel h2.title')?.textContent)`)
	p.shot("04-beldjoud-expanded")

	// Open the meeting with a click on its edge, then read the evidence.
	edges := eval[[]drawnEdge](p, fmt.Sprintf(`diplograph.edgesOf(%q)`, meeting.ID))
	edge := ""
	for _, e := range edges {
		if e.Visible && strings.Contains(e.ID, mazen) && strings.Contains(e.ID, beldjoud) {
			edge = e.ID
		}
	}
	if edge == "" {
		t.Fatalf("no drawn edge between Mazen and Beldjoud carries meeting %s: %+v", meeting.ID, edges)
	}
	// Bring the edge to the middle of the view so that nothing covers it.
	eval[bool](p, fmt.Sprintf(`(() => { const e = diplograph.cy.getElementById(%q); diplograph.cy.zoom(1.2); diplograph.cy.center(e); return true })()`, edge))
	p.idle()
	// Click where the renderer's own hit test finds the edge: its midpoint,
	// else a point further along it (a label or a crossing edge may lie on
	// the midpoint).
	c = eval[*xy](p, fmt.Sprintf(`(() => {
		const cy = diplograph.cy, e = cy.getElementById(%q), box = document.getElementById('cy').getBoundingClientRect();
		const s = e.source().renderedPosition(), t = e.target().renderedPosition(), m = e.renderedMidpoint();
		const pts = [m, ...[0.4, 0.6, 0.3, 0.7].map((k) => ({ x: s.x + k * (t.x - s.x), y: s.y + k * (t.y - s.y) }))];
		const hit = (p) => { try { return cy.renderer().findNearestElement(p.x, p.y, true, false)?.id() === e.id(); } catch { return false; } };
		const p = pts.find(hit) ?? m;
		return { x: box.left + p.x, y: box.top + p.y };
	})()`, edge))
	p.clickXY(c.X, c.Y)
	p.idle()
	if eval[string](p, `document.getElementById('panel').dataset.kind || ''`) == "edge" {
		// The edge stands for several events: pick the meeting from its list.
		p.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#panel button[data-event=%q]`, meeting.ID))))
	}
	p.waitFor("the meeting's panel", fmt.Sprintf(`document.getElementById('panel').dataset.kind === 'meeting' && document.querySelector('#panel dd.date')?.textContent === %q`, meeting.Date))
	evidence := eval[[]string](p, `[...document.querySelectorAll('#panel .evidence')].map((e) => e.textContent)`)
	for _, s := range meeting.Sources {
		if !slices.Contains(evidence, s.Sentence) {
			t.Errorf("panel evidence %q lacks the source sentence %q", evidence, s.Sentence)
		}
	}
	rtl := eval[int](p, `[...document.querySelectorAll('#panel .evidence')].filter((e) => /[\u0600-\u06FF]/.test(e.textContent) && getComputedStyle(e).direction === 'rtl').length`)
	arabic := eval[int](p, `[...document.querySelectorAll('#panel .evidence')].filter((e) => /[\u0600-\u06FF]/.test(e.textContent)).length`)
	if arabic == 0 || rtl != arabic {
		t.Errorf("%d Arabic evidence sentences, %d of them right-to-left; want at least one, all rtl", arabic, rtl)
	}
	if n := eval[int](p, `document.querySelectorAll('#panel .source a.article-link, #panel .source button.ref').length`); n == 0 {
		t.Error("the sources have no link to their article")
	}
	p.shot("05-meeting")

	// The timeline of the selection holds the meeting; a date filter that
	// excludes 2021 hides it from the graph and from the timeline.
	if !eval[bool](p, fmt.Sprintf(`!!document.querySelector('#timeline button[data-event=%q]')`, meeting.ID)) {
		t.Error("the timeline does not show the meeting")
	}
	before := eval[int](p, fmt.Sprintf(`diplograph.cy.getElementById(%q).data('count')`, edge))
	eval[bool](p, `(() => { const d = document.getElementById('date-from'); d.value = '2022-01-01'; d.dispatchEvent(new Event('change', {bubbles: true})); return true })()`)
	p.idle()
	if eval[bool](p, fmt.Sprintf(`diplograph.eventShown(%q)`, meeting.ID)) {
		t.Error("with dates from 2022-01-01 the 2021-11-28 meeting is still drawn")
	}
	// Its edge between Mazen and Beldjoud counts one event less.
	if after := eval[int](p, fmt.Sprintf(`(() => { const e = diplograph.cy.getElementById(%q); return e.visible() ? e.data('count') : 0 })()`, edge)); after >= before {
		t.Errorf("the Mazen–Beldjoud edge counts %d events with the filter, %d without", after, before)
	}
	if eval[bool](p, fmt.Sprintf(`!!document.querySelector('#timeline button[data-event=%q]')`, meeting.ID)) {
		t.Error("with dates from 2022-01-01 the timeline still shows the 2021 meeting")
	}
	if !strings.Contains(eval[string](p, `location.hash`), "from=2022-01-01") {
		t.Error("the URL does not hold the date filter")
	}
	p.shot("06-filtered-2022")
	// The whole span brings it back: the filter, not something else, hid it.
	p.do(chromedp.Click(chromedp.ID("dates-reset")))
	p.idle()
	if !eval[bool](p, fmt.Sprintf(`diplograph.eventShown(%q)`, meeting.ID)) {
		t.Error("after resetting the dates the meeting is not drawn again")
	}

	// The kind filter: hiding visits hides this visit.
	p.do(chromedp.Click(chromedp.CSS(`#kinds input[data-kind="visit"]`)))
	p.idle()
	if eval[bool](p, fmt.Sprintf(`diplograph.eventShown(%q)`, meeting.ID)) {
		t.Error("with visits unticked the visit is still drawn")
	}
	p.do(chromedp.Click(chromedp.CSS(`#kinds input[data-kind="visit"]`)))
	p.idle()

	// Clicking the meeting in the timeline selects its edge in the graph.
	p.do(chromedp.Click(chromedp.CSS(`#panel button[data-id=` + fmt.Sprintf("%q", mazen) + `]`)))
	p.idle()
	p.waitFor("Mazen's panel again", `document.getElementById('panel').dataset.kind === 'official'`)
	if n := eval[int](p, `document.querySelectorAll('#panel .connections button').length`); n == 0 {
		t.Error("Mazen's panel lists no connections in the view")
	}
	p.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#timeline button[data-event=%q]`, meeting.ID))))
	p.idle()
	p.waitFor("the meeting selected from the timeline", fmt.Sprintf(`document.getElementById('panel').dataset.kind === 'meeting' && diplograph.cy.edges(':selected').some((e) => diplograph.edgesOf(%q).some((x) => x.id === e.id()))`, meeting.ID))
	p.shot("07-timeline-pick")

	// A country's panel ranks its partners by meetings: Algeria's include Libya.
	p.do(chromedp.Click(chromedp.CSS(`#panel button[data-code="DZ"]`)))
	p.waitFor("Algeria's partners", `document.getElementById('panel').dataset.kind === 'country' && [...document.querySelectorAll('#panel .partners li')].some((li) => li.querySelector('[data-code="LY"]'))`)
	p.shot("08-country")

	// Expanding Algeria with a click on its node brings its other meetings.
	dz := eval[string](p, `diplograph.cy.nodes('[kind = "country"]').filter((n) => n.id().split(/[:/]/).pop() === 'DZ').map((n) => n.id())[0] ?? ''`)
	if dz == "" {
		t.Fatal("Algeria is not in the view")
	}
	c = eval[*xy](p, fmt.Sprintf(`(() => { diplograph.cy.center(diplograph.cy.getElementById(%q)); return diplograph.renderedCenter(%q) })()`, dz, dz))
	p.clickXY(c.X, c.Y)
	p.idle()
	p.waitFor("Algeria expanded", fmt.Sprintf(`diplograph.model.anchors.includes(%q)`, dz))
	p.shot("09-algeria-expanded")

	// The country and topic filters: a party or a topic of the meeting keeps
	// it, another hides it. The options come from what the view holds.
	selectOption := func(sel, value string) {
		eval[bool](p, fmt.Sprintf(`(() => { const s = document.querySelector(%q); s.value = %q; s.dispatchEvent(new Event('change', {bubbles: true})); return s.value === %q })()`, sel, value, value))
		p.idle()
	}
	for _, f := range []struct {
		sel  string
		keep []string
	}{{"#country-filter", parties}, {"#topic-filter", meeting.Topics}} {
		options := eval[[]string](p, fmt.Sprintf(`[...document.querySelectorAll('%s option')].map((o) => o.value).filter(Boolean)`, f.sel))
		t.Logf("%s: tried %d options %q; the meeting has %q", f.sel, len(options), options, f.keep)
		for _, o := range options {
			selectOption(f.sel, o)
			if shown, want := eval[bool](p, fmt.Sprintf(`diplograph.eventShown(%q)`, meeting.ID)), slices.Contains(f.keep, o); shown != want {
				t.Errorf("%s = %q: meeting shown = %v, want %v (its values: %q)", f.sel, o, shown, want, f.keep)
			}
		}
		if len(f.keep) > 0 && !slices.Contains(options, f.keep[0]) {
			t.Errorf("%s offers %q, not the meeting's %q", f.sel, options, f.keep[0])
		}
		selectOption(f.sel, "")
	}

	// Double-click focuses a node: the rest of the graph fades.
	c = eval[*xy](p, fmt.Sprintf(`(() => { diplograph.cy.fit(undefined, 40); return diplograph.renderedCenter(%q) })()`, mazen))
	p.do(chromedp.MouseClickXY(c.X, c.Y), chromedp.MouseClickXY(c.X, c.Y, chromedp.ClickCount(2)))
	p.idle()
	p.waitFor("focus on Mazen", fmt.Sprintf(`diplograph.state.focus === %q && diplograph.cy.elements('.faded').length > 0`, mazen))
	if !strings.Contains(eval[string](p, `location.hash`), "focus=") {
		t.Error("the URL does not hold the focus")
	}

	// Names in Arabic.
	p.do(chromedp.Click(chromedp.CSS(`.lang input[value="ar"]`)))
	p.idle()
	p.waitFor("Arabic labels", fmt.Sprintf(`/[\u0600-\u06FF]/.test(diplograph.cy.getElementById(%q).data('label'))`, mazen))
	p.shot("10-arabic")

	// The URL reproduces the view in a new page.
	hash := eval[string](p, `location.hash`)
	for _, want := range []string{"open=", "lang=ar", url.QueryEscape(mazen)} {
		if !strings.Contains(hash, want) {
			t.Errorf("URL hash %q lacks %q", hash, want)
		}
	}
	anchors := eval[[]string](p, `diplograph.model.anchors`)
	p.do(chromedp.Navigate("about:blank"), chromedp.Navigate(base+"/"+hash))
	eval[bool](p, `diplograph.ready.then(() => true)`)
	p.idle()
	if got := eval[[]string](p, `diplograph.model.anchors`); !slices.Equal(got, anchors) {
		t.Errorf("after reload the expanded nodes are %q, want %q", got, anchors)
	}
	if got := eval[string](p, `document.querySelector('input[name="lang"]:checked').value`); got != "ar" {
		t.Errorf("after reload the language is %q, want ar", got)
	}
	p.shot("11-restored")

	// Exports: the PNG and JSON buttons download the current view.
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(p.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
	}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Click(chromedp.ID("export-png")), chromedp.Click(chromedp.ID("export-json")))
	png := browserDownload(t, filepath.Join(downloads, "diplograph.png"))
	_ = os.WriteFile(filepath.Join(p.out, "export.png"), png, 0o644)
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 1000 {
		t.Errorf("the PNG export is %d bytes and no PNG", len(png))
	}
	var exported struct {
		Nodes []struct{ ID string }
		Edges []struct{ ID string }
	}
	if err := json.Unmarshal(browserDownload(t, filepath.Join(downloads, "diplograph.json")), &exported); err != nil {
		t.Fatalf("JSON export: %v", err)
	}
	if len(exported.Nodes) == 0 || !slices.ContainsFunc(exported.Edges, func(e struct{ ID string }) bool { return e.ID == meeting.ID }) {
		t.Errorf("JSON export has %d nodes and lacks meeting %s", len(exported.Nodes), meeting.ID)
	}

	// GraphiQL, from the binary, runs a query.
	p.do(chromedp.Navigate(base + "/graphiql/"))
	p.waitFor("GraphiQL's editor", `!!document.querySelector('.graphiql-query-editor .monaco-editor')`)
	p.waitFor("the schema", `!!document.querySelector('.graphiql-doc-explorer, [aria-label*="Documentation"], .graphiql-sidebar')`)
	p.do(chromedp.Click(chromedp.CSS(`.graphiql-execute-button`)))
	p.waitFor("a response", `/Khaled Mazen|Mazen/.test(document.querySelector('.graphiql-response')?.textContent ?? '')`)
	p.shot("12-graphiql")
	// Autocomplete: type a field prefix and ask Monaco for suggestions.
	browserGraphiQLAutocomplete(t, p)

	if bad := p.offsite(base); len(bad) > 0 {
		t.Errorf("requests left the server: %q", bad)
	}
	p.mu.Lock()
	n := len(p.reqs)
	p.mu.Unlock()
	if n == 0 {
		t.Error("no request was seen: the network check checked nothing")
	}
	if errs := p.exceptions(); len(errs) > 0 {
		t.Errorf("uncaught exceptions in the page: %q", errs)
	}
}

// browserDownload waits for a downloaded file to be complete and reads it.
func browserDownload(t *testing.T, path string) []byte {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		// Chromium writes to a .crdownload file and renames it when done.
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			return b
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s was not downloaded", filepath.Base(path))
	return nil
}

// browserGraphiQLAutocomplete types "{ coun" in a fresh line of GraphiQL's
// editor and expects Monaco's suggestion widget to offer "countries", which
// needs the introspection query to pass the server's depth limit.
func browserGraphiQLAutocomplete(t *testing.T, p *page) {
	t.Helper()
	p.do(chromedp.Click(chromedp.CSS(`.graphiql-query-editor .view-lines`)))
	// Select all and type a new document; Monaco closes the brace itself.
	p.do(chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	p.do(chromedp.KeyEvent("{ coun"))
	p.do(chromedp.KeyEvent(" ", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	p.waitFor("an autocomplete suggestion", `[...document.querySelectorAll('.suggest-widget .monaco-list-row')].some((r) => r.textContent.includes('countries'))`)
	p.shot("13-graphiql-autocomplete")
}

// TestBrowserLargeNeighbourhood draws a generated neighbourhood of about
// 2,000 nodes through the explorer's test hook and reports (never asserts)
// the time to first render and the frame times while panning and zooming.
func TestBrowserLargeNeighbourhood(t *testing.T) {
	browserPath(t)
	base := browserServe(t)
	sub := browserSyntheticGraph(2000, 6000, 1)
	raw, err := json.Marshal(sub)
	if err != nil {
		t.Fatal(err)
	}
	p := browserOpen(t)
	p.do(chromedp.Navigate(base + "/"))
	eval[bool](p, `diplograph.ready.then(() => true)`)

	render := eval[struct {
		Nodes        int     `json:"nodes"`
		Edges        int     `json:"edges"`
		FirstFrameMS float64 `json:"firstFrameMS"`
		Layout       string  `json:"layout"`
		SyncMS       float64 `json:"syncMS"`
		LayoutMS     float64 `json:"layoutMS"`
	}](p, fmt.Sprintf(`(async () => {
		const sub = %s;
		const t0 = performance.now();
		const done = diplograph.loadSubgraph(sub, sub.nodes[0].id);
		await done;
		await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
		const t2 = performance.now();
		return { nodes: diplograph.cy.nodes(':visible').length, edges: diplograph.cy.edges(':visible').length,
		         firstFrameMS: t2 - t0, layout: diplograph.view.lastLayout,
		         syncMS: diplograph.view.timings.sync, layoutMS: diplograph.view.timings.layoutRun };
	})()`, raw))
	if render.Nodes < 1900 {
		t.Fatalf("drew %d nodes, want about 2000", render.Nodes)
	}
	t.Logf("2,000-node neighbourhood: %d nodes, %d edges drawn; load+layout+first frame %.0f ms (adding elements %.0f ms, %s layout %.0f ms, the rest drawing)", render.Nodes, render.Edges, render.FirstFrameMS, render.SyncMS, render.Layout, render.LayoutMS)
	p.shot("01-2000-nodes")

	// Frame times while the viewport moves every frame, each frame a full
	// redraw: programmatic pan, then zoom in and out around the centre.
	type frames struct {
		N    int     `json:"n"`
		Mean float64 `json:"mean"`
		P50  float64 `json:"p50"`
		P95  float64 `json:"p95"`
		Max  float64 `json:"max"`
	}
	measure := func(kind string) frames {
		return eval[frames](p, fmt.Sprintf(`(async () => {
			const cy = diplograph.cy;
			const ts = [];
			const n = 90;
			await new Promise((resolve) => {
				let i = 0;
				const step = (t) => {
					ts.push(t);
					if (%q === 'pan') cy.panBy({ x: i < n / 2 ? 6 : -6, y: i < n / 2 ? 3 : -3 });
					else cy.zoom({ level: cy.zoom() * (i < n / 2 ? 1.02 : 1 / 1.02), renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
					if (++i <= n) requestAnimationFrame(step); else resolve();
				};
				requestAnimationFrame(step);
			});
			const d = ts.slice(1).map((t, i) => t - ts[i]).sort((a, b) => a - b);
			const q = (p) => d[Math.min(d.length - 1, Math.floor(p * d.length))];
			return { n: d.length, mean: d.reduce((a, b) => a + b, 0) / d.length, p50: q(0.5), p95: q(0.95), max: d[d.length - 1] };
		})()`, kind))
	}
	for _, kind := range []string{"pan", "zoom"} {
		f := measure(kind)
		t.Logf("%s: %d frames, mean %.1f ms (%.0f fps), p50 %.1f, p95 %.1f, max %.1f ms", kind, f.N, f.Mean, 1000/f.Mean, f.P50, f.P95, f.Max)
	}
	// Real input through DevTools: a mouse drag, then wheel steps, while the
	// page records its frames. Here the renderer may draw a cached texture
	// of the view while the viewport moves (textureOnViewport).
	// The drag starts on the background (dragging a node is another gesture).
	box := eval[xy](p, `(() => {
		const b = document.getElementById('cy').getBoundingClientRect();
		const cy = diplograph.cy;
		for (let y = 0.3; y < 0.9; y += 0.05) for (let x = 0.2; x < 0.8; x += 0.05) {
			const p = { x: b.width * x, y: b.height * y };
			const hit = cy.nodes(':visible').some((n) => { const bb = n.renderedBoundingBox(); return p.x > bb.x1 - 4 && p.x < bb.x2 + 4 && p.y > bb.y1 - 4 && p.y < bb.y2 + 4; });
			if (!hit) return { x: b.left + p.x, y: b.top + p.y };
		}
		return { x: b.left + 5, y: b.top + 5 };
	})()`)
	// Each recording has its own array, so a loop left from the previous one stops.
	record := `(() => { const mine = window.__frames = []; (function f(t) { if (window.__frames !== mine) return; mine.push(t); requestAnimationFrame(f); })(performance.now()); return true })()`
	stop := `(() => { const ts = window.__frames; window.__frames = null;
		const d = ts.slice(1).map((t, i) => t - ts[i]).sort((a, b) => a - b);
		const q = (p) => d[Math.min(d.length - 1, Math.floor(p * d.length))];
		return { n: d.length, mean: d.reduce((a, b) => a + b, 0) / d.length, p50: q(0.5), p95: q(0.95), max: d[d.length - 1] } })()`
	eval[bool](p, record)
	p.do(chromedp.MouseEvent(chromedp.MousePressed, box.X, box.Y, chromedp.ButtonType(input.MouseButtonLeft), chromedp.ClickCount(1)))
	for i := 1; i <= 30; i++ {
		p.do(chromedp.MouseEvent(chromedp.MouseMoved, box.X+float64(4*i), box.Y+float64(2*i), chromedp.ButtonType(input.MouseButtonLeft)))
	}
	p.do(chromedp.MouseEvent(chromedp.MouseReleased, box.X+120, box.Y+60, chromedp.ButtonType(input.MouseButtonLeft), chromedp.ClickCount(1)))
	f := eval[frames](p, stop)
	t.Logf("mouse drag (30 moves): %d frames, mean %.1f ms, p50 %.1f, p95 %.1f, max %.1f ms", f.N, f.Mean, f.P50, f.P95, f.Max)
	eval[bool](p, record)
	// A zero deltaX is left out of the JSON, which the browser refuses.
	wheel := func(e *input.DispatchMouseEventParams) { e.DeltaX, e.DeltaY = 1e-6, -60 }
	for range 20 {
		p.do(chromedp.MouseEvent(chromedp.MouseWheel, box.X, box.Y, wheel))
	}
	f = eval[frames](p, stop)
	t.Logf("wheel zoom (20 steps): %d frames, mean %.1f ms, p50 %.1f, p95 %.1f, max %.1f ms", f.N, f.Mean, f.P50, f.P95, f.Max)
	p.shot("02-after-pan-zoom")
	if errs := p.exceptions(); len(errs) > 0 {
		t.Errorf("uncaught exceptions in the page: %q", errs)
	}
	if bad := p.offsite(base); len(bad) > 0 {
		t.Errorf("requests left the server: %q", bad)
	}
}

type synthNode struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
}

type synthEdge struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Source string `json:"source"`
	Target string `json:"target"`
	Label  string `json:"label,omitempty"`
	Date   string `json:"date,omitempty"`
}

// browserSyntheticGraph makes a Subgraph shaped like a real neighbourhood of
// a busy ministry: 2% countries, 10% ministries, the rest officials each with
// a country and a ministry; most events join officials of two countries that
// meet often, a few join any two officials.
func browserSyntheticGraph(n, events int, seed uint64) map[string]any {
	r := rand.New(rand.NewPCG(seed, seed))
	var nodes []synthNode
	var edges []synthEdge
	nc, nm := max(2, n/50), max(4, n/10)
	for i := range nc {
		nodes = append(nodes, synthNode{fmt.Sprintf("C%02d", i), "country", fmt.Sprintf("Country %d", i)})
	}
	for i := range nm {
		id := fmt.Sprintf("ministry:C%02d:p%d", i%nc, i)
		nodes = append(nodes, synthNode{id, "ministry", fmt.Sprintf("Ministry %d of Country %d", i, i%nc)})
		edges = append(edges, synthEdge{ID: "member:" + id, Kind: "member", Source: id, Target: fmt.Sprintf("C%02d", i%nc)})
	}
	byCountry := make([][]string, nc)
	for i := range n - nc - nm {
		id := fmt.Sprintf("official:%d", i)
		m := r.IntN(nm)
		byCountry[m%nc] = append(byCountry[m%nc], id)
		nodes = append(nodes, synthNode{id, "official", fmt.Sprintf("Official Number %d", i)})
		edges = append(edges, synthEdge{ID: "role:" + id, Kind: "role", Source: id, Target: fmt.Sprintf("ministry:C%02d:p%d", m%nc, m), Label: "Minister"})
	}
	pick := func(c int) string { return byCountry[c][r.IntN(len(byCountry[c]))] }
	kinds := []string{"visit", "meeting", "call", "summit"}
	for i := range events {
		c := r.IntN(nc)
		d := (c + 1 + r.IntN(2)) % nc // neighbouring countries meet most
		if i%10 == 0 {
			d = r.IntN(nc)
		}
		if c == d || len(byCountry[c]) == 0 || len(byCountry[d]) == 0 {
			continue
		}
		kind, label := "meeting", kinds[r.IntN(len(kinds))]
		if i%5 == 0 {
			kind, label = "agreement", "cooperation"
		}
		date := fmt.Sprintf("%d-%02d-%02d", 2018+r.IntN(8), 1+r.IntN(12), 1+r.IntN(28))
		edges = append(edges, synthEdge{ID: fmt.Sprintf("%s:%d", kind, i), Kind: kind, Source: pick(c), Target: pick(d), Label: label, Date: date})
	}
	return map[string]any{"nodes": nodes, "edges": edges}
}
