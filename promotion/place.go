package promotion

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Placement is where a promoted employee lands on the new rank's salary
// steps under CSL art 18(b), or a re-appointed one under art 18(c), with the
// figures that justify it.
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
	// Capped is true for a re-appointment (PlaceReappointment) to another
	// rank where no step of ToRank exceeds the old salary, so the employee
	// was placed on ToRank's last step (CSL art 18(c)).
	Capped bool `json:"capped,omitempty"`
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
	from, to, err := placeRanks(s, fromRank, fromStep, toRank)
	if err != nil {
		return Placement{}, err
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

// placeRanks looks up the ranks of a placement on s, checking fromStep.
func placeRanks(s *Scale, fromRank, fromStep, toRank int) (from, to ScaleRank, err error) {
	from, ok := s.Rank(fromRank)
	if !ok {
		return from, to, errNoRank(fromRank)
	}
	if fromStep < 1 || fromStep > from.Steps {
		return from, to, errNoStep(fromRank, fromStep, from.Steps)
	}
	if to, ok = s.Rank(toRank); !ok {
		return from, to, errNoRank(toRank)
	}
	return from, to, nil
}

// PlaceReappointment computes the salary step of an employee re-appointed
// after an end of service (CSL art 18(c), as DOMAIN.md §4.2 states it) whose
// last job was fromRank/fromStep, to a job of toRank: at the same rank, the
// same step; at a higher or lower rank, the first step whose salary exceeds
// the old salary, capped at the rank's last step (Capped). MinRaise is zero:
// art 18(c) sets no least raise, and Raise may be negative at a lower rank.
//
// The old salary is fromRank/fromStep on s, the scale in force at the
// re-appointment [INF: the text says "his salary" and does not say on which
// scale; a host whose scale changed since the end of service passes the
// scale it means]. The old job is the file's last one before the end of
// service (records.Employee.Job of a file whose service ended).
//
// Errors match ErrInvalid: an unknown rank or step.
func PlaceReappointment(s *Scale, fromRank, fromStep, toRank int) (Placement, error) {
	from, to, err := placeRanks(s, fromRank, fromStep, toRank)
	if err != nil {
		return Placement{}, err
	}
	cur := from.Salary(fromStep)
	p := Placement{
		FromRank: fromRank, FromStep: fromStep, ToRank: toRank,
		OldSalary: cur, MinRaise: decimal.Zero,
		Provisional: from.Provisional || to.Provisional,
	}
	if toRank == fromRank {
		p.ToStep = fromStep
	} else {
		p.ToStep, p.Capped = to.Steps, true
		for st := 1; st <= to.Steps; st++ {
			if to.Salary(st).GreaterThan(cur) {
				p.ToStep, p.Capped = st, false
				break
			}
		}
	}
	p.NewSalary = to.Salary(p.ToStep)
	p.Raise = p.NewSalary.Sub(cur)
	return p, nil
}
