package extract

import (
	"testing"
)

// TestPersonCountries checks the nationality each person of a short article
// gets, "" when the article does not tell: a wrong country is worse than none
// (it makes a domestic meeting of a diplomatic one, or invents one).
func TestPersonCountries(t *testing.T) {
	cases := []struct {
		name, lang, published, source, text string
		want                                map[string]string // person's first form → country
	}{
		{"a host opposite a foreign guest never takes the guest's nationality", "ar", "2025-02-10", "",
			"استقبل وزير المالية جمال عيسى في مكتبه اليوم الاثنين وزير المالية السوداني عمر الطيب والوفد المرافق له.",
			map[string]string{"جمال عيسى": "", "عمر الطيب": "SD"}},
		{"the outlet names the host's side", "ar", "2025-02-10", "سونا",
			"استقبل وزير المالية جمال عيسى في مكتبه اليوم الاثنين وزير المالية المصري عمر الطيب والوفد المرافق له.",
			map[string]string{"جمال عيسى": "SD", "عمر الطيب": "EG"}},
		{"the place of a signing names the host's side", "ar", "2025-02-10", "",
			"وقع وزير الصحة ماجد الحسيني، أمس الأحد في بغداد، مع وزير الصحة الإيراني محمد رضائي مذكرة تفاهم.",
			map[string]string{"ماجد الحسيني": "IQ", "محمد رضائي": "IR"}},
		{"a call received from a named foreign minister", "ar", "2025-02-10", "",
			"تلقى وزير الخارجية يوسف الكبيسي اتصالا هاتفيا من وزير الخارجية الكويتي سالم العنزي.",
			map[string]string{"يوسف الكبيسي": "", "سالم العنزي": "KW"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := testX.newDoc(Article{ID: "t", Lang: c.lang, Published: c.published, Source: c.source, Body: c.text}, new(scratch))
			d.run()
			got := map[string]string{}
			for _, p := range d.persons {
				got[p.forms[0]] = p.country
			}
			for name, want := range c.want {
				g, ok := got[name]
				if !ok {
					t.Errorf("%s not found; persons %v", name, got)
					continue
				}
				if g != want {
					t.Errorf("%s: country %q, want %q", name, g, want)
				}
			}
		})
	}
}
