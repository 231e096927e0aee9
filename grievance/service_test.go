package grievance_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/grievance/grievancetest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/page"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// on sets the clock to 10:00 Saudi time on the Hijri date d.
func (c *clock) on(d hijri.Date) {
	y, m, day := d.Gregorian()
	c.set(time.Date(y, m, day, 10, 0, 0, 0, hijri.SaudiTime()))
}

type env struct {
	t       *testing.T
	ctx     context.Context
	store   *memstore.Store
	svc     *grievance.Service
	clock   *clock
	fx      *grievancetest.Fixture
	manager grievance.Actor
	spec    grievance.Actor
}

func newEnv(t *testing.T, opts *grievance.Options) *env {
	t.Helper()
	if opts == nil {
		opts = &grievance.Options{}
	}
	c := &clock{}
	c.on(h(1447, 1, 6)) // Tuesday 2025-07-01
	opts.Now = c.Now
	s := memstore.New(nil)
	fx := grievancetest.NewFixture(7)
	return &env{t: t, ctx: context.Background(), store: s, svc: grievance.New(s, opts), clock: c, fx: fx,
		manager: fx.Staff(grievance.RoleHRManager), spec: fx.Staff(grievance.RoleHRSpecialist)}
}

func (e *env) today() hijri.Date {
	d, err := hijri.FromTime(e.clock.Now().In(hijri.SaudiTime()))
	require.NoError(e.t, err)
	return d
}

func (e *env) file() (grievance.Grievance, grievance.Actor) {
	e.t.Helper()
	cmd := e.fx.FileCommand(e.today())
	g, err := e.svc.File(e.ctx, cmd)
	require.NoError(e.t, err)
	return g, cmd.Actor
}

func cmd(g grievance.Grievance, a grievance.Actor, note string) grievance.Command {
	return grievance.Command{ID: g.ID, Version: g.Version, Actor: a, Note: note}
}

func (e *env) must(g grievance.Grievance, err error) grievance.Grievance {
	e.t.Helper()
	require.NoError(e.t, err)
	return g
}

// decide returns identity's decision on facts under the default policy of
// the grievance service.
func decide(f identity.Facts) identity.Decision {
	return identity.Check(identity.DefaultPolicies()[identity.Grievances], f)
}

// identityDecision returns the identity Service's eligibility decision on
// id for the grievance service, id having a Nafath account and a
// permission on the service.
func (e *env) identityDecision(id identity.NationalID) identity.Decision {
	e.t.Helper()
	acc := identitytest.NewAccounts()
	acc.Set(id, identity.Accounts{Nafath: true})
	ids, err := identity.New(e.store, identity.Ports{Registry: identitytest.NewRegistry(), Accounts: acc},
		&identity.Options{OTPKey: make([]byte, identity.MinOTPKeyLen)})
	require.NoError(e.t, err)
	d, err := ids.CheckEligibility(e.ctx, id, identity.Grievances, []identity.MasarService{identity.Grievances})
	require.NoError(e.t, err)
	return d
}

func reasons(t *testing.T, err error) []string {
	t.Helper()
	var out []string
	for _, f := range faultOf(t, err).Fields {
		out = append(out, f.Field+" "+f.Reason)
	}
	return out
}

