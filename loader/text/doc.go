// Package text is the one place where diplograph decides what two pieces of
// text "are the same": every lexicon, gazetteer and name comparison goes through
// it, so that a form stored by the gazetteer generator and a word met in an
// article are folded by the very same code.
//
// It has five parts:
//
//   - Fold: the matching form of a string (NFKC, Arabic diacritics and tatweel
//     removed, Arabic letter variants unified, digits made ASCII, Latin
//     lower-cased without accents, punctuation turned into single spaces).
//   - Tokenize and Sentences: words with byte offsets into the original, and
//     verbatim sentence spans, so callers can quote evidence exactly.
//   - Peel: the analyses of an Arabic word with its proclitics (و ف ب ل ك) and
//     article (ال, لل) removed, used for dictionary lookup without multiplying
//     every dictionary entry by twenty clitic combinations.
//   - NameKey, LooseKey, Latin and LatinFor: a script-independent consonant key
//     for person names (خالد مازن = Khaled Mazen = Khalid Mazin) and a Latin
//     display form for an Arabic name, in general (Latin) or as the press of the
//     official's country writes it (LatinFor: Kamel Beldjoud in Algeria, Gamal in
//     Egypt), all validated against public transliteration pairs.
//   - Trie: a token trie over folded tokens whose lookup is clitic-aware, the
//     dictionary matcher of the gazetteer and the extractor.
//
// Fold and Tokenize sit on the hot path of extraction; they avoid per-rune
// allocations and keep ASCII and Arabic on table-driven fast paths, falling back
// to golang.org/x/text normalisation only for other scripts (results cached).
package text
