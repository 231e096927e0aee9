package separation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/ids"
	"github.com/masarhr/masar-go/internal/validation"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/txn"
)

// LeaveBalances is the port to the leave ledger the settlement reads: the
// annual-leave balance of a file on a day, and the part of it accrued
// before the settlement cut-off (Reg 133). The facade adapts
// leave.Service to it.
type LeaveBalances interface {
	Balance(ctx context.Context, employeeID string, asOf hijri.Date) (days, grandfathered int, err error)
}

// Options configures a Service. The zero value (or nil) gives the defaults.
type Options struct {
	// Now returns the current time (default time.Now); it is read once per operation.
	Now func() time.Time
	// NewID returns a new unique ID (default: 128 random bits as 32 hex digits).
	NewID func() string
	// Location is the zone whose civil date is "today" (default hijri.SaudiTime()).
	Location *time.Location
	// Rules are the causes' timers, the retirement and the settlement rules
	// (default DefaultRules()).
	Rules *Rules
	// Scale is the salary scale the last basic salary is read from when a
	// case does not give it (default promotion.GeneralScale()).
	Scale *promotion.Scale
	// Balances is the leave ledger. When nil, or when a case's
	// Entitlements.LeaveBalance is set, the case's entitlements are the
	// settlement's input (a balance not given counts as 0).
	Balances LeaveBalances
}

// Service is the end-of-service use cases: cases for every cause of Reg
// 210 and their timers, retirement dates and the forecast, the settlement,
// the pensionable-service statement and the handover package. It keeps
// its cases and retirements in a Store and writes the end of service into
// the employee's records history through recs; the Store and recs's store
// must share transactions (one adapter, as memstore and sqlstore are) for
// an ending to be atomic: when the Store is a transactor (InTx), every
// write runs in one transaction, joining the caller's. A Service is safe
// for concurrent use.
type Service struct {
	store    Store
	recs     *records.Service
	recRules records.Rules
	now      func() time.Time
	newID    func() string
	loc      *time.Location
	rules    Rules
	scale    *promotion.Scale
	balances LeaveBalances
	v        *validation.Validator
}

// New returns a Service over store, writing history through recs
// (required). nil opts means defaults.
func New(store Store, recs *records.Service, opts *Options) *Service {
	if opts == nil {
		opts = &Options{}
	}
	s := &Service{store: store, recs: recs, now: opts.Now, newID: opts.NewID, loc: opts.Location, rules: DefaultRules(),
		scale: opts.Scale, balances: opts.Balances, v: validation.Default(), recRules: records.DefaultRules()}
	if recs != nil {
		s.recRules = recs.Rules()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = ids.New
	}
	if s.loc == nil {
		s.loc = hijri.SaudiTime()
	}
	if opts.Rules != nil {
		s.rules = opts.Rules.Clone()
	}
	if s.scale == nil {
		s.scale = promotion.GeneralScale()
	}
	return s
}

// Rules returns a copy of the rules the Service applies.
func (s *Service) Rules() Rules { return s.rules.Clone() }

// clock returns the operation's instant (UTC, microseconds) and its civil date.
func (s *Service) clock() (time.Time, hijri.Date, error) {
	now := s.now().UTC().Truncate(time.Microsecond)
	today, err := hijri.Today(now, s.loc)
	if err != nil {
		return time.Time{}, hijri.Date{}, fault.ErrInternal.Wrap(fmt.Errorf("separation: the clock is outside the Hijri table: %w", err))
	}
	return now, today, nil
}

// inTx runs fn in one transaction of the Store when it has them.
func (s *Service) inTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return txn.Within(ctx, s.store, fn)
}

// load reads an employee's file and history.
func (s *Service) load(ctx context.Context, employeeID string) (File, error) {
	e, err := s.recs.GetEmployee(ctx, employeeID)
	if err != nil {
		return File{}, err
	}
	h, err := s.recs.ListHistory(ctx, e.ID)
	if err != nil {
		return File{}, err
	}
	return File{Employee: e, History: h, Records: &s.recRules}, nil
}

func invalid(field, en, ar string) error {
	return fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: field, Reason: "invalid", Message: i18n.Text{EN: en, AR: ar}})
}

// OpenInput opens a case.
type OpenInput struct {
	EmployeeID string `json:"employee_id" validate:"required,max=200" ar:"معرف الملف"`
	Cause      Cause  `json:"cause" validate:"required,max=64" ar:"سبب انتهاء الخدمة"`
	// Role is the opener's role: RoleEmployee for the employee's own
	// resignation or early retirement (By must be the employee), RoleHR
	// for the agency's causes, RoleSystem (or RoleHR) for the statutory age.
	Role Role                `json:"role" validate:"required,max=16" ar:"الدور"`
	By   identity.NationalID `json:"by" ar:"مقدم الطلب"`
	// Filed is the day the request or proceeding was received (Reg 214);
	// zero: today. It may not be after today.
	Filed hijri.Date `json:"filed,omitzero" validate:"omitempty,hijri_date" ar:"تاريخ التقديم"`
	// Requested is the leaving date asked for (zero: none stated).
	Requested    hijri.Date         `json:"requested,omitzero" validate:"omitempty,hijri_date" ar:"تاريخ ترك العمل المطلوب"`
	Grounds      Grounds            `json:"grounds" ar:"الأسباب"`
	Entitlements Entitlements       `json:"entitlements,omitzero" ar:"المستحقات"`
	Note         string             `json:"note,omitempty" validate:"max=1000" ar:"ملاحظات"`
	Documents    []records.Document `json:"documents,omitempty" validate:"max=10,dive" ar:"المستندات"`
	// Authorize, if set, sees the case to be opened and the file before
	// anything is checked or written.
	Authorize func(c Case, e records.Employee) error `json:"-" validate:"-"`
}

