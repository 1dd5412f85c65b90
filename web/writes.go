package web

import (
	"context"
	"net/http"

	"diplograph/schema"
)

// execContext is the context a GraphQL request runs under: marked for
// writes (schema.AllowWrites) when it is a POST, the server has a token and
// the request presented it, so that mutations (analysts' corrections) run
// only then. serveGraphQL has already refused mutations over GET and
// without the token; the mark makes the schema refuse them too, whatever
// the route, and whatever a document the guard misread (writesOrStreams)
// turns out to hold.
func (s *Server) execContext(r *http.Request) context.Context {
	if r.Method == http.MethodPost && s.cfg.Token != "" && s.authorized(r) {
		return schema.AllowWrites(r.Context())
	}
	return r.Context()
}