func TestLifecycle(t *testing.T) {
	e := newEnv(t, nil)
	g, filer := e.file()
	assert.Equal(t, "GRV-1447-000001", g.TrackingNumber.String())
	assert.Equal(t, grievance.StatusSubmitted, g.Status)
	assert.Equal(t, h(1447, 1, 6), g.FiledOn)
	// Learnt of 10 days before, 1446-12-25 (Dhu al-Hijjah 1446 has 29 days):
	// + 60 = 1447-02-26 (Wednesday 2025-08-20).
	assert.Equal(t, h(1447, 2, 26), g.FilingDue)
	// 1447-01-06 + 60 = 1447-03-07, a Saturday -> Sunday 1447-03-08.
	assert.Equal(t, h(1447, 3, 8), g.AnswerDue)
	assert.Equal(t, int64(1), g.Version)
	require.Len(t, g.History, 1)
	assert.Equal(t, grievance.ActionFile, g.History[0].Action)
	assert.Equal(t, filer, g.History[0].Actor)
	assert.Equal(t, time.Date(2025, 7, 1, 7, 0, 0, 0, time.UTC), g.FiledAt)
	assert.Len(t, g.Attachments, 1)

	e.clock.on(h(1447, 1, 7))
	g = e.must(e.svc.StartReview(e.ctx, cmd(g, e.spec, "")))
	assert.Equal(t, grievance.StatusUnderReview, g.Status)
	g = e.must(e.svc.ReturnForInfo(e.ctx, cmd(g, e.spec, "أرفق صورة قرار النقل")))
	assert.Equal(t, grievance.StatusReturnedForInfo, g.Status)
	g = e.must(e.svc.ProvideInfo(e.ctx, grievance.ProvideInfoCommand{Command: cmd(g, filer, "مرفق"),
		Attachments: []grievance.Attachment{{Name: "قرار.pdf", MediaType: "application/pdf", Size: 10, Ref: "x"}}}))
	assert.Equal(t, grievance.StatusUnderReview, g.Status)
	assert.Len(t, g.Attachments, 2)

	e.clock.on(h(1447, 2, 10))
	g = e.must(e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(g, e.manager, ""),
		Outcome: grievance.OutcomeRejected, Response: "القرار صدر وفق الصلاحيات النظامية"}))
	assert.Equal(t, grievance.StatusAnswered, g.Status)
	assert.Equal(t, grievance.OutcomeRejected, g.Outcome)
	// 1447-02-10 + 60 = 1447-04-11, a Friday -> Sunday 1447-04-13.
	assert.Equal(t, h(1447, 4, 13), g.EscalationDue)

	e.clock.on(h(1447, 2, 12))
	g = e.must(e.svc.Close(e.ctx, cmd(g, e.spec, "")))
	assert.Equal(t, grievance.StatusClosed, g.Status)
	assert.Equal(t, h(1447, 2, 12), g.ClosedOn)

	// Reopen on the last day of the window: 1447-02-12 + 30 = 1447-03-13, a
	// Friday -> Sunday 1447-03-15.
	e.clock.on(h(1447, 3, 15))
	g = e.must(e.svc.Reopen(e.ctx, cmd(g, filer, "لم ينفذ ما وعدت به الجهة")))
	assert.Equal(t, grievance.StatusUnderReview, g.Status)
	assert.Equal(t, 1, g.Reopens)
	assert.Empty(t, g.Outcome)
	assert.True(t, g.EscalationDue.IsZero())
	// 1447-03-15 + 60 = 1447-05-15 (Thursday).
	assert.Equal(t, h(1447, 5, 15), g.AnswerDue)

	g = e.must(e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(g, e.manager, ""), Outcome: grievance.OutcomeAccepted}))
	assert.True(t, g.EscalationDue.IsZero(), "no escalation after an acceptance")
	g = e.must(e.svc.Close(e.ctx, cmd(g, e.manager, "")))
	_, err := e.svc.Reopen(e.ctx, cmd(g, filer, "مرة أخرى"))
	assert.ErrorIs(t, err, grievance.ErrReopenRefused)
	assert.Equal(t, "grievance.reopen_limit", fault.ReasonOf(err))

	var actions []grievance.Action
	for _, c := range g.History {
		actions = append(actions, c.Action)
		assert.Equal(t, time.UTC, c.At.Location())
	}
	assert.Equal(t, []grievance.Action{"file", "start_review", "return_for_info", "provide_info", "answer",
		"close", "reopen", "answer", "close"}, actions)
	assert.Equal(t, grievance.OutcomeRejected, g.History[4].Outcome)
	assert.Equal(t, "القرار صدر وفق الصلاحيات النظامية", g.History[4].Note)
	assert.Len(t, g.History[3].Attachments, 1)
	assert.Equal(t, int64(len(g.History)), g.Version)

	byNumber, err := e.svc.GetByTrackingNumber(e.ctx, "grv-١٤٤٧-٠٠٠٠٠١")
	require.NoError(t, err)
	assert.Equal(t, g.ID, byNumber.ID)
}

func TestReopenWindowClosed(t *testing.T) {
	e := newEnv(t, nil)
	g, filer := e.file()
	g = e.must(e.svc.StartReview(e.ctx, cmd(g, e.spec, "")))
	g = e.must(e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(g, e.manager, ""), Outcome: grievance.OutcomeAccepted}))
	e.clock.on(h(1447, 2, 12))
	g = e.must(e.svc.Close(e.ctx, cmd(g, e.spec, "")))
	e.clock.on(h(1447, 3, 16)) // a day after the window's last day (1447-03-15)
	_, err := e.svc.Reopen(e.ctx, cmd(g, filer, "اعتراض"))
	assert.ErrorIs(t, err, grievance.ErrReopenRefused)
	assert.Equal(t, "grievance.reopen_window_closed", fault.ReasonOf(err))
	_, err = e.svc.Reopen(e.ctx, cmd(g, filer, ""))
	assert.ErrorIs(t, err, fault.ErrInvalidInput, "the reasons are required")
}

