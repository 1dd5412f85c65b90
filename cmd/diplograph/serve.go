package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"time"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
	"diplograph/loader"
	"diplograph/loader/extract"
	"diplograph/web"
)

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "[--data DIR] [--addr 127.0.0.1:8080] [--load PATH]... [--token T]")
	data := fs.String("data", "", "store directory (default ./data or $DIPLOGRAPH_DATA)")
	memory := fs.String("memory", "default", "Badger's write buffers: small (~45 MiB), default (~250 MiB) or large (~665 MiB, faster bulk loads)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; anything but loopback exposes the graph to the network")
	token := fs.String("token", "", "write token for /api/load (default $DIPLOGRAPH_TOKEN); no token: loading through the server is off")
	readToken := fs.Bool("read-token", false, "require the token for reads too")
	var loads, origins stringsFlag
	fs.Var(&loads, "load", "load this file or folder before serving (repeatable)")
	fs.Var(&origins, "allow-origin", "allow cross-origin requests from this origin (repeatable)")
	introspection := fs.String("introspection", "auto", "GraphQL introspection: on, off, or auto (on when bound to loopback)")
	timeout := fs.Duration("timeout", 10*time.Second, "per-request timeout")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	cfg := web.Config{
		Addr:           *addr,
		Token:          tokenOr(*token),
		ReadToken:      *readToken,
		AllowOrigins:   origins,
		RequestTimeout: *timeout,
	}
	switch *introspection {
	case "on", "off":
		on := *introspection == "on"
		cfg.Introspection = &on
	case "auto":
	default:
		return fmt.Errorf("%w: --introspection must be on, off or auto", errUsage)
	}
	if cfg.ReadToken && cfg.Token == "" {
		return fmt.Errorf("%w: --read-token needs a token (--token or $DIPLOGRAPH_TOKEN)", errUsage)
	}

	setHeapLimit()
	// The server writes rarely; sync each write so an acknowledged load
	// survives a power loss too.
	mem, err := memoryFlag(*memory)
	if err != nil {
		return err
	}
	g, st, err := openGraphWith(e, dataDir(*data), badgerstore.Options{SyncWrites: true, Memory: mem})
	if err != nil {
		return err
	}
	defer st.Close()

	x := extract.New()
	opts := loader.Options{Workers: runtime.GOMAXPROCS(0), Log: e.log}
	if len(loads) > 0 {
		sum, err := loadPaths(ctx, g, loads, e.stdin, opts)
		e.log.Info().Str("summary", sum.String()).Msg("loaded")
		if err != nil {
			return err
		}
	}

	// Online backups read one snapshot while the server keeps going.
	cfg.Backup = func(_ context.Context, w io.Writer) error { return st.Backup(w) }
	srv, err := web.NewServer(cfg, g, serverLoader{g: g, x: x, o: opts}, e.log)
	if err != nil {
		return err
	}
	if err := srv.Open(); err != nil {
		return err
	}
	e.log.Info().Str("url", srv.URL()).Str("explorer", srv.URL()+"/").Str("graphiql", srv.URL()+"/graphiql/").Msg("listening")
	fmt.Fprintf(e.stderr, "diplograph: serving on %s (explorer %s/, GraphiQL %s/graphiql/)\n", srv.URL(), srv.URL(), srv.URL())
	<-ctx.Done()
	e.log.Info().Msg("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return srv.Close(sctx)
}

// serverLoader lets the web server load articles posted to /api/load through
// the same pipeline as the load command, into the store the server owns.
type serverLoader struct {
	g *graph.Graph
	x *extract.Extractor
	o loader.Options
}

// loadReply is the JSON body /api/load answers with.
type loadReply struct {
	Summary   string   `json:"summary"`
	Loaded    int      `json:"loaded"`
	Unchanged int      `json:"unchanged"`
	Replaced  int      `json:"replaced"`
	Rejected  int      `json:"rejected"`
	Errors    []string `json:"errors,omitempty"`
}

func (l serverLoader) LoadReader(ctx context.Context, name string, r io.Reader) (any, error) {
	sum, err := loader.LoadReader(ctx, l.g, l.x, name, r, l.o)
	reply := loadReply{Summary: sum.String(), Loaded: sum.Loaded, Unchanged: sum.Unchanged, Replaced: sum.Replaced, Rejected: sum.Rejected}
	for _, e := range sum.Errors {
		reply.Errors = append(reply.Errors, e.Error())
	}
	return reply, err
}
