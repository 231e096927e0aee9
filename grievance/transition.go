package grievance

import (
	"slices"

	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

// Status is where a grievance stands.
type Status string

// The statuses. Masar's own status names are unknown (DOMAIN.md §8); these
// follow the service's published steps.
const (
	// StatusSubmitted (مقدم): filed, not yet taken up.
	StatusSubmitted Status = "submitted"
	// StatusUnderReview (قيد الدراسة): the agency is studying it.
	StatusUnderReview Status = "under_review"
	// StatusReturnedForInfo (معاد لاستكمال البيانات): the agency asked the
	// filer for more information.
	StatusReturnedForInfo Status = "returned_for_info"
	// StatusAnswered (تمت الإفادة): the agency answered; Outcome says how.
	StatusAnswered Status = "answered"
	// StatusClosed (مغلق): closed after the final answer or a deemed
	// rejection; the filer may still escalate an adverse outcome or, once,
	// contest the closure (Reopen).
	StatusClosed Status = "closed"
	// StatusWithdrawn (مسحوب): withdrawn by the filer before an answer. Final.
	StatusWithdrawn Status = "withdrawn"
	// StatusDeemedRejected (مرفوض حكماً): the answer period passed in silence.
	StatusDeemedRejected Status = "deemed_rejected"
	// StatusEscalated (مصعد): taken to the court or ministry route. Final
	// here: the external route takes over.
	StatusEscalated Status = "escalated"
)

// Statuses lists every status in a stable order.
func Statuses() []Status {
	return []Status{StatusSubmitted, StatusUnderReview, StatusReturnedForInfo, StatusAnswered,
		StatusClosed, StatusWithdrawn, StatusDeemedRejected, StatusEscalated}
}

// OpenStatuses lists the statuses in which the agency's answer is awaited
// and the answer period runs.
func OpenStatuses() []Status {
	return []Status{StatusSubmitted, StatusUnderReview, StatusReturnedForInfo}
}

// IsOpen reports whether the agency's answer is awaited in s.
func (s Status) IsOpen() bool {
	return s == StatusSubmitted || s == StatusUnderReview || s == StatusReturnedForInfo
}

var statusLabels = i18n.Labels[Status]{
	StatusSubmitted:       {AR: "مقدم", EN: "submitted"},
	StatusUnderReview:     {AR: "قيد الدراسة", EN: "under review"},
	StatusReturnedForInfo: {AR: "معاد لاستكمال البيانات", EN: "returned for information"},
	StatusAnswered:        {AR: "تمت الإفادة", EN: "answered"},
	StatusClosed:          {AR: "مغلق", EN: "closed"},
	StatusWithdrawn:       {AR: "مسحوب", EN: "withdrawn"},
	StatusDeemedRejected:  {AR: "مرفوض حكماً", EN: "deemed rejected"},
	StatusEscalated:       {AR: "مصعد", EN: "escalated"},
}

// Label returns the status's name in lang.
func (s Status) Label(lang i18n.Lang) string { return statusLabels.Label(s, lang) }

// Outcome is the agency's answer.
type Outcome string

// The outcomes.
const (
	// OutcomeAccepted (مقبول).
	OutcomeAccepted Outcome = "accepted"
	// OutcomePartiallyAccepted (مقبول جزئياً); the answer states the reasons
	// for the part rejected.
	OutcomePartiallyAccepted Outcome = "partially_accepted"
	// OutcomeRejected (مرفوض); the answer must state its reasons (BoG
	// Procedure Law art 8).
	OutcomeRejected Outcome = "rejected"
	// OutcomeDeemedRejected: no answer within the answer period. Set by
	// Sweep, never by an answer.
	OutcomeDeemedRejected Outcome = "deemed_rejected"
)

// IsAdverse reports whether o lets the filer escalate: a rejection, a
// partial acceptance (for the part rejected) [INF] or a deemed rejection.
func (o Outcome) IsAdverse() bool {
	return o == OutcomeRejected || o == OutcomePartiallyAccepted || o == OutcomeDeemedRejected
}

var outcomeLabels = i18n.Labels[Outcome]{
	OutcomeAccepted:          {AR: "مقبول", EN: "accepted"},
	OutcomePartiallyAccepted: {AR: "مقبول جزئياً", EN: "partially accepted"},
	OutcomeRejected:          {AR: "مرفوض", EN: "rejected"},
	OutcomeDeemedRejected:    {AR: "مرفوض حكماً", EN: "deemed rejected"},
}

// Outcomes lists every outcome in a stable order.
func Outcomes() []Outcome {
	return []Outcome{OutcomeAccepted, OutcomePartiallyAccepted, OutcomeRejected, OutcomeDeemedRejected}
}

// Label returns the outcome's name in lang (the raw value for an unknown one).
func (o Outcome) Label(lang i18n.Lang) string { return outcomeLabels.Label(o, lang) }

// Role is the capacity in which an actor acts on a grievance. The facade
// maps its own actors and roles onto these.
type Role string

// The roles.
const (
	// RoleFiler: the employee who filed the grievance (المتظلم), acting on
	// their own grievance only.
	RoleFiler Role = "filer"
	// RoleHRSpecialist: an HR specialist of the agency the grievance is against.
	RoleHRSpecialist Role = "hr_specialist"
	// RoleHRManager: an HR manager of that agency; the only agency role that
	// answers.
	RoleHRManager Role = "hr_manager"
	// RoleCommitteeMember: a member of the agency's grievance committee;
	// acts only on kinds whose rules set Committee.
	RoleCommitteeMember Role = "committee_member"
	// RoleSystem: the SDK itself (Sweep's deemed rejections).
	RoleSystem Role = "system"
)

// Roles lists every role in a stable order.
func Roles() []Role {
	return []Role{RoleFiler, RoleHRSpecialist, RoleHRManager, RoleCommitteeMember, RoleSystem}
}

var roleLabels = i18n.Labels[Role]{
	RoleFiler:           {AR: "المتظلم", EN: "filer"},
	RoleHRSpecialist:    {AR: "أخصائي الموارد البشرية", EN: "HR specialist"},
	RoleHRManager:       {AR: "مدير الموارد البشرية", EN: "HR manager"},
	RoleCommitteeMember: {AR: "عضو لجنة التظلمات", EN: "grievance committee member"},
	RoleSystem:          {AR: "النظام", EN: "system"},
}

// Label returns the role's name in lang.
func (r Role) Label(lang i18n.Lang) string { return roleLabels.Label(r, lang) }

// isStaff reports whether r acts for the agency.
func (r Role) isStaff() bool {
	return r == RoleHRSpecialist || r == RoleHRManager || r == RoleCommitteeMember
}

// Actor is who takes an action: the person's ID, the role they act in, and
// the agency they act for (staff roles). The Service checks that a filer
// acts on their own grievance and that staff act for its agency; everything
// else about authorization is the facade's.
type Actor struct {
	NationalID identity.NationalID `json:"national_id"`
	Role       Role                `json:"role"`
	Agency     string              `json:"agency,omitempty"`
}

// SystemActor is the actor of Sweep's deemed rejections.
func SystemActor() Actor { return Actor{Role: RoleSystem} }

// Action is a step that changes a grievance's status.
type Action string

// The actions.
const (
	ActionFile          Action = "file"
	ActionStartReview   Action = "start_review"
	ActionReturnForInfo Action = "return_for_info"
	ActionProvideInfo   Action = "provide_info"
	ActionAnswer        Action = "answer"
	ActionClose         Action = "close"
	ActionWithdraw      Action = "withdraw"
	ActionDeemReject    Action = "deem_reject"
	ActionEscalate      Action = "escalate"
	ActionReopen        Action = "reopen"
	// ActionRecordException records an exception to the filing period on
	// a late filing (BoG Procedure Law art 8(1)); the status does not change.
	ActionRecordException Action = "record_exception"
)

// Actions lists every action in a stable order.
func Actions() []Action {
	return []Action{ActionFile, ActionStartReview, ActionReturnForInfo, ActionProvideInfo, ActionAnswer,
		ActionClose, ActionWithdraw, ActionDeemReject, ActionEscalate, ActionReopen, ActionRecordException}
}

var actionLabels = i18n.Labels[Action]{
	ActionFile:            {AR: "تقديم التظلم", EN: "file"},
	ActionStartReview:     {AR: "بدء الدراسة", EN: "start the review"},
	ActionReturnForInfo:   {AR: "الإعادة لاستكمال البيانات", EN: "return for information"},
	ActionProvideInfo:     {AR: "استكمال البيانات", EN: "provide information"},
	ActionAnswer:          {AR: "الإفادة", EN: "answer"},
	ActionClose:           {AR: "الإغلاق", EN: "close"},
	ActionWithdraw:        {AR: "سحب التظلم", EN: "withdraw"},
	ActionDeemReject:      {AR: "الرفض الحكمي", EN: "deem rejected"},
	ActionEscalate:        {AR: "التصعيد", EN: "escalate"},
	ActionReopen:          {AR: "إعادة الفتح", EN: "reopen"},
	ActionRecordException: {AR: "قبول العذر في التأخر عن المدة", EN: "record an exception to the filing period"},
}

// Label returns the action's name in lang.
func (a Action) Label(lang i18n.Lang) string { return actionLabels.Label(a, lang) }

// Transition is one row of the state machine: from a status, an action
// leads to a status, and only the listed roles may take it. Guard says in
// words what the Service checks beyond the role.
type Transition struct {
	// From is the status the action applies to; "" for ActionFile (a new
	// grievance).
	From Status `json:"from"`
	// Action is the step taken.
	Action Action `json:"action"`
	// To is the status the action leads to.
	To Status `json:"to"`
	// Roles may take the action.
	Roles []Role `json:"roles"`
	// Guard says in words what the Service checks beyond the role.
	Guard string `json:"guard,omitempty"`
}

var (
	reviewers = []Role{RoleHRSpecialist, RoleHRManager, RoleCommitteeMember}
	answerers = []Role{RoleHRManager, RoleCommitteeMember}
	closers   = []Role{RoleHRSpecialist, RoleHRManager}
	filer     = []Role{RoleFiler}
	system    = []Role{RoleSystem}
	escalator = []Role{RoleFiler, RoleHRManager}
)

const (
	guardOpen     = "the answer period has not ended, where its kind deems silence a rejection"
	guardAdverse  = "the outcome is adverse (rejected, partially accepted or deemed rejected); the route is open to the kind; the escalation period has not ended"
	guardDue      = "the answer period has ended and the kind deems silence a rejection"
	guardReopen   = "the reopen period after closure has not ended; fewer reopens than the kind allows"
	guardFile     = "the filer is eligible and the filing period is open"
	guardAnswer   = guardOpen + "; reasons are given for a rejection or partial acceptance"
	guardInfoNote = guardOpen + "; a note says what information is needed"
	guardExcept   = guardOpen + "; the grievance was filed late with a claim of an exception, none is recorded yet; a ground and reasons are given"
)

// table is the state machine. Committee members act only on committee kinds.
var table = []Transition{
	{"", ActionFile, StatusSubmitted, filer, guardFile},
	{StatusSubmitted, ActionStartReview, StatusUnderReview, reviewers, guardOpen},
	{StatusUnderReview, ActionReturnForInfo, StatusReturnedForInfo, reviewers, guardInfoNote},
	{StatusReturnedForInfo, ActionProvideInfo, StatusUnderReview, filer, guardOpen},
	{StatusUnderReview, ActionAnswer, StatusAnswered, answerers, guardAnswer},
	{StatusSubmitted, ActionWithdraw, StatusWithdrawn, filer, guardOpen},
	{StatusUnderReview, ActionWithdraw, StatusWithdrawn, filer, guardOpen},
	{StatusReturnedForInfo, ActionWithdraw, StatusWithdrawn, filer, guardOpen},
	{StatusSubmitted, ActionDeemReject, StatusDeemedRejected, system, guardDue},
	{StatusUnderReview, ActionDeemReject, StatusDeemedRejected, system, guardDue},
	{StatusReturnedForInfo, ActionDeemReject, StatusDeemedRejected, system, guardDue},
	{StatusAnswered, ActionClose, StatusClosed, closers, ""},
	{StatusDeemedRejected, ActionClose, StatusClosed, closers, ""},
	{StatusAnswered, ActionEscalate, StatusEscalated, escalator, guardAdverse},
	{StatusDeemedRejected, ActionEscalate, StatusEscalated, escalator, guardAdverse},
	{StatusClosed, ActionEscalate, StatusEscalated, escalator, guardAdverse},
	{StatusClosed, ActionReopen, StatusUnderReview, filer, guardReopen},
	{StatusSubmitted, ActionRecordException, StatusSubmitted, answerers, guardExcept},
	{StatusUnderReview, ActionRecordException, StatusUnderReview, answerers, guardExcept},
	{StatusReturnedForInfo, ActionRecordException, StatusReturnedForInfo, answerers, guardExcept},
}

// Transitions returns a copy of the state machine's table, for
// documentation and for hosts that render it. Any (status, action) pair not
// in it is refused with ErrInvalidTransition; any role not listed in its row
// with ErrPermissionDenied.
func Transitions() []Transition {
	out := make([]Transition, len(table))
	for i, t := range table {
		t.Roles = slices.Clone(t.Roles)
		out[i] = t
	}
	return out
}

// Next returns the status that action a leads to from status from when role
// r takes it, by the table alone (no guards). Errors: ErrInvalidTransition
// when no row has (from, a); ErrPermissionDenied when the row does not list r.
func Next(from Status, a Action, r Role) (Status, error) {
	for _, t := range table {
		if t.From != from || t.Action != a {
			continue
		}
		if !slices.Contains(t.Roles, r) {
			act := a.Label(i18n.Arabic)
			return "", ErrPermissionDenied.Because("grievance.role_not_allowed",
				"the role "+string(r)+" may not "+a.Label(i18n.English)+" a grievance",
				"لا يحق لصاحب الدور "+string(r)+" تنفيذ إجراء «"+act+"» على التظلم")
		}
		return t.To, nil
	}
	status := i18n.Text{AR: "جديد", EN: "new"}
	if from != "" {
		status = i18n.Text{AR: from.Label(i18n.Arabic), EN: from.Label(i18n.English)}
	}
	return "", ErrInvalidTransition.Because("grievance.invalid_transition",
		"cannot "+a.Label(i18n.English)+" a grievance that is "+status.EN,
		"لا يمكن تنفيذ إجراء «"+a.Label(i18n.Arabic)+"» على تظلم حالته «"+status.AR+"»")
}
