package identity_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

func eligibleFacts() identity.Facts {
	return identity.Facts{Saudi: true, EmploymentSystem: identity.CivilService, HasAbsher: true, HasNafath: true,
		Permissions: []identity.MasarService{identity.Grievances, identity.Promotions}}
}

func TestCheck(t *testing.T) {
	all := identity.Policy{Service: identity.Promotions, RequireSaudi: true, RequireCivilService: true,
		RequireAbsher: true, RequireNafath: true, RequirePermission: true}
	for _, tc := range []struct {
		name   string
		policy identity.Policy
		facts  func(*identity.Facts)
		want   []string
	}{
		{"all met", all, func(*identity.Facts) {}, nil},
		{"not Saudi", all, func(f *identity.Facts) { f.Saudi = false }, []string{identity.ReasonNotSaudi}},
		{"military", all, func(f *identity.Facts) { f.EmploymentSystem = identity.Military }, []string{identity.ReasonNotCivilService}},
		{"private sector", all, func(f *identity.Facts) { f.EmploymentSystem = identity.PrivateSector }, []string{identity.ReasonNotCivilService}},
		{"unknown employment", all, func(f *identity.Facts) { f.EmploymentSystem = "" }, []string{identity.ReasonNotCivilService}},
		{"no Absher", all, func(f *identity.Facts) { f.HasAbsher = false }, []string{identity.ReasonNoAbsher}},
		{"no Nafath", all, func(f *identity.Facts) { f.HasNafath = false }, []string{identity.ReasonNoNafath}},
		{"no permission on this service", all, func(f *identity.Facts) { f.Permissions = []identity.MasarService{identity.CV} },
			[]string{identity.ReasonNoPermission}},
		{"every condition fails, in order", all, func(f *identity.Facts) { *f = identity.Facts{} },
			[]string{identity.ReasonNotSaudi, identity.ReasonNotCivilService, identity.ReasonNoAbsher, identity.ReasonNoNafath, identity.ReasonNoPermission}},
		{"a policy without conditions allows anyone", identity.Policy{Service: identity.CV}, func(f *identity.Facts) { *f = identity.Facts{} }, nil},
		{"unchecked conditions are ignored", identity.Policy{Service: identity.Grievances, RequireNafath: true},
			func(f *identity.Facts) { f.Saudi, f.EmploymentSystem, f.Permissions = false, identity.Military, nil }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := eligibleFacts()
			tc.facts(&f)
			d := identity.Check(tc.policy, f)
			assert.Equal(t, tc.policy.Service, d.Service)
			assert.Equal(t, len(tc.want) == 0, d.Allowed)
			var got []string
			for _, r := range d.Reasons {
				got = append(got, r.Code)
				assert.NotEmpty(t, r.Message.AR)
				assert.NotEmpty(t, r.Message.EN)
			}
			assert.Equal(t, tc.want, got)
			if d.Allowed {
				assert.NoError(t, d.Err())
				return
			}
			err := d.Err()
			assert.ErrorIs(t, err, identity.ErrNotEligible)
			fe, ok := fault.As(err)
			require.True(t, ok)
			require.Len(t, fe.Fields, len(tc.want))
			for i, f := range fe.Fields {
				assert.Equal(t, tc.want[i], f.Reason)
				assert.Equal(t, d.Reasons[i].Message, f.Message)
			}
		})
	}
}

func TestCheckAllocatesNothingWhenAllowed(t *testing.T) {
	p := identity.DefaultPolicies()[identity.Promotions]
	f := eligibleFacts()
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = identity.Check(p, f) }))
}

func TestCheckReasonsAreNotShared(t *testing.T) {
	p := identity.DefaultPolicies()[identity.Grievances]
	a := identity.Check(p, identity.Facts{})
	a.Reasons[0].Code = "tampered"
	b := identity.Check(p, identity.Facts{})
	assert.Equal(t, identity.ReasonNotSaudi, b.Reasons[0].Code)
}

func TestDefaultPolicies(t *testing.T) {
	ps := identity.DefaultPolicies()
	require.Len(t, ps, len(identity.MasarServices()))
	for _, s := range identity.MasarServices() {
		p := ps[s]
		assert.Equal(t, s, p.Service)
		assert.True(t, p.RequireSaudi && p.RequireNafath && p.RequirePermission, "%s", s)
		assert.False(t, p.RequireAbsher, "%s: Masar requires only Nafath", s)
		// The grievance service is open beyond the civil service; the
		// job-data audit is the agency staff's, who need no file of their own.
		assert.Equal(t, s != identity.Grievances && s != identity.JobDataAudit, p.RequireCivilService, "%s", s)
		assert.True(t, s.Valid())
		assert.NotEqual(t, string(s), s.Label(i18n.Arabic))
	}
	// A new map each call.
	ps[identity.CV] = identity.Policy{Service: identity.CV}
	assert.True(t, identity.DefaultPolicies()[identity.CV].RequireSaudi)
	assert.False(t, identity.MasarService("payroll").Valid())
}

