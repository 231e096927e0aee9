package leave

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/masarhr/masar-go/calendar"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/ids"
	"github.com/masarhr/masar-go/internal/validation"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/txn"
)

// Options configures a Service. The zero value (or nil) gives the defaults.
type Options struct {
	// Now returns the current time (default time.Now); it is read once per operation.
	Now func() time.Time
	// NewID returns a new unique ID (default: 128 random bits as 32 hex digits).
	NewID func() string
	// Location is the zone whose civil date is "today" (default hijri.SaudiTime()).
	Location *time.Location
	// Rules are the ledger, kind and sick-leave rules (default DefaultRules()).
	Rules *Rules
	// Reports are the medical-report checks (default DefaultReportRules()).
	Reports *ReportRules
	// Calendar is the official calendar whose holidays a leave does not
	// count (Reg 160); default calendar.NewOfficial(nil). Share the one the
	// grievance deadlines use.
	Calendar *calendar.Official
}

// Service is the leave use cases: requests and decisions, deferral and
// recall, the balance statement, medical reports, sick pay and the
// year-end accrual. It keeps its own aggregates in a Store and writes an
// approved leave into the employee's records history through recs; the
// Store and recs's store must share transactions (one adapter, as
// memstore and sqlstore are) for a decision to be atomic: when the Store is
// a transactor (InTx), every write runs in one transaction, joining the
// caller's. A Service is safe for concurrent use.
type Service struct {
	store    Store
	recs     *records.Service
	recRules records.Rules
	now      func() time.Time
	newID    func() string
	loc      *time.Location
	rules    Rules
	reports  ReportRules
	cal      *calendar.Official
	v        *validation.Validator
}

// New returns a Service over store, writing history through recs
// (required). nil opts means defaults.
func New(store Store, recs *records.Service, opts *Options) *Service {
	if opts == nil {
		opts = &Options{}
	}
	s := &Service{store: store, recs: recs, now: opts.Now, newID: opts.NewID, loc: opts.Location,
		rules: DefaultRules(), reports: DefaultReportRules(), cal: opts.Calendar, v: validation.Default()}
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
		s.rules = opts.Rules.clone()
	}
	if opts.Reports != nil {
		s.reports = ReportRules{CertifiedOver: opts.Reports.CertifiedOver, Certifiers: slices.Clone(opts.Reports.Certifiers)}
	}
	if s.cal == nil {
		s.cal = calendar.NewOfficial(nil)
	}
	return s
}

// Rules returns a copy of the rules the Service applies.
func (s *Service) Rules() Rules { return s.rules.clone() }

// Calendar returns the official calendar the Service counts leave days on.
func (s *Service) Calendar() *calendar.Official { return s.cal }

func (r Rules) clone() Rules {
	r.Kinds = slices.Clone(r.Kinds)
	sick := make(SickRules, len(r.Sick))
	for c, cr := range r.Sick {
		cr.Tranches = slices.Clone(cr.Tranches)
		sick[c] = cr
	}
	r.Sick = sick
	return r
}

// clock returns the operation's instant (UTC, microseconds) and its civil date.
func (s *Service) clock() (time.Time, hijri.Date, error) {
	now := s.now().UTC().Truncate(time.Microsecond)
	today, err := hijri.Today(now, s.loc)
	if err != nil {
		return time.Time{}, hijri.Date{}, fault.ErrInternal.Wrap(fmt.Errorf("leave: the clock is outside the Hijri table: %w", err))
	}
	return now, today, nil
}

// inTx runs fn in one transaction of the Store when it has them.
func (s *Service) inTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return txn.Within(ctx, s.store, fn)
}

