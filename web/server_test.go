package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"testing/synctest"
	"time"

	gqlerrors "github.com/graph-gophers/graphql-go/errors"
	"github.com/rs/zerolog"

	"diplograph/schema"
)

var testAssets = fstest.MapFS{
	"explorer/index.html":       {Data: []byte("<title>explorer</title>")},
	"explorer/explorer.js":      {Data: []byte("console.log('explorer')")},
	"explorer/vendor/cy.js":     {Data: []byte("// no index.html here")},
	"graphiql/index.html":       {Data: []byte("<title>graphiql</title>")},
	"graphiql/graphiql.js":      {Data: []byte("console.log('graphiql')")},
	"secret.txt":                {Data: []byte("TOP SECRET")},
	"THIRD_PARTY_NOTICES.txt":   {Data: []byte("notices")},
	"explorer/../secret2.txt":   {Data: []byte("never")},
	"graphiql/sub/notindex.txt": {Data: []byte("x")},
	"graphiql/big.js":           {Data: []byte(strings.Repeat("console.log('a large bundle');\n", 200))},
}

// logBuf is a concurrency-safe log sink.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newTest(t testing.TB, cfg Config, v *fakeViewer, loader Loader) (*Server, *logBuf) {
	t.Helper()
	if cfg.Assets == nil {
		cfg.Assets = testAssets
	}
	if v == nil {
		v = &fakeViewer{}
	}
	logs := &logBuf{}
	s, err := newServer(cfg, v, loader, zerolog.New(logs))
	if err != nil {
		t.Fatal(err)
	}
	return s, logs
}

// do runs one request through the full handler.
func do(s *Server, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	return w
}

func post(body, contentType string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

type gqlResp struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func decode(t *testing.T, w *httptest.ResponseRecorder) gqlResp {
	t.Helper()
	var g gqlResp
	if err := json.Unmarshal(w.Body.Bytes(), &g); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, w.Body)
	}
	return g
}

func TestGraphQLTransport(t *testing.T) {
	s, _ := newTest(t, Config{}, nil, nil)
	const q = `{"query":"{ countries { code } }"}`
	big := `{"query":"{ countries { code } }","variables":{"pad":"` + strings.Repeat("x", 1<<20) + `"}}`
	tests := []struct {
		name     string
		req      *http.Request
		status   int
		wantCode string // extensions.code of the first error, "" for none
		wantBody string
	}{
		{"post json", post(q, "application/json"), 200, "", `"code":"DZ"`},
		{"post json charset", post(q, "application/json; charset=utf-8"), 200, "", `"code":"LY"`},
		{"post text/plain", post(q, "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE", ""},
		{"post form", post("query=%7Bcountries%7Bcode%7D%7D", "application/x-www-form-urlencoded"), 415, "UNSUPPORTED_MEDIA_TYPE", ""},
		{"post no content type", post(q, ""), 415, "UNSUPPORTED_MEDIA_TYPE", ""},
		{"post batch", post(`[`+q+`,`+q+`]`, "application/json"), 400, "BAD_REQUEST", "batched"},
		{"post bad json", post(`{"query":`, "application/json"), 400, "BAD_REQUEST", ""},
		{"post trailing data", post(q+q, "application/json"), 400, "BAD_REQUEST", ""},
		{"post no query", post(`{}`, "application/json"), 400, "BAD_REQUEST", ""},
		{"post variables not object", post(`{"query":"{countries{code}}","variables":[1]}`, "application/json"), 400, "BAD_REQUEST", ""},
		{"post 1 MB", post(big, "application/json"), 413, schema.CodeLimit, "bodySize"},
		{"get query", httptest.NewRequest("GET", "/graphql?query="+url.QueryEscape("{ countries { code } }"), nil), 200, "", `"code":"DZ"`},
		{"get mutation", httptest.NewRequest("GET", "/graphql?query="+url.QueryEscape("mutation { load }"), nil), 405, "METHOD_NOT_ALLOWED", ""},
		{"get mutation after query", httptest.NewRequest("GET", "/graphql?operationName=A&query="+url.QueryEscape("query A { countries { code } } mutation B { x }"), nil), 405, "METHOD_NOT_ALLOWED", ""},
		{"get subscription", httptest.NewRequest("GET", "/graphql?query="+url.QueryEscape("subscription { x }"), nil), 405, "METHOD_NOT_ALLOWED", ""},
		{"put", httptest.NewRequest("PUT", "/graphql", strings.NewReader(q)), 405, "METHOD_NOT_ALLOWED", ""},
		{"delete", httptest.NewRequest("DELETE", "/graphql", nil), 405, "METHOD_NOT_ALLOWED", ""},
		{"syntax error is 200 with code", post(`{"query":"{ countries { "}`, "application/json"), 200, schema.CodeParse, ""},
		{"malformed escape is a syntax error", post(`{"query":"\"\\700\" { countries { code } }"}`, "application/json"), 200, schema.CodeParse, "malformed string escape"},
		{"unknown field", post(`{"query":"{ nope }"}`, "application/json"), 200, schema.CodeValidation, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := do(s, tc.req)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			g := decode(t, w)
			if tc.wantCode == "" && len(g.Errors) > 0 {
				t.Errorf("unexpected errors: %s", w.Body)
			}
			if tc.wantCode != "" && (len(g.Errors) == 0 || g.Errors[0].Extensions["code"] != tc.wantCode) {
				t.Errorf("want error code %s: %s", tc.wantCode, w.Body)
			}
			if !strings.Contains(w.Body.String(), tc.wantBody) {
				t.Errorf("body lacks %q: %s", tc.wantBody, w.Body)
			}
			if w.Code == 405 && w.Header().Get("Allow") == "" {
				t.Error("405 without Allow")
			}
		})
	}
}

