package grievance_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

// lateRightsClaim is a rights claim whose right arose eleven years before
// today, with the filer's claim of an exception.
func (e *env) lateRightsClaim(claim string) grievance.FileCommand {
	cmd := e.fx.FileCommand(e.today())
	cmd.Kind = grievance.KindRightsClaim
	cmd.Decision = grievance.Decision{Date: hijri.MustNew(e.today().Year-11, 2, 1)}
	cmd.LateClaim = claim
	return cmd
}

// BoG Procedure Law art 8(1): the ten years bar a rights claim unless the
// defendant admits the right or there is an accepted excuse. A late filing
// is accepted only with a claim of an exception, and only for a kind whose
// limitation has exceptions; never for a future trigger.
func TestLateFilingNeedsAClaimedException(t *testing.T) {
	e := newEnv(t, nil)
	_, err := e.svc.File(e.ctx, e.lateRightsClaim(""))
	assert.ErrorIs(t, err, grievance.ErrFilingWindowClosed)
	_, err = e.svc.File(e.ctx, e.lateRightsClaim("   "))
	assert.ErrorIs(t, err, grievance.ErrFilingWindowClosed, "a blank claim is none")

	g, err := e.svc.File(e.ctx, e.lateRightsClaim("  كنت مبتعثاً  "))
	require.NoError(t, err)
	require.NotNil(t, g.Limitation)
	assert.Equal(t, "كنت مبتعثاً", g.Limitation.Claim)
	assert.True(t, g.Limitation.Pending())
	assert.True(t, g.FilingDue.Before(e.today()), "the period's last day is kept")

	timely := e.fx.FileCommand(e.today())
	timely.LateClaim = "لا حاجة"
	g, err = e.svc.File(e.ctx, timely)
	require.NoError(t, err)
	assert.Nil(t, g.Limitation, "a claim on a timely filing is ignored")

	decision := e.fx.FileCommand(e.today())
	decision.Decision.Date, decision.Decision.LearntOn = hijri.MustNew(e.today().Year-1, 1, 1), hijri.MustNew(e.today().Year-1, 1, 1)
	decision.LateClaim = "عذر"
	_, err = e.svc.File(e.ctx, decision)
	assert.ErrorIs(t, err, grievance.ErrFilingWindowClosed, "an administrative decision's period has no exceptions by default")

	future := e.lateRightsClaim("عذر")
	future.Decision.Date = hijri.MustNew(e.today().Year+1, 1, 1)
	_, err = e.svc.File(e.ctx, future)
	assert.Equal(t, fault.Invalid, fault.CodeOf(err), "a future date is still refused")

	ineligible := e.lateRightsClaim("عذر")
	ineligible.Eligibility = decide(identity.Facts{HasNafath: true, Permissions: []identity.MasarService{identity.Grievances}})
	_, err = e.svc.File(e.ctx, ineligible)
	assert.ErrorIs(t, err, grievance.ErrNotEligible, "a claim does not waive eligibility")

	long := e.lateRightsClaim(strings.Repeat("ع", 2001))
	_, err = e.svc.File(e.ctx, long)
	assert.ErrorIs(t, err, fault.ErrInvalidInput)
}

// The deciding body records the exception once, with a ground and
// reasons; until then only a rejection answers the grievance.
func TestRecordException(t *testing.T) {
	e := newEnv(t, nil)
	g := e.must(e.svc.File(e.ctx, e.lateRightsClaim("كنت مبتعثاً")))
	g = e.must(e.svc.StartReview(e.ctx, cmd(g, e.spec, "")))
	exc := func(g grievance.Grievance, a grievance.Actor, ground grievance.LimitationGround, reason string) grievance.ExceptionCommand {
		return grievance.ExceptionCommand{Command: cmd(g, a, ""), Ground: ground, Reason: reason}
	}

	_, err := e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(g, e.manager, ""), Outcome: grievance.OutcomeAccepted})
	assert.ErrorIs(t, err, grievance.ErrLimitationPending)
	_, err = e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(g, e.manager, ""), Outcome: grievance.OutcomePartiallyAccepted, Response: "جزئياً"})
	assert.ErrorIs(t, err, grievance.ErrLimitationPending)

	for name, c := range map[string]grievance.ExceptionCommand{
		"no ground":      exc(g, e.manager, "", "سبب"),
		"unknown ground": exc(g, e.manager, "whim", "سبب"),
		"no reason":      exc(g, e.manager, grievance.GroundExcuse, ""),
	} {
		_, err := e.svc.RecordException(e.ctx, c)
		assert.ErrorIs(t, err, fault.ErrInvalidInput, name)
	}
	_, err = e.svc.RecordException(e.ctx, exc(g, e.spec, grievance.GroundExcuse, "سبب"))
	assert.ErrorIs(t, err, grievance.ErrPermissionDenied, "a specialist does not decide")
	stored := e.must(e.svc.Get(e.ctx, g.ID))
	assert.Equal(t, g.Version, stored.Version, "refusals change nothing")

	out := e.must(e.svc.RecordException(e.ctx, exc(g, e.manager, grievance.GroundAdmitted, " أقرت الجهة بالحق بخطابها ")))
	assert.Equal(t, grievance.StatusUnderReview, out.Status)
	assert.Equal(t, grievance.Limitation{Claim: "كنت مبتعثاً", Ground: grievance.GroundAdmitted, Reason: "أقرت الجهة بالحق بخطابها",
		RecordedBy: e.manager, RecordedAt: out.UpdatedAt, RecordedOn: e.today()}, *out.Limitation)
	last := out.History[len(out.History)-1]
	assert.Equal(t, grievance.StatusChange{Action: grievance.ActionRecordException, From: grievance.StatusUnderReview,
		To: grievance.StatusUnderReview, Actor: e.manager, At: out.UpdatedAt, On: e.today(),
		Note: "أقرت الجهة بالحق بخطابها", Exception: grievance.GroundAdmitted}, last)

	_, err = e.svc.RecordException(e.ctx, exc(out, e.manager, grievance.GroundExcuse, "مرة أخرى"))
	assert.ErrorIs(t, err, grievance.ErrExceptionRefused)
	assert.Equal(t, "grievance.exception_recorded", fault.ReasonOf(err))
	e.must(e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(out, e.manager, ""), Outcome: grievance.OutcomeAccepted}))

	timely, _ := e.file()
	_, err = e.svc.RecordException(e.ctx, exc(timely, e.manager, grievance.GroundExcuse, "سبب"))
	assert.Equal(t, "grievance.not_late", fault.ReasonOf(err))

	// A rejection needs no exception: the claim is time-barred.
	barred := e.must(e.svc.File(e.ctx, e.lateRightsClaim("عذر")))
	barred = e.must(e.svc.StartReview(e.ctx, cmd(barred, e.spec, "")))
	e.must(e.svc.Answer(e.ctx, grievance.AnswerCommand{Command: cmd(barred, e.manager, ""), Outcome: grievance.OutcomeRejected,
		Response: "انقضت المدة النظامية دون عذر مقبول"}))
}
