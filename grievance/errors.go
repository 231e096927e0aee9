package grievance

import "github.com/masarhr/masar-go/fault"

// Store contract sentinels. Adapters return errors matching them (wrapped is
// fine).
var (
	// ErrNotFound: no grievance has the given ID or tracking number.
	ErrNotFound = fault.New(fault.NotFound, "grievance.not_found",
		"the grievance was not found", "لم يتم العثور على التظلم")
	// ErrConflict: a stale version on update (someone else changed the
	// grievance first), or a duplicate ID or tracking number on create.
	ErrConflict = fault.New(fault.Conflict, "grievance.conflict",
		"the grievance was changed by someone else; reload it and try again",
		"تم تعديل التظلم من قبل مستخدم آخر، أعد تحميله وحاول مرة أخرى")
	// ErrCursorNotFound: a list's After cursor names no grievance. It
	// refines ErrNotFound, so errors.Is(err, ErrNotFound) holds.
	ErrCursorNotFound = ErrNotFound.Because("grievance.cursor_not_found",
		"the page cursor names no grievance", "مؤشر الصفحة لا يشير إلى تظلم")
)

// Filing refusals. ErrNotEligible and ErrFilingWindowClosed refine
// ErrFilingRefused, so errors.Is(err, ErrFilingRefused) holds for both. Every
// refusal lists each failed condition in its Fields (see doc.go, # Errors).
var (
	// ErrFilingRefused: the filing breaks more than one filing condition
	// (eligibility and window); its Fields list each one.
	ErrFilingRefused = fault.New(fault.FailedPrecondition, "grievance.filing_refused",
		"the grievance cannot be filed", "لا يمكن تقديم التظلم")
	// ErrNotEligible: the filer may not use the grievance service: the
	// eligibility decision of identity's policy for identity.Grievances
	// refused (by default: not a Saudi national, no Nafath account, no
	// permission on the service), and its Fields carry that decision's
	// reasons.
	ErrNotEligible = ErrFilingRefused.Because("grievance.not_eligible",
		"you are not eligible for the grievance service", "لا تنطبق عليك شروط خدمة التظلمات")
	// ErrFilingWindowClosed: the filing period of the grievance's kind has
	// ended (or the trigger date is in the future).
	ErrFilingWindowClosed = ErrFilingRefused.Because("grievance.window_closed",
		"the period for filing this grievance has ended", "انتهت المدة النظامية لتقديم هذا التظلم")
)

// Transition refusals.
var (
	// ErrInvalidTransition: the action is not possible from the grievance's
	// current status (for example answering a withdrawn grievance).
	ErrInvalidTransition = fault.New(fault.FailedPrecondition, "grievance.invalid_transition",
		"this action is not possible in the grievance's current status",
		"لا يمكن تنفيذ هذا الإجراء في حالة التظلم الحالية")
	// ErrPermissionDenied: the actor's role may not take the action, or the
	// actor is not the filer (filer actions) or not of the grievance's agency
	// (staff actions).
	ErrPermissionDenied = fault.New(fault.PermissionDenied, "grievance.permission_denied",
		"you may not take this action on this grievance", "ليست لديك صلاحية تنفيذ هذا الإجراء على هذا التظلم")
	// ErrAnswerDeadlinePassed: the agency's answer period has ended, so the
	// grievance is deemed rejected by law; only escalation or closure remain
	// (Sweep records the deemed rejection).
	ErrAnswerDeadlinePassed = fault.New(fault.FailedPrecondition, "grievance.answer_deadline_passed",
		"the period for answering this grievance has ended; it is deemed rejected",
		"انتهت مدة البت في التظلم، ويعد مرفوضاً حكماً")
	// ErrEscalationRefused: the grievance cannot be escalated: its outcome is
	// not adverse, the route is not open to its kind, or the escalation
	// period has ended (reason grievance.escalation_window_closed).
	ErrEscalationRefused = fault.New(fault.FailedPrecondition, "grievance.escalation_refused",
		"this grievance cannot be escalated", "لا يمكن تصعيد هذا التظلم")
	// ErrExceptionRefused: an exception to the filing period cannot be
	// recorded: the grievance was filed in time (grievance.not_late) or
	// already has one (grievance.exception_recorded).
	ErrExceptionRefused = fault.New(fault.FailedPrecondition, "grievance.exception_refused",
		"an exception to the filing period cannot be recorded on this grievance",
		"لا يمكن تسجيل استثناء من المدة النظامية على هذا التظلم")
	// ErrLimitationPending: the grievance was filed after its period under
	// a claimed exception that is not recorded yet; until it is
	// (Service.RecordException), the grievance may only be rejected.
	ErrLimitationPending = fault.New(fault.FailedPrecondition, "grievance.limitation_exception_pending",
		"this grievance was filed after its period; record the exception before accepting it",
		"قدم هذا التظلم بعد انقضاء المدة النظامية، فيلزم تسجيل الاستثناء قبل قبوله")
	// ErrReopenRefused: the closure can no longer be contested: the reopen
	// period has ended or the grievance was already reopened the allowed
	// number of times.
	ErrReopenRefused = fault.New(fault.FailedPrecondition, "grievance.reopen_refused",
		"this grievance cannot be reopened", "لا يمكن إعادة فتح هذا التظلم")
)

// Value errors.
var (
	// ErrInvalidTrackingNumber: the text is not a tracking number of the form
	// GRV-1447-000123.
	ErrInvalidTrackingNumber = fault.New(fault.Invalid, "grievance.invalid_tracking_number",
		"the tracking number is not valid; it looks like GRV-1447-000123",
		"رقم التظلم غير صحيح، وصيغته مثل GRV-1447-000123")
	// ErrNoWorkingDay: the working-day calendar has no working day within a
	// year after a deadline; the calendar is misconfigured.
	ErrNoWorkingDay = fault.New(fault.Internal, "grievance.no_working_day",
		"the working-day calendar has no working day after the deadline",
		"تقويم أيام العمل لا يحتوي على يوم عمل بعد نهاية المدة")
)
