package records_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

func roundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var out T
	require.NoError(t, json.Unmarshal(b, &out), "%s", b)
	return out
}

func TestJSONRoundTrip(t *testing.T) {
	b := recordstest.NewEmployee(identitytest.NewGenerator(3)).
		Suspension(d(1445, 6, 1), d(1445, 6, 20), records.Penalized).
		Penalty(records.PenaltyDeduction, d(1445, 7, 1), 5).
		EndService(d(1446, 1, 29), records.EndResignation)
	emp := b.Employee("emp-1", time.Date(2025, 1, 2, 3, 4, 5, 6000, time.UTC))
	assert.Equal(t, emp, roundTrip(t, emp))
	h := b.History()
	assert.Equal(t, h, roundTrip(t, h))

	st, err := records.BuildStatement(emp, h, d(1446, 9, 1), nil)
	require.NoError(t, err)
	st.ID, st.IssuedAt, st.IssuedOn = "st", time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC), d(1446, 9, 1)
	require.NoError(t, st.Sign(testKey))
	back := roundTrip(t, st)
	assert.Equal(t, st, back)
	assert.NoError(t, records.VerifyStatement(testKey, back), "a statement stored as JSON still verifies")
}

// Dates in input accept Hijri or Gregorian text.
func TestJSONDatesHijriOrGregorian(t *testing.T) {
	var ev records.HistoryEvent
	require.NoError(t, json.Unmarshal([]byte(`{"kind":"leave","leave":"annual","start":"2024-03-11","end":"1445/9/5 هـ"}`), &ev))
	assert.Equal(t, d(1445, 9, 1), ev.Start)
	assert.Equal(t, d(1445, 9, 5), ev.End)
	assert.NoError(t, records.ValidateEvent(ev))
	out, err := json.Marshal(records.HistoryEvent{Kind: records.KindAbsence, Start: d(1445, 9, 1)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"","kind":"absence","start":"1445-09-01","decision":{}}`, string(out), "zero dates are omitted")
}
