package records

import (
	"strconv"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/internal/fault"
)

// Period is a legal length of time in years, months and days, where a year is
// 12 Hijri months and a month 30 days (Reg art 1). A normalised Period has
// Months in 0..11 and Days in 0..29.
type Period struct {
	Years  int `json:"years"`
	Months int `json:"months"`
	Days   int `json:"days"`
}

// PeriodBetween returns the legal period from the first day from up to, but
// not including, to: the calendar difference of the two Hijri dates, borrowing
// 30 days for a month and 12 months for a year. From 1440-01-01 to 1441-01-01
// is one year whether the year has 354 or 355 days; from 1445-01-29 to
// 1445-02-01 is 2 days although Muharram 1445 has 29 days (a legal month is 30
// days). It returns the zero Period when to is not after from.
func PeriodBetween(from, to hijri.Date) Period {
	if !to.After(from) {
		return Period{}
	}
	p := Period{Years: to.Year - from.Year, Months: int(to.Month) - int(from.Month), Days: to.Day - from.Day}
	if p.Days < 0 {
		p.Days += 30
		p.Months--
	}
	if p.Months < 0 {
		p.Months += 12
		p.Years--
	}
	return p
}

// TotalDays returns p in legal days: years × 360 + months × 30 + days.
func (p Period) TotalDays() int { return p.Years*360 + p.Months*30 + p.Days }

// Normalize carries days over 29 into months and months over 11 into years.
func (p Period) Normalize() Period {
	if p.Days >= 30 || p.Days < 0 || p.Months >= 12 || p.Months < 0 {
		return periodFromLegalDays(p.TotalDays())
	}
	return p
}

// Add returns the normalised sum of p and q.
func (p Period) Add(q Period) Period {
	return Period{Years: p.Years + q.Years, Months: p.Months + q.Months, Days: p.Days + q.Days}.Normalize()
}

// Sub returns the normalised difference p − q, borrowing 30 days for a month
// and 12 months for a year; it is zero when q is longer than p.
func (p Period) Sub(q Period) Period {
	n := p.TotalDays() - q.TotalDays()
	if n <= 0 {
		return Period{}
	}
	return periodFromLegalDays(n)
}

func periodFromLegalDays(n int) Period {
	if n <= 0 {
		return Period{}
	}
	return Period{Years: n / 360, Months: n % 360 / 30, Days: n % 30}
}

// Compare returns -1, 0 or +1 as p is shorter than, equal to or longer than q.
func (p Period) Compare(q Period) int {
	a, b := p.TotalDays(), q.TotalDays()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// IsZero reports whether p is zero.
func (p Period) IsZero() bool { return p == Period{} }

// String returns p as "15y 3m 16d".
func (p Period) String() string {
	return strconv.Itoa(p.Years) + "y " + strconv.Itoa(p.Months) + "m " + strconv.Itoa(p.Days) + "d"
}

// Format returns p for display in lang: "15 years, 3 months, 16 days" or
// "السنوات: 15، الأشهر: 3، الأيام: 16".
func (p Period) Format(lang fault.Lang) string {
	if lang == fault.English {
		return plural(p.Years, "year") + ", " + plural(p.Months, "month") + ", " + plural(p.Days, "day")
	}
	return "السنوات: " + strconv.Itoa(p.Years) + "، الأشهر: " + strconv.Itoa(p.Months) + "، الأيام: " + strconv.Itoa(p.Days)
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}