func TestQueryLengthLimit(t *testing.T) {
	// A 20 KB query fits the body limit but not MaxQueryLength (16 KiB).
	s, _ := newTest(t, Config{}, nil, nil)
	query := "{ countries { code } }" + strings.Repeat(" ", 20<<10)
	body, _ := json.Marshal(map[string]string{"query": query})
	w := do(s, post(string(body), "application/json"))
	g := decode(t, w)
	if w.Code != 200 || len(g.Errors) != 1 || g.Errors[0].Extensions["limit"] != schema.LimitQueryLength {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
}

func TestCrossOrigin(t *testing.T) {
	s, _ := newTest(t, Config{}, nil, nil)
	const q = `{"query":"{ countries { code } }"}`
	tests := []struct {
		name   string
		header map[string]string
		status int
	}{
		{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-site other origin", map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"same-origin", map[string]string{"Sec-Fetch-Site": "same-origin"}, 200},
		{"no browser headers (curl)", nil, 200},
		{"origin mismatch without fetch metadata", map[string]string{"Origin": "https://evil.example"}, 403},
		{"origin matches host", map[string]string{"Origin": "http://example.com"}, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := post(q, "application/json")
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			w := do(s, r)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != "" {
				t.Errorf("CORS is closed by default, got Access-Control-Allow-Origin %q", got)
			}
		})
	}
}

func TestCORSAllowOrigins(t *testing.T) {
	const allowed = "https://analyst.example"
	s, _ := newTest(t, Config{AllowOrigins: []string{allowed}}, nil, nil)

	pre := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
	pre.Header.Set("Origin", allowed)
	pre.Header.Set("Access-Control-Request-Method", "POST")
	pre.Header.Set("Access-Control-Request-Headers", "content-type")
	w := do(s, pre)
	if w.Code != 204 || w.Header().Get("Access-Control-Allow-Origin") != allowed || !strings.Contains(w.Header().Get("Access-Control-Allow-Headers"), "Content-Type") {
		t.Fatalf("preflight: %d %v", w.Code, w.Header())
	}

	r := post(`{"query":"{ countries { code } }"}`, "application/json")
	r.Header.Set("Origin", allowed)
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	w = do(s, r)
	if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != allowed {
		t.Fatalf("allowed origin: %d %v %s", w.Code, w.Header(), w.Body)
	}

	r = post(`{"query":"{ countries { code } }"}`, "application/json")
	r.Header.Set("Origin", "https://evil.example")
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	w = do(s, r)
	if w.Code != 403 || w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("other origin: %d %v", w.Code, w.Header())
	}

	if _, err := newServer(Config{AllowOrigins: []string{"*"}, Assets: testAssets}, &fakeViewer{}, nil, zerolog.Nop()); err == nil {
		t.Error("AllowOrigins accepted a wildcard")
	}
}

// recLoader records what it was asked to load.
type recLoader struct {
	name string
	body string
	err  error
}

func (l *recLoader) LoadReader(ctx context.Context, name string, r io.Reader) (any, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	l.name, l.body = name, string(b)
	if l.err != nil {
		return map[string]int{"loaded": 0}, l.err
	}
	return map[string]int{"loaded": strings.Count(l.body, "\n")}, nil
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return b.Bytes()
}

