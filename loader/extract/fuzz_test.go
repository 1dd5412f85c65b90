package extract

import (
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzExtract checks the invariants of any extraction: no panic, evidence
// verbatim, countries sorted and distinct, refs resolvable.
func FuzzExtract(f *testing.F) {
	seeds := []string{
		"التقى وزير الخارجية المغربي ناصر بوريطة، اليوم الاثنين، نظيره الموريتاني محمد سالم ولد مرزوك في الرباط.",
		"Egyptian Foreign Minister Sameh Shoukry met his Jordanian counterpart Ayman Safadi in Amman on Sunday.",
		"Le ministre marocain des Affaires étrangères, Nasser Bourita, a reçu mardi dernier son homologue sénégalaise Yassine Fall.",
		"وقع الجانبان مذكرة تفاهم في ٣ مارس ٢٠٢٢.\nKenya and Ethiopia signed a memorandum of understanding.",
		"السيد «خالد مازن»، وزير الداخلية الليبي،",
		"Mr. , , and and of the the counterpart counterpart",
		"\u200f\u0640\u064b",
	}
	for _, s := range seeds {
		f.Add(s, "", "2024-01-01")
	}
	if arts := filepath.Join(devDir(), "articles.jsonl"); fileExists(arts) {
		for _, a := range readArticles(f, arts) {
			f.Add(a.Body, a.Lang, a.Published)
		}
	}
	x := New()
	f.Fuzz(func(t *testing.T, body, lang, published string) {
		if !utf8.ValidString(body) {
			return
		}
		a := Article{ID: "f", Title: "", Body: body, Lang: lang, Published: published}
		r := x.Extract(a)
		checkInvariants(t, a, r)
	})
}
