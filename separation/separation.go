package separation

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/records"
)

// Cause is why service ends: one of CSL art 30 / Reg 210's causes. Each
// has its own rules and timers (see the package doc).
type Cause string

// The causes.
const (
	// CauseResignation: the employee's resignation (Reg 211–217).
	CauseResignation Cause = "resignation"
	// CauseEarlyRetirement: retirement at the employee's request after 20
	// years of service (Reg 219).
	CauseEarlyRetirement Cause = "early_retirement"
	// CauseStatutoryAge: retirement by force of law at the statutory age
	// (Reg 220).
	CauseStatutoryAge Cause = "statutory_age"
	// CauseMedical: permanent and definitive medical incapacity decided by
	// the General Medical Authority (Reg 224).
	CauseMedical Cause = "medical_incapacity"
	// CauseTransferNotExecuted: a transfer not executed within 15 days of
	// its notification without a legitimate excuse (Reg 210(f), 226(a)).
	CauseTransferNotExecuted Cause = "transfer_not_executed"
	// CauseAbsence: 15 consecutive or 30 separate days of absence in the
	// prior year (Reg 226, 227).
	CauseAbsence Cause = "absence"
	// CauseDismissal: disciplinary dismissal by force of law on a final
	// judgment (Reg 228, 230).
	CauseDismissal Cause = "disciplinary_dismissal"
	// CauseRoyalOrder: dismissal by royal order or Council of Ministers
	// decision (Reg 231).
	CauseRoyalOrder Cause = "royal_order"
	// CauseNationalityLoss: the nationality withdrawn or revoked (Reg 223).
	CauseNationalityLoss Cause = "nationality_loss"
	// CauseUnsatisfactoryRatings: three consecutive Unsatisfactory ratings
	// with no grievance accepted (Reg 233).
	CauseUnsatisfactoryRatings Cause = "unsatisfactory_ratings"
	// CauseDeath: death, on a death certificate (Reg 234).
	CauseDeath Cause = "death"
)

// Causes lists every cause in a stable order.
var Causes = []Cause{CauseResignation, CauseEarlyRetirement, CauseStatutoryAge, CauseMedical, CauseTransferNotExecuted,
	CauseAbsence, CauseDismissal, CauseRoyalOrder, CauseNationalityLoss, CauseUnsatisfactoryRatings, CauseDeath}

// State is where a case stands.
type State string

// The states. A case is open while Submitted, Postponed or Accepted; Ended,
// Withdrawn and Rejected are final.
const (
	// Submitted: the employee's request, or the agency's proceeding, is
	// recorded and awaits a decision.
	Submitted State = "submitted"
	// Postponed: a resignation's leaving date is postponed for the needs
	// of work (Reg 215).
	Postponed State = "postponed"
	// Accepted: service will end on LastDay; the end of service is written
	// on that day (Sweep), or at once when LastDay is not after today.
	Accepted State = "accepted"
	// Ended: the end-of-service event is in the employee's history.
	Ended State = "ended"
	// Withdrawn: the employee withdrew the request before the leaving date.
	Withdrawn State = "withdrawn"
	// Rejected: the request was refused, or the agency dropped the
	// proceeding (an excuse accepted, a discretionary ending not taken).
	Rejected State = "rejected"
)

// States lists every state in a stable order.
var States = []State{Submitted, Postponed, Accepted, Ended, Withdrawn, Rejected}

// Open reports whether a case in state s is still open.
func (s State) Open() bool { return s == Submitted || s == Postponed || s == Accepted }

// Grounds are the facts a cause rests on. Which fields apply depends on the
// cause (see the package doc):
//
//	resignation, early_retirement  none (Requested is the leaving date asked for)
//	statutory_age                  none (the retirement date is computed)
//	medical_incapacity             On: the GMA decision; NotifiedOn: the agency's notification
//	transfer_not_executed          On: the day the transfer was notified
//	absence                        On: the first day of the absence the case rests on
//	disciplinary_dismissal         On: the final judgment; Reference its number
//	royal_order                    On: the order's date; Reference its number
//	nationality_loss               On: the date of withdrawal or revocation; Revoked
//	unsatisfactory_ratings         RatingYears: the three consecutive years
//	death                          On: the day of death; Reference the certificate
type Grounds struct {
	// On is the day of the fact the cause rests on.
	On hijri.Date `json:"on,omitzero" ar:"تاريخ الواقعة"`
	// NotifiedOn is the day the agency was notified of a medical
	// incapacity decision (Reg 224).
	NotifiedOn hijri.Date `json:"notified_on,omitzero" ar:"تاريخ الإبلاغ"`
	// Reference is the number of the judgment, order, decision or certificate.
	Reference string `json:"reference,omitempty" validate:"max=100" ar:"رقم المستند"`
	// Revoked: the nationality was revoked as unlawfully obtained (pension
	// deductions go to the last agency), not withdrawn (Reg 223).
	Revoked bool `json:"revoked,omitempty"`
	// RatingYears are the Hijri years of the three consecutive
	// Unsatisfactory ratings (Reg 233).
	RatingYears []int `json:"rating_years,omitempty" validate:"max=3" ar:"سنوات التقويم"`
	// GrievanceAccepted: a grievance against one of those ratings was
	// accepted (which bars the ending).
	GrievanceAccepted bool `json:"grievance_accepted,omitempty"`
}

