package identity

import (
	"slices"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
)

// MasarService names one of Masar's electronic services, each with its own
// conditions of use (DOMAIN.md §7.1). The string values are stable: they are
// stored, sent in JSON and used as permission names.
type MasarService string

// The Masar services.
const (
	// Promotions: الترقيات.
	Promotions MasarService = "promotions"
	// Grievances: التظلمات.
	Grievances MasarService = "grievances"
	// MyJobData: بياناتي الوظيفية, the unified employee record and its corrections.
	MyJobData MasarService = "my_job_data"
	// ServiceStatement: بيان الخدمة, printing the service statement.
	ServiceStatement MasarService = "service_statement"
	// JobDataAudit: تدقيق البيانات الوظيفية, the agency's audit of job data.
	JobDataAudit MasarService = "job_data_audit"
	// CV: السيرة الذاتية, the CV built from the employee record.
	CV MasarService = "cv"
	// Bayan: بيان, ending service (resignation, retirement and the other
	// causes), the pension handover and the settlement of entitlements.
	Bayan MasarService = "bayan"
)

// MasarServices lists every MasarService, in a stable order.
func MasarServices() []MasarService {
	return []MasarService{Promotions, Grievances, MyJobData, ServiceStatement, JobDataAudit, CV, Bayan}
}

var serviceLabels = i18n.Labels[MasarService]{
	Promotions:       {AR: "الترقيات", EN: "Promotions"},
	Grievances:       {AR: "التظلمات", EN: "Grievances"},
	MyJobData:        {AR: "بياناتي الوظيفية", EN: "My job data"},
	ServiceStatement: {AR: "بيان الخدمة", EN: "Service statement"},
	JobDataAudit:     {AR: "تدقيق البيانات الوظيفية", EN: "Job data audit"},
	CV:               {AR: "السيرة الذاتية", EN: "CV"},
	Bayan:            {AR: "بيان", EN: "Bayan (end of service)"},
}

// Valid reports whether s is one of the Masar services.
func (s MasarService) Valid() bool {
	_, ok := serviceLabels[s]
	return ok
}

// Label returns the service's name in lang, or its code if s is not valid.
func (s MasarService) Label(lang i18n.Lang) string { return serviceLabels.Label(s, lang) }

// EmploymentSystem is the regime a person works under. Its string values are
// those of records.EmploymentSystem ("civil_service", "military", "private",
// "other"), so the two convert with a plain conversion; UnknownSystem (and
// the empty value) means no employee file says.
type EmploymentSystem string

// The employment systems.
const (
	CivilService  EmploymentSystem = "civil_service"
	Military      EmploymentSystem = "military"
	PrivateSector EmploymentSystem = "private"
	OtherSystem   EmploymentSystem = "other"
	UnknownSystem EmploymentSystem = "unknown"
)

// Facts are what the eligibility rules need to know about a subject. Check
// takes them as given; Service.CheckEligibility gathers them from the ports.
type Facts struct {
	// Saudi: the subject is a Saudi national (a citizen's ID, first digit 1,
	// and the civil registry's nationality SA).
	Saudi bool `json:"saudi"`
	// EmploymentSystem is the regime the subject works under.
	EmploymentSystem EmploymentSystem `json:"employment_system"`
	// HasAbsher: the subject has an Absher account.
	HasAbsher bool `json:"has_absher"`
	// HasNafath: the subject has a Nafath (National SSO) account.
	HasNafath bool `json:"has_nafath"`
	// Permissions are the services the subject's agency has granted them a
	// role on.
	Permissions []MasarService `json:"permissions"`
}

// Policy is the set of conditions of one Masar service. A condition that is
// false is not checked.
type Policy struct {
	Service             MasarService `json:"service"`
	RequireSaudi        bool         `json:"require_saudi"`
	RequireCivilService bool         `json:"require_civil_service"`
	RequireAbsher       bool         `json:"require_absher"`
	RequireNafath       bool         `json:"require_nafath"`
	RequirePermission   bool         `json:"require_permission"`
}

// Policies holds one Policy per service.
type Policies map[MasarService]Policy

// DefaultPolicies returns the policies Options.Policies defaults to, a new map
// each call.
//
// Grievances follows the hrsd.gov.sa page of the grievance service
// (DOMAIN.md §7.1, [S1]): a Saudi national, a permission on the service, a
// Nafath account. The other services are inferred to be similar ([INF]): the
// same three conditions, and, because they serve the civil-service employee
// record (promotions under the HR Implementing Regulation, my job data, the
// service statement, the job-data audit and the CV built from the record),
// employment under the civil service as well. No service requires Absher by
// default: Masar requires only Nafath (Absher typically activates Nafath,
// [INF]). The job-data audit is the agency staff's service (HR entering
// and checking job data), so it asks them for the permission, nationality
// and Nafath, not for an employee file of their own ([INF]: an agency's first
// HR staff are often loaded after the data they load). Hosts that know
// better pass their own Options.Policies.
func DefaultPolicies() Policies {
	p := Policies{}
	for _, s := range MasarServices() {
		p[s] = Policy{Service: s, RequireSaudi: true, RequireCivilService: s != Grievances && s != JobDataAudit,
			RequireNafath: true, RequirePermission: true}
	}
	return p
}

