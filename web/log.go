package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	stdlog "log"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/rs/zerolog"

	"diplograph/schema"
)

// logRequests gives every request an id (X-Request-Id, echoed), a logger
// carrying it in the context (zerolog.Ctx), a recovery from panics, and one
// log line when it ends.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if !validRequestID(id) {
			id = newRequestID()
		}
		l := s.log.With().Str("req", id).Logger()
		info := &reqInfo{}
		ctx := context.WithValue(l.WithContext(r.Context()), reqInfoKey{}, info)
		r = r.WithContext(ctx)
		w.Header().Set("X-Request-Id", id)
		rec := &recorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				l.Error().Interface("panic", v).Bytes("stack", debug.Stack()).Msg("web: panic")
				if rec.status == 0 {
					writeError(rec, r, http.StatusInternalServerError, "INTERNAL", "internal error")
				}
			}
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			ev := l.Info()
			if status >= 500 {
				ev = l.Warn()
			}
			ev.Str("method", r.Method).Str("path", truncPath(r.URL.Path)).Int("status", status).
				Int64("bytes", rec.bytes).Dur("duration", time.Since(start)).Str("remote", r.RemoteAddr)
			if info.graphql {
				ev = ev.Str("op", info.op).Int64("cost", info.stats.Cost)
				if len(info.stats.Codes) > 0 {
					ev = ev.Strs("errors", info.stats.Codes)
				}
			}
			ev.Msg("request")
		}()
		next.ServeHTTP(rec, r)
	})
}

// reqInfo carries what a handler learnt about the request to its log line.
// Only the request's own goroutine touches it.
type reqInfo struct {
	graphql bool
	op      string
	stats   schema.Stats
}

type reqInfoKey struct{}

func requestInfo(r *http.Request) *reqInfo {
	if i, ok := r.Context().Value(reqInfoKey{}).(*reqInfo); ok {
		return i
	}
	return &reqInfo{}
}

func zerologCtx(r *http.Request) *zerolog.Logger { return zerolog.Ctx(r.Context()) }

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func truncPath(p string) string {
	if len(p) > 200 {
		return p[:200] + "…"
	}
	return p
}

// recorder notes the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(p)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// stdLogger routes net/http's own messages (TLS, accept errors) to zerolog.
func stdLogger(l zerolog.Logger) *stdlog.Logger {
	return stdlog.New(logWriter{l}, "", 0)
}

type logWriter struct{ l zerolog.Logger }

func (w logWriter) Write(p []byte) (int, error) {
	w.l.Warn().Str("source", "net/http").Msg(string(p))
	return len(p), nil
}
