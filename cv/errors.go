package cv

import "github.com/masarhr/masar-go/fault"

// Store contract sentinels. Adapters return errors matching them (wrapped is
// fine).
var (
	// ErrNotFound: no profile, profile version or share has the given key.
	ErrNotFound = fault.New(fault.NotFound, "cv.not_found",
		"the CV item was not found", "لم يتم العثور على عنصر السيرة الذاتية")
	// ErrConflict: a stale version (someone else saved first), or a
	// duplicate key on create.
	ErrConflict = fault.New(fault.Conflict, "cv.conflict",
		"the CV was changed by someone else; reload it and try again",
		"تم تعديل السيرة الذاتية من قبل مستخدم آخر، أعد تحميلها وحاول مرة أخرى")
	// ErrCursorNotFound: a list's After cursor names nothing. It refines
	// ErrNotFound.
	ErrCursorNotFound = ErrNotFound.Because("cv.cursor_not_found",
		"the page cursor names no item", "مؤشر الصفحة لا يشير إلى عنصر")
)

// Use-case sentinels.
var (
	// ErrShareNotFound: no share has the code. It refines ErrNotFound.
	ErrShareNotFound = ErrNotFound.Because("cv.share_not_found",
		"no shared CV has this code", "لا توجد سيرة ذاتية مشاركة بهذا الرمز")
	// ErrShareExpired: the share's ExpiresAt has passed.
	ErrShareExpired = fault.New(fault.FailedPrecondition, "cv.share_expired",
		"the shared CV has expired", "انتهت صلاحية مشاركة السيرة الذاتية")
	// ErrShareRevoked: the employee revoked the share.
	ErrShareRevoked = fault.New(fault.FailedPrecondition, "cv.share_revoked",
		"the shared CV was revoked", "تم إلغاء مشاركة السيرة الذاتية")
	// ErrShareKeyMissing: the Service has no ShareKey of at least
	// MinShareKeyLen bytes.
	ErrShareKeyMissing = fault.New(fault.Internal, "cv.share_key_missing",
		"the CV sharing key is not configured", "مفتاح مشاركة السيرة الذاتية غير مهيأ")
	// ErrLifetime: a share lifetime beyond Options.MaxShareLifetime, or
	// negative.
	ErrLifetime = fault.New(fault.Invalid, "cv.share_lifetime",
		"the share lifetime is not allowed", "مدة المشاركة غير مسموح بها")
	// ErrUnknownPart: a part that is not an identity.Part.
	ErrUnknownPart = fault.New(fault.Invalid, "cv.unknown_part",
		"unknown part of the file", "جزء غير معروف من الملف")
)
