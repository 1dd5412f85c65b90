package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/term"
)

// errUsage marks a command line that could not be understood; main exits 2.
var errUsage = errors.New("usage")

// errRejected marks a load that finished but rejected some records; main exits 1
// after the summary has been printed.
var errRejected = errors.New("some records were rejected")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a command may touch of the outside world; tests give their own.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    zerolog.Logger
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

var commands = []command{
	{"load", "load articles into the store (or into a running server with --server)", cmdLoad},
	{"serve", "serve the GraphQL API, GraphiQL and the explorer", cmdServe},
	{"extract", "print one extraction.jsonl line per article (no store)", cmdExtract},
	{"eval", "score an extraction against gold annotations", cmdEval},
	{"check", "check the consistency of a store", cmdCheck},
	{"correct", "merge, split or rename officials; list corrections", cmdCorrect},
	{"backup", "write a full backup of a store to FILE", cmdBackup},
	{"restore", "restore a backup FILE into an empty store", cmdRestore},
	{"export", "write the graph as canonical JSON", cmdExport},
	{"import", "rebuild a graph written by export in an empty store", cmdImport},
	{"gen", "write a synthetic corpus of ar/en/fr articles (JSON Lines)", cmdGen},
	{"bench", "measure load throughput, its ceiling, peak RSS and query latency", cmdBench},
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, log: newLogger(stderr)}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "diplograph %s: %v\n", c.name, err)
			return 2
		case errors.Is(err, errRejected):
			return 1
		default:
			fmt.Fprintf(stderr, "diplograph %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "diplograph: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: diplograph COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'diplograph COMMAND -h' for a command's flags.")
}

// newLogger writes human-readable logs to a terminal and JSON lines elsewhere.
func newLogger(w io.Writer) zerolog.Logger {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: time.TimeOnly}
	}
	level := zerolog.InfoLevel
	if lv, err := zerolog.ParseLevel(os.Getenv("DIPLOGRAPH_LOG")); err == nil && os.Getenv("DIPLOGRAPH_LOG") != "" {
		level = lv
	}
	return zerolog.New(w).Level(level).With().Timestamp().Logger()
}

// newFlags returns a flag set whose errors and help go to the command's stderr.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: diplograph %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags that may come before or after the positional arguments
// ("load examples --data d" and "load --data d examples" both work).
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func dataDir(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if d := os.Getenv("DIPLOGRAPH_DATA"); d != "" {
		return d
	}
	return "data"
}

// stringsFlag collects a repeatable flag.
type stringsFlag []string

func (s *stringsFlag) String() string     { return fmt.Sprint([]string(*s)) }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }
