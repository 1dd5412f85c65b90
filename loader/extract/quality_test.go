package extract

import (
	"slices"
	"strings"
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
		{"the signatories of an accord stand for its two sides", "en", "2025-05-20", "",
			"MUSCAT - Oman and Kenya signed a trade agreement on Tuesday during a visit by President William Ruto to Muscat.\nThe agreement was signed by Qais Yousef, Minister of Commerce, and Lee Kinyanjui, Kenya's Cabinet Secretary for Trade.",
			map[string]string{"Qais Yousef": "OM", "Lee Kinyanjui": "KE"}},
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

// TestNotPersons lists phrases that stand where a name does (after an office,
// a nationality, a preposition) but are no person: the analysis must not make
// a person of them, even a provisional one.
func TestNotPersons(t *testing.T) {
	cases := []struct {
		name, lang, text string
		not              []string
	}{
		{"ar verbal noun after a nationality", "ar",
			"وزير الصحة يبحث مع وزير الصحة التونسي تعزيز تبادل الخبرات\nبحث وزير الصحة يوسف بنعلي اليوم في الرباط مع نظيره التونسي منير الجلاصي تعزيز التعاون.",
			[]string{"تعزيز تبادل", "تعزيز التعاون"}},
		{"fr fishermen of a town", "fr",
			"La ministre sénégalaise de la Pêche, Fatou Diome Sarr, a signé lundi à Banjul avec son homologue gambien Lamin Jobe un accord qui permet aux pêcheurs de Ndar Toute d'accéder aux eaux gambiennes.\nMme Sarr a ensuite été reçue par le président de la République de Gambie.",
			[]string{"Ndar Toute"}},
		{"en border crossing of a town", "en",
			"Libyan Interior Minister Emad Salem met his Tunisian counterpart Khaled Nouri in Tunis on Monday.\nThey agreed to reinforce patrols near the border crossing of Ras Ajdir.\nThe Libyan minister was later received by the Tunisian president.",
			[]string{"Ras Ajdir"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := testX.newDoc(Article{ID: "t", Lang: c.lang, Published: "2025-04-15", Body: c.text}, new(scratch))
			d.run()
			for _, p := range d.persons {
				for _, f := range p.forms {
					if slices.Contains(c.not, f) {
						t.Errorf("person %q (forms %v), want none", f, p.forms)
					}
				}
			}
		})
	}
}

// TestFrenchArticleNames checks that a French place name after an article
// needs its noun capitalised: "La Réunion" is the island, "La réunion" a
// meeting, even opening a sentence.
func TestFrenchArticleNames(t *testing.T) {
	cases := []struct {
		text string
		want bool // RE is read
	}{
		{"Le préfet de La Réunion a reçu le ministre.", true},
		{"La Réunion accueille le sommet.", true},
		{"La réunion a porté sur la sécurité.", false},
		{"Le ministre a présidé la réunion.", false},
	}
	for _, c := range cases {
		d := testX.newDoc(Article{ID: "t", Lang: "fr", Body: c.text}, new(scratch))
		got := false
		for _, s := range d.sents {
			for _, sg := range s.segs {
				if partyOf(&sg) == "RE" {
					got = true
				}
			}
		}
		if got != c.want {
			t.Errorf("%q: Réunion read %v, want %v", c.text, got, c.want)
		}
	}
}

// TestPlannedDates checks the day of announced encounters: a bare weekday
// in an announcement published that weekday is the same day, and the day a
// reporting verb carries ("said on Tuesday") dates the announcement, not the
// encounter.
func TestPlannedDates(t *testing.T) {
	cases := []struct{ lang, published, text, want string }{
		{"en", "2025-03-11", "Omani Foreign Minister Salim Harthi will visit Tunis next week for talks with Tunisian Foreign Minister Leila Mansour, the ministry said on Tuesday.", ""},
		{"fr", "2025-03-12", "Le ministre omanais des Affaires étrangères, Salim Harthi, doit être reçu mercredi à Tunis par son homologue tunisienne Leila Mansour.", "2025-03-12"},
		{"ar", "2025-03-13", "سيلتقي وزير الخارجية العماني سالم الحارثي يوم الخميس في تونس نظيرته التونسية ليلى منصور.", "2025-03-13"},
	}
	for _, c := range cases {
		r := testX.Extract(Article{ID: "t", Lang: c.lang, Published: c.published, Body: c.text})
		if len(r.Meetings) != 1 || r.Meetings[0].Status != "planned" {
			t.Errorf("%q: want one planned meeting, got %+v", c.text, r.Meetings)
			continue
		}
		if r.Meetings[0].Date != c.want {
			t.Errorf("%q: date %q, want %q", c.text, r.Meetings[0].Date, c.want)
		}
	}
}

// TestHeadlineAgreements checks that an accord the headline and the body both
// tell, in other words, is one agreement, while two accords the body tells
// stay two.
func TestHeadlineAgreements(t *testing.T) {
	cases := []struct {
		lang, title, body string
		want              int
	}{
		{"en", "Oman, Qatar sign visa memorandum",
			"Omani Foreign Minister Salim Harthi and Qatari Minister of State Khalid Mansouri signed a memorandum of understanding in Doha on Sunday exempting diplomatic passport holders from visas.", 1},
		{"ar", "وزيرا خارجية عمان وقطر يوقعان مذكرة تفاهم",
			"وقع وزير الخارجية العماني سالم الحارثي ووزير الدولة القطري خالد المنصوري، أمس الأحد في الدوحة، مذكرة تفاهم حول الإعفاء من التأشيرات.", 1},
		{"en", "Jordan, Iraq agree to set up joint border committee",
			"Jordanian Interior Minister Mazen Faraya met his Iraqi counterpart Abdul Amir Shammari in Amman on Monday.\nThe two sides agreed to form a joint committee to secure the common border, Faraya told reporters.", 1},
		{"en", "",
			"Foreign ministers of Chad and Cameroon on Friday signed a memorandum of understanding on border security.\nThe MoU was signed by Chadian Foreign Minister Abakar Saleh and his Cameroonian counterpart Paul Mbella in Yaoundé.\nThe signing of this memorandum will strengthen cooperation between Chad and Cameroon.", 1},
		{"ar", "",
			"وقع وزير الخارجية المغربي كريم العلمي ونظيره الموريتاني محمد ولد أحمد، أمس الأحد بالرباط، اتفاقية للتعاون في مجال النقل.\nوتنص الاتفاقية على فتح خط بحري منتظم بين البلدين.\nومن المتوقع أن يوقع البلدان عددا من الاتفاقيات في مجال الصيد.", 2},
		{"en", "Oman, Jordan sign two agreements",
			"Omani Foreign Minister Salim Harthi and Jordanian Foreign Minister Samer Qaisi signed an agreement on visa exemption in Amman on Sunday.\nThey also signed a memorandum of understanding on cultural exchange.", 2},
	}
	for _, c := range cases {
		r := testX.Extract(Article{ID: "t", Lang: c.lang, Published: "2025-05-12", Title: c.title, Body: c.body})
		if len(r.Agreements) != c.want {
			t.Errorf("%q: %d agreements, want %d: %+v", c.title, len(r.Agreements), c.want, r.Agreements)
		}
	}
}

// TestSourceCountry checks the country a source's name gives when the
// outlets lexicon does not list it, and the international media it skips.
func TestSourceCountry(t *testing.T) {
	cases := map[string]string{
		"Tunisie Numérique":            "TN",
		"The Daily Star (Nigeria)":     "NG",
		"Le Réveil de Nouakchott":      "MR",
		"وكالة الأنباء الكويتية":       "KW",
		"Agence de presse sénégalaise": "SN",
		"Agence France-Presse":         "",
		"Radio France Internationale":  "",
		"France 24":                    "",
		"Reuters":                      "",
		"Gulf News Wire":               "",
		"Egypt and Sudan Daily":        "",
		"Maghreb Wire":                 "",
	}
	for src, want := range cases {
		if got := testX.sourceCountry(src); got != want {
			t.Errorf("sourceCountry(%q) = %q, want %q", src, got, want)
		}
	}
}

// TestEventSets checks the exact country sets of an article's meetings and
// agreements: who hosts or witnesses a signing is no party to it, and a joint
// visit is one encounter of every visitor with the host.
func TestEventSets(t *testing.T) {
	cases := []struct {
		lang, text       string
		meetings, agreed []string // sorted country sets, "+"-joined
	}{
		{"en", "Ghanaian President Kwame Asante and Ivorian President Alassane Kone signed a border agreement in Lomé on Friday in a ceremony hosted by Togolese President Faure Akakpo.",
			nil, []string{"CI+GH"}},
		{"fr", "Le ministre malien des Affaires étrangères, Abdoulaye Keita, et son homologue guinéen, Morissanda Camara, ont signé lundi un accord de coopération en présence du président sénégalais Bassirou Ndiaye.",
			nil, []string{"GN+ML"}},
		{"en", "The foreign ministers of Niger and Burkina Faso began a joint visit to Mali on Monday, where they met Malian Foreign Minister Abdoulaye Keita in Bamako.",
			[]string{"BF+ML+NE"}, nil},
	}
	join := func(cs []string) string { return strings.Join(cs, "+") }
	for _, c := range cases {
		r := testX.Extract(Article{ID: "t", Lang: c.lang, Published: "2025-05-12", Body: c.text})
		var ms, as []string
		for _, m := range r.Meetings {
			if !slices.Contains(ms, join(m.Countries)) {
				ms = append(ms, join(m.Countries))
			}
		}
		for _, a := range r.Agreements {
			if !slices.Contains(as, join(a.Countries)) {
				as = append(as, join(a.Countries))
			}
		}
		slices.Sort(ms)
		slices.Sort(as)
		if c.meetings != nil && !slices.Equal(ms, c.meetings) {
			t.Errorf("%q: meetings %v, want %v", c.text, ms, c.meetings)
		}
		if c.agreed != nil && !slices.Equal(as, c.agreed) {
			t.Errorf("%q: agreements %v, want %v", c.text, as, c.agreed)
		}
	}
}

// TestArabicNameShapes checks words that stand after an office but cannot
// start or continue an Arabic name: verbal nouns (تفعيل، افتعال) and nouns
// with a possessive suffix; given names of those shapes stay names.
func TestArabicNameShapes(t *testing.T) {
	cases := []struct {
		text string
		not  []string
		want []string
	}{
		{"وأكد الوزير التونسي التزام بلاده بتسهيل الإجراءات.", []string{"التزام بلاده", "التزام بلاده بتسهيل الإجراءات"}, nil},
		{"وبحث وزير الداخلية الليبي تعزيز التنسيق الأمني.", []string{"تعزيز التنسيق"}, nil},
		{"واستقبل الوزير التونسي ابتسام الجبالي وزيرة الصحة الليبية.", nil, []string{"ابتسام الجبالي"}},
		{"والتقى وزير الخارجية الأردني تحسين الشوبكي نظيره العراقي.", nil, []string{"تحسين الشوبكي"}},
	}
	for _, c := range cases {
		d := testX.newDoc(Article{ID: "t", Lang: "ar", Published: "2025-04-15", Body: c.text}, new(scratch))
		d.run()
		var got []string
		for _, p := range d.persons {
			got = append(got, p.forms...)
		}
		for _, n := range c.not {
			if slices.Contains(got, n) {
				t.Errorf("%q: person %q, want none (persons %v)", c.text, n, got)
			}
		}
		for _, n := range c.want {
			if !slices.Contains(got, n) {
				t.Errorf("%q: no person %q (persons %v)", c.text, n, got)
			}
		}
	}
}

// TestMessageSenders checks that who sends the message an envoy delivers is
// no participant of the audience, while still an official of the article.
func TestMessageSenders(t *testing.T) {
	cases := []struct{ lang, text, sender string }{
		{"fr", "Le président sénégalais Bassirou Ndiaye a reçu lundi à Dakar le ministre gambien des Affaires étrangères, Lamin Jobe, porteur d'un message du président gambien Adama Barrow.", "Adama Barrow"},
		{"en", "Omani Foreign Minister Salim Harthi received Jordanian envoy Samer Qaisi in Muscat on Sunday, who delivered a letter from Jordanian King Abdullah Hassan.", "Abdullah Hassan"},
	}
	for _, c := range cases {
		r := testX.Extract(Article{ID: "t", Lang: c.lang, Published: "2025-05-12", Body: c.text})
		if len(r.Meetings) == 0 {
			t.Errorf("%q: no meeting", c.text)
			continue
		}
		for _, m := range r.Meetings {
			if slices.Contains(m.Participants, c.sender) {
				t.Errorf("%q: sender %s is a participant: %v", c.text, c.sender, m.Participants)
			}
		}
	}
}
