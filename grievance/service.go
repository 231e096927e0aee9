package grievance

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/ids"
	"github.com/masarhr/masar-go/internal/validation"
	"github.com/masarhr/masar-go/page"
)

// Options configures a Service. Nil options, and zero fields, mean the defaults.
type Options struct {
	// Now returns the current instant; read once per operation. Default time.Now.
	Now func() time.Time
	// NewID returns a new grievance ID. Default: a random 128-bit ID as 32
	// lowercase hex digits.
	NewID func() string
	// Location is the time zone of the agencies' civil dates: the day an
	// instant falls on, for filing dates, deadlines and tracking-number
	// years. Default hijri.SaudiTime() (UTC+03:00).
	Location *time.Location
	// Calendar says which days are working days, for extending deadlines.
	// Default DefaultCalendar (Friday and Saturday off, no holidays): add the
	// announced holidays with Holidays.
	Calendar Calendar
	// Rules are the kinds that may be filed and their periods. Default
	// DefaultRules. The Service keeps a copy.
	Rules Rules
}

// Service files grievances and moves them through their states. It is safe
// for concurrent use.
type Service struct {
	store Store
	now   func() time.Time
	newID func() string
	loc   *time.Location
	cal   Calendar
	rules Rules
	v     *validation.Validator
}

// New returns a Service over store. Nil opts mean the defaults.
func New(store Store, opts *Options) *Service {
	if opts == nil {
		opts = &Options{}
	}
	s := &Service{store: store, now: opts.Now, newID: opts.NewID, loc: opts.Location,
		cal: opts.Calendar, v: validation.Default()}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = ids.New
	}
	if s.loc == nil {
		s.loc = hijri.SaudiTime()
	}
	if s.cal == nil {
		s.cal = DefaultCalendar()
	}
	if opts.Rules == nil {
		s.rules = DefaultRules()
	} else {
		s.rules = opts.Rules.clone()
	}
	return s
}

// Rules returns a copy of the rules the Service applies.
func (s *Service) Rules() Rules { return s.rules.clone() }

// Calendar returns the working-day calendar the Service applies.
func (s *Service) Calendar() Calendar { return s.cal }

// clock returns the operation's instant (UTC, microseconds) and its civil date.
func (s *Service) clock() (time.Time, hijri.Date, error) {
	now := s.now().UTC().Truncate(time.Microsecond)
	today, err := hijri.Today(now, s.loc)
	if err != nil {
		return time.Time{}, hijri.Date{}, fault.ErrInternal.Wrap(fmt.Errorf("grievance: the clock is outside the Hijri table: %w", err))
	}
	return now, today, nil
}

// FileCommand files a grievance.
type FileCommand struct {
	// Actor is the filer, acting in RoleFiler.
	Actor Actor `json:"actor"`
	// Eligibility is identity's eligibility decision on the filer for
	// identity.Grievances, as identity.Check (or the identity Service's
	// CheckEligibility) gave it under the host's policy. File takes it as
	// it is: it refuses unless the decision allows, listing each of its
	// reasons; a decision for another service, or the zero Decision,
	// refuses with reason grievance.eligibility_unchecked.
	Eligibility identity.Decision `json:"eligibility"`
	// Kind selects the rules; it must be a key of the Service's Rules.
	Kind Kind `json:"kind" validate:"required,max=64" ar:"نوع التظلم"`
	// Agency is the code of the agency the grievance is against.
	Agency string `json:"agency" validate:"required,max=64" ar:"الجهة المتظلم منها"`
	// Decision is the contested decision.
	Decision Decision `json:"decision" ar:"القرار المتظلم منه"`
	// Subject and SubSubject are the main and sub subject (Masar's lists).
	Subject    string `json:"subject" validate:"required,max=200" ar:"موضوع التظلم"`
	SubSubject string `json:"sub_subject" validate:"max=200" ar:"الموضوع الفرعي"`
	// Description says what is contested and why.
	Description string `json:"description" validate:"required,max=4000" ar:"وصف التظلم"`
	// Attachments are supporting documents' metadata, optional.
	Attachments []Attachment `json:"attachments" validate:"max=10,dive" ar:"المرفقات"`
	// LateClaim is the filer's claim of an exception to the filing period
	// (for a rights claim, BoG Procedure Law art 8(1): the defendant admits
	// the right, or an excuse), for a filing after the period of a kind
	// whose rules set LimitationExceptions. With it such a filing is
	// accepted with a pending Limitation; without it, or for another kind,
	// it is refused with ErrFilingWindowClosed. Ignored while the period is
	// open.
	LateClaim string `json:"late_claim,omitempty" validate:"max=2000" ar:"سبب التقديم بعد انقضاء المدة"`
}

