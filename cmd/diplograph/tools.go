package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
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
	fs := newFlags(e, "backup", "[--data DIR] FILE")
	data := fs.String("data", "", "store directory (default ./data or $DIPLOGRAPH_DATA)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: backup takes one FILE", errUsage)
	}
	return withGraph(ctx, e, dataDir(*data), func(_ *graph.Graph, st *badgerstore.Store) error {
		return writeFileAtomic(pos[0], st.Backup)
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
	fs := newFlags(e, "gen", "[--n N] [--seed S] [--lang ar,en,fr] [FILE]  (stdout when no FILE)")
	n := fs.Int("n", 1000, "number of articles")
	seed := fs.Uint64("seed", 1, "seed: the same seed gives the same corpus")
	langs := fs.String("lang", "ar,en,fr", "languages, comma-separated")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	opts := gen.Options{N: *n, Seed: *seed, Langs: strings.Split(*langs, ",")}
	if len(pos) == 0 {
		return gen.Generate(e.stdout, opts)
	}
	return writeFileAtomic(pos[0], func(w io.Writer) error { return gen.Generate(w, opts) })
}
