package separation

import (
	"slices"
	"strconv"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/records"
)

// Role is who takes a step on a case.
type Role string

// The roles.
const (
	// RoleEmployee: the employee, for a request of their own.
	RoleEmployee Role = "employee"
	// RoleHR: the agency's HR, acting for the appointing authority.
	RoleHR Role = "hr"
	// RoleSystem: the SDK's scheduled sweep.
	RoleSystem Role = "system"
)

// Roles lists every role in a stable order.
var Roles = []Role{RoleEmployee, RoleHR, RoleSystem}

// Rules are the timers and thresholds of the causes (SERVICES.md §1.1).
// DefaultRules documents the defaults and their sources.
type Rules struct {
	// ResignationDeemedDays: a resignation with no decision is accepted
	// this many days after filing (Reg 213): 30.
	ResignationDeemedDays int `json:"resignation_deemed_days"`
	// PostponementMaxDays: a postponement moves the leaving date at most
	// this many days after the date stated in the resignation (Reg 215): 60.
	PostponementMaxDays int `json:"postponement_max_days"`
	// EarlyRetirementYears: the service, in legal years, early retirement
	// needs (Reg 219): 20.
	EarlyRetirementYears int `json:"early_retirement_years"`
	// SeniorRanks need more than SeniorEarlyRetirementYears (25) and the
	// minister's approval (Reg 219): 14 and 15.
	SeniorRanks                []int `json:"senior_ranks"`
	SeniorEarlyRetirementYears int   `json:"senior_early_retirement_years"`
	// MaxExtensionYears: an extension beyond the statutory age is at most
	// this many years in all (Reg 104, 105): 5.
	MaxExtensionYears int `json:"max_extension_years"`
	// MedicalNotifyDays: the agency is notified of a medical incapacity
	// decision at most this many days after it (Reg 224): 30.
	MedicalNotifyDays int `json:"medical_notify_days"`
	// TransferExcuseDays: a transfer not executed can be acted on once this
	// many days from its notification have passed (Reg 226(a)): 15.
	TransferExcuseDays int `json:"transfer_excuse_days"`
	// AbsenceConsecutiveDays and AbsenceSeparateDays: the absence in the
	// year before filing that lets the agency end service (Reg 226): 15
	// consecutive or 30 in all.
	AbsenceConsecutiveDays int `json:"absence_consecutive_days"`
	AbsenceSeparateDays    int `json:"absence_separate_days"`
	// AbsenceExcuseDays: an excuse may be reported within this many days
	// of the first day of absence (Reg 227): 15.
	AbsenceExcuseDays int `json:"absence_excuse_days"`
	// Retirement are the retirement-age rules.
	Retirement RetirementRules `json:"retirement"`
	// Settlement are the leave cash-out rules.
	Settlement SettlementRules `json:"settlement"`
}

// DefaultRules returns the rules of SERVICES.md §1: 30 days to deemed
// acceptance, 60 days of postponement, 20 years for early retirement (more
// than 25 for ranks 14 and 15), 5 years of extension, 30 days to notify a
// medical incapacity, 15 days for a transfer's excuse, 15 consecutive or 30
// separate days of absence with 15 days for the excuse, and the default
// retirement and settlement rules.
func DefaultRules() Rules {
	return Rules{
		ResignationDeemedDays: 30, PostponementMaxDays: 60,
		EarlyRetirementYears: 20, SeniorRanks: []int{14, 15}, SeniorEarlyRetirementYears: 25,
		MaxExtensionYears: 5, MedicalNotifyDays: 30, TransferExcuseDays: 15,
		AbsenceConsecutiveDays: 15, AbsenceSeparateDays: 30, AbsenceExcuseDays: 15,
		Retirement: DefaultRetirementRules(), Settlement: DefaultSettlementRules(),
	}
}

// Clone returns a deep copy of r.
func (r Rules) Clone() Rules {
	r.SeniorRanks = slices.Clone(r.SeniorRanks)
	r.Settlement = r.Settlement.clone()
	return r
}

