package masar

import (
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/records"
)

// UseCase names a facade operation. It is also the audit trail's action.
type UseCase string

// The use cases, by the role that typically performs them.
const (
	// An employee on their own file (and HR and grantees on others').
	UseViewFile           UseCase = "records.view_file"
	UseServiceDuration    UseCase = "records.service_duration"
	UsePrintStatement     UseCase = "records.print_statement"
	UseRequestCorrection  UseCase = "records.request_correction"
	UseWithdrawCorrection UseCase = "records.withdraw_correction"
	UseViewCorrections    UseCase = "records.view_corrections"
	UseViewCorrection     UseCase = "records.view_correction"

	UseFileGrievance     UseCase = "grievance.file"
	UseViewGrievance     UseCase = "grievance.view"
	UseWithdrawGrievance UseCase = "grievance.withdraw"
	UseProvideInfo       UseCase = "grievance.provide_info"
	UseEscalateGrievance UseCase = "grievance.escalate"
	UseReopenGrievance   UseCase = "grievance.reopen"

	UsePromotionEligibility UseCase = "promotion.eligibility"
	UsePromotionStanding    UseCase = "promotion.standing"
	UseMyPromotionRounds    UseCase = "promotion.my_rounds"

	UseGrantConsent  UseCase = "consent.grant"
	UseRevokeConsent UseCase = "consent.revoke"
	UseListConsents  UseCase = "consent.list"

	UseServiceEligibility UseCase = "identity.service_eligibility"

	// UseRequestLeave: an employee requests a leave of their own.
	UseRequestLeave UseCase = "leave.request"
	// UseCancelLeave: an employee withdraws a leave of their own.
	UseCancelLeave UseCase = "leave.cancel"
	// UseViewLeaves: a person's leaves, one or a list.
	UseViewLeaves UseCase = "leave.view"
	// UseLeaveBalance: the annual-leave statement, and a sick leave's pay.
	UseLeaveBalance UseCase = "leave.balance"

	// UseRequestSeparation: an employee's resignation or early-retirement
	// request on their own file (the Bayan service).
	UseRequestSeparation UseCase = "separation.request"
	// UseWithdrawSeparation: the employee withdraws their own request.
	UseWithdrawSeparation UseCase = "separation.withdraw"
	// UseViewSeparation: a person's end-of-service cases, one or a list.
	UseViewSeparation UseCase = "separation.view"
	// UsePensionStatement: the pensionable-service statement (بيان خدمة للتقاعد).
	UsePensionStatement UseCase = "separation.pension_statement"

	// UseEditCV: the employee's own sections of their CV.
	UseEditCV UseCase = "cv.edit"
	// UseViewCV: a person's CV, to them and, as far as a consent covers,
	// to a grantee agency.
	UseViewCV UseCase = "cv.view"
	// UseShareCV: the employee's shares of their CV by verification code.
	UseShareCV UseCase = "cv.share"

	// UseSubmitQualification: an employee asks for a qualification of
	// their own to be documented.
	UseSubmitQualification UseCase = "jobaudit.submit_qualification"
	// UseViewQualifications: a person's qualification requests.
	UseViewQualifications UseCase = "jobaudit.view_qualifications"

	// HR of an agency.
	UseCreateEmployee   UseCase = "records.create_employee"
	UseImportEmployees  UseCase = "records.import_employees"
	UseRecordHistory    UseCase = "records.record_history"
	UseDecideCorrection UseCase = "records.decide_correction"
	UseCorrectionQueue  UseCase = "records.correction_queue"
	UseListGrievances   UseCase = "grievance.list"
	UseWorkGrievance    UseCase = "grievance.work"
	UseCloseGrievance   UseCase = "grievance.close"
	UseAnswerGrievance  UseCase = "grievance.answer"
	// UseRecordGrievanceException records an exception to a late
	// filing's limitation (BoG Procedure Law art 8(1)).
	UseRecordGrievanceException UseCase = "grievance.record_exception"
	// UseSweepGrievances is the system's scheduled job, audited per grievance
	// it marks deemed rejected; no person performs it.
	UseSweepGrievances UseCase = "grievance.sweep"
	UseManageRound     UseCase = "promotion.manage_round"
	// UseLeaveQueue: the leave requests made in the agency.
	UseLeaveQueue UseCase = "leave.queue"
	// UseDecideLeave: approving or rejecting a leave request.
	UseDecideLeave UseCase = "leave.decide"
	// UseManageLeave: the agency's deferral of a leave, recall from it,
	// and extension of a year's balance.
	UseManageLeave UseCase = "leave.manage"
	// UseMedicalReports: the medical reports matched to the agency's files.
	UseMedicalReports UseCase = "leave.medical_reports"
	// UseReceiveReports is the system's scheduled intake of medical
	// reports, audited per report.
	UseReceiveReports UseCase = "leave.receive_reports"
	// UseAccrueLeave is the system's year-end accrual, audited once.
	UseAccrueLeave     UseCase = "leave.accrue"
	UseIssuePromotions UseCase = "promotion.issue_decisions"
	// UseEnterVariable: the maker drafts, edits and submits a job variable.
	UseEnterVariable UseCase = "jobaudit.enter_variable"
	// UseCheckVariable: the checker approves, returns or rejects one.
	UseCheckVariable UseCase = "jobaudit.check_variable"
	// UseViewVariables: the agency's job variables, one or a list.
	UseViewVariables UseCase = "jobaudit.view_variables"
	// UseAuditAgency: the data-quality audit of the agency's files.
	UseAuditAgency UseCase = "jobaudit.audit_agency"
	// UseDecideQualification: documenting or rejecting a qualification.
	UseDecideQualification UseCase = "jobaudit.decide_qualification"
	// UseOpenSeparation: HR opens a case ending a person's service for one
	// of the agency's causes.
	UseOpenSeparation UseCase = "separation.open"
	// UseDecideSeparation: the appointing authority accepts, postpones or
	// rejects a case.
	UseDecideSeparation UseCase = "separation.decide"
	// UseSeparationQueue: the cases opened in the agency.
	UseSeparationQueue UseCase = "separation.queue"
	// UseExtendService: an extension of service beyond the statutory age.
	UseExtendService UseCase = "separation.extend"
	// UseRetirementForecast: the agency's employees reaching the
	// statutory age in the next months.
	UseRetirementForecast UseCase = "separation.forecast"
	// UseSweepSeparations is the system's scheduled run of the
	// end-of-service timers, audited per case.
	UseSweepSeparations UseCase = "separation.sweep"
	// UseRefreshRetirements is the system's scheduled computation of the
	// retirement dates, audited once.
	UseRefreshRetirements UseCase = "separation.refresh_retirements"
	// UseInspectOutbox is the host's listing of the pension packages.
	UseInspectOutbox UseCase = "outbox.inspect"
	// UseReplayOutbox is the host's redelivery of a pension package.
	UseReplayOutbox UseCase = "outbox.replay"

	// A ministry auditor.
	UseQueryAudit UseCase = "audit.query"
)