func TestCheckEligibilityGathersFacts(t *testing.T) {
	e := newSvcEnv(t, nil)
	ctx := context.Background()
	id := e.gen.Citizen()
	e.reg.Add(identity.Person{NationalID: id, BirthDate: hijri.MustNew(1400, 1, 1), Nationality: "SA"})
	e.acc.Set(id, identity.Accounts{Nafath: true})
	e.emp.Set(id, identity.CivilService)

	d, err := e.svc.CheckEligibility(ctx, id, identity.Promotions, []identity.MasarService{identity.Promotions})
	require.NoError(t, err)
	assert.True(t, d.Allowed, "%+v", d)

	d, err = e.svc.CheckEligibility(ctx, id, identity.Promotions, nil)
	require.NoError(t, err)
	assert.Equal(t, []identity.Reason{d.Reasons[0]}, d.Reasons)
	assert.Equal(t, identity.ReasonNoPermission, d.Reasons[0].Code)

	// A military employee may file a grievance (no civil-service condition)
	// but not use promotions.
	e.emp.Set(id, identity.Military)
	all := identity.MasarServices()
	d, err = e.svc.CheckEligibility(ctx, id, identity.Grievances, all)
	require.NoError(t, err)
	assert.True(t, d.Allowed)
	d, err = e.svc.CheckEligibility(ctx, id, identity.Promotions, all)
	require.NoError(t, err)
	assert.Equal(t, identity.ReasonNotCivilService, d.Reasons[0].Code)

	// A resident is not Saudi, whatever the registry says; the registry is
	// not even asked.
	res := e.gen.Resident()
	e.reg.Add(identity.Person{NationalID: res, Nationality: "SA"})
	e.acc.Set(res, identity.Accounts{Nafath: true})
	calls := e.reg.Calls()
	d, err = e.svc.CheckEligibility(ctx, res, identity.Grievances, all)
	require.NoError(t, err)
	assert.Equal(t, identity.ReasonNotSaudi, d.Reasons[0].Code)
	assert.Equal(t, calls, e.reg.Calls())

	// A citizen unknown to the registry is not established as Saudi.
	d, err = e.svc.CheckEligibility(ctx, e.gen.Citizen(), identity.Grievances, all)
	require.NoError(t, err)
	assert.Equal(t, []string{identity.ReasonNotSaudi, identity.ReasonNoNafath}, codes(d))
}

func codes(d identity.Decision) []string {
	var out []string
	for _, r := range d.Reasons {
		out = append(out, r.Code)
	}
	return out
}

func TestCheckEligibilityPortFailures(t *testing.T) {
	ctx := context.Background()
	down := errors.New("connection refused")
	for _, tc := range []struct {
		name   string
		fail   func(e *svcEnv)
		reason string
	}{
		{"registry", func(e *svcEnv) { e.reg.Fail(down) }, "eligibility.registry_unavailable"},
		{"accounts", func(e *svcEnv) { e.acc.Fail(down) }, "eligibility.accounts_unavailable"},
		{"employment", func(e *svcEnv) { e.emp.Fail(down) }, "eligibility.employment_unavailable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newSvcEnv(t, nil)
			tc.fail(e)
			_, err := e.svc.CheckEligibility(ctx, e.gen.Citizen(), identity.Promotions, nil)
			assertReason(t, err, identity.ErrFactsUnavailable, tc.reason)
			assert.Equal(t, fault.Unavailable, fault.CodeOf(err))
			assert.ErrorIs(t, err, down)
		})
	}
	e := newSvcEnv(t, nil)
	_, err := e.svc.CheckEligibility(ctx, e.gen.Citizen(), "payroll", nil)
	assert.ErrorIs(t, err, identity.ErrUnknownService)
}

func TestCustomPolicies(t *testing.T) {
	e := newSvcEnv(t, func(o *identity.Options) {
		o.Policies = identity.Policies{identity.CV: {Service: identity.CV, RequireAbsher: true}}
	})
	ctx := context.Background()
	id := e.gen.Citizen()
	d, err := e.svc.CheckEligibility(ctx, id, identity.CV, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{identity.ReasonNoAbsher}, codes(d))
	assert.Zero(t, e.reg.Calls(), "the registry is asked only when the policy needs nationality")
	_, err = e.svc.CheckEligibility(ctx, id, identity.Promotions, nil)
	assert.ErrorIs(t, err, identity.ErrUnknownService)
}

var sinkDecision identity.Decision

// BenchmarkCheck measures the pure eligibility rule (target: under 1 µs/op,
// no allocation when allowed).
func BenchmarkCheck(b *testing.B) {
	p := identity.DefaultPolicies()[identity.Promotions]
	f := eligibleFacts()
	f.Permissions = identity.MasarServices()
	b.ReportAllocs()
	for b.Loop() {
		sinkDecision = identity.Check(p, f)
	}
}

// BenchmarkCheckDenied measures a decision that lists every reason.
func BenchmarkCheckDenied(b *testing.B) {
	p := identity.DefaultPolicies()[identity.Promotions]
	p.RequireAbsher = true
	b.ReportAllocs()
	for b.Loop() {
		sinkDecision = identity.Check(p, identity.Facts{})
	}
}
