// Package gen writes synthetic corpora of diplomatic news articles in Arabic,
// English and French, for benchmarks and load tests of any size.
//
// The world is fictional but plausible: real countries (so the gazetteer knows
// them), one fictional minister per country and portfolio (or a succession of
// them, with Options.Turnover), and a pool of
// events (visits, talks, phone calls, some with a memorandum signed), each
// reported by one to four articles in different languages, published the day of
// the event or the day after. Background paragraphs bring articles to about
// 3 KB, with one in twenty running to 8–24 KB. The same seed gives the same
// corpus.
package gen
