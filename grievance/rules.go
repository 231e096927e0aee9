package grievance

import (
	"slices"
	"strconv"

	"github.com/masarhr/masar-go/i18n"
)

// Kind is the legal kind of a grievance; it selects the KindRules that set
// its windows. Hosts may configure further kinds in Options.Rules.
type Kind string

// The kinds with default rules (DefaultRules).
const (
	// KindDecision: a grievance against an administrative decision, to the
	// issuing agency (Board of Grievances Procedure Law art 8(4)).
	KindDecision Kind = "administrative_decision"
	// KindRightsClaim: a civil-service rights claim (salaries, allowances,
	// pensions and similar; BoG Law art 13(a) and 8(1)–(2)), to the Ministry.
	KindRightsClaim Kind = "rights_claim"
	// KindPerformanceRating: a grievance against a performance rating, to the
	// agency's performance grievance committee (Reg arts 117 and 123;
	// performance framework art 15).
	KindPerformanceRating Kind = "performance_rating"
)

var kindLabels = i18n.Labels[Kind]{
	KindDecision:          {AR: "تظلم من قرار إداري", EN: "grievance against an administrative decision"},
	KindRightsClaim:       {AR: "مطالبة بحق وظيفي", EN: "civil-service rights claim"},
	KindPerformanceRating: {AR: "تظلم من تقويم الأداء الوظيفي", EN: "performance-rating grievance"},
}

// Label returns the kind's name in lang (the raw value for a kind without
// a label, such as one a host configured).
func (k Kind) Label(lang i18n.Lang) string { return kindLabels.Label(k, lang) }

// Trigger names the date of the contested decision that starts the filing
// period.
type Trigger string

// The triggers.
const (
	// TriggerLearntOn: the day the filer learnt of the decision (was notified,
	// received a copy, or it was published in the Official Gazette).
	TriggerLearntOn Trigger = "learnt_on"
	// TriggerDecisionDate: the decision's own date; for a rights claim, the
	// day the right arose.
	TriggerDecisionDate Trigger = "decision_date"
)

var triggerLabels = i18n.Labels[Trigger]{
	TriggerLearntOn:     {AR: "تاريخ العلم بالقرار", EN: "the day the decision was learnt of"},
	TriggerDecisionDate: {AR: "تاريخ القرار", EN: "the decision's date"},
}

// Label returns the trigger's name in lang.
func (t Trigger) Label(lang i18n.Lang) string { return triggerLabels.Label(t, lang) }

// Route is where an adverse outcome is escalated.
type Route string

// The routes.
const (
	// RouteCourt: a suit at the Administrative Court (Board of Grievances).
	RouteCourt Route = "court"
	// RouteMinistry: a grievance to the Ministry of Human Resources and
	// Social Development (the pre-1435H practice; configurable).
	RouteMinistry Route = "ministry"
)

var routeLabels = i18n.Labels[Route]{
	RouteCourt:    {AR: "المحكمة الإدارية", EN: "the Administrative Court"},
	RouteMinistry: {AR: "وزارة الموارد البشرية والتنمية الاجتماعية", EN: "the Ministry of Human Resources and Social Development"},
}

// Label returns the route's name in lang.
func (r Route) Label(lang i18n.Lang) string { return routeLabels.Label(r, lang) }

// KindRules are the legal periods and procedure of one Kind. Periods are
// Terms counted under DOMAIN.md §6.3 (from the day after the trigger, last
// day included, extended past non-working days).
type KindRules struct {
	// FilingTrigger is the date that starts the filing period.
	FilingTrigger Trigger `json:"filing_trigger"`
	// Filing is the period within which the grievance must be filed.
	Filing Term `json:"filing"`
	// Answer is the period, from the day of filing, within which the agency
	// (or committee) must answer. Reopening a closed grievance restarts it
	// from the day of reopening.
	Answer Term `json:"answer"`
	// DeemedRejection: silence past the answer period is a rejection by law;
	// Sweep records it, and no further review action is accepted.
	DeemedRejection bool `json:"deemed_rejection"`
	// Escalation is the period, from an explicit rejection or from the last
	// day of the answer period, within which the filer may escalate. Zero
	// means escalation is not offered for the kind.
	Escalation Term `json:"escalation"`
	// EscalationAtLeastFiling: the escalation period lasts at least until the
	// end of the filing period (rights claims: "or within what remains of the
	// 10 years, whichever is longer").
	EscalationAtLeastFiling bool `json:"escalation_at_least_filing"`
	// Routes lists the escalation routes open to the kind.
	Routes []Route `json:"routes"`
	// Committee: the kind is decided by a committee; committee members may
	// act on it (and only on such kinds).
	Committee bool `json:"committee"`
	// RequireDecisionNumber: the contested decision's number is required.
	RequireDecisionNumber bool `json:"require_decision_number"`
	// Reopen is the period, from the day of closure, within which the filer
	// may contest the closure and reopen the grievance. Zero disables reopening.
	Reopen Term `json:"reopen"`
	// MaxReopens is how many times a grievance of the kind may be reopened.
	MaxReopens int `json:"max_reopens"`
	// LimitationExceptions: the filing period is a limitation with the
	// exceptions of BoG Procedure Law art 8(1) (the defendant admits the
	// right, or an accepted excuse). A filing after the period is accepted
	// when the filer states a claim of an exception (FileCommand.LateClaim);
	// the grievance then carries a pending Limitation, and only a rejection
	// may answer it until the deciding body records the exception
	// (Service.RecordException).
	LimitationExceptions bool `json:"limitation_exceptions"`
}