// The refusals of the use cases (Fields name the reason where there are
// several).
var (
	// ErrNotRequestable: sick and companion leaves arrive with a medical
	// report (Receive); an employee cannot request them.
	ErrNotRequestable = fault.New(fault.FailedPrecondition, "leave.report_only",
		"sick and companion leaves are granted from a medical report", "تمنح الإجازة المرضية وإجازة المرافق بموجب تقرير طبي")
	// ErrNotInService: the file's service has ended.
	ErrNotInService = fault.New(fault.FailedPrecondition, "leave.not_in_service",
		"the employee is not in service", "الموظف ليس على رأس العمل")
	// ErrInPast: a request starts before today.
	ErrInPast = fault.New(fault.FailedPrecondition, "leave.in_past",
		"a leave cannot be requested for past days", "لا يمكن طلب إجازة عن أيام مضت")
	// ErrWrongStatus: the leave is not in a status the action applies to.
	ErrWrongStatus = fault.New(fault.FailedPrecondition, "leave.wrong_status",
		"the leave is not in a status that allows this", "حالة الإجازة لا تسمح بهذا الإجراء")
	// ErrDeferral: a deferral breaks Reg 131(c) (annual leave not yet
	// begun, later start, at most Rules.DeferralMax days).
	ErrDeferral = fault.New(fault.FailedPrecondition, "leave.deferral_refused",
		"the leave cannot be deferred so", "لا يمكن تأجيل الإجازة على هذا النحو")
	// ErrRecall: a recall breaks Reg 159 (annual leave in progress that
	// has run Rules.RecallMinDays days).
	ErrRecall = fault.New(fault.FailedPrecondition, "leave.recall_refused",
		"the employee cannot be recalled from this leave now", "لا يمكن استدعاء الموظف من هذه الإجازة الآن")
	// ErrExtension: the service year has not begun, or its balance has expired.
	ErrExtension = fault.New(fault.FailedPrecondition, "leave.extension_refused",
		"the balance of this service year cannot be extended", "لا يمكن تمديد رصيد سنة الخدمة هذه")
	// ErrNotSick: sick pay is asked of a leave that is not sick leave.
	ErrNotSick = fault.New(fault.FailedPrecondition, "leave.not_sick",
		"the leave is not a sick leave", "الإجازة ليست إجازة مرضية")
)

// facts is what the rules read about one employee.
type facts struct {
	e      records.Employee
	h      []records.HistoryEvent
	leaves []Leave // the file's leaves, every status
	ext    []Extension
}

// load reads an employee's file, history, leaves and extensions.
func (s *Service) load(ctx context.Context, employeeID string, authorize func(records.Employee) error) (facts, error) {
	e, err := s.recs.GetEmployee(ctx, employeeID)
	if err != nil {
		return facts{}, err
	}
	if authorize != nil {
		if err := authorize(e); err != nil {
			return facts{}, err
		}
	}
	h, err := s.recs.ListHistory(ctx, e.ID)
	if err != nil {
		return facts{}, err
	}
	ls, err := s.store.ListLeaves(ctx, Filter{EmployeeID: e.ID})
	if err != nil {
		return facts{}, fmt.Errorf("leave: list leaves: %w", err)
	}
	ext, err := s.store.ListExtensions(ctx, e.ID)
	if err != nil {
		return facts{}, fmt.Errorf("leave: list extensions: %w", err)
	}
	return facts{e: e, h: h, leaves: ls, ext: ext}, nil
}

// farEnd stands for the end of a leave event recorded without one.
var farEnd = hijri.MustNew(hijri.MaxYear, 12, hijri.DaysInMonth(hijri.MaxYear, 12))

func eventEnd(ev *records.HistoryEvent) hijri.Date {
	if ev.End.IsZero() {
		return farEnd
	}
	return ev.End
}