// Scope says whose data a permit reaches.
type Scope string

// The scopes.
const (
	// ScopeSelf: the actor's own file only.
	ScopeSelf Scope = "self"
	// ScopeAgency: data of the actor's own agency only.
	ScopeAgency Scope = "agency"
	// ScopeCommittee: committee grievances of the actor's own agency only.
	ScopeCommittee Scope = "committee"
	// ScopeConsent: a person's file part that a live consent grant to the
	// actor's agency names.
	ScopeConsent Scope = "consent"
	// ScopeAll: any agency's data (the ministry auditor's trail).
	ScopeAll Scope = "all"
)

// Permit allows a role to perform a use case within a scope.
type Permit struct {
	// Role is the role the permit is for.
	Role Role `json:"role"`
	// Scope says whose data the permit reaches.
	Scope Scope `json:"scope"`
	// Part is the file part a consent grant must name (ScopeConsent only).
	Part identity.Part `json:"part,omitempty"`
	// NotSelf: the permit does not reach the actor's own data. Staff who
	// are also employees of their agency may not decide on, or write into,
	// their own file or grievance.
	NotSelf bool `json:"not_self,omitempty"`
	// Eligible: the actor must also meet the eligibility policy of the use
	// case's Masar service (identity.Options.Policies): the person using
	// the service, as opposed to staff acting under their agency role.
	Eligible bool `json:"eligible,omitempty"`
}

// Rule is one use case's row of the authorization table.
type Rule struct {
	// Service is the Masar service the use case belongs to, whose
	// eligibility policy an Eligible permit enforces; "" for use cases of
	// no Masar service (consents, the audit trail).
	Service identity.MasarService `json:"service,omitempty"`
	// Permits are who may perform the use case, on whose data.
	Permits []Permit `json:"permits"`
	// DomainRefuses: the use case hands the eligibility decision to its
	// domain service, which refuses with it and its own reasons together
	// (filing a grievance: the policy's reasons and the filing window's in
	// one refusal), instead of the runner refusing first.
	DomainRefuses bool `json:"domain_refuses,omitempty"`
	// Read: the use case changes nothing but the audit trail. The runner
	// reads for it in a read-only transaction, when the stores have them,
	// and returns its data only once its audit entry is committed through
	// the Client's group commit (see IsRead).
	Read bool `json:"read,omitempty"`
}