// File files a grievance on behalf of cmd.Actor and returns it with its
// tracking number, in StatusSubmitted. The answer period starts on the day
// of filing (in Options.Location).
//
// Errors: ErrPermissionDenied unless the actor is in RoleFiler;
// fault.ErrInvalidInput listing every malformed or missing field (an
// unknown kind, an invalid or future date, a learnt-of date before the
// decision, a decision number the kind requires); else ErrNotEligible
// (cmd.Eligibility refuses; its Fields are the decision's reasons),
// ErrFilingWindowClosed or, when both fail, ErrFilingRefused, whose Fields
// list every failed condition; store errors. A filing after the period of
// a kind with LimitationExceptions is accepted when cmd.LateClaim states a
// claim of an exception: the grievance carries a pending Limitation.
func (s *Service) File(ctx context.Context, cmd FileCommand) (Grievance, error) {
	now, today, err := s.clock()
	if err != nil {
		return Grievance{}, err
	}
	to, err := Next("", ActionFile, cmd.Actor.Role)
	if err != nil {
		return Grievance{}, err
	}
	rules, err := s.validateFiling(cmd, today)
	if err != nil {
		return Grievance{}, err
	}
	filingDue, late, err := s.checkConditions(cmd, rules, today)
	if err != nil {
		return Grievance{}, err
	}
	var answerDue hijri.Date
	if !rules.Answer.IsZero() {
		if answerDue, err = rules.Answer.End(today, s.cal); err != nil {
			return Grievance{}, err
		}
	}
	g := s.newGrievance(cmd, to, now, today, filingDue, answerDue)
	if late {
		g.Limitation = &Limitation{Claim: strings.TrimSpace(cmd.LateClaim)}
	}
	out, err := s.store.CreateGrievance(ctx, g)
	if err != nil {
		return Grievance{}, fmt.Errorf("grievance: file: %w", err)
	}
	return out, nil
}

// checkConditions checks the filing conditions of a well-formed command,
// eligibility and the filing window, and returns the last day of the
// filing period and whether the filing is late under a claimed exception
// (see FileCommand.LateClaim). One refusal lists every failed condition:
// ErrNotEligible or ErrFilingWindowClosed when one kind fails,
// ErrFilingRefused with the eligibility reasons first when both do.
func (s *Service) checkConditions(cmd FileCommand, rules KindRules, today hijri.Date) (hijri.Date, bool, error) {
	refusals := eligibilityViolations(cmd.Eligibility)
	filingDue, werr := CheckFilingWindow(rules, cmd.Decision, today, s.cal)
	late := false
	if werr != nil && lateUnderClaim(rules, cmd, filingDue, today, werr) {
		werr, late = nil, true
	}
	if werr != nil {
		fe, ok := fault.As(werr)
		if !ok || !errors.Is(werr, ErrFilingWindowClosed) || len(refusals) == 0 {
			return hijri.Date{}, false, werr
		}
		return hijri.Date{}, false, ErrFilingRefused.WithFields(append(refusals, fe.Fields...)...)
	}
	if len(refusals) > 0 {
		return hijri.Date{}, false, refuse(ErrNotEligible, refusals...)
	}
	return filingDue, late, nil
}

// lateUnderClaim reports whether a filing the window refused with werr may
// go ahead as a late filing: the period has ended (not a future trigger),
// the kind's limitation has exceptions, and the filer claims one.
func lateUnderClaim(rules KindRules, cmd FileCommand, filingDue, today hijri.Date, werr error) bool {
	return rules.LimitationExceptions && strings.TrimSpace(cmd.LateClaim) != "" &&
		errors.Is(werr, ErrFilingWindowClosed) && !filingDue.IsZero() && today.After(filingDue)
}

// newGrievance returns the grievance cmd files, in status to, at now (on
// the civil date today), as File passes it to the Store.
func (s *Service) newGrievance(cmd FileCommand, to Status, now time.Time, today, filingDue, answerDue hijri.Date) Grievance {
	atts := cloneAttachments(cmd.Attachments)
	return Grievance{
		ID:             s.newID(),
		TrackingNumber: TrackingNumber{Year: today.Year},
		Kind:           cmd.Kind,
		Agency:         cmd.Agency,
		Filer:          cmd.Actor.NationalID,
		Decision:       cmd.Decision,
		Subject:        cmd.Subject,
		SubSubject:     cmd.SubSubject,
		Description:    cmd.Description,
		Attachments:    atts,
		Status:         to,
		FiledOn:        today,
		FilingDue:      filingDue,
		AnswerDue:      answerDue,
		FiledAt:        now,
		UpdatedAt:      now,
		History: []StatusChange{{
			Action: ActionFile, To: to, Actor: cmd.Actor, At: now, On: today,
			Attachments: cloneAttachments(atts),
		}},
	}
}