// ledger builds the annual ledger as of asOf and, when granted is set, the
// leaves granted, leaving out the leave skip (by ID) and counting requested
// leaves when pending is set (a request holds its days until decided).
func (s *Service) ledger(f *facts, asOf hijri.Date, skip string, pending, granted bool) (Ledger, []Taken, error) {
	until, err := asOf.AddDays(400)
	if err != nil {
		until = farEnd
	}
	d, err := s.recRules.ServiceDuration(f.h, records.PurposeLeaveAccrual, until)
	if err != nil {
		return Ledger{}, nil, err
	}
	l := Ledger{Start: d.Start, Excluded: make([]records.Span, len(d.Excluded))}
	for i, x := range d.Excluded {
		l.Excluded[i] = x.Span
	}
	n := 0
	for i := range f.h {
		if f.h[i].Kind == records.KindLeave {
			n++
		}
	}
	if pending {
		n += len(f.leaves)
	}
	l.Uses = make([]Use, 0, n)
	var taken []Taken
	if granted {
		taken = make([]Taken, 0, n)
	}
	var byEvent map[string]*Leave
	if len(f.leaves) > 0 {
		byEvent = make(map[string]*Leave, len(f.leaves))
		for i := range f.leaves {
			if f.leaves[i].EventID != "" {
				byEvent[f.leaves[i].EventID] = &f.leaves[i]
			}
		}
	}
	for i := range f.h {
		ev := &f.h[i]
		if ev.Kind != records.KindLeave {
			continue
		}
		lv := byEvent[ev.ID]
		if lv != nil && lv.ID == skip {
			continue
		}
		to := eventEnd(ev)
		kr := s.rules.kind(ev.Leave)
		days := 0
		switch {
		case lv != nil:
			days = lv.Days
		case granted || kr.ChargedToAnnual:
			days = s.rules.Days(ev.Leave, ev.Start, to, s.cal)
		}
		if granted {
			taken = append(taken, Taken{Kind: ev.Leave, From: ev.Start, To: to, Days: days})
		}
		switch {
		case kr.ChargedToAnnual:
			l.Uses = append(l.Uses, Use{On: ev.Start, Days: days})
		case ev.Leave == Companion && lv != nil && lv.Split.Annual > 0:
			l.Uses = append(l.Uses, Use{On: ev.Start, Days: lv.Split.Annual})
		}
	}
	if pending {
		for i := range f.leaves {
			lv := &f.leaves[i]
			if lv.Status != Requested || lv.ID == skip {
				continue
			}
			if granted {
				taken = append(taken, Taken{Kind: lv.Kind, From: lv.From, To: lv.To, Days: lv.Days})
			}
			if s.rules.kind(lv.Kind).ChargedToAnnual {
				l.Uses = append(l.Uses, Use{On: lv.From, Days: lv.Days})
			}
		}
	}
	slices.SortStableFunc(l.Uses, func(a, b Use) int { return a.On.Compare(b.On) })
	slices.SortStableFunc(taken, func(a, b Taken) int { return a.From.Compare(b.From) })
	if len(f.ext) > 0 {
		l.Extended = make([]int, len(f.ext))
		for i, x := range f.ext {
			l.Extended[i] = x.Year
		}
	}
	return l, taken, nil
}

// statement returns the statement of l as of asOf, its years allocated once.
func (s *Service) statement(l *Ledger, asOf hijri.Date, buf []YearBalance) Statement {
	if n := asOf.Year - l.Start.Year + 2; cap(buf) < n && n > 0 {
		buf = make([]YearBalance, 0, n)
	}
	return s.rules.Statement(l, asOf, buf)
}

// check runs the rules on a leave of f (but skip), counting the pending
// requests when pending is set: a new request must leave room for them; a
// decision is checked against what is granted.
func (s *Service) check(f *facts, kind Kind, from, to hijri.Date, skip string, pending bool) error {
	l, granted, err := s.ledger(f, from, skip, pending, true)
	if err != nil {
		return err
	}
	return s.rules.Check(&Request{Kind: kind, From: from, To: to, Birth: f.e.BirthDate, Ledger: l, Granted: granted}, s.cal)
}

// RequestInput is an employee's leave request.
type RequestInput struct {
	EmployeeID string     `json:"employee_id" validate:"required,max=200" ar:"معرف الملف"`
	Kind       Kind       `json:"kind" validate:"required,max=64" ar:"نوع الإجازة"`
	From       hijri.Date `json:"from" validate:"hijri_date" ar:"تاريخ البداية"`
	To         hijri.Date `json:"to" validate:"hijri_date" ar:"تاريخ النهاية"`
	Note       string     `json:"note,omitempty" validate:"max=1000" ar:"ملاحظات"`
	// Authorize, if set, sees the file before anything is checked (the
	// facade authorizes with it, so the file is read once).
	Authorize func(e records.Employee) error `json:"-" validate:"-"`
}