func TestLoad(t *testing.T) {
	const token = "s3cret-token"
	const lines = "{\"id\":\"a1\"}\n{\"id\":\"a2\"}\n"
	load := func(method, auth, ct, enc string, body []byte) *http.Request {
		r := httptest.NewRequest(method, "/api/load?name=../../etc/passwd", bytes.NewReader(body))
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		if enc != "" {
			r.Header.Set("Content-Encoding", enc)
		}
		return r
	}
	bomb := gz(strings.Repeat("{}\n", 1<<20)) // 3 MiB inflated, a few KB sent
	tests := []struct {
		name      string
		cfgToken  string
		loaderErr error
		req       *http.Request
		status    int
		wantBody  string
		loaded    bool
	}{
		{"no token configured", "", nil, load("POST", "Bearer "+token, "application/x-ndjson", "", []byte(lines)), 403, "disabled", false},
		{"missing header", token, nil, load("POST", "", "application/x-ndjson", "", []byte(lines)), 401, "", false},
		{"wrong token", token, nil, load("POST", "Bearer s3cret-tokeN", "application/x-ndjson", "", []byte(lines)), 401, "", false},
		{"token prefix", token, nil, load("POST", "Bearer s3cret", "application/x-ndjson", "", []byte(lines)), 401, "", false},
		{"basic auth", token, nil, load("POST", "Basic "+token, "application/x-ndjson", "", []byte(lines)), 401, "", false},
		{"GET", token, nil, load("GET", "Bearer "+token, "", "", nil), 405, "", false},
		{"text/plain", token, nil, load("POST", "Bearer "+token, "text/plain", "", []byte(lines)), 415, "", false},
		{"brotli", token, nil, load("POST", "Bearer "+token, "application/x-ndjson", "br", []byte(lines)), 415, "", false},
		{"ok jsonl", token, nil, load("POST", "Bearer "+token, "application/x-ndjson", "", []byte(lines)), 200, `"loaded":2`, true},
		{"ok lower-case bearer", token, nil, load("POST", "bearer "+token, "application/json", "", []byte(lines)), 200, `"loaded":2`, true},
		{"ok gzip", token, nil, load("POST", "Bearer "+token, "application/x-ndjson", "gzip", gz(lines)), 200, `"loaded":2`, true},
		{"not gzip", token, nil, load("POST", "Bearer "+token, "application/x-ndjson", "gzip", []byte(lines)), 400, "gzip", false},
		{"truncated gzip", token, nil, load("POST", "Bearer "+token, "application/x-ndjson", "gzip", gz(lines)[:20]), 400, "truncated", false},
		{"too large", token, nil, load("POST", "Bearer "+token, "application/x-ndjson", "", []byte(strings.Repeat("{}\n", 1<<19))), 413, "", false},
		{"gzip bomb", token, nil, load("POST", "Bearer "+token, "application/x-ndjson", "gzip", bomb), 413, "", false},
		{"rejected input", token, fmt.Errorf("request:7: id: empty: %w", ErrRejected), load("POST", "Bearer "+token, "application/x-ndjson", "", []byte(lines)), 422, "request:7", true},
		{"internal error", token, errDisk, load("POST", "Bearer "+token, "application/x-ndjson", "", []byte(lines)), 500, "internal error", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := &recLoader{err: tc.loaderErr}
			s, logs := newTest(t, Config{Token: tc.cfgToken, MaxLoadBytes: 1 << 20}, nil, l)
			w := do(s, tc.req)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if !strings.Contains(w.Body.String(), tc.wantBody) {
				t.Errorf("body lacks %q: %s", tc.wantBody, w.Body)
			}
			if tc.loaded != (l.body != "") {
				t.Errorf("loader called: %v, want %v", l.body != "", tc.loaded)
			}
			if tc.loaded && (l.body != lines || l.name != "passwd") {
				t.Errorf("loader got name %q body %q", l.name, l.body)
			}
			if w.Code == 401 && !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
				t.Error("401 without WWW-Authenticate: Bearer")
			}
			if strings.Contains(w.Body.String(), "vlog") {
				t.Errorf("internal detail leaked: %s", w.Body)
			}
			if tc.loaderErr == errDisk && !strings.Contains(logs.String(), "000042.vlog") {
				t.Errorf("internal detail not logged: %s", logs)
			}
		})
	}
}

