package records

import (
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

// Legal periods are hijri.Period values: years of 12 Hijri months, months of
// 30 days (Reg art 1). hijri.Between gives the period from one date to
// another (the second excluded).

// addPeriods returns the normalised sum of p and q.
func addPeriods(p, q hijri.Period) hijri.Period {
	return hijri.PeriodFromDays(p.TotalDays() + q.TotalDays())
}

// subPeriods returns the normalised p − q, borrowing 30 days for a month and
// 12 months for a year, or zero when q is longer than p.
func subPeriods(p, q hijri.Period) hijri.Period {
	return hijri.PeriodFromDays(max(0, p.TotalDays()-q.TotalDays()))
}

// FormatPeriod returns p for display in lang, as hijri.Period.Text writes
// it: the parts that are not zero with their nouns agreeing in number,
// "15 years, 3 months and 16 days", "١٥ سنة و٣ أشهر و١٦ يوماً".
func FormatPeriod(p hijri.Period, lang i18n.Lang) string { return p.Text(lang) }
