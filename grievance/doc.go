// Package grievance is the grievance service (خدمة التظلمات): an employee
// files a grievance against a decision, gets a tracking number, follows it
// and sees the agency's answer; the agency reviews it, asks for more
// information, answers and closes it; the law's clock runs throughout
// (DOMAIN.md §6).
//
// # Kinds and periods
//
// Each Kind has KindRules (DefaultRules documents the defaults and their
// sources): a grievance against an administrative decision is filed within
// 60 days of learning of it, answered within 60 days, silence is a deemed
// rejection, and the court route is open for 60 days after; a civil-service
// rights claim is filed within 10 Hijri years; a performance-rating
// grievance goes to a committee with its own periods. Every value is
// configuration (Options.Rules), because several are contested or unknown.
//
// Periods are counted as DOMAIN.md §6.3 says: in calendar days, from the day
// after the trigger (the day the filer learnt of the decision, the day of
// filing, the day of the rejection), the last day included, extended to the
// next working day when it falls on a day off. Term.End, Deadline, AddYears,
// WindowOpen and CheckFilingWindow are pure functions of civil dates
// (hijri.Date) and a Calendar of working days. The default calendar has the
// Friday–Saturday weekend and no holidays; hosts add the announced Eid and
// national holidays with Holidays.
//
// # Late filings (limitation exceptions)
//
// A rights claim's ten years are a limitation with the exceptions of BoG
// Procedure Law art 8(1): the defendant admits the right, or an excuse is
// accepted (KindRules.LimitationExceptions, set by default for rights
// claims only). A filing after the period is accepted when the filer states
// a claim of an exception (FileCommand.LateClaim); the grievance carries a
// pending Limitation and may only be rejected until the deciding body (the
// agency's HR manager, or a committee member for a committee kind) records
// the exception with its ground and reasons (Service.RecordException,
// ActionRecordException in the history; the status does not change). Who
// decides the excuse at the Ministry stage is not stated [INF].
//
// # States
//
// A grievance is submitted, under review, returned for information,
// answered (accepted, partially accepted, or rejected with reasons), closed,
// withdrawn (by the filer, before an answer), deemed rejected (the answer
// period passed; see Service.Sweep) or escalated (to the court or ministry
// route, after an adverse outcome). A closed grievance may be reopened by
// its filer within the reopen period, as many times as the kind allows
// (once by default). Transitions lists every allowed move and the roles
// that may make it; Next applies it. The Service adds the guards: a filer
// acts on their own grievance, staff on their agency's (never on their
// own), committee members only on committee kinds, and the periods.
//
// # Tracking numbers
//
// GRV-1447-000123: the Hijri year of filing and one national sequence per
// year, shared by every agency, that the Store allocates atomically with
// the insert; a number names one grievance in the Kingdom, so a person
// follows it by the number alone (Service.GetByTrackingNumber). One
// national sequence was chosen over an agency code in the number: numbers
// stay short and typeable, and agency codes (up to 64 characters, any
// script) never reach them. ParseTrackingNumber reads what people type
// (Arabic-Indic digits, any letter case).
//
// # Errors
//
// Every error is a fault error with a code, a stable reason and a
// message in Arabic and English. Filing is refused with
// fault.ErrInvalidInput (code invalid) listing every malformed or
// missing field; else with ErrNotEligible or ErrFilingWindowClosed (code
// failed_precondition), or ErrFilingRefused when both kinds of condition
// fail; either way the error's Fields list every failed condition, each
// with its own reason and messages. Eligibility is identity's decision
// (FileCommand.Eligibility, the decision of its policy for
// identity.Grievances), taken as it is: its reasons (eligibility.not_saudi,
// eligibility.no_nafath …, field "eligibility") come first, then the
// window's (grievance.window_closed …).
//
// # Paging
//
// Service.List returns a page.Page: f.Limit is the page size, and the next
// page starts after the cursor Next, the ID of the page's last grievance
// (Filter.After). A cursor that names no grievance is ErrNotFound
// (ErrCursorNotFound). Transitions fail with ErrInvalidTransition,
// ErrPermissionDenied (code permission_denied), ErrAnswerDeadlinePassed,
// ErrEscalationRefused, ErrReopenRefused, or the Store's ErrNotFound and
// ErrConflict. A call that returns an error has persisted nothing.
//
// # Concurrency
//
// A Service is safe for concurrent use. Every change is a compare-and-swap
// on the grievance's Version: of two staff answering at once, one wins and
// the other gets ErrConflict (or ErrInvalidTransition if it read the
// grievance after the first answer). Commands may carry the Version the
// actor saw, so a decision taken on a stale screen fails with ErrConflict.
// Sweep is safe to run while staff work and to run twice.
//
// # Time
//
// Options.Now is read once per operation. Instants (FiledAt, UpdatedAt,
// StatusChange.At) are stored in UTC at microsecond precision. Legal dates
// (FiledOn, AnswerDue, EscalationDue …) are civil dates in Options.Location
// (Saudi time, UTC+03:00, by default): a grievance filed at 23:30 in Riyadh
// is filed that day, whatever the date in UTC. Pure functions take their
// as-of date explicitly.
package grievance