// Open opens a case for its cause after checking who opens it and the
// cause's grounds, bars and thresholds (see the package doc). A cause by
// force of law (Cause.ByForceOfLaw, and a medical incapacity with its
// notification) is accepted at once with its LastDay, and ended at once
// when that day is not after today: a death is always ended at once.
//
// Errors: fault.ErrInvalidInput; ErrUnknownCause; ErrNotPermitted;
// ErrNotInService; ErrBarred; ErrExcuseWindow; ErrRefused with every
// reason; ErrCaseOpen (the employee has an open case);
// records.ErrEmployeeNotFound; records errors of the end of service.
func (s *Service) Open(ctx context.Context, in OpenInput) (Case, error) {
	if err := s.v.Struct(in); err != nil {
		return Case{}, err
	}
	if !in.Cause.Valid() {
		return Case{}, ErrUnknownCause
	}
	if !in.Role.Valid() {
		return Case{}, invalid("role", "unknown role", "دور غير معروف")
	}
	now, today, err := s.clock()
	if err != nil {
		return Case{}, err
	}
	filed := in.Filed
	if filed.IsZero() {
		filed = today
	}
	if filed.After(today) {
		return Case{}, invalid("filed", "the filing day is after today", "تاريخ التقديم بعد اليوم")
	}
	var out Case
	err = s.inTx(ctx, func(ctx context.Context) error {
		f, err := s.load(ctx, in.EmployeeID)
		if err != nil {
			return err
		}
		c := Case{ID: s.newID(), EmployeeID: f.Employee.ID, NationalID: f.Employee.NationalID, AgencyID: f.Employee.Job.Agency.ID,
			Cause: in.Cause, State: Submitted, Filed: filed, Requested: in.Requested, Grounds: in.Grounds.Clone(),
			Entitlements: in.Entitlements, Note: in.Note, Documents: slices.Clone(in.Documents), OpenedBy: in.By,
			CreatedAt: now, UpdatedAt: now}
		if in.Authorize != nil {
			if err := in.Authorize(c.Clone(), f.Employee); err != nil {
				return err
			}
		}
		if in.Role == RoleEmployee && in.By != f.Employee.NationalID {
			return ErrNotPermitted
		}
		if in.Cause == CauseStatutoryAge {
			if f.Retirement, err = s.retirement(ctx, &f, now); err != nil {
				return err
			}
		}
		if err := s.rules.CheckOpen(&c, &f, in.Role, today); err != nil {
			return err
		}
		if last, ok := s.rules.OpenLastDay(&c, &f); ok {
			c.State, c.LastDay, c.DecidedBy = Accepted, last, in.By
			c.Decision = records.Decision{Number: c.Grounds.Reference, Date: today}
		}
		created, err := s.store.CreateCase(ctx, c)
		if err != nil {
			return err
		}
		if created.State == Accepted && !created.LastDay.After(today) {
			if err := s.end(ctx, &created, &f, now); err != nil {
				return err
			}
			created, err = s.store.UpdateCase(ctx, created)
			if err != nil {
				return err
			}
		}
		out = created
		return nil
	})
	return out, err
}

// AcceptInput is HR's acceptance of a case.
type AcceptInput struct {
	ID string `json:"id" validate:"required,max=200" ar:"معرف الطلب"`
	// Version is the case's version as read.
	Version int64               `json:"version" validate:"min=1" ar:"الإصدار"`
	By      identity.NationalID `json:"by" ar:"متخذ القرار"`
	// Decision is the acceptance decision (its Date defaults to today).
	Decision records.Decision `json:"decision,omitzero" ar:"القرار"`
	// Approval is the minister's decision where one is needed (ranks 14/15
	// early retirement, Reg 219).
	Approval string `json:"approval,omitempty" validate:"max=100" ar:"موافقة الوزير"`
	// NotifiedOn is the day the agency was notified of a medical
	// incapacity decision (when the case does not have it yet).
	NotifiedOn hijri.Date `json:"notified_on,omitzero" validate:"omitempty,hijri_date" ar:"تاريخ الإبلاغ"`
	// Authorize, if set, sees the case and its file before anything is
	// checked or written.
	Authorize func(c Case, e records.Employee) error `json:"-" validate:"-"`
}