// Clone returns a deep copy of g.
func (g Grounds) Clone() Grounds {
	if g.RatingYears != nil {
		g.RatingYears = append([]int(nil), g.RatingYears...)
	}
	return g
}

// Case is one proceeding ending an employee's service: a request
// (resignation, early retirement) or the agency's (or the system's) case for
// another cause.
type Case struct {
	ID         string              `json:"id"`
	EmployeeID string              `json:"employee_id"`
	NationalID identity.NationalID `json:"national_id"`
	// AgencyID is the agency of the file when the case was opened.
	AgencyID string `json:"agency_id"`
	Cause    Cause  `json:"cause"`
	State    State  `json:"state"`
	// Filed is the day the request or proceeding was received: a
	// resignation's submission date is the day of receipt (Reg 214).
	Filed hijri.Date `json:"filed"`
	// Requested is the leaving date the request states (a resignation's,
	// Reg 215), or the date the agency proposes; zero: none stated.
	Requested hijri.Date `json:"requested,omitzero"`
	Grounds   Grounds    `json:"grounds"`
	// PostponedTo is the leaving date a postponement set (Reg 215).
	PostponedTo hijri.Date `json:"postponed_to,omitzero"`
	// LastDay is the last day of service, set on acceptance.
	LastDay hijri.Date `json:"last_day,omitzero"`
	// Deemed: a resignation accepted by the lapse of 30 days without a
	// decision (Reg 213).
	Deemed bool `json:"deemed,omitempty"`
	// Decision is the administrative decision that accepted, postponed or
	// rejected the case.
	Decision records.Decision `json:"decision,omitzero"`
	// Approval is the reference of the minister's decision where one is
	// needed: ranks 14/15 (Reg 212, 219), an extension, a withdrawal after
	// acceptance (Reg 217).
	Approval string `json:"approval,omitempty"`
	// Reason is a rejection's or withdrawal's reason.
	Reason string `json:"reason,omitempty"`
	Note   string `json:"note,omitempty"`
	// Entitlements are the inputs of the settlement the host supplies
	// where the SDK cannot read them (see Entitlements).
	Entitlements Entitlements `json:"entitlements,omitzero"`
	// Settlement is the leave cash-out, computed when the case ends.
	Settlement *Settlement `json:"settlement,omitempty"`
	// EventID is the end-of-service event written into the history.
	EventID   string             `json:"event_id,omitempty"`
	Documents []records.Document `json:"documents,omitempty"`
	// OpenedBy is who opened the case (the system actor for sweeps).
	OpenedBy identity.NationalID `json:"opened_by"`
	// DecidedBy is who last decided on it.
	DecidedBy identity.NationalID `json:"decided_by,omitempty"`
	// EndedAt is when the end of service was written.
	EndedAt   time.Time `json:"ended_at,omitzero"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Clone returns a deep copy of c.
func (c Case) Clone() Case {
	c.Grounds = c.Grounds.Clone()
	c.Entitlements = c.Entitlements.Clone()
	if c.Settlement != nil {
		s := c.Settlement.Clone()
		c.Settlement = &s
	}
	if c.Documents != nil {
		c.Documents = append([]records.Document(nil), c.Documents...)
	}
	return c
}

// Entitlements are the settlement's inputs a host supplies when the SDK
// has no source for them: a zero field means "read it" (the leave ledger,
// the salary scale).
type Entitlements struct {
	// LeaveBalance is the annual-leave balance in days on the last day,
	// when the leave ledger is not kept by the SDK (nil: read the ledger).
	LeaveBalance *int `json:"leave_balance,omitempty" validate:"omitempty,min=0,max=10000" ar:"رصيد الإجازات"`
	// Grandfathered is the part of LeaveBalance accrued before CoM 350 of
	// 3/7/1439H took effect (Reg 133).
	Grandfathered *int `json:"grandfathered,omitempty" validate:"omitempty,min=0,max=10000" ar:"الرصيد السابق لعام 1439هـ"`
	// LastSalary is the last basic monthly salary (zero: from the salary
	// scale by the job's rank and step).
	LastSalary decimal.Decimal `json:"last_salary,omitzero" ar:"آخر راتب أساسي"`
}

// Clone returns a deep copy of e.
func (e Entitlements) Clone() Entitlements {
	if e.LeaveBalance != nil {
		v := *e.LeaveBalance
		e.LeaveBalance = &v
	}
	if e.Grandfathered != nil {
		v := *e.Grandfathered
		e.Grandfathered = &v
	}
	return e
}

// IsZero reports whether no entitlement is supplied.
func (e Entitlements) IsZero() bool {
	return e.LeaveBalance == nil && e.Grandfathered == nil && e.LastSalary.IsZero()
}

// Settlement is the leave cash-out on leaving service (Reg 133), with its
// arithmetic.
type Settlement struct {
	// Salary is the last basic monthly salary; DailyRate is Salary ÷ 30
	// (Reg 1: a month is 30 days), shown to 4 decimals.
	Salary    decimal.Decimal `json:"salary"`
	DailyRate decimal.Decimal `json:"daily_rate"`
	// Balance is the annual-leave balance on the last day; Grandfathered
	// the part of it accrued before the cut-off.
	Balance       int `json:"balance"`
	Grandfathered int `json:"grandfathered"`
	// FullBalance: death or medical incapacity, the whole balance is paid.
	FullBalance bool `json:"full_balance,omitempty"`
	// Days are the days paid; Amount is Days × Salary ÷ 30, rounded half
	// away from zero to the halala (2 decimals).
	Days   int             `json:"days"`
	Amount decimal.Decimal `json:"amount"`
	// Source says where Balance came from: "ledger" (Options.Balances) or
	// "input" (the case's Entitlements).
	Source string `json:"source"`
	// Steps show the arithmetic, one line per step, in both languages.
	Steps []Step `json:"steps"`
}

// Step is one line of a settlement's arithmetic.
type Step struct {
	AR string `json:"ar"`
	EN string `json:"en"`
}

// Clone returns a deep copy of s.
func (s Settlement) Clone() Settlement {
	if s.Steps != nil {
		s.Steps = append([]Step(nil), s.Steps...)
	}
	return s
}

// Regime is the pension regime whose retirement age applies to a person.
type Regime string

// The regimes.
const (
	// RegimeLegacy: the Civil Retirement Law (M/41 of 1393H): 60 Hijri
	// years, for contributors with 240 or more uncompensated months or 50
	// Hijri years or more when the Social Insurance Law came into force
	// (Decree II, IV).
	RegimeLegacy Regime = "legacy"
	// RegimeTransition: prior contributors under both thresholds keep the
	// old law with the new pension age of Decree item V.
	RegimeTransition Regime = "transition"
	// RegimeSIL: the Social Insurance Law of 1445H (M/273): new entrants,
	// pension age 65 Gregorian (SIL 16).
	RegimeSIL Regime = "sil"
)

// Age is a retirement age: Years and Months in Calendar ("hijri" or "gregorian").
type Age struct {
	Years    int    `json:"years"`
	Months   int    `json:"months"`
	Calendar string `json:"calendar"`
}

// The calendars of an Age.
const (
	HijriYears     = "hijri"
	GregorianYears = "gregorian"
)

// Retirement is an employee's statutory retirement date as computed from
// the file, kept by the Store for the forecast.
type Retirement struct {
	EmployeeID string              `json:"employee_id"`
	NationalID identity.NationalID `json:"national_id"`
	AgencyID   string              `json:"agency_id"`
	// BirthDate is the birth date as Reg 36 reads it.
	BirthDate hijri.Date `json:"birth_date"`
	Regime    Regime     `json:"regime"`
	Age       Age        `json:"age"`
	// Date is the day the age is completed.
	Date hijri.Date `json:"date"`
	// StatutoryLastDay is the last day of service at the age: the day
	// before Date (service ends on completing the age, Reg 220; that the
	// day it is completed is not served is [INF]).
	StatutoryLastDay hijri.Date `json:"statutory_last_day"`
	// Extension is the extension beyond the age (Reg 104, 105); zero: none.
	Extension Extension `json:"extension,omitzero"`
	// LastDay is the effective last day of service: the extension's, or
	// StatutoryLastDay. The forecast orders and filters by it.
	LastDay    hijri.Date `json:"last_day"`
	ComputedAt time.Time  `json:"computed_at"`
}

// Extension extends service beyond the statutory age (Reg 104, 105): at
// most Rules.MaxExtensionYears years in all, by the minister's decision.
type Extension struct {
	// To is the new last day of service.
	To       hijri.Date       `json:"to"`
	Decision records.Decision `json:"decision"`
}

// IsZero reports whether e is no extension.
func (e Extension) IsZero() bool { return e.To.IsZero() }
