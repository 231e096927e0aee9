package records

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/internal/validation"
)

// EventKind is the kind of an effective-dated history event.
type EventKind string

// The event kinds. Appointment, promotion and transfer are job events: each
// starts a job segment that lasts until the next job event or the end of
// service. End of service is a single day. Every other kind is a period from
// Start to End.
//
// A file may hold several spells of service (CSL art 18(c)): an appointment
// after an end of service is a re-appointment, and the days between the two
// are not service for any purpose (see Spells).
const (
	KindAppointment  EventKind = "appointment"    // تعيين: the actual start of service (تاريخ المباشرة)
	KindPromotion    EventKind = "promotion"      // ترقية
	KindTransfer     EventKind = "transfer"       // نقل
	KindAssignment   EventKind = "assignment"     // تكليف: a temporary assignment to another job
	KindSecondment   EventKind = "secondment"     // إعارة
	KindLeave        EventKind = "leave"          // إجازة: annual, exceptional (unpaid) or study
	KindTraining     EventKind = "training"       // تدريب
	KindScholarship  EventKind = "scholarship"    // ابتعاث (outside the Kingdom) or إيفاد (inside)
	KindSuspension   EventKind = "suspension"     // كف اليد, with its outcome
	KindAbsence      EventKind = "absence"        // غياب بدون سند نظامي: absence not counted as leave
	KindPenalty      EventKind = "penalty"        // عقوبة تأديبية
	KindEndOfService EventKind = "end_of_service" // انتهاء الخدمة: Start is the last day of service
	// KindTrialReferral is a referral to trial (الإحالة إلى المحاكمة) in a
	// job-related matter or one affecting honour or trust, which bars
	// promotion while it lasts (Reg art 49(c)). End is the day it ended and
	// Outcome how: Acquitted, Convicted or Dropped. Referrals on other
	// matters are not recorded with this kind.
	KindTrialReferral EventKind = "trial_referral"
	// KindImprisonment is time in prison or detention (السجن أو التوقيف)
	// not charged to the employee's leave: it earns no annual leave (Reg art
	// 135(f)). Prison time charged to leave (Reg art 134) is recorded as the
	// leave it was charged to.
	KindImprisonment EventKind = "imprisonment"
	// KindDeFacto is a period worked as a de facto employee (موظف فعلي), for
	// instance past the statutory retirement age without a legal basis: it is
	// not counted as service for any purpose (Reg art 222). Record it before
	// the end of service, which is the last day actually worked.
	KindDeFacto EventKind = "de_facto"
)

// IsJob reports whether k starts a job segment (appointment, promotion, transfer).
func (k EventKind) IsJob() bool {
	return k == KindAppointment || k == KindPromotion || k == KindTransfer
}

// IsPeriod reports whether events of kind k span Start..End (End zero: ongoing).
func (k EventKind) IsPeriod() bool {
	switch k {
	case KindAssignment, KindSecondment, KindLeave, KindTraining, KindScholarship, KindSuspension, KindAbsence, KindPenalty,
		KindTrialReferral, KindImprisonment, KindDeFacto:
		return true
	}
	return false
}

// periodKinds lists the kinds IsPeriod reports (checkOverlaps indexes by it).
var periodKinds = [...]EventKind{KindAssignment, KindSecondment, KindLeave, KindTraining, KindScholarship, KindSuspension,
	KindAbsence, KindPenalty, KindTrialReferral, KindImprisonment, KindDeFacto}

// order sorts events of the same start date: job events first, end of service last.
func (k EventKind) order() int {
	switch k {
	case KindAppointment:
		return 0
	case KindPromotion, KindTransfer:
		return 1
	case KindPenalty:
		return 3
	case KindEndOfService:
		return 9
	}
	return 2
}

// LeaveType is the type of a leave.
type LeaveType string