// Accept accepts a submitted or postponed case and sets its LastDay (see
// Rules.AcceptLastDay); the end of service is written at once when LastDay
// is not after today, otherwise by Sweep on that day.
//
// Errors: fault.ErrInvalidInput; ErrNotFound; ErrConflict (stale
// version); ErrWrongState; ErrBarred; ErrExcuseWindow;
// ErrApprovalRequired; ErrRefused; ErrNotInService; records errors.
func (s *Service) Accept(ctx context.Context, in AcceptInput) (Case, error) {
	if err := s.v.Struct(in); err != nil {
		return Case{}, err
	}
	return s.decide(ctx, in.ID, in.Version, in.By, in.Authorize, func(c *Case, f *File, today hijri.Date) error {
		last, err := s.rules.AcceptLastDay(c, f, today, in.NotifiedOn, in.Approval)
		if err != nil {
			return err
		}
		c.State, c.LastDay = Accepted, last
		if c.Cause == CauseResignation && c.PostponedTo.IsZero() && !today.Before(s.rules.DeemedOn(c.Filed)) {
			c.Deemed = true
		}
		if c.Cause == CauseMedical {
			c.Grounds.NotifiedOn = last
		}
		if in.Approval != "" {
			c.Approval = in.Approval
		}
		c.Decision = in.Decision
		if c.Decision.Date.IsZero() {
			c.Decision.Date = today
		}
		return nil
	})
}

// PostponeInput is the authority's postponement of a resignation (Reg 215).
type PostponeInput struct {
	ID      string              `json:"id" validate:"required,max=200" ar:"معرف الطلب"`
	Version int64               `json:"version" validate:"min=1" ar:"الإصدار"`
	By      identity.NationalID `json:"by" ar:"متخذ القرار"`
	// To is the new leaving date.
	To        hijri.Date                             `json:"to" validate:"hijri_date" ar:"تاريخ ترك العمل الجديد"`
	Decision  records.Decision                       `json:"decision,omitzero" ar:"القرار"`
	Reason    string                                 `json:"reason" validate:"required,max=1000" ar:"السبب"`
	Authorize func(c Case, e records.Employee) error `json:"-" validate:"-"`
}

// Postpone postpones a submitted resignation for the needs of work (Reg
// 215): before it is deemed accepted, to a day after the date stated and at
// most Rules.PostponementMaxDays after it. The resignation then ends on To,
// on acceptance or when deemed accepted.
//
// Errors: fault.ErrInvalidInput; ErrNotFound; ErrConflict; ErrWrongState;
// ErrPostponement.
func (s *Service) Postpone(ctx context.Context, in PostponeInput) (Case, error) {
	if err := s.v.Struct(in); err != nil {
		return Case{}, err
	}
	return s.decide(ctx, in.ID, in.Version, in.By, in.Authorize, func(c *Case, _ *File, today hijri.Date) error {
		if err := s.rules.CheckPostpone(c, in.To, today); err != nil {
			return err
		}
		c.State, c.PostponedTo, c.Reason, c.Decision = Postponed, in.To, in.Reason, in.Decision
		if c.Decision.Date.IsZero() {
			c.Decision.Date = today
		}
		return nil
	})
}

// WithdrawInput is the withdrawal of an employee's request.
type WithdrawInput struct {
	ID      string              `json:"id" validate:"required,max=200" ar:"معرف الطلب"`
	Version int64               `json:"version" validate:"min=1" ar:"الإصدار"`
	By      identity.NationalID `json:"by" ar:"مقدم الطلب"`
	// Role is RoleEmployee (By must be the employee) or RoleHR recording a
	// withdrawal received.
	Role Role `json:"role" validate:"required,max=16" ar:"الدور"`
	// Approval is the minister's approval, required once the request is
	// accepted (Reg 217).
	Approval  string                                 `json:"approval,omitempty" validate:"max=100" ar:"موافقة الوزير"`
	Reason    string                                 `json:"reason,omitempty" validate:"max=1000" ar:"السبب"`
	Authorize func(c Case, e records.Employee) error `json:"-" validate:"-"`
}

// Withdraw withdraws a resignation or early retirement before its LastDay
// (Reg 217); once accepted, only with the minister's approval.
//
// Errors: fault.ErrInvalidInput; ErrNotFound; ErrConflict; ErrNotPermitted;
// ErrWrongState; ErrApprovalRequired.
func (s *Service) Withdraw(ctx context.Context, in WithdrawInput) (Case, error) {
	if err := s.v.Struct(in); err != nil {
		return Case{}, err
	}
	if in.Role != RoleEmployee && in.Role != RoleHR {
		return Case{}, ErrNotPermitted
	}
	return s.decide(ctx, in.ID, in.Version, in.By, in.Authorize, func(c *Case, _ *File, today hijri.Date) error {
		if in.Role == RoleEmployee && in.By != c.NationalID {
			return ErrNotPermitted
		}
		if err := s.rules.CheckWithdraw(c, today, in.Approval); err != nil {
			return err
		}
		c.State, c.Reason = Withdrawn, in.Reason
		if in.Approval != "" {
			c.Approval = in.Approval
		}
		return nil
	})
}

// RejectInput is HR's refusal of a request, or the agency's dropping of a
// proceeding.
type RejectInput struct {
	ID        string                                 `json:"id" validate:"required,max=200" ar:"معرف الطلب"`
	Version   int64                                  `json:"version" validate:"min=1" ar:"الإصدار"`
	By        identity.NationalID                    `json:"by" ar:"متخذ القرار"`
	Decision  records.Decision                       `json:"decision,omitzero" ar:"القرار"`
	Reason    string                                 `json:"reason" validate:"required,max=1000" ar:"السبب"`
	Authorize func(c Case, e records.Employee) error `json:"-" validate:"-"`
}

