package web

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// ErrRejected marks a load error caused by the input (a strict load that
// met a bad record, say). The Loader wraps it; the client then gets 422 and
// the message. Any other error is internal: 500 and "internal error".
var ErrRejected = errors.New("input rejected")

// errTooLarge is reported when a gzip body inflates past MaxLoadBytes.
var errTooLarge = errors.New("body too large")

// loadTypes are the media types /api/load takes.
var loadTypes = map[string]bool{
	"application/json":      true, // a JSON array, or JSON Lines
	"application/x-ndjson":  true,
	"application/jsonl":     true,
	"application/jsonlines": true,
}

// serveLoad is POST /api/load: a body of articles (JSON Lines or a JSON
// array, optionally Content-Encoding: gzip), loaded into the graph; the
// answer is the loader's summary as JSON.
func (s *Server) serveLoad(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Token == "" {
		writeError(w, r, http.StatusForbidden, "FORBIDDEN", "loading through the server is disabled: start the server with a token")
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, r, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "use POST")
		return
	}
	if !s.authorized(r) {
		unauthorized(w, r)
		return
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || !loadTypes[mt] {
		writeError(w, r, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json or application/x-ndjson")
		return
	}
	enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding")))
	if enc != "" && enc != "identity" && enc != "gzip" {
		writeError(w, r, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Content-Encoding must be gzip or none")
		return
	}
	if s.loader == nil {
		writeError(w, r, http.StatusServiceUnavailable, "UNAVAILABLE", "this server cannot load articles")
		return
	}
	select {
	case s.loadSem <- struct{}{}:
		defer func() { <-s.loadSem }()
	default:
		w.Header().Set("Retry-After", "5")
		writeLimit(w, r, http.StatusServiceUnavailable, "loads", "another load is running; retry when it ends")
		return
	}

	// A load takes longer than the server-wide read/write timeouts allow
	// GraphQL requests.
	deadline := time.Now().Add(s.cfg.LoadTimeout + 10*time.Second)
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(deadline)
	_ = rc.SetWriteDeadline(deadline)
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.LoadTimeout)
	defer cancel()

	var body io.Reader = http.MaxBytesReader(w, r.Body, s.cfg.MaxLoadBytes)
	if enc == "gzip" {
		gz, err := gzip.NewReader(body)
		if err != nil {
			writeError(w, r, http.StatusBadRequest, "BAD_REQUEST", "body is not gzip: "+err.Error())
			return
		}
		defer gz.Close()
		body = &capReader{r: gz, n: s.cfg.MaxLoadBytes}
	}
	name := loadName(r.URL.Query().Get("name"))
	res, err := s.loader.LoadReader(ctx, name, body)
	if err != nil {
		s.loadError(w, r, res, err)
		return
	}
	writeJSON(w, r, http.StatusOK, res)
}

// loadError maps a load error to a status and a message safe to show.
func (s *Server) loadError(w http.ResponseWriter, r *http.Request, res any, err error) {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe) || errors.Is(err, errTooLarge):
		writeLimit(w, r, http.StatusRequestEntityTooLarge, "loadSize",
			fmt.Sprintf("body larger than %d bytes", s.cfg.MaxLoadBytes))
	case errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF):
		writeError(w, r, http.StatusBadRequest, "BAD_REQUEST", "body is truncated or corrupt: "+err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		writeLimit(w, r, http.StatusServiceUnavailable, "loadTimeout", fmt.Sprintf("load did not finish within %s", s.cfg.LoadTimeout))
	case errors.Is(err, ErrRejected):
		writeJSON(w, r, http.StatusUnprocessableEntity, map[string]any{"error": err.Error(), "summary": res})
	default:
		zerologCtx(r).Error().Err(err).Msg("web: load")
		writeError(w, r, http.StatusInternalServerError, "INTERNAL", "internal error")
	}
}

// loadName is the name the loader reports errors against: the client's
// ?name= reduced to a short base name, "request" by default.
func loadName(q string) string {
	n := path.Base(strings.ReplaceAll(q, "\\", "/"))
	if n == "." || n == "/" || n == ".." || n == "" {
		return "request"
	}
	var b strings.Builder
	for _, c := range n {
		if b.Len() >= 100 {
			break
		}
		if c < 0x20 || c == 0x7f {
			continue
		}
		b.WriteRune(c)
	}
	if b.Len() == 0 {
		return "request"
	}
	return b.String()
}

// capReader fails with errTooLarge once more than n bytes were read: a
// small gzip body can inflate without bound.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n < 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > c.n+1 {
		p = p[:c.n+1]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	if c.n < 0 {
		return k, errTooLarge
	}
	return k, err
}