// File is what the rules read about an employee.
type File struct {
	Employee records.Employee       `json:"employee"`
	History  []records.HistoryEvent `json:"history"`
	// Retirement is the employee's retirement (with its extension), read
	// by the statutory-age cause.
	Retirement Retirement `json:"retirement,omitzero"`
	// Records are the service-duration rules (nil: records.DefaultRules()).
	Records *records.Rules `json:"-"`
}

func (f *File) duration(asOf hijri.Date) (records.Duration, error) {
	if f.Records != nil {
		return f.Records.ServiceDuration(f.History, records.PurposeTotal, asOf)
	}
	return records.ServiceDuration(f.History, records.PurposeTotal, asOf)
}

// Openers returns the roles that may open a case of cause c: the employee
// a resignation or an early retirement; the system (or HR) the statutory
// age; HR every other cause.
func Openers(c Cause) []Role {
	switch c {
	case CauseResignation, CauseEarlyRetirement:
		return []Role{RoleEmployee}
	case CauseStatutoryAge:
		return []Role{RoleSystem, RoleHR}
	}
	return []Role{RoleHR}
}

// EmployeeRequest reports whether c is the employee's own request
// (resignation, early retirement), which the employee may withdraw.
func (c Cause) EmployeeRequest() bool { return c == CauseResignation || c == CauseEarlyRetirement }

// ByForceOfLaw reports whether a case of cause c is accepted as it is
// opened: the statutory age, a final judgment's dismissal, a royal order,
// the loss of nationality and death (and a medical incapacity whose
// notification is known). The others wait for a decision.
func (c Cause) ByForceOfLaw() bool {
	switch c {
	case CauseStatutoryAge, CauseDismissal, CauseRoyalOrder, CauseNationalityLoss, CauseDeath:
		return true
	}
	return false
}

// EndReason maps a cause to the end-of-service reason of its history
// event: resignation → EndResignation; early retirement → EndEarlyRetirement;
// statutory age → EndRetirement; medical incapacity → EndMedical; death →
// EndDeath; disciplinary dismissal, transfer not executed, absence and
// unsatisfactory ratings (the agency ends service for the employee's
// conduct or performance) → EndDismissal; royal order and loss of
// nationality → EndOther.
func (c Cause) EndReason() records.EndReason {
	switch c {
	case CauseResignation:
		return records.EndResignation
	case CauseEarlyRetirement:
		return records.EndEarlyRetirement
	case CauseStatutoryAge:
		return records.EndRetirement
	case CauseMedical:
		return records.EndMedical
	case CauseDeath:
		return records.EndDeath
	case CauseDismissal, CauseTransferNotExecuted, CauseAbsence, CauseUnsatisfactoryRatings:
		return records.EndDismissal
	}
	return records.EndOther
}

func why(field, reason, en, ar string) fault.FieldViolation {
	return fault.FieldViolation{Field: field, Reason: "separation." + reason, Message: i18n.Text{EN: en, AR: ar}}
}

func refused(v []fault.FieldViolation) error {
	if len(v) == 0 {
		return nil
	}
	return ErrRefused.WithFields(v...)
}

func addDays(d hijri.Date, n int) hijri.Date {
	out, err := d.AddDays(n)
	if err != nil {
		if n < 0 {
			return hijri.MustNew(hijri.MinYear, 1, 1)
		}
		return hijri.MustNew(hijri.MaxYear, 12, hijri.DaysInMonth(hijri.MaxYear, 12))
	}
	return out
}

func later(a, b hijri.Date) hijri.Date {
	if a.After(b) {
		return a
	}
	return b
}

// Barred reports whether h holds, on day, an open suspension or referral
// to trial (Reg 216): one that covers day or is still ongoing.
func Barred(h []records.HistoryEvent, day hijri.Date) bool {
	for _, ev := range records.ActiveOn(h, day) {
		if ev.Kind == records.KindSuspension || ev.Kind == records.KindTrialReferral {
			return true
		}
	}
	return false
}

