// Package loader reads news articles from files and loads them into the graph.
//
// # Input
//
// Articles are JSON objects in the bulk-load format of FORMAT.md (id, url,
// title, body, published, source, lang), stored as JSON Lines or as one JSON
// array, either of them optionally gzipped, in files, folders (recursive: only
// .json, .jsonl, .ndjson and their .gz; other files are listed as skipped) or
// standard input ("-"). The format is told by the first non-space byte ('['
// array, '{' lines; a "{" alone on the first line means objects printed over
// several lines one after the other, as jq prints them), compression by the
// gzip magic bytes. Reading streams:
// memory is bounded by the largest accepted record (DefaultMaxRecord, 16 MiB),
// never by the size of a file. Folders are opened with os.Root, so a symlink
// cannot lead outside them.
//
// # Validation
//
// Every refused record is a *RecordError whose text is one line,
// "file:line: field: problem" ("file:line: element N: field: problem" in an
// array); the other records still load. What is refused and what is cleaned:
//
//   - invalid JSON, a value that is not an object, a field of the wrong type;
//   - id or body missing or empty (blank); an id longer than MaxIDBytes or with
//     control/format characters (ids must read as they compare);
//   - invalid UTF-8 anywhere (refused, not repaired: encoding/json would silently
//     turn it into U+FFFD);
//   - NUL characters in any field (refused: binary or UTF-16 data; NUL is also
//     the separator of the content hash);
//   - a record over the size limit (refused; the reader skips it without holding it);
//   - published not "" nor an ISO date (RFC 3339 timestamps are cut to the day);
//   - lang other than ar, en, fr ("AR", "ar-LY" are accepted; absent → detected).
//
// Cleaned, not refused: bidi controls (U+061C, U+200E/F, U+202A–E, U+2066–9) and
// stray U+FEFF are stripped from title, body and source before extraction and
// storage, so evidence sentences are stored as they are read; CRLF and CR in the
// body become LF; a UTF-8 BOM at the start of a file and blank lines are skipped;
// spaces around the id are trimmed.
//
// File-level problems (unreadable, empty, not JSON, a truncated gzip stream)
// are *FileError; the records read before them stand.
//
// # Pipeline
//
// Load and LoadReader run: one reader goroutine → Options.Workers extraction
// workers → re-ordering → batches of Options.BatchSize articles (or
// BatchBytes) applied with graph.Graph.Apply, one transaction each. A batch the
// store finds too big is split in halves down to a single article, never inside
// one. Channels are bounded, so a slow store slows the reader and memory stays
// flat. After each committed batch Options.Ack receives its article ids. Within
// one load a later record with an id already seen replaces the earlier one
// (counted as Replaced); a batch never holds one id twice. The load remembers
// the ids of its last million records or more, not all of them, so that its
// memory stays flat over tens of millions: an id met again within them is
// also counted in Summary.Duplicates and logged. An
// article the graph already holds under its id with the same content hash is
// neither extracted nor written (Unchanged), so re-running an interrupted load
// is fast; an earlier record of the same load with that id and another text
// turns the skip off for it. An article the graph refuses is isolated by
// splitting its batch and rejected alone. A panic
// in the extractor rejects that article only.
//
// Progress: on a terminal (Options.Progress), a bar of the input bytes done
// with (compressed bytes for gzip) with articles/s, MB/s and ETA; otherwise a
// log line every Options.ProgressEvery, its figures JSON numbers (articles,
// bytes, articles_per_s, mb_per_s, and when the input's size is known
// done_pct and eta_s, with eta as a duration to read). The Summary's String
// is the CLI's final line.
//
// ReadPath reads without loading, for commands that only transform articles.
package loader