// Request records an employee's request for a leave, checked now against
// every rule (the pending requests hold their days too), so that a request
// HR receives can be granted. Sick and companion leaves come from medical
// reports (ErrNotRequestable).
//
// Errors: fault.ErrInvalidInput; ErrUnknownKind; ErrInvalidPeriod;
// ErrNotRequestable; ErrNotInService; ErrInPast; ErrRefused with every
// reason; records.ErrEmployeeNotFound.
func (s *Service) Request(ctx context.Context, in RequestInput) (Leave, error) {
	if err := s.v.Struct(in); err != nil {
		return Leave{}, err
	}
	if !in.Kind.Valid() {
		return Leave{}, ErrUnknownKind
	}
	if in.Kind == Sick || in.Kind == Companion {
		return Leave{}, ErrNotRequestable
	}
	if in.To.Before(in.From) {
		return Leave{}, ErrInvalidPeriod
	}
	now, today, err := s.clock()
	if err != nil {
		return Leave{}, err
	}
	var out Leave
	err = s.inTx(ctx, func(ctx context.Context) error {
		f, err := s.load(ctx, in.EmployeeID, in.Authorize)
		if err != nil {
			return err
		}
		if !f.e.ServiceEnd.IsZero() {
			return ErrNotInService
		}
		if in.From.Before(today) {
			return ErrInPast
		}
		if err := s.check(&f, in.Kind, in.From, in.To, "", true); err != nil {
			return err
		}
		out, err = s.store.CreateLeave(ctx, Leave{ID: s.newID(), EmployeeID: f.e.ID, NationalID: f.e.NationalID,
			AgencyID: f.e.Job.Agency.ID, Kind: in.Kind, From: in.From, To: in.To,
			Days: s.rules.Days(in.Kind, in.From, in.To, s.cal), Status: Requested, Note: in.Note,
			CreatedAt: now, UpdatedAt: now})
		return err
	})
	return out, err
}

// DecisionInput is HR's decision on a request, or an employee's
// cancellation.
type DecisionInput struct {
	ID string `json:"id" validate:"required,max=200" ar:"معرف الإجازة"`
	// Version is the leave's version as read.
	Version int64               `json:"version" validate:"min=1" ar:"الإصدار"`
	By      identity.NationalID `json:"by" ar:"متخذ القرار"`
	// Reason is required to reject.
	Reason string `json:"reason,omitempty" validate:"max=1000" ar:"السبب"`
	// Authorize, if set, sees the leave and its file before anything is
	// checked or written.
	Authorize func(l Leave, e records.Employee) error `json:"-" validate:"-"`
}

// open reads a leave at the version given and its employee's facts, after
// authorize.
func (s *Service) open(ctx context.Context, id string, version int64, authorize func(Leave, records.Employee) error) (Leave, facts, error) {
	l, err := s.store.GetLeave(ctx, id)
	if err != nil {
		return Leave{}, facts{}, err
	}
	f, err := s.load(ctx, l.EmployeeID, func(e records.Employee) error {
		if authorize != nil {
			return authorize(l, e)
		}
		return nil
	})
	if err != nil {
		return Leave{}, facts{}, err
	}
	if l.Version != version {
		return Leave{}, facts{}, ErrConflict
	}
	return l, f, nil
}

// Approve grants a requested leave: the rules are checked again (the
// balance or the history may have changed since the request), and the
// leave becomes a records history event of its kind atomically with its
// new status.
//
// Errors: fault.ErrInvalidInput; ErrNotFound; ErrConflict (stale
// version); ErrWrongStatus; ErrNotInService; ErrRefused; records errors
// (records.ErrInvalidHistory if the history refuses the event).
func (s *Service) Approve(ctx context.Context, in DecisionInput) (Leave, error) {
	return s.decide(ctx, in, func(ctx context.Context, l *Leave, f *facts, today hijri.Date) error {
		if l.Status != Requested {
			return ErrWrongStatus
		}
		if !f.e.ServiceEnd.IsZero() {
			return ErrNotInService
		}
		if err := s.check(f, l.Kind, l.From, l.To, l.ID, false); err != nil {
			return err
		}
		l.Status = Approved
		return s.writeEvent(ctx, l, f, today)
	})
}

