package grievance

import (
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

// The reasons of failed filing conditions, in FieldViolation.Reason. The
// eligibility conditions' reasons are identity's (identity.ReasonNotSaudi
// …), as its decision gives them.
const (
	ReasonWindowClosed    = "grievance.window_closed"
	ReasonFutureDate      = "grievance.future_date"
	ReasonLearntBefore    = "grievance.learnt_before_decision"
	ReasonUnknownKind     = "grievance.unknown_kind"
	ReasonInvalidDate     = "hijri_date"
	ReasonRequired        = "required"
	ReasonReasonsRequired = "grievance.reasons_required"
	// ReasonEligibilityUnchecked: FileCommand.Eligibility is not a decision
	// for identity.Grievances (the zero Decision, say), or refuses without
	// a reason.
	ReasonEligibilityUnchecked = "grievance.eligibility_unchecked"
)

func violation(field, reason, en, ar string) fault.FieldViolation {
	return fault.FieldViolation{Field: field, Reason: reason, Message: i18n.Text{AR: ar, EN: en}}
}

// eligibilityViolations returns the failed conditions of d, identity's
// eligibility decision for the grievance service: none when it allows,
// else each of its reasons as identity reports them (Decision.Err's
// fields: field "eligibility", the reason code and its message). A
// decision for another service, or a refusal without reasons, fails closed
// with ReasonEligibilityUnchecked.
func eligibilityViolations(d identity.Decision) []fault.FieldViolation {
	if d.Service == identity.Grievances && d.Allowed {
		return nil
	}
	if d.Service == identity.Grievances {
		if fe, ok := fault.As(d.Err()); ok && len(fe.Fields) > 0 {
			return fe.Fields
		}
	}
	return []fault.FieldViolation{violation("eligibility", ReasonEligibilityUnchecked,
		"eligibility for the grievance service was not checked",
		"لم يتم التحقق من الأهلية لخدمة التظلمات")}
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
		"the period for filing the grievance ("+termText(rules.Filing, i18n.English)+") ended on "+last.Format(hijri.EnglishLong)+" ("+last.String()+")",
		"انتهت المدة النظامية لتقديم التظلم ("+termText(rules.Filing, i18n.Arabic)+") في "+last.Format(hijri.ArabicLong)+" ("+last.String()+")")
}

// termText is t as a reader says it in lang, with plural agreement: "60
// days", "10 years", "٦٠ يوماً", "١٠ سنوات".
func termText(t Term, lang i18n.Lang) string {
	return i18n.Duration(t.Years, 0, t.Days, lang)
}

// triggerField names the input field of rules' filing trigger.
func triggerField(rules KindRules) string {
	if rules.FilingTrigger == TriggerDecisionDate {
		return "decision.date"
	}
	return "decision.learnt_on"
}

// refuse returns an instance of the refusal sentinel e carrying fields. It
// refines e (rather than copying it) so that the result matches e itself,
// and through e ErrFilingRefused, with errors.Is.
func refuse(e *fault.Error, fields ...fault.FieldViolation) error {
	return e.Because(e.Reason, e.Message.EN, e.Message.AR).WithFields(fields...)
}