func TestReadToken(t *testing.T) {
	if _, err := newServer(Config{ReadToken: true, Assets: testAssets}, &fakeViewer{}, nil, zerolog.Nop()); err == nil {
		t.Fatal("ReadToken without Token accepted")
	}
	s, _ := newTest(t, Config{Token: "tok", ReadToken: true}, nil, nil)
	q := `{"query":"{ countries { code } }"}`
	if w := do(s, post(q, "application/json")); w.Code != 401 {
		t.Fatalf("no token: %d", w.Code)
	}
	r := post(q, "application/json")
	r.Header.Set("Authorization", "Bearer tok")
	if w := do(s, r); w.Code != 200 {
		t.Fatalf("with token: %d %s", w.Code, w.Body)
	}
	// Open reads by default.
	s, _ = newTest(t, Config{Token: "tok"}, nil, nil)
	if w := do(s, post(q, "application/json")); w.Code != 200 {
		t.Fatalf("open reads: %d", w.Code)
	}
}

func TestStatic(t *testing.T) {
	s, _ := newTest(t, Config{}, nil, nil)
	tests := []struct {
		path   string
		status int
		want   string
	}{
		{"/", 200, "<title>explorer</title>"},
		{"/explorer.js", 200, "explorer"},
		{"/graphiql/", 200, "<title>graphiql</title>"},
		{"/graphiql/graphiql.js", 200, "graphiql"},
		{"/graphiql", 307, ""},
		{"/secret.txt", 404, ""},
		{"/../secret.txt", 404, ""},
		{"/%2e%2e/secret.txt", 404, ""},
		{"/graphiql/../secret.txt", 404, ""},
		{"/graphiql/..%2fsecret.txt", 404, ""},
		{"/graphiql/%2e%2e%2fsecret.txt", 404, ""},
		{"/graphiql/%2e%2e/%2e%2e/secret.txt", 404, ""},
		{"/..%5csecret.txt", 404, ""},
		{"/vendor/", 404, ""}, // a directory without index.html: no listing
		{"/graphiql/sub/", 404, ""},
		{"/explorer/index.html", 404, ""},
		{"/healthz", 200, `"ok"`},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.URL.RawPath = ""
			u, err := url.Parse(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			r.URL = u
			r.RequestURI = tc.path
			w := do(s, r)
			// ServeMux cleans ".." by redirecting; follow redirects.
			for i := 0; i < 3 && w.Code/100 == 3 && tc.status/100 != 3; i++ {
				loc, err := u.Parse(w.Header().Get("Location"))
				if err != nil {
					t.Fatal(err)
				}
				u = loc
				r2 := httptest.NewRequest("GET", "/", nil)
				r2.URL = u
				w = do(s, r2)
			}
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if strings.Contains(w.Body.String(), "SECRET") || strings.Contains(w.Body.String(), "never") {
				t.Fatalf("served a file outside the assets: %s", w.Body)
			}
			if !strings.Contains(w.Body.String(), tc.want) {
				t.Errorf("body lacks %q: %s", tc.want, w.Body)
			}
		})
	}
	if w := do(s, httptest.NewRequest("POST", "/explorer.js", nil)); w.Code != 405 {
		t.Errorf("POST to an asset: %d", w.Code)
	}
}

// TestStaticOverTheWire sends raw request lines, which httptest.NewRequest
// would normalise, through a real listener.
func TestStaticOverTheWire(t *testing.T) {
	s, _ := newTest(t, Config{Addr: "127.0.0.1:0"}, nil, nil)
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	for _, p := range []string{"/../secret.txt", "/graphiql/../../secret.txt", "/%2e%2e/secret.txt", "/graphiql/%2e%2e%2f%2e%2e%2fsecret.txt", "/./secret.txt", "//secret.txt"} {
		conn, err := net.Dial("tcp", s.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n", p)
		b, _ := io.ReadAll(conn)
		conn.Close()
		if bytes.Contains(b, []byte("SECRET")) || bytes.HasPrefix(b, []byte("HTTP/1.1 200")) {
			t.Errorf("%s served a file outside the assets:\n%s", p, b)
		}
	}
}

func TestIntrospectionPolicy(t *testing.T) {
	on, off := true, false
	tests := []struct {
		addr string
		flag *bool
		want bool
	}{
		{"127.0.0.1:8080", nil, true},
		{"localhost:8080", nil, true},
		{"[::1]:8080", nil, true},
		{"0.0.0.0:8080", nil, false},
		{":8080", nil, false},
		{"192.0.2.7:8080", nil, false},
		{"0.0.0.0:8080", &on, true},
		{"127.0.0.1:8080", &off, false},
	}
	const intro = `{"query":"{ __schema { queryType { name } } }"}`
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%v", tc.addr, tc.flag != nil), func(t *testing.T) {
			s, _ := newTest(t, Config{Addr: tc.addr, Introspection: tc.flag}, nil, nil)
			if s.Introspection() != tc.want {
				t.Fatalf("Introspection() = %v", s.Introspection())
			}
			w := do(s, post(intro, "application/json"))
			got := strings.Contains(w.Body.String(), `"queryType":{"name":"Query"}`)
			if got != tc.want {
				t.Errorf("introspection answered %v, want %v: %s", got, tc.want, w.Body)
			}
			w = do(s, httptest.NewRequest("GET", "/graphiql/", nil))
			if (w.Code == 200) != tc.want {
				t.Errorf("GraphiQL status %d with introspection %v", w.Code, tc.want)
			}
		})
	}
}