// The leave types of Reg art 126, which package leave rules on (its kinds
// are these types). Service duration reads them through the exclusion rules
// (DefaultRules): which types a purpose excludes is configuration.
const (
	AnnualLeave      LeaveType = "annual"      // الإجازة العادية
	ExceptionalLeave LeaveType = "exceptional" // الإجازة الاستثنائية (unpaid)
	StudyLeave       LeaveType = "study"       // الإجازة الدراسية
	SickLeave        LeaveType = "sick"        // الإجازة المرضية (Reg 141)
	CompanionLeave   LeaveType = "companion"   // إجازة مرافق مريض (Reg 147)
	MaternityLeave   LeaveType = "maternity"   // إجازة الوضع (Reg 151)
	MotherhoodLeave  LeaveType = "motherhood"  // إجازة الأمومة (Reg 152), at quarter pay
	PaternityLeave   LeaveType = "paternity"   // إجازة المولود (Reg 153)
	BereavementLeave LeaveType = "bereavement" // إجازة الوفاة (Reg 150)
	EmergencyLeave   LeaveType = "emergency"   // الإجازة الاضطرارية (Reg 140)
	ExamLeave        LeaveType = "exam"        // إجازة الامتحان (Reg 137)
	// CompensationLeave is time off for work on a holiday (إجازة تعويضية, Reg 129).
	CompensationLeave LeaveType = "compensation"
	// DisabilityCareLeave is training to care for a person with a disability
	// (إجازة التدريب على رعاية ذوي الإعاقة, Reg 155).
	DisabilityCareLeave LeaveType = "disability_care"
	// ExcusedAbsenceLeave is an absence with an accepted excuse charged to
	// the annual balance (الغياب بعذر المحتسب من الرصيد, Reg 156).
	ExcusedAbsenceLeave LeaveType = "excused_absence"
	// SpouseCompanionLeave is the exceptional leave of a female employee
	// accompanying her husband or legal provider abroad (مرافقة الزوج, Reg 149):
	// unpaid, like exceptional leave.
	SpouseCompanionLeave LeaveType = "spouse_companion"
)

// LeaveTypes lists every leave type in a stable order.
var LeaveTypes = []LeaveType{AnnualLeave, ExceptionalLeave, StudyLeave, SickLeave, CompanionLeave, MaternityLeave,
	MotherhoodLeave, PaternityLeave, BereavementLeave, EmergencyLeave, ExamLeave, CompensationLeave, DisabilityCareLeave,
	ExcusedAbsenceLeave, SpouseCompanionLeave}

// HostKind is the kind of body an employee is seconded to.
type HostKind string

// The host kinds. Reg art 48(b)(2) and 135(d) treat them differently.
const (
	HostGovernment    HostKind = "government"
	HostInternational HostKind = "international" // a regional or international body or organisation
	HostNonGovernment HostKind = "non_government"
)

// Location says whether training or study is inside or outside the Kingdom.
type Location string

// The locations.
const (
	InsideKingdom  Location = "inside"
	OutsideKingdom Location = "outside"
)

// Outcome is the result of a training course, scholarship, study leave,
// suspension or referral to trial. The zero Outcome means the result is not
// known yet.
type Outcome string

// The outcomes. Achieved and NotAchieved apply to training, scholarship and
// study leave; Cleared and Penalized to suspension; Acquitted, Convicted and
// Dropped to a referral to trial.
const (
	OutcomePending Outcome = ""
	Achieved       Outcome = "achieved"
	NotAchieved    Outcome = "not_achieved"
	Cleared        Outcome = "cleared"
	Penalized      Outcome = "penalized"
	Acquitted      Outcome = "acquitted" // البراءة
	Convicted      Outcome = "convicted" // الإدانة
	Dropped        Outcome = "dropped"   // حفظ الدعوى أو انقضاؤها دون حكم
)

// PenaltyType is a disciplinary penalty of the Employee Discipline Law.
type PenaltyType string

// The penalty types.
const (
	PenaltyWarning              PenaltyType = "warning"
	PenaltyReprimand            PenaltyType = "reprimand"
	PenaltyDeduction            PenaltyType = "deduction" // PenaltyDays days of salary
	PenaltyIncrementDeprivation PenaltyType = "increment_deprivation"
	PenaltyPromotionBar         PenaltyType = "promotion_bar" // no promotion consideration from Start to End
	PenaltyDismissal            PenaltyType = "dismissal"
)

// EndReason is why service ended.
type EndReason string

// The end-of-service reasons (CSL art 30).
const (
	EndRetirement      EndReason = "retirement"
	EndEarlyRetirement EndReason = "early_retirement"
	EndResignation     EndReason = "resignation"
	EndMedical         EndReason = "medical"
	EndDismissal       EndReason = "dismissal"
	EndJobAbolition    EndReason = "job_abolition"
	EndDeath           EndReason = "death"
	EndOther           EndReason = "other"
)

// Decision identifies the administrative decision behind an event.
type Decision struct {
	Number string     `json:"number,omitempty" validate:"max=60" ar:"رقم القرار"`
	Date   hijri.Date `json:"date,omitzero" ar:"تاريخ القرار"`
}

