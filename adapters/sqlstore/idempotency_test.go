package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/idempotency"
	"github.com/masarhr/masar-go/idempotency/idempotencytest"
)

func TestIdempotencyConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			idempotencytest.Run(t, func(t *testing.T) idempotency.Store { s, _ := target.Open(t); return s })
		})
	}
}

// The look-up of a key reads the primary key, and the sweep of expired
// records the expires_at index, on SQLite and on PostgreSQL (there on a
// seeded, analysed table, with sequential scans disabled so that the check
// does not depend on the planner's estimates for a small table; the plan
// without that setting is logged).
func TestIdempotencyExplain(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, db := target.Open(t)
			ctx := context.Background()
			at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
			require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
				for i := range 2000 {
					created := at.Add(time.Duration(i) * time.Minute)
					if _, _, err := s.ReserveIdempotencyKey(ctx, idempotency.Record{Scope: fmt.Sprintf("scope-%02d", i%50),
						Key: fmt.Sprint("key-", i), RequestHash: "h", CreatedAt: created, ExpiresAt: created.Add(24 * time.Hour)}); err != nil {
						return err
					}
				}
				return nil
			}))
			_, err := db.ExecContext(ctx, `ANALYZE`)
			require.NoError(t, err)
			get, sweep := s.IdempotencyQueries()
			before := at.Add(24*time.Hour + 10*time.Minute).Format("2006-01-02T15:04:05.000000Z")
			if target.Dialect == sqlstore.PostgreSQL {
				explainUses(t, db, "idempotency_keys_pkey", get, "scope-07", "key-7")
				explainUses(t, db, "idempotency_keys_expires", sweep, before)
				return
			}
			for _, q := range []struct {
				query, index string
				args         []any
			}{{get, "sqlite_autoindex_idempotency_keys_1", []any{"scope-07", "key-7"}}, {sweep, "idempotency_keys_expires", []any{before}}} {
				plan := sqlitePlan(t, db, q.query, q.args...)
				t.Logf("%s\n%s", q.query, plan)
				assert.Contains(t, plan, "SEARCH idempotency_keys USING", "no index used")
				assert.Contains(t, plan, q.index)
			}
		})
	}
}

// sqlitePlan returns SQLite's EXPLAIN QUERY PLAN of query, one line per step.
func sqlitePlan(t *testing.T, db *sql.DB, query string, args ...any) string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+query, args...)
	require.NoError(t, err)
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		require.NoError(t, rows.Scan(&id, &parent, &unused, &detail))
		lines = append(lines, detail)
	}
	require.NoError(t, rows.Err())
	return strings.Join(lines, "\n")
}
