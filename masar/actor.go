package masar

import (
	"slices"
	"strconv"

	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/validation"
)

// Role is what an actor acts as. An actor may hold several roles; a call is
// allowed if any of them allows it.
type Role string

// The roles.
const (
	// RoleEmployee: a civil servant acting on their own file only.
	RoleEmployee Role = "employee"
	// RoleHRSpecialist: an HR specialist of one agency, on that agency's files.
	RoleHRSpecialist Role = "hr_specialist"
	// RoleHRManager: an HR manager of one agency, on that agency's files; the
	// only role that issues promotion decisions.
	RoleHRManager Role = "hr_manager"
	// RoleCommittee: a member of an agency's grievance committee, on
	// grievances that go to the committee (performance-rating grievances).
	RoleCommittee Role = "grievance_committee"
	// RoleAuditor: a ministry auditor, who reads the audit trail of every agency.
	RoleAuditor Role = "ministry_auditor"
	// RoleConsentGrantee: an agency reading a person's file under a live
	// consent grant, and only the parts the grant names.
	RoleConsentGrantee Role = "consent_grantee"
)

// Roles lists every role.
func Roles() []Role {
	return []Role{RoleEmployee, RoleHRSpecialist, RoleHRManager, RoleCommittee, RoleAuditor, RoleConsentGrantee}
}

// Actor is who makes a call. Every Client call names its actor explicitly;
// the host establishes it (through sign-in) and the SDK never reads it from
// a context.
type Actor struct {
	// NationalID of the person acting.
	NationalID identity.NationalID `json:"national_id"`
	// Roles the person acts with.
	Roles []Role `json:"roles"`
	// Agency the person acts for (HR roles, committee members, grantees);
	// empty for an employee acting on their own file.
	Agency string `json:"agency,omitempty"`
	// Services are the Masar services the person's agency has given them a
	// permission (صلاحية) on; eligibility policies that require a
	// permission read it.
	Services []identity.MasarService `json:"services,omitempty"`
}

// Has reports whether a holds role r.
func (a Actor) Has(r Role) bool { return slices.Contains(a.Roles, r) }

func (a Actor) roleNames() []string {
	out := make([]string, len(a.Roles))
	for i, r := range a.Roles {
		out[i] = string(r)
	}
	return out
}

// validate checks the actor's strings as any input's: text every store holds
// alike, identifiers of at most validation.MaxID bytes.
func (a Actor) validate() error {
	if err := validation.ID("actor.agency", a.Agency); err != nil {
		return err
	}
	for i, r := range a.Roles {
		if err := validation.ID("actor.roles["+strconv.Itoa(i)+"]", string(r)); err != nil {
			return err
		}
	}
	for i, s := range a.Services {
		if err := validation.ID("actor.services["+strconv.Itoa(i)+"]", string(s)); err != nil {
			return err
		}
	}
	return nil
}

// known returns a without what validate refuses, for the audit entry of
// the refusal: the agency if it is not valid, and the roles the table does
// not know.
func (a Actor) known() Actor {
	if validation.ID("", a.Agency) != nil {
		a.Agency = ""
	}
	a.Roles = slices.DeleteFunc(slices.Clone(a.Roles), func(r Role) bool { return !slices.Contains(Roles(), r) })
	a.Services = nil
	return a
}
