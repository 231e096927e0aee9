package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/jobaudit/jobaudittest"
)

// The variable and request lists (an agency's, an agency's in a state, a
// maker's, a state's, all) are planned on an index in id order (the
// filter's own index, or one in the same order with a filter), with no
// sequential scan and no sort, before and after ANALYZE.
func TestJobauditExplainPostgres(t *testing.T) {
	s, db := sqlstoretest.OpenPostgres(t)
	ctx := context.Background()
	f := jobaudittest.NewFixture(71)
	at := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	states := []jobaudit.State{jobaudit.Submitted, jobaudit.Applied, jobaudit.Returned, jobaudit.Rejected}
	var maker string
	require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
		for i := range 5_000 {
			f.Agency = fmt.Sprintf("AGY-%03d", i%40)
			v := f.Variable(fmt.Sprintf("emp-%05d", i), at)
			v.ID = fmt.Sprintf("jv-%06d", i)
			v.State = states[i%len(states)]
			if maker == "" {
				maker = v.Maker.String()
			}
			if _, err := s.CreateVariable(ctx, v); err != nil {
				return err
			}
			q := f.Request(v.EmployeeID, at)
			q.ID = fmt.Sprintf("qr-%06d", i)
			if _, err := s.CreateRequest(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}))
	check := func(when string) {
		lines, err := s.ExplainVariables(ctx, jobaudit.VariableFilter{AgencyID: "AGY-003", After: "jv-000103", Limit: 51})
		assertIndexPlan(t, lines, err, when+": an agency's variables", "jobaudit_variables_agency", "jobaudit_variables_agency_state")
		lines, err = s.ExplainVariables(ctx, jobaudit.VariableFilter{AgencyID: "AGY-003", State: jobaudit.Submitted, Limit: 51})
		assertIndexPlan(t, lines, err, when+": an agency's submitted variables", "jobaudit_variables_agency_state")
		lines, err = s.ExplainVariables(ctx, jobaudit.VariableFilter{Maker: maker, Limit: 51})
		assertIndexPlan(t, lines, err, when+": a maker's variables", "jobaudit_variables_maker")
		lines, err = s.ExplainVariables(ctx, jobaudit.VariableFilter{State: jobaudit.Submitted, After: "jv-000500", Limit: 51})
		// On the state's index, or (once the statistics know that a quarter
		// are submitted) the primary key in order with a filter.
		assertIndexPlan(t, lines, err, when+": the submitted variables", "jobaudit_variables_state", "jobaudit_variables_pkey")
		lines, err = s.ExplainVariables(ctx, jobaudit.VariableFilter{After: "jv-000500", Limit: 51})
		assertIndexPlan(t, lines, err, when+": all variables", "jobaudit_variables_pkey")
		lines, err = s.ExplainRequests(ctx, jobaudit.RequestFilter{AgencyID: "AGY-003", State: jobaudit.RequestSubmitted, Limit: 51})
		// Every request is submitted: the agency's index with a filter is as good.
		assertIndexPlan(t, lines, err, when+": an agency's submitted requests", "jobaudit_requests_agency_state", "jobaudit_requests_agency")
		lines, err = s.ExplainRequests(ctx, jobaudit.RequestFilter{AgencyID: "AGY-003", After: "qr-000103", Limit: 51})
		assertIndexPlan(t, lines, err, when+": an agency's requests", "jobaudit_requests_agency", "jobaudit_requests_agency_state")
	}
	check("before ANALYZE")
	_, err := db.ExecContext(ctx, `ANALYZE`)
	require.NoError(t, err)
	check("after ANALYZE")
}
