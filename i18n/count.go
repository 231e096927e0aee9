package i18n

import (
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Unit is a unit of duration that messages and documents count.
type Unit int

// The units of a legal duration (a year of 12 Hijri months, a month of 30 days).
const (
	Day Unit = iota
	Month
	Year
)

// nouns holds a unit's noun for each CLDR plural form: Arabic zero, one,
// two, few, many, other (the forms of CLDR's Arabic duration units), and
// English one and other.
var nouns = [...]struct {
	zero, one, two, few, many, other string
	en, ens                          string
}{
	Day:   {zero: "يوم", one: "يوم", two: "يومان", few: "أيام", many: "يوماً", other: "يوم", en: "day", ens: "days"},
	Month: {zero: "شهر", one: "شهر", two: "شهران", few: "أشهر", many: "شهراً", other: "شهر", en: "month", ens: "months"},
	Year:  {zero: "سنة", one: "سنة", two: "سنتان", few: "سنوات", many: "سنة", other: "سنة", en: "year", ens: "years"},
}

// Count returns n units in lang with the noun agreeing with the number, by
// the CLDR plural rules golang.org/x/text carries.
//
// English: "1 day", "2 days", "0 days". Arabic, with Arabic-Indic digits:
// one and two are the bare singular and dual noun ("يوم", "يومان",
// "سنتان"); 3 to 10 (mod 100) take the plural ("٣ أشهر", "١٠ سنوات"); 11 to
// 99 (mod 100) the singular accusative ("١١ شهراً", "٥٧٦٧ يوماً"); zero and
// the rest (100, 101, 102, ...) the singular ("١٠٠ يوم"). A negative n is
// written with a leading minus sign and the form of its absolute value.
// An unknown unit counts days.
func Count(n int, u Unit, lang Lang) string {
	if u < Day || u > Year {
		u = Day
	}
	w := nouns[u]
	sign, abs := "", n
	if n < 0 {
		sign, abs = "-", -n
	}
	if lang == English {
		if abs == 1 {
			return sign + "1 " + w.en
		}
		return sign + strconv.Itoa(abs) + " " + w.ens
	}
	num := sign + Digits(abs, Arabic)
	switch plural.Cardinal.MatchPlural(language.Arabic, abs, 0, 0, 0, 0) {
	case plural.Zero:
		return num + " " + w.zero
	case plural.One:
		return sign + w.one
	case plural.Two:
		return sign + w.two
	case plural.Few:
		return num + " " + w.few
	case plural.Many:
		return num + " " + w.many
	}
	return num + " " + w.other
}

// Duration returns a legal duration of years, months and days in lang,
// each part counted as Count does and the parts that are zero left out:
// "2 years, 3 months and 10 days", "سنتان و٣ أشهر و١٠ أيام", "٥ سنوات
// ويوم". All three zero gives Count(0, Day, lang). Parts are expected to
// share a sign, as a normalised hijri.Period's do; a negative duration is
// written with one leading minus sign.
func Duration(years, months, days int, lang Lang) string {
	sign := ""
	if years <= 0 && months <= 0 && days <= 0 && (years|months|days) != 0 {
		sign, years, months, days = "-", -years, -months, -days
	}
	var parts []string
	for _, p := range [...]struct {
		n int
		u Unit
	}{{years, Year}, {months, Month}, {days, Day}} {
		if p.n != 0 {
			parts = append(parts, Count(p.n, p.u, lang))
		}
	}
	if len(parts) == 0 {
		return Count(0, Day, lang)
	}
	if lang == English {
		last := len(parts) - 1
		if last == 0 {
			return sign + parts[0]
		}
		return sign + strings.Join(parts[:last], ", ") + " and " + parts[last]
	}
	// Arabic joins every part with the conjunction و, written without a space.
	return sign + strings.Join(parts, " و")
}

// Digits returns n in decimal: ASCII digits for English, Arabic-Indic digits
// (٠١٢٣٤٥٦٧٨٩) otherwise.
func Digits(n int, lang Lang) string {
	s := strconv.Itoa(n)
	if lang == English {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r += '٠' - '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}
