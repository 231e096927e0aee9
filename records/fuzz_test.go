package records_test

import (
	"testing"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/records"
)

func FuzzNormalizeCode(f *testing.F) {
	for _, s := range []string{"ABCD-EFGH-IJKL-MNOP", "abcd efgh ijkl mnop", "ABCDEFGHIJKLMNOP", "", "٠١٢", "ABCD-EFGH-IJKL-MNO1", "----ABCD----EFGH----IJKL----MNOP----"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := records.NormalizeCode(s)
		if n == "" {
			return
		}
		if len(n) != 19 || records.NormalizeCode(n) != n {
			t.Fatalf("NormalizeCode(%q) = %q, not a fixed point", s, n)
		}
	})
}

// FuzzServiceDuration builds histories from bytes and checks the arithmetic:
// no panic; excluded runs ordered, disjoint and inside the counted spans;
// days = gross − excluded.
func FuzzServiceDuration(f *testing.F) {
	f.Add([]byte{0, 10, 20, 1, 5, 3, 2, 100, 9, 4}, uint16(1500))
	f.Add([]byte{5, 0, 255, 3, 3, 3, 1, 1, 1, 4, 200, 7}, uint16(4000))
	f.Add([]byte{}, uint16(0))
	kinds := []records.HistoryEvent{
		{Kind: records.KindLeave, Leave: records.ExceptionalLeave},
		{Kind: records.KindLeave, Leave: records.StudyLeave, Outcome: records.NotAchieved},
		{Kind: records.KindAbsence},
		{Kind: records.KindSuspension, Outcome: records.Penalized},
		{Kind: records.KindSecondment, Host: records.HostNonGovernment},
		{Kind: records.KindScholarship, Location: records.OutsideKingdom, Outcome: records.NotAchieved},
		{Kind: records.KindTraining, Location: records.InsideKingdom},
		{Kind: records.KindPenalty, Penalty: records.PenaltyWarning},
	}
	start := hijri.MustNew(1430, 1, 1)
	f.Fuzz(func(t *testing.T, data []byte, asOfDays uint16) {
		h := []records.HistoryEvent{jobEv("a", records.KindAppointment, start, 5)}
		for i := 0; i+2 < len(data) && len(h) < 60; i += 3 {
			ev := kinds[int(data[i])%len(kinds)]
			ev.ID = string(rune('A' + len(h)))
			from, _ := start.AddDays(int(data[i+1]) * 20)
			ev.Start = from
			if data[i+2]%5 != 0 {
				ev.End, _ = from.AddDays(int(data[i+2]))
			}
			if data[i]%11 == 0 {
				ev = jobEv(ev.ID, records.KindPromotion, from, 6+int(data[i+2])%9)
			}
			h = append(h, ev)
		}
		asOf, _ := start.AddDays(int(asOfDays) % 8000)
		for _, p := range records.Purposes {
			for _, dur := range durations(h, p, asOf) {
				checkDuration(t, dur)
			}
		}
	})
}

func durations(h []records.HistoryEvent, p records.Purpose, asOf hijri.Date) []records.Duration {
	var out []records.Duration
	if d, err := records.ServiceDuration(h, p, asOf); err == nil {
		out = append(out, d)
	}
	if d, err := records.RankDuration(h, p, asOf, 6, 7, 9); err == nil {
		out = append(out, d)
	}
	return out
}

func checkDuration(t *testing.T, d records.Duration) {
	t.Helper()
	if d.Days != d.GrossDays-d.ExcludedDays || d.Days < 0 {
		t.Fatalf("days %d != gross %d − excluded %d", d.Days, d.GrossDays, d.ExcludedDays)
	}
	if d.Period.TotalDays() < 0 || d.Period.Months >= 12 || d.Period.Days >= 30 {
		t.Fatalf("period not normalised: %v", d.Period)
	}
	sum := 0
	for i, ex := range d.Excluded {
		sum += ex.Days
		if ex.Days != hijri.DaysBetween(ex.From, ex.To)+1 || ex.Days <= 0 || len(ex.Causes) == 0 {
			t.Fatalf("bad run %+v", ex)
		}
		if i > 0 && !d.Excluded[i-1].To.Before(ex.From) {
			t.Fatalf("runs %d and %d overlap", i-1, i)
		}
		inside := false
		for _, c := range d.Counted {
			if !ex.From.Before(c.From) && !ex.To.After(c.To) {
				inside = true
			}
		}
		if !inside {
			t.Fatalf("run %v..%v outside the counted spans", ex.From, ex.To)
		}
	}
	if sum != d.ExcludedDays {
		t.Fatalf("excluded runs sum to %d, not %d", sum, d.ExcludedDays)
	}
}
