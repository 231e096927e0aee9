package grievance

import (
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

// Eligibility are the facts about a filer that the grievance service's
// conditions need (DOMAIN.md §6.3). The host establishes them (identity's
// eligibility policies, the agency's permission records); the Service only
// checks them.
type Eligibility struct {
	// SaudiNational: the filer is a Saudi national.
	SaudiNational bool `json:"saudiNational"`
	// HasNafath: the filer has a Nafath (National SSO) account.
	HasNafath bool `json:"hasNafath"`
	// HasServicePermission: the filer has permission on the grievance service.
	HasServicePermission bool `json:"hasServicePermission"`
}

// The reasons of failed filing conditions, in FieldViolation.Reason.
const (
	ReasonNotSaudi        = "grievance.not_saudi_national"
	ReasonNoNafath        = "grievance.no_nafath_account"
	ReasonNoPermission    = "grievance.no_service_permission"
	ReasonWindowClosed    = "grievance.window_closed"
	ReasonFutureDate      = "grievance.future_date"
	ReasonLearntBefore    = "grievance.learnt_before_decision"
	ReasonUnknownKind     = "grievance.unknown_kind"
	ReasonInvalidDate     = "hijri_date"
	ReasonRequired        = "required"
	ReasonReasonsRequired = "grievance.reasons_required"
)

func violation(field, reason, en, ar string) fault.FieldViolation {
	return fault.FieldViolation{Field: field, Reason: reason, Message: i18n.Text{AR: ar, EN: en}}
}

// CheckEligibility checks the grievance service's conditions: a Saudi
// national (the fact, and a citizen's ID, first digit 1), a Nafath account
// and permission on the service. It returns nil, or ErrNotEligible whose
// Fields list every failed condition (fields eligibility.saudiNational,
// eligibility.hasNafath, eligibility.hasServicePermission).
func CheckEligibility(filer identity.NationalID, e Eligibility) error {
	if v := eligibilityViolations(filer, e); len(v) > 0 {
		return refuse(ErrNotEligible, v...)
	}
	return nil
}

func eligibilityViolations(filer identity.NationalID, e Eligibility) []fault.FieldViolation {
	var out []fault.FieldViolation
	if !e.SaudiNational || filer.Kind() != identity.Citizen {
		out = append(out, violation("eligibility.saudiNational", ReasonNotSaudi,
			"the grievance service is for Saudi nationals", "خدمة التظلمات متاحة للمواطنين السعوديين"))
	}
	if !e.HasNafath {
		out = append(out, violation("eligibility.hasNafath", ReasonNoNafath,
			"a Nafath (National Single Sign-On) account is required", "يلزم وجود حساب في النفاذ الوطني الموحد"))
	}
	if !e.HasServicePermission {
		out = append(out, violation("eligibility.hasServicePermission", ReasonNoPermission,
			"you do not have permission on the grievance service", "ليست لديك صلاحية على خدمة التظلمات"))
	}
	return out
}

// CheckFilingWindow checks that a grievance of rules' kind against d can
// still be filed on asOf (a civil date in the agency's time zone) and returns
// the last day of the filing period. It returns ErrFilingWindowClosed, whose
// Fields name the trigger field and the last day, when asOf is after it (or
// reason grievance.future_date when the trigger is after asOf).
// Other errors are those of Term.End.
func CheckFilingWindow(rules KindRules, d Decision, asOf hijri.Date, cal Calendar) (hijri.Date, error) {
	trigger := d.Trigger(rules.FilingTrigger)
	open, last, err := WindowOpen(trigger, rules.Filing, asOf, cal)
	if err != nil {
		return hijri.Date{}, err
	}
	switch {
	case open:
		return last, nil
	case asOf.Before(trigger):
		return last, refuse(ErrFilingWindowClosed, violation(triggerField(rules), ReasonFutureDate,
			"the date "+trigger.String()+" AH is in the future", "التاريخ "+trigger.String()+" هـ لم يحل بعد"))
	}
	return last, refuse(ErrFilingWindowClosed, windowViolation(rules, last))
}

func windowViolation(rules KindRules, last hijri.Date) fault.FieldViolation {
	return violation(triggerField(rules), ReasonWindowClosed,
		"the period for filing ("+rules.Filing.String()+") ended on "+last.String()+" AH",
		"انتهت المدة النظامية لتقديم التظلم في "+last.String()+" هـ")
}

// triggerField names the input field of rules' filing trigger.
func triggerField(rules KindRules) string {
	if rules.FilingTrigger == TriggerDecisionDate {
		return "decision.date"
	}
	return "decision.learntOn"
}

// refuse returns an instance of the refusal sentinel e carrying fields. It
// refines e (rather than copying it) so that the result matches e itself,
// and through e ErrFilingRefused, with errors.Is.
func refuse(e *fault.Error, fields ...fault.FieldViolation) error {
	return e.Because(e.Reason, e.Message.EN, e.Message.AR).WithFields(fields...)
}