// Reject refuses a requested leave with a reason (required).
//
// Errors: fault.ErrInvalidInput (no reason); ErrNotFound; ErrConflict;
// ErrWrongStatus.
func (s *Service) Reject(ctx context.Context, in DecisionInput) (Leave, error) {
	if in.Reason == "" {
		return Leave{}, fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: "reason", Reason: "required",
			Message: i18n.Text{EN: "reason is required", AR: "السبب مطلوب"}})
	}
	return s.decide(ctx, in, func(_ context.Context, l *Leave, _ *facts, _ hijri.Date) error {
		if l.Status != Requested {
			return ErrWrongStatus
		}
		l.Status = Rejected
		return nil
	})
}

// Cancel withdraws a leave: a request, or an approved leave that has not
// begun (its history event is removed, and its days return to the
// balance).
//
// Errors: fault.ErrInvalidInput; ErrNotFound; ErrConflict; ErrWrongStatus.
func (s *Service) Cancel(ctx context.Context, in DecisionInput) (Leave, error) {
	return s.decide(ctx, in, func(ctx context.Context, l *Leave, f *facts, today hijri.Date) error {
		switch {
		case l.Status == Requested:
		case l.Status == Approved && today.Before(l.From) && l.ReportNumber == "":
			if l.EventID != "" {
				if _, _, err := s.recs.RemoveHistoryEvents(ctx, records.HistoryRemoval{EmployeeID: f.e.ID, Version: f.e.Version,
					EventIDs: []string{l.EventID}}); err != nil {
					return err
				}
				l.EventID = ""
			}
		default:
			return ErrWrongStatus
		}
		l.Status = Cancelled
		return nil
	})
}

// decide runs one decision on a leave in one transaction.
func (s *Service) decide(ctx context.Context, in DecisionInput, act func(ctx context.Context, l *Leave, f *facts, today hijri.Date) error) (Leave, error) {
	if err := s.v.Struct(in); err != nil {
		return Leave{}, err
	}
	now, today, err := s.clock()
	if err != nil {
		return Leave{}, err
	}
	var out Leave
	err = s.inTx(ctx, func(ctx context.Context) error {
		l, f, err := s.open(ctx, in.ID, in.Version, in.Authorize)
		if err != nil {
			return err
		}
		if err := act(ctx, &l, &f, today); err != nil {
			return err
		}
		l.DecidedBy, l.DecidedAt, l.UpdatedAt = in.By, now, now
		if in.Reason != "" {
			l.Reason = in.Reason
		}
		out, err = s.store.UpdateLeave(ctx, l)
		return err
	})
	return out, err
}

// writeEvent adds or updates l's history event.
func (s *Service) writeEvent(ctx context.Context, l *Leave, f *facts, today hijri.Date) error {
	ev := records.HistoryEvent{Kind: records.KindLeave, Leave: l.Kind, Start: l.From, End: l.To,
		Decision: records.Decision{Date: today}, Note: l.Note}
	if l.EventID == "" {
		old := make(map[string]bool, len(f.h))
		for i := range f.h {
			old[f.h[i].ID] = true
		}
		e, h, err := s.recs.AddHistoryEvents(ctx, records.HistoryChange{EmployeeID: f.e.ID, Version: f.e.Version, Events: []records.HistoryEvent{ev}})
		if err != nil {
			return err
		}
		f.e, f.h = e, h
		for i := range h {
			if !old[h[i].ID] {
				l.EventID = h[i].ID
			}
		}
		return nil
	}
	ev.ID = l.EventID
	for i := range f.h {
		if f.h[i].ID == l.EventID {
			ev.Decision, ev.Note = f.h[i].Decision, f.h[i].Note
		}
	}
	e, h, err := s.recs.UpdateHistoryEvents(ctx, records.HistoryChange{EmployeeID: f.e.ID, Version: f.e.Version, Events: []records.HistoryEvent{ev}})
	if err == nil {
		f.e, f.h = e, h
	}
	return err
}

