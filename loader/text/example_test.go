package text_test

import (
	"fmt"

	"diplograph/loader/text"
)

func ExampleFold() {
	fmt.Println(text.Fold("الجَزَائِر"))
	fmt.Println(text.Fold("l'Algérie, ٢٠٢١"))
	// Output:
	// الجزاير
	// l algerie 2021
}

func ExampleTokenize() {
	s := "وبالجزائر، l'Algérie"
	for _, tk := range text.Tokenize(s) {
		fmt.Printf("%q %q %d-%d %v\n", tk.Text, tk.Fold, tk.Start, tk.End, tk.Arabic)
	}
	// Output:
	// "وبالجزائر" "وبالجزاير" 0-18 true
	// "l" "l" 21-22 false
	// "Algérie" "algerie" 23-31 false
}

func ExampleNameKey() {
	fmt.Println(text.NameKey("خالد مازن"), "|", text.NameKey("Khalid Mazin"))
	fmt.Println(text.NameKey("عبد المجيد تبون"), "|", text.NameKey("Abdelmadjid Tebboune"))
	fmt.Println(text.LooseKey("جمال"), "|", text.LooseKey("Gamal"), "|", text.LooseKey("Djamel"))
	// Output:
	// XLD MZN | XLD MZN
	// BDMJD TBN | BDMJD TBN
	// KML | KML | KML
}

func ExampleLatin() {
	fmt.Println(text.Latin("خالد مازن"))
	// Output: Khaled Mazen
}

func ExampleLatinFor() {
	fmt.Println(text.LatinFor("كمال بلجود", "DZ"))
	fmt.Println(text.LatinFor("جمال", "DZ"), "|", text.LatinFor("جمال", "TN"), "|", text.LatinFor("جمال", "EG"), "|", text.LatinFor("جمال", "LY"))
	fmt.Println(text.LatinFor("جمال عبد الناصر", "EG"))
	// Output:
	// Kamel Beldjoud
	// Djamel | Jamel | Gamal | Jamal
	// Gamal Abdel Nasser
}

func ExampleTrie_Longest() {
	var t text.Trie[string]
	t.Add("الاتحاد الأفريقي", "AFRICAN-UNION")
	toks := text.Tokenize("وللاتحاد الإفريقي دور")
	end, vals, ok := t.Longest(toks, 0)
	fmt.Println(end, vals, ok)
	// Output: 2 [AFRICAN-UNION] true
}

func ExampleSentences() {
	s := "Mr. Tebboune received H.E. Khaled Mazen. Talks followed."
	for _, sp := range text.Sentences(s) {
		fmt.Println(s[sp.Start:sp.End])
	}
	// Output:
	// Mr. Tebboune received H.E. Khaled Mazen.
	// Talks followed.
}
