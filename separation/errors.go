package separation

import "github.com/masarhr/masar-go/fault"

// Store contract sentinels. Adapters return errors matching them (wrapped is
// fine).
var (
	// ErrNotFound: no case or retirement has the given key.
	ErrNotFound = fault.New(fault.NotFound, "separation.not_found",
		"the end-of-service case was not found", "لم يتم العثور على طلب إنهاء الخدمة")
	// ErrConflict: a stale version on update (someone else changed the
	// case first), or a duplicate key on create.
	ErrConflict = fault.New(fault.Conflict, "separation.conflict",
		"the end-of-service case was changed by someone else; reload it and try again",
		"تم تعديل طلب إنهاء الخدمة من قبل مستخدم آخر، أعد تحميله وحاول مرة أخرى")
	// ErrCursorNotFound: a list's After cursor names nothing. It refines
	// ErrNotFound.
	ErrCursorNotFound = ErrNotFound.Because("separation.cursor_not_found",
		"the page cursor names no item", "مؤشر الصفحة لا يشير إلى عنصر")
	// ErrCaseOpen: the employee already has an open case. It refines
	// ErrConflict.
	ErrCaseOpen = ErrConflict.Because("separation.case_open",
		"the employee already has an open end-of-service case", "يوجد طلب إنهاء خدمة قائم للموظف")
	// ErrDuplicateRetirement: two retirements of one file in one write. It
	// refines ErrConflict.
	ErrDuplicateRetirement = ErrConflict.Because("separation.duplicate_retirement",
		"two retirement dates of one file in one write", "تاريخا تقاعد لملف واحد في كتابة واحدة")
)

// Rule sentinels. Each refusal carries its own reason; a case refused for
// several reasons lists each in Fields (field "grounds.on", reason
// "separation.<reason>").
var (
	// ErrRefused: the case breaks one or more rules of its cause; Fields
	// lists every reason.
	ErrRefused = fault.New(fault.FailedPrecondition, "separation.refused",
		"the end of service cannot proceed", "لا يمكن المضي في إنهاء الخدمة")
	// ErrUnknownCause: the cause is not one of Reg 210's.
	ErrUnknownCause = fault.New(fault.Invalid, "separation.unknown_cause",
		"unknown end-of-service cause", "سبب إنهاء الخدمة غير معروف")
	// ErrNotPermitted: the actor's role may not take this step for this
	// cause (an employee opens only a resignation or an early retirement,
	// HR the others, the system the statutory age).
	ErrNotPermitted = fault.New(fault.PermissionDenied, "separation.not_permitted",
		"this role may not take this step on this case", "لا يحق لهذا الدور اتخاذ هذا الإجراء على الطلب")
	// ErrWrongState: the case is not in a state the action applies to.
	ErrWrongState = fault.New(fault.FailedPrecondition, "separation.wrong_state",
		"the case is not in a state that allows this", "حالة الطلب لا تسمح بهذا الإجراء")
	// ErrBarred: a resignation or early retirement while the employee is
	// suspended or under investigation or trial (Reg 216).
	ErrBarred = fault.New(fault.FailedPrecondition, "separation.barred",
		"the employee may not resign or retire early while suspended or under investigation or trial",
		"لا يجوز قبول الاستقالة أو التقاعد المبكر أثناء كف اليد أو التحقيق أو المحاكمة")
	// ErrNotInService: the file's service has ended.
	ErrNotInService = fault.New(fault.FailedPrecondition, "separation.not_in_service",
		"the employee is not in service", "الموظف ليس على رأس العمل")
	// ErrPostponement: a postponement breaks Reg 215 (a resignation, within
	// Rules.ResignationDeemedDays of filing, at most PostponementMaxDays
	// after the date stated).
	ErrPostponement = fault.New(fault.FailedPrecondition, "separation.postponement_refused",
		"the resignation cannot be postponed so", "لا يمكن تأجيل الاستقالة على هذا النحو")
	// ErrExcuseWindow: an absence case decided while the employee may
	// still report an excuse (Reg 227), or a transfer case opened before
	// its excuse window has passed (Reg 226).
	ErrExcuseWindow = fault.New(fault.FailedPrecondition, "separation.excuse_window",
		"the period for an excuse has not passed yet", "لم تنقض مهلة تقديم العذر بعد")
	// ErrApprovalRequired: the step needs the minister's approval
	// (Approval): ranks 14/15 early retirement (Reg 219), a withdrawal after
	// acceptance (Reg 217), an extension (Reg 105).
	ErrApprovalRequired = fault.New(fault.FailedPrecondition, "separation.approval_required",
		"the minister's approval is required", "يلزم الحصول على موافقة الوزير")
	// ErrExtension: an extension beyond Rules.MaxExtensionYears, or not
	// after the statutory last day.
	ErrExtension = fault.New(fault.FailedPrecondition, "separation.extension_refused",
		"the service cannot be extended so", "لا يمكن تمديد الخدمة على هذا النحو")
	// ErrNotEnded: a handover package is asked of a case that has not ended.
	ErrNotEnded = fault.New(fault.FailedPrecondition, "separation.not_ended",
		"the case has not ended", "لم تنته الخدمة في هذا الطلب")
)
