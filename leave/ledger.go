package leave

import (
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/records"
)

// Rules is the configuration of the annual-leave ledger and sick leave.
// DefaultRules documents every default.
type Rules struct {
	// DaysPerYear credited each service year (default 36, Reg 130).
	DaysPerYear int `json:"days_per_year"`
	// ExpiryYears after the end of an entitlement year its balance is
	// forfeited (default 3, Reg 131(a)); ExtraYears more with an approval
	// (default 1).
	ExpiryYears int `json:"expiry_years"`
	ExtraYears  int `json:"extra_years"`
	// MinPeriod is the shortest annual leave (default 5 days); shorter ones
	// may total ShortPeriodsMax days a service year (default 10, Reg 131(b)).
	MinPeriod       int `json:"min_period"`
	ShortPeriodsMax int `json:"short_periods_max"`
	// Cap is the most annual-leave days taken in a service year (default
	// 108), RaisedCap (default 144) once pensionable service reaches
	// RaisedAfterYears (default 25) or age RaisedAtAge (default 50) (Reg 132).
	Cap              int `json:"cap"`
	RaisedCap        int `json:"raised_cap"`
	RaisedAfterYears int `json:"raised_after_years"`
	RaisedAtAge      int `json:"raised_at_age"`
	// DeferralMax is the most days the agency may defer a leave's start
	// (default 90, Reg 131(c)); RecallMinDays the days a leave must have run
	// before a recall (default 5, Reg 159).
	DeferralMax   int `json:"deferral_max"`
	RecallMinDays int `json:"recall_min_days"`
	// CompanionToSick charges the days of a companion leave beyond the
	// annual balance to the companion's own ordinary sick quota (default
	// true, Reg 147; configurable, SERVICES.md §2); when false they are unpaid.
	CompanionToSick bool `json:"companion_to_sick"`
	// Sick holds the sick-leave tranches per category (DefaultSickRules).
	Sick SickRules `json:"sick"`
	// Kinds holds the limits of each kind (DefaultKindRules).
	Kinds []KindRule `json:"kinds"`
}

// DefaultRules returns the defaults of SERVICES.md §2 and §6. Pro-rata
// accrual for a partial or partly excluded year is not in the text [NF]: the
// default credits DaysPerYear × counted days ÷ days of the year, rounded
// down.
func DefaultRules() Rules {
	return Rules{DaysPerYear: 36, ExpiryYears: 3, ExtraYears: 1, MinPeriod: 5, ShortPeriodsMax: 10,
		Cap: 108, RaisedCap: 144, RaisedAfterYears: 25, RaisedAtAge: 50, DeferralMax: 90, RecallMinDays: 5, CompanionToSick: true,
		Sick: DefaultSickRules(), Kinds: DefaultKindRules()}
}

// CapOn returns the annual-leave cap of a service year that an employee
// whose service started on start and who was born on birth is in on day d:
// RaisedCap from the RaisedAfterYears-th service anniversary or the
// RaisedAtAge-th birthday (Hijri years) on, else Cap.
func (r *Rules) CapOn(start, birth, d hijri.Date) int {
	if !d.Before(start) && hijri.Between(start, d).Years >= r.RaisedAfterYears ||
		!birth.IsZero() && !d.Before(birth) && hijri.Between(birth, d).Years >= r.RaisedAtAge {
		return r.RaisedCap
	}
	return r.Cap
}

// Use is annual-leave days charged on a day (a leave's first day).
type Use struct {
	On   hijri.Date `json:"on"`
	Days int        `json:"days"`
}

// Ledger is what a balance statement is computed from.
type Ledger struct {
	// Start is the actual start of service; service years run from it.
	Start hijri.Date `json:"start"`
	// Excluded are the runs that earn no leave (records.Duration.Excluded
	// for records.PurposeLeaveAccrual), in order.
	Excluded []records.Span `json:"excluded"`
	// Uses are the annual-leave days taken, in order of On.
	Uses []Use `json:"uses"`
	// Extended lists the service years (1-based) whose balance the agency
	// allowed a further ExtraYears (Reg 131(a)).
	Extended []int `json:"extended"`
}

// YearBalance is one entitlement (service) year of a statement.
type YearBalance struct {
	// Year is the service year, 1 for the first.
	Year int        `json:"year"`
	From hijri.Date `json:"from"`
	To   hijri.Date `json:"to"`
	// Entitled days; Taken from this year; Expired (forfeited); Remaining.
	Entitled  int `json:"entitled"`
	Taken     int `json:"taken"`
	Expired   int `json:"expired"`
	Remaining int `json:"remaining"`
	// ExpiresOn is the last day the balance can be used.
	ExpiresOn hijri.Date `json:"expires_on"`
}

