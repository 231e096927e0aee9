package leave

import (
	"testing"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/records"
)

// history30 is a 30-year career: an appointment, a promotion every four
// years, three annual leaves a year and an unpaid leave every six years
// (about 100 events), with the leaves the Service recorded for the last ten
// years' annual leaves.
func history30() facts {
	job := &records.Job{Agency: records.Agency{ID: "moe"}, Rank: 5, Step: 1, StartDate: hijri.MustNew(1416, 1, 1)}
	f := facts{e: records.Employee{ID: "e", BirthDate: hijri.MustNew(1390, 1, 1), Job: *job}}
	f.h = append(f.h, records.HistoryEvent{ID: "ap", Kind: records.KindAppointment, Start: job.StartDate, Job: job})
	for y := 1416; y < 1446; y++ {
		if y%4 == 0 {
			j := *job
			j.Rank++
			j.StartDate = hijri.MustNew(y, 1, 10)
			f.h = append(f.h, records.HistoryEvent{ID: "p" + hijri.MustNew(y, 1, 10).String(), Kind: records.KindPromotion, Start: j.StartDate, Job: &j})
		}
		for m := 2; m <= 10; m += 4 {
			id := "l" + hijri.MustNew(y, m, 1).String()
			f.h = append(f.h, records.HistoryEvent{ID: id, Kind: records.KindLeave, Leave: Annual, Start: hijri.MustNew(y, m, 1), End: hijri.MustNew(y, m, 10)})
			if y >= 1436 {
				f.leaves = append(f.leaves, Leave{ID: "L" + id, EventID: id, Kind: Annual, Status: Approved, From: hijri.MustNew(y, m, 1), To: hijri.MustNew(y, m, 10), Days: 10})
			}
		}
		if y%6 == 0 {
			f.h = append(f.h, records.HistoryEvent{ID: "x" + hijri.MustNew(y, 11, 1).String(), Kind: records.KindLeave, Leave: Exceptional, Start: hijri.MustNew(y, 11, 1), End: hijri.MustNew(y, 11, 20)})
		}
	}
	records.SortHistory(f.h)
	return f
}

// BenchmarkBalanceFromHistory is the balance of one employee with 30 years
// of history as Service.Statement computes it once the rows are read:
// service duration for accrual (the Reg 135 exclusions), the ledger of
// every leave event and the statement (goal ≤ 20 µs, no allocation per
// event: the allocations are the ledger's few slices and the duration's).
func BenchmarkBalanceFromHistory(b *testing.B) {
	s := New(nil, records.New(nil, nil), nil)
	f := history30()
	asOf := hijri.MustNew(1446, 1, 1)
	b.ReportMetric(float64(len(f.h)), "events")
	b.ReportAllocs()
	for b.Loop() {
		l, _, err := s.ledger(&f, asOf, "", false, false)
		if err != nil {
			b.Fatal(err)
		}
		st := s.statement(&l, asOf, nil)
		if len(st.Years) != 31 {
			b.Fatal(len(st.Years))
		}
	}
}