// HistoryEvent is one effective-dated event of an employee's job history.
//
// Dates are civil Hijri dates and inclusive: a leave from 1445-09-01 to
// 1445-09-10 covers ten days. Which fields apply depends on Kind:
//
//	appointment, promotion, transfer  Job (required); End must be zero; Exceptional (promotion only)
//	assignment                        End; Job (optional: the job assigned to)
//	secondment                        End; Host (required), Institution (the host body)
//	leave                             End; Leave (required); Outcome for study leave
//	training, scholarship             End; Location (required), Institution, Subject, Outcome
//	suspension                        End; Outcome (cleared or penalized once decided)
//	absence                           End
//	penalty                           Penalty (required), PenaltyDays (deduction only), End (optional)
//	end_of_service                    EndReason (required); Start is the last day of service; End must be zero
//	trial_referral                    End and Outcome (acquitted, convicted or dropped) together once it ended; Subject
//	imprisonment, de_facto            End
//
// A zero End on a period kind means the period is ongoing, except for a
// penalty, where it means a single day (Ongoing reports it).
type HistoryEvent struct {
	// ID identifies the event; the Service assigns it.
	ID    string     `json:"id"`
	Kind  EventKind  `json:"kind" validate:"required" ar:"نوع الحدث"`
	Start hijri.Date `json:"start" ar:"تاريخ البداية"`
	End   hijri.Date `json:"end,omitzero" ar:"تاريخ النهاية"`
	// Decision is the decision behind the event (رقم وتاريخ القرار).
	Decision Decision `json:"decision" ar:"القرار"`
	// Job is the job held from Start for job events; for an assignment, the job assigned to.
	Job         *Job        `json:"job,omitempty" validate:"omitnil" ar:"الوظيفة"`
	Leave       LeaveType   `json:"leave,omitempty" ar:"نوع الإجازة"`
	Host        HostKind    `json:"host,omitempty" ar:"نوع الجهة المعار إليها"`
	Location    Location    `json:"location,omitempty" ar:"المكان"`
	Institution string      `json:"institution,omitempty" validate:"max=200" ar:"الجهة"`
	Subject     string      `json:"subject,omitempty" validate:"max=200" ar:"الموضوع أو التخصص"`
	Outcome     Outcome     `json:"outcome,omitempty" ar:"النتيجة"`
	Penalty     PenaltyType `json:"penalty,omitempty" ar:"نوع العقوبة"`
	PenaltyDays int         `json:"penalty_days,omitempty" validate:"min=0,max=366" ar:"أيام الحسم"`
	EndReason   EndReason   `json:"end_reason,omitempty" ar:"سبب انتهاء الخدمة"`
	// Exceptional marks an exceptional promotion, two ranks up (Reg art 54):
	// no promotion may follow it for two years (art 55), and no exceptional
	// one for three (art 56).
	Exceptional bool   `json:"exceptional,omitempty" ar:"ترقية استثنائية"`
	Note        string `json:"note,omitempty" validate:"max=1000" ar:"ملاحظات"`
}

// Ongoing reports whether ev is a period without an end date yet.
func (ev *HistoryEvent) Ongoing() bool {
	return ev.End.IsZero() && ev.Kind.IsPeriod() && ev.Kind != KindPenalty
}

// Clone returns a deep copy of ev.
func (ev HistoryEvent) Clone() HistoryEvent {
	if ev.Job != nil {
		j := *ev.Job
		ev.Job = &j
	}
	return ev
}

// CloneHistory returns a deep copy of h.
func CloneHistory(h []HistoryEvent) []HistoryEvent {
	if h == nil {
		return nil
	}
	out := make([]HistoryEvent, len(h))
	for i, ev := range h {
		out[i] = ev.Clone()
	}
	return out
}

// compareEvents is the canonical order of a history: by Start, then job
// events before periods and the end of service last, then by End (ongoing
// last), then by ID.
func compareEvents(a, b *HistoryEvent) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Kind.order(), b.Kind.order()); c != 0 {
		return c
	}
	if a.End != b.End {
		switch {
		case a.End.IsZero():
			return 1
		case b.End.IsZero():
			return -1
		}
		return a.End.Compare(b.End)
	}
	return cmp.Compare(a.ID, b.ID)
}

// SortHistory sorts h in place in the canonical order: by Start; on the same
// day job events first and the end of service last; then by End and ID.
func SortHistory(h []HistoryEvent) {
	slices.SortStableFunc(h, func(a, b HistoryEvent) int { return compareEvents(&a, &b) })
}

// JobSegment is the time an employee held one job: from a job event to the
// day before the next one, or to the last day of service.
type JobSegment struct {
	// Event is the appointment, promotion or transfer that started the segment.
	Event HistoryEvent `json:"event"`
	// From is the first day of the segment (the event's Start).
	From hijri.Date `json:"from"`
	// To is the last day of the segment, inclusive; zero while the job is current.
	To hijri.Date `json:"to,omitzero"`
}