// Reject rejects a submitted or postponed case with a reason: a request
// refused, an excuse accepted, a discretionary ending not taken. An
// accepted case cannot be rejected (a request is withdrawn instead).
//
// Errors: fault.ErrInvalidInput (no reason); ErrNotFound; ErrConflict;
// ErrWrongState.
func (s *Service) Reject(ctx context.Context, in RejectInput) (Case, error) {
	if err := s.v.Struct(in); err != nil {
		return Case{}, err
	}
	return s.decide(ctx, in.ID, in.Version, in.By, in.Authorize, func(c *Case, _ *File, today hijri.Date) error {
		if c.State != Submitted && c.State != Postponed {
			return ErrWrongState
		}
		c.State, c.Reason, c.Decision = Rejected, in.Reason, in.Decision
		if c.Decision.Date.IsZero() {
			c.Decision.Date = today
		}
		return nil
	})
}

// decide runs one step on a case in one transaction: read, authorize,
// compare the version, act, end the case when it is accepted and due, and
// store it.
func (s *Service) decide(ctx context.Context, id string, version int64, by identity.NationalID,
	authorize func(Case, records.Employee) error, act func(c *Case, f *File, today hijri.Date) error) (Case, error) {
	now, today, err := s.clock()
	if err != nil {
		return Case{}, err
	}
	var out Case
	err = s.inTx(ctx, func(ctx context.Context) error {
		c, err := s.store.GetCase(ctx, id)
		if err != nil {
			return err
		}
		f, err := s.load(ctx, c.EmployeeID)
		if err != nil {
			return err
		}
		if authorize != nil {
			if err := authorize(c.Clone(), f.Employee); err != nil {
				return err
			}
		}
		if c.Version != version {
			return ErrConflict
		}
		if !c.State.Open() {
			return ErrWrongState
		}
		if err := act(&c, &f, today); err != nil {
			return err
		}
		c.DecidedBy, c.UpdatedAt = by, now
		out, err = s.step(ctx, c, &f, now, today)
		return err
	})
	return out, err
}

// step ends c when it is accepted and due, and stores it.
func (s *Service) step(ctx context.Context, c Case, f *File, now time.Time, today hijri.Date) (Case, error) {
	if c.State == Accepted && !c.LastDay.After(today) {
		if !f.Employee.ServiceEnd.IsZero() {
			return Case{}, ErrNotInService
		}
		if err := s.end(ctx, &c, f, now); err != nil {
			return Case{}, err
		}
	}
	return s.store.UpdateCase(ctx, c)
}

// end writes the end of service of an accepted case c into f's history and
// settles it: periods still open on LastDay are closed on it (a referral to
// trial with the outcome Dropped when it has none [INF]), the suspension a
// dismissal ends from, and a referral to trial from that day on, are removed
// (service ended the day before them: they are outside it) [INF], and the
// end-of-service event is added with c.Cause.EndReason(). c becomes Ended
// with its EventID, Settlement and EndedAt; the caller stores it.
func (s *Service) end(ctx context.Context, c *Case, f *File, now time.Time) error {
	last := c.LastDay
	var closeEvs []records.HistoryEvent
	var remove []string
	for _, ev := range f.History {
		if ev.Kind == records.KindEndOfService || ev.Kind.IsJob() || !ev.Kind.IsPeriod() {
			continue
		}
		switch {
		case ev.Start.After(last):
			if c.Cause == CauseDismissal && (ev.Kind == records.KindSuspension || ev.Kind == records.KindTrialReferral) {
				remove = append(remove, ev.ID)
			}
		case ev.Ongoing() || ev.End.After(last):
			ev.End = last
			if ev.Kind == records.KindTrialReferral && ev.Outcome == records.OutcomePending {
				ev.Outcome = records.Dropped
			}
			closeEvs = append(closeEvs, ev)
		}
	}
	e := f.Employee
	var err error
	if len(remove) > 0 {
		if e, _, err = s.recs.RemoveHistoryEvents(ctx, records.HistoryRemoval{EmployeeID: e.ID, Version: e.Version, EventIDs: remove}); err != nil {
			return err
		}
	}
	if len(closeEvs) > 0 {
		if e, _, err = s.recs.UpdateHistoryEvents(ctx, records.HistoryChange{EmployeeID: e.ID, Version: e.Version, Events: closeEvs}); err != nil {
			return err
		}
	}
	old := make(map[string]bool, len(f.History))
	for i := range f.History {
		old[f.History[i].ID] = true
	}
	dec := c.Decision
	if dec.Date.IsZero() {
		dec.Date = last
	}
	ev := records.HistoryEvent{Kind: records.KindEndOfService, Start: last, EndReason: c.Cause.EndReason(), Decision: dec,
		Note: c.Cause.Label(i18n.Arabic)}
	e, h, err := s.recs.AddHistoryEvents(ctx, records.HistoryChange{EmployeeID: e.ID, Version: e.Version, Events: []records.HistoryEvent{ev}})
	if err != nil {
		return err
	}
	for i := range h {
		if !old[h[i].ID] && h[i].Kind == records.KindEndOfService {
			c.EventID = h[i].ID
		}
	}
	f.Employee, f.History = e, h
	st, err := s.settle(ctx, c, f)
	if err != nil {
		return err
	}
	c.Settlement = &st
	c.State, c.EndedAt, c.UpdatedAt = Ended, now, now
	return nil
}

