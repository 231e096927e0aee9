package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/masarhr/masar-go/audit"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// pendingCorrection returns a pending request on the file e, changing its
// Arabic family name.
func pendingCorrection(id string, e records.Employee, at time.Time) records.Correction {
	return records.Correction{
		ID: id, EmployeeID: e.ID, AgencyID: e.Job.Agency.ID,
		Changes:       []records.FieldChange{{Field: records.FieldNameARFamily, Old: e.Name.AR.Family, New: "آل سعود"}},
		Justification: "صك تعديل الاسم", TermsVersion: "2025-01", TermsAcceptedAt: at,
		Status: records.CorrectionPending, RequestedBy: "self", CreatedAt: at, UpdatedAt: at, Version: 1,
	}
}

func TestDecideCorrectionFailureBetweenWrites(t *testing.T) {
	boom := errors.New("injected failure")
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			it := newFileGen(7).next("emp-", 0)
			require.NoError(t, errOf(s.CreateEmployee(ctx, it.Employee, it.History)))
			c := pendingCorrection("c-1", it.Employee, fixtureBase)
			require.NoError(t, errOf(s.CreateCorrection(ctx, c)))

			approved := c.Clone()
			approved.Status, approved.DecidedBy, approved.DecidedAt = records.CorrectionApproved, "reviewer", fixtureBase.Add(time.Hour)
			changed := it.Employee.Clone()
			changed.Name.AR.Family = "آل سعود"

			assertUntouched := func() {
				t.Helper()
				gc, err := s.GetCorrection(ctx, "c-1")
				require.NoError(t, err)
				assert.Equal(t, records.CorrectionPending, gc.Status)
				assert.Equal(t, int64(1), gc.Version)
				ge, err := s.GetEmployee(ctx, changed.ID)
				require.NoError(t, err)
				assert.Equal(t, int64(1), ge.Version)
				assert.Equal(t, it.Employee.Name.AR.Family, ge.Name.AR.Family)
			}

			// The request is written, then the second write fails: neither stays.
			_, err := s.DecideCorrection(sqlstore.FailDecideBetweenWrites(ctx, boom), approved, &changed)
			require.ErrorIs(t, err, boom)
			assertUntouched()

			// The same inside a caller's transaction that gives up on the error.
			err = s.InTx(ctx, func(ctx context.Context) error {
				return errOf(s.DecideCorrection(sqlstore.FailDecideBetweenWrites(ctx, boom), approved, &changed))
			})
			require.ErrorIs(t, err, boom)
			assertUntouched()

			// And inside a caller's transaction that carries on and commits:
			// the failed call undid its own write (a savepoint), nothing else.
			err = s.InTx(ctx, func(ctx context.Context) error {
				require.ErrorIs(t, errOf(s.DecideCorrection(sqlstore.FailDecideBetweenWrites(ctx, boom), approved, &changed)), boom)
				return s.AppendAudit(ctx, audit.Entry{ID: "after-failure", At: fixtureBase, Action: "x", Outcome: audit.Failed})
			})
			require.NoError(t, err)
			assertUntouched()
			es, err := s.ListAudit(ctx, audit.Filter{Action: "x"})
			require.NoError(t, err)
			assert.Len(t, es, 1, "the caller's own write after the failure committed")

			// Without the failure both are written.
			require.NoError(t, errOf(s.DecideCorrection(ctx, approved, &changed)))
			gc, err := s.GetCorrection(ctx, "c-1")
			require.NoError(t, err)
			assert.Equal(t, records.CorrectionApproved, gc.Status)
			assert.Equal(t, int64(2), gc.Version)
			ge, err := s.GetEmployee(ctx, changed.ID)
			require.NoError(t, err)
			assert.Equal(t, int64(2), ge.Version)
			assert.Equal(t, "آل سعود", ge.Name.AR.Family)
		})
	}
}

// TestReviewersRace has two reviewers decide one request at once through
// records.Service, one approving and one rejecting, many times over: exactly
// one wins each time, the other gets a conflict, and the file matches the
// winner's decision.
func TestReviewersRace(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			svc := records.New(s, &records.Options{Now: func() time.Time { return fixtureBase }})
			gen := identitytest.NewGenerator(21)
			rounds := 20
			if testing.Short() {
				rounds = 5
			}
			approvals := 0
			for r := range rounds {
				e, err := svc.CreateEmployee(ctx, recordstest.NewEmployee(gen).Input())
				require.NoError(t, err)
				c, err := svc.RequestCorrection(ctx, records.CorrectionRequest{
					EmployeeID: e.ID, RequestedBy: "self", AcceptTerms: true, TermsVersion: "2025-01",
					Changes: []records.ProposedChange{{Field: records.FieldNameARFamily, New: "آل سعود"}},
				})
				require.NoError(t, err)

				var wg sync.WaitGroup
				start := make(chan struct{})
				var approveErr, rejectErr error
				wg.Add(2)
				go func() {
					defer wg.Done()
					<-start
					_, _, approveErr = svc.ApproveCorrection(ctx, records.CorrectionDecision{CorrectionID: c.ID, Version: 1, By: "reviewer-a"})
				}()
				go func() {
					defer wg.Done()
					<-start
					_, rejectErr = svc.RejectCorrection(ctx, records.CorrectionDecision{CorrectionID: c.ID, Version: 1, By: "reviewer-b", Note: "المستند غير واضح"})
				}()
				close(start)
				wg.Wait()

				require.True(t, (approveErr == nil) != (rejectErr == nil), "round %d: exactly one reviewer wins (approve: %v, reject: %v)", r, approveErr, rejectErr)
				loser := approveErr
				if loser == nil {
					loser = rejectErr
					approvals++
				}
				assert.ErrorIs(t, loser, records.ErrConflict)

				gc, err := svc.GetCorrection(ctx, c.ID)
				require.NoError(t, err)
				assert.Equal(t, int64(2), gc.Version)
				ge, err := svc.GetEmployee(ctx, e.ID)
				require.NoError(t, err)
				if approveErr == nil {
					assert.Equal(t, records.CorrectionApproved, gc.Status)
					assert.Equal(t, "آل سعود", ge.Name.AR.Family)
					assert.Equal(t, int64(2), ge.Version)
				} else {
					assert.Equal(t, records.CorrectionRejected, gc.Status)
					assert.Equal(t, e.Name.AR.Family, ge.Name.AR.Family)
					assert.Equal(t, int64(1), ge.Version)
				}
			}
			t.Logf("%d of %d races won by the approver", approvals, rounds)
		})
	}
}