func TestDefaultBind(t *testing.T) {
	s, _ := newTest(t, Config{}, nil, nil)
	if s.cfg.Addr != "127.0.0.1:8080" {
		t.Fatalf("default Addr %q", s.cfg.Addr)
	}
	// Bind the default host on a free port and check the listener.
	s, _ = newTest(t, Config{Addr: "127.0.0.1:0"}, nil, nil)
	if s.URL() != "" {
		t.Error("URL before Open")
	}
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	ip := s.Addr().(*net.TCPAddr).IP
	if !ip.IsLoopback() {
		t.Fatalf("bound %v", ip)
	}
	res, err := http.Get(s.URL() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("healthz %d", res.StatusCode)
	}
	if err := s.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(s.URL() + "/healthz"); err == nil {
		t.Fatal("still serving after Close")
	}
}

func TestConcurrencyCap(t *testing.T) {
	v := &fakeViewer{entered: make(chan struct{}, 1), release: make(chan struct{})}
	s, _ := newTest(t, Config{MaxConcurrent: 1}, v, nil)
	q := `{"query":"{ countries { code } }"}`
	first := make(chan *httptest.ResponseRecorder)
	go func() { first <- do(s, post(q, "application/json")) }()
	<-v.entered // the first request holds the only slot
	w := do(s, post(q, "application/json"))
	if w.Code != 503 || w.Header().Get("Retry-After") == "" {
		t.Fatalf("second request: %d %v %s", w.Code, w.Header(), w.Body)
	}
	if g := decode(t, w); g.Errors[0].Extensions["limit"] != schema.LimitConcurrency {
		t.Errorf("limit not named: %s", w.Body)
	}
	close(v.release)
	if w := <-first; w.Code != 200 {
		t.Fatalf("first request: %d", w.Code)
	}
	if w := do(s, post(q, "application/json")); w.Code != 200 {
		t.Fatalf("after release: %d", w.Code)
	}
}

func TestRequestTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// The store takes an hour; the request has 2s.
		v := &fakeViewer{sleep: time.Hour}
		s, _ := newTest(t, Config{RequestTimeout: 2 * time.Second}, v, nil)
		start := time.Now()
		w := do(s, post(`{"query":"{ countries { code } }"}`, "application/json"))
		if d := time.Since(start); d != 2*time.Second {
			t.Errorf("answered after %v (fake clock), want the 2s timeout", d)
		}
		g := decode(t, w)
		if len(g.Errors) != 1 || g.Errors[0].Extensions["limit"] != schema.LimitTimeout || g.Data != nil && string(g.Data) != "null" {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
		s.schema.Wait() // the stuck read finishes in the background
	})
}

func TestErrorHygiene(t *testing.T) {
	s, logs := newTest(t, Config{}, &fakeViewer{fail: errDisk}, nil)
	r := post(`{"query":"{ countries { code } }"}`, "application/json")
	r.Header.Set("X-Request-Id", "req-42")
	w := do(s, r)
	g := decode(t, w)
	if w.Code != 200 || len(g.Errors) != 1 || g.Errors[0].Message != "internal error" || g.Errors[0].Extensions["code"] != schema.CodeInternal {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if strings.Contains(w.Body.String(), "vlog") || strings.Contains(w.Body.String(), "badger") {
		t.Fatalf("internal detail in the response: %s", w.Body)
	}
	var found bool
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, "000042.vlog") && strings.Contains(line, `"req":"req-42"`) {
			found = true
		}
	}
	if !found {
		t.Fatalf("detail not logged with the request id:\n%s", logs)
	}
	if w.Header().Get("X-Request-Id") != "req-42" {
		t.Errorf("X-Request-Id %q", w.Header().Get("X-Request-Id"))
	}
}