func TestFilingWindowAtSaudiMidnight(t *testing.T) {
	e := newEnv(t, nil)
	learnt, err := hijri.ParseAny("2025-02-28") // Gregorian input: 1446-08-29
	require.NoError(t, err)
	decided, err := hijri.ParseAny("20/8/1446 هـ") // Hijri input
	require.NoError(t, err)
	mk := func() grievance.FileCommand {
		c := e.fx.FileCommand(h(1446, 9, 1))
		c.Decision.Date, c.Decision.LearntOn = decided, learnt
		return c
	}
	// The last day is 1446-11-01 = 2025-04-29. 23:59:59 in Riyadh is 20:59:59 UTC.
	e.clock.set(time.Date(2025, 4, 29, 20, 59, 59, 0, time.UTC))
	g, err := e.svc.File(e.ctx, mk())
	require.NoError(t, err)
	assert.Equal(t, h(1446, 11, 1), g.FilingDue)
	assert.Equal(t, 1446, g.TrackingNumber.Year)

	// Midnight in Riyadh: the next day, though still 2025-04-29 in UTC.
	e.clock.set(time.Date(2025, 4, 29, 21, 0, 0, 0, time.UTC))
	_, err = e.svc.File(e.ctx, mk())
	require.ErrorIs(t, err, grievance.ErrFilingWindowClosed)
	assert.Equal(t, fault.FailedPrecondition, fault.CodeOf(err))
	assert.Equal(t, []string{"decision.learnt_on grievance.window_closed"}, reasons(t, err))
}

func TestTrackingNumberYearFollowsSaudiDate(t *testing.T) {
	e := newEnv(t, nil)
	// 1447-01-01 is 2025-06-26: at 21:30 UTC on 2025-06-25 it is already 1447 in Riyadh.
	e.clock.set(time.Date(2025, 6, 25, 21, 30, 0, 0, time.UTC))
	g, _ := e.file()
	assert.Equal(t, "GRV-1447-000001", g.TrackingNumber.String())
	assert.Equal(t, h(1447, 1, 1), g.FiledOn)
	e.clock.set(time.Date(2025, 6, 25, 20, 30, 0, 0, time.UTC))
	g, _ = e.file()
	assert.Equal(t, "GRV-1446-000001", g.TrackingNumber.String())
}

