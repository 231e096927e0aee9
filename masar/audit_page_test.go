package masar_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/masar"
)

// The audit trail comes a page at a time, with the token of the next page;
// following the tokens reads every entry once, and nothing is dropped.
func TestAuditTrailPages(t *testing.T) {
	w := newClient(t, memstore.New(nil))
	all := w.trail(audit.Filter{Action: string(masar.UseCreateEmployee)})
	require.Greater(t, len(all), 3)
	var got []string
	q := masar.AuditQuery{Action: masar.UseCreateEmployee, Limit: 2}
	for pages := 0; ; pages++ {
		require.Less(t, pages, len(all), "the pages end")
		p, err := w.Client.AuditTrail(w.Ctx, w.Auditor, q)
		require.NoError(t, err)
		assert.LessOrEqual(t, len(p.Items), 2)
		for _, e := range p.Items {
			got = append(got, e.ID)
		}
		if p.Next == "" {
			break
		}
		assert.Len(t, p.Items, 2, "only the last page is short")
		q.After = p.Next
	}
	var want []string
	for _, e := range all {
		want = append(want, e.ID)
	}
	assert.Equal(t, want, got)

	_, err := w.Client.AuditTrail(w.Ctx, w.Auditor, masar.AuditQuery{After: "no-such-entry"})
	assert.ErrorIs(t, err, audit.ErrNotFound, "a token that names no entry")
}
