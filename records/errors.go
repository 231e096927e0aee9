package records

import "github.com/masarhr/masar-go/fault"

// Store-contract sentinels. Adapters return errors matching them (errors.Is);
// the Service refines them with more specific reasons.
var (
	// ErrNotFound: no employee, correction request or statement has the given key.
	ErrNotFound = fault.New(fault.NotFound, "records.not_found",
		"the record was not found", "السجل غير موجود")
	// ErrConflict: a stale version (someone else changed the record first) or a
	// duplicate key.
	ErrConflict = fault.New(fault.Conflict, "records.conflict",
		"the record was changed by someone else; reload it and try again",
		"تم تعديل السجل من قبل مستخدم آخر، أعد تحميله وحاول مرة أخرى")
)

// Refinements of ErrNotFound and ErrConflict the Service returns.
var (
	// ErrEmployeeNotFound: no employee file has the given ID or national ID.
	ErrEmployeeNotFound = ErrNotFound.Because("records.employee_not_found",
		"the employee file was not found", "ملف الموظف غير موجود")
	// ErrCorrectionNotFound: no correction request has the given ID.
	ErrCorrectionNotFound = ErrNotFound.Because("records.correction_not_found",
		"the correction request was not found", "طلب التصحيح غير موجود")
	// ErrStatementNotFound: no issued statement has the given verification code.
	ErrStatementNotFound = ErrNotFound.Because("records.statement_not_found",
		"no service statement was issued with this verification code",
		"لا يوجد بيان خدمة صادر برمز التحقق هذا")
	// ErrHistoryEventNotFound: the employee's history has no event with the given ID.
	ErrHistoryEventNotFound = ErrNotFound.Because("records.history_event_not_found",
		"the history event was not found", "الحدث غير موجود في السجل الوظيفي")
	// ErrDuplicateNationalID: another employee file has the same national ID.
	ErrDuplicateNationalID = ErrConflict.Because("records.duplicate_national_id",
		"an employee file with this national ID already exists",
		"يوجد ملف موظف برقم الهوية نفسه")
	// ErrStaleVersion: the version given is not the current one.
	ErrStaleVersion = ErrConflict.Because("records.stale_version",
		"the record was changed by someone else; reload it and try again",
		"تم تعديل السجل من قبل مستخدم آخر، أعد تحميله وحاول مرة أخرى")
)

// ErrInvalidHistory is the sentinel of every history-invariant violation (code
// invalid). Its refinements name the rule broken (reasons records.history.*)
// and list the conflicting events in Fields, one entry per event, with Field
// "history.<event ID>" (or "history[<index>]" for an event not yet given an ID).
var ErrInvalidHistory = fault.New(fault.Invalid, "records.history.invalid",
	"the job history is not consistent", "السجل الوظيفي غير متسق")

// Service-duration errors.
var (
	// ErrNoAppointment: the history has no appointment, so service has no start.
	ErrNoAppointment = fault.New(fault.FailedPrecondition, "records.duration.no_appointment",
		"the job history has no appointment, so the service duration cannot be computed",
		"لا يتضمن السجل الوظيفي قرار تعيين، فلا يمكن احتساب مدة الخدمة")
	// ErrAsOfBeforeStart: the date asked for is before the actual start of service.
	ErrAsOfBeforeStart = fault.New(fault.Invalid, "records.duration.as_of_before_start",
		"the date is before the actual start of service", "التاريخ سابق لتاريخ مباشرة الخدمة")
	// ErrInvalidPurpose: the purpose is not one of the defined purposes.
	ErrInvalidPurpose = fault.New(fault.Invalid, "records.duration.invalid_purpose",
		"unknown service-duration purpose", "غرض احتساب مدة الخدمة غير معروف")
	// ErrInvalidDate: a date is not a valid Hijri date in the supported range.
	ErrInvalidDate = fault.New(fault.Invalid, "records.invalid_date",
		"the date is not valid", "التاريخ غير صحيح")
)

// Correction-request errors.
var (
	// ErrNotCorrectable: the field may not be changed through a correction request.
	ErrNotCorrectable = fault.New(fault.Invalid, "records.correction.field_not_correctable",
		"this field cannot be changed by a correction request",
		"لا يمكن تعديل هذا الحقل عن طريق طلب تصحيح")
	// ErrInvalidChange: a proposed change is malformed (no change, bad value, duplicate field).
	ErrInvalidChange = fault.New(fault.Invalid, "records.correction.invalid_change",
		"the proposed change is not valid", "التعديل المقترح غير صحيح")
	// ErrTermsNotAccepted: the employee did not accept the terms.
	ErrTermsNotAccepted = fault.New(fault.Invalid, "records.correction.terms_not_accepted",
		"you must accept the terms to submit a correction request",
		"يجب الموافقة على الشروط والأحكام لتقديم طلب التصحيح")
	// ErrCorrectionClosed: the request was already approved, rejected or
	// withdrawn and cannot change again. Code conflict: someone else acted first.
	ErrCorrectionClosed = ErrConflict.Because("records.correction.closed",
		"the correction request was already decided or withdrawn",
		"تم البت في طلب التصحيح أو سحبه مسبقاً")
	// ErrCorrectionStale: the file changed since the request was made: a
	// proposed change's old value no longer matches the file.
	ErrCorrectionStale = ErrConflict.Because("records.correction.stale",
		"the employee file changed since the request was made; the request must be made again",
		"تغير ملف الموظف منذ تقديم الطلب؛ يجب تقديم الطلب من جديد")
)

// Statement errors.
var (
	// ErrStatementKeyMissing: the Service has no statement key (Options.StatementKey)
	// and so refuses to issue or verify statements.
	ErrStatementKeyMissing = fault.New(fault.FailedPrecondition, "records.statement.key_missing",
		"service statements cannot be issued: no signing key is configured",
		"لا يمكن إصدار بيان الخدمة: لم يتم إعداد مفتاح التوقيع")
	// ErrStatementNotVerified: the statement's verification code does not match
	// its content: it was altered, or issued with another key.
	ErrStatementNotVerified = fault.New(fault.Invalid, "records.statement.not_verified",
		"the service statement could not be verified: its content does not match its verification code",
		"تعذر التحقق من بيان الخدمة: محتواه لا يطابق رمز التحقق")
)

// Refinements of ErrConflict and ErrNotFound that Store implementations
// return, so that every adapter reports the same reasons.
var (
	// ErrDuplicateEmployeeID: CreateEmployee with an ID already stored.
	ErrDuplicateEmployeeID = ErrConflict.Because("records.duplicate_employee_id",
		"an employee file with this ID exists", "يوجد ملف موظف بهذا المعرف")
	// ErrDuplicateEventID: a history event with an ID already stored.
	ErrDuplicateEventID = ErrConflict.Because("records.duplicate_event_id",
		"a history event with this ID exists", "يوجد حدث بهذا المعرف")
	// ErrDuplicateCorrectionID: CreateCorrection with an ID already stored.
	ErrDuplicateCorrectionID = ErrConflict.Because("records.duplicate_correction_id",
		"a correction request with this ID exists", "يوجد طلب تصحيح بهذا المعرف")
	// ErrDuplicateStatement: CreateStatement with an ID or code already stored.
	ErrDuplicateStatement = ErrConflict.Because("records.duplicate_statement",
		"a statement with this ID or verification code exists", "يوجد بيان بهذا المعرف أو رمز التحقق")
	// ErrCursorNotFound: a list's After cursor names no record.
	ErrCursorNotFound = ErrNotFound.Because("records.cursor_not_found",
		"the page cursor names no record", "مؤشر الصفحة لا يشير إلى سجل")
)