// settle computes c's leave cash-out on its LastDay: the balance from the
// case's entitlements when given (or when no ledger is configured), else
// from the ledger; the salary from the entitlements, else from the scale
// by the job's rank and step (zero when the scale has no such rank or
// step).
func (s *Service) settle(ctx context.Context, c *Case, f *File) (Settlement, error) {
	in := SettleInput{Cause: c.Cause, Source: "input", Salary: c.Entitlements.LastSalary}
	if c.Entitlements.LeaveBalance != nil || s.balances == nil {
		if c.Entitlements.LeaveBalance != nil {
			in.Balance = *c.Entitlements.LeaveBalance
		}
		if c.Entitlements.Grandfathered != nil {
			in.Grandfathered = min(*c.Entitlements.Grandfathered, in.Balance)
		}
	} else {
		days, gf, err := s.balances.Balance(ctx, c.EmployeeID, c.LastDay)
		if err != nil {
			return Settlement{}, err
		}
		in.Balance, in.Grandfathered, in.Source = max(days, 0), min(max(gf, 0), max(days, 0)), "ledger"
	}
	if in.Salary.IsZero() {
		in.Salary = s.salary(f.Employee.Job)
	}
	return Settle(in, s.rules.Settlement)
}

func (s *Service) salary(j records.Job) decimal.Decimal {
	if sal, err := s.scale.Salary(j.Rank, j.Step); err == nil {
		return sal
	}
	return decimal.Zero
}

// Get returns the case with the given ID.
//
// Errors: ErrNotFound.
func (s *Service) Get(ctx context.Context, id string) (Case, error) {
	if err := validation.ID("id", id); err != nil {
		return Case{}, err
	}
	return s.store.GetCase(ctx, id)
}

// List returns a page of the cases matching f, in the Store's order
// (CreatedAt, then ID); f.Limit is capped by page.Limit (default
// page.DefaultLimit, at most page.MaxLimit).
//
// Errors: ErrCursorNotFound.
func (s *Service) List(ctx context.Context, f Filter) (page.Page[Case], error) {
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	f.States = slices.Clone(f.States)
	cs, err := s.store.ListCases(ctx, f)
	if err != nil {
		return page.Page[Case]{}, err
	}
	return page.New(cs, limit, func(c Case) string { return c.ID }), nil
}

// sweepBatch is the page size of the sweep's reads.
const sweepBatch = 500

// Sweep runs the timers as of today, each case in its own transaction: it
// deems accepted the resignations with no decision Rules.ResignationDeemedDays
// after filing (not while barred, Reg 216: HR rejects those), ends the
// medical cases not notified by the deadline on that day [INF], ends the
// accepted cases whose LastDay is not after today, and, for each agency
// in agencyIDs, opens and ends a statutory-age case for every stored
// retirement whose LastDay is not after today whose employee is in service
// with no open case. It returns the cases it ended, and the errors of the
// cases it could not move (joined) after trying every one.
func (s *Service) Sweep(ctx context.Context, agencyIDs ...string) ([]Case, error) {
	now, today, err := s.clock()
	if err != nil {
		return nil, err
	}
	var ended []Case
	var errs []error
	after := ""
	for {
		cs, err := s.store.ListCases(ctx, Filter{States: []State{Submitted, Postponed, Accepted}, After: after, Limit: sweepBatch})
		if err != nil {
			return ended, err
		}
		for _, c := range cs {
			out, moved, err := s.sweepCase(ctx, c, now, today)
			switch {
			case err != nil:
				errs = append(errs, fmt.Errorf("separation: sweep case %s: %w", c.ID, err))
			case moved && out.State == Ended:
				ended = append(ended, out)
			}
		}
		if len(cs) < sweepBatch {
			break
		}
		after = cs[len(cs)-1].ID
	}
	for _, agency := range agencyIDs {
		after := ""
		for {
			rs, err := s.store.ListRetirements(ctx, RetirementFilter{AgencyID: agency, To: today, After: after, Limit: sweepBatch})
			if err != nil {
				return ended, errors.Join(append(errs, err)...)
			}
			for _, r := range rs {
				c, ok, err := s.retire(ctx, r, now, today)
				switch {
				case err != nil:
					errs = append(errs, fmt.Errorf("separation: sweep retirement of %s: %w", r.EmployeeID, err))
				case ok:
					ended = append(ended, c)
				}
			}
			if len(rs) < sweepBatch {
				break
			}
			after = rs[len(rs)-1].EmployeeID
		}
	}
	return ended, errors.Join(errs...)
}