func TestFileRefusals(t *testing.T) {
	e := newEnv(t, nil)
	today := e.today()
	t.Run("not eligible, every reason", func(t *testing.T) {
		c := e.fx.FileCommand(today)
		c.Eligibility = decide(identity.Facts{Permissions: []identity.MasarService{identity.Grievances}})
		_, err := e.svc.File(e.ctx, c)
		require.ErrorIs(t, err, grievance.ErrNotEligible)
		require.ErrorIs(t, err, grievance.ErrFilingRefused)
		assert.Equal(t, []string{"eligibility " + identity.ReasonNotSaudi,
			"eligibility " + identity.ReasonNoNafath}, reasons(t, err))
		for i, f := range faultOf(t, err).Fields {
			assert.NotEmpty(t, f.Message.AR)
			assert.NotEmpty(t, f.Message.EN)
			assert.Equal(t, c.Eligibility.Reasons[i].Message, f.Message, "identity's reason as it is")
		}
	})
	t.Run("an Iqama holder is not a Saudi national", func(t *testing.T) {
		// identity decides: a resident's ID is never a Saudi national's.
		c := e.fx.FileCommand(today)
		c.Actor.NationalID = e.fx.IDs.Resident()
		c.Eligibility = e.identityDecision(c.Actor.NationalID)
		_, err := e.svc.File(e.ctx, c)
		require.ErrorIs(t, err, grievance.ErrNotEligible)
		assert.Equal(t, []string{"eligibility " + identity.ReasonNotSaudi}, reasons(t, err))
	})
	t.Run("a host policy's own conditions are listed too", func(t *testing.T) {
		c := e.fx.FileCommand(today)
		p := identity.DefaultPolicies()[identity.Grievances]
		p.RequireAbsher, p.RequireCivilService = true, true
		c.Eligibility = identity.Check(p, identity.Facts{Saudi: true, HasNafath: true,
			Permissions: []identity.MasarService{identity.Grievances}})
		c.Decision.Date, c.Decision.LearntOn = h(1446, 10, 1), h(1446, 10, 1)
		_, err := e.svc.File(e.ctx, c)
		require.ErrorIs(t, err, grievance.ErrFilingRefused)
		assert.Equal(t, []string{"eligibility " + identity.ReasonNotCivilService, "eligibility " + identity.ReasonNoAbsher,
			"decision.learnt_on grievance.window_closed"}, reasons(t, err))
	})
	t.Run("no decision for the grievance service", func(t *testing.T) {
		for _, d := range []identity.Decision{{}, {Service: identity.Promotions, Allowed: true},
			{Service: identity.Grievances}} {
			c := e.fx.FileCommand(today)
			c.Eligibility = d
			_, err := e.svc.File(e.ctx, c)
			require.ErrorIs(t, err, grievance.ErrNotEligible, "%+v", d)
			assert.Equal(t, []string{"eligibility grievance.eligibility_unchecked"}, reasons(t, err), "%+v", d)
		}
	})
	t.Run("window closed and not eligible", func(t *testing.T) {
		c := e.fx.FileCommand(today)
		c.Decision.Date, c.Decision.LearntOn = h(1446, 10, 1), h(1446, 10, 1)
		c.Eligibility = decide(identity.Facts{Saudi: true, Permissions: []identity.MasarService{identity.Grievances}})
		_, err := e.svc.File(e.ctx, c)
		require.ErrorIs(t, err, grievance.ErrFilingRefused)
		assert.NotErrorIs(t, err, grievance.ErrFilingWindowClosed)
		assert.Equal(t, []string{"eligibility " + identity.ReasonNoNafath,
			"decision.learnt_on grievance.window_closed"}, reasons(t, err))
	})
	t.Run("missing and malformed fields", func(t *testing.T) {
		c := e.fx.FileCommand(today)
		c.Agency, c.Subject, c.Description, c.Decision.Number = "", "", "", ""
		c.Decision.LearntOn = hijri.Date{Year: 1447, Month: 2, Day: 30} // Safar 1447 has 29 days
		c.Attachments[0].Size = 0
		_, err := e.svc.File(e.ctx, c)
		require.ErrorIs(t, err, fault.ErrInvalidInput)
		assert.ElementsMatch(t, []string{"agency required", "subject required", "description required",
			"attachments[0].size gt", "decision.learnt_on hijri_date", "decision.number required"}, reasons(t, err))
	})
	t.Run("dates", func(t *testing.T) {
		c := e.fx.FileCommand(today)
		c.Decision.Date, c.Decision.LearntOn = h(1447, 1, 5), h(1447, 1, 4)
		_, err := e.svc.File(e.ctx, c)
		assert.Equal(t, []string{"decision.learnt_on grievance.learnt_before_decision"}, reasons(t, err))
		c.Decision.Date, c.Decision.LearntOn = h(1447, 1, 7), hijri.Date{}
		_, err = e.svc.File(e.ctx, c)
		assert.Equal(t, []string{"decision.date grievance.future_date"}, reasons(t, err))
		c.Decision.Date = hijri.Date{}
		_, err = e.svc.File(e.ctx, c)
		assert.Equal(t, []string{"decision.date required"}, reasons(t, err))
	})
	t.Run("unknown kind", func(t *testing.T) {
		c := e.fx.FileCommand(today)
		c.Kind = "disciplinary"
		_, err := e.svc.File(e.ctx, c)
		assert.Equal(t, []string{"kind grievance.unknown_kind"}, reasons(t, err))
	})
	t.Run("only a filer files", func(t *testing.T) {
		c := e.fx.FileCommand(today)
		c.Actor = e.manager
		_, err := e.svc.File(e.ctx, c)
		assert.ErrorIs(t, err, grievance.ErrPermissionDenied)
		c.Actor = grievance.Actor{Role: grievance.RoleFiler}
		_, err = e.svc.File(e.ctx, c)
		assert.Contains(t, reasons(t, err), "actor.national_id required")
	})
	all, err := e.svc.List(e.ctx, grievance.Filter{})
	require.NoError(t, err)
	assert.Empty(t, all.Items, "a refused filing persists nothing")
}

func TestRightsClaim(t *testing.T) {
	e := newEnv(t, nil)
	e.clock.on(h(1447, 5, 15))
	c := e.fx.FileCommand(e.today())
	c.Kind = grievance.KindRightsClaim
	c.Decision = grievance.Decision{Date: h(1437, 5, 15)} // the right arose; no number
	g, err := e.svc.File(e.ctx, c)
	require.NoError(t, err, "the last day of 10 Hijri years")
	assert.Equal(t, h(1447, 5, 15), g.FilingDue)

	e.clock.on(h(1447, 5, 16))
	c.Actor = e.fx.Filer()
	_, err = e.svc.File(e.ctx, c)
	assert.ErrorIs(t, err, grievance.ErrFilingWindowClosed)

	// Early in the 10 years, escalation lasts as long as what remains of them.
	c.Decision.Date = h(1440, 1, 10)
	g, err = e.svc.File(e.ctx, c)
	require.NoError(t, err)
	// 1450-01-10, or the next working day after it.
	assert.True(t, !g.FilingDue.Before(h(1450, 1, 10)) && !g.FilingDue.After(h(1450, 1, 12)), "%s", g.FilingDue)
	g = e.must(e.svc.StartReview(e.ctx, cmd(g, e.manager, "")))
	g = e.must(e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(g, e.manager, ""),
		Outcome: grievance.OutcomeRejected, Response: "لا يستحق"}))
	assert.Equal(t, g.FilingDue, g.EscalationDue)
}

