// Package ui holds diplograph's browser front-end: GraphiQL and the graph
// explorer, built from src/ by esbuild (build.mjs) into dist/, which is
// committed and embedded so that building the binary needs no Node.
//
// FS is rooted at dist:
//
//	graphiql/index.html   GraphiQL 5, fully offline (Monaco workers bundled)
//	explorer/index.html   the explorer, which talks only to POST /graphql
//	THIRD_PARTY_NOTICES.txt  licences of the bundled npm packages
//
// The explorer uses relative asset URLs, so it works wherever it is mounted
// (the web server mounts explorer/ at /). Regenerate with `go generate ./web/ui`
// after changing src/ or package.json; CI rebuilds and diffs dist/.
package ui