func cloneAttachments(a []Attachment) []Attachment {
	if len(a) == 0 {
		return nil
	}
	return append([]Attachment(nil), a...)
}

// validateFiling checks cmd's shape and returns its kind's rules.
func (s *Service) validateFiling(cmd FileCommand, today hijri.Date) (KindRules, error) {
	var fields []fault.FieldViolation
	if err := s.v.Struct(cmd); err != nil {
		fe, ok := fault.As(err)
		if !ok {
			return KindRules{}, err
		}
		fields = append(fields, fe.Fields...)
	}
	if cmd.Actor.NationalID.IsZero() {
		fields = append(fields, violation("actor.national_id", ReasonRequired,
			"the filer's national ID is required", "رقم هوية المتظلم مطلوب"))
	}
	rules, known := s.rules[cmd.Kind]
	if !known && cmd.Kind != "" {
		fields = append(fields, violation("kind", ReasonUnknownKind,
			"this kind of grievance is not offered", "نوع التظلم هذا غير متاح"))
	}
	d := cmd.Decision
	fields = append(fields, dateViolations("decision.date", d.Date, today)...)
	fields = append(fields, dateViolations("decision.learnt_on", d.LearntOn, today)...)
	if d.Date.IsValid() && d.LearntOn.IsValid() && d.LearntOn.Before(d.Date) {
		fields = append(fields, violation("decision.learnt_on", ReasonLearntBefore,
			"the date you learnt of the decision is before the decision's date",
			"تاريخ العلم بالقرار يسبق تاريخ القرار"))
	}
	if known && rules.RequireDecisionNumber && d.Number == "" {
		fields = append(fields, violation("decision.number", ReasonRequired,
			"the decision's number is required", "رقم القرار مطلوب"))
	}
	if len(fields) > 0 {
		return KindRules{}, fault.ErrInvalidInput.WithFields(fields...)
	}
	return rules, nil
}

// dateViolations checks a non-zero civil date: it exists and is not after today.
func dateViolations(field string, d, today hijri.Date) []fault.FieldViolation {
	switch {
	case d.IsZero():
		return nil
	case !d.IsValid():
		return []fault.FieldViolation{violation(field, ReasonInvalidDate,
			"the date "+d.String()+" does not exist in the Umm al-Qura calendar",
			"التاريخ "+d.String()+" غير موجود في تقويم أم القرى")}
	case d.After(today):
		return []fault.FieldViolation{violation(field, ReasonFutureDate,
			"the date "+d.String()+" AH is in the future", "التاريخ "+d.String()+" هـ لم يحل بعد")}
	}
	return nil
}

// Command names a grievance, the version the actor saw, the actor and a note.
type Command struct {
	// ID is the grievance's ID.
	ID string `json:"id" validate:"required,max=64" ar:"معرف التظلم"`
	// Version, when not 0, must equal the stored version (else ErrConflict):
	// the action applies to the grievance as the actor saw it.
	Version int64 `json:"version" validate:"gte=0" ar:"الإصدار"`
	// Actor takes the action.
	Actor Actor `json:"actor"`
	// Note is recorded in the history; required where the action says so.
	Note string `json:"note" validate:"max=4000" ar:"الملاحظة"`
}

// AnswerCommand answers a grievance under review.
type AnswerCommand struct {
	Command
	// Outcome is accepted, partially_accepted or rejected.
	Outcome Outcome `json:"outcome" validate:"required,oneof=accepted partially_accepted rejected" ar:"نتيجة التظلم"`
	// Response is the agency's answer; required, with the reasons, for a
	// rejection or a partial acceptance.
	Response string `json:"response" validate:"max=8000" ar:"الإفادة"`
}

// ProvideInfoCommand answers a request for information.
type ProvideInfoCommand struct {
	Command
	// Attachments are further supporting documents' metadata.
	Attachments []Attachment `json:"attachments" validate:"max=10,dive" ar:"المرفقات"`
}

// EscalateCommand escalates an adverse outcome.
type EscalateCommand struct {
	Command
	// Route is where the grievance goes; it must be open to its kind.
	Route Route `json:"route" validate:"required,oneof=court ministry" ar:"جهة التصعيد"`
}

