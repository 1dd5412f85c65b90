package text

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"hello world", "hello world"},
		{"  Hello,   World! ", "hello world"},
		{"l'Algérie", "l algerie"},
		{"Algeria's", "algeria s"},
		{"ÉTATS-UNIS d’Amérique", "etats unis d amerique"},
		{"Straße", "strasse"},
		{"الجَزَائِر", "الجزاير"},
		{"أحمد إبراهيم آل ٱلله", "احمد ابراهيم ال الله"},
		{"مصطفى", "مصطفي"},
		{"القاهرة", "القاهره"},
		{"مؤتمر شئون", "موتمر شيون"},
		{"جـــزائـر", "جزاير"},
		{"٢٠٢٦ ۱۴", "2026 14"},
		{"ﻻ", "لا"},
		{"قال: «نعم»، ثم؟", "قال نعم ثم"},
		{"ﬁnance", "finance"},
		{"Ｆｕｌｌ", "full"},
		{"کیف", "كيف"},
		{"a\u200bb", "ab"},
		{"\xff bad", "bad"},
		{"Москва", "москва"},
		{"İstanbul", "istanbul"},
		{"Işık Łódź Œuvre Søren", "isik lodz oeuvre soren"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(Fold(tt.in)); got != Fold(tt.in) {
			t.Errorf("Fold not idempotent on %q: %q → %q", tt.in, Fold(tt.in), got)
		}
	}
}

