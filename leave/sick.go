package leave

import (
	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/hijri"
)

// Category is a sick-leave category of Reg 141.
type Category string

// The categories.
const (
	Ordinary   Category = "ordinary"    // 141(a)
	Serious    Category = "serious"     // 141(b), (c)
	WorkInjury Category = "work_injury" // 141(d)
	Dialysis   Category = "dialysis"    // 141(f): outside the quotas
)

// Tranche is Days days at pay fraction Pay.
type Tranche struct {
	Days int             `json:"days"`
	Pay  decimal.Decimal `json:"pay"`
}

// CategoryRule is the quota of one category: its tranches, consumed in
// order, within a window of WindowYears Hijri years (0: no window).
type CategoryRule struct {
	Tranches    []Tranche `json:"tranches"`
	WindowYears int       `json:"window_years,omitempty"`
}

// SickRules are the tranches of each category.
type SickRules map[Category]CategoryRule

// DefaultSickRules returns Reg 141 with a month of 30 days (Reg 1):
// ordinary 180 days full, 180 half, 360 quarter within 4 years; serious 360
// full, 180 half, 180 quarter within 4 years; work injury 540 full (the GMA's
// extension of 540 at half pay is a further tranche); dialysis 60 days a
// year at full pay, outside the other quotas. The window is fixed: it opens
// on the first day of sick leave of the category and a new one opens on the
// first sick day after it closes (as the 2017 government system does [INF]).
func DefaultSickRules() SickRules {
	full, half, quarter := decimal.NewFromInt(1), decimal.RequireFromString("0.5"), decimal.RequireFromString("0.25")
	return SickRules{
		Ordinary:   {Tranches: []Tranche{{180, full}, {180, half}, {360, quarter}}, WindowYears: 4},
		Serious:    {Tranches: []Tranche{{360, full}, {180, half}, {180, quarter}}, WindowYears: 4},
		WorkInjury: {Tranches: []Tranche{{540, full}, {540, half}}},
		Dialysis:   {Tranches: []Tranche{{60, full}}, WindowYears: 1},
	}
}

// DayPay is the pay of one sick day.
type DayPay struct {
	Day hijri.Date      `json:"day"`
	Pay decimal.Decimal `json:"pay"`
	// Exhausted is set on a day past every tranche: unpaid, and the case
	// goes to the medical authority (Reg 141(e)).
	Exhausted bool `json:"exhausted,omitempty"`
}

// Span is a run of days, both ends inclusive.
type Span struct {
	From hijri.Date `json:"from"`
	To   hijri.Date `json:"to"`
}

// Pay returns the day-by-day pay of the sick leave next of category c,
// given the employee's earlier sick leaves of c (prior, in order, not
// overlapping next). It fails with ErrUnknownCategory or ErrInvalidPeriod.
func (s SickRules) Pay(c Category, prior []Span, next Span) ([]DayPay, error) {
	rule, ok := s[c]
	if !ok {
		return nil, ErrUnknownCategory
	}
	if !next.From.IsValid() || !next.To.IsValid() || next.To.Before(next.From) {
		return nil, ErrInvalidPeriod
	}
	out := make([]DayPay, 0, hijri.DaysBetween(next.From, next.To)+1)
	var open, close hijri.Date // the window
	used := 0
	step := func(d hijri.Date) (int, bool) {
		if rule.WindowYears > 0 && (open.IsZero() || d.After(close)) {
			open = d
			end, err := addYears(d, rule.WindowYears)
			if err != nil {
				return 0, false
			}
			close, _ = end.AddDays(-1)
			used = 0
		}
		used++
		return used, true
	}
	for _, p := range prior {
		for d := p.From; !d.After(p.To); d, _ = d.AddDays(1) {
			if _, ok := step(d); !ok {
				return nil, ErrInvalidPeriod
			}
		}
	}
	for d := next.From; !d.After(next.To); {
		n, ok := step(d)
		if !ok {
			return nil, ErrInvalidPeriod
		}
		dp := DayPay{Day: d, Pay: decimal.Zero, Exhausted: true}
		for _, t := range rule.Tranches {
			if n <= t.Days {
				dp.Pay, dp.Exhausted = t.Pay, false
				break
			}
			n -= t.Days
		}
		out = append(out, dp)
		var err error
		if d, err = d.AddDays(1); err != nil {
			break
		}
	}
	return out, nil
}
