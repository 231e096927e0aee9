package sqlstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/separation"
	"github.com/masarhr/masar-go/separation/separationtest"
)

// seedSeparation stores n retirements of employees prefix00000… spread
// over agencies agencies (AGY-000…) and 1,200 days from 1447-01-01, and
// cases cases over the same agencies, every fourth one accepted with a
// last day and the others in the other states.
func seedSeparation(t *testing.T, s *sqlstore.Store, prefix string, n, agencies, cases int) {
	t.Helper()
	ctx := context.Background()
	f := separationtest.NewFixture(41)
	at := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	first := hijri.MustNew(1447, 1, 1)
	rs := make([]separation.Retirement, n)
	for i := range rs {
		day, err := first.AddDays(i * 7919 % 1200)
		require.NoError(t, err)
		f.Agency = fmt.Sprintf("AGY-%03d", i%agencies)
		rs[i] = f.Retirement(fmt.Sprintf("%s%06d", prefix, i), day, at)
	}
	require.NoError(t, s.PutRetirements(ctx, rs))
	states := []separation.State{separation.Accepted, separation.Ended, separation.Withdrawn, separation.Rejected}
	require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
		for i := range cases {
			f.Agency = fmt.Sprintf("AGY-%03d", i%agencies)
			c := f.Case(fmt.Sprintf("%s%06d", prefix, i), separation.CauseResignation, first, at.Add(time.Duration(i)*time.Second))
			c.ID = fmt.Sprintf("%s-case-%06d", prefix, i)
			c.State = states[i%len(states)]
			if c.State == separation.Accepted {
				c.LastDay, _ = first.AddDays(i % 400)
			}
			if _, err := s.CreateCase(ctx, c); err != nil {
				return err
			}
		}
		return nil
	}))
}

// assertIndexPlan checks a PostgreSQL plan reads one of indexes in order:
// an index (or index-only) scan on it, no sequential scan and no sort.
func assertIndexPlan(t *testing.T, lines []string, err error, when string, indexes ...string) {
	t.Helper()
	require.NoError(t, err, when)
	plan := strings.Join(lines, "\n")
	t.Logf("%s:\n%s", when, plan)
	found := false
	for _, index := range indexes {
		found = found || strings.Contains(plan, "Index Scan using "+index+" ") ||
			strings.Contains(plan, "Index Only Scan using "+index+" ")
	}
	assert.True(t, found, "%s: no index scan on %v", when, indexes)
	assert.NotContains(t, plan, "Seq Scan", when)
	assert.NotContains(t, plan, "Sort", when)
}

// The forecast's page query (an agency, a range of last days, after a
// cursor, a limit) is planned on separation_retirements_forecast, in its
// order, with no sequential scan and no sort, whatever the statistics say:
// before the first ANALYZE, after it, and for an agency added after it.
// The case lists (an agency's, the sweep's accepted cases due by a day,
// all) likewise on an index in their order.
func TestSeparationExplainPostgres(t *testing.T) {
	s, db := sqlstoretest.OpenPostgres(t)
	ctx := context.Background()
	seedSeparation(t, s, "e", 20_000, 40, 2_000)
	from, to := hijri.MustNew(1447, 6, 1), hijri.MustNew(1448, 5, 29)
	check := func(when, agency, after string) {
		lines, err := s.ExplainRetirements(ctx, separation.RetirementFilter{AgencyID: agency, From: from, To: to, After: after, Limit: 1000})
		assertIndexPlan(t, lines, err, when+": forecast page", "separation_retirements_forecast")
		lines, err = s.ExplainRetirements(ctx, separation.RetirementFilter{AgencyID: agency, Limit: 1000})
		assertIndexPlan(t, lines, err, when+": forecast, no range", "separation_retirements_forecast")
		lines, err = s.ExplainCases(ctx, separation.Filter{AgencyID: "AGY-003", After: "e-case-000103", Limit: 100})
		assertIndexPlan(t, lines, err, when+": an agency's cases", "separation_cases_agency")
		lines, err = s.ExplainCases(ctx, separation.Filter{States: []separation.State{separation.Accepted},
			LastDayBy: hijri.MustNew(1447, 3, 1), Limit: 100})
		// On the state's index, or (once the statistics know that accepted
		// cases are many) the list's in order with a filter.
		assertIndexPlan(t, lines, err, when+": the sweep's accepted cases", "separation_cases_state", "separation_cases_list")
		lines, err = s.ExplainCases(ctx, separation.Filter{After: "e-case-000500", Limit: 100})
		assertIndexPlan(t, lines, err, when+": all cases", "separation_cases_list")
	}
	check("before ANALYZE", "AGY-007", "e000047")
	_, err := db.ExecContext(ctx, `ANALYZE`)
	require.NoError(t, err)
	check("after ANALYZE", "AGY-007", "e000047")
	seedSeparation(t, s, "n", 2_000, 1, 0) // agency AGY-000 grows, unknown to the statistics
	check("rows added after ANALYZE", "AGY-000", "n000010")
}