func TestPermissions(t *testing.T) {
	e := newEnv(t, nil)
	g, filer := e.file()
	other := e.fx.Staff(grievance.RoleHRManager)
	other.Agency = "AGY-999"
	stranger := e.fx.Filer()

	_, err := e.svc.StartReview(e.ctx, cmd(g, other, ""))
	assert.Equal(t, "grievance.other_agency", fault.ReasonOf(err))
	_, err = e.svc.Withdraw(e.ctx, cmd(g, stranger, ""))
	assert.Equal(t, "grievance.not_filer", fault.ReasonOf(err))
	_, err = e.svc.StartReview(e.ctx, cmd(g, filer, ""))
	assert.Equal(t, "grievance.role_not_allowed", fault.ReasonOf(err))
	self := grievance.Actor{NationalID: filer.NationalID, Role: grievance.RoleHRManager, Agency: g.Agency}
	_, err = e.svc.StartReview(e.ctx, cmd(g, self, ""))
	assert.Equal(t, "grievance.own_grievance", fault.ReasonOf(err))
	member := e.fx.Staff(grievance.RoleCommitteeMember)
	_, err = e.svc.StartReview(e.ctx, cmd(g, member, ""))
	assert.Equal(t, "grievance.committee_kind_only", fault.ReasonOf(err))
	_, err = e.svc.StartReview(e.ctx, cmd(g, grievance.Actor{Role: grievance.RoleHRManager, Agency: g.Agency}, ""))
	assert.Equal(t, "grievance.actor_unknown", fault.ReasonOf(err))
	for _, err := range []error{err} {
		assert.ErrorIs(t, err, grievance.ErrPermissionDenied)
		assert.Equal(t, fault.PermissionDenied, fault.CodeOf(err))
	}
	g = e.must(e.svc.StartReview(e.ctx, cmd(g, e.spec, "")))
	_, err = e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(g, e.spec, ""), Outcome: grievance.OutcomeAccepted})
	assert.Equal(t, "grievance.role_not_allowed", fault.ReasonOf(err), "specialists do not answer")

	// A committee decides performance-rating grievances.
	c := e.fx.FileCommand(e.today())
	c.Kind = grievance.KindPerformanceRating
	c.Decision.Number = ""
	p, err := e.svc.File(e.ctx, c)
	require.NoError(t, err)
	// 1447-01-06 + 30 = 1447-02-06 (Thursday).
	assert.Equal(t, h(1447, 2, 6), p.AnswerDue)
	p = e.must(e.svc.StartReview(e.ctx, cmd(p, member, "")))
	p = e.must(e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(p, member, ""),
		Outcome: grievance.OutcomePartiallyAccepted, Response: "يرفع التقدير في عنصر واحد"}))
	assert.Equal(t, grievance.StatusAnswered, p.Status)
}

func TestAnswerNeedsReasons(t *testing.T) {
	e := newEnv(t, nil)
	g, _ := e.file()
	g = e.must(e.svc.StartReview(e.ctx, cmd(g, e.spec, "")))
	for _, o := range []grievance.Outcome{grievance.OutcomeRejected, grievance.OutcomePartiallyAccepted} {
		_, err := e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(g, e.manager, ""), Outcome: o})
		assert.ErrorIs(t, err, fault.ErrInvalidInput)
		assert.Equal(t, []string{"response grievance.reasons_required"}, reasons(t, err))
	}
	for _, o := range []grievance.Outcome{"", grievance.OutcomeDeemedRejected, "maybe"} {
		_, err := e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(g, e.manager, ""), Outcome: o, Response: "x"})
		assert.ErrorIs(t, err, fault.ErrInvalidInput, "outcome %q", o)
	}
	_, err := e.svc.ReturnForInfo(e.ctx, cmd(g, e.spec, ""))
	assert.Equal(t, []string{"note required"}, reasons(t, err))
	_, err = e.svc.StartReview(e.ctx, grievance.Command{Actor: e.spec})
	assert.Equal(t, []string{"id required"}, reasons(t, err), "an embedded Command's fields keep their JSON names")
	stored, err := e.svc.Get(e.ctx, g.ID)
	require.NoError(t, err)
	assert.Equal(t, g.Version, stored.Version, "refused answers persist nothing")
}