// StartReview takes a submitted grievance up for review (by agency staff, or
// a committee member for a committee kind).
//
// Errors (every transition): fault.ErrInvalidInput for a malformed
// command; ErrNotFound; ErrConflict on a stale cmd.Version or a concurrent
// change; ErrInvalidTransition from another status; ErrPermissionDenied for a
// role the transition table does not list, a filer acting on someone else's
// grievance, staff of another agency, staff acting on their own grievance, or
// a committee member on a kind without a committee; ErrAnswerDeadlinePassed
// when the answer period of a deemed-rejection kind has ended.
func (s *Service) StartReview(ctx context.Context, cmd Command) (Grievance, error) {
	return s.act(ctx, ActionStartReview, cmd, cmd, nil)
}

// ReturnForInfo asks the filer for more information; cmd.Note, which says
// what is needed, is required. The answer period keeps running. Errors: as
// StartReview.
func (s *Service) ReturnForInfo(ctx context.Context, cmd Command) (Grievance, error) {
	return s.act(ctx, ActionReturnForInfo, cmd, cmd, func(_ *Grievance, _ KindRules, _ hijri.Date) error {
		if cmd.Note == "" {
			return fault.ErrInvalidInput.WithFields(violation("note", ReasonRequired,
				"say what information is needed", "حدد البيانات المطلوب استكمالها"))
		}
		return nil
	})
}

// ProvideInfo returns a grievance to review with the filer's information:
// a note, further attachments, or both. Errors: as StartReview.
func (s *Service) ProvideInfo(ctx context.Context, cmd ProvideInfoCommand) (Grievance, error) {
	var added []Attachment
	g, err := s.act(ctx, ActionProvideInfo, cmd, cmd.Command, func(g *Grievance, _ KindRules, _ hijri.Date) error {
		if cmd.Note == "" && len(cmd.Attachments) == 0 {
			return fault.ErrInvalidInput.WithFields(violation("note", ReasonRequired,
				"provide the information asked for, as a note or attachments",
				"أرفق البيانات المطلوبة كملاحظة أو مرفقات"))
		}
		added = cloneAttachments(cmd.Attachments)
		g.Attachments = append(g.Attachments, added...)
		return nil
	}, func(c *StatusChange) { c.Attachments = cloneAttachments(added) })
	return g, err
}

// Answer records the agency's answer. A rejection or partial acceptance
// needs cmd.Response with its reasons, and opens the escalation period
// (from the day of the answer). A late filing whose exception is not
// recorded (Limitation.Pending) may only be rejected. Errors: as
// StartReview, and ErrLimitationPending.
func (s *Service) Answer(ctx context.Context, cmd AnswerCommand) (Grievance, error) {
	return s.act(ctx, ActionAnswer, cmd, cmd.Command, func(g *Grievance, k KindRules, today hijri.Date) error {
		if (cmd.Outcome == OutcomeRejected || cmd.Outcome == OutcomePartiallyAccepted) && cmd.Response == "" {
			return fault.ErrInvalidInput.WithFields(violation("response", ReasonReasonsRequired,
				"a rejection must state its reasons", "يجب أن يكون رفض التظلم مسبباً"))
		}
		if g.Limitation.Pending() && cmd.Outcome != OutcomeRejected {
			return ErrLimitationPending
		}
		g.Outcome, g.Response = cmd.Outcome, cmd.Response
		if cmd.Outcome.IsAdverse() {
			due, err := escalationDue(k, today, g.FilingDue, s.cal)
			if err != nil {
				return err
			}
			g.EscalationDue = due
		}
		return nil
	}, func(c *StatusChange) {
		c.Outcome = cmd.Outcome
		if c.Note == "" {
			c.Note = cmd.Response
		}
	})
}

// ExceptionCommand records an exception to the filing period on a late
// filing.
type ExceptionCommand struct {
	Command
	// Ground is the exception's ground under BoG Procedure Law art 8(1).
	Ground LimitationGround `json:"ground" validate:"required,oneof=admitted excuse" ar:"سبب الاستثناء"`
	// Reason gives the deciding body's reasons: what the defendant admitted,
	// or which excuse was accepted and on what evidence. Required.
	Reason string `json:"reason" validate:"required,max=4000" ar:"أسباب قبول الاستثناء"`
}