// sweepCase moves one case by its timers, if one is due.
func (s *Service) sweepCase(ctx context.Context, c Case, now time.Time, today hijri.Date) (Case, bool, error) {
	due := func(c *Case, f *File) bool {
		switch {
		case c.State == Accepted:
			return !c.LastDay.After(today)
		case c.Cause == CauseResignation && !today.Before(s.rules.DeemedOn(c.Filed)):
			if Barred(f.History, today) {
				return false
			}
			c.State, c.Deemed, c.LastDay = Accepted, true, s.rules.DeemedLastDay(c)
			return true
		case c.Cause == CauseMedical && c.Grounds.NotifiedOn.IsZero() && today.After(s.rules.MedicalDeadline(c.Grounds.On)):
			c.State, c.LastDay = Accepted, s.rules.MedicalDeadline(c.Grounds.On)
			return true
		}
		return false
	}
	// A cheap test first, on the case as listed, without the file.
	probe := c.Clone()
	if !due(&probe, &File{}) {
		return c, false, nil
	}
	var out Case
	moved := false
	err := s.inTx(ctx, func(ctx context.Context) error {
		cur, err := s.store.GetCase(ctx, c.ID)
		if err != nil {
			return err
		}
		f, err := s.load(ctx, cur.EmployeeID)
		if err != nil {
			return err
		}
		if !cur.State.Open() || !due(&cur, &f) {
			out = cur
			return nil
		}
		cur.UpdatedAt = now
		if cur.State == Accepted && cur.DecidedBy.IsZero() {
			cur.Decision.Date = today
		}
		out, err = s.step(ctx, cur, &f, now, today)
		moved = err == nil
		return err
	})
	return out, moved, err
}

