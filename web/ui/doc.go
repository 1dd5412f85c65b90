// Package ui holds diplograph's browser front-end: GraphiQL and the graph
// explorer, built from src/ by esbuild (build.mjs) into dist/, which is
// committed and embedded so that building the binary needs no Node.
//
// FS is rooted at dist:
//
//	graphiql/index.html      GraphiQL 5 (React, Monaco and its workers), offline
//	explorer/index.html      the explorer, which talks only to POST /graphql
//	THIRD_PARTY_NOTICES.txt  licences of the npm packages in the bundles
//
// Both pages use relative asset URLs, so they work wherever they are mounted
// (the web server mounts explorer/ at / and graphiql/ at /graphiql/).
//
// # Explorer
//
// src/explorer is plain ES modules plus cytoscape and cytoscape-fcose:
//
//	api.js       every GraphQL query the page sends (schema/schema.graphql)
//	model.js     loaded nodes and events; one drawn edge per pair and kind,
//	             its width by the number of events; filters and visibility
//	view.js      cytoscape styles and layouts (fcose; draft quality and no
//	             animation past 800 nodes; concentric rings past 3000)
//	panel.js     the side panel (official, ministry, country, meeting,
//	             agreement, article)
//	timeline.js  the selected node's events in time
//	main.js      search, selection, filters, language, URL state, export
//
// The view state lives in the URL hash (open, sel, meeting, agreement,
// focus, from, to, undated, hide, country, topic, lang), so a link
// reproduces it. window.diplograph exposes the view to the console and to
// the browser tests in cmd/diplograph (idle, expand, selectNode,
// selectEvent, setDates, loadSubgraph, eventShown, renderedCenter, …); it
// does nothing the UI cannot do.
//
// # Building
//
// Regenerate with `go generate ./web/ui` (npm ci, then node build.mjs) after
// changing src/ or package.json. The build is deterministic, so CI can
// rebuild and `git diff --exit-code web/ui/dist` to catch a stale bundle.
package ui