// JobSegments returns the job segments of h in order, with their real end
// dates: each segment ends the day before the next job event, or on the last
// day of its spell of service when an end of service comes first (or is
// ongoing). h need not be sorted.
func JobSegments(h []HistoryEvent) []JobSegment {
	var segs []JobSegment
	var ends []hijri.Date
	for i := range h {
		if h[i].Kind.IsJob() {
			segs = append(segs, JobSegment{Event: h[i].Clone(), From: h[i].Start})
		} else if h[i].Kind == KindEndOfService {
			ends = append(ends, h[i].Start)
		}
	}
	slices.SortStableFunc(segs, func(a, b JobSegment) int { return compareEvents(&a.Event, &b.Event) })
	slices.SortFunc(ends, hijri.Date.Compare)
	for i := range segs {
		// The first end of service on or after the segment's start ends it,
		// unless the next job event comes first.
		k, _ := slices.BinarySearchFunc(ends, segs[i].From, hijri.Date.Compare)
		var end hijri.Date
		if k < len(ends) {
			end = ends[k]
		}
		if i+1 < len(segs) && (end.IsZero() || segs[i+1].From.Compare(end) <= 0) {
			if d, err := segs[i+1].From.AddDays(-1); err == nil {
				end = d
			}
		}
		segs[i].To = end
	}
	return segs
}

// Spell is one spell of service: from an appointment to the end of service
// that closes it. A file holds several when an employee was re-appointed
// after an end of service (CSL art 18(c)); the days between two spells are
// not service for any purpose.
type Spell struct {
	// Appointment is the appointment (or re-appointment) that began the spell.
	Appointment HistoryEvent `json:"appointment"`
	// From is the first day of service of the spell (the appointment's Start).
	From hijri.Date `json:"from"`
	// To is the last day of service of the spell; zero while it is current.
	To hijri.Date `json:"to,omitzero"`
	// EndReason is why the spell ended; empty while it is current.
	EndReason EndReason `json:"end_reason,omitempty"`
}

// Spells returns the spells of service of h in order: each appointment
// begins one and the next end of service closes it. h need not be sorted;
// for a history that breaks ValidateHistory, an appointment within a spell
// and an end of service outside one are ignored.
func Spells(h []HistoryEvent) []Spell {
	var anchors []*HistoryEvent
	for i := range h {
		if k := h[i].Kind; k == KindAppointment || k == KindEndOfService {
			anchors = append(anchors, &h[i])
		}
	}
	slices.SortStableFunc(anchors, compareEvents)
	var out []Spell
	open := false
	for _, ev := range anchors {
		switch {
		case ev.Kind == KindAppointment && !open:
			out = append(out, Spell{Appointment: ev.Clone(), From: ev.Start})
			open = true
		case ev.Kind == KindEndOfService && open:
			out[len(out)-1].To, out[len(out)-1].EndReason = ev.Start, ev.EndReason
			open = false
		}
	}
	return out
}

// lastServiceEnd is the last day of service of the last spell of h, zero
// while the employee is in service (Employee.ServiceEnd).
func lastServiceEnd(h []HistoryEvent) hijri.Date {
	sp := Spells(h)
	if len(sp) == 0 {
		return hijri.Date{}
	}
	return sp[len(sp)-1].To
}

// ActiveOn returns the period events of h that cover day: Start on or before
// day and End on or after it (or ongoing), in canonical order. The promotion
// rules of Reg art 49 (on scholarship, on study or exceptional leave,
// suspended…) read it.
func ActiveOn(h []HistoryEvent, day hijri.Date) []HistoryEvent {
	var out []HistoryEvent
	for i := range h {
		ev := &h[i]
		if !ev.Kind.IsPeriod() || ev.Start.After(day) {
			continue
		}
		if ev.Ongoing() || !ev.End.IsZero() && !ev.End.Before(day) || ev.End.IsZero() && ev.Start == day {
			out = append(out, ev.Clone())
		}
	}
	slices.SortStableFunc(out, func(a, b HistoryEvent) int { return compareEvents(&a, &b) })
	return out
}

// PenaltiesBetween returns the penalty events of h whose Start falls in
// [from, to), in canonical order, and the total salary-deduction days among
// them (Reg art 49(d) counts deductions of 15 days or more in the year before
// the promotion is considered).
func PenaltiesBetween(h []HistoryEvent, from, to hijri.Date) (penalties []HistoryEvent, deductionDays int) {
	for i := range h {
		ev := &h[i]
		if ev.Kind != KindPenalty || ev.Start.Before(from) || !ev.Start.Before(to) {
			continue
		}
		penalties = append(penalties, ev.Clone())
		if ev.Penalty == PenaltyDeduction {
			deductionDays += ev.PenaltyDays
		}
	}
	slices.SortStableFunc(penalties, func(a, b HistoryEvent) int { return compareEvents(&a, &b) })
	return penalties, deductionDays
}

// ref names an event in error messages and field paths.
type ref struct {
	i  int
	ev *HistoryEvent
}

func (r ref) field() string {
	if r.ev.ID != "" {
		return "history." + r.ev.ID
	}
	return "history[" + strconv.Itoa(r.i) + "]"
}

