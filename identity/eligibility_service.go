package identity

import (
	"context"
	"errors"
	"slices"

	"github.com/masarhr/masar-go/fault"
)

// Eligibility errors of the Service.
var (
	// ErrUnknownService: the service is not one the Service has a policy for.
	ErrUnknownService = fault.New(fault.Invalid, "eligibility.unknown_service",
		"unknown service", "خدمة غير معروفة")
	// ErrFactsUnavailable: a source of facts (registry, account directory,
	// employee records) could not be reached, so no decision can be made.
	// Its reason names the source: eligibility.registry_unavailable,
	// eligibility.accounts_unavailable, eligibility.employment_unavailable.
	ErrFactsUnavailable = fault.New(fault.Unavailable, "eligibility.unavailable",
		"eligibility cannot be checked now; try again later", "تعذر التحقق من الأهلية حالياً، حاول لاحقاً")
)

var (
	errRegistryFacts = ErrFactsUnavailable.Because("eligibility.registry_unavailable",
		"the civil registry is unavailable; eligibility cannot be checked now",
		"السجل المدني غير متاح حالياً، تعذر التحقق من الأهلية")
	errAccountFacts = ErrFactsUnavailable.Because("eligibility.accounts_unavailable",
		"the account directory is unavailable; eligibility cannot be checked now",
		"دليل الحسابات غير متاح حالياً، تعذر التحقق من الأهلية")
	errEmploymentFacts = ErrFactsUnavailable.Because("eligibility.employment_unavailable",
		"the employee records are unavailable; eligibility cannot be checked now",
		"السجلات الوظيفية غير متاحة حالياً، تعذر التحقق من الأهلية")
)

// Facts gathers what the policy of svc needs to know about id from the
// ports, asking only the ports whose conditions the policy checks:
// nationality from the Registry (a person it does not know is not Saudi),
// accounts from the AccountDirectory, employment from the EmploymentLookup.
// granted are the services id's agency gave them a permission on (the facade
// knows them from the actor's roles); they are copied into Facts.Permissions.
//
// Errors: ErrUnknownService; ErrNotConfigured when a needed port is nil;
// ErrFactsUnavailable (refined per source) when a port fails with an
// uncoded error; a port's coded error (its own unavailable error, say) is
// returned as it is.
func (s *Service) Facts(ctx context.Context, id NationalID, svc MasarService, granted []MasarService) (Facts, error) {
	return s.facts(ctx, id, svc, granted, "")
}

// facts is Facts, with the employment system known already when sys is set.
func (s *Service) facts(ctx context.Context, id NationalID, svc MasarService, granted []MasarService, sys EmploymentSystem) (Facts, error) {
	p, ok := s.policies[svc]
	if !ok {
		return Facts{}, ErrUnknownService
	}
	f := Facts{EmploymentSystem: UnknownSystem, Permissions: slices.Clone(granted)}
	if p.RequireSaudi && id.Kind() == Citizen {
		if s.ports.Registry == nil {
			return Facts{}, ErrNotConfigured
		}
		person, err := s.ports.Registry.LookUp(ctx, id)
		switch {
		case errors.Is(err, ErrNotInRegistry):
		case err != nil:
			return Facts{}, errRegistryFacts.Wrap(err)
		default:
			f.Saudi = person.Nationality == "SA"
		}
	}
	if p.RequireAbsher || p.RequireNafath {
		if s.ports.Accounts == nil {
			return Facts{}, ErrNotConfigured
		}
		acc, err := s.ports.Accounts.Accounts(ctx, id)
		if err != nil {
			return Facts{}, errAccountFacts.Wrap(err)
		}
		f.HasAbsher, f.HasNafath = acc.Absher, acc.Nafath
	}
	if p.RequireCivilService && sys != "" {
		f.EmploymentSystem = sys
	} else if p.RequireCivilService {
		if s.ports.Employment == nil {
			return Facts{}, ErrNotConfigured
		}
		sys, err := s.ports.Employment.EmploymentSystem(ctx, id)
		if err != nil {
			return Facts{}, errEmploymentFacts.Wrap(err)
		}
		if sys != "" {
			f.EmploymentSystem = sys
		}
	}
	return f, nil
}

// CheckEligibility decides whether id may use svc: it gathers the facts
// (see Facts) and applies the service's policy with Check. A refusal is a
// Decision, not an error; Decision.Err turns it into one.
//
// Errors: those of Facts.
func (s *Service) CheckEligibility(ctx context.Context, id NationalID, svc MasarService, granted []MasarService) (Decision, error) {
	return s.CheckEligibilityWith(ctx, id, svc, granted, "")
}

// CheckEligibilityWith is CheckEligibility for a caller that has read the
// subject's employment system already (the facade, holding the subject's
// file): a non-empty sys is taken as the employment fact instead of asking
// the EmploymentLookup port.
func (s *Service) CheckEligibilityWith(ctx context.Context, id NationalID, svc MasarService, granted []MasarService, sys EmploymentSystem) (Decision, error) {
	f, err := s.facts(ctx, id, svc, granted, sys)
	if err != nil {
		return Decision{}, err
	}
	return Check(s.policies[svc], f), nil
}
