package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// assets serves the embedded front-end. Files are immutable for the life of
// the binary, so each is read, hashed (ETag) and, when worth it, gzipped
// once: GraphiQL's bundle is 5 MB raw, 1.4 MB gzipped. Anything that is not
// a plain file (directories, index.html redirects, missing files) goes to
// http.FileServerFS, which also does the path cleaning; names come from an
// fs.FS, which refuses ".." and absolute paths, so nothing outside the
// assets can be reached.
type assets struct {
	fsys     fs.FS
	fallback http.Handler

	mu    sync.Mutex
	cache map[string]*asset
}

type asset struct {
	raw  []byte
	gz   []byte // nil when not worth compressing
	etag string
}

func newAssets(fsys fs.FS) *assets {
	fsys = noListing{fsys}
	return &assets{fsys: fsys, fallback: http.FileServerFS(fsys), cache: map[string]*asset{}}
}

// compressible lists the extensions worth gzipping.
var compressible = map[string]bool{".html": true, ".js": true, ".mjs": true, ".css": true, ".json": true, ".svg": true, ".txt": true, ".map": true, ".ttf": true}

func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Non-canonical paths ("a/../b", "//b") and directories go to the file
	// server, which redirects or refuses them.
	p := "/" + strings.TrimPrefix(r.URL.Path, "/")
	clean := path.Clean(p)
	dir := strings.HasSuffix(p, "/")
	if dir && clean != "/" {
		clean += "/"
	}
	if clean != p || strings.HasSuffix(p, "/index.html") || strings.Contains(p, "\\") {
		a.fallback.ServeHTTP(w, r)
		return
	}
	name := strings.TrimPrefix(p, "/")
	if dir {
		name += "index.html"
	}
	if !fs.ValidPath(name) {
		a.fallback.ServeHTTP(w, r)
		return
	}
	if st, err := fs.Stat(a.fsys, name); err != nil || !st.Mode().IsRegular() {
		a.fallback.ServeHTTP(w, r)
		return
	}
	as, err := a.load(name)
	if err != nil {
		a.fallback.ServeHTTP(w, r)
		return
	}
	h := w.Header()
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		h.Set("Content-Type", ct)
	}
	// Revalidate every time: cheap with the ETag, and a new binary's
	// assets are never hidden behind a stale cache.
	h.Set("Cache-Control", "no-cache")
	body, etag := as.raw, as.etag
	if as.gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			body, etag = as.gz, strings.TrimSuffix(etag, `"`)+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

func (a *assets) load(name string) (*asset, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if as := a.cache[name]; as != nil {
		return as, nil
	}
	raw, err := fs.ReadFile(a.fsys, name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	as := &asset{raw: raw, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	if compressible[path.Ext(name)] && len(raw) >= 1024 {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
		_, _ = zw.Write(raw)
		if zw.Close() == nil && b.Len() < len(raw)*9/10 {
			as.gz = b.Bytes()
		}
	}
	a.cache[name] = as
	return as, nil
}

// acceptsGzip reports whether the client takes gzip (Accept-Encoding:
// gzip or *, without q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		if q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
			return false
		}
		return true
	}
	return false
}
