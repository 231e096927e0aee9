package masar

import (
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
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

	UseFileGrievance     UseCase = "grievance.file"
	UseViewGrievance     UseCase = "grievance.view"
	UseWithdrawGrievance UseCase = "grievance.withdraw"
	UseProvideInfo       UseCase = "grievance.provide_info"
	UseEscalateGrievance UseCase = "grievance.escalate"
	UseReopenGrievance   UseCase = "grievance.reopen"

	UsePromotionEligibility UseCase = "promotion.eligibility"
	UsePromotionStanding    UseCase = "promotion.standing"

	UseGrantConsent  UseCase = "consent.grant"
	UseRevokeConsent UseCase = "consent.revoke"
	UseListConsents  UseCase = "consent.list"

	UseServiceEligibility UseCase = "identity.service_eligibility"

	// HR of an agency.
	UseCreateEmployee   UseCase = "records.create_employee"
	UseImportEmployees  UseCase = "records.import_employees"
	UseRecordHistory    UseCase = "records.record_history"
	UseDecideCorrection UseCase = "records.decide_correction"
	UseListGrievances   UseCase = "grievance.list"
	UseWorkGrievance    UseCase = "grievance.work"
	UseCloseGrievance   UseCase = "grievance.close"
	UseAnswerGrievance  UseCase = "grievance.answer"
	// UseSweepGrievances is the system's scheduled job, audited per grievance
	// it marks deemed rejected; no person performs it.
	UseSweepGrievances UseCase = "grievance.sweep"
	UseManageRound     UseCase = "promotion.manage_round"
	UseIssuePromotions UseCase = "promotion.issue_decisions"

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
	Role  Role
	Scope Scope
	// Part is the file part a consent grant must name (ScopeConsent only).
	Part identity.Part
	// NotSelf: the permit does not reach the actor's own data. Staff who
	// are also employees of their agency may not decide on, or write into,
	// their own file or grievance.
	NotSelf bool
}

// Permissions is the authorization table: for each use case, who may
// perform it and on whose data. Anything not in it is denied and audited.
// It is the one place where the facade's access rules live.
func Permissions() map[UseCase][]Permit {
	self := func(r Role) Permit { return Permit{Role: r, Scope: ScopeSelf} }
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
	return map[UseCase][]Permit{
		UseViewFile:           with(one(self(RoleEmployee), consent(identity.PartJob)), hr),
		UseServiceDuration:    with(one(self(RoleEmployee), consent(identity.PartServiceDuration)), hr),
		UsePrintStatement:     with(one(self(RoleEmployee), consent(identity.PartStatement)), hr),
		UseRequestCorrection:  one(self(RoleEmployee)),
		UseWithdrawCorrection: one(self(RoleEmployee)),
		UseViewCorrections:    with(one(self(RoleEmployee)), hr),
		UseDecideCorrection:   staff,

		UseFileGrievance:     one(self(RoleEmployee)),
		UseViewGrievance:     with(one(self(RoleEmployee), committee), hr),
		UseWithdrawGrievance: one(self(RoleEmployee)),
		UseProvideInfo:       one(self(RoleEmployee)),
		UseEscalateGrievance: with(one(self(RoleEmployee)), notSelf(agency(RoleHRManager))),
		UseReopenGrievance:   one(self(RoleEmployee)),
		UseListGrievances:    with(hr, one(committee)),
		UseWorkGrievance:     with(staff, notSelf(committee)),
		UseCloseGrievance:    staff,
		UseAnswerGrievance:   notSelf(agency(RoleHRManager), committee),

		UsePromotionEligibility: with(one(self(RoleEmployee)), hr),
		UsePromotionStanding:    with(one(self(RoleEmployee)), hr),
		UseManageRound:          hr,
		UseIssuePromotions:      one(agency(RoleHRManager)),

		UseGrantConsent:  one(self(RoleEmployee)),
		UseRevokeConsent: one(self(RoleEmployee)),
		UseListConsents:  one(self(RoleEmployee)),

		UseServiceEligibility: with(one(self(RoleEmployee)), hr),

		UseCreateEmployee:  staff,
		UseImportEmployees: staff,
		UseRecordHistory:   staff,

		UseQueryAudit: one(Permit{Role: RoleAuditor, Scope: ScopeAll}),
	}
}

// target is what a call touches, for the authorization check.
type target struct {
	// subject is the person whose data it is (zero for agency-wide calls).
	subject identity.NationalID
	// agency owns the data.
	agency string
	// committee is set when the data is a committee grievance.
	committee bool
}

// ErrDenied is returned, and audited, for every call outside the actor's rights.
var ErrDenied = fault.ErrPermissionDenied.WithOp("masar")
