package records_test

import (
	"testing"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/records"
)

// history50 builds a 50-event career from 1430: an appointment, four
// promotions, a transfer and 44 periods, given in canonical order. With
// worst, every period is of a kind some purpose excludes (exceptional leave,
// failed training, absence, penalised suspension, non-government
// secondment); otherwise the mix is a realistic one: mostly annual leaves and
// completed courses, with one exceptional leave, one absence and one
// penalised suspension.
func history50(worst bool) []records.HistoryEvent {
	h := []records.HistoryEvent{jobEv("a", records.KindAppointment, d(1430, 1, 1), 5)}
	for i, y := range []int{1433, 1436, 1439, 1442} {
		h = append(h, jobEv("p"+string(rune('0'+i)), records.KindPromotion, d(y, 1, 1), 6+i))
	}
	h = append(h, jobEv("t", records.KindTransfer, d(1444, 6, 1), 9))
	n := 0
	for y := 1430; len(h) < 50; y++ {
		for m := 2; m <= 11 && len(h) < 50; m += 3 {
			n++
			id := "e" + string(rune('a'+n%26)) + string(rune('a'+n/26))
			kind := n % 6
			if !worst {
				kind = map[int]int{7: 0, 19: 3, 31: 4}[n] // three excluded periods, at fixed places
				if kind == 0 && n != 7 {
					kind = 1 + n%2*5 // annual leave or completed training
				}
			}
			switch kind {
			case 0:
				h = append(h, leave(id, records.ExceptionalLeave, d(y, m, 1), d(y, m, 20)))
			case 1:
				h = append(h, leave(id, records.AnnualLeave, d(y, m, 1), d(y, m, 15)))
			case 2:
				h = append(h, with(period(id, records.KindTraining, d(y, m, 1), d(y, m, 10)), func(e *records.HistoryEvent) {
					e.Location, e.Outcome = records.InsideKingdom, records.NotAchieved
				}))
			case 3:
				h = append(h, period(id, records.KindAbsence, d(y, m, 5), d(y, m, 6)))
			case 4:
				h = append(h, with(period(id, records.KindSuspension, d(y, m, 1), d(y, m, 25)), func(e *records.HistoryEvent) { e.Outcome = records.Penalized }))
			case 5:
				h = append(h, with(period(id, records.KindSecondment, d(y, m, 1), d(y, m, 29)), func(e *records.HistoryEvent) { e.Host = records.HostNonGovernment }))
			case 6:
				h = append(h, with(period(id, records.KindTraining, d(y, m, 1), d(y, m, 10)), func(e *records.HistoryEvent) {
					e.Location, e.Outcome = records.OutsideKingdom, records.Achieved
				}))
			}
		}
	}
	records.SortHistory(h)
	return h
}

var sinkDuration records.Duration

// BenchmarkServiceDuration: the target is under 10 µs/op for a 50-event
// history. "realistic" has three excluded periods; "worst" has 44 periods
// of excluded kinds (up to 37 excluded runs to report).
func BenchmarkServiceDuration(b *testing.B) {
	asOf := hijri.MustNew(1446, 9, 1)
	for _, mix := range []string{"realistic", "worst"} {
		h := history50(mix == "worst")
		if len(h) != 50 {
			b.Fatalf("history has %d events", len(h))
		}
		if err := records.ValidateHistory(h); err != nil {
			b.Fatal(err)
		}
		for _, p := range records.Purposes {
			b.Run(mix+"/"+string(p), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var err error
					sinkDuration, err = records.ServiceDuration(h, p, asOf)
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(mix+"/rank_8", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkDuration, _ = records.RankDuration(h, records.PurposePromotion, asOf, 8)
			}
		})
	}
}

func BenchmarkValidateHistory(b *testing.B) {
	h := history50(false)
	b.ReportAllocs()
	for b.Loop() {
		if err := records.ValidateHistory(h); err != nil {
			b.Fatal(err)
		}
	}
}