// RecordException records, on a grievance filed after its filing period
// under a claimed exception (Grievance.Limitation pending), the exception
// the deciding body accepts (the agency's HR manager, or a committee
// member for a committee kind): its ground and reasons, who recorded it and
// when, in the Limitation and in the history (ActionRecordException, the
// status unchanged, cmd.Reason as the note). The grievance may then be
// answered on its merits. Errors: as StartReview, and ErrExceptionRefused
// when the grievance was filed in time (grievance.not_late) or already has
// its exception (grievance.exception_recorded).
func (s *Service) RecordException(ctx context.Context, cmd ExceptionCommand) (Grievance, error) {
	var lim *Limitation
	return s.act(ctx, ActionRecordException, cmd, cmd.Command, func(g *Grievance, _ KindRules, today hijri.Date) error {
		switch {
		case g.Limitation == nil:
			return ErrExceptionRefused.Because("grievance.not_late",
				"this grievance was filed within its period and needs no exception",
				"قدم هذا التظلم خلال المدة النظامية ولا يحتاج إلى استثناء")
		case !g.Limitation.Pending():
			return ErrExceptionRefused.Because("grievance.exception_recorded",
				"an exception is already recorded on this grievance", "سبق تسجيل الاستثناء على هذا التظلم")
		}
		lim = g.Limitation
		lim.Ground, lim.Reason = cmd.Ground, strings.TrimSpace(cmd.Reason)
		lim.RecordedBy, lim.RecordedOn = cmd.Actor, today
		return nil
	}, func(c *StatusChange) {
		c.Exception, c.Note = cmd.Ground, lim.Reason
		lim.RecordedAt = c.At // the operation's instant, read once
	})
}

// Close closes an answered or deemed-rejected grievance; the reopen period
// starts the day after. Errors: as StartReview.
func (s *Service) Close(ctx context.Context, cmd Command) (Grievance, error) {
	return s.act(ctx, ActionClose, cmd, cmd, func(g *Grievance, _ KindRules, today hijri.Date) error {
		g.ClosedOn = today
		return nil
	})
}

// Withdraw withdraws a grievance before it is answered; only its filer may.
// Errors: as StartReview.
func (s *Service) Withdraw(ctx context.Context, cmd Command) (Grievance, error) {
	return s.act(ctx, ActionWithdraw, cmd, cmd, nil)
}

// Escalate records that an adverse outcome (a rejection, a partial
// acceptance, a deemed rejection) was taken to cmd.Route, within the
// escalation period. Errors: as StartReview, and ErrEscalationRefused when
// the outcome is not adverse, the route is not open to the kind, or the
// period has ended.
func (s *Service) Escalate(ctx context.Context, cmd EscalateCommand) (Grievance, error) {
	return s.act(ctx, ActionEscalate, cmd, cmd.Command, func(g *Grievance, k KindRules, today hijri.Date) error {
		switch {
		case !g.Outcome.IsAdverse():
			return ErrEscalationRefused.Because("grievance.outcome_not_adverse",
				"only a rejected, partially accepted or deemed-rejected grievance can be escalated",
				"لا يصعد إلا التظلم المرفوض أو المقبول جزئياً أو المرفوض حكماً")
		case !k.allowsRoute(cmd.Route):
			return ErrEscalationRefused.Because("grievance.route_not_allowed",
				"this kind of grievance cannot be escalated by the route "+string(cmd.Route),
				"لا يمكن تصعيد هذا النوع من التظلمات إلى هذه الجهة")
		case g.EscalationDue.IsZero() || today.After(g.EscalationDue):
			return ErrEscalationRefused.Because("grievance.escalation_window_closed",
				"the period for escalating ended on "+g.EscalationDue.String()+" AH",
				"انتهت مدة التصعيد في "+g.EscalationDue.String()+" هـ")
		}
		g.Route = cmd.Route
		return nil
	}, func(c *StatusChange) { c.Route = cmd.Route })
}

