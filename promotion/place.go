package promotion

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Placement is where a promoted employee lands on the new rank's salary
// steps under CSL art 18(b), with the figures that justify it.
type Placement struct {
	FromRank int `json:"from_rank"` // the rank before promotion
	FromStep int `json:"from_step"` // the step before promotion
	ToRank   int `json:"to_rank"`   // the rank promoted to
	ToStep   int `json:"to_step"`   // the step placed on
	// OldSalary is the salary of FromRank/FromStep.
	OldSalary decimal.Decimal `json:"old_salary"`
	// NewSalary is the salary of ToRank/ToStep.
	NewSalary decimal.Decimal `json:"new_salary"`
	// Raise is NewSalary − OldSalary.
	Raise decimal.Decimal `json:"raise"`
	// MinRaise is the annual increment of FromRank: the least raise the
	// proviso of art 18(b) allows.
	MinRaise decimal.Decimal `json:"min_raise"`
	// BelowMinRaise is true when no step of ToRank gives a raise of at least
	// MinRaise, so the employee was placed on ToRank's top step (a case the
	// text does not cover; the issuing authority should review it). Raise may
	// then be below MinRaise, zero or negative.
	BelowMinRaise bool `json:"below_min_raise"`
	// Provisional is true when FromRank or ToRank has provisional figures in
	// the scale.
	Provisional bool `json:"provisional"`
}

// Place computes the salary step on promotion from fromRank/fromStep to
// toRank (CSL art 18(b), as amended by M/57 of 24/5/1438H): the first step
// of toRank; if the current salary equals or exceeds it, the first step
// whose salary exceeds the current salary; in every case the raise must be at
// least the annual increment of fromRank. So Place returns the first step s
// of toRank with salary(s) > current and salary(s) − current ≥ increment. If
// no step qualifies it returns toRank's top step with BelowMinRaise set.
//
// Worked examples on the general scale (DOMAIN.md §4.2): rank 6 step 9
// (8,505) → rank 7 step 6 (8,835, +330); rank 6 step 15 (10,335) → rank 7
// step 11 (10,660, +325); rank 7 step 3 (7,740) → rank 8 step 2 (8,425, +685:
// step 1 would give only +270 < 365); rank 4 step 1 (4,530) → rank 5 step 1
// (5,240, +710).
//
// Errors match ErrInvalid: an unknown rank or step, or toRank not above
// fromRank.
func Place(s *Scale, fromRank, fromStep, toRank int) (Placement, error) {
	if toRank <= fromRank {
		return Placement{}, ErrInvalid.Because("promotion.place_not_higher",
			fmt.Sprintf("a promotion goes to a higher rank; %d is not above %d", toRank, fromRank),
			fmt.Sprintf("تكون الترقية إلى مرتبة أعلى؛ المرتبة %d ليست أعلى من %d", toRank, fromRank))
	}
	from, ok := s.Rank(fromRank)
	if !ok {
		return Placement{}, errNoRank(fromRank)
	}
	if fromStep < 1 || fromStep > from.Steps {
		return Placement{}, errNoStep(fromRank, fromStep, from.Steps)
	}
	to, ok := s.Rank(toRank)
	if !ok {
		return Placement{}, errNoRank(toRank)
	}
	cur := from.Salary(fromStep)
	p := Placement{
		FromRank: fromRank, FromStep: fromStep, ToRank: toRank,
		OldSalary: cur, MinRaise: from.Increment,
		Provisional: from.Provisional || to.Provisional,
	}
	p.ToStep = to.Steps
	p.BelowMinRaise = true
	for st := 1; st <= to.Steps; st++ {
		sal := to.Salary(st)
		if sal.GreaterThan(cur) && sal.Sub(cur).GreaterThanOrEqual(from.Increment) {
			p.ToStep, p.BelowMinRaise = st, false
			break
		}
	}
	p.NewSalary = to.Salary(p.ToStep)
	p.Raise = p.NewSalary.Sub(cur)
	return p, nil
}