// openSuspension returns the suspension of h open on day.
func openSuspension(h []records.HistoryEvent, day hijri.Date) (records.HistoryEvent, bool) {
	for _, ev := range records.ActiveOn(h, day) {
		if ev.Kind == records.KindSuspension {
			return ev, true
		}
	}
	return records.HistoryEvent{}, false
}

// ServiceBy returns the total service (records.PurposeTotal) through
// lastDay inclusive.
func (f *File) ServiceBy(lastDay hijri.Date) (records.Duration, error) {
	return f.duration(addDays(lastDay, 1))
}

// CheckEarlyRetirement checks the service early retirement needs by
// lastDay (Reg 219): Rules.EarlyRetirementYears legal years (a year is 12
// Hijri months, Reg 1); for Rules.SeniorRanks more than
// SeniorEarlyRetirementYears, and approval (the minister's) when
// needApproval is set.
func (r *Rules) CheckEarlyRetirement(f *File, lastDay hijri.Date, approval string, needApproval bool) error {
	d, err := f.ServiceBy(lastDay)
	if err != nil {
		return refused([]fault.FieldViolation{why("employee_id", "no_service", "the file has no service to count", "لا توجد خدمة محسوبة في الملف")})
	}
	if slices.Contains(r.SeniorRanks, f.Employee.Job.Rank) {
		if d.Period.TotalDays() <= r.SeniorEarlyRetirementYears*360 {
			return refused([]fault.FieldViolation{why("employee_id", "service_short",
				"ranks "+ranks(r.SeniorRanks)+" retire early after more than "+strconv.Itoa(r.SeniorEarlyRetirementYears)+" years of service",
				"التقاعد المبكر لشاغلي المرتبتين "+ranks(r.SeniorRanks)+" بعد خدمة تزيد على "+strconv.Itoa(r.SeniorEarlyRetirementYears)+" سنة")})
		}
		if needApproval && approval == "" {
			return ErrApprovalRequired
		}
		return nil
	}
	if d.Period.Years < r.EarlyRetirementYears {
		return refused([]fault.FieldViolation{why("employee_id", "service_short",
			"early retirement needs "+strconv.Itoa(r.EarlyRetirementYears)+" years of service",
			"يشترط للتقاعد المبكر خدمة "+strconv.Itoa(r.EarlyRetirementYears)+" سنة")})
	}
	return nil
}

func ranks(rs []int) string {
	s := ""
	for i, r := range rs {
		if i > 0 {
			s += "/"
		}
		s += strconv.Itoa(r)
	}
	return s
}

// AbsenceDays returns the absence (records.KindAbsence) in the year before
// filed: from the same day a Hijri year earlier (the last day of the month
// when it has fewer days) to the day before filed, both included. longest is
// the longest run of consecutive days (adjacent or overlapping events
// merged), total the days in all; an ongoing absence runs to the day
// before filed.
func AbsenceDays(h []records.HistoryEvent, filed hijri.Date) (longest, total int) {
	from, err := addAge(filed, Age{Years: -1, Calendar: HijriYears})
	if err != nil {
		from = hijri.MustNew(hijri.MinYear, 1, 1)
	}
	to := addDays(filed, -1)
	type run struct{ a, b hijri.Date }
	var runs []run
	for i := range h {
		ev := &h[i]
		if ev.Kind != records.KindAbsence {
			continue
		}
		end := ev.End
		if end.IsZero() || end.After(to) {
			end = to
		}
		start := later(ev.Start, from)
		if end.Before(start) {
			continue
		}
		runs = append(runs, run{start, end})
	}
	slices.SortFunc(runs, func(x, y run) int { return x.a.Compare(y.a) })
	var cur *run
	flush := func() {
		if cur != nil {
			n := hijri.DaysBetween(cur.a, cur.b) + 1
			total += n
			longest = max(longest, n)
		}
	}
	for i := range runs {
		rn := runs[i]
		if cur != nil && !rn.a.After(addDays(cur.b, 1)) {
			cur.b = later(cur.b, rn.b)
			continue
		}
		flush()
		cur = &rn
	}
	flush()
	return longest, total
}

