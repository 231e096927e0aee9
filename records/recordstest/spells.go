package recordstest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
)

// testHistorySpells stores a file of two spells of service (a re-appointment
// after an end of service, CSL art 18(c)) with an exceptional promotion, a
// referral to trial before each end of service (acquitted, convicted), prison time and a de facto
// period, and reads every field back, the file's end of service zero; then
// appends a second end of service and reads the file's new end back.
func testHistorySpells(t *testing.T, s records.Store) {
	ctx := context.Background()
	b := NewEmployee(identitytest.NewGenerator(11)).
		TrialReferral(d(1441, 2, 1), d(1441, 9, 10), records.Acquitted).
		Imprisonment(d(1441, 2, 1), d(1441, 2, 20)).
		EndService(d(1445, 6, 20), records.EndResignation).
		Reappoint(d(1446, 1, 1), 8, 4).
		PromoteExceptional(d(1446, 6, 1), 10).
		TrialReferral(d(1446, 8, 1), d(1446, 11, 1), records.Convicted).
		DeFacto(d(1447, 1, 1), d(1447, 2, 20))
	h := b.History()
	require.NoError(t, records.ValidateHistory(h))
	e := b.Employee("emp-spells", at(0))
	require.True(t, e.ServiceEnd.IsZero(), "re-appointed: in service")
	require.Equal(t, 10, e.Job.Rank)
	create(t, s, e, h)
	got, err := s.GetEmployee(ctx, "emp-spells")
	require.NoError(t, err)
	assertEmployee(t, e, got)
	assertHistory(t, s, "emp-spells", h)
	back, err := s.ListHistoryEvents(ctx, "emp-spells")
	require.NoError(t, err)
	assert.Len(t, records.Spells(back), 2)
	var exceptional, trials int
	for _, ev := range back {
		if ev.Exceptional {
			exceptional++
		}
		if ev.Kind == records.KindTrialReferral {
			trials++
		}
	}
	assert.Equal(t, 1, exceptional)
	assert.Equal(t, 2, trials)

	end := records.HistoryEvent{ID: "emp-spells-eos2", Kind: records.KindEndOfService, Start: d(1447, 6, 20), EndReason: records.EndRetirement}
	h = append(h, end)
	require.NoError(t, records.ValidateHistory(h))
	got.ApplyHistory(h)
	got.UpdatedAt = at(1)
	stored, err := s.AppendHistoryEvents(ctx, got, []records.HistoryEvent{end})
	require.NoError(t, err)
	assert.Equal(t, d(1447, 6, 20), stored.ServiceEnd)
	again, err := s.GetEmployee(ctx, "emp-spells")
	require.NoError(t, err)
	assert.Equal(t, d(1447, 6, 20), again.ServiceEnd)
	assertHistory(t, s, "emp-spells", h)
}
