package text

import (
	"strings"
	"testing"
)

// article is ~3 KB of mixed Arabic news text, the size of a typical article.
var article = strings.Repeat("استقبل وزير الداخلية الجزائري، كمال بلجود، اليوم الأحد بالجزائر العاصمة، نظيره الليبي اللواء خالد مازن، "+
	"وتناول اللقاء سبل تعزيز التعاون الأمني بين البلدين. ", 12)

var articleEN = strings.Repeat("Algeria's Interior Minister Kamel Beldjoud received his Libyan counterpart, Major General Khaled Mazen, in Algiers on Sunday. ", 24)

func BenchmarkTokenizeArabic(b *testing.B) {
	b.SetBytes(int64(len(article)))
	for b.Loop() {
		Tokenize(article)
	}
}

func BenchmarkTokenizeEnglish(b *testing.B) {
	b.SetBytes(int64(len(articleEN)))
	for b.Loop() {
		Tokenize(articleEN)
	}
}

func BenchmarkFoldArabic(b *testing.B) {
	b.SetBytes(int64(len(article)))
	for b.Loop() {
		Fold(article)
	}
}

func BenchmarkSentences(b *testing.B) {
	b.SetBytes(int64(len(article)))
	for b.Loop() {
		Sentences(article)
	}
}

func BenchmarkTrieLongest(b *testing.B) {
	var tr Trie[int]
	for i, p := range []string{"الجزائر", "الجزائر العاصمة", "ليبيا", "الليبي", "الجزائري", "وزير الداخلية", "خالد مازن"} {
		tr.Add(p, i)
	}
	toks := Tokenize(article)
	b.ReportAllocs()
	for b.Loop() {
		for i := range toks {
			tr.Longest(toks, i)
		}
	}
}

func BenchmarkNameKey(b *testing.B) {
	for b.Loop() {
		NameKey("عبد المجيد تبون")
		NameKey("Abdelmadjid Tebboune")
	}
}

func BenchmarkLatinFor(b *testing.B) {
	LatinFor("جمال", "DZ") // load the tables outside the loop
	for b.Loop() {
		LatinFor("عبد المجيد تبون", "DZ")
		LatinFor("جمال عبد الناصر", "EG")
	}
}

// BenchmarkAppendTokensReused tokenizes into a reused array, as extraction
// does (its pooled scratch).
func BenchmarkAppendTokensReused(b *testing.B) {
	b.SetBytes(int64(len(article) + len(articleEN)))
	var toks []Token
	for b.Loop() {
		toks = AppendTokens(toks[:0], article)
		toks = AppendTokens(toks[:0], articleEN)
	}
}
