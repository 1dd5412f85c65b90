package gen

import (
	"fmt"
	"strings"
)

// topic is a subject of talks in the three languages.
type topic struct{ ar, en, fr string }

var topics = []topic{
	{"الأمن ومكافحة الإرهاب", "security and counter-terrorism", "la sécurité et la lutte contre le terrorisme"},
	{"التجارة والاستثمار", "trade and investment", "le commerce et l'investissement"},
	{"الطاقة والربط الكهربائي", "energy and electricity interconnection", "l'énergie et l'interconnexion électrique"},
	{"الهجرة غير النظامية", "irregular migration", "la migration irrégulière"},
	{"أمن الحدود", "border security", "la sécurité des frontières"},
	{"الأمن السيبراني", "cybersecurity", "la cybersécurité"},
}

type portfolioTitle struct{ ar, arOf, en, fr string }

// Titles by portfolio: ar "وزير الخارجية", ar construct "وزير خارجية" (before a
// country name), en, fr.
var titles = map[string]portfolioTitle{
	"foreign":  {"وزير الخارجية", "وزير خارجية", "Foreign Minister", "ministre des Affaires étrangères"},
	"interior": {"وزير الداخلية", "وزير داخلية", "Interior Minister", "ministre de l'Intérieur"},
	"defence":  {"وزير الدفاع", "وزير دفاع", "Defence Minister", "ministre de la Défense"},
	"trade":    {"وزير التجارة", "وزير تجارة", "Trade Minister", "ministre du Commerce"},
	"energy":   {"وزير الطاقة", "وزير طاقة", "Energy Minister", "ministre de l'Énergie"},
}

var (
	arWeekdays = []string{"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"}
	frWeekdays = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	arMonths   = []string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
	frMonths   = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
)

type language struct {
	// lead returns the opening paragraph and the title; lag is the number of
	// days between the event and publication (0 or 1).
	lead    func(g *generator, ev event, lag int) (string, string)
	mou     func(ev event) string
	filler  []func(g *generator, ev event) string
	sources []string
}