// CheckOpen checks a new case c of cause c.Cause opened by role on today
// against f: the role, the file in service, the grounds the cause needs,
// the bars and thresholds. It returns ErrUnknownCause, ErrNotPermitted,
// ErrNotInService, ErrBarred, ErrExcuseWindow or ErrRefused with every
// reason.
func (r *Rules) CheckOpen(c *Case, f *File, role Role, today hijri.Date) error {
	if !c.Cause.Valid() {
		return ErrUnknownCause
	}
	if !slices.Contains(Openers(c.Cause), role) {
		return ErrNotPermitted
	}
	if !f.Employee.ServiceEnd.IsZero() {
		return ErrNotInService
	}
	var v []fault.FieldViolation
	g := &c.Grounds
	if !c.Requested.IsZero() && c.Requested.Before(c.Filed) {
		v = append(v, why("requested", "requested_before_filed", "the leaving date asked for is before the filing day",
			"تاريخ ترك العمل المطلوب يسبق تاريخ تقديم الطلب"))
	}
	needOn := c.Cause != CauseResignation && c.Cause != CauseEarlyRetirement && c.Cause != CauseStatutoryAge &&
		c.Cause != CauseUnsatisfactoryRatings
	switch {
	case needOn && g.On.IsZero():
		v = append(v, why("grounds.on", "on_required", "the date of the fact is required", "تاريخ الواقعة مطلوب"))
	case !g.On.IsZero() && g.On.After(today):
		v = append(v, why("grounds.on", "on_in_future", "the date of the fact is after today", "تاريخ الواقعة بعد اليوم"))
	case !g.On.IsZero() && f.Employee.Job.StartDate.IsValid() && len(records.Spells(f.History)) > 0 &&
		g.On.Before(records.Spells(f.History)[len(records.Spells(f.History))-1].From):
		v = append(v, why("grounds.on", "on_before_service", "the date of the fact is before the start of service",
			"تاريخ الواقعة يسبق بداية الخدمة"))
	}
	if (c.Cause == CauseDismissal || c.Cause == CauseRoyalOrder || c.Cause == CauseDeath) && g.Reference == "" {
		v = append(v, why("grounds.reference", "reference_required", "the number of the judgment, order or certificate is required",
			"رقم الحكم أو الأمر أو الشهادة مطلوب"))
	}
	switch c.Cause {
	case CauseResignation, CauseEarlyRetirement:
		if Barred(f.History, today) {
			return ErrBarred
		}
		if c.Cause == CauseEarlyRetirement && len(v) == 0 {
			if err := r.CheckEarlyRetirement(f, later(c.Requested, c.Filed), "", false); err != nil {
				return err
			}
		}
	case CauseStatutoryAge:
		if f.Retirement.LastDay.IsZero() {
			v = append(v, why("employee_id", "no_retirement", "the retirement date is not known", "تاريخ التقاعد غير معروف"))
		}
	case CauseMedical:
		if !g.NotifiedOn.IsZero() && !g.On.IsZero() {
			v = append(v, r.checkNotified(g.On, g.NotifiedOn, today)...)
		}
	case CauseTransferNotExecuted:
		if len(v) == 0 && hijri.DaysBetween(g.On, today) <= r.TransferExcuseDays {
			return ErrExcuseWindow
		}
	case CauseAbsence:
		if longest, total := AbsenceDays(f.History, c.Filed); longest < r.AbsenceConsecutiveDays && total < r.AbsenceSeparateDays {
			v = append(v, why("grounds.on", "absence_short",
				"the year before holds fewer than "+strconv.Itoa(r.AbsenceConsecutiveDays)+" consecutive or "+strconv.Itoa(r.AbsenceSeparateDays)+" separate days of absence",
				"لم يبلغ الغياب في السنة السابقة "+strconv.Itoa(r.AbsenceConsecutiveDays)+" يومًا متصلة أو "+strconv.Itoa(r.AbsenceSeparateDays)+" يومًا متفرقة"))
		}
	case CauseUnsatisfactoryRatings:
		ys := slices.Clone(g.RatingYears)
		slices.Sort(ys)
		if len(ys) != 3 || ys[1] != ys[0]+1 || ys[2] != ys[1]+1 {
			v = append(v, why("grounds.rating_years", "ratings_not_consecutive", "three consecutive rating years are required",
				"يلزم تقويم غير مرض ثلاث سنوات متتالية"))
		}
		if g.GrievanceAccepted {
			v = append(v, why("grounds.grievance_accepted", "grievance_accepted", "a grievance against one of the ratings was accepted",
				"قبل تظلم من أحد التقويمات"))
		}
	}
	return refused(v)
}