func TestWithdraw(t *testing.T) {
	e := newEnv(t, nil)
	g, filer := e.file()
	g = e.must(e.svc.StartReview(e.ctx, cmd(g, e.spec, "")))
	g = e.must(e.svc.Withdraw(e.ctx, cmd(g, filer, "تمت التسوية")))
	assert.Equal(t, grievance.StatusWithdrawn, g.Status)
	_, err := e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(g, e.manager, ""), Outcome: grievance.OutcomeAccepted})
	assert.ErrorIs(t, err, grievance.ErrInvalidTransition)
	_, err = e.svc.Reopen(e.ctx, cmd(g, filer, "عدت"))
	assert.ErrorIs(t, err, grievance.ErrInvalidTransition)

	// Not after an answer.
	g2, filer2 := e.file()
	g2 = e.must(e.svc.StartReview(e.ctx, cmd(g2, e.spec, "")))
	g2 = e.must(e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(g2, e.manager, ""), Outcome: grievance.OutcomeAccepted}))
	_, err = e.svc.Withdraw(e.ctx, cmd(g2, filer2, ""))
	assert.ErrorIs(t, err, grievance.ErrInvalidTransition)
}

func TestStaleVersion(t *testing.T) {
	e := newEnv(t, nil)
	g, _ := e.file()
	c := cmd(g, e.spec, "")
	e.must(e.svc.StartReview(e.ctx, c))
	c.Version = g.Version // stale now
	_, err := e.svc.ReturnForInfo(e.ctx, grievance.Command{ID: g.ID, Version: g.Version, Actor: e.spec, Note: "x"})
	assert.ErrorIs(t, err, grievance.ErrConflict)
	_, err = e.svc.Get(e.ctx, "nope")
	assert.ErrorIs(t, err, grievance.ErrNotFound)
	_, err = e.svc.StartReview(e.ctx, grievance.Command{ID: "nope", Actor: e.spec})
	assert.ErrorIs(t, err, grievance.ErrNotFound)
	_, err = e.svc.GetByTrackingNumber(e.ctx, "GRV-1")
	assert.ErrorIs(t, err, grievance.ErrInvalidTrackingNumber)
}

func TestSweepAndEscalation(t *testing.T) {
	e := newEnv(t, nil)
	due, filer := e.file() // AnswerDue 1447-03-08
	answered, _ := e.file()
	answered = e.must(e.svc.StartReview(e.ctx, cmd(answered, e.spec, "")))
	answered = e.must(e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(answered, e.manager, ""), Outcome: grievance.OutcomeAccepted}))
	pc := e.fx.FileCommand(e.today())
	pc.Kind = grievance.KindPerformanceRating
	perf, err := e.svc.File(e.ctx, pc) // due 1447-02-06, but silence is not a deemed rejection
	require.NoError(t, err)
	e.clock.on(h(1447, 1, 8))
	later, _ := e.file() // AnswerDue 1447-03-08 + 2 days = 1447-03-10

	// On the last day nothing is due.
	res, err := e.svc.Sweep(e.ctx, time.Date(2025, 8, 31, 20, 59, 0, 0, time.UTC)) // 23:59 1447-03-08 in Riyadh
	require.NoError(t, err)
	assert.Equal(t, grievance.SweepResult{}, res)

	// Before the sweep runs, the agency can no longer act on it.
	e.clock.on(h(1447, 3, 9))
	_, err = e.svc.StartReview(e.ctx, cmd(due, e.spec, ""))
	assert.ErrorIs(t, err, grievance.ErrAnswerDeadlinePassed)
	_, err = e.svc.Withdraw(e.ctx, cmd(due, filer, ""))
	assert.ErrorIs(t, err, grievance.ErrAnswerDeadlinePassed)

	asOf := time.Date(2025, 8, 31, 21, 0, 0, 0, time.UTC) // 00:00 1447-03-09 in Riyadh
	res, err = e.svc.Sweep(e.ctx, asOf)
	require.NoError(t, err)
	assert.Equal(t, 1, res.Examined)
	assert.Equal(t, 1, res.DeemedRejected)
	assert.Zero(t, res.Skipped)

	got, err := e.svc.Get(e.ctx, due.ID)
	require.NoError(t, err)
	require.Len(t, res.Deemed, 1)
	assert.Equal(t, got, res.Deemed[0], "the result lists the grievance as stored")
	assert.Equal(t, grievance.StatusDeemedRejected, got.Status)
	assert.Equal(t, grievance.OutcomeDeemedRejected, got.Outcome)
	// 1447-03-08 + 60 = 1447-05-08 (Thursday 2025-10-30).
	assert.Equal(t, h(1447, 5, 8), got.EscalationDue)
	last := got.History[len(got.History)-1]
	assert.Equal(t, grievance.RoleSystem, last.Actor.Role)
	assert.Equal(t, grievance.ActionDeemReject, last.Action)

	// Idempotent.
	res, err = e.svc.Sweep(e.ctx, asOf)
	require.NoError(t, err)
	assert.Equal(t, grievance.SweepResult{}, res)
	again, err := e.svc.Get(e.ctx, due.ID)
	require.NoError(t, err)
	assert.Equal(t, got.Version, again.Version)
	for _, id := range []string{answered.ID, perf.ID, later.ID} {
		g, err := e.svc.Get(e.ctx, id)
		require.NoError(t, err)
		assert.NotEqual(t, grievance.StatusDeemedRejected, g.Status, id)
	}

	// Deemed rejected: no late answer; the filer escalates within the period.
	_, err = e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(got, e.manager, ""), Outcome: grievance.OutcomeAccepted})
	assert.ErrorIs(t, err, grievance.ErrInvalidTransition)
	_, err = e.svc.Escalate(e.ctx, grievance.EscalateCommand{Command: cmd(got, filer, ""), Route: grievance.RouteMinistry})
	assert.Equal(t, "grievance.route_not_allowed", fault.ReasonOf(err))
	e.clock.on(h(1447, 5, 9))
	_, err = e.svc.Escalate(e.ctx, grievance.EscalateCommand{Command: cmd(got, filer, ""), Route: grievance.RouteCourt})
	assert.Equal(t, "grievance.escalation_window_closed", fault.ReasonOf(err))
	e.clock.on(h(1447, 5, 8))
	esc := e.must(e.svc.Escalate(e.ctx, grievance.EscalateCommand{Command: cmd(got, filer, "رفعت دعوى"), Route: grievance.RouteCourt}))
	assert.Equal(t, grievance.StatusEscalated, esc.Status)
	assert.Equal(t, grievance.RouteCourt, esc.Route)

	// An accepted grievance cannot be escalated, even after closing.
	answered = e.must(e.svc.Close(e.ctx, cmd(answered, e.spec, "")))
	_, err = e.svc.Escalate(e.ctx, grievance.EscalateCommand{Command: cmd(answered, e.manager, ""), Route: grievance.RouteCourt})
	assert.Equal(t, "grievance.outcome_not_adverse", fault.ReasonOf(err))
}