// TestConcurrentCreateSameNationalID: two files with one national ID
// created at once: exactly one is stored.
func TestConcurrentCreateSameNationalID(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			g := newFileGen(8)
			for r := range 10 {
				a, b := g.next(fmt.Sprintf("a%d-", r), r), g.next(fmt.Sprintf("b%d-", r), r)
				b.Employee.NationalID = a.Employee.NationalID
				errs := make([]error, 2)
				var wg sync.WaitGroup
				for i, it := range []records.Import{a, b} {
					wg.Add(1)
					go func() { defer wg.Done(); errs[i] = errOf(s.CreateEmployee(ctx, it.Employee, it.History)) }()
				}
				wg.Wait()
				require.True(t, (errs[0] == nil) != (errs[1] == nil), "exactly one wins: %v", errs)
				for _, err := range errs {
					if err != nil {
						assert.ErrorIs(t, err, records.ErrDuplicateNationalID)
					}
				}
			}
		})
	}
}

// TestRecordsWhatSQLMakesHard covers what a SQL adapter can get wrong
// beyond the conformance suite (which checks large histories and byte order
// for every adapter): instants in other zones, versions inside a failed
// transaction, statements and codes round-tripping exactly.
func TestRecordsWhatSQLMakesHard(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			ctx := context.Background()

			t.Run("Instants", func(t *testing.T) {
				s, _ := target.Open(t)
				it := newFileGen(11).next("t-", 0)
				riyadh := time.FixedZone("AST", 3*3600)
				// Microseconds are kept; zones are not (instants come back in UTC).
				it.Employee.CreatedAt = time.Date(2025, 6, 30, 23, 59, 59, 123456000, riyadh)
				it.Employee.UpdatedAt = time.Date(1999, 12, 31, 21, 0, 0, 1000, time.UTC)
				require.NoError(t, errOf(s.CreateEmployee(ctx, it.Employee, it.History)))
				got, err := s.GetEmployee(ctx, it.Employee.ID)
				require.NoError(t, err)
				assert.True(t, it.Employee.CreatedAt.Equal(got.CreatedAt), "%v != %v", it.Employee.CreatedAt, got.CreatedAt)
				assert.Equal(t, time.UTC, got.CreatedAt.Location())
				assert.True(t, it.Employee.UpdatedAt.Equal(got.UpdatedAt))
			})

			t.Run("FailedUpdateInTransactionKeepsVersion", func(t *testing.T) {
				s, _ := target.Open(t)
				it := newFileGen(12).next("v-", 0)
				require.NoError(t, errOf(s.CreateEmployee(ctx, it.Employee, it.History)))
				boom := errors.New("boom")
				err := s.InTx(ctx, func(ctx context.Context) error {
					e := withVersion(it.Employee, 1)
					e.Contact.Address = "تبوك"
					require.NoError(t, errOf(s.UpdateEmployee(ctx, e)))
					got, err := s.GetEmployee(ctx, e.ID)
					require.NoError(t, err)
					assert.Equal(t, int64(2), got.Version, "read inside the transaction")
					return boom
				})
				require.ErrorIs(t, err, boom)
				got, err := s.GetEmployee(ctx, it.Employee.ID)
				require.NoError(t, err)
				assert.Equal(t, int64(1), got.Version)
				assert.Equal(t, it.Employee.Contact.Address, got.Contact.Address)
			})

			t.Run("ArabicStatementAndCodes", func(t *testing.T) {
				s, _ := target.Open(t)
				it := newFileGen(13).next("s-", 0)
				require.NoError(t, errOf(s.CreateEmployee(ctx, it.Employee, it.History)))
				st, err := records.BuildStatement(it.Employee, it.History, hijri.MustNew(1446, 9, 1), nil)
				require.NoError(t, err)
				st.ID, st.Code, st.IssuedAt, st.IssuedOn = "st-1", "ABCD-EFGH-JKLM-NPQR", fixtureBase, hijri.MustNew(1446, 9, 1)
				require.NoError(t, errOf(s.CreateStatement(ctx, st)))
				got, err := s.GetStatementByCode(ctx, st.Code)
				require.NoError(t, err)
				assert.Equal(t, st, got)
				_, err = s.GetStatementByCode(ctx, strings.ToLower(st.Code))
				assert.ErrorIs(t, err, records.ErrNotFound, "codes match exactly")
			})
		})
	}
}

func withVersion(e records.Employee, v int64) records.Employee {
	e = e.Clone()
	e.Version = v
	return e
}
