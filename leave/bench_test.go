package leave_test

import (
	"testing"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/records"
)

// BenchmarkStatement30Years is the balance of one employee with 30 years of
// history: 30 service years, 90 uses, 5 excluded runs (goal ≤ 20 µs, no
// allocation per event).
func BenchmarkStatement30Years(b *testing.B) {
	r := leave.DefaultRules()
	l := leave.Ledger{Start: hijri.MustNew(1416, 1, 1)}
	for y := 1416; y < 1446; y++ {
		for m := 2; m <= 10; m += 4 {
			l.Uses = append(l.Uses, leave.Use{On: hijri.MustNew(y, m, 1), Days: 10})
		}
		if y%6 == 0 {
			l.Excluded = append(l.Excluded, records.Span{From: hijri.MustNew(y, 11, 1), To: hijri.MustNew(y, 11, 20)})
		}
	}
	buf := make([]leave.YearBalance, 0, 32)
	asOf := hijri.MustNew(1446, 1, 1)
	b.ReportAllocs()
	for b.Loop() {
		st := r.Statement(&l, asOf, buf)
		if len(st.Years) != 31 {
			b.Fatal(len(st.Years))
		}
	}
}