// Reopen reopens a closed grievance when its filer contests the closure
// within the kind's reopen period and the kind's reopen limit is not
// reached; cmd.Note, the filer's reasons, is required. The grievance goes
// back to review, its outcome is cleared (the history keeps it) and the
// answer period restarts from the day of reopening [INF]. Errors: as
// StartReview, and ErrReopenRefused.
func (s *Service) Reopen(ctx context.Context, cmd Command) (Grievance, error) {
	return s.act(ctx, ActionReopen, cmd, cmd, func(g *Grievance, k KindRules, today hijri.Date) error {
		if cmd.Note == "" {
			return fault.ErrInvalidInput.WithFields(violation("note", ReasonRequired,
				"say why you contest the closure", "اذكر سبب الاعتراض على الإغلاق"))
		}
		if k.Reopen.IsZero() || g.Reopens >= k.MaxReopens {
			return ErrReopenRefused.Because("grievance.reopen_limit",
				"this grievance cannot be reopened again", "لا يمكن إعادة فتح هذا التظلم مرة أخرى")
		}
		last, err := k.Reopen.End(g.ClosedOn, s.cal)
		if err != nil {
			return err
		}
		if today.After(last) {
			return ErrReopenRefused.Because("grievance.reopen_window_closed",
				"the period for contesting the closure ended on "+last.String()+" AH",
				"انتهت مدة الاعتراض على الإغلاق في "+last.String()+" هـ")
		}
		g.Reopens++
		g.Outcome, g.Response, g.Route = "", "", ""
		g.EscalationDue, g.ClosedOn = hijri.Date{}, hijri.Date{}
		g.AnswerDue = hijri.Date{}
		if !k.Answer.IsZero() {
			if g.AnswerDue, err = k.Answer.End(today, s.cal); err != nil {
				return err
			}
		}
		return nil
	})
}

// escalationDue returns the last day to escalate an adverse outcome of a
// kind with rules k whose trigger (rejection, or last day of the answer
// period) is on the given day; zero when the kind offers no escalation.
func escalationDue(k KindRules, trigger, filingDue hijri.Date, cal Calendar) (hijri.Date, error) {
	if k.Escalation.IsZero() {
		return hijri.Date{}, nil
	}
	due, err := k.Escalation.End(trigger, cal)
	if err != nil {
		return hijri.Date{}, err
	}
	if k.EscalationAtLeastFiling && filingDue.After(due) {
		due = filingDue
	}
	return due, nil
}

// act runs one transition: load, check, mutate, record, compare-and-swap.
// in is the whole command, for validation.
func (s *Service) act(ctx context.Context, a Action, in any, cmd Command,
	mutate func(g *Grievance, k KindRules, today hijri.Date) error, record ...func(*StatusChange)) (Grievance, error) {
	now, today, err := s.clock()
	if err != nil {
		return Grievance{}, err
	}
	if err := s.validate(in); err != nil {
		return Grievance{}, err
	}
	g, err := s.store.GetGrievance(ctx, cmd.ID)
	if err != nil {
		return Grievance{}, fmt.Errorf("grievance: %s: %w", a, err)
	}
	if cmd.Version != 0 && cmd.Version != g.Version {
		return Grievance{}, ErrConflict
	}
	k, to, err := s.check(g, a, cmd.Actor, today)
	if err != nil {
		return Grievance{}, err
	}
	from := g.Status
	if mutate != nil {
		if err := mutate(&g, k, today); err != nil {
			return Grievance{}, err
		}
	}
	g.Status, g.UpdatedAt = to, now
	c := StatusChange{Action: a, From: from, To: to, Actor: cmd.Actor, At: now, On: today, Note: cmd.Note}
	for _, r := range record {
		r(&c)
	}
	g.History = append(g.History, c)
	out, err := s.store.UpdateGrievance(ctx, g)
	if err != nil {
		return Grievance{}, fmt.Errorf("grievance: %s: %w", a, err)
	}
	return out, nil
}

// validate validates a command. The fields of an embedded Command are
// reported by their JSON names ("id", not "Command.id"), as encoding/json
// inlines them.
func (s *Service) validate(in any) error {
	err := s.v.Struct(in)
	if fe, ok := fault.As(err); ok {
		for i := range fe.Fields {
			fe.Fields[i].Field = strings.TrimPrefix(fe.Fields[i].Field, "Command.")
		}
	}
	return err
}

// check applies the transition table and the actor and time guards, and
// returns the kind's rules and the target status.
func (s *Service) check(g Grievance, a Action, actor Actor, today hijri.Date) (KindRules, Status, error) {
	to, err := Next(g.Status, a, actor.Role)
	if err != nil {
		return KindRules{}, "", err
	}
	k, ok := s.rules[g.Kind]
	if !ok {
		return KindRules{}, "", ErrInvalidTransition.Because("grievance.kind_not_configured",
			"this kind of grievance is no longer configured", "نوع التظلم هذا لم يعد مهيأً")
	}
	if err := authorize(g, k, actor); err != nil {
		return KindRules{}, "", err
	}
	if g.Status.IsOpen() && a != ActionDeemReject && overdue(g, k, today) {
		return KindRules{}, "", ErrAnswerDeadlinePassed
	}
	return k, to, nil
}

// overdue reports whether g's answer period, under a deemed-rejection kind,
// ended before today.
func overdue(g Grievance, k KindRules, today hijri.Date) bool {
	return k.DeemedRejection && !g.AnswerDue.IsZero() && today.After(g.AnswerDue)
}

