package ui

import (
	"embed"
	"io/fs"
)

//go:generate sh -c "npm ci --no-audit --no-fund && node build.mjs"

//go:embed all:dist
var dist embed.FS

// FS returns the built front-end, rooted at dist: graphiql/index.html,
// explorer/index.html and their assets.
func FS() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only on an invalid path; "dist" is a constant.
		panic(err)
	}
	return sub
}
