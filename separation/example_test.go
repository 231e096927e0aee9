package separation_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/separation"
)

// A prior contributor aged 35 (Gregorian) on 3 Jul 2024 with 120 months
// keeps the old law with the transition age 64y8m − 4 × 6 months = 62y8m.
func ExampleRetirementFor() {
	birth, _ := hijri.FromGregorian(1989, time.March, 15)
	r, err := separation.RetirementFor(separation.RetirementInput{BirthDate: birth, PriorContributor: true, PriorMonths: 120},
		separation.DefaultRetirementRules())
	if err != nil {
		panic(err)
	}
	y, m, d := r.Date.Gregorian()
	fmt.Println(r.Regime, r.Age.Years, r.Age.Months, r.Age.Calendar)
	fmt.Printf("%d-%02d-%02d %s\n", y, m, d, r.StatutoryLastDay)
	// Output:
	// transition 62 8 gregorian
	// 2051-11-15 1474-03-10
}

// A birth date with a missing day reads as 1 Rajab (Reg 36).
func ExampleParseBirthDate() {
	d, _ := separation.ParseBirthDate("1398")
	fmt.Println(d)
	d, _ = separation.ParseBirthDate("1398/03/00")
	fmt.Println(d)
	// Output:
	// 1398-07-01
	// 1398-07-01
}

// A resignation with 250 days of balance, 150 of them from before 1439H:
// 72 + 150, capped at 180 days.
func ExampleSettle() {
	s, err := separation.Settle(separation.SettleInput{Cause: separation.CauseResignation, Balance: 250, Grandfathered: 150,
		Salary: decimal.RequireFromString("12000"), Source: "input"}, separation.DefaultSettlementRules())
	if err != nil {
		panic(err)
	}
	for _, st := range s.Steps {
		fmt.Println(st.EN)
	}
	// Output:
	// leave balance on the last day: 250 days, 150 of them accrued before 1439-07-03 AH
	// balance since 1439-07-03 AH: the lesser of 100 and 72 = 72 days
	// total: the lesser of 72 + 150 and 180 = 180 days (Reg 133)
	// daily rate = 12000.00 ÷ 30 = 400.0000
	// amount = 180 × 12000.00 ÷ 30 = 72000.00 SAR
}