// DeferInput is the agency's deferral of an approved annual leave.
type DeferInput struct {
	ID      string              `json:"id" validate:"required,max=200" ar:"معرف الإجازة"`
	Version int64               `json:"version" validate:"min=1" ar:"الإصدار"`
	By      identity.NationalID `json:"by" ar:"متخذ القرار"`
	// From is the new first day; the leave keeps its length in days.
	From      hijri.Date                              `json:"from" validate:"hijri_date" ar:"تاريخ البداية الجديد"`
	Reason    string                                  `json:"reason" validate:"required,max=1000" ar:"السبب"`
	Authorize func(l Leave, e records.Employee) error `json:"-" validate:"-"`
}

// Defer moves an approved annual leave that has not begun to a later start
// for the needs of work (Reg 131(c)): at most Rules.DeferralMax days after
// the start first approved, keeping its length; the rules are checked on
// the new dates and the history event moves with it.
//
// Errors: fault.ErrInvalidInput; ErrNotFound; ErrConflict; ErrWrongStatus;
// ErrDeferral; ErrRefused.
func (s *Service) Defer(ctx context.Context, in DeferInput) (Leave, error) {
	return s.decide(ctx, DecisionInput{ID: in.ID, Version: in.Version, By: in.By, Reason: in.Reason, Authorize: in.Authorize},
		func(ctx context.Context, l *Leave, f *facts, today hijri.Date) error {
			if l.Status != Approved {
				return ErrWrongStatus
			}
			first := l.From
			if !l.DeferredFrom.IsZero() {
				first = l.DeferredFrom
			}
			if l.Kind != Annual || !today.Before(l.From) || !in.From.After(l.From) || hijri.DaysBetween(first, in.From) > s.rules.DeferralMax {
				return ErrDeferral
			}
			to, err := in.From.AddDays(hijri.DaysBetween(l.From, l.To))
			if err != nil {
				return ErrInvalidPeriod
			}
			if err := s.check(f, l.Kind, in.From, to, l.ID, false); err != nil {
				return err
			}
			l.DeferredFrom = first
			l.From, l.To = in.From, to
			l.Days = s.rules.Days(l.Kind, l.From, l.To, s.cal)
			return s.writeEvent(ctx, l, f, today)
		})
}

// RecallInput is the agency's recall of an employee from annual leave.
type RecallInput struct {
	ID      string              `json:"id" validate:"required,max=200" ar:"معرف الإجازة"`
	Version int64               `json:"version" validate:"min=1" ar:"الإصدار"`
	By      identity.NationalID `json:"by" ar:"متخذ القرار"`
	// On is the first day back at work (default today).
	On        hijri.Date                              `json:"on,omitzero" validate:"omitempty,hijri_date" ar:"تاريخ المباشرة"`
	Reason    string                                  `json:"reason" validate:"required,max=1000" ar:"السبب"`
	Authorize func(l Leave, e records.Employee) error `json:"-" validate:"-"`
}

// Recall ends an annual leave in progress early for the needs of work
// (Reg 159): the leave must have run Rules.RecallMinDays days by On, and On
// falls within it; the leave then ends the day before On, its history
// event too, and the days not used return to the balance.
//
// Errors: fault.ErrInvalidInput; ErrNotFound; ErrConflict; ErrWrongStatus;
// ErrRecall.
func (s *Service) Recall(ctx context.Context, in RecallInput) (Leave, error) {
	return s.decide(ctx, DecisionInput{ID: in.ID, Version: in.Version, By: in.By, Reason: in.Reason, Authorize: in.Authorize},
		func(ctx context.Context, l *Leave, f *facts, today hijri.Date) error {
			if l.Status != Approved {
				return ErrWrongStatus
			}
			on := in.On
			if on.IsZero() {
				on = today
			}
			if l.Kind != Annual || on.After(l.To) || hijri.DaysBetween(l.From, on) < s.rules.RecallMinDays || on.Before(today) {
				return ErrRecall
			}
			end, err := on.AddDays(-1)
			if err != nil {
				return ErrInvalidPeriod
			}
			l.To, l.RecalledOn = end, on
			l.Days = s.rules.Days(l.Kind, l.From, l.To, s.cal)
			return s.writeEvent(ctx, l, f, today)
		})
}

