package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
	"diplograph/loader"
	evalpkg "diplograph/loader/eval"
	"diplograph/loader/extract"
	"diplograph/loader/gen"
)

func cmdExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "extract", "[PATH...]  (stdin when no path)")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	x := extract.New()
	w := bufio.NewWriterSize(e.stdout, 1<<16)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	rejected := 0
	for _, p := range paths {
		err := loader.ReadPath(ctx, p, e.stdin, func(a extract.Article) error {
			return enc.Encode(x.Extract(a))
		}, func(rerr error) {
			rejected++
			fmt.Fprintln(e.stderr, rerr)
		})
		if err != nil {
			w.Flush()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if rejected > 0 {
		fmt.Fprintf(e.stderr, "diplograph extract: %d records rejected\n", rejected)
		return errRejected
	}
	return nil
}

func cmdEval(ctx context.Context, e *env, args []string) error {
	return evalpkg.Main(args, e.stdout)
}

func cmdCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "check", "[--data DIR]")
	data := fs.String("data", "", "store directory (default ./data or $DIPLOGRAPH_DATA)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	return withGraph(ctx, e, dataDir(*data), func(g *graph.Graph, _ *badgerstore.Store) error {
		problems, err := g.Check(ctx)
		if err != nil {
			return err
		}
		for _, p := range problems {
			fmt.Fprintln(e.stdout, p)
		}
		if len(problems) > 0 {
			return fmt.Errorf("%d problems found", len(problems))
		}
		fmt.Fprintln(e.stdout, "ok: no problems found")
		return nil
	})
}

func cmdBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "backup", "[--data DIR | --server URL --token T] FILE")
	data := fs.String("data", "", "store directory (default ./data or $DIPLOGRAPH_DATA)")
	server := fs.String("server", "", "back up a running diplograph server (online) instead of opening the store")
	token := fs.String("token", "", "the server's token for --server (default $DIPLOGRAPH_TOKEN)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: backup takes one FILE", errUsage)
	}
	if *server != "" {
		return backupRemote(ctx, *server, tokenOr(*token), pos[0])
	}
	return withGraph(ctx, e, dataDir(*data), func(_ *graph.Graph, st *badgerstore.Store) error {
		return writeFileAtomic(pos[0], st.Backup)
	})
}

// backupRemote downloads a running server's backup stream into file; the file
// appears only once the whole stream has arrived.
func backupRemote(ctx context.Context, server, token, file string) error {
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: --server %q is not an http(s) URL", errUsage, server)
	}
	if token == "" {
		return fmt.Errorf("%w: --server needs the server's token (--token or $DIPLOGRAPH_TOKEN)", errUsage)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.JoinPath("/api/backup").String(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("server said %s: %s", resp.Status, bytes.TrimSpace(msg))
	}
	return writeFileAtomic(file, func(w io.Writer) error {
		_, err := io.Copy(w, resp.Body)
		return err
	})
}

func cmdRestore(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "restore", "[--data DIR] FILE")
	data := fs.String("data", "", "store directory (default ./data or $DIPLOGRAPH_DATA)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: restore takes one FILE", errUsage)
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := badgerstore.Open(dataDir(*data), badgerstore.Options{Logger: e.log})
	if err != nil {
		return err
	}
	if err := st.Restore(f); err != nil {
		st.Close()
		return err
	}
	return st.Close()
}

func cmdExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export", "[--data DIR] [FILE]  (stdout when no FILE)")
	data := fs.String("data", "", "store directory (default ./data or $DIPLOGRAPH_DATA)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	return withGraph(ctx, e, dataDir(*data), func(g *graph.Graph, _ *badgerstore.Store) error {
		if len(pos) == 0 {
			return g.Export(ctx, e.stdout)
		}
		return writeFileAtomic(pos[0], func(w io.Writer) error { return g.Export(ctx, w) })
	})
}

func cmdGen(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "gen", "[--n N] [--seed S] [--lang ar,en,fr] [--turnover T] [FILE]  (stdout when no FILE)")
	n := fs.Int("n", 1000, "number of articles")
	seed := fs.Uint64("seed", 1, "seed: the same seed gives the same corpus")
	langs := fs.String("lang", "ar,en,fr", "languages, comma-separated")
	turnover := fs.Int("turnover", 0, "ministers take part in this many events on average before a successor takes office (0: one minister per country and portfolio)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	opts := gen.Options{N: *n, Seed: *seed, Langs: strings.Split(*langs, ","), Turnover: *turnover}
	if len(pos) == 0 {
		return gen.Generate(e.stdout, opts)
	}
	return writeFileAtomic(pos[0], func(w io.Writer) error { return gen.Generate(w, opts) })
}
