package sqlstore_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/records"
)

// TestRecordsExplainPostgres checks on PostgreSQL that the queries the
// records services make most (files by agency and by national ID, a file's
// history and requests, the review queue by agency and status) use an index:
// on a seeded, analysed database, with sequential scans disabled so that the
// check does not depend on the planner's cost estimates for a small table
// (the plans without that setting are logged).
func TestRecordsExplainPostgres(t *testing.T) {
	s, db := sqlstoretest.OpenPostgres(t)
	ctx := context.Background()
	const files = 4000
	var sample records.Import
	_, err := importAll(ctx, s, newFileGen(31).items("x-", files, func(i int, it *records.Import) {
		if i == files/2 {
			sample = *it
		}
	}))
	require.NoError(t, err)
	// Requests: the old ones decided, the latest pending, as in a review queue.
	statuses := []records.CorrectionStatus{records.CorrectionApproved, records.CorrectionRejected, records.CorrectionWithdrawn, records.CorrectionApproved}
	require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
		for i := range 1600 {
			e := records.Employee{ID: fmt.Sprintf("x-%07d", i*2), Job: records.Job{Agency: agencyOf(i * 2)}}
			c := pendingCorrection(fmt.Sprintf("c-%05d", i), e, fixtureBase.Add(time.Duration(i)*time.Minute))
			if i < 1500 {
				c.Status = statuses[i%len(statuses)]
			}
			if _, err := s.CreateCorrection(ctx, c); err != nil {
				return err
			}
		}
		return nil
	}))
	_, err = db.ExecContext(ctx, `ANALYZE`)
	require.NoError(t, err)

	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	explain := func(q sqlstore.RecordsQuery) string {
		rows, err := conn.QueryContext(ctx, `EXPLAIN `+q.Query, q.Args...)
		require.NoError(t, err)
		defer rows.Close()
		var lines []string
		for rows.Next() {
			var line string
			require.NoError(t, rows.Scan(&line))
			lines = append(lines, line)
		}
		require.NoError(t, rows.Err())
		return strings.Join(lines, "\n")
	}
	queries := sqlstore.RecordsQueries(s, agencyOf(5).ID, sample.Employee.NationalID.String(), sample.Employee.ID)
	for _, q := range queries {
		t.Logf("%s, planner's choice:\n%s", q.Name, explain(q))
	}
	_, err = conn.ExecContext(ctx, `SET enable_seqscan = off`)
	require.NoError(t, err)
	wantIndex := map[string]string{
		"employees by agency":              "employees_agency",
		"employee by national ID":          "employees_national_id_key",
		"history of an employee":           "history_events_employee",
		"corrections of an employee":       "corrections_employee",
		"pending corrections of an agency": "corrections_agency",
		"pending corrections":              "corrections_status",
	}
	usesIndex := regexp.MustCompile(`(Index Scan|Index Only Scan|Bitmap Index Scan) (Backward )?(using|on) (\w+)`)
	for _, q := range queries {
		plan := explain(q)
		m := usesIndex.FindStringSubmatch(plan)
		if assert.NotNil(t, m, "%s: no index used:\n%s", q.Name, plan) {
			assert.Equal(t, wantIndex[q.Name], m[4], "%s:\n%s", q.Name, plan)
			t.Logf("%s: %s", q.Name, m[0])
		}
	}
}
