package i18n

import "strings"

// countries names the nationalities most often on a Saudi government
// employee's file by their ISO 3166-1 alpha-2 code: the Kingdom, the other
// Gulf Cooperation Council and Arab League states, and the countries whose
// nationals most often hold government contracts. The Arabic names are the
// short names the Ministry of Foreign Affairs uses. A host that needs another
// country shows its code (Country's second result is false).
var countries = map[string]Text{
	// The Kingdom and the Gulf Cooperation Council.
	"SA": {AR: "المملكة العربية السعودية", EN: "Saudi Arabia"},
	"AE": {AR: "الإمارات العربية المتحدة", EN: "United Arab Emirates"},
	"BH": {AR: "البحرين", EN: "Bahrain"},
	"KW": {AR: "الكويت", EN: "Kuwait"},
	"OM": {AR: "عُمان", EN: "Oman"},
	"QA": {AR: "قطر", EN: "Qatar"},
	// The other Arab League states.
	"DZ": {AR: "الجزائر", EN: "Algeria"},
	"KM": {AR: "جزر القمر", EN: "Comoros"},
	"DJ": {AR: "جيبوتي", EN: "Djibouti"},
	"EG": {AR: "مصر", EN: "Egypt"},
	"IQ": {AR: "العراق", EN: "Iraq"},
	"JO": {AR: "الأردن", EN: "Jordan"},
	"LB": {AR: "لبنان", EN: "Lebanon"},
	"LY": {AR: "ليبيا", EN: "Libya"},
	"MR": {AR: "موريتانيا", EN: "Mauritania"},
	"MA": {AR: "المغرب", EN: "Morocco"},
	"PS": {AR: "فلسطين", EN: "Palestine"},
	"SO": {AR: "الصومال", EN: "Somalia"},
	"SD": {AR: "السودان", EN: "Sudan"},
	"SY": {AR: "سوريا", EN: "Syria"},
	"TN": {AR: "تونس", EN: "Tunisia"},
	"YE": {AR: "اليمن", EN: "Yemen"},
	// Others often on government contracts.
	"BD": {AR: "بنغلاديش", EN: "Bangladesh"},
	"CA": {AR: "كندا", EN: "Canada"},
	"ER": {AR: "إريتريا", EN: "Eritrea"},
	"ET": {AR: "إثيوبيا", EN: "Ethiopia"},
	"FR": {AR: "فرنسا", EN: "France"},
	"DE": {AR: "ألمانيا", EN: "Germany"},
	"GB": {AR: "المملكة المتحدة", EN: "United Kingdom"},
	"IN": {AR: "الهند", EN: "India"},
	"ID": {AR: "إندونيسيا", EN: "Indonesia"},
	"KE": {AR: "كينيا", EN: "Kenya"},
	"MY": {AR: "ماليزيا", EN: "Malaysia"},
	"NG": {AR: "نيجيريا", EN: "Nigeria"},
	"PK": {AR: "باكستان", EN: "Pakistan"},
	"PH": {AR: "الفلبين", EN: "Philippines"},
	"LK": {AR: "سريلانكا", EN: "Sri Lanka"},
	"TR": {AR: "تركيا", EN: "Türkiye"},
	"US": {AR: "الولايات المتحدة الأمريكية", EN: "United States"},
}

// Country returns the name of the country whose ISO 3166-1 alpha-2 code is
// code (any case) and whether the table knows it. The table is small: the
// Kingdom, the Gulf and Arab League states and the nationalities most often
// employed by Saudi government agencies (see the source for the list).
func Country(code string) (Text, bool) {
	t, ok := countries[strings.ToUpper(strings.TrimSpace(code))]
	return t, ok
}

// CountryName returns the country of code in lang, or code itself when the
// table does not know it, so a nationality never prints as an empty string.
func CountryName(code string, lang Lang) string {
	if t, ok := Country(code); ok {
		return t.In(lang)
	}
	return code
}