func TestTokenize(t *testing.T) {
	s := "Le ministre l'Algérie, وبالجَزائر: 3.5%"
	toks := Tokenize(s)
	var texts, folds []string
	for _, tk := range toks {
		if s[tk.Start:tk.End] != tk.Text {
			t.Errorf("token %+v: Text differs from s[Start:End]", tk)
		}
		texts = append(texts, tk.Text)
		folds = append(folds, tk.Fold)
	}
	wantTexts := []string{"Le", "ministre", "l", "Algérie", "وبالجَزائر", "3", "5"}
	wantFolds := []string{"le", "ministre", "l", "algerie", "وبالجزاير", "3", "5"}
	if !reflect.DeepEqual(texts, wantTexts) || !reflect.DeepEqual(folds, wantFolds) {
		t.Errorf("Tokenize(%q):\n texts %q\n folds %q", s, texts, folds)
	}
	if !toks[4].Arabic || toks[3].Arabic {
		t.Errorf("Arabic flags wrong: %+v", toks)
	}
	if got := Tokenize(" ,;. "); len(got) != 0 {
		t.Errorf("punctuation only: %+v", got)
	}
	// A token never starts with a mark or tatweel; trailing harakat stay.
	toks = Tokenize("ـَمحمدٌ")
	if len(toks) != 1 || toks[0].Fold != "محمد" || toks[0].Text != "محمدٌ" {
		t.Errorf("marks: %+v", toks)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Mr. Smith met Dr. Jones. They talked.", []string{"Mr. Smith met Dr. Jones.", "They talked."}},
		{"H.E. Mr. Tebboune received M. Barrot. Talks followed!", []string{"H.E. Mr. Tebboune received M. Barrot.", "Talks followed!"}},
		{"The U.S. and the U.A.E. agreed. Growth was 3.5 percent.", []string{"The U.S. and the U.A.E. agreed.", "Growth was 3.5 percent."}},
		{"John F. Kennedy spoke. S.E. Mme. Dupont arrived.", []string{"John F. Kennedy spoke.", "S.E. Mme. Dupont arrived."}},
		{"He said: \"We agree.\" Then he left.", []string{"He said: \"We agree.\"", "Then he left."}},
		{"استقبل الرئيس الوزير. وتناول اللقاء العلاقات؟ نعم", []string{"استقبل الرئيس الوزير.", "وتناول اللقاء العلاقات؟", "نعم"}},
		{"قال د. محمد إن «الزيارة ناجحة. والتعاون مستمر» وأضاف.", []string{"قال د. محمد إن «الزيارة ناجحة. والتعاون مستمر» وأضاف."}},
		{"Title line\n\n  Body line one. Two  \n", []string{"Title line", "Body line one.", "Two"}},
		{"Really?! Yes... It costs approx. the same.", []string{"Really?!", "Yes...", "It costs approx. the same."}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range Sentences(tt.in) {
			got = append(got, tt.in[sp.Start:sp.End])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Sentences(%q):\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func TestPeel(t *testing.T) {
	stems := func(f string) []string {
		var out []string
		for _, s := range Peel(f) {
			out = append(out, s.Prefix+"+"+s.Stem)
		}
		return out
	}
	has := func(list []string, want string) bool {
		for _, s := range list {
			if s == want {
				return true
			}
		}
		return false
	}
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"وبالجزائر", []string{"+وبالجزائر", "وب+الجزائر", "وبال+جزائر"}},
		{"للجزائر", []string{"+للجزائر", "ل+الجزائر", "لل+جزائر"}},
		{"والليبي", []string{"و+الليبي", "وال+ليبي"}},
		{"فالمغرب", []string{"ف+المغرب", "فال+مغرب"}},
		{"كالعادة", []string{"ك+العادة", "كال+عادة"}},
		{"ولليبيا", []string{"و+لليبيا", "ول+ليبيا"}},
		{"الجزائر", []string{"+الجزائر", "ال+جزائر"}},
	} {
		got := stems(Fold(tt.in))
		if got[0] != "+"+Fold(tt.in) {
			t.Errorf("Peel(%s): unpeeled form not first: %q", tt.in, got)
		}
		for _, w := range tt.want {
			if !has(got, Fold(w[:strings.Index(w, "+")])+"+"+Fold(w[strings.Index(w, "+")+1:])) {
				t.Errorf("Peel(%s) = %q, missing %s", tt.in, got, w)
			}
		}
	}
	// Length guard: no stem shorter than two letters.
	for _, w := range []string{"وبل", "بل", "ول", "لا", "الي", "ولد"} {
		for _, s := range Peel(Fold(w)) {
			if utf8.RuneCountInString(s.Stem) < 2 {
				t.Errorf("Peel(%s) gave stem %q", w, s.Stem)
			}
		}
	}
	if got := Peel("paris"); len(got) != 1 {
		t.Errorf("Peel(paris) = %+v", got)
	}
	// Article flags.
	for _, s := range Peel(Fold("وبالجزائر")) {
		if s.Article != (s.Stem == "جزاير") {
			t.Errorf("Peel(وبالجزائر): %+v", s)
		}
	}
}

func TestTrie(t *testing.T) {
	var tr Trie[string]
	tr.Add("الجزائر", "DZ")
	tr.Add("ليبيا", "LY")
	tr.Add("الاتحاد الأفريقي", "AFRICAN-UNION")
	tr.Add("الاتحاد", "union?")
	tr.Add("منظمة الدول المصدرة للنفط", "OPEC")
	tr.Add("حكومة الوحدة الوطنية", "LY-GNU")
	tr.Add("United States", "US")
	tr.Add("United States of America", "US")
	tr.Add("Algeria", "DZ")
	if tr.Len() != 9 {
		t.Errorf("Len = %d, want 9", tr.Len())
	}
	tests := []struct {
		text string
		i    int
		end  int
		val  string
	}{
		{"وبالجزائر", 0, 1, "DZ"},
		{"للجزائر", 0, 1, "DZ"},
		{"الجزائر", 0, 1, "DZ"},
		{"فالجزائر", 0, 1, "DZ"},
		{"جزائر", 0, -1, ""},
		{"لليبيا", 0, 1, "LY"},
		{"وليبيا", 0, 1, "LY"},
		{"زار وفد الاتحاد الأفريقي", 2, 4, "AFRICAN-UNION"},
		{"وللاتحاد الأفريقي", 0, 2, "AFRICAN-UNION"},
		{"بالاتحاد الإفريقى", 0, 2, ""},
		{"الاتحاد الأوروبي", 0, 1, "union?"},
		{"منظمة الدول المصدرة للنفط", 0, 4, "OPEC"},
		{"وحكومة الوحدة الوطنية", 0, 3, "LY-GNU"},
		{"the United States of America and", 1, 5, "US"},
		{"the United States and", 1, 3, "US"},
		{"Algeria's minister", 0, 1, "DZ"},
		{"the United Kingdom", 1, -1, ""},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.text)
		end, vals, ok := tr.Longest(toks, tt.i)
		if tt.end < 0 {
			if ok {
				t.Errorf("Longest(%q, %d) = %d %v, want no match", tt.text, tt.i, end, vals)
			}
			continue
		}
		if !ok || end != tt.end || (tt.val != "" && vals[0] != tt.val) {
			t.Errorf("Longest(%q, %d) = %d %v %v, want %d %s", tt.text, tt.i, end, vals, ok, tt.end, tt.val)
		}
	}
	// Out of range is not a match.
	if _, _, ok := tr.Longest(nil, 0); ok {
		t.Error("Longest(nil) matched")
	}
}

func TestLatin(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"خالد مازن", "Khaled Mazen"},
		{"محمد", "Mohamed"},
		{"عبد المجيد تبون", "Abdelmajid Taboun"},
		{"عبد الحميد الدبيبة", "Abdelhamid El-Dabiba"},
		{"محمد المنفي", "Mohamed El-Manfi"},
		{"Khaled مازن", "Khaled Mazen"},
		{"فيصل بن فرحان", "Faisal bin Farhan"},
		{"رمطان لعمامرة", "Ramtan Lamamra"},
	} {
		if got := Latin(tt.in); got != tt.want {
			t.Errorf("Latin(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Every rendering is title-cased ASCII and keys like its source.
	for _, in := range []string{"كمال بلجود", "عبد المجيد تبون", "نجلاء المنقوش", "زغلول بوقرعون"} {
		got := Latin(in)
		if got == "" || got[0] < 'A' || got[0] > 'Z' {
			t.Errorf("Latin(%s) = %q", in, got)
		}
		if LooseKey(got) != LooseKey(in) {
			t.Errorf("Latin(%s) = %q: loose key %q ≠ %q", in, got, LooseKey(got), LooseKey(in))
		}
	}
}
