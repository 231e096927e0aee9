package leave

import "github.com/masarhr/masar-go/fault"

// Rule sentinels. Each refusal carries its own reason; a request refused for
// several reasons lists each in Fields.
var (
	// ErrRefused: a leave breaks one or more rules; Fields lists every reason.
	ErrRefused = fault.New(fault.FailedPrecondition, "leave.refused",
		"the leave cannot be granted", "لا يمكن منح الإجازة")
	// ErrInvalidPeriod: the leave's dates are not valid or its end is before its start.
	ErrInvalidPeriod = fault.New(fault.Invalid, "leave.invalid_period",
		"the leave's dates are not valid", "تواريخ الإجازة غير صحيحة")
	// ErrUnknownKind: the leave kind is not one of Reg 126's.
	ErrUnknownKind = fault.New(fault.Invalid, "leave.unknown_kind",
		"unknown leave kind", "نوع الإجازة غير معروف")
	// ErrUnknownCategory: the sick-leave category is not known.
	ErrUnknownCategory = fault.New(fault.Invalid, "leave.unknown_category",
		"unknown sick-leave category", "فئة الإجازة المرضية غير معروفة")
)

// Store contract sentinels. Adapters return errors matching them (wrapped is
// fine).
var (
	// ErrNotFound: no leave, report or balance has the given key.
	ErrNotFound = fault.New(fault.NotFound, "leave.not_found",
		"the leave was not found", "لم يتم العثور على الإجازة")
	// ErrConflict: a stale version on update (someone else changed the
	// leave first), or a duplicate key on create.
	ErrConflict = fault.New(fault.Conflict, "leave.conflict",
		"the leave was changed by someone else; reload it and try again",
		"تم تعديل الإجازة من قبل مستخدم آخر، أعد تحميلها وحاول مرة أخرى")
	// ErrCursorNotFound: a list's After cursor names nothing. It refines
	// ErrNotFound.
	ErrCursorNotFound = ErrNotFound.Because("leave.cursor_not_found",
		"the page cursor names no item", "مؤشر الصفحة لا يشير إلى عنصر")
)

// ErrDuplicateBalance is the ErrConflict of a Store's PutBalances given two
// balances of one file and date.
var ErrDuplicateBalance = ErrConflict.Because("leave.duplicate_balance",
	"two balances of one file and date in one write", "رصيدان لملف وتاريخ واحد في كتابة واحدة")