func (r *Rules) checkNotified(on, notified, today hijri.Date) []fault.FieldViolation {
	if notified.Before(on) || hijri.DaysBetween(on, notified) > r.MedicalNotifyDays || notified.After(today) {
		return []fault.FieldViolation{why("grounds.notified_on", "notification_late",
			"the notification must be on or after the decision, at most "+strconv.Itoa(r.MedicalNotifyDays)+" days after it, and not after today",
			"يجب أن يكون الإبلاغ في تاريخ القرار أو بعده بما لا يزيد على "+strconv.Itoa(r.MedicalNotifyDays)+" يومًا ولا يتجاوز اليوم")}
	}
	return nil
}

// OpenLastDay returns the last day of a case accepted as it is opened
// (ByForceOfLaw, or a medical incapacity with its notification), and false
// for a case that waits for a decision: the statutory age's retirement
// LastDay (the extension's when there is one); a dismissal's day before
// the suspension open on the judgment day, else the judgment day (Reg
// 230); a royal order's, a loss of nationality's and a death's On (Reg
// 234: the day of death is the last day); a medical incapacity's
// NotifiedOn (Reg 224).
func (r *Rules) OpenLastDay(c *Case, f *File) (hijri.Date, bool) {
	switch c.Cause {
	case CauseStatutoryAge:
		return f.Retirement.LastDay, true
	case CauseDismissal:
		if s, ok := openSuspension(f.History, c.Grounds.On); ok {
			return addDays(s.Start, -1), true
		}
		return c.Grounds.On, true
	case CauseRoyalOrder, CauseNationalityLoss, CauseDeath:
		return c.Grounds.On, true
	case CauseMedical:
		if !c.Grounds.NotifiedOn.IsZero() {
			return c.Grounds.NotifiedOn, true
		}
	}
	return hijri.Date{}, false
}

// DeemedOn returns the day a resignation filed on filed is accepted by
// the lapse of Rules.ResignationDeemedDays without a decision (Reg 213).
func (r *Rules) DeemedOn(filed hijri.Date) hijri.Date {
	return addDays(filed, r.ResignationDeemedDays)
}

// DeemedLastDay returns the last day of a resignation deemed accepted:
// its PostponedTo when postponed, else the later of Requested and DeemedOn.
func (r *Rules) DeemedLastDay(c *Case) hijri.Date {
	if !c.PostponedTo.IsZero() {
		return c.PostponedTo
	}
	return later(c.Requested, r.DeemedOn(c.Filed))
}

// MedicalDeadline returns the last day the agency may be notified of a
// medical incapacity decided on on (Reg 224): on + Rules.MedicalNotifyDays.
// A case not notified by then ends on that day [INF].
func (r *Rules) MedicalDeadline(on hijri.Date) hijri.Date { return addDays(on, r.MedicalNotifyDays) }

