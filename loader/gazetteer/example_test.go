package gazetteer_test

import (
	"fmt"

	"diplograph/loader/gazetteer"
	"diplograph/loader/text"
)

func ExampleGazetteer_Longest() {
	g := gazetteer.Default()
	toks := text.Tokenize("التقى وزير الداخلية الليبي نظيره الجزائري بالجزائر العاصمة")
	for i := 0; i < len(toks); {
		end, es, ok := g.Longest(toks, i)
		if !ok {
			i++
			continue
		}
		e := es[0]
		fmt.Println(toks[i].Text, "→", e.Kind, e.Code, e.Display, e.Gender, e.Number)
		i = end
	}
	// Output:
	// الليبي → demonym LY Libya m sg
	// الجزائري → demonym DZ Algeria m sg
	// بالجزائر → city DZ Algiers
}

func ExampleGazetteer_Country() {
	c, _ := gazetteer.Default().Country("DZ")
	fmt.Println(c.Names["en"], "/", c.Names["fr"], "/", c.Names["ar"])
	// Output: Algeria / Algérie / الجزائر
}