// Statement is the balance of every service year begun by AsOf.
type Statement struct {
	AsOf  hijri.Date    `json:"as_of"`
	Years []YearBalance `json:"years"`
	// Available is the sum of the years' Remaining.
	Available int `json:"available"`
	// Unpaid are days used beyond every balance (none when requests were checked).
	Unpaid int `json:"unpaid"`
}

// Statement returns the ledger's balance as of asOf (that day included):
// each service year begun by asOf is credited at its start (Reg 131(b):
// the leave may be taken at the start of the year), uses are charged to the
// oldest year still usable on their day, and a year's rest is forfeited the
// day after its ExpiresOn. The result depends only on l and asOf, so a past
// statement is reproducible. buf, if large enough, holds the years (no
// allocation).
func (r *Rules) Statement(l *Ledger, asOf hijri.Date, buf []YearBalance) Statement {
	st := Statement{AsOf: asOf, Years: buf[:0]}
	ex := 0
	for n := 1; ; n++ {
		from, err1 := addYears(l.Start, n-1)
		next, err2 := addYears(l.Start, n)
		if err1 != nil || err2 != nil || from.After(asOf) {
			break
		}
		to, _ := next.AddDays(-1)
		days := hijri.DaysBetween(from, next)
		excl := 0
		for ex < len(l.Excluded) && l.Excluded[ex].To.Before(from) {
			ex++
		}
		for i := ex; i < len(l.Excluded) && !l.Excluded[i].From.After(to); i++ {
			a, b := l.Excluded[i].From, l.Excluded[i].To
			if a.Before(from) {
				a = from
			}
			if b.After(to) {
				b = to
			}
			excl += hijri.DaysBetween(a, b) + 1
		}
		extra := 0
		for _, y := range l.Extended {
			if y == n {
				extra = r.ExtraYears
			}
		}
		exp, _ := addYears(next, r.ExpiryYears+extra)
		exp, _ = exp.AddDays(-1)
		ent := r.DaysPerYear * (days - excl) / days
		st.Years = append(st.Years, YearBalance{Year: n, From: from, To: to, Entitled: ent, Remaining: ent, ExpiresOn: exp})
	}
	// first is the oldest year a use may still draw on: the years before it
	// expired before an earlier use's day or were used up, which stays so
	// for the later uses (Uses are in order of On).
	first := 0
	for _, u := range l.Uses {
		if u.On.After(asOf) {
			break
		}
		for first < len(st.Years) && (st.Years[first].ExpiresOn.Before(u.On) || st.Years[first].Remaining == 0) {
			first++
		}
		left := u.Days
		for i := first; i < len(st.Years); i++ {
			y := &st.Years[i]
			if left == 0 || y.From.After(u.On) {
				break
			}
			if y.ExpiresOn.Before(u.On) || y.Remaining == 0 {
				continue
			}
			take := min(left, y.Remaining)
			y.Taken += take
			y.Remaining -= take
			left -= take
		}
		st.Unpaid += left
	}
	for i := range st.Years {
		y := &st.Years[i]
		if y.ExpiresOn.Before(asOf) {
			y.Expired, y.Remaining = y.Remaining, 0
		}
		st.Available += y.Remaining
	}
	return st
}

// addYears moves d by n Hijri years keeping the day (clamped to the month).
func addYears(d hijri.Date, n int) (hijri.Date, error) {
	y := d.Year + n
	if y > hijri.MaxYear {
		return hijri.Date{}, hijri.ErrOutOfRange
	}
	return hijri.New(y, int(d.Month), min(d.Day, hijri.DaysInMonth(y, d.Month)))
}

// CompanionSplit is how a companion leave is charged (Reg 147).
type CompanionSplit struct {
	// Annual days come from the companion's annual balance; Sick from the
	// companion's own ordinary sick quota; Unpaid are left over.
	Annual int `json:"annual"`
	Sick   int `json:"sick"`
	Unpaid int `json:"unpaid"`
}

// SplitCompanion charges a companion leave of days days to the annual
// balance available on its first day (st, from Statement), then the rest to
// the companion's sick quota, or unpaid when CompanionToSick is false.
func (r *Rules) SplitCompanion(days int, st *Statement) CompanionSplit {
	c := CompanionSplit{Annual: min(days, max(st.Available, 0))}
	rest := days - c.Annual
	if r.CompanionToSick {
		c.Sick = rest
	} else {
		c.Unpaid = rest
	}
	return c
}