// authorize checks that the actor acts within their scope on g.
func authorize(g Grievance, k KindRules, actor Actor) error {
	switch {
	case actor.Role == RoleSystem:
		return nil
	case actor.NationalID.IsZero():
		return ErrPermissionDenied.Because("grievance.actor_unknown",
			"the actor's national ID is required", "يلزم رقم هوية منفذ الإجراء")
	case actor.Role == RoleFiler:
		if actor.NationalID != g.Filer {
			return ErrPermissionDenied.Because("grievance.not_filer",
				"only the filer may do this", "هذا الإجراء متاح لمقدم التظلم فقط")
		}
	case actor.Role.isStaff():
		switch {
		case actor.Agency != g.Agency:
			return ErrPermissionDenied.Because("grievance.other_agency",
				"the grievance is against another agency", "التظلم مقدم ضد جهة أخرى")
		case actor.NationalID == g.Filer:
			return ErrPermissionDenied.Because("grievance.own_grievance",
				"you may not act as staff on your own grievance", "لا يجوز لك معالجة تظلمك بصفتك موظفاً في الجهة")
		case actor.Role == RoleCommitteeMember && !k.Committee:
			return ErrPermissionDenied.Because("grievance.committee_kind_only",
				"committee members act only on grievances decided by a committee",
				"يختص أعضاء اللجنة بالتظلمات التي تنظرها اللجنة فقط")
		}
	default:
		return ErrPermissionDenied.Because("grievance.role_not_allowed",
			"unknown role "+string(actor.Role), "دور غير معروف")
	}
	return nil
}

// Get returns the grievance with the given ID. Authorizing the read is the
// caller's (the facade's) job. Errors: fault.ErrInvalidInput (field "id") for
// an ID no store could hold (a NUL byte, invalid UTF-8 or over 200 bytes);
// ErrNotFound; store errors.
func (s *Service) Get(ctx context.Context, id string) (Grievance, error) {
	if err := validation.ID("id", id); err != nil {
		return Grievance{}, err
	}
	g, err := s.store.GetGrievance(ctx, id)
	if err != nil {
		return Grievance{}, fmt.Errorf("grievance: get: %w", err)
	}
	return g, nil
}

// GetByTrackingNumber returns the grievance with the tracking number text tn
// (any form ParseTrackingNumber accepts); numbers are unique nationally.
// Authorizing the read is the caller's (the facade's) job. Errors:
// fault.ErrInvalidInput (field "tracking_number") for text no store could
// hold (a NUL byte, invalid UTF-8 or over 200 bytes);
// ErrInvalidTrackingNumber for any other text that is not a tracking number;
// ErrNotFound; store errors.
func (s *Service) GetByTrackingNumber(ctx context.Context, tn string) (Grievance, error) {
	if err := validation.ID("tracking_number", tn); err != nil {
		return Grievance{}, err
	}
	n, err := ParseTrackingNumber(tn)
	if err != nil {
		return Grievance{}, err
	}
	g, err := s.store.GetGrievanceByTrackingNumber(ctx, n)
	if err != nil {
		return Grievance{}, fmt.Errorf("grievance: get %s: %w", n, err)
	}
	return g, nil
}

// List returns a page of the grievances matching f, in the Store's order
// (FiledAt, then ID). f.Limit is the page size: 0 means page.DefaultLimit,
// more than page.MaxLimit means page.MaxLimit. Page on with f.After set to
// the previous page's Next (the ID of its last grievance). Authorizing the
// read is the caller's job.
//
// Errors: fault.ErrInvalidInput, with the field, for a string of f (After,
// Agency, a kind or status) no store could hold (a NUL byte, invalid UTF-8 or
// over 200 bytes); ErrNotFound (ErrCursorNotFound) if f.After names no
// grievance; store errors.
func (s *Service) List(ctx context.Context, f Filter) (page.Page[Grievance], error) {
	if err := f.check(); err != nil {
		return page.Page[Grievance]{}, err
	}
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	gs, err := s.store.ListGrievances(ctx, f)
	if err != nil {
		return page.Page[Grievance]{}, fmt.Errorf("grievance: list: %w", err)
	}
	return page.New(gs, limit, cursor), nil
}