// clone returns a deep copy of r.
func (r KindRules) clone() KindRules {
	r.Routes = slices.Clone(r.Routes)
	return r
}

// allowsRoute reports whether route is open to the kind.
func (r KindRules) allowsRoute(route Route) bool { return slices.Contains(r.Routes, route) }

// Rules maps each accepted Kind to its rules. A kind missing from the map
// cannot be filed.
type Rules map[Kind]KindRules

// DefaultRules returns a fresh copy of the default rules. Change them in
// Options.Rules: several values are contested or unknown (DOMAIN.md §6, §8).
//
// KindDecision (BoG Procedure Law art 8(4), [C2]): file within 60 days of
// learning of the decision; the agency answers within 60 days of filing;
// silence is a deemed rejection; escalate to court within 60 days of the
// rejection or of the end of the answer period. Reopen once within 30 days
// of closure [INF]. The decision number is required. Note: an Okaz summary
// (2025-09-07) mentions 90 days for the agency's answer; unresolved, so set
// Answer to Days(90) if it applies to you.
//
// KindRightsClaim (art 8(1)–(2), [S1]): file within 10 Hijri years of the day
// the right arose (the decision date); the Ministry answers within 60 days;
// silence is a deemed rejection; escalate within 60 days, or within what
// remains of the 10 years if longer. Reopen once within 30 days [INF]. No
// decision number is required. The 10 years are a limitation with art
// 8(1)'s exceptions (LimitationExceptions): a later filing is accepted with
// the filer's claim of an exception, for the deciding body to record one.
// Who decides the excuse at the Ministry stage is not stated [INF]: the
// body that answers the grievance (the agency's HR manager, or the
// committee for a committee kind) records it.
//
// KindPerformanceRating (performance framework art 15 [S1]; old regulation
// art 36/11 [C2]): the new framework's filing deadline is [NF], so the
// default is the old regulation's 15 days from receiving a copy of the
// rating; the committee recommends within one month (30 days, Reg art 1);
// silence is not a deemed rejection (no source says so) [INF]; the minister's
// decision is final administratively, and a court challenge within 60 days is
// offered [INF]. Reopen once within 30 days [INF].
func DefaultRules() Rules {
	return Rules{
		KindDecision: {
			FilingTrigger:         TriggerLearntOn,
			Filing:                Days(60),
			Answer:                Days(60),
			DeemedRejection:       true,
			Escalation:            Days(60),
			Routes:                []Route{RouteCourt},
			RequireDecisionNumber: true,
			Reopen:                Days(30),
			MaxReopens:            1,
		},
		KindRightsClaim: {
			FilingTrigger:           TriggerDecisionDate,
			Filing:                  Years(10),
			Answer:                  Days(60),
			DeemedRejection:         true,
			Escalation:              Days(60),
			EscalationAtLeastFiling: true,
			Routes:                  []Route{RouteCourt},
			Reopen:                  Days(30),
			MaxReopens:              1,
			LimitationExceptions:    true,
		},
		KindPerformanceRating: {
			FilingTrigger: TriggerLearntOn,
			Filing:        Days(15),
			Answer:        Days(30),
			Escalation:    Days(60),
			Routes:        []Route{RouteCourt},
			Committee:     true,
			Reopen:        Days(30),
			MaxReopens:    1,
		},
	}
}

// clone returns a deep copy of r.
func (r Rules) clone() Rules {
	c := make(Rules, len(r))
	for k, v := range r {
		c[k] = v.clone()
	}
	return c
}

func itoa(n int) string { return strconv.Itoa(n) }