// Permissions is the authorization table: for each use case, the Masar
// service it belongs to, who may perform it and on whose data. Anything not
// in it is denied and audited. It is the one place where the facade's access
// rules live.
func Permissions() map[UseCase]Rule {
	self := func(r Role) Permit { return Permit{Role: r, Scope: ScopeSelf, Eligible: true} }
	agency := func(r Role) Permit { return Permit{Role: r, Scope: ScopeAgency} }
	consent := func(p identity.Part) Permit {
		return Permit{Role: RoleConsentGrantee, Scope: ScopeConsent, Part: p}
	}
	hr := []Permit{agency(RoleHRSpecialist), agency(RoleHRManager)}
	notSelf := func(ps ...Permit) []Permit {
		out := make([]Permit, len(ps))
		for i, p := range ps {
			p.NotSelf = true
			out[i] = p
		}
		return out
	}
	eligible := func(ps ...Permit) []Permit {
		out := make([]Permit, len(ps))
		for i, p := range ps {
			p.Eligible = true
			out[i] = p
		}
		return out
	}
	committee := Permit{Role: RoleCommittee, Scope: ScopeCommittee}
	staff := notSelf(hr...) // HR acting on someone else's data only
	with := func(ps ...[]Permit) []Permit {
		var out []Permit
		for _, p := range ps {
			out = append(out, p...)
		}
		return out
	}
	one := func(p ...Permit) []Permit { return p }
	row := func(svc identity.MasarService, ps ...[]Permit) Rule { return Rule{Service: svc, Permits: with(ps...)} }
	const (
		jobData   = identity.MyJobData
		statement = identity.ServiceStatement
		grv       = identity.Grievances
		promo     = identity.Promotions
		jobAudit  = identity.JobDataAudit
		bayan     = identity.Bayan
		cvService = identity.CV
	)
	read := func(r Rule) Rule { r.Read = true; return r }
	fileGrievance := row(grv, one(self(RoleEmployee)))
	fileGrievance.DomainRefuses = true
	return map[UseCase]Rule{
		UseViewFile:           read(row(jobData, one(self(RoleEmployee), consent(identity.PartJob)), hr)),
		UseServiceDuration:    read(row(jobData, one(self(RoleEmployee), consent(identity.PartServiceDuration)), hr)),
		UsePrintStatement:     row(statement, one(self(RoleEmployee), consent(identity.PartStatement)), hr),
		UseRequestCorrection:  row(jobData, one(self(RoleEmployee))),
		UseWithdrawCorrection: row(jobData, one(self(RoleEmployee))),
		UseViewCorrections:    read(row(jobData, one(self(RoleEmployee)))),
		// One request: its maker, and HR of the agency reviewing it.
		UseViewCorrection:   read(row(jobData, one(self(RoleEmployee)), hr)),
		UseCorrectionQueue:  read(row(jobAudit, hr)),
		UseDecideCorrection: row(jobAudit, eligible(staff...)),

		UseFileGrievance:     fileGrievance,
		UseViewGrievance:     read(row(grv, one(self(RoleEmployee), committee), hr)),
		UseWithdrawGrievance: row(grv, one(self(RoleEmployee))),
		UseProvideInfo:       row(grv, one(self(RoleEmployee))),
		UseEscalateGrievance: row(grv, one(self(RoleEmployee)), notSelf(agency(RoleHRManager))),
		UseReopenGrievance:   row(grv, one(self(RoleEmployee))),
		UseListGrievances:    read(row(grv, hr, one(committee))),
		UseWorkGrievance:     row(grv, staff, notSelf(committee)),
		UseCloseGrievance:    row(grv, staff),
		UseAnswerGrievance:   row(grv, notSelf(agency(RoleHRManager), committee)),
		// The body that answers records the exception to a late filing.
		UseRecordGrievanceException: row(grv, notSelf(agency(RoleHRManager), committee)),

		UsePromotionEligibility: read(row(promo, one(self(RoleEmployee)), hr)),
		UsePromotionStanding:    read(row(promo, one(self(RoleEmployee)), hr)),
		UseMyPromotionRounds:    read(row(promo, one(self(RoleEmployee)))),
		UseManageRound:          row(promo, staff),
		UseIssuePromotions:      row(promo, notSelf(agency(RoleHRManager))),

		UseGrantConsent:  row("", one(self(RoleEmployee))),
		UseRevokeConsent: row("", one(self(RoleEmployee))),
		UseListConsents:  read(row("", one(self(RoleEmployee)))),

		UseServiceEligibility: read(row("", one(self(RoleEmployee)), hr)),

		UseCreateEmployee:  row(jobAudit, eligible(staff...)),
		UseRecordHistory:   row(jobAudit, eligible(staff...)),
		UseImportEmployees: row(jobAudit, eligible(staff...)),

		// Leaves belong to "my job data"; HR decides on others' files only.
		UseRequestLeave:   row(jobData, one(self(RoleEmployee))),
		UseCancelLeave:    row(jobData, one(self(RoleEmployee))),
		UseViewLeaves:     read(row(jobData, one(self(RoleEmployee)), hr)),
		UseLeaveBalance:   read(row(jobData, one(self(RoleEmployee)), hr)),
		UseLeaveQueue:     read(row(jobData, hr)),
		UseDecideLeave:    row(jobData, staff),
		UseManageLeave:    row(jobData, notSelf(agency(RoleHRManager))),
		UseMedicalReports: read(row(jobData, hr)),

		// Bayan: the employee's own request; the agency's HR opens the
		// other causes, its manager decides and extends (never on their own
		// file); the pension agency reads the statement under a consent.
		UseRequestSeparation:  row(bayan, one(self(RoleEmployee))),
		UseWithdrawSeparation: row(bayan, one(self(RoleEmployee))),
		UseViewSeparation:     read(row(bayan, one(self(RoleEmployee)), hr)),
		UsePensionStatement:   read(row(bayan, one(self(RoleEmployee), consent(identity.PartServiceDuration)), hr)),
		UseOpenSeparation:     row(bayan, staff),
		UseDecideSeparation:   row(bayan, notSelf(agency(RoleHRManager))),
		UseExtendService:      row(bayan, notSelf(agency(RoleHRManager))),
		UseSeparationQueue:    read(row(bayan, hr)),
		UseRetirementForecast: read(row(bayan, hr)),

		// The job-data audit: HR with the service's permission enters and
		// checks variables (the domain keeps maker and checker apart), never
		// on their own file; the employee submits their qualifications.
		UseEnterVariable:       row(jobAudit, eligible(staff...)),
		UseCheckVariable:       row(jobAudit, eligible(staff...)),
		UseViewVariables:       read(row(jobAudit, hr)),
		UseAuditAgency:         read(row(jobAudit, hr)),
		UseSubmitQualification: row(jobData, one(self(RoleEmployee))),
		UseViewQualifications:  read(row(jobData, one(self(RoleEmployee)), hr)),
		UseDecideQualification: row(jobAudit, eligible(staff...)),

		// The CV: the employee's own; a grantee reads what its consent covers.
		UseEditCV:  row(cvService, one(self(RoleEmployee))),
		UseViewCV:  read(row(cvService, one(self(RoleEmployee), consent(identity.PartPersonal)))),
		UseShareCV: row(cvService, one(self(RoleEmployee))),

		UseQueryAudit: read(row("", one(Permit{Role: RoleAuditor, Scope: ScopeAll}))),
	}
}