func (r ref) describe(lang i18n.Lang) string {
	s := r.ev.Kind.Label(lang) + " " + r.ev.Start.String()
	if !r.ev.Start.IsValid() {
		s = r.ev.Kind.Label(lang)
	}
	if r.ev.ID != "" {
		return s + " (" + r.ev.ID + ")"
	}
	if lang == i18n.English {
		return s + " (item " + strconv.Itoa(r.i+1) + ")"
	}
	return s + " (البند " + strconv.Itoa(r.i+1) + ")"
}

// histErr builds a refinement of ErrInvalidHistory for reason, naming refs.
// en and ar are the rule's message; the descriptions of the events follow it.
func histErr(reason, en, ar string, refs ...ref) error {
	var enB, arB []byte
	enB = append(enB, en...)
	arB = append(arB, ar...)
	for i, r := range refs {
		if i == 0 {
			enB = append(enB, ": "...)
			arB = append(arB, ": "...)
		} else {
			enB = append(enB, "; "...)
			arB = append(arB, "؛ "...)
		}
		enB = append(enB, r.describe(i18n.English)...)
		arB = append(arB, r.describe(i18n.Arabic)...)
	}
	e := ErrInvalidHistory.Because("records.history."+reason, string(enB), string(arB))
	fields := make([]fault.FieldViolation, len(refs))
	for i, r := range refs {
		fields[i] = fault.FieldViolation{Field: r.field(), Reason: "records.history." + reason, Message: e.Message}
	}
	return e.WithFields(fields...)
}

// ValidateEvent checks one event's shape and its kind's fields (see
// HistoryEvent), without looking at the rest of the history. Failures match
// ErrInvalidHistory, or fault.ErrInvalidInput for a malformed field.
func ValidateEvent(ev HistoryEvent) error {
	return validateEvent(ref{i: 0, ev: &ev})
}

// validateEvent runs the checks of ValidateEvent in order: the event's
// shape, its kind's own fields, its outcome, and no field of another kind.
func validateEvent(r ref) error {
	if err := validateEventShape(r); err != nil {
		return err
	}
	if err := validateKindFields(r); err != nil {
		return err
	}
	if err := validateOutcome(r); err != nil {
		return err
	}
	return validateNoForeignFields(r)
}

// validateEventShape checks the kind, the struct's field rules, the dates
// and that the outcome is known.
func validateEventShape(r ref) error {
	ev := r.ev
	if !ev.Kind.Valid() {
		return histErr("invalid_kind", "unknown event kind", "نوع الحدث غير معروف", r)
	}
	if !eventFieldsOK(ev) {
		// A field rule failed: internal/validation words the violations
		// (every one, in both languages), exactly as for any input struct.
		if err := validation.Default().Struct(ev); err != nil {
			return err
		}
	}
	if !ev.Start.IsValid() {
		return histErr("invalid_start", "the start date is not a valid Hijri date", "تاريخ البداية ليس تاريخاً هجرياً صحيحاً", r)
	}
	if !ev.End.IsZero() {
		if !ev.End.IsValid() {
			return histErr("invalid_end", "the end date is not a valid Hijri date", "تاريخ النهاية ليس تاريخاً هجرياً صحيحاً", r)
		}
		if ev.End.Before(ev.Start) {
			return histErr("end_before_start", "the end date is before the start date", "تاريخ النهاية يسبق تاريخ البداية", r)
		}
	}
	if !ev.Decision.Date.IsZero() && !ev.Decision.Date.IsValid() {
		return histErr("invalid_decision_date", "the decision date is not a valid Hijri date", "تاريخ القرار ليس تاريخاً هجرياً صحيحاً", r)
	}
	if ev.Outcome != OutcomePending && !ev.Outcome.Valid() {
		return histErr("invalid_outcome", "unknown outcome", "النتيجة غير معروفة", r)
	}
	return nil
}

