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
