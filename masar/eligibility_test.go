package masar_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
)

// without returns a's copy lacking the permission on svc.
func without(a masar.Actor, svc identity.MasarService) masar.Actor {
	a.Services = slices.DeleteFunc(slices.Clone(a.Services), func(s identity.MasarService) bool { return s == svc })
	return a
}

// reasonCodes lists the eligibility reasons of a refusal.
func reasonCodes(t *testing.T, err error) []string {
	t.Helper()
	fe, ok := fault.As(err)
	require.True(t, ok, "a coded error: %v", err)
	var out []string
	for _, f := range fe.Fields {
		if f.Field == "eligibility" {
			out = append(out, f.Reason)
		}
	}
	return out
}

// Every use case names its Masar service, and the runner enforces that
// service's policy: one refusal through the facade per service, each
// changing nothing and audited as failed.
func TestEligibilityPolicyOfEachService(t *testing.T) {
	w := newClient(t, memstore.New(nil))
	emp := w.MOH.Emp
	round := w.roundIn(w.MOH, promotion.RoundRanked)
	cases := []struct {
		svc  identity.MasarService
		uc   masar.UseCase
		call func(a masar.Actor) error
		// staff: the policy is the acting HR specialist's, not the employee's.
		staff bool
	}{
		{identity.MyJobData, masar.UseViewFile, func(a masar.Actor) error {
			_, err := w.Client.EmployeeFile(w.Ctx, a, emp.ID)
			return err
		}, false},
		{identity.ServiceStatement, masar.UsePrintStatement, func(a masar.Actor) error {
			_, err := w.Client.IssueStatement(w.Ctx, a, emp.ID, hijri.Date{})
			return err
		}, false},
		{identity.Grievances, masar.UseFileGrievance, func(a masar.Actor) error {
			_, err := w.Client.FileGrievance(w.Ctx, a, w.grievanceInput(moh, grievance.KindDecision))
			return err
		}, false},
		{identity.Promotions, masar.UsePromotionStanding, func(a masar.Actor) error {
			_, err := w.Client.PromotionStanding(w.Ctx, a, emp.ID, round.ID)
			return err
		}, false},
		{identity.JobDataAudit, masar.UseCreateEmployee, func(a masar.Actor) error {
			_, err := w.Client.CreateEmployee(w.Ctx, a, w.career(moh).Input())
			return err
		}, true},
	}
	for _, tc := range cases {
		t.Run(string(tc.svc), func(t *testing.T) {
			assert.Equal(t, tc.svc, masar.Permissions()[tc.uc].Service, "the table names the service")
			actor := emp.Actor
			if tc.staff {
				actor = w.MOH.Specialist
			}
			require.NoError(t, tc.call(actor), "allowed with the permission")
			before := w.fingerprint()
			var err error
			e := w.oneEntry(func() { err = tc.call(without(actor, tc.svc)) })
			if tc.svc == identity.Grievances {
				// The grievance service refuses with the decision and the filing window together.
				require.ErrorIs(t, err, grievance.ErrNotEligible)
			} else {
				require.ErrorIs(t, err, identity.ErrNotEligible)
			}
			assert.Contains(t, reasonCodes(t, err), identity.ReasonNoPermission)
			assert.Equal(t, audit.Failed, e.Outcome)
			assert.Equal(t, string(tc.uc), e.Action)
			assert.Equal(t, before, w.fingerprint(), "a refusal changes nothing")
		})
	}
}

// The policy's other conditions refuse too, every failed one listed.
func TestEligibilityListsEveryFailedCondition(t *testing.T) {
	w := newClient(t, memstore.New(nil))
	emp := w.MOH.Emp
	w.Accounts.Set(emp.ID, identity.Accounts{})
	_, err := w.Client.ServiceDuration(w.Ctx, without(emp.Actor, identity.MyJobData), emp.ID, records.PurposeTotal, hijri.Date{})
	require.ErrorIs(t, err, identity.ErrNotEligible)
	assert.Equal(t, []string{identity.ReasonNoNafath, identity.ReasonNoPermission}, reasonCodes(t, err))
	assert.Equal(t, masar.FailedPrecondition, masar.ErrorCode(err))
}

// Staff acting on others' data under their agency role (viewing a file)
// are not asked to meet the employee-facing policy of the service.
func TestEligibilityIsTheBeneficiarys(t *testing.T) {
	w := newClient(t, memstore.New(nil))
	hr := masar.Actor{NationalID: w.MOH.Specialist.NationalID, Roles: w.MOH.Specialist.Roles, Agency: moh}
	_, err := w.Client.EmployeeFile(w.Ctx, hr, w.MOH.Emp.ID)
	require.NoError(t, err)
}
