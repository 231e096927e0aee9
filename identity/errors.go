package identity

import "github.com/masarhr/masar-go/fault"

// Store contract sentinels. Adapters return errors matching them (wrapped is
// fine); the Service refines them into the errors its callers see.
var (
	// ErrNotFound: no registration, sign-in or consent has the given key.
	ErrNotFound = fault.New(fault.NotFound, "identity.not_found",
		"not found", "غير موجود")
	// ErrConflict: a duplicate key on create, a stale version on update or
	// delete, or a sign-in consumed already.
	ErrConflict = fault.New(fault.Conflict, "identity.conflict",
		"the record was changed by someone else; try again",
		"تم تعديل السجل من قبل مستخدم آخر، حاول مرة أخرى")
)

// Refinements of the Store contract sentinels and errors of its filters.
var (
	// ErrCursorNotFound: a list's After cursor names no consent. It matches
	// ErrNotFound.
	ErrCursorNotFound = ErrNotFound.Because("identity.cursor_not_found",
		"the page cursor names no consent", "مؤشر الصفحة لا يشير إلى موافقة")
	// ErrInvalidConsentFilter is returned by ListConsents for a negative Limit.
	ErrInvalidConsentFilter = fault.New(fault.Invalid, "consent.invalid_filter",
		"the consent filter is not valid", "معايير البحث في الموافقات غير صحيحة")
)
