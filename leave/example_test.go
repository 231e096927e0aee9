package leave_test

import (
	"fmt"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/leave"
)

func Example() {
	r := leave.DefaultRules()
	l := leave.Ledger{Start: hijri.MustNew(1440, 1, 1), Uses: []leave.Use{{On: hijri.MustNew(1440, 6, 1), Days: 20}}}
	st := r.Statement(&l, hijri.MustNew(1441, 3, 1), nil)
	for _, y := range st.Years {
		fmt.Println(y.Year, y.Entitled, y.Taken, y.Remaining, y.ExpiresOn)
	}
	fmt.Println("available", st.Available)
	err := r.Check(&leave.Request{Kind: leave.Annual, From: hijri.MustNew(1441, 3, 1), To: hijri.MustNew(1441, 3, 2), Ledger: l}, nil)
	fmt.Println(err != nil)
	fmt.Println(leave.Sick.Label(i18n.English), "/", leave.Ordinary.Label(i18n.Arabic))
	// Output:
	// 1 36 20 16 1443-12-30
	// 2 36 0 36 1444-12-30
	// available 52
	// false
	// Sick leave / مرضية عادية
}
