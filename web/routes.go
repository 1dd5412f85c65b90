package web

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"strings"

	gqlerrors "github.com/graph-gophers/graphql-go/errors"

	"diplograph/schema"
)

func (s *Server) routes() (http.Handler, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("/graphql", s.serveGraphQL)
	mux.HandleFunc("/api/load", s.serveLoad)
	mux.HandleFunc("/api/backup", s.serveBackup)
	mux.HandleFunc("GET /healthz", s.serveHealth)

	explorer, err := fs.Sub(s.cfg.Assets, "explorer")
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	mux.Handle("/", readOnly(newAssets(explorer)))
	if s.Introspection() {
		// GraphiQL is useless without introspection, so it is served only
		// when introspection is on.
		graphiql, err := fs.Sub(s.cfg.Assets, "graphiql")
		if err != nil {
			return nil, fmt.Errorf("web: assets: %w", err)
		}
		mux.Handle("/graphiql/", readOnly(http.StripPrefix("/graphiql/", newAssets(graphiql))))
	}

	cop := http.NewCrossOriginProtection()
	for _, o := range s.cfg.AllowOrigins {
		if err := cop.AddTrustedOrigin(o); err != nil {
			return nil, fmt.Errorf("web: AllowOrigins: %w", err)
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, http.StatusForbidden, "FORBIDDEN", "cross-origin request refused")
	}))
	var h http.Handler = mux
	h = cop.Handler(h)
	h = s.cors(h)
	h = securityHeaders(h)
	h = s.logRequests(h)
	return h, nil
}

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
	defer cancel()
	if err := s.schema.Ping(ctx); err != nil {
		zerologCtx(r).Error().Err(err).Msg("web: health check")
		writeJSON(w, r, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, r, http.StatusOK, map[string]string{"status": "ok"})
}

// cors answers browser pages from the configured origins; for any other
// origin it adds nothing, so the browser keeps the response from the page.
func (s *Server) cors(next http.Handler) http.Handler {
	if len(s.cfg.AllowOrigins) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" || !slices.Contains(s.cfg.AllowOrigins, origin) {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Allow-Origin", origin)
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST")
			h.Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// authorized reports whether r carries the server's token. Both sides are
// hashed first so the comparison takes the same time whatever the length
// of the guess.
func (s *Server) authorized(r *http.Request) bool {
	if s.cfg.Token == "" {
		return false
	}
	auth := r.Header.Get("Authorization")
	const prefix = "bearer "
	if len(auth) <= len(prefix) || !strings.EqualFold(auth[:len(prefix)], prefix) {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(auth[len(prefix):])))
	want := sha256.Sum256([]byte(s.cfg.Token))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

func unauthorized(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="diplograph"`)
	writeError(w, r, http.StatusUnauthorized, "UNAUTHENTICATED", "missing or wrong bearer token")
}

// writeJSON writes v as the JSON response.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		zerologCtx(r).Error().Err(err).Msg("web: encode response")
		status = http.StatusInternalServerError
		data = []byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)
	}
	writeBody(w, status, data, []byte("\n"))
}

// writeBody writes a JSON response made of parts, written one after the
// other.
func writeBody(w http.ResponseWriter, status int, parts ...[]byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	for _, p := range parts {
		_, _ = w.Write(p)
	}
}

// writeError answers with a GraphQL-shaped error body, so GraphQL clients
// show the message whatever went wrong.
func writeError(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	writeJSON(w, r, status, &schema.Response{Errors: []*gqlerrors.QueryError{{
		Message: msg, Extensions: map[string]any{"code": code},
	}}})
}

func writeLimit(w http.ResponseWriter, r *http.Request, status int, limit, msg string) {
	writeJSON(w, r, status, &schema.Response{Errors: []*gqlerrors.QueryError{{
		Message: msg, Extensions: map[string]any{"code": schema.CodeLimit, "limit": limit},
	}}})
}

// readOnly lets GET and HEAD through and answers 405 to the rest.
func readOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, r, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "use GET")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// noListing serves files and directories with an index.html, never a
// directory listing.
type noListing struct{ fsys fs.FS }

func (n noListing) Open(name string) (fs.File, error) {
	f, err := n.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if st.IsDir() {
		idx := "index.html"
		if name != "." {
			idx = name + "/index.html"
		}
		if _, err := fs.Stat(n.fsys, idx); err != nil {
			f.Close()
			return nil, fs.ErrNotExist
		}
	}
	return f, nil
}

var errNoQuery = errors.New("no query")
