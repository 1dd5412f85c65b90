package loader

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Input is one stream of articles to read.
type Input struct {
	Name string // as shown in messages: the path given, or folder/relative path
	Size int64  // bytes on disk (compressed size for .gz); -1 when unknown
	Open func() (io.ReadCloser, error)
}

// Skipped is a file of a folder that was not read, and why.
type Skipped struct {
	Name   string
	Reason string
}

func (s Skipped) String() string { return s.Name + ": skipped: " + s.Reason }

// IsArticleFile reports whether a file in a folder is read as articles:
// .json, .jsonl or .ndjson, optionally followed by .gz (case-insensitive).
func IsArticleFile(name string) bool {
	n := strings.ToLower(name)
	n = strings.TrimSuffix(n, ".gz")
	switch path.Ext(n) {
	case ".json", ".jsonl", ".ndjson":
		return true
	}
	return false
}

// Inputs expands paths into the inputs to read, in order: "-" is standard
// input; a file is read whatever its name; a folder is walked recursively in
// lexical order, reading only article files (IsArticleFile) and reporting the
// others as skipped. Folders are opened with os.Root, so neither a symlink nor
// a ".." can lead a read outside the folder; a symlink that tries is an error,
// and symlinked directories are not followed (no cycles).
//
// The returned close function releases the folders; call it after reading.
// Errors are *FileError, one per path that could not be used.
func Inputs(paths []string) (ins []Input, skipped []Skipped, errs []error, close func()) {
	var roots []*os.Root
	close = func() {
		for _, r := range roots {
			r.Close()
		}
	}
	for _, p := range paths {
		if p == "-" {
			ins = append(ins, Input{Name: "-", Size: -1, Open: func() (io.ReadCloser, error) {
				return io.NopCloser(os.Stdin), nil
			}})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &FileError{File: p, Err: unwrapPath(err)})
			continue
		}
		if !st.IsDir() {
			ins = append(ins, Input{Name: p, Size: st.Size(), Open: func() (io.ReadCloser, error) { return os.Open(p) }})
			continue
		}
		root, err := os.OpenRoot(p)
		if err != nil {
			errs = append(errs, &FileError{File: p, Err: unwrapPath(err)})
			continue
		}
		roots = append(roots, root)
		fi, sk, fe := walkRoot(p, root)
		ins, skipped, errs = append(ins, fi...), append(skipped, sk...), append(errs, fe...)
	}
	return ins, skipped, errs, close
}

func walkRoot(dir string, root *os.Root) (ins []Input, skipped []Skipped, errs []error) {
	show := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	fs.WalkDir(root.FS(), ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, &FileError{File: show(rel), Err: unwrapPath(err)})
			return nil
		}
		if rel == "." {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if strings.HasPrefix(name, ".") {
				skipped = append(skipped, Skipped{show(rel), "hidden folder"})
				return fs.SkipDir
			}
			return nil
		}
		if !IsArticleFile(name) {
			skipped = append(skipped, Skipped{show(rel), "not an article file (.json, .jsonl, .ndjson, optionally .gz)"})
			return nil
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			// Root.Stat follows the link but only inside the root.
			st, err := root.Stat(rel)
			if err != nil {
				errs = append(errs, &FileError{File: show(rel), Err: fmt.Errorf("symlink refused: %v", unwrapPath(err))})
				return nil
			}
			if !st.Mode().IsRegular() {
				skipped = append(skipped, Skipped{show(rel), "symlink to a folder or device, not followed"})
				return nil
			}
		} else if !mode.IsRegular() {
			skipped = append(skipped, Skipped{show(rel), "not a regular file"})
			return nil
		}
		size := int64(-1)
		if st, err := root.Stat(rel); err == nil {
			size = st.Size()
		}
		ins = append(ins, Input{Name: show(rel), Size: size, Open: func() (io.ReadCloser, error) {
			f, err := root.Open(rel)
			if err != nil {
				return nil, unwrapPath(err)
			}
			return f, nil
		}})
		return nil
	})
	return ins, skipped, errs
}

// unwrapPath drops the *PathError wrapper: messages already name the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
