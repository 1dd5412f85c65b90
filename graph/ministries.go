package graph

import "strings"

// portfolioNames names the body that holds each portfolio, in English, French
// and Arabic. The ids are the extraction lexicon's portfolio ids. Ministries
// are created from officials' roles, so a ministry's name comes from here, never
// from how one article happened to write it.
var portfolioNames = map[string][3]string{ // en, fr, ar
	"foreign":          {"Ministry of Foreign Affairs", "Ministère des Affaires étrangères", "وزارة الخارجية"},
	"interior":         {"Ministry of Interior", "Ministère de l'Intérieur", "وزارة الداخلية"},
	"defence":          {"Ministry of Defence", "Ministère de la Défense", "وزارة الدفاع"},
	"justice":          {"Ministry of Justice", "Ministère de la Justice", "وزارة العدل"},
	"finance":          {"Ministry of Finance", "Ministère des Finances", "وزارة المالية"},
	"economy":          {"Ministry of Economy", "Ministère de l'Économie", "وزارة الاقتصاد"},
	"trade":            {"Ministry of Trade", "Ministère du Commerce", "وزارة التجارة"},
	"industry":         {"Ministry of Industry", "Ministère de l'Industrie", "وزارة الصناعة"},
	"energy":           {"Ministry of Energy", "Ministère de l'Énergie", "وزارة الطاقة"},
	"oil":              {"Ministry of Oil", "Ministère du Pétrole", "وزارة النفط"},
	"mines":            {"Ministry of Mines", "Ministère des Mines", "وزارة المناجم"},
	"health":           {"Ministry of Health", "Ministère de la Santé", "وزارة الصحة"},
	"education":        {"Ministry of Education", "Ministère de l'Éducation", "وزارة التربية والتعليم"},
	"higher-education": {"Ministry of Higher Education", "Ministère de l'Enseignement supérieur", "وزارة التعليم العالي"},
	"agriculture":      {"Ministry of Agriculture", "Ministère de l'Agriculture", "وزارة الزراعة"},
	"transport":        {"Ministry of Transport", "Ministère des Transports", "وزارة النقل"},
	"communications":   {"Ministry of Communications", "Ministère des Communications", "وزارة الاتصالات"},
	"information":      {"Ministry of Information", "Ministère de l'Information", "وزارة الإعلام"},
	"culture":          {"Ministry of Culture", "Ministère de la Culture", "وزارة الثقافة"},
	"tourism":          {"Ministry of Tourism", "Ministère du Tourisme", "وزارة السياحة"},
	"youth":            {"Ministry of Youth and Sports", "Ministère de la Jeunesse et des Sports", "وزارة الشباب والرياضة"},
	"environment":      {"Ministry of Environment", "Ministère de l'Environnement", "وزارة البيئة"},
	"water":            {"Ministry of Water Resources", "Ministère des Ressources en eau", "وزارة الموارد المائية"},
	"housing":          {"Ministry of Housing", "Ministère de l'Habitat", "وزارة الإسكان"},
	"labour":           {"Ministry of Labour", "Ministère du Travail", "وزارة العمل"},
	"social-affairs":   {"Ministry of Social Affairs", "Ministère des Affaires sociales", "وزارة الشؤون الاجتماعية"},
	"planning":         {"Ministry of Planning", "Ministère du Plan", "وزارة التخطيط"},
	"religious":        {"Ministry of Religious Affairs", "Ministère des Affaires religieuses", "وزارة الشؤون الدينية"},
	"investment":       {"Ministry of Investment", "Ministère de l'Investissement", "وزارة الاستثمار"},
	"migration":        {"Ministry of Migration", "Ministère de la Migration", "وزارة الهجرة"},
	"local-government": {"Ministry of Local Government", "Ministère des Collectivités locales", "وزارة الحكم المحلي"},
	"digital":          {"Ministry of Digital Economy", "Ministère du Numérique", "وزارة الاقتصاد الرقمي"},
	"presidency":       {"Presidency", "Présidence", "الرئاسة"},
	"head-of-state":    {"Presidency", "Présidence", "الرئاسة"},
	"government":       {"Office of the Prime Minister", "Services du Premier ministre", "رئاسة الحكومة"},
	"prime-minister":   {"Office of the Prime Minister", "Services du Premier ministre", "رئاسة الحكومة"},
	"parliament":       {"Parliament", "Parlement", "البرلمان"},
	"military":         {"Armed Forces", "Forces armées", "القوات المسلحة"},
	"intelligence":     {"Intelligence Service", "Service de renseignement", "جهاز المخابرات"},
	"police":           {"Police", "Police", "الشرطة"},
	"central-bank":     {"Central Bank", "Banque centrale", "البنك المركزي"},
	"secretariat":      {"Secretariat", "Secrétariat", "الأمانة العامة"},
	"diplomatic":       {"Diplomatic Mission", "Mission diplomatique", "البعثة الدبلوماسية"},
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