// check refuses, as validation.ID does, a string of f that no store could
// hold alike, so that every Store answers the same invalid.
func (f *Filter) check() error {
	if err := validation.ID("after", f.After); err != nil {
		return err
	}
	if err := validation.ID("agency", f.Agency); err != nil {
		return err
	}
	for i, k := range f.Kinds {
		if err := validation.ID("kinds["+strconv.Itoa(i)+"]", string(k)); err != nil {
			return err
		}
	}
	for i, st := range f.Statuses {
		if err := validation.ID("statuses["+strconv.Itoa(i)+"]", string(st)); err != nil {
			return err
		}
	}
	return nil
}

// cursor returns g's paging cursor, for Filter.After: its ID.
func cursor(g Grievance) string { return g.ID }

// SweepResult reports what a Sweep did.
type SweepResult struct {
	// Examined counts the overdue candidates read.
	Examined int `json:"examined"`
	// DeemedRejected counts the grievances this run marked deemed rejected.
	DeemedRejected int `json:"deemed_rejected"`
	// Skipped counts candidates that changed concurrently (for example were
	// answered) and no longer needed marking.
	Skipped int `json:"skipped"`
	// Deemed are the grievances this run marked, as stored.
	Deemed []Grievance `json:"deemed,omitempty"`
}

// sweepBatch is the page size of Sweep's reads.
const sweepBatch = 200

// Sweep marks deemed rejected every open grievance of a deemed-rejection
// kind whose answer period ended before asOf's civil date (in
// Options.Location), recording RoleSystem as the actor and opening the
// escalation period from the last day of the answer period. It is
// idempotent: a second run with the same asOf changes nothing. Each
// grievance is updated with compare-and-swap, so a concurrent answer either
// lands first (and the grievance is skipped) or fails with ErrConflict. Run
// it daily, e.g. just after midnight Saudi time.
//
// Errors: ctx's error or a store error, with the counts reached so far.
func (s *Service) Sweep(ctx context.Context, asOf time.Time) (SweepResult, error) {
	var res SweepResult
	now, on, err := s.clock()
	if err != nil {
		return res, err
	}
	today, err := hijri.Today(asOf, s.loc)
	if err != nil {
		return res, err
	}
	var kinds []Kind
	for k, r := range s.rules {
		if r.DeemedRejection && !r.Answer.IsZero() {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) == 0 {
		return res, nil
	}
	f := Filter{Kinds: kinds, Statuses: OpenStatuses(), AnswerDueBefore: today, Limit: sweepBatch}
	for {
		batch, err := s.store.ListGrievances(ctx, f)
		if err != nil {
			return res, fmt.Errorf("grievance: sweep: %w", err)
		}
		for _, g := range batch {
			res.Examined++
			marked, done, err := s.deemReject(ctx, g, now, on, today)
			if err != nil {
				return res, err
			}
			if done {
				res.DeemedRejected++
				res.Deemed = append(res.Deemed, marked)
			} else {
				res.Skipped++
			}
		}
		if len(batch) < sweepBatch {
			return res, nil
		}
		f.After = cursor(batch[len(batch)-1])
	}
}

// deemReject marks g deemed rejected if it is overdue on asOf, re-reading it
// once if it changed concurrently. now and on are the operation's instant
// and civil date.
func (s *Service) deemReject(ctx context.Context, g Grievance, now time.Time, on, asOf hijri.Date) (Grievance, bool, error) {
	for attempt := 0; ; attempt++ {
		k, to, err := s.check(g, ActionDeemReject, SystemActor(), asOf)
		if err != nil || !overdue(g, k, asOf) {
			return Grievance{}, false, nil // no longer open (answered, withdrawn …) or not due
		}
		due, err := escalationDue(k, g.AnswerDue, g.FilingDue, s.cal)
		if err != nil {
			return Grievance{}, false, err
		}
		from := g.Status
		g.Status, g.UpdatedAt = to, now
		g.Outcome, g.Response, g.EscalationDue = OutcomeDeemedRejected, "", due
		g.History = append(g.History, StatusChange{Action: ActionDeemReject, From: from, To: to,
			Actor: SystemActor(), At: now, On: on, Outcome: OutcomeDeemedRejected})
		stored, err := s.store.UpdateGrievance(ctx, g)
		switch {
		case err == nil:
			return stored, true, nil
		case errors.Is(err, ErrConflict) && attempt == 0:
			if g, err = s.store.GetGrievance(ctx, g.ID); err != nil {
				return Grievance{}, false, fmt.Errorf("grievance: sweep: %w", err)
			}
		case errors.Is(err, ErrConflict), errors.Is(err, ErrNotFound):
			return Grievance{}, false, nil
		default:
			return Grievance{}, false, fmt.Errorf("grievance: sweep: %w", err)
		}
	}
}
