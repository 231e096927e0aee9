package grievance

import (
	"slices"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

// Decision is the decision a grievance contests. For a rights claim, Date is
// the day the right arose and Number may be empty.
type Decision struct {
	// Number is the decision's number as the agency wrote it.
	Number string `json:"number" validate:"max=64" ar:"رقم القرار"`
	// Date is the decision's civil date.
	Date hijri.Date `json:"date" validate:"required" ar:"تاريخ القرار"`
	// LearntOn is the civil date the filer learnt of the decision
	// (notification, receipt of a copy, or publication in the Official
	// Gazette). Zero means the decision date.
	LearntOn hijri.Date `json:"learnt_on" ar:"تاريخ العلم بالقرار"`
}

// learntOn returns LearntOn, or Date when it is zero.
func (d Decision) learntOn() hijri.Date {
	if d.LearntOn.IsZero() {
		return d.Date
	}
	return d.LearntOn
}

// Trigger returns the date that starts the filing period under trigger t.
func (d Decision) Trigger(t Trigger) hijri.Date {
	if t == TriggerDecisionDate {
		return d.Date
	}
	return d.learntOn()
}

// Attachment is the metadata of a supporting document. The SDK stores no
// file content: Ref names it in the host's file store.
type Attachment struct {
	// Name is the file name shown to people.
	Name string `json:"name" validate:"required,max=255" ar:"اسم الملف"`
	// MediaType is the file's MIME type, e.g. application/pdf.
	MediaType string `json:"media_type" validate:"required,max=127" ar:"نوع الملف"`
	// Size is the file's size in bytes.
	Size int64 `json:"size" validate:"gt=0" ar:"حجم الملف"`
	// SHA256 is the file's SHA-256 digest in hex, if known.
	SHA256 string `json:"sha256,omitempty" validate:"omitempty,len=64,hexadecimal" ar:"بصمة الملف"`
	// Ref is the host's reference to the stored file (a key or URI).
	Ref string `json:"ref" validate:"required,max=1024" ar:"مرجع الملف"`
}

// StatusChange is one entry of a grievance's history: who took which action
// when, the status before and after, and what they said.
type StatusChange struct {
	Action Action `json:"action"`
	From   Status `json:"from"` // "" for the filing
	To     Status `json:"to"`
	Actor  Actor  `json:"actor"`
	// At is the instant of the change, UTC, microsecond precision.
	At time.Time `json:"at"`
	// On is the civil date of the change in the agency's time zone; legal
	// periods count from it.
	On   hijri.Date `json:"on"`
	Note string     `json:"note,omitempty"`
	// Outcome is set on answers and deemed rejections.
	Outcome Outcome `json:"outcome,omitempty"`
	// Route is set on escalations.
	Route Route `json:"route,omitempty"`
	// Exception is set when an exception to the filing period is recorded
	// (ActionRecordException); Note holds its reasons.
	Exception LimitationGround `json:"exception,omitempty"`
	// Attachments added with this change (filing, information provided).
	Attachments []Attachment `json:"attachments,omitempty"`
}

// Grievance is a grievance and its history: the aggregate a Store persists.
type Grievance struct {
	// ID is the opaque identifier (Options.NewID).
	ID string `json:"id"`
	// TrackingNumber is unique nationally: one sequence per Hijri year of
	// filing, shared by every agency.
	TrackingNumber TrackingNumber `json:"tracking_number"`
	Kind           Kind           `json:"kind"`
	// Agency is the code of the agency the grievance is against (for a
	// rights claim, the Ministry).
	Agency string `json:"agency"`
	// Filer is the employee who filed it.
	Filer       identity.NationalID `json:"filer"`
	Decision    Decision            `json:"decision"`
	Subject     string              `json:"subject"`
	SubSubject  string              `json:"sub_subject,omitempty"`
	Description string              `json:"description"`
	// Attachments are every supporting document, in the order added.
	Attachments []Attachment `json:"attachments,omitempty"`

	Status Status `json:"status"`
	// Outcome is the current answer: set by an answer or a deemed rejection,
	// cleared when the grievance is reopened.
	Outcome Outcome `json:"outcome,omitempty"`
	// Response is the agency's answer (الإفادة); for a rejection or partial
	// acceptance, its reasons.
	Response string `json:"response,omitempty"`
	// Route is the escalation route, once escalated.
	Route Route `json:"route,omitempty"`
	// Limitation is set on a grievance filed after its filing period under
	// a claimed exception (KindRules.LimitationExceptions): the filer's
	// claim and, once recorded, the exception. Nil for a timely filing.
	Limitation *Limitation `json:"limitation,omitempty"`

	// FiledOn is the civil date of filing in the agency's time zone.
	FiledOn hijri.Date `json:"filed_on"`
	// FilingDue is the last day the grievance could have been filed.
	FilingDue hijri.Date `json:"filing_due"`
	// AnswerDue is the last day of the answer period (zero when the kind has
	// none); Sweep deems a still-open grievance rejected the day after.
	AnswerDue hijri.Date `json:"answer_due,omitzero"`
	// EscalationDue is the last day to escalate; set on an adverse outcome.
	EscalationDue hijri.Date `json:"escalation_due,omitzero"`
	// ClosedOn is the civil date of the last closure.
	ClosedOn hijri.Date `json:"closed_on,omitzero"`
	// Reopens counts how many times the grievance was reopened.
	Reopens int `json:"reopens"`

	// FiledAt and UpdatedAt are instants, UTC, microsecond precision.
	FiledAt   time.Time `json:"filed_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// History lists every status change, oldest first; the first is the filing.
	History []StatusChange `json:"history"`
	// Version is the optimistic-concurrency version: 1 when created, +1 per update.
	Version int64 `json:"version"`
}

// Clone returns a deep copy of g: no slice or pointer is shared.
func (g Grievance) Clone() Grievance {
	g.Attachments = slices.Clone(g.Attachments)
	if g.Limitation != nil {
		l := *g.Limitation
		g.Limitation = &l
	}
	if g.History != nil {
		h := make([]StatusChange, len(g.History))
		for i, c := range g.History {
			c.Attachments = slices.Clone(c.Attachments)
			h[i] = c
		}
		g.History = h
	}
	return g
}

// LimitationGround is why a claim filed after its filing period is heard
// all the same: Board of Grievances Procedure Law art 8(1) bars a rights
// claim after ten years "unless the defendant admits the right, or there is
// an excuse" the deciding body accepts.
type LimitationGround string

// The grounds of art 8(1).
const (
	// GroundAdmitted: the defendant (the agency) admits the right.
	GroundAdmitted LimitationGround = "admitted"
	// GroundExcuse: the filer had an excuse that the deciding body accepts.
	GroundExcuse LimitationGround = "excuse"
)

// LimitationGrounds lists every ground in a stable order.
func LimitationGrounds() []LimitationGround { return []LimitationGround{GroundAdmitted, GroundExcuse} }

var groundLabels = i18n.Labels[LimitationGround]{
	GroundAdmitted: {AR: "إقرار المدعى عليه بالحق", EN: "the defendant admits the right"},
	GroundExcuse:   {AR: "عذر مقبول", EN: "an accepted excuse"},
}

// Label returns the ground's name in lang.
func (l LimitationGround) Label(lang i18n.Lang) string { return groundLabels.Label(l, lang) }

// Limitation is a late filing's claim of an exception to the filing period
// and, once the deciding body records it (Service.RecordException), the
// exception: its ground and reasons, who recorded it and when.
type Limitation struct {
	// Claim is the filer's statement, at filing, of why the period does not
	// bar the grievance (FileCommand.LateClaim).
	Claim string `json:"claim"`
	// Ground is the recorded exception's ground; "" while none is recorded.
	Ground LimitationGround `json:"ground,omitempty"`
	// Reason gives the recorded exception's reasons.
	Reason string `json:"reason,omitempty"`
	// RecordedBy is who recorded the exception.
	RecordedBy Actor `json:"recorded_by,omitzero"`
	// RecordedAt is the instant it was recorded (UTC, microseconds).
	RecordedAt time.Time `json:"recorded_at,omitzero"`
	// RecordedOn is the civil date it was recorded.
	RecordedOn hijri.Date `json:"recorded_on,omitzero"`
}

// Pending reports whether l is a late filing's claim on which no exception
// is recorded yet. A nil Limitation (a timely filing) is not pending.
func (l *Limitation) Pending() bool { return l != nil && l.Ground == "" }