func TestEscalateAfterClosingARejection(t *testing.T) {
	e := newEnv(t, nil)
	g, filer := e.file()
	g = e.must(e.svc.StartReview(e.ctx, cmd(g, e.spec, "")))
	g = e.must(e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(g, e.manager, ""),
		Outcome: grievance.OutcomeRejected, Response: "مرفوض لعدم الاختصاص"}))
	g = e.must(e.svc.Close(e.ctx, cmd(g, e.spec, "")))
	// Answered 1447-01-06: + 60 = 1447-03-07 (Saturday) -> 1447-03-08.
	assert.Equal(t, h(1447, 3, 8), g.EscalationDue)
	e.clock.on(h(1447, 3, 8))
	g = e.must(e.svc.Escalate(e.ctx, grievance.EscalateCommand{Command: cmd(g, filer, ""), Route: grievance.RouteCourt}))
	assert.Equal(t, grievance.StatusEscalated, g.Status)
}

func TestSweepRacesAnswers(t *testing.T) {
	e := newEnv(t, nil)
	const n = 40
	var gs []grievance.Grievance
	for range n {
		g, _ := e.file()
		gs = append(gs, e.must(e.svc.StartReview(e.ctx, cmd(g, e.spec, ""))))
	}
	// Staff answer on the last day while the sweep runs as of the next day.
	staffClock := &clock{}
	staffClock.on(h(1447, 3, 8))
	staff := grievance.New(e.store, &grievance.Options{Now: staffClock.Now})
	var wg sync.WaitGroup
	answerErrs := make([]error, n)
	start := make(chan struct{})
	for i, g := range gs {
		wg.Go(func() {
			<-start
			_, answerErrs[i] = staff.Answer(e.ctx, grievance.AnswerCommand{Command: grievance.Command{ID: g.ID, Actor: e.manager},
				Outcome: grievance.OutcomeAccepted})
		})
	}
	var res grievance.SweepResult
	var sweepErr error
	wg.Go(func() {
		<-start
		res, sweepErr = e.svc.Sweep(e.ctx, time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC))
	})
	close(start)
	wg.Wait()
	require.NoError(t, sweepErr)
	answered := 0
	for i, g := range gs {
		got, err := e.svc.Get(e.ctx, g.ID)
		require.NoError(t, err)
		switch got.Status {
		case grievance.StatusAnswered:
			answered++
			assert.NoError(t, answerErrs[i])
		case grievance.StatusDeemedRejected:
			assert.True(t, errors.Is(answerErrs[i], grievance.ErrConflict) || errors.Is(answerErrs[i], grievance.ErrInvalidTransition),
				"a losing answer fails cleanly: %v", answerErrs[i])
		default:
			t.Fatalf("unexpected status %s", got.Status)
		}
		assert.Len(t, got.History, 3, "exactly one of the answer and the deemed rejection")
	}
	assert.Equal(t, n-answered, res.DeemedRejected)
	res2, err := e.svc.Sweep(e.ctx, time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Zero(t, res2.DeemedRejected)
}

