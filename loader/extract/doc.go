// Package extract reads one news article (Arabic, English or French) and
// returns the diplomatic facts a careful analyst would record from it: the
// officials named, the meetings between parties of different countries or
// organisations, and the agreements they announce, each event with the verbatim
// sentence it came from (see ../../shared/eval/FORMAT.md for the output).
//
// There is no statistical model. The extractor is linguistics plus data:
//
//   - Hand-written lexicons per language (lexicon/{ar,en,fr}/*.tsv, embedded
//     and parsed once): titles, portfolios, ranks, honorifics, counterpart
//     words, event triggers, months (Egyptian, Maghreb, Moroccan and Levantine
//     series), weekdays, relative time words, topics, negation, modality
//     (future, condition, anchor, presence), links and adjectives inside office
//     phrases, stop words, Arabic given names. One clitic-aware token trie per
//     language (loader/text.Trie) is matched in the same pass as the generated
//     gazetteer (loader/gazetteer: countries, demonyms, cities, organisations,
//     named governments); at each token the longest phrase of either wins.
//   - Pass 1, frames: officials are found by their frame, not by capital
//     letters (Arabic has none): after a title and its complements (portfolio,
//     nationality, "of Libya", a named government, a city), after a
//     counterpart word, an honorific or a rank, and in apposition ("X, the
//     minister of …", Arabic "X وزير الخارجية" without a comma). An Arabic name
//     is the run of words up to a stop (punctuation, lexicon word, a word with
//     a clitic or a case ending, a family name with the article); a Latin name
//     is a capitalised run with particles and initials ("S. Jaishankar").
//     Offices only one state has carry it (titles.tsv, state column:
//     "Secretary of State", "Cabinet Secretary", long one-government
//     portfolios); seats of government are places of their state
//     (seats.tsv: the Élysée, قصر قرطاج).
//   - Leaders (leaders.go): heads of state and government are named without
//     an office in wire copy; a bare capitalised name that is the subject of
//     a meeting verb, or joined to a meeting word by "with"/"avec", is a
//     party, listed when the other side of the meeting gives its nationality
//     (a list of bare names only from a later office). "The two ministers"
//     (الوزيران) are the two holders last named.
//   - Known office holders (holders.go, lexicon/officeholders.tsv: a curated
//     seed, one row per person, office and interval, provenance in
//     lexicon/README.officeholders.md): a person the text leaves without a
//     nationality gets the holder's country, and office when the text gives
//     none, if one of its forms names a holder in office on the article's
//     date ("President Xi Jinping", "Macron, Merz, Starmer and Tusk"); a bare
//     name that is a known holder is a party in a sentence that reports an
//     event. Arabic, without capitals, finds seed names outside frames
//     ("بحث تبون وماكرون"). The text always wins.
//   - Outlets (lexicon/outlets.tsv): national press leaves its own
//     officials without a nationality; the country of a known one-country
//     outlet named in the article's source weighs like a dateline when a
//     person's country is guessed from the article's home.
//   - Pass 2, mentions: later forms of the persons found (surname, first
//     word of East Asian names, clitics peeled) become actors too; offices
//     named without a name ("the Syrian minister", "الوزير الجزائري", "le chef
//     de l'État") are bound to the person they refer to; persons without a
//     nationality get one from context (counterpart sides, "between", objects
//     of a meeting verb, lists, the sentence's subject, the dateline and the
//     article's most named party), never one that would give a country two
//     holders of the same office.
//   - Events: per sentence, meeting triggers with the parties of the actors
//     (pairs with the subject, one set for summits and for several parties
//     before the verb; countries after "in"/في are places, not parties;
//     lists announced with ":";
//     clauses after "a day after" apart), agreements from signing and agreeing
//     verbs, joint statements. Negation drops the sentence's encounters;
//     future and conditional markers in the trigger's clause make planned
//     events (or none); dates are resolved against the publication date, or
//     the first full date of the article. CAMEO and PLOVER codes follow the
//     kind and role (041 phone, 042/043 visits, 044 third place, 057 signing).
//     Persons named only where an encounter is denied or in a domestic
//     meeting are not listed.
//
// Extract is pure and safe for concurrent use: the Extractor holds only
// read-only tables built by New. Tests: table tests in testdata/, FuzzExtract,
// per-language benchmarks, TestHeldOut (the package's own held-out articles,
// testdata/heldout*), and TestDevSet, which scores the shared dev set with
// score.py and fails below the thresholds (DIPLOGRAPH_EVAL points it at
// another annotated folder; TestDebugDump/TestDebugText print the analysis).
package extract