// validateKindFields checks the fields that the event's kind requires.
func validateKindFields(r ref) error {
	ev := r.ev
	switch ev.Kind {
	case KindAppointment, KindPromotion, KindTransfer:
		if ev.Job == nil {
			return histErr("missing_job", "a job event must give the job", "يجب أن يتضمن الحدث بيانات الوظيفة", r)
		}
		if !ev.End.IsZero() {
			return histErr("job_event_end", "a job event has no end date: it lasts until the next job event or the end of service",
				"لا يكون لحدث الوظيفة تاريخ نهاية: يستمر حتى الحدث الوظيفي التالي أو انتهاء الخدمة", r)
		}
	case KindEndOfService:
		if !ev.EndReason.Valid() {
			return histErr("missing_end_reason", "the end of service must give a known reason", "يجب تحديد سبب انتهاء الخدمة", r)
		}
		if !ev.End.IsZero() {
			return histErr("end_of_service_end", "the end of service is a single day: give only its start date",
				"انتهاء الخدمة يوم واحد: يكتفى بتاريخ البداية", r)
		}
	case KindLeave:
		if !ev.Leave.Valid() {
			return histErr("missing_leave_type", "a leave must give a known leave type", "يجب تحديد نوع الإجازة", r)
		}
	case KindSecondment:
		if !ev.Host.Valid() {
			return histErr("missing_host", "a secondment must say what kind of body the employee is seconded to",
				"يجب تحديد نوع الجهة المعار إليها", r)
		}
	case KindTraining, KindScholarship:
		if !ev.Location.Valid() {
			return histErr("missing_location", "training and scholarships must say whether they are inside or outside the Kingdom",
				"يجب تحديد ما إذا كان التدريب أو الابتعاث داخل المملكة أو خارجها", r)
		}
	case KindPenalty:
		if !ev.Penalty.Valid() {
			return histErr("missing_penalty_type", "a penalty must give a known penalty type", "يجب تحديد نوع العقوبة", r)
		}
		if (ev.Penalty == PenaltyDeduction) != (ev.PenaltyDays > 0) {
			return histErr("penalty_days", "a salary deduction, and only a deduction, gives its number of days",
				"يحدد عدد أيام الحسم لعقوبة الحسم من الراتب وحدها", r)
		}
	case KindTrialReferral:
		if ev.End.IsZero() != (ev.Outcome == OutcomePending) {
			return histErr("trial_outcome", "a referral to trial that has ended gives both its end date and its outcome (acquittal, conviction or dropped); one still running gives neither",
				"تحدد للإحالة إلى المحاكمة المنتهية تاريخ نهايتها ونتيجتها (البراءة أو الإدانة أو حفظ الدعوى)، ولا يحدد أي منهما للإحالة القائمة", r)
		}
	}
	return nil
}

// validateOutcome checks that the event's outcome applies to its kind.
func validateOutcome(r ref) error {
	ev := r.ev
	switch ev.Outcome {
	case Achieved, NotAchieved:
		if ev.Kind != KindTraining && ev.Kind != KindScholarship && !(ev.Kind == KindLeave && ev.Leave == StudyLeave) {
			return histErr("outcome_not_applicable", "this outcome applies only to training, scholarships and study leave",
				"هذه النتيجة تخص التدريب والابتعاث والإجازة الدراسية فقط", r)
		}
	case Cleared, Penalized:
		if ev.Kind != KindSuspension {
			return histErr("outcome_not_applicable", "this outcome applies only to a suspension",
				"هذه النتيجة تخص كف اليد فقط", r)
		}
	case Acquitted, Convicted, Dropped:
		if ev.Kind != KindTrialReferral {
			return histErr("outcome_not_applicable", "this outcome applies only to a referral to trial",
				"هذه النتيجة تخص الإحالة إلى المحاكمة فقط", r)
		}
	}
	return nil
}

// validateNoForeignFields checks that the event sets no field of another kind.
func validateNoForeignFields(r ref) error {
	ev := r.ev
	if ev.Kind != KindLeave && ev.Leave != "" || ev.Kind != KindSecondment && ev.Host != "" ||
		ev.Kind != KindTraining && ev.Kind != KindScholarship && ev.Location != "" ||
		ev.Kind != KindPenalty && (ev.Penalty != "" || ev.PenaltyDays != 0) ||
		ev.Kind != KindEndOfService && ev.EndReason != "" ||
		ev.Kind != KindPromotion && ev.Exceptional ||
		ev.Job != nil && !ev.Kind.IsJob() && ev.Kind != KindAssignment {
		return histErr("field_not_applicable", "the event has a field that does not apply to its kind",
			"يتضمن الحدث حقلاً لا ينطبق على نوعه", r)
	}
	return nil
}

// ValidateHistory checks the invariants of a whole history (in any order):
// every event valid (ValidateEvent); unique IDs; at least one appointment
// when the history is not empty and nothing before the first; spells of
// service that alternate, each appointment closed by at most one end of
// service before the next appointment (a re-appointment, CSL art 18(c),
// starts after an end of service, and never after one by death); nothing
// dated between an end of service and the next appointment, nor after the
// last end of service (no event starting or ending later, no ongoing
// period); no two job events on the same day (their segments would
// overlap); no two periods of the same kind overlapping (penalties and
// referrals to trial excepted: an employee may face several cases). The
// first violation found is returned; it matches ErrInvalidHistory and names
// the conflicting events.
func ValidateHistory(h []HistoryEvent) error {
	if len(h) == 0 {
		return nil
	}
	refs := make([]ref, len(h))
	for i := range h {
		refs[i] = ref{i: i, ev: &h[i]}
		if err := validateEvent(refs[i]); err != nil {
			return err
		}
	}
	slices.SortStableFunc(refs, func(a, b ref) int { return compareEvents(a.ev, b.ev) })
	spells, err := historySpells(refs)
	if err != nil {
		return err
	}
	if err := checkSpells(refs, spells); err != nil {
		return err
	}
	return checkOverlaps(refs)
}

