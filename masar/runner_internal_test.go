package masar

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
)

// The CV service (identity.CV) has no use case yet (the cv package comes
// later); the runner enforces its policy for any use case the table names
// with it, as for the five services that have use cases.
func TestRunnerEnforcesTheCVPolicy(t *testing.T) {
	s := memstore.New(nil)
	key := bytes.Repeat([]byte("k"), MinKeyLen)
	registry, accounts := identitytest.NewRegistry(), identitytest.NewAccounts()
	c, err := New(Config{
		Stores:   Stores{Records: s, Grievances: s, Promotions: s, Leaves: s, Separations: s, CVs: s, JobAudit: s, Outbox: s, Identity: s, Audit: s, Tx: s},
		AuditKey: key, Records: records.Options{StatementKey: key}, Identity: identity.Options{OTPKey: key},
		Ports: identity.Ports{Registry: registry, Accounts: accounts},
	})
	require.NoError(t, err)
	const useCV UseCase = "cv.view_test"
	c.rules[useCV] = Rule{Service: identity.CV, Permits: []Permit{{Role: RoleEmployee, Scope: ScopeSelf, Eligible: true}}}

	id := identitytest.NewGenerator(3).Citizen()
	registry.Add(identity.Person{NationalID: id, Nationality: "SA"})
	accounts.Set(id, identity.Accounts{Nafath: true})
	me := Actor{NationalID: id, Roles: []Role{RoleEmployee}, Services: []identity.MasarService{identity.CV}}
	ran := false
	view := func(a Actor) error {
		return c.do(context.Background(), a, useCV, func(ctx context.Context, cl *call) error {
			if err := cl.authorize(ctx, target{subject: id}); err != nil {
				return err
			}
			ran = true
			return nil
		})
	}
	// No employee file: the CV's default policy asks for civil-service employment.
	err = view(me)
	require.ErrorIs(t, err, identity.ErrNotEligible)
	assert.False(t, ran)
	assert.Equal(t, "eligibility.not_eligible", ErrorReason(err))
	var e *Error
	require.True(t, errors.As(err, &e))
	require.Len(t, e.Fields, 1)
	assert.Equal(t, identity.ReasonNotCivilService, e.Fields[0].Reason)

	es, err := s.ListAudit(context.Background(), audit.Filter{Action: string(useCV)})
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, audit.Failed, es[0].Outcome)
}
