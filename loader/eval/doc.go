// Package eval measures diplograph's extraction and resolution.
//
// Score is a faithful Go port of ../shared/eval/score.py, the project's
// yardstick, so that `diplograph eval GOLD EXTRACTION [--articles A] [--json]`
// (Main) prints the same report, number for number and byte for byte:
//
//   - officials: named office holders matched one to one, greedily in gold order,
//     by name (any alias after normalisation, or whole-token containment of a
//     two-token form) AND country; officials~ by name alone;
//   - meetings: per article, the set of country sets of held meetings (planned
//     gold meetings are optional); participants: within matched country sets,
//     unique named participants matched by name;
//   - agreements: per article, the set of country sets;
//   - meeting-date: share of matched country sets with a gold date whose date
//     is right; evidence: share of extracted events whose evidence sentence is a
//     verbatim substring of title + "\n" + body (needs the articles);
//   - each P/R/F1 overall ("all") and per language, and the macro-F1 of
//     officials, meetings, participants and agreements.
//
// The name normalisation (Norm) is score.py's: NFKC, Arabic diacritics and
// tatweel dropped, أإآٱ→ا ى→ي ة→ه ؤ→و ئ→ي, NFKD with combining marks dropped,
// Python's lower-casing, punctuation to spaces, spaces collapsed. Python
// details that change numbers are kept on purpose (round half to even, the
// order in which metrics first appear, str.isspace's separators); the tests run
// both scorers on the same files and compare their output.
//
// PairwiseMerge is the resolution metric of issue 4: pairwise precision and
// recall of merges, for officials and for meetings, over a truth file such as
// testdata/corpus/resolution/truth.jsonl.
package eval
