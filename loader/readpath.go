package loader

import (
	"context"
	"io"

	"diplograph/loader/extract"
)

// ReadPath reads the articles at one path (a file, a folder, or "-" for
// stdin) without loading them: fn receives each valid article in input order,
// bad each rejection (*RecordError) or unreadable file (*FileError); files of
// a folder that are not article files are passed over silently. It stops at the
// first error fn returns, or when ctx is done, and returns that error. It is
// the reader of commands that only transform articles (extraction, checks).
func ReadPath(ctx context.Context, path string, stdin io.Reader, fn func(extract.Article) error, bad func(error)) error {
	if bad == nil {
		bad = func(error) {}
	}
	var ins []Input
	if path == "-" {
		ins = []Input{{Name: "-", Size: -1, Open: func() (io.ReadCloser, error) { return io.NopCloser(stdin), nil }}}
	} else {
		var errs []error
		var done func()
		ins, _, errs, done = Inputs([]string{path})
		defer done()
		for _, err := range errs {
			bad(err)
		}
	}
	for _, in := range ins {
		if err := readInput(ctx, in, fn, bad); err != nil {
			return err
		}
	}
	return nil
}

func readInput(ctx context.Context, in Input, fn func(extract.Article) error, bad func(error)) error {
	rc, err := in.Open()
	if err != nil {
		bad(&FileError{File: in.Name, Err: unwrapPath(err)})
		return nil
	}
	defer rc.Close()
	r := NewReader(in.Name, rc, 0)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := r.Next()
		switch {
		case err == io.EOF:
			return nil
		case err != nil:
			bad(err)
		default:
			if err := fn(rec.Article); err != nil {
				return err
			}
		}
	}
}
