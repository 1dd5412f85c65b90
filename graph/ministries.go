package graph

import "strings"

// portfolioNames names the body that holds each portfolio, in English, French
// and Arabic. The ids are the extraction lexicon's portfolio ids
// (loader/extract/lexicon/*/portfolios.tsv and the title table's defaults);
// TestPortfolioNamesCoverLexicon keeps the two in step. Ministries
// are created from officials' roles, so a ministry's name comes from here, never
// from how one article happened to write it.
var portfolioNames = map[string][3]string{ // en, fr, ar
	"foreign":           {"Ministry of Foreign Affairs", "Ministère des Affaires étrangères", "وزارة الخارجية"},
	"interior":          {"Ministry of Interior", "Ministère de l'Intérieur", "وزارة الداخلية"},
	"defence":           {"Ministry of Defence", "Ministère de la Défense", "وزارة الدفاع"},
	"justice":           {"Ministry of Justice", "Ministère de la Justice", "وزارة العدل"},
	"finance":           {"Ministry of Finance", "Ministère des Finances", "وزارة المالية"},
	"economy":           {"Ministry of Economy", "Ministère de l'Économie", "وزارة الاقتصاد"},
	"trade":             {"Ministry of Trade", "Ministère du Commerce", "وزارة التجارة"},
	"industry":          {"Ministry of Industry", "Ministère de l'Industrie", "وزارة الصناعة"},
	"energy":            {"Ministry of Energy", "Ministère de l'Énergie", "وزارة الطاقة"},
	"oil":               {"Ministry of Oil", "Ministère du Pétrole", "وزارة النفط"},
	"mines":             {"Ministry of Mines", "Ministère des Mines", "وزارة المناجم"},
	"health":            {"Ministry of Health", "Ministère de la Santé", "وزارة الصحة"},
	"education":         {"Ministry of Education", "Ministère de l'Éducation", "وزارة التربية والتعليم"},
	"higher-education":  {"Ministry of Higher Education", "Ministère de l'Enseignement supérieur", "وزارة التعليم العالي"},
	"agriculture":       {"Ministry of Agriculture", "Ministère de l'Agriculture", "وزارة الزراعة"},
	"transport":         {"Ministry of Transport", "Ministère des Transports", "وزارة النقل"},
	"communications":    {"Ministry of Communications", "Ministère des Communications", "وزارة الاتصالات"},
	"information":       {"Ministry of Information", "Ministère de l'Information", "وزارة الإعلام"},
	"culture":           {"Ministry of Culture", "Ministère de la Culture", "وزارة الثقافة"},
	"tourism":           {"Ministry of Tourism", "Ministère du Tourisme", "وزارة السياحة"},
	"youth-sports":      {"Ministry of Youth and Sports", "Ministère de la Jeunesse et des Sports", "وزارة الشباب والرياضة"},
	"environment":       {"Ministry of Environment", "Ministère de l'Environnement", "وزارة البيئة"},
	"water":             {"Ministry of Water Resources", "Ministère des Ressources en eau", "وزارة الموارد المائية"},
	"housing":           {"Ministry of Housing", "Ministère de l'Habitat", "وزارة الإسكان"},
	"labour":            {"Ministry of Labour", "Ministère du Travail", "وزارة العمل"},
	"social-affairs":    {"Ministry of Social Affairs", "Ministère des Affaires sociales", "وزارة الشؤون الاجتماعية"},
	"planning":          {"Ministry of Planning", "Ministère du Plan", "وزارة التخطيط"},
	"religious-affairs": {"Ministry of Religious Affairs", "Ministère des Affaires religieuses", "وزارة الشؤون الدينية"},
	"investment":        {"Ministry of Investment", "Ministère de l'Investissement", "وزارة الاستثمار"},
	"migration":         {"Ministry of Migration", "Ministère de la Migration", "وزارة الهجرة"},
	"local-government":  {"Ministry of Local Government", "Ministère des Collectivités locales", "وزارة الحكم المحلي"},
	"digital":           {"Ministry of Digital Economy", "Ministère du Numérique", "وزارة الاقتصاد الرقمي"},
	"humanitarian":      {"Ministry of Humanitarian Affairs", "Ministère des Affaires humanitaires", "وزارة الشؤون الإنسانية"},
	"cabinet-affairs":   {"Ministry of Cabinet Affairs", "Ministère des Affaires du Conseil des ministres", "وزارة شؤون مجلس الوزراء"},
	"communication":     {"Ministry of Communication", "Ministère de la Communication", "وزارة الاتصال"},
	"cooperation":       {"Ministry of International Cooperation", "Ministère de la Coopération internationale", "وزارة التعاون الدولي"},
	"electricity":       {"Ministry of Electricity", "Ministère de l'Électricité", "وزارة الكهرباء"},
	"fisheries":         {"Ministry of Fisheries", "Ministère de la Pêche", "وزارة الصيد البحري"},
	"natural-resources": {"Ministry of Natural Resources", "Ministère des Ressources naturelles", "وزارة الموارد الطبيعية"},
	"production":        {"Ministry of Production", "Ministère de la Production", "وزارة الإنتاج"},
	"security":          {"Security Services", "Services de sécurité", "الأجهزة الأمنية"},

	// Offices that are not ministries, from titles without a portfolio
	// (the extraction lexicon's title portfolio ids).
	"head-of-state":        {"Presidency", "Présidence", "الرئاسة"},
	"head-of-government":   {"Office of the Head of Government", "Services du Chef du gouvernement", "رئاسة الحكومة"},
	"head-of-organisation": {"General Secretariat", "Secrétariat général", "الأمانة العامة"},
	"crown-prince":         {"Court of the Crown Prince", "Cour du prince héritier", "ديوان ولي العهد"},
	"parliament":           {"Parliament", "Parlement", "البرلمان"},
	"chairman":             {"Chairmanship", "Présidence", "الرئاسة"},
	"commission":           {"Commission", "Commission", "المفوضية"},
	"commissioner":         {"Commission", "Commission", "المفوضية"},
	"director-general":     {"Directorate-General", "Direction générale", "المديرية العامة"},
	"governor":             {"Office of the Governor", "Cabinet du gouverneur", "مكتب المحافظ"},
	"spokesperson":         {"Office of the Spokesperson", "Bureau du porte-parole", "مكتب المتحدث الرسمي"},
	"adviser":              {"Advisers' Office", "Cabinet des conseillers", "مكتب المستشارين"},
	"ambassador":           {"Diplomatic Service", "Service diplomatique", "السلك الدبلوماسي"},
	"envoy":                {"Diplomatic Service", "Service diplomatique", "السلك الدبلوماسي"},
	"consul":               {"Diplomatic Service", "Service diplomatique", "السلك الدبلوماسي"},
	"military":             {"Armed Forces", "Forces armées", "القوات المسلحة"},
	"intelligence":         {"Intelligence Service", "Service de renseignement", "جهاز المخابرات"},
	"central-bank":         {"Central Bank", "Banque centrale", "البنك المركزي"},
}

// ministryNames returns the names of the body holding a portfolio. An unknown
// portfolio id still gets a readable English name ("Ministry of Civil Aviation"
// from "civil-aviation"), used for the other languages too rather than a guess.
func ministryNames(portfolio string) map[string]string {
	if n, ok := portfolioNames[portfolio]; ok {
		return map[string]string{LangEnglish: n[0], LangFrench: n[1], LangArabic: n[2]}
	}
	words := strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(portfolio))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	en := "Ministry of " + strings.Join(words, " ")
	return map[string]string{LangEnglish: en, LangFrench: en, LangArabic: en}
}