// flow is how the runner treats a use case.
type flow int

const (
	// actorFlow: a signed-in actor's call, authorized against Permissions.
	actorFlow flow = iota
	// publicFlow: a call made before anyone is signed in, audited under the
	// identity it concerns; it keeps what its own contract says it keeps
	// when it fails.
	publicFlow
	// systemFlow: the host's scheduled job, run as the system actor.
	systemFlow
)

// flowOf returns uc's flow.
func flowOf(uc UseCase) flow {
	switch uc {
	case UseVerifyStatement, UseOpenSharedCV, UseRegister, UseVerifyMobile, UseResendOTP, UseConfirmEmail, UseStartSignIn, UseCompleteSignIn, UseSignOut:
		return publicFlow
	case UseSweepGrievances, UseReceiveReports, UseAccrueLeave, UseSweepSeparations, UseRefreshRetirements,
		UseInspectOutbox, UseReplayOutbox:
		return systemFlow
	}
	return actorFlow
}

// target is what a call touches, for the authorization check.
type target struct {
	// subject is the person whose data it is (zero for agency-wide calls).
	subject identity.NationalID
	// agency owns the data.
	agency string
	// committee is set when the data is a committee grievance.
	committee bool
	// file is the subject's employee file when the call has read it, so
	// that the eligibility check does not read it again.
	file *records.Employee
}

// ErrDenied is returned, and audited, for every call outside the actor's rights.
var ErrDenied = fault.ErrPermissionDenied.WithOp("masar")
