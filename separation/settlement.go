package separation

import (
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
)

// SettlementRules are the parameters of the leave cash-out (Reg 133)
// [S1 primary].
type SettlementRules struct {
	// Cap is the most days paid of the balance accrued since Cutoff: 72.
	Cap int `json:"cap"`
	// TotalCap is the most days paid in all, the grandfathered balance
	// included: 180.
	TotalCap int `json:"total_cap"`
	// Cutoff is the day CoM 350 of 3/7/1439H took effect: 1439-07-03
	// (the decision's date; its effective date is [INF]).
	Cutoff hijri.Date `json:"cutoff"`
	// FullBalanceCauses are paid the whole balance: death and medical
	// incapacity.
	FullBalanceCauses []Cause `json:"full_balance_causes"`
}

// DefaultSettlementRules returns Reg 133's caps: 72 days, 180 in all with
// the balance accrued before 1439-07-03, the full balance on death or
// medical incapacity.
func DefaultSettlementRules() SettlementRules {
	return SettlementRules{Cap: 72, TotalCap: 180, Cutoff: hijri.MustNew(1439, 7, 3),
		FullBalanceCauses: []Cause{CauseDeath, CauseMedical}}
}

func (r SettlementRules) clone() SettlementRules {
	r.FullBalanceCauses = slices.Clone(r.FullBalanceCauses)
	return r
}

// SettleInput is what a leave cash-out is computed from.
type SettleInput struct {
	Cause Cause `json:"cause"`
	// Balance is the annual-leave balance in days on the last day;
	// Grandfathered the part of it accrued before the cut-off (at most
	// Balance).
	Balance       int `json:"balance"`
	Grandfathered int `json:"grandfathered"`
	// Salary is the last basic monthly salary.
	Salary decimal.Decimal `json:"salary"`
	// Source says where Balance came from ("ledger" or "input").
	Source string `json:"source"`
}

// ErrSettlement: a settlement's inputs are not valid (a negative balance
// or salary, or more grandfathered days than the balance).
var ErrSettlement = fault.New(fault.Invalid, "separation.invalid_settlement",
	"the leave balance or the salary of the settlement is not valid",
	"رصيد الإجازات أو الراتب غير صحيح لتسوية المستحقات")

// Settle computes the leave cash-out of Reg 133: for a cause of
// r.FullBalanceCauses the whole balance; otherwise min(r.TotalCap,
// min(Balance − Grandfathered, r.Cap) + Grandfathered). The daily rate is
// Salary ÷ 30 (Reg 1: a month is 30 days) and Amount is Days × Salary ÷ 30
// rounded half away from zero to 2 decimals (the daily rate is shown to 4
// decimals; the amount is computed from the salary, not the rounded rate).
// Steps shows each line of the arithmetic in Arabic and English.
func Settle(in SettleInput, r SettlementRules) (Settlement, error) {
	if in.Balance < 0 || in.Grandfathered < 0 || in.Grandfathered > in.Balance || in.Salary.IsNegative() {
		return Settlement{}, ErrSettlement
	}
	s := Settlement{Salary: in.Salary, Balance: in.Balance, Grandfathered: in.Grandfathered, Source: in.Source,
		FullBalance: slices.Contains(r.FullBalanceCauses, in.Cause)}
	thirty := decimal.NewFromInt(30)
	s.DailyRate = in.Salary.DivRound(thirty, 4)
	itoa := strconv.Itoa
	s.Steps = append(s.Steps, Step{
		AR: "رصيد الإجازات في آخر يوم: " + itoa(in.Balance) + " يومًا، منها " + itoa(in.Grandfathered) + " يومًا قبل " + r.Cutoff.String() + "هـ",
		EN: "leave balance on the last day: " + itoa(in.Balance) + " days, " + itoa(in.Grandfathered) + " of them accrued before " + r.Cutoff.String() + " AH",
	})
	if s.FullBalance {
		s.Days = in.Balance
		s.Steps = append(s.Steps, Step{
			AR: "الوفاة أو عدم اللياقة الصحية: يصرف كامل الرصيد = " + itoa(s.Days) + " يومًا (م 133)",
			EN: "death or medical incapacity: the full balance is paid = " + itoa(s.Days) + " days (Reg 133)",
		})
	} else {
		recent := in.Balance - in.Grandfathered
		paid := min(recent, r.Cap)
		s.Days = min(r.TotalCap, paid+in.Grandfathered)
		s.Steps = append(s.Steps,
			Step{
				AR: "الرصيد بعد " + r.Cutoff.String() + "هـ: الأقل من " + itoa(recent) + " و" + itoa(r.Cap) + " = " + itoa(paid) + " يومًا",
				EN: "balance since " + r.Cutoff.String() + " AH: the lesser of " + itoa(recent) + " and " + itoa(r.Cap) + " = " + itoa(paid) + " days",
			},
			Step{
				AR: "المجموع: الأقل من " + itoa(paid) + " + " + itoa(in.Grandfathered) + " و" + itoa(r.TotalCap) + " = " + itoa(s.Days) + " يومًا (م 133)",
				EN: "total: the lesser of " + itoa(paid) + " + " + itoa(in.Grandfathered) + " and " + itoa(r.TotalCap) + " = " + itoa(s.Days) + " days (Reg 133)",
			})
	}
	s.Amount = in.Salary.Mul(decimal.NewFromInt(int64(s.Days))).DivRound(thirty, 2)
	s.Steps = append(s.Steps,
		Step{
			AR: "الأجر اليومي = " + in.Salary.StringFixed(2) + " ÷ 30 = " + s.DailyRate.StringFixed(4),
			EN: "daily rate = " + in.Salary.StringFixed(2) + " ÷ 30 = " + s.DailyRate.StringFixed(4),
		},
		Step{
			AR: "المبلغ = " + itoa(s.Days) + " × " + in.Salary.StringFixed(2) + " ÷ 30 = " + s.Amount.StringFixed(2) + " ريال",
			EN: "amount = " + itoa(s.Days) + " × " + in.Salary.StringFixed(2) + " ÷ 30 = " + s.Amount.StringFixed(2) + " SAR",
		})
	return s, nil
}