// ExtendInput is the agency's approval that a service year's balance may
// be used ExtraYears longer (Reg 131(a)).
type ExtendInput struct {
	EmployeeID string                         `json:"employee_id" validate:"required,max=200" ar:"معرف الملف"`
	Year       int                            `json:"year" validate:"min=1,max=100" ar:"سنة الخدمة"`
	By         identity.NationalID            `json:"by" ar:"متخذ القرار"`
	Reason     string                         `json:"reason" validate:"required,max=1000" ar:"السبب"`
	Authorize  func(e records.Employee) error `json:"-" validate:"-"`
}

// Extend records an extension of a service year's balance: the year must
// have begun and its balance not have expired yet.
//
// Errors: fault.ErrInvalidInput; ErrExtension; ErrConflict (extended
// already); records.ErrEmployeeNotFound.
func (s *Service) Extend(ctx context.Context, in ExtendInput) (Extension, error) {
	if err := s.v.Struct(in); err != nil {
		return Extension{}, err
	}
	now, today, err := s.clock()
	if err != nil {
		return Extension{}, err
	}
	var out Extension
	err = s.inTx(ctx, func(ctx context.Context) error {
		f, err := s.load(ctx, in.EmployeeID, in.Authorize)
		if err != nil {
			return err
		}
		l, _, err := s.ledger(&f, today, "", false, false)
		if err != nil {
			return err
		}
		st := s.statement(&l, today, nil)
		if in.Year > len(st.Years) || st.Years[in.Year-1].ExpiresOn.Before(today) {
			return ErrExtension
		}
		out, err = s.store.AddExtension(ctx, Extension{EmployeeID: f.e.ID, Year: in.Year, By: in.By, At: now, Reason: in.Reason})
		return err
	})
	return out, err
}

// Statement returns the file's annual-leave balance as of asOf (zero:
// today), from its history: reproducible for any past date.
//
// Errors: records.ErrEmployeeNotFound; fault.ErrInvalidInput for an invalid asOf.
func (s *Service) Statement(ctx context.Context, employeeID string, asOf hijri.Date, authorize func(records.Employee) error) (Statement, error) {
	if !asOf.IsZero() && !asOf.IsValid() {
		return Statement{}, invalid("as_of", "the date is not valid", "التاريخ غير صحيح")
	}
	if asOf.IsZero() {
		_, today, err := s.clock()
		if err != nil {
			return Statement{}, err
		}
		asOf = today
	}
	f, err := s.load(ctx, employeeID, authorize)
	if err != nil {
		return Statement{}, err
	}
	l, _, err := s.ledger(&f, asOf, "", false, false)
	if err != nil {
		return Statement{}, err
	}
	return s.statement(&l, asOf, nil), nil
}

func invalid(field, en, ar string) error {
	return fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: field, Reason: "invalid", Message: i18n.Text{EN: en, AR: ar}})
}

// Get returns the leave with the given ID.
//
// Errors: ErrNotFound.
func (s *Service) Get(ctx context.Context, id string) (Leave, error) {
	if err := validation.ID("id", id); err != nil {
		return Leave{}, err
	}
	return s.store.GetLeave(ctx, id)
}