func (p Policies) clone() Policies {
	out := make(Policies, len(p))
	for k, v := range p {
		out[k] = v
	}
	return out
}

// Reason is one failed condition of an eligibility decision.
type Reason struct {
	// Code is stable and machine-readable: one of the Reason… constants.
	Code string `json:"code"`
	// Message says what is missing, in Arabic and English.
	Message i18n.Text `json:"message"`
}

// The reason codes of failed eligibility conditions.
const (
	ReasonNotSaudi        = "eligibility.not_saudi"
	ReasonNotCivilService = "eligibility.not_civil_service"
	ReasonNoAbsher        = "eligibility.no_absher"
	ReasonNoNafath        = "eligibility.no_nafath"
	ReasonNoPermission    = "eligibility.no_permission"
)

// reasonFieldEligibility is the Field of ErrNotEligible's violations.
const reasonFieldEligibility = "eligibility"

var (
	reasonNotSaudi = Reason{Code: ReasonNotSaudi, Message: i18n.Text{
		AR: "هذه الخدمة متاحة للمواطنين السعوديين فقط", EN: "this service is for Saudi nationals only"}}
	reasonNotCivilService = Reason{Code: ReasonNotCivilService, Message: i18n.Text{
		AR: "هذه الخدمة متاحة لموظفي الخدمة المدنية فقط، ولا تشمل العسكريين وموظفي القطاع الخاص",
		EN: "this service is for civil-service employees only, not military or private-sector staff"}}
	reasonNoAbsher = Reason{Code: ReasonNoAbsher, Message: i18n.Text{
		AR: "يلزم وجود حساب في أبشر", EN: "an Absher account is required"}}
	reasonNoNafath = Reason{Code: ReasonNoNafath, Message: i18n.Text{
		AR: "يلزم وجود حساب في النفاذ الوطني الموحد", EN: "a Nafath (National Single Sign-On) account is required"}}
	reasonNoPermission = Reason{Code: ReasonNoPermission, Message: i18n.Text{
		AR: "ليست لديك صلاحية على هذه الخدمة من جهتك", EN: "your agency has not given you a permission on this service"}}
)

// Decision is the outcome of an eligibility check.
type Decision struct {
	// Service is the service the decision is for.
	Service MasarService `json:"service"`
	// Allowed is true when every condition of the policy holds.
	Allowed bool `json:"allowed"`
	// Reasons lists every failed condition, in the order Saudi, civil
	// service, Absher, Nafath, permission; nil when Allowed.
	Reasons []Reason `json:"reasons,omitempty"`
}

// ErrNotEligible is returned (by Decision.Err) when a subject does not meet a
// service's conditions; its Fields list every failed condition, each with
// field "eligibility", the reason code and the message.
var ErrNotEligible = fault.New(fault.FailedPrecondition, "eligibility.not_eligible",
	"you do not meet the conditions of this service", "لا تنطبق عليك شروط هذه الخدمة")

// Err returns nil when d allows, or an error matching ErrNotEligible whose
// Fields list d's reasons.
func (d Decision) Err() error {
	if d.Allowed {
		return nil
	}
	fields := make([]fault.FieldViolation, len(d.Reasons))
	for i, r := range d.Reasons {
		fields[i] = fault.FieldViolation{Field: reasonFieldEligibility, Reason: r.Code, Message: r.Message}
	}
	return ErrNotEligible.WithFields(fields...)
}

// Check applies policy p to facts f and returns the decision, listing every
// failed condition. It is pure and allocates nothing when f meets p.
func Check(p Policy, f Facts) Decision {
	var failed [5]Reason
	n := 0
	if p.RequireSaudi && !f.Saudi {
		failed[n] = reasonNotSaudi
		n++
	}
	if p.RequireCivilService && f.EmploymentSystem != CivilService {
		failed[n] = reasonNotCivilService
		n++
	}
	if p.RequireAbsher && !f.HasAbsher {
		failed[n] = reasonNoAbsher
		n++
	}
	if p.RequireNafath && !f.HasNafath {
		failed[n] = reasonNoNafath
		n++
	}
	if p.RequirePermission && !slices.Contains(f.Permissions, p.Service) {
		failed[n] = reasonNoPermission
		n++
	}
	if n == 0 {
		return Decision{Service: p.Service, Allowed: true}
	}
	return Decision{Service: p.Service, Reasons: slices.Clone(failed[:n])}
}
