package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
	"diplograph/loader"
	"diplograph/loader/extract"
)

func cmdLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "load", "[--data DIR] [--strict] [--workers N] [--server URL] PATH...")
	data := fs.String("data", "", "store directory (default ./data or $DIPLOGRAPH_DATA)")
	memory := fs.String("memory", "default", "Badger's write buffers: small (~45 MiB), default (~250 MiB) or large (~665 MiB, faster bulk loads)")
	strict := fs.Bool("strict", false, "stop at the first rejected record")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "extraction workers")
	batch := fs.Int("batch", 0, "articles per write transaction (0: default)")
	server := fs.String("server", "", "send the articles to a running diplograph server instead of opening the store")
	token := fs.String("token", "", "write token for --server (default $DIPLOGRAPH_TOKEN)")
	durable := fs.Bool("durable", false, "sync every write to disk (survives power loss, slower)")
	ackFile := fs.String("ack", "", "append the id of every committed article to this file (for crash tests and audits)")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: no PATH given (a file, a folder, or - for stdin)", errUsage)
	}
	setHeapLimit()
	if *server != "" {
		return loadRemote(ctx, e, *server, tokenOr(*token), paths)
	}

	mem, err := memoryFlag(*memory)
	if err != nil {
		return err
	}
	g, st, err := openGraphWith(e, dataDir(*data), badgerstore.Options{SyncWrites: *durable, Memory: mem})
	if err != nil {
		return err
	}
	defer st.Close()

	opts := loader.Options{Workers: *workers, BatchSize: *batch, Strict: *strict, Progress: e.stderr, Log: e.log}
	if *ackFile != "" {
		f, err := os.OpenFile(*ackFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		opts.Ack = func(ids []string) {
			// The batch is committed; make it durable before saying so.
			if err := st.Sync(); err != nil {
				e.log.Error().Err(err).Msg("sync")
				return
			}
			fmt.Fprintln(f, strings.Join(ids, "\n"))
		}
	}
	sum, err := loadPaths(ctx, g, paths, e.stdin, opts)
	fmt.Fprintln(e.stdout, sum.String())
	if err != nil {
		return err
	}
	if !sum.OK() {
		return errRejected
	}
	return nil
}

// loadPaths loads files and folders, reading "-" from stdin.
func loadPaths(ctx context.Context, g *graph.Graph, paths []string, stdin io.Reader, o loader.Options) (loader.Summary, error) {
	x := extract.New()
	var files []string
	var total loader.Summary
	flush := func() error {
		if len(files) == 0 {
			return nil
		}
		s, err := loader.Load(ctx, g, x, files, o)
		total = total.Add(s)
		files = nil
		return err
	}
	for _, p := range paths {
		if p != "-" {
			files = append(files, p)
			continue
		}
		if err := flush(); err != nil {
			return total, err
		}
		s, err := loader.LoadReader(ctx, g, x, "stdin", stdin, o)
		total = total.Add(s)
		if err != nil {
			return total, err
		}
	}
	return total, flush()
}

func tokenOr(t string) string {
	if t != "" {
		return t
	}
	return os.Getenv("DIPLOGRAPH_TOKEN")
}

// loadRemote sends each file to a running server's /api/load endpoint, which
// loads it through the same pipeline and answers with its summary.
func loadRemote(ctx context.Context, e *env, server, token string, paths []string) error {
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: --server %q is not an http(s) URL", errUsage, server)
	}
	if token == "" {
		return fmt.Errorf("%w: --server needs a write token (--token or $DIPLOGRAPH_TOKEN)", errUsage)
	}
	endpoint := u.JoinPath("/api/load").String()
	client := &http.Client{Timeout: 30 * time.Minute}
	rejected := false
	for _, p := range paths {
		var files []string
		if p == "-" {
			files = []string{"-"}
		} else if files, err = articleFiles(p); err != nil {
			return err
		}
		for _, f := range files {
			var body io.Reader
			name := f
			if f == "-" {
				body, name = e.stdin, "stdin"
			} else {
				fh, err := os.Open(f)
				if err != nil {
					return err
				}
				defer fh.Close()
				body = fh
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint+"?name="+url.QueryEscape(filepath.Base(name)), body)
			if err != nil {
				return err
			}
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/x-ndjson")
			if strings.HasSuffix(f, ".gz") {
				req.Header.Set("Content-Encoding", "gzip")
			}
			resp, err := client.Do(req)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			out, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("%s: server said %s: %s", name, resp.Status, bytes.TrimSpace(out))
			}
			var reply struct {
				Summary  string `json:"summary"`
				Rejected int    `json:"rejected"`
			}
			if json.Unmarshal(out, &reply) == nil && reply.Summary != "" {
				fmt.Fprintf(e.stdout, "%s: %s\n", name, reply.Summary)
				rejected = rejected || reply.Rejected > 0
			} else {
				fmt.Fprintf(e.stdout, "%s: %s\n", name, bytes.TrimSpace(out))
			}
		}
	}
	if rejected {
		return errRejected
	}
	return nil
}

// articleFiles lists the article files under p (p itself when it is a file).
func articleFiles(p string) ([]string, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []string{p}, nil
	}
	var out []string
	err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && loader.IsArticleFile(path) {
			out = append(out, path)
		}
		return nil
	})
	return out, err
}