// spellRefs is one spell of service of a history being checked: its
// appointment and the end of service closing it (nil while current).
type spellRefs struct{ appt, eos *ref }

// historySpells checks that the sorted refs have unique IDs and at least one
// appointment, and that appointments and ends of service alternate, and
// returns the spells in order.
func historySpells(refs []ref) ([]spellRefs, error) {
	// The map that finds which events share an ID is built only when two do.
	var seen map[string]ref
	if hasDuplicateID(refs) {
		seen = make(map[string]ref, len(refs))
	}
	var spells []spellRefs
	var first *ref
	for i := range refs {
		r := refs[i]
		if seen != nil && r.ev.ID != "" {
			if prev, dup := seen[r.ev.ID]; dup {
				return nil, histErr("duplicate_id", "two events have the same ID", "حدثان بالمعرف نفسه", prev, r)
			}
			seen[r.ev.ID] = r
		}
		n := len(spells)
		switch r.ev.Kind {
		case KindAppointment:
			if n > 0 && spells[n-1].eos == nil {
				return nil, histErr("duplicate_appointment", "the history has a second appointment while in service: a re-appointment follows an end of service",
					"يتضمن السجل قرار تعيين آخر أثناء الخدمة: تكون إعادة التعيين بعد انتهاء الخدمة", *spells[n-1].appt, r)
			}
			if n > 0 && spells[n-1].eos.ev.EndReason == EndDeath {
				return nil, histErr("reappointment_after_death", "an appointment follows an end of service by death",
					"قرار تعيين بعد انتهاء الخدمة بالوفاة", r, *spells[n-1].eos)
			}
			if first == nil {
				first = &refs[i]
			}
			spells = append(spells, spellRefs{appt: &refs[i]})
		case KindEndOfService:
			if n > 0 && spells[n-1].eos != nil {
				return nil, histErr("duplicate_end_of_service", "the history has a second end of service without a re-appointment between them",
					"يتضمن السجل انتهاء خدمة آخر دون إعادة تعيين بينهما", *spells[n-1].eos, r)
			}
			if n > 0 {
				spells[n-1].eos = &refs[i]
			}
		}
	}
	if first == nil {
		return nil, histErr("missing_appointment", "the history has no appointment: service starts with one",
			"لا يتضمن السجل قرار تعيين: تبدأ الخدمة بالتعيين", refs[0])
	}
	return spells, nil
}

// hasDuplicateID reports whether two of refs have the same non-empty ID.
func hasDuplicateID(refs []ref) bool {
	ids := make([]string, 0, len(refs))
	for _, r := range refs {
		if r.ev.ID != "" {
			ids = append(ids, r.ev.ID)
		}
	}
	slices.Sort(ids)
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			return true
		}
	}
	return false
}

// checkSpells checks that every event of the sorted refs falls within a
// spell of service: not before the first appointment, not between an end of
// service and the next appointment, and, within a spell that ended, not
// ending after its end of service nor ongoing.
func checkSpells(refs []ref, spells []spellRefs) error {
	k := 0 // the spell of the current event
	for i := range refs {
		r := refs[i]
		if r.ev.Start.Before(spells[0].appt.ev.Start) {
			return histErr("before_appointment", "an event is dated before the appointment", "حدث مؤرخ قبل تاريخ التعيين", r, *spells[0].appt)
		}
		for k+1 < len(spells) && !r.ev.Start.Before(spells[k+1].appt.ev.Start) {
			k++
		}
		sp := spells[k]
		if sp.eos == nil || r.ev == sp.eos.ev || r.ev == sp.appt.ev {
			continue
		}
		if r.ev.Start.After(sp.eos.ev.Start) || r.ev.End.After(sp.eos.ev.Start) {
			return histErr("after_end_of_service", "an event is dated after the end of service", "حدث مؤرخ بعد انتهاء الخدمة", r, *sp.eos)
		}
		if r.ev.Ongoing() {
			return histErr("ongoing_after_end_of_service", "a period is still ongoing although service has ended: give its end date",
				"فترة ما زالت مستمرة رغم انتهاء الخدمة: يجب تحديد تاريخ نهايتها", r, *sp.eos)
		}
	}
	return nil
}