func TestConcurrentFiling(t *testing.T) {
	e := newEnv(t, nil)
	const n = 64
	cmds := make([]grievance.FileCommand, n)
	for i := range cmds {
		cmds[i] = e.fx.FileCommand(e.today())
	}
	numbers := make([]string, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			g, err := e.svc.File(e.ctx, cmds[i])
			assert.NoError(t, err)
			numbers[i] = g.TrackingNumber.String()
		})
	}
	close(start)
	wg.Wait()
	seen := map[string]bool{}
	for _, s := range numbers {
		assert.False(t, seen[s], "duplicate %s", s)
		seen[s] = true
	}
	assert.Len(t, seen, n)
	assert.True(t, seen["GRV-1447-000001"] && seen["GRV-1447-000064"])
}

func TestConcurrentAnswersOneWins(t *testing.T) {
	e := newEnv(t, nil)
	g, _ := e.file()
	g = e.must(e.svc.StartReview(e.ctx, cmd(g, e.spec, "")))
	managers := []grievance.Actor{e.manager, e.fx.Staff(grievance.RoleHRManager)}
	outcomes := []grievance.AnswerCommand{
		{Command: grievance.Command{ID: g.ID, Actor: managers[0]}, Outcome: grievance.OutcomeAccepted},
		{Command: grievance.Command{ID: g.ID, Actor: managers[1]}, Outcome: grievance.OutcomeRejected, Response: "مرفوض"},
	}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range 2 {
		wg.Go(func() {
			<-start
			_, errs[i] = e.svc.Answer(e.ctx, outcomes[i])
		})
	}
	close(start)
	wg.Wait()
	wins := 0
	for _, err := range errs {
		if err == nil {
			wins++
			continue
		}
		assert.True(t, errors.Is(err, grievance.ErrConflict) || errors.Is(err, grievance.ErrInvalidTransition), "%v", err)
	}
	assert.Equal(t, 1, wins)
	got, err := e.svc.Get(e.ctx, g.ID)
	require.NoError(t, err)
	assert.Len(t, got.History, 3)
}

func TestOptions(t *testing.T) {
	rules := grievance.DefaultRules()
	dec := rules[grievance.KindDecision]
	dec.Answer = grievance.Days(90) // the unresolved Okaz reading
	rules[grievance.KindDecision] = dec
	e := newEnv(t, &grievance.Options{Rules: rules, NewID: func() string { return "fixed-id" }})
	rules[grievance.KindDecision] = grievance.KindRules{} // the Service kept a copy
	g, _ := e.file()
	assert.Equal(t, "fixed-id", g.ID)
	// 1447-01-06 + 90 = 1447-04-07 (Monday 2025-09-29).
	assert.Equal(t, h(1447, 4, 7), g.AnswerDue)
	assert.Equal(t, grievance.Days(90), e.svc.Rules()[grievance.KindDecision].Answer)
	_, err := e.svc.File(e.ctx, e.fx.FileCommand(e.today()))
	assert.ErrorIs(t, err, grievance.ErrConflict, "a duplicate ID")
}

func TestList(t *testing.T) {
	e := newEnv(t, nil)
	var want []string
	for range 7 {
		g, _ := e.file()
		want = append(want, g.ID)
	}
	var got []string
	after, pages := "", 0
	for {
		p, err := e.svc.List(e.ctx, grievance.Filter{Agency: e.fx.Agency, Limit: 3, After: after})
		require.NoError(t, err)
		pages++
		for _, g := range p.Items {
			got = append(got, g.ID)
		}
		if p.Next == "" {
			break
		}
		assert.Len(t, p.Items, 3)
		assert.Equal(t, p.Items[2].ID, p.Next)
		after = p.Next
	}
	assert.ElementsMatch(t, want, got)
	assert.Equal(t, 3, pages, "3 + 3 + 1: Next is empty on the last page")

	all, err := page.All(func(after string) (page.Page[grievance.Grievance], error) {
		return e.svc.List(e.ctx, grievance.Filter{Limit: 2, After: after})
	})
	require.NoError(t, err)
	assert.Len(t, all, 7)
	p, err := e.svc.List(e.ctx, grievance.Filter{})
	require.NoError(t, err)
	assert.Len(t, p.Items, 7, "the default page size holds them")
	assert.Empty(t, p.Next)

	_, err = e.svc.List(e.ctx, grievance.Filter{After: "no-such-grievance"})
	assert.ErrorIs(t, err, grievance.ErrNotFound)
	assert.ErrorIs(t, err, grievance.ErrCursorNotFound)
}