func TestRequestLog(t *testing.T) {
	s, logs := newTest(t, Config{}, nil, nil)
	w := do(s, post(`{"query":"{ countries { code } }"}`, "application/json"))
	id := w.Header().Get("X-Request-Id")
	if !validRequestID(id) {
		t.Fatalf("request id %q", id)
	}
	var entry map[string]any
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) == nil && m["message"] == "request" {
			entry = m
		}
	}
	if entry == nil {
		t.Fatalf("no request log line:\n%s", logs)
	}
	for k, want := range map[string]any{"method": "POST", "path": "/graphql", "status": float64(200), "req": id, "bytes": float64(w.Body.Len())} {
		if entry[k] != want {
			t.Errorf("log %s = %v, want %v", k, entry[k], want)
		}
	}
	if _, ok := entry["duration"]; !ok {
		t.Error("log lacks duration")
	}
	if c, _ := entry["cost"].(float64); c <= 0 {
		t.Errorf("log lacks the query cost: %v", entry)
	}
	// Error codes and the operation name are logged too.
	logs2 := &logBuf{}
	s.log = zerolog.New(logs2)
	do(s, post(`{"query":"query Big { meetings(first: 9999) { totalCount } }","operationName":"Big"}`, "application/json"))
	if l := logs2.String(); !strings.Contains(l, `"op":"Big"`) || !strings.Contains(l, `"errors":["LIMIT_EXCEEDED:first"]`) {
		t.Errorf("log line: %s", l)
	}
	// A forged request id is replaced.
	r := post(`{"query":"{ countries { code } }"}`, "application/json")
	r.Header.Set("X-Request-Id", "bad id\n{\"injected\":1}")
	if w := do(s, r); w.Header().Get("X-Request-Id") == r.Header.Get("X-Request-Id") {
		t.Error("forged request id echoed")
	}
}

func TestWritesOrStreams(t *testing.T) {
	tests := []struct {
		doc  string
		want bool
	}{
		{"{ countries { code } }", false},
		{"query Q { countries { code } }", false},
		{"mutation { x }", true},
		{"  mutation M($a: Int) { x }", true},
		{"subscription { x }", true},
		{"query A { a } mutation B { b }", true},
		{`query { search(text: "mutation { x }") { id } }`, false},
		{"query { a } # mutation { x }", false},
		{`query { search(text: """mutation""") { id } }`, false},
		{"query($mutation: Int) { a }", false},
		{"query { mutation: countries { code } }", false},
		{"}} mutation { x }", true},
		{`query { search(text: "\"") { id } } mutation { x }`, true},
		// graphql-go runs this one as a mutation (found by FuzzWritesOrStreams):
		// in a document naming a mutation, a string outside braces is "yes",
		// as is a block string that never ends.
		{`"0"""""mutation{m}`, true},
		{`"mutation" query { a }`, true},
		{`query { search(text: """never ended mutation) { id } }`, true},
		{`"a description" query { a }`, false},
		{`query { search(text: """ends""") { id } }`, false},
		{"query { a } mutation0 { x } submutation", false},
		{"0mutation{m}", true},
	}
	for _, tc := range tests {
		if got := writesOrStreams(tc.doc); got != tc.want {
			t.Errorf("writesOrStreams(%q) = %v, want %v", tc.doc, got, tc.want)
		}
	}
}

// TestWritesOnlyOnPost checks the schema's own guard behind
// writesOrStreams: the context a request runs under allows mutations only
// for a POST that presents the token, so a document the GET guard misread
// still cannot write.
func TestWritesOnlyOnPost(t *testing.T) {
	s, _ := newTest(t, Config{Token: "tok"}, nil, nil)
	const rename = `mutation { renameOfficial(id: "official:x", name: "Y") { id } }`
	for _, tc := range []struct {
		method, auth string
		allowed      bool
	}{
		{http.MethodPost, "Bearer tok", true},
		{http.MethodGet, "Bearer tok", false},
		{http.MethodPost, "", false},
		{http.MethodPost, "Bearer nope", false},
	} {
		r := httptest.NewRequest(tc.method, "/graphql", nil)
		if tc.auth != "" {
			r.Header.Set("Authorization", tc.auth)
		}
		resp := s.schema.Exec(s.execContext(r), schema.Request{Query: rename})
		unauth := len(resp.Errors) > 0 && resp.Errors[0].Extensions["code"] == schema.CodeUnauthenticated
		if unauth == tc.allowed {
			t.Errorf("%s with %q: writes allowed = %v, want %v (errors %v)", tc.method, tc.auth, !unauth, tc.allowed, resp.Errors)
		}
	}
}

