// Package web is diplograph's HTTP server: the GraphQL endpoint, GraphiQL
// and the explorer (from package ui, embedded), /healthz, and the write path
// POST /api/load through which `diplograph load --server` sends articles to
// a running server (Badger allows one process per store).
//
// Security defaults (issue 2 and issue 7):
//
//   - binds 127.0.0.1:8080 unless told otherwise;
//   - writes (POST /api/load, and any GraphQL mutation) need
//     `Authorization: Bearer TOKEN`, compared in constant time; with no
//     token configured they are off (403);
//   - reads are open unless Config.ReadToken puts them behind the token;
//   - /graphql takes POST application/json (415 otherwise) and GET for
//     queries only (a mutation over GET is 405); JSON-array batching is
//     rejected; bodies are capped (413); each request has a timeout and the
//     number running at once is capped (503 with Retry-After);
//   - cross-origin writes are refused by http.CrossOriginProtection; CORS
//     stays closed unless Config.AllowOrigins lists origins;
//   - introspection (and GraphiQL, which needs it) is on when bound to a
//     loopback address, off otherwise unless Config.Introspection says so;
//   - static files come only from the embedded assets;
//   - internal errors are answered "internal error" and logged with the
//     request id; every request is logged (method, path, status, bytes,
//     duration, id).
package web
