package hijri

import (
	"strconv"

	"github.com/masarhr/masar-go/i18n"
)

// Period is a legal duration in years, months and days as Reg art 1 of the
// Implementing Regulation for Human Resources defines them: a year is 12
// Hijri months and a month is 30 days, so a Period stands for
// TotalDays = Years*360 + Months*30 + Days legal days.
//
// Between and PeriodFromDays return normalised periods: 0 <= Months < 12 and
// 0 <= Days < 30 for a period that is not negative, and every field <= 0 for
// a negative one. To add periods (for example the segments of a service
// record), add their TotalDays and normalise the sum with PeriodFromDays.
type Period struct {
	Years  int `json:"years"`  // legal years of 12 months
	Months int `json:"months"` // legal months of 30 days
	Days   int `json:"days"`   // days
}

// Between returns the legal period from from to to: the year, month and day
// differences of the two Hijri dates, borrowing 30 days for a month and 12
// months for a year, as the regulation's units require. The period is
// half-open, from from to to exclusive: Between(d, d) is zero, and a service
// that starts on s and whose last day is e lasts Between(s, e+1 day).
//
//	from        to          Between
//	1440-01-01  1445-01-01  5y 0m 0d
//	1445-03-15  1445-05-10  0y 1m 25d   (10-15 < 0: borrow a month of 30 days)
//	1445-11-20  1446-02-05  0y 2m 15d   (borrow 30 days, then 12 months)
//
// Because every month counts as 30 days, Between(a, b).TotalDays() can
// differ from DaysBetween(a, b), the real number of days: from the last day
// of a 29-day month (1445-01-29) to the first of the next (1445-02-01) is 1
// real day but 2 legal days (30-29+1), and a whole 29-day month is 1 month.
//
// When to is before from, the result is the negated period from to to from
// (every field <= 0), so Between(a, b).TotalDays() == -Between(b, a).TotalDays()
// always. When either date is invalid (see IsValid), Between returns the zero
// Period, as DaysBetween returns 0: take dates from New, Parse or FromTime.
func Between(from, to Date) Period {
	if !from.IsValid() || !to.IsValid() {
		return Period{}
	}
	if to.Before(from) {
		p := between(to, from)
		return Period{-p.Years, -p.Months, -p.Days}
	}
	return between(from, to)
}

// between is Between for a <= b.
func between(a, b Date) Period {
	y, m, d := b.Year-a.Year, int(b.Month-a.Month), b.Day-a.Day
	if d < 0 {
		d += 30
		m--
	}
	if m < 0 {
		m += 12
		y--
	}
	return Period{Years: y, Months: m, Days: d}
}

// PeriodFromDays returns the normalised period of n legal days: n/360 years,
// then whole 30-day months, then days. A negative n gives a period whose
// fields are all <= 0.
func PeriodFromDays(n int) Period {
	return Period{Years: n / 360, Months: n % 360 / 30, Days: n % 30}
}

// TotalDays returns the number of legal days of p: Years*360 + Months*30 + Days.
func (p Period) TotalDays() int {
	return p.Years*360 + p.Months*30 + p.Days
}

// IsZero reports whether p is the zero period.
func (p Period) IsZero() bool { return p == Period{} }

// negative reports whether p is a negative normalised period: no field
// positive and at least one negative.
func (p Period) negative() bool {
	return p.Years <= 0 && p.Months <= 0 && p.Days <= 0 && !p.IsZero()
}

// String returns p as "2y 3m 10d", always with the three fields. A negative
// period has one leading minus sign ("-2y 3m 10d"); a period with mixed
// signs, which Between and PeriodFromDays never return, shows each field
// with its own sign.
func (p Period) String() string {
	var buf [64]byte
	b := buf[:0]
	if p.negative() {
		b = append(b, '-')
		p = Period{-p.Years, -p.Months, -p.Days}
	}
	b = strconv.AppendInt(b, int64(p.Years), 10)
	b = append(b, "y "...)
	b = strconv.AppendInt(b, int64(p.Months), 10)
	b = append(b, "m "...)
	b = strconv.AppendInt(b, int64(p.Days), 10)
	b = append(b, 'd')
	return string(b)
}

// Text returns p for a reader in lang, as a sentence would say it: the
// parts that are not zero, the nouns agreeing with their numbers by CLDR's
// plural rules (see i18n.Duration): "2 years, 3 months and 10 days",
// "سنتان و٣ أشهر و١٠ أيام", "٦ أشهر و٢٣ يوماً"; the zero period is
// "0 days" / "٠ يوم". Use it in messages and documents; String is the
// machine form.
func (p Period) Text(lang i18n.Lang) string {
	return i18n.Duration(p.Years, p.Months, p.Days, lang)
}

// Arabic returns p in Arabic as "٢ سنة ٣ شهر ١٠ يوم": Arabic-Indic digits,
// each followed by the invariant singular noun (سنة, شهر, يوم), always with
// the three fields. This is the tabular form of Saudi service statements; it
// reads correctly for every number, unlike grammatical agreement (سنتان،
// ثلاث سنوات، إحدى عشرة سنة), which varies with the number. Signs are
// shown as in String.
func (p Period) Arabic() string {
	var buf [96]byte
	b := buf[:0]
	if p.negative() {
		b = append(b, '-')
		p = Period{-p.Years, -p.Months, -p.Days}
	}
	b = appendArabicDigits(b, p.Years)
	b = append(b, " سنة "...)
	b = appendArabicDigits(b, p.Months)
	b = append(b, " شهر "...)
	b = appendArabicDigits(b, p.Days)
	b = append(b, " يوم"...)
	return string(b)
}
