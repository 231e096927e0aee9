package jobaudit

import "github.com/masarhr/masar-go/fault"

// Store contract sentinels. Adapters return errors matching them (wrapped is
// fine).
var (
	// ErrNotFound: no variable or qualification request has the given ID.
	ErrNotFound = fault.New(fault.NotFound, "jobaudit.not_found",
		"the job variable or request was not found", "لم يتم العثور على المتغير الوظيفي أو الطلب")
	// ErrConflict: a stale version on update, or a duplicate ID on create.
	ErrConflict = fault.New(fault.Conflict, "jobaudit.conflict",
		"the item was changed by someone else; reload it and try again",
		"تم تعديل العنصر من قبل مستخدم آخر، أعد تحميله وحاول مرة أخرى")
	// ErrCursorNotFound: a list's After cursor names nothing. It refines
	// ErrNotFound.
	ErrCursorNotFound = ErrNotFound.Because("jobaudit.cursor_not_found",
		"the page cursor names no item", "مؤشر الصفحة لا يشير إلى عنصر")
)

// Rule sentinels.
var (
	// ErrRefused: a variable breaks one or more rules on submit; Fields
	// lists every reason (reason "jobaudit.<reason>").
	ErrRefused = fault.New(fault.FailedPrecondition, "jobaudit.refused",
		"the job variable breaks the rules", "المتغير الوظيفي مخالف للقواعد")
	// ErrFourEyes: the checker is the maker or the employee, or the maker
	// is the employee.
	ErrFourEyes = fault.New(fault.PermissionDenied, "jobaudit.four_eyes",
		"the maker and the checker must be two people, neither of them the employee",
		"يجب أن يكون المدخل والمدقق شخصين مختلفين وليس أي منهما صاحب الملف")
	// ErrNotMaker: only the maker may edit or resubmit a variable.
	ErrNotMaker = fault.New(fault.PermissionDenied, "jobaudit.not_maker",
		"only the person who entered the variable may change it", "لا يعدل المتغير إلا من أدخله")
	// ErrWrongState: the variable or request is not in a state the action
	// applies to.
	ErrWrongState = fault.New(fault.FailedPrecondition, "jobaudit.wrong_state",
		"the item is not in a state that allows this", "الحالة لا تسمح بهذا الإجراء")
	// ErrNotesRequired: a return without notes or a rejection without a
	// reason.
	ErrNotesRequired = fault.New(fault.Invalid, "jobaudit.notes_required",
		"notes or a reason are required", "الملاحظات أو السبب مطلوبة")
	// ErrDocumentsRequired: a variable submitted, or a qualification
	// request made, without documents.
	ErrDocumentsRequired = fault.New(fault.Invalid, "jobaudit.documents_required",
		"supporting documents are required", "المستندات المؤيدة مطلوبة")
	// ErrEquivalencyRequired: a foreign degree (Country other than "SA")
	// without its equivalency.
	ErrEquivalencyRequired = fault.New(fault.Invalid, "jobaudit.equivalency_required",
		"a foreign degree needs its equivalency", "يلزم معادلة المؤهل الأجنبي")
)

// ErrCheckerRequired: the agency's variables of this kind must pass a
// checker (Policy): they cannot be entered into the file directly.
var ErrCheckerRequired = fault.New(fault.FailedPrecondition, "jobaudit.checker_required",
	"this change must be entered as a job variable and verified by a second person",
	"يجب إدخال هذا التغيير كمتغير وظيفي والتحقق منه من قبل شخص آخر")
