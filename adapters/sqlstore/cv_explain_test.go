package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/cv/cvtest"
)

// seedCV stores, for n employees, versions profile versions and shares
// shares each.
func seedCV(t *testing.T, s *sqlstore.Store, n, versions, shares int) {
	t.Helper()
	ctx := context.Background()
	f := cvtest.NewFixture(17)
	at := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
		for i := range n {
			id := fmt.Sprintf("emp-%05d", i)
			p := f.Profile(id, 0, at)
			for range versions {
				var err error
				if p, err = s.PutProfile(ctx, p); err != nil {
					return err
				}
			}
			for j := range shares {
				if _, err := s.CreateShare(ctx, f.Share(id, at.Add(time.Duration(j)*time.Minute))); err != nil {
					return err
				}
			}
		}
		return nil
	}))
}

// An employee's shares are paged on cv_shares_employee and the profile
// versions on the primary key, in their order, with no sequential scan and
// no sort, before and after ANALYZE.
func TestCVExplainPostgres(t *testing.T) {
	s, db := sqlstoretest.OpenPostgres(t)
	ctx := context.Background()
	seedCV(t, s, 2_000, 3, 4)
	check := func(when string) {
		lines, err := s.ExplainShares(ctx, cv.ShareFilter{EmployeeID: "emp-00042", Limit: 51})
		assertIndexPlan(t, lines, err, when+": an employee's shares", "cv_shares_employee")
		lines, err = s.ExplainShares(ctx, cv.ShareFilter{EmployeeID: "emp-00042", After: "share-0170", Limit: 51})
		assertIndexPlan(t, lines, err, when+": after a cursor", "cv_shares_employee")
		lines, err = s.ExplainProfileVersions(ctx, cv.VersionFilter{EmployeeID: "emp-00042", After: 1, Limit: 51})
		assertIndexPlan(t, lines, err, when+": an employee's versions", "cv_profiles_pkey")
	}
	check("before ANALYZE")
	_, err := db.ExecContext(ctx, `ANALYZE`)
	require.NoError(t, err)
	check("after ANALYZE")
}
