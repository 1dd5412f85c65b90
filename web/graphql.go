package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"

	"diplograph/schema"
)

// serveGraphQL is the GraphQL endpoint (GraphQL over HTTP): POST with
// Content-Type application/json, or GET with query, operationName and
// variables in the URL for queries only.
func (s *Server) serveGraphQL(w http.ResponseWriter, r *http.Request) {
	if s.cfg.ReadToken && !s.authorized(r) {
		unauthorized(w, r)
		return
	}
	var req schema.Request
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		req.Query = q.Get("query")
		req.OperationName = q.Get("operationName")
		if v := q.Get("variables"); v != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				writeError(w, r, http.StatusBadRequest, "BAD_REQUEST", "variables: not a JSON object")
				return
			}
		}
		// GET must never change anything: a browser follows links and
		// prefetches. Any mutation or subscription in the document is
		// refused, whichever operation is selected.
		if writesOrStreams(req.Query) {
			w.Header().Set("Allow", "POST")
			writeError(w, r, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "mutations and subscriptions need POST")
			return
		}
	case http.MethodPost:
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			// text/plain and form types are what a cross-site form can
			// send without a preflight: refusing them closes that CSRF path.
			writeError(w, r, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json")
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				writeLimit(w, r, http.StatusRequestEntityTooLarge, schema.LimitBody,
					fmt.Sprintf("request body larger than %d bytes (limit %s)", s.cfg.MaxBodyBytes, schema.LimitBody))
				return
			}
			writeError(w, r, http.StatusBadRequest, "BAD_REQUEST", "could not read the request body")
			return
		}
		if err := decodeRequest(body, &req); err != nil {
			writeError(w, r, http.StatusBadRequest, "BAD_REQUEST", err.Error())
			return
		}
	default:
		w.Header().Set("Allow", "GET, POST")
		writeError(w, r, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "use GET or POST")
		return
	}
	if req.Query == "" {
		writeError(w, r, http.StatusBadRequest, "BAD_REQUEST", "no query")
		return
	}
	// Writes (GraphQL mutations, e.g. analysts' corrections) need the
	// write token whatever the read policy; with no token they are off.
	if r.Method == http.MethodPost && writesOrStreams(req.Query) {
		if s.cfg.Token == "" {
			writeError(w, r, http.StatusForbidden, "FORBIDDEN", "writes are disabled: start the server with a token")
			return
		}
		if !s.authorized(r) {
			unauthorized(w, r)
			return
		}
	}

	select {
	case s.sem <- struct{}{}:
		// The slot is held until the execution ends, not the request: a
		// request that timed out on a stuck store still counts, so stuck
		// work cannot pile up past MaxConcurrent.
		req.Done = func() { <-s.sem }
	default:
		w.Header().Set("Retry-After", "1")
		writeLimit(w, r, http.StatusServiceUnavailable, schema.LimitConcurrency,
			fmt.Sprintf("server busy: %d requests running (limit %s); retry shortly", s.cfg.MaxConcurrent, schema.LimitConcurrency))
		return
	}
	info := requestInfo(r)
	info.graphql, info.op = true, req.OperationName
	req.Stats = &info.stats
	resp := s.schema.Exec(s.execContext(r), req)
	writeResponse(w, r, resp)
}

// writeResponse writes a GraphQL response. One with data only is written
// around the data as graphql-go wrote it: json.Marshal would validate and
// copy the data again (RawMessage), a tenth of the time of a 5,000-edge
// neighbourhood. graphql-go builds the data from encoding/json's output, so
// the bytes are the same (TestWriteResponse).
func writeResponse(w http.ResponseWriter, r *http.Request, resp *schema.Response) {
	if len(resp.Errors) > 0 || len(resp.Extensions) > 0 || len(resp.Data) == 0 {
		writeJSON(w, r, http.StatusOK, resp)
		return
	}
	writeBody(w, http.StatusOK, []byte(`{"data":`), resp.Data, []byte("}\n"))
}

