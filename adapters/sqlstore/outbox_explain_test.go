package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/outbox"
)

// TestOutboxClaimExplainPostgres checks on PostgreSQL that the relay's
// claim reads the partial index of pending messages (outbox_pending) in
// seq order, with the held-back check on outbox_pending_due, and
// never scans the table, which holds mostly delivered messages: before
// the table has statistics and after ANALYZE. The plans are those of the
// statements as the Store runs them, logged by auto_explain.
func TestOutboxClaimExplainPostgres(t *testing.T) {
	seed, db := sqlstoretest.OpenPostgres(t)
	s, log := explainedStore(t, db)
	ctx := context.Background()
	base := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	const total, pending = 30_000, 600
	ms := make([]outbox.Message, total)
	for i := range ms {
		topic := outbox.TopicEvents
		if i%10 == 0 {
			topic = outbox.TopicPension
		}
		ms[i] = outbox.Message{ID: fmt.Sprintf("ev-%06d", i), Topic: topic, Kind: "records.correction_decided",
			Aggregate: fmt.Sprintf("correction:%04d", i%2000), Payload: []byte(`{"n":1}`), CreatedAt: base.Add(time.Duration(i) * time.Second)}
	}
	_, err := seed.Append(ctx, ms...)
	require.NoError(t, err)
	var ds []outbox.Delivery
	for i := range total - pending {
		ds = append(ds, outbox.Delivery{ID: ms[i].ID, At: base.Add(time.Hour)})
	}
	require.NoError(t, seed.MarkDelivered(ctx, ds...))
	now := base.Add(24 * time.Hour)
	check := func(when string) {
		log.take("")
		got, err := s.Claim(ctx, outbox.TopicEvents, now, time.Nanosecond, 100)
		require.NoError(t, err)
		require.NotEmpty(t, got, when)
		plans := log.take("RETURNING")
		require.Len(t, plans, 1, "%s: the claim's plan", when)
		plan := plans[0]
		t.Logf("%s:\n%s", when, plan)
		assert.Regexp(t, `Index (Only )?Scan using outbox_pending on outbox_messages m`, plan, when)
		assert.Regexp(t, `Index (Only )?Scan using outbox_pending_due on outbox_messages e`, plan, when)
		assert.NotContains(t, plan, "Seq Scan", when)
		assert.NotContains(t, plan, "Sort", when)
	}
	var stats int
	require.NoError(t, db.QueryRowContext(ctx, `SELECT count(*) FROM pg_stats
		WHERE schemaname = current_schema() AND tablename = 'outbox_messages'`).Scan(&stats))
	check(fmt.Sprintf("before ANALYZE (%d column statistics)", stats))
	_, err = db.ExecContext(ctx, `ANALYZE`)
	require.NoError(t, err)
	check("after ANALYZE")
}