func TestPanicRecovered(t *testing.T) {
	s, logs := newTest(t, Config{}, nil, &panicLoader{})
	s.cfg.Token = "t"
	r := httptest.NewRequest("POST", "/api/load", strings.NewReader("{}\n"))
	r.Header.Set("Authorization", "Bearer t")
	r.Header.Set("Content-Type", "application/x-ndjson")
	w := do(s, r)
	if w.Code != 500 || !strings.Contains(w.Body.String(), "internal error") || strings.Contains(w.Body.String(), "kaboom") {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if !strings.Contains(logs.String(), "kaboom") {
		t.Fatalf("panic not logged: %s", logs)
	}
}

type panicLoader struct{}

func (panicLoader) LoadReader(context.Context, string, io.Reader) (any, error) { panic("kaboom") }

var _ = errors.New

func TestServerTimeouts(t *testing.T) {
	s, _ := newTest(t, Config{RequestTimeout: 7 * time.Second}, nil, nil)
	if s.srv.ReadHeaderTimeout <= 0 || s.srv.ReadTimeout <= 0 || s.srv.IdleTimeout <= 0 || s.srv.MaxHeaderBytes <= 0 {
		t.Fatalf("http.Server without timeouts: %+v", s.srv)
	}
	if s.srv.WriteTimeout <= 7*time.Second {
		t.Errorf("WriteTimeout %v does not leave room for the request timeout", s.srv.WriteTimeout)
	}
}

// blockingLoader holds the load until released.
type blockingLoader struct{ entered, release chan struct{} }

func (l blockingLoader) LoadReader(ctx context.Context, name string, r io.Reader) (any, error) {
	l.entered <- struct{}{}
	<-l.release
	return "done", nil
}

func TestOneLoadAtATime(t *testing.T) {
	l := blockingLoader{make(chan struct{}), make(chan struct{})}
	s, _ := newTest(t, Config{Token: "t"}, nil, l)
	req := func() *http.Request {
		r := httptest.NewRequest("POST", "/api/load", strings.NewReader("{}\n"))
		r.Header.Set("Authorization", "Bearer t")
		r.Header.Set("Content-Type", "application/x-ndjson")
		return r
	}
	first := make(chan int)
	go func() { first <- do(s, req()).Code }()
	<-l.entered
	if w := do(s, req()); w.Code != 503 || w.Header().Get("Retry-After") == "" {
		t.Fatalf("second load: %d %s", w.Code, w.Body)
	}
	close(l.release)
	if code := <-first; code != 200 {
		t.Fatalf("first load: %d", code)
	}
}

func TestAssetsCompressionAndETag(t *testing.T) {
	s, _ := newTest(t, Config{}, nil, nil)
	want := testAssets["graphiql/big.js"].Data
	get := func(hdr map[string]string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/graphiql/big.js", nil)
		for k, v := range hdr {
			r.Header.Set(k, v)
		}
		return do(s, r)
	}
	w := get(map[string]string{"Accept-Encoding": "br, gzip"})
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(w.Header().Get("Vary"), "Accept-Encoding") {
		t.Fatalf("gzip: %d %v", w.Code, w.Header())
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(zr)
	if !bytes.Equal(got, want) || w.Body.Len() >= len(want) {
		t.Fatalf("gzip body: %d bytes inflating to %d", w.Body.Len(), len(got))
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("Content-Type %q", ct)
	}
	gzTag := w.Header().Get("ETag")

	w = get(map[string]string{"Accept-Encoding": "gzip;q=0"})
	if w.Header().Get("Content-Encoding") != "" || !bytes.Equal(w.Body.Bytes(), want) {
		t.Fatalf("q=0 still gzipped: %v", w.Header())
	}
	rawTag := w.Header().Get("ETag")
	if rawTag == "" || rawTag == gzTag {
		t.Fatalf("ETags raw %q gzip %q", rawTag, gzTag)
	}
	if w := get(map[string]string{"If-None-Match": rawTag}); w.Code != 304 {
		t.Fatalf("If-None-Match: %d", w.Code)
	}
	if w := get(map[string]string{"If-None-Match": gzTag, "Accept-Encoding": "gzip"}); w.Code != 304 {
		t.Fatalf("If-None-Match gzip: %d", w.Code)
	}
	// Small files are served as they are.
	r := httptest.NewRequest("GET", "/graphiql/", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	if w := do(s, r); w.Code != 200 || w.Header().Get("Content-Encoding") != "" || w.Body.String() != "<title>graphiql</title>" {
		t.Fatalf("index: %d %v %s", w.Code, w.Header(), w.Body)
	}
}

// TestStuckWorkHoldsSlot: a request that timed out while its read is stuck
// keeps its concurrency slot until the read ends.
func TestStuckWorkHoldsSlot(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := &fakeViewer{sleep: time.Hour}
		s, _ := newTest(t, Config{RequestTimeout: 2 * time.Second, MaxConcurrent: 1}, v, nil)
		q := `{"query":"{ countries { code } }"}`
		if w := do(s, post(q, "application/json")); w.Code != 200 || !strings.Contains(w.Body.String(), schema.LimitTimeout) {
			t.Fatalf("first: %d %s", w.Code, w.Body)
		}
		if w := do(s, post(q, "application/json")); w.Code != 503 {
			t.Fatalf("second while the first's read is stuck: %d %s", w.Code, w.Body)
		}
		time.Sleep(time.Hour) // the stuck read ends
		synctest.Wait()
		v.sleep = 0
		if w := do(s, post(q, "application/json")); w.Code != 200 || strings.Contains(w.Body.String(), "errors") {
			t.Fatalf("after the read ended: %d %s", w.Code, w.Body)
		}
	})
}

// TestMutationsNeedToken: a POSTed mutation needs the write token, even with
// reads open (the schema has no mutations yet; corrections will).
func TestMutationsNeedToken(t *testing.T) {
	const m = `{"query":"mutation { merge(a: 1) }"}`
	s, _ := newTest(t, Config{}, nil, nil)
	if w := do(s, post(m, "application/json")); w.Code != 403 {
		t.Fatalf("no token configured: %d %s", w.Code, w.Body)
	}
	s, _ = newTest(t, Config{Token: "tok"}, nil, nil)
	if w := do(s, post(m, "application/json")); w.Code != 401 {
		t.Fatalf("without the token: %d %s", w.Code, w.Body)
	}
	r := post(m, "application/json")
	r.Header.Set("Authorization", "Bearer tok")
	w := do(s, r)
	if w.Code != 200 || !strings.Contains(w.Body.String(), "errors") {
		t.Fatalf("with the token the schema answers: %d %s", w.Code, w.Body)
	}
	if w := do(s, post(`{"query":"{ countries { code } }"}`, "application/json")); w.Code != 200 {
		t.Fatalf("reads stay open: %d", w.Code)
	}
}

// TestWriteResponse checks that a response with data only is written with
// the bytes json.Marshal wrote before the fast path: graphql-go's data is
// already compact, HTML-escaped JSON, which the query below confirms.
func TestWriteResponse(t *testing.T) {
	s, _ := newTest(t, Config{}, nil, nil)
	w := do(s, post(`{"query":"{ countries { code org en: name(lang: \"en\") ar: name(lang: \"ar\") fr: name(lang: \"fr\") } }"}`, "application/json"))
	data := decode(t, w).Data
	if len(data) < 100 {
		t.Fatalf("no data: %s", w.Body)
	}
	for _, tc := range []struct {
		name string
		resp *schema.Response
	}{
		{"query", &schema.Response{Data: data}},
		{"escapes", &schema.Response{Data: json.RawMessage(`{"a":"\u003c\u0026\u003e \"q\" وزير","b":[1,null,true],"c":{}}`)}},
		{"errors", &schema.Response{Data: json.RawMessage(`{"a":null}`), Errors: []*gqlerrors.QueryError{{Message: "x <y>"}}}},
		{"extensions", &schema.Response{Data: json.RawMessage(`{"a":1}`), Extensions: map[string]any{"cost": 3}}},
		{"no data", &schema.Response{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := json.Marshal(tc.resp)
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			writeResponse(rec, httptest.NewRequest("POST", "/graphql", nil), tc.resp)
			if got := rec.Body.String(); got != string(want)+"\n" {
				t.Errorf("wrote\n%s\nwant\n%s", got, want)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" || rec.Code != 200 {
				t.Errorf("status %d, content type %q", rec.Code, ct)
			}
		})
	}
}