// checkOverlaps checks that no two job events of the sorted refs share a
// day and no two periods of one kind overlap.
func checkOverlaps(refs []ref) error {
	var lastJob *ref
	var lastOfKind [len(periodKinds)]*ref
	for i := range refs {
		r := refs[i]
		if r.ev.Kind.IsJob() {
			if lastJob != nil && lastJob.ev.Start == r.ev.Start {
				return histErr("overlap", "two job events start on the same day, so their job segments overlap",
					"حدثان وظيفيان يبدآن في اليوم نفسه فتتداخل فترتاهما", *lastJob, r)
			}
			lastJob = &refs[i]
			continue
		}
		if !r.ev.Kind.IsPeriod() || r.ev.Kind == KindPenalty || r.ev.Kind == KindTrialReferral {
			continue
		}
		key := slices.Index(periodKinds[:], r.ev.Kind)
		if prev := lastOfKind[key]; prev != nil {
			if prev.ev.Ongoing() || !prev.ev.End.Before(r.ev.Start) {
				return histErr("overlap", "two periods of the same kind overlap", "فترتان من النوع نفسه متداخلتان", *prev, r)
			}
		}
		lastOfKind[key] = &refs[i]
	}
	return nil
}

// eventFieldsOK reports whether ev passes every rule validation.Default().Struct
// applies to it: the validate tags of HistoryEvent, Decision, Job, Agency and
// i18n.Text, and the text rule of every string (valid UTF-8, no NUL byte, at
// most validation.MaxText bytes where no max tag caps it). It is plain Go, so
// that the valid events of an import cost no reflection; when it reports a
// failure, validateEventShape asks the validator for the violations. The
// equality test in history_fields_test.go holds the two to the same answer,
// and fails when a tag is added to these types without a rule here.
func eventFieldsOK(ev *HistoryEvent) bool {
	return freeText(ev.ID) && freeText(string(ev.Kind)) && ev.Kind != "" &&
		cappedText(ev.Decision.Number, 60) &&
		(ev.Job == nil || jobFieldsOK(ev.Job)) &&
		freeText(string(ev.Leave)) && freeText(string(ev.Host)) && freeText(string(ev.Location)) &&
		cappedText(ev.Institution, 200) && cappedText(ev.Subject, 200) &&
		freeText(string(ev.Outcome)) && freeText(string(ev.Penalty)) &&
		ev.PenaltyDays >= 0 && ev.PenaltyDays <= 366 &&
		freeText(string(ev.EndReason)) && cappedText(ev.Note, 1000)
}

// eventTextsOK reports whether every string of ev passes the validator's
// text rule (eventFieldsOK's text part, without the validate tags).
func eventTextsOK(ev *HistoryEvent) bool {
	if j := ev.Job; j != nil && !(cleanText(j.Agency.ID) && cleanText(j.Agency.Name.AR) && cleanText(j.Agency.Name.EN) &&
		cleanText(j.Title.AR) && cleanText(j.Title.EN) &&
		cleanText(j.ClassificationCode) && cleanText(j.JobNumber) && cleanText(j.SalaryScale)) {
		return false
	}
	return freeText(ev.ID) && freeText(string(ev.Kind)) && cleanText(ev.Decision.Number) &&
		freeText(string(ev.Leave)) && freeText(string(ev.Host)) && freeText(string(ev.Location)) &&
		cleanText(ev.Institution) && cleanText(ev.Subject) &&
		freeText(string(ev.Outcome)) && freeText(string(ev.Penalty)) &&
		freeText(string(ev.EndReason)) && cleanText(ev.Note)
}

// jobFieldsOK is eventFieldsOK for a job: the tags of Job, Agency and their
// i18n.Text fields (max=200 each).
func jobFieldsOK(j *Job) bool {
	return j.Agency.ID != "" && cappedText(j.Agency.ID, 40) &&
		cappedText(j.Agency.Name.AR, 200) && cappedText(j.Agency.Name.EN, 200) &&
		cappedText(j.Title.AR, 200) && cappedText(j.Title.EN, 200) &&
		cappedText(j.ClassificationCode, 40) && cappedText(j.JobNumber, 40) && cappedText(j.SalaryScale, 40) &&
		j.Rank >= 1 && j.Rank <= 15 && j.Step >= 1 && j.Step <= 30
}

// freeText is the validator's text rule for a string without a max tag.
func freeText(s string) bool {
	return len(s) <= validation.MaxText && cleanText(s)
}

// cappedText is a max=n tag (at most n characters, as validator counts
// them: runes) together with the text rule.
func cappedText(s string, n int) bool {
	return (len(s) <= n || utf8.RuneCountInString(s) <= n) && cleanText(s)
}

// cleanText is valid UTF-8 without a NUL byte.
func cleanText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 0:
			return false
		case c >= utf8.RuneSelf:
			return utf8.ValidString(s[i:]) && strings.IndexByte(s[i:], 0) < 0
		}
	}
	return true
}