var tmpl = map[string]language{
	"ar": {
		lead: func(g *generator, ev event, lag int) (string, string) {
			t := titles[ev.portfolio]
			when := "اليوم " + arWeekdays[ev.date.Weekday()]
			if lag == 1 {
				when = "أمس " + arWeekdays[ev.date.Weekday()]
			}
			if g.rng.IntN(3) == 0 {
				when = fmt.Sprintf("يوم %s %d %s %d", arWeekdays[ev.date.Weekday()], ev.date.Day(), arMonths[ev.date.Month()-1], ev.date.Year())
			}
			tp := topics[ev.topic].ar
			switch ev.kind {
			case "visit":
				return fmt.Sprintf("وصل %s %s %s، %s، إلى %s في زيارة رسمية، حيث التقى نظيره %s %s وبحث معه سبل تعزيز التعاون في مجال %s.",
						t.ar, ev.a.arNisba, ev.oa.ar(), when, ev.b.capAr, ev.b.arNisba, ev.ob.ar(), tp),
					fmt.Sprintf("%s %s يزور %s", t.ar, ev.a.arNisba, ev.b.ar)
			case "meeting":
				return fmt.Sprintf("بحث %s %s %s مع نظيره %s %s، %s، في %s، ملفات التعاون الثنائي وفي مقدمتها %s.",
						t.ar, ev.a.arNisba, ev.oa.ar(), ev.b.arNisba, ev.ob.ar(), when, ev.b.capAr, tp),
					fmt.Sprintf("مباحثات %s-%s حول %s", ev.a.ar, ev.b.ar, tp)
			default:
				return fmt.Sprintf("تلقى %s %s %s، %s، اتصالا هاتفيا من نظيره %s %s، تناول العلاقات الثنائية وملف %s.",
						t.ar, ev.b.arNisba, ev.ob.ar(), when, ev.a.arNisba, ev.oa.ar(), tp),
					fmt.Sprintf("اتصال هاتفي بين وزيري %s و%s", ev.a.ar, ev.b.ar)
			}
		},
		mou: func(ev event) string {
			return fmt.Sprintf("ووقع الجانبان مذكرة تفاهم للتعاون في مجال %s بين البلدين.", topics[ev.topic].ar)
		},
		filler: []func(g *generator, ev event) string{
			func(g *generator, ev event) string {
				return fmt.Sprintf("وأكد الوزير %s أن العلاقات بين %s و%s تشهد تطورا ملحوظا في مختلف المجالات، مشيرا إلى أهمية مواصلة التنسيق والتشاور إزاء القضايا الإقليمية والدولية ذات الاهتمام المشترك، ومشددا على ضرورة تفعيل آليات التعاون القائمة وتوسيعها لتشمل قطاعات جديدة.", ev.a.arNisba, ev.a.ar, ev.b.ar)
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("ومن جانبه، أعرب الوزير %s عن ارتياحه لمستوى العلاقات الثنائية، داعيا إلى عقد اجتماعات دورية للجان المشتركة ومتابعة تنفيذ ما تم الاتفاق عليه خلال الدورات السابقة، بما يخدم مصالح الشعبين الشقيقين ويعزز الاستقرار في المنطقة.", ev.b.arNisba)
			},
			func(g *generator, ev event) string {
				return "وتطرق اللقاء إلى الأوضاع في المنطقة والتحديات التي تواجهها، لا سيما ما يتعلق بالأمن الغذائي وتغير المناخ وتداعيات الأزمات الاقتصادية العالمية، حيث اتفق الجانبان على أهمية العمل العربي المشترك والتنسيق في المحافل الدولية."
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("وتشير أرقام رسمية إلى أن حجم التبادل التجاري بين البلدين بلغ نحو %d مليون دولار خلال العام الماضي، وهو رقم يرى مراقبون أنه لا يرقى إلى مستوى الإمكانات المتاحة لدى الجانبين.", 100+g.rng.IntN(900))
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("ويأتي هذا اللقاء في سياق إقليمي يتسم بتسارع التطورات، إذ تشير تقديرات مراكز بحثية إلى أن معدل النمو في المنطقة لن يتجاوز %d.%d في المئة هذا العام، في ظل ارتفاع أسعار الغذاء والطاقة وتراجع الاستثمارات الأجنبية المباشرة.", 1+g.rng.IntN(4), g.rng.IntN(10))
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("ويرى محللون أن البلدين يملكان فرصا كبيرة لتطوير شراكتهما، خاصة في مجالات النقل والموانئ والزراعة، مشيرين إلى أن عدد الشركات %s العاملة في %s لا يتعدى %d شركة.", ev.a.arNisba+"ة", ev.b.ar, 10+g.rng.IntN(200))
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("وتعود آخر زيارة رسمية بهذا المستوى بين البلدين إلى عام %d، حين جرى بحث ملفات مماثلة دون أن تسفر عن نتائج ملموسة بحسب متابعين للشأن الثنائي.", 2000+g.rng.IntN(15))
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("وتستضيف %s جالية %s يقدر عددها بنحو %d ألف شخص، يعمل أغلبهم في قطاعات البناء والخدمات والتجارة، وفق إحصاءات رسمية.", ev.b.ar, strings.TrimPrefix(ev.a.arNisba, "ال")+"ة", 5+g.rng.IntN(300))
			},
		},
		sources: []string{"وكالة الأنباء الرسمية", "صحيفة الشرق", "بوابة الأخبار", "قناة المغرب العربي"},
	},
	"en": {
		lead: func(g *generator, ev event, lag int) (string, string) {
			t := titles[ev.portfolio]
			when := "on " + ev.date.Weekday().String()
			if lag == 0 && g.rng.IntN(2) == 0 {
				when = "today"
			}
			if g.rng.IntN(3) == 0 {
				when = "on " + ev.date.Format("2 January 2006")
			}
			tp := topics[ev.topic].en
			switch ev.kind {
			case "visit":
				return fmt.Sprintf("%s %s %s arrived in %s %s for an official visit and met his %s counterpart %s to discuss %s.",
						ev.a.enDem, t.en, ev.oa.latin(), ev.b.capEn, when, ev.b.enDem, ev.ob.latin(), tp),
					fmt.Sprintf("%s %s visits %s", ev.a.enDem, t.en, strings.TrimPrefix(ev.b.en, "the "))
			case "meeting":
				return fmt.Sprintf("%s %s %s held talks with his %s counterpart %s in %s %s, focusing on %s.",
						ev.a.enDem, t.en, ev.oa.latin(), ev.b.enDem, ev.ob.latin(), ev.b.capEn, when, tp),
					fmt.Sprintf("%s and %s ministers discuss %s", ev.a.enDem, ev.b.enDem, tp)
			default:
				return fmt.Sprintf("%s %s %s received a phone call %s from his %s counterpart %s, who discussed %s.",
						ev.b.enDem, t.en, ev.ob.latin(), when, ev.a.enDem, ev.oa.latin(), tp),
					fmt.Sprintf("%s, %s ministers hold phone call", ev.a.enDem, ev.b.enDem)
			}
		},
		mou: func(ev event) string {
			return fmt.Sprintf("The two ministers signed a memorandum of understanding on cooperation in %s.", topics[ev.topic].en)
		},
		filler: []func(g *generator, ev event) string{
			func(g *generator, ev event) string {
				return fmt.Sprintf("The %s minister said relations between %s and %s were developing steadily in many fields, and stressed the importance of continued coordination on regional and international issues of common concern, as well as the need to activate existing cooperation mechanisms and extend them to new sectors.", ev.a.enDem, ev.a.en, ev.b.en)
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("For his part, the %s minister welcomed the level of bilateral relations and called for regular meetings of the joint committees to follow up on the implementation of what had been agreed at previous sessions, in the interest of both peoples and of stability in the region.", ev.b.enDem)
			},
			func(g *generator, ev event) string {
				return "The talks also touched on the situation in the region and the challenges it faces, in particular food security, climate change and the fallout of global economic crises, with both sides agreeing on the importance of joint action and coordination in international forums."
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("Official figures put trade between the two countries at about %d million dollars last year, a figure analysts say falls short of the potential on both sides.", 100+g.rng.IntN(900))
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("The meeting comes against a fast-moving regional backdrop, with research centres forecasting growth of no more than %d.%d percent this year as food and energy prices rise and foreign direct investment falls.", 1+g.rng.IntN(4), g.rng.IntN(10))
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("Analysts say the two countries have ample room to deepen their partnership in transport, ports and agriculture, noting that fewer than %d %s companies operate in %s.", 10+g.rng.IntN(200), ev.a.enDem, ev.b.en)
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("The last official visit at this level dates back to %d, when similar files were discussed without tangible results, according to observers of bilateral affairs.", 2000+g.rng.IntN(15))
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("%s is home to some %d,000 %s nationals, most of them working in construction, services and trade, according to official statistics.", strings.ToUpper(ev.b.en[:1])+ev.b.en[1:], 5+g.rng.IntN(300), ev.a.enDem)
			},
		},
		sources: []string{"State News Agency", "The Regional Herald", "Daily Dispatch", "Wire Service"},
	},
	"fr": {
		lead: func(g *generator, ev event, lag int) (string, string) {
			t := titles[ev.portfolio]
			when := frWeekdays[ev.date.Weekday()]
			if lag == 1 {
				when = "hier " + when
			}
			if g.rng.IntN(3) == 0 {
				when = fmt.Sprintf("le %d %s %d", ev.date.Day(), frMonths[ev.date.Month()-1], ev.date.Year())
			}
			tp := topics[ev.topic].fr
			switch ev.kind {
			case "visit":
				return fmt.Sprintf("Le %s %s, %s, est arrivé %s à %s pour une visite officielle au cours de laquelle il a rencontré son homologue %s, %s, pour évoquer %s.",
						t.fr, ev.a.frDem, ev.oa.latin(), when, ev.b.capFr, ev.b.frDem, ev.ob.latin(), tp),
					fmt.Sprintf("Visite officielle du %s %s à %s", t.fr, ev.a.frDem, ev.b.capFr)
			case "meeting":
				return fmt.Sprintf("Le %s %s, %s, s'est entretenu %s à %s avec son homologue %s, %s, sur %s.",
						t.fr, ev.a.frDem, ev.oa.latin(), when, ev.b.capFr, ev.b.frDem, ev.ob.latin(), tp),
					fmt.Sprintf("Entretiens entre les ministres %s et %s", ev.a.frDem, ev.b.frDem)
			default:
				return fmt.Sprintf("Le %s %s, %s, a eu %s un entretien téléphonique avec son homologue %s, %s, consacré à %s.",
						t.fr, ev.b.frDem, ev.ob.latin(), when, ev.a.frDem, ev.oa.latin(), tp),
					fmt.Sprintf("Entretien téléphonique entre les ministres %s et %s", ev.a.frDem, ev.b.frDem)
			}
		},
		mou: func(ev event) string {
			return fmt.Sprintf("Les deux ministres ont signé un mémorandum d'entente portant sur %s.", topics[ev.topic].fr)
		},
		filler: []func(g *generator, ev event) string{
			func(g *generator, ev event) string {
				return fmt.Sprintf("Le ministre %s a souligné que les relations entre %s et %s connaissaient un développement constant dans de nombreux domaines, insistant sur l'importance de poursuivre la concertation sur les questions régionales et internationales d'intérêt commun.", ev.a.frDem, ev.a.frName, ev.b.frName)
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("De son côté, le ministre %s s'est félicité du niveau des relations bilatérales et a appelé à la tenue régulière des commissions mixtes afin d'assurer le suivi de la mise en œuvre des engagements pris lors des sessions précédentes.", ev.b.frDem)
			},
			func(g *generator, ev event) string {
				return "Les discussions ont également porté sur la situation dans la région et les défis auxquels elle fait face, notamment la sécurité alimentaire, le changement climatique et les répercussions des crises économiques mondiales, les deux parties convenant de l'importance d'une action concertée dans les enceintes internationales."
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("Selon les chiffres officiels, les échanges commerciaux entre les deux pays ont atteint environ %d millions de dollars l'an dernier, un niveau que les observateurs jugent en deçà du potentiel des deux parties.", 100+g.rng.IntN(900))
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("Cette rencontre intervient dans un contexte régional mouvant, des centres de recherche prévoyant une croissance ne dépassant pas %d,%d %% cette année, sur fond de hausse des prix alimentaires et énergétiques et de recul des investissements étrangers.", 1+g.rng.IntN(4), g.rng.IntN(10))
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("Selon des analystes, les deux pays disposent d'importantes marges pour approfondir leur partenariat dans les transports, les ports et l'agriculture, alors que moins de %d entreprises %ses opèrent dans le pays.", 10+g.rng.IntN(200), ev.a.frDem)
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("La dernière visite officielle de ce niveau remonte à %d, lorsque des dossiers similaires avaient été évoqués sans résultats tangibles, selon des observateurs.", 2000+g.rng.IntN(15))
			},
			func(g *generator, ev event) string {
				return fmt.Sprintf("La communauté %se établie dans le pays compte quelque %d 000 personnes, employées pour la plupart dans le bâtiment, les services et le commerce, selon les statistiques officielles.", ev.a.frDem, 5+g.rng.IntN(300))
			},
		},
		sources: []string{"Agence officielle de presse", "Le Quotidien du Maghreb", "La Dépêche", "Radio Nationale"},
	},
}
