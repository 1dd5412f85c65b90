// Package extract reads one news article (Arabic, English or French) and
// returns the diplomatic facts a careful analyst would record from it: the
// officials named, the meetings between parties of different countries or
// organisations, and the agreements they announce, each event with the verbatim
// sentence it came from (see ../../shared/eval/FORMAT.md for the output).
//
// There is no statistical model. The extractor is linguistics plus data:
//
//   - Hand-written lexicons per language (lexicon/{ar,en,fr}/*.tsv, embedded):
//     titles, portfolios, ranks, honorifics, counterpart words, event triggers,
//     months, weekdays, relative time words, topics, negation and modality
//     markers, stop words. They are parsed once into one clitic-aware token trie
//     per language (loader/text.Trie), matched in one pass together with the
//     generated gazetteer (loader/gazetteer: countries, demonyms, cities,
//     organisations, named governments).
//   - Officials are found by their frame, not by capital letters (Arabic has
//     none): after a title and its complements (portfolio, demonym, "of
//     Libya", a named government), after a counterpart word, an honorific or a
//     rank, and in apposition ("X, the minister of …"). A name is the run of
//     tokens that follows until a stop (punctuation, function word, trigger,
//     time word, lexicon word). Later mentions (surname alone, "the Algerian
//     minister", "his counterpart") are resolved inside the article.
//   - Events come from trigger words per sentence; the parties are the countries
//     of the actors in the sentence (named or only described by title and
//     nationality), with the subject in focus standing in for dropped pronouns.
//     Status (held or planned), negation and conditions come from markers
//     around the trigger; dates are resolved against the publication date.
//
// Extract is pure and safe for concurrent use: the Extractor holds only
// read-only tables built by New.
package extract