// retire opens and ends the statutory-age case of retirement r, if due.
func (s *Service) retire(ctx context.Context, r Retirement, now time.Time, today hijri.Date) (Case, bool, error) {
	var out Case
	ok := false
	err := s.inTx(ctx, func(ctx context.Context) error {
		f, err := s.load(ctx, r.EmployeeID)
		if errors.Is(err, records.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if !f.Employee.ServiceEnd.IsZero() {
			return nil
		}
		open, err := s.store.ListCases(ctx, Filter{EmployeeID: f.Employee.ID, States: []State{Submitted, Postponed, Accepted}, Limit: 1})
		if err != nil || len(open) > 0 {
			return err
		}
		if f.Retirement, err = s.retirement(ctx, &f, now); err != nil {
			return err
		}
		if f.Retirement.LastDay.After(today) {
			return nil // the stored date was stale
		}
		c := Case{ID: s.newID(), EmployeeID: f.Employee.ID, NationalID: f.Employee.NationalID, AgencyID: f.Employee.Job.Agency.ID,
			Cause: CauseStatutoryAge, State: Accepted, Filed: today, LastDay: f.Retirement.LastDay,
			Decision: records.Decision{Date: today}, CreatedAt: now, UpdatedAt: now}
		if c, err = s.store.CreateCase(ctx, c); err != nil {
			return err
		}
		if err := s.end(ctx, &c, &f, now); err != nil {
			return err
		}
		out, err = s.store.UpdateCase(ctx, c)
		ok = err == nil
		return err
	})
	return out, ok, err
}

// retirement computes f's retirement now, keeping the stored extension.
func (s *Service) retirement(ctx context.Context, f *File, now time.Time) (Retirement, error) {
	ref, err := s.rules.Retirement.ReferenceDate()
	if err != nil {
		return Retirement{}, because(ErrRetirement, "reference", err)
	}
	contributor, months, err := PriorMonthsFromHistory(f.History, ref, s.recRules)
	if err != nil {
		return Retirement{}, err
	}
	r, err := RetirementFor(RetirementInput{BirthDate: f.Employee.BirthDate, PriorContributor: contributor, PriorMonths: months}, s.rules.Retirement)
	if err != nil {
		return Retirement{}, err
	}
	r.EmployeeID, r.NationalID, r.AgencyID, r.ComputedAt = f.Employee.ID, f.Employee.NationalID, f.Employee.Job.Agency.ID, now
	stored, err := s.store.GetRetirement(ctx, f.Employee.ID)
	switch {
	case err == nil && !stored.Extension.IsZero() && stored.Extension.To.After(r.StatutoryLastDay):
		r.Extension, r.LastDay = stored.Extension, stored.Extension.To
	case err != nil && !errors.Is(err, ErrNotFound):
		return Retirement{}, err
	}
	return r, nil
}

// ComputeRetirement returns an employee's retirement as of now, from the
// file: the birth date, the prior service before the SIL reference date
// (PriorMonthsFromHistory) and the stored extension. It stores nothing
// (RefreshRetirements does).
//
// Errors: records.ErrEmployeeNotFound; ErrRetirement; ErrBirthDate.
func (s *Service) ComputeRetirement(ctx context.Context, employeeID string) (Retirement, error) {
	if err := validation.ID("employee_id", employeeID); err != nil {
		return Retirement{}, err
	}
	now, _, err := s.clock()
	if err != nil {
		return Retirement{}, err
	}
	f, err := s.load(ctx, employeeID)
	if err != nil {
		return Retirement{}, err
	}
	return s.retirement(ctx, &f, now)
}

// RefreshRetirements computes and stores, in one write, the retirements of
// files that are in service (ended files are skipped), keeping each stored
// extension, and returns how many it stored. A file whose date cannot be
// computed fails the whole call (nothing is stored).
//
// Errors: ErrRetirement; ErrBirthDate; ErrDuplicateRetirement (a file twice).
func (s *Service) RefreshRetirements(ctx context.Context, files []records.FileHistory) (int, error) {
	now, _, err := s.clock()
	if err != nil {
		return 0, err
	}
	rs := make([]Retirement, 0, len(files))
	for i := range files {
		if !files[i].Employee.ServiceEnd.IsZero() {
			continue
		}
		f := File{Employee: files[i].Employee, History: files[i].History}
		r, err := s.retirement(ctx, &f, now)
		if err != nil {
			return 0, fmt.Errorf("separation: retirement of %s: %w", f.Employee.ID, err)
		}
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return 0, nil
	}
	if err := s.inTx(ctx, func(ctx context.Context) error { return s.store.PutRetirements(ctx, rs) }); err != nil {
		return 0, err
	}
	return len(rs), nil
}

// RefreshBatch is the number of files RefreshAll reads and stores at a time.
const RefreshBatch = 1000

// RefreshAll recomputes and stores the retirement of every file in
// service, RefreshBatch files at a time read through scan (the records
// store's FileScanner), each batch in one write, and returns how many it
// stored. A failed batch stops the run; the batches before it stay stored.
//
// Errors: as RefreshRetirements; the scanner's.
func (s *Service) RefreshAll(ctx context.Context, scan records.FileScanner) (int, error) {
	total, after := 0, ""
	for {
		files, err := scan.ScanFiles(ctx, after, RefreshBatch)
		if err != nil {
			return total, err
		}
		if len(files) == 0 {
			return total, nil
		}
		n, err := s.RefreshRetirements(ctx, files)
		total += n
		if err != nil {
			return total, err
		}
		after = files[len(files)-1].Employee.ID
	}
}

// ExtendInput is the minister's extension of service beyond the statutory
// age (Reg 104, 105).
type ExtendInput struct {
	EmployeeID string              `json:"employee_id" validate:"required,max=200" ar:"معرف الملف"`
	By         identity.NationalID `json:"by" ar:"متخذ القرار"`
	// To is the new last day of service.
	To hijri.Date `json:"to" validate:"hijri_date" ar:"تاريخ نهاية التمديد"`
	// Decision is the minister's decision (its number is required).
	Decision records.Decision `json:"decision" ar:"القرار"`
	// Authorize, if set, sees the file before anything is checked or written.
	Authorize func(e records.Employee) error `json:"-" validate:"-"`
}

// Extend extends an employee's service beyond the statutory age to To, at
// most Rules.MaxExtensionYears beyond the statutory last day in all, and
// stores the retirement with its extension; an accepted statutory-age case
// of the employee moves to the new last day.
//
// Errors: fault.ErrInvalidInput; ErrApprovalRequired (no decision number);
// ErrExtension; ErrNotInService; records.ErrEmployeeNotFound.
func (s *Service) Extend(ctx context.Context, in ExtendInput) (Retirement, error) {
	if err := s.v.Struct(in); err != nil {
		return Retirement{}, err
	}
	if in.Decision.Number == "" {
		return Retirement{}, ErrApprovalRequired
	}
	now, today, err := s.clock()
	if err != nil {
		return Retirement{}, err
	}
	var out Retirement
	err = s.inTx(ctx, func(ctx context.Context) error {
		f, err := s.load(ctx, in.EmployeeID)
		if err != nil {
			return err
		}
		if in.Authorize != nil {
			if err := in.Authorize(f.Employee); err != nil {
				return err
			}
		}
		if !f.Employee.ServiceEnd.IsZero() {
			return ErrNotInService
		}
		r, err := s.retirement(ctx, &f, now)
		if err != nil {
			return err
		}
		if err := s.rules.CheckExtension(&r, in.To); err != nil {
			return err
		}
		dec := in.Decision
		if dec.Date.IsZero() {
			dec.Date = today
		}
		r.Extension, r.LastDay = Extension{To: in.To, Decision: dec}, in.To
		if err := s.store.PutRetirements(ctx, []Retirement{r}); err != nil {
			return err
		}
		cs, err := s.store.ListCases(ctx, Filter{EmployeeID: f.Employee.ID, Cause: CauseStatutoryAge, States: []State{Accepted}})
		if err != nil {
			return err
		}
		for _, c := range cs {
			c.LastDay, c.Approval, c.DecidedBy, c.UpdatedAt = in.To, in.Decision.Number, in.By, now
			if _, err := s.store.UpdateCase(ctx, c); err != nil {
				return err
			}
		}
		out = r
		return nil
	})
	return out, err
}

// ForecastInput asks for an agency's employees reaching the end of service
// at the statutory age (or their extension) in the next Months Hijri months.
type ForecastInput struct {
	AgencyID string `json:"agency_id" validate:"required,max=40" ar:"رمز الجهة"`
	// Months is the horizon in Hijri months from today (1 to 120).
	Months int `json:"months" validate:"min=1,max=120" ar:"عدد الأشهر"`
	// After is the EmployeeID of the retirement the page starts after.
	After string `json:"after,omitempty" validate:"max=200" ar:"المؤشر"`
	Limit int    `json:"limit,omitempty" validate:"min=0" ar:"الحد"`
}

// Forecast returns a page of the stored retirements of in.AgencyID whose
// LastDay falls from today to today + in.Months Hijri months (the day
// clamped to the month's length), ordered by LastDay then EmployeeID.
// Refresh the stored dates first (RefreshRetirements).
//
// Errors: fault.ErrInvalidInput; ErrCursorNotFound.
func (s *Service) Forecast(ctx context.Context, in ForecastInput) (page.Page[Retirement], error) {
	if err := s.v.Struct(in); err != nil {
		return page.Page[Retirement]{}, err
	}
	_, today, err := s.clock()
	if err != nil {
		return page.Page[Retirement]{}, err
	}
	to, err := addAge(today, Age{Months: in.Months, Calendar: HijriYears})
	if err != nil {
		to = hijri.MustNew(hijri.MaxYear, 12, hijri.DaysInMonth(hijri.MaxYear, 12))
	}
	limit := page.Limit(in.Limit, page.DefaultLimit, page.MaxLimit)
	rs, err := s.store.ListRetirements(ctx, RetirementFilter{AgencyID: in.AgencyID, From: today, To: to, After: in.After, Limit: page.Fetch(limit)})
	if err != nil {
		return page.Page[Retirement]{}, err
	}
	return page.New(rs, limit, func(r Retirement) string { return r.EmployeeID }), nil
}

// PensionStatement is the pensionable-service statement (بيان خدمة
// للتقاعد): the total service with the periods counted and excluded, and
// the spells of service.
type PensionStatement struct {
	EmployeeID string              `json:"employee_id"`
	NationalID identity.NationalID `json:"national_id"`
	Name       records.Names       `json:"name"`
	// Service is the total service (records.PurposeTotal) as of AsOf.
	Service records.Duration `json:"service"`
	Spells  []Spell          `json:"spells"`
	AsOf    hijri.Date       `json:"as_of"`
}

// PensionStatement returns the pensionable-service statement of an
// employee as of asOf (zero: today; the service of an ended file stops at
// its last day whatever asOf).
//
// Errors: records.ErrEmployeeNotFound; records duration errors
// (records.ErrAsOfBeforeStart).
func (s *Service) PensionStatement(ctx context.Context, employeeID string, asOf hijri.Date) (PensionStatement, error) {
	if err := validation.ID("employee_id", employeeID); err != nil {
		return PensionStatement{}, err
	}
	if !asOf.IsZero() && !asOf.IsValid() {
		return PensionStatement{}, invalid("as_of", "the date is not valid", "التاريخ غير صحيح")
	}
	if asOf.IsZero() {
		_, today, err := s.clock()
		if err != nil {
			return PensionStatement{}, err
		}
		asOf = today
	}
	f, err := s.load(ctx, employeeID)
	if err != nil {
		return PensionStatement{}, err
	}
	d, err := s.recRules.ServiceDuration(f.History, records.PurposeTotal, asOf)
	if err != nil {
		return PensionStatement{}, err
	}
	return PensionStatement{EmployeeID: f.Employee.ID, NationalID: f.Employee.NationalID, Name: f.Employee.Name,
		Service: d, Spells: spells(f.History), AsOf: asOf}, nil
}

func spells(h []records.HistoryEvent) []Spell {
	sp := records.Spells(h)
	out := make([]Spell, len(sp))
	for i, x := range sp {
		out[i] = Spell{From: x.From, To: x.To}
	}
	return out
}

// Package builds the handover package of an ended case for the pension
// agency: the person, the spells, the pensionable service through the last
// day, the last salary (the settlement's), the cause and its dates. It
// reads the case as stored (c names it by ID).
//
// Errors: ErrNotFound; ErrNotEnded; records.ErrEmployeeNotFound.
func (s *Service) Package(ctx context.Context, c Case) (Package, error) {
	now, _, err := s.clock()
	if err != nil {
		return Package{}, err
	}
	c, err = s.store.GetCase(ctx, c.ID)
	if err != nil {
		return Package{}, err
	}
	if c.State != Ended {
		return Package{}, ErrNotEnded
	}
	f, err := s.load(ctx, c.EmployeeID)
	if err != nil {
		return Package{}, err
	}
	d, err := f.ServiceBy(c.LastDay)
	if err != nil {
		return Package{}, err
	}
	p := Package{ID: c.ID, EmployeeID: f.Employee.ID, NationalID: f.Employee.NationalID, Name: f.Employee.Name,
		BirthDate: f.Employee.BirthDate, Gender: f.Employee.Gender, AgencyID: c.AgencyID, Cause: c.Cause,
		EndReason: c.Cause.EndReason(), LastDay: c.LastDay, Spells: spells(f.History), Pensionable: d, IssuedAt: now}
	if c.Settlement != nil {
		p.Settlement = c.Settlement.Clone()
		p.LastSalary = c.Settlement.Salary
	} else {
		p.LastSalary = s.salary(f.Employee.Job)
	}
	return p, nil
}