// AcceptLastDay checks HR's acceptance on today of an open case c and
// returns its last day: a resignation's PostponedTo when postponed, else
// the later of Requested and today (the deemed last day once
// Rules.ResignationDeemedDays have passed); an early retirement's the later of
// Requested and today, with the service checked by then and approval
// required for the senior ranks; a medical incapacity's notification day
// (notified, or the case's NotifiedOn); a transfer's, absence's or ratings'
// the later of Requested and today, an absence only once its excuse window
// has passed (ErrExcuseWindow). A resignation or early retirement is
// barred while suspended or under trial (ErrBarred).
func (r *Rules) AcceptLastDay(c *Case, f *File, today, notified hijri.Date, approval string) (hijri.Date, error) {
	if c.State != Submitted && c.State != Postponed {
		return hijri.Date{}, ErrWrongState
	}
	last := later(c.Requested, today)
	switch c.Cause {
	case CauseResignation:
		if Barred(f.History, today) {
			return hijri.Date{}, ErrBarred
		}
		switch {
		case !c.PostponedTo.IsZero():
			last = c.PostponedTo
		case !today.Before(r.DeemedOn(c.Filed)):
			// Deemed accepted already (Reg 213), whether or not a sweep
			// has recorded it: the decision cannot move the day later.
			last = r.DeemedLastDay(c)
		}
	case CauseEarlyRetirement:
		if Barred(f.History, today) {
			return hijri.Date{}, ErrBarred
		}
		if err := r.CheckEarlyRetirement(f, last, approval, true); err != nil {
			return hijri.Date{}, err
		}
	case CauseMedical:
		if notified.IsZero() {
			notified = c.Grounds.NotifiedOn
		}
		if notified.IsZero() {
			return hijri.Date{}, refused([]fault.FieldViolation{why("notified_on", "notification_required",
				"the day the agency was notified is required", "تاريخ إبلاغ الجهة مطلوب")})
		}
		if err := refused(r.checkNotified(c.Grounds.On, notified, today)); err != nil {
			return hijri.Date{}, err
		}
		last = notified
	case CauseAbsence:
		if hijri.DaysBetween(c.Grounds.On, today) <= r.AbsenceExcuseDays {
			return hijri.Date{}, ErrExcuseWindow
		}
	case CauseTransferNotExecuted, CauseUnsatisfactoryRatings:
	default:
		return hijri.Date{}, ErrWrongState
	}
	return last, nil
}

// CheckPostpone checks a postponement on today of resignation c to to
// (Reg 215): the case is a submitted resignation, today is before its
// DeemedOn, and to is after the date stated (Requested, or Filed when none)
// and at most Rules.PostponementMaxDays after it.
func (r *Rules) CheckPostpone(c *Case, to, today hijri.Date) error {
	if c.Cause != CauseResignation || c.State != Submitted {
		return ErrWrongState
	}
	base := c.Requested
	if base.IsZero() {
		base = c.Filed
	}
	if !today.Before(r.DeemedOn(c.Filed)) || !to.After(base) || hijri.DaysBetween(base, to) > r.PostponementMaxDays {
		return ErrPostponement
	}
	return nil
}

// CheckWithdraw checks the employee's withdrawal on today of request c
// (Reg 217): a resignation or early retirement, open, and before its
// LastDay; once accepted, with the minister's approval.
func (r *Rules) CheckWithdraw(c *Case, today hijri.Date, approval string) error {
	if !c.Cause.EmployeeRequest() || !c.State.Open() {
		return ErrWrongState
	}
	if c.State == Accepted {
		if !today.Before(c.LastDay) {
			return ErrWrongState
		}
		if approval == "" {
			return ErrApprovalRequired
		}
	}
	return nil
}

// CheckExtension checks an extension of ret to to (Reg 104, 105): after
// the statutory last day and at most Rules.MaxExtensionYears Hijri years
// [INF: the calendar of the extension years] beyond it.
func (r *Rules) CheckExtension(ret *Retirement, to hijri.Date) error {
	limit, err := addAge(ret.StatutoryLastDay, Age{Years: r.MaxExtensionYears, Calendar: HijriYears})
	if err != nil {
		limit = addDays(ret.StatutoryLastDay, r.MaxExtensionYears*355)
	}
	if !to.After(ret.StatutoryLastDay) || to.After(limit) {
		return ErrExtension
	}
	return nil
}