// decodeRequest decodes one GraphQL request object. Arrays (batching) are
// refused: a batch multiplies the work one request can ask for past every
// per-request limit.
func decodeRequest(body []byte, req *schema.Request) error {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return errNoQuery
	}
	if trimmed[0] == '[' {
		return errors.New("batched requests (a JSON array) are not supported: send one request per POST")
	}
	if trimmed[0] != '{' {
		return errors.New("body must be a JSON object")
	}
	var raw struct {
		Query         *string         `json:"query"`
		OperationName *string         `json:"operationName"`
		Variables     json.RawMessage `json:"variables"`
		Extensions    json.RawMessage `json:"extensions"`
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf("body is not a GraphQL request: %s", jsonProblem(err))
	}
	if dec.More() {
		return errors.New("body has data after the request object")
	}
	if raw.Query != nil {
		req.Query = *raw.Query
	}
	if raw.OperationName != nil {
		req.OperationName = *raw.OperationName
	}
	if v := bytes.TrimSpace(raw.Variables); len(v) > 0 && !bytes.Equal(v, []byte("null")) {
		if err := json.Unmarshal(v, &req.Variables); err != nil {
			return errors.New("variables: not a JSON object")
		}
	}
	return nil
}

// jsonProblem describes a decoding error without echoing the input.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("invalid JSON at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q has the wrong type", te.Field)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "truncated JSON"
	}
	return "invalid JSON"
}

// writesOrStreams reports whether a GraphQL document defines a mutation or
// a subscription. It scans tokens at the top level of the document
// (outside braces and parentheses), skipping strings and comments; it errs
// on the side of "yes" for odd input, which only costs a 405 (GET) or asks
// for the write token (POST).
//
// Strings are where its reading and graphql-go's can part: graphql-go takes
// `"0"""""mutation{m}` for a string and a mutation, where a scan taking
// `"""` for the start of a block string sees one unterminated string. So,
// in a document that names a mutation or subscription anywhere, a string
// outside braces and parentheses (only a description could be there, which
// an executable document has no use for) and a block string that does not
// end are "yes".
func writesOrStreams(doc string) bool {
	if !namesWriteOrStream(doc) {
		return false // the keyword an operation needs is nowhere
	}
	depth := 0
	for i := 0; i < len(doc); {
		c := doc[i]
		switch {
		case c == '#':
			for i < len(doc) && doc[i] != '\n' && doc[i] != '\r' {
				i++
			}
		case c == '"':
			if depth <= 0 {
				return true
			}
			if len(doc)-i >= 3 && doc[i:i+3] == `"""` {
				end := indexFrom(doc, i+3, `"""`, true)
				if end < 0 {
					return true
				}
				i = end + 3
				continue
			}
			i++
			for i < len(doc) && doc[i] != '"' && doc[i] != '\n' {
				if doc[i] == '\\' {
					i++
				}
				i++
			}
			i++
		case c == '{' || c == '(' || c == '[':
			depth++
			i++
		case c == '}' || c == ')' || c == ']':
			depth--
			i++
		case isNameStart(c):
			j := i
			for j < len(doc) && isNameChar(doc[j]) {
				j++
			}
			if depth <= 0 && slices.Contains(writeKeywords, doc[i:j]) {
				return true
			}
			i = j
		default:
			i++
		}
	}
	return false
}

// writeKeywords are the operation types a GET must not run.
var writeKeywords = []string{"mutation", "subscription"}

// namesWriteOrStream reports whether one of writeKeywords occurs in
// doc where a lexer could read it as a name: not inside a longer name (a
// digit before it is no letter, so it counts). Whatever graphql-go makes of
// the rest, it runs no mutation or subscription in a document without one.
func namesWriteOrStream(doc string) bool {
	for _, kw := range writeKeywords {
		for i := 0; ; {
			j := strings.Index(doc[i:], kw)
			if j < 0 {
				break
			}
			j += i
			end := j + len(kw)
			if (j == 0 || !isNameStart(doc[j-1])) && (end == len(doc) || !isNameChar(doc[end])) {
				return true
			}
			i = j + 1
		}
	}
	return false
}

// indexFrom finds sep in s from i; in block strings \""" does not end it.
func indexFrom(s string, i int, sep string, block bool) int {
	for i <= len(s)-len(sep) {
		if block && s[i] == '\\' && len(s)-i >= 4 && s[i+1:i+4] == `"""` {
			i += 4
			continue
		}
		if s[i:i+len(sep)] == sep {
			return i
		}
		i++
	}
	return -1
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isNameChar(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }
