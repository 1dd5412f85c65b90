package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"diplograph/graph"
	"diplograph/schema"
	"diplograph/web/ui"
)

// Defaults of Config.
const (
	DefaultAddr           = "127.0.0.1:8080"
	DefaultRequestTimeout = 10 * time.Second
	DefaultLoadTimeout    = 30 * time.Minute
	DefaultMaxBodyBytes   = 64 << 10
	DefaultMaxLoadBytes   = 256 << 20
)

// DefaultMaxConcurrent is the number of GraphQL requests run at once by
// default: a few per core, since reads are CPU-bound.
var DefaultMaxConcurrent = 16

// Config configures the server. The zero value is usable: every zero field
// takes the default named in its comment.
type Config struct {
	// Addr is the listen address. Default 127.0.0.1:8080: never reachable
	// from another machine unless asked for.
	Addr string
	// Token, when set, enables POST /api/load for clients presenting
	// `Authorization: Bearer Token`. Empty disables every write.
	Token string
	// ReadToken puts reads (/graphql) behind Token too. It needs a Token.
	ReadToken bool
	// AllowOrigins lists origins (https://host:port) allowed to call the API
	// from a browser page on another origin (CORS). Default none.
	AllowOrigins []string
	// Introspection forces GraphQL introspection (and GraphiQL) on or off.
	// Default (nil): on when Addr is a loopback address, off otherwise.
	Introspection *bool
	// RequestTimeout bounds one GraphQL request. Default 10s.
	RequestTimeout time.Duration
	// LoadTimeout bounds one POST /api/load. Default 30m.
	LoadTimeout time.Duration
	// MaxConcurrent caps GraphQL requests running at once; the next gets
	// 503 with Retry-After. Default DefaultMaxConcurrent.
	MaxConcurrent int
	// MaxBodyBytes caps a GraphQL request body. Default 64 KiB.
	MaxBodyBytes int64
	// MaxLoadBytes caps a POST /api/load body, after gzip decoding.
	// Default 256 MiB.
	MaxLoadBytes int64
	// Schema options (limits) passed to schema.New after the server's own
	// (timeout, introspection).
	Schema []schema.Option
	// Assets replaces the embedded front-end (ui.FS()); for tests.
	Assets fs.FS
	// Backup, when set, streams a full backup of the store for GET
	// /api/backup (token required), so a running server can be backed up
	// online; nil turns the route off.
	Backup func(ctx context.Context, w io.Writer) error
}

// Loader loads articles sent to the server. The result (a summary) is
// JSON-encoded back to the client.
type Loader interface {
	LoadReader(ctx context.Context, name string, r io.Reader) (any, error)
}

// Server is diplograph's HTTP server.
type Server struct {
	cfg     Config
	log     zerolog.Logger
	schema  *schema.Schema
	loader  Loader
	handler http.Handler
	srv     *http.Server

	sem     chan struct{} // GraphQL requests running
	loadSem chan struct{} // loads running: one at a time

	mu sync.Mutex
	ln net.Listener
}

// NewServer builds a server over g. loader may be nil: the write path then
// answers 503.
func NewServer(cfg Config, g *graph.Graph, loader Loader, log zerolog.Logger) (*Server, error) {
	if g == nil {
		return nil, errors.New("web: nil graph")
	}
	return newServer(cfg, g, loader, log)
}

// newServer takes any schema.Viewer, so tests can put a slow or failing
// store double behind the API.
func newServer(cfg Config, g schema.Viewer, loader Loader, log zerolog.Logger) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.LoadTimeout <= 0 {
		cfg.LoadTimeout = DefaultLoadTimeout
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = DefaultMaxConcurrent
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.MaxLoadBytes <= 0 {
		cfg.MaxLoadBytes = DefaultMaxLoadBytes
	}
	if cfg.ReadToken && cfg.Token == "" {
		return nil, errors.New("web: ReadToken needs a Token")
	}
	for _, o := range cfg.AllowOrigins {
		if err := checkOrigin(o); err != nil {
			return nil, fmt.Errorf("web: AllowOrigins: %w", err)
		}
	}
	if cfg.Assets == nil {
		cfg.Assets = ui.FS()
	}
	introspection := isLoopback(cfg.Addr)
	if cfg.Introspection != nil {
		introspection = *cfg.Introspection
	}
	cfg.Introspection = &introspection

	opts := append([]schema.Option{schema.Timeout(cfg.RequestTimeout), schema.Introspection(introspection)}, cfg.Schema...)
	sch, err := schema.New(g, opts...)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s := &Server{
		cfg:     cfg,
		log:     log,
		schema:  sch,
		loader:  loader,
		sem:     make(chan struct{}, cfg.MaxConcurrent),
		loadSem: make(chan struct{}, 1),
	}
	h, err := s.routes()
	if err != nil {
		return nil, err
	}
	s.handler = h
	s.srv = &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		// ReadTimeout and WriteTimeout cover GraphQL requests; /api/load
		// extends its own deadlines through http.ResponseController.
		ReadTimeout:    30 * time.Second,
		WriteTimeout:   cfg.RequestTimeout + 10*time.Second,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       stdLogger(log),
	}
	return s, nil
}

// Handler returns the server's handler, with every middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// Introspection reports whether introspection and GraphiQL are on.
func (s *Server) Introspection() bool { return *s.cfg.Introspection }

// Open binds the listener and starts serving in the background. It returns
// once the address is bound, so URL is valid and requests can be sent.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("web: listen %s: %w", s.cfg.Addr, err)
	}
	s.mu.Lock()
	s.ln = ln
	s.mu.Unlock()
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error().Err(err).Msg("web: serve")
		}
	}()
	s.log.Info().Str("url", s.URL()).Bool("introspection", s.Introspection()).
		Bool("writes", s.cfg.Token != "").Bool("readToken", s.cfg.ReadToken).Msg("web: listening")
	return nil
}

// Addr returns the bound address, or nil before Open.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// URL returns the base URL of the running server ("http://127.0.0.1:8080"),
// or "" before Open.
func (s *Server) URL() string {
	a := s.Addr()
	if a == nil {
		return ""
	}
	return "http://" + a.String()
}

// Close shuts the server down gracefully: it stops accepting, waits for
// requests in flight (and GraphQL executions that outlived their timeout)
// until ctx is done, then closes what is left.
func (s *Server) Close(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if err != nil {
		_ = s.srv.Close()
	}
	done := make(chan struct{})
	go func() { s.schema.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		if err == nil {
			err = ctx.Err()
		}
	}
	return err
}

// isLoopback reports whether a listen address only accepts local
// connections. An empty host listens on every interface.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkOrigin validates an AllowOrigins entry: scheme://host[:port], nothing
// more.
func checkOrigin(o string) error {
	i := strings.Index(o, "://")
	if i <= 0 || o != strings.TrimRight(o, "/") || strings.ContainsAny(o[i+3:], "/?#*") || o[i+3:] == "" {
		return fmt.Errorf("%q is not an origin (scheme://host[:port])", o)
	}
	if s := o[:i]; s != "http" && s != "https" {
		return fmt.Errorf("%q: scheme must be http or https", o)
	}
	return nil
}