// List returns a page of the leaves matching f, in the Store's order:
// f.Limit 0 means page.DefaultLimit, more than page.MaxLimit means
// page.MaxLimit; page on with f.After set to the previous page's Next.
//
// Errors: fault.ErrInvalidInput; ErrCursorNotFound.
func (s *Service) List(ctx context.Context, f Filter) (page.Page[Leave], error) {
	for _, c := range []struct{ field, v string }{{"after", f.After}, {"employee_id", f.EmployeeID}, {"agency_id", f.AgencyID}} {
		if err := validation.ID(c.field, c.v); err != nil {
			return page.Page[Leave]{}, err
		}
	}
	for i, st := range f.Statuses {
		if !st.Valid() {
			return page.Page[Leave]{}, invalid("statuses["+strconv.Itoa(i)+"]", "unknown status", "حالة غير معروفة")
		}
	}
	for i, k := range f.Kinds {
		if !k.Valid() {
			return page.Page[Leave]{}, invalid("kinds["+strconv.Itoa(i)+"]", "unknown leave kind", "نوع إجازة غير معروف")
		}
	}
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	ls, err := s.store.ListLeaves(ctx, f)
	if err != nil {
		return page.Page[Leave]{}, err
	}
	return page.New(ls, limit, func(l Leave) string { return l.ID }), nil
}

// PayStatement is the day-by-day pay of one sick leave.
type PayStatement struct {
	Leave Leave    `json:"leave"`
	Days  []DayPay `json:"days"`
	// Exhausted says some day is past every tranche: the case goes to the
	// medical authority (Reg 141(e)).
	Exhausted bool `json:"exhausted"`
}

// Pay returns the pay of each day of a sick leave (or of the sick part of
// a companion leave) as a payroll system needs it, counted with the
// employee's earlier sick leaves of its category.
//
// Errors: ErrNotFound; ErrNotSick; ErrWrongStatus (not approved).
func (s *Service) Pay(ctx context.Context, id string, authorize func(l Leave, e records.Employee) error) (PayStatement, error) {
	l, err := s.Get(ctx, id)
	if err != nil {
		return PayStatement{}, err
	}
	f, err := s.load(ctx, l.EmployeeID, func(e records.Employee) error {
		if authorize != nil {
			return authorize(l, e)
		}
		return nil
	})
	if err != nil {
		return PayStatement{}, err
	}
	span, cat, ok := sickSpan(&l)
	if !ok {
		return PayStatement{}, ErrNotSick
	}
	if l.Status != Approved {
		return PayStatement{}, ErrWrongStatus
	}
	var prior []Span
	for i := range f.leaves {
		p := &f.leaves[i]
		if p.Status != Approved || p.ID == l.ID || !p.From.Before(l.From) {
			continue
		}
		if ps, pc, ok := sickSpan(p); ok && pc == cat {
			prior = append(prior, ps)
		}
	}
	// sick leave recorded in the history without a leave of its own (an
	// imported file) counts as ordinary sickness.
	own := map[string]bool{}
	for _, p := range f.leaves {
		own[p.EventID] = true
	}
	if cat == Ordinary {
		for _, ev := range f.h {
			if ev.Kind == records.KindLeave && ev.Leave == Sick && !own[ev.ID] && ev.Start.Before(l.From) {
				end := eventEnd(&ev)
				if !end.Before(l.From) {
					end, _ = l.From.AddDays(-1)
				}
				prior = append(prior, Span{From: ev.Start, To: end})
			}
		}
	}
	slices.SortFunc(prior, func(a, b Span) int { return a.From.Compare(b.From) })
	days, err := s.rules.Sick.Pay(cat, prior, span)
	if err != nil {
		return PayStatement{}, err
	}
	out := PayStatement{Leave: l, Days: days}
	for _, d := range days {
		out.Exhausted = out.Exhausted || d.Exhausted
	}
	return out, nil
}

// sickSpan returns the days of l charged to a sick quota and its category.
func sickSpan(l *Leave) (Span, Category, bool) {
	switch {
	case l.Kind == Sick:
		return Span{From: l.From, To: l.To}, l.Category, true
	case l.Kind == Companion && l.Split.Sick > 0:
		from, err := l.To.AddDays(1 - l.Split.Sick)
		if err != nil {
			return Span{}, "", false
		}
		return Span{From: from, To: l.To}, Ordinary, true
	}
	return Span{}, "", false
}
