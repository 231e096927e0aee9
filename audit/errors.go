package audit

import "github.com/masarhr/masar-go/fault"

// Errors of the audit Store contract. Adapters return errors matching them
// (errors.Is).
var (
	// ErrNotFound: a filter's After cursor names no entry.
	ErrNotFound = fault.New(fault.NotFound, "audit.not_found",
		"the audit entry was not found", "سجل التدقيق غير موجود")
	// ErrConflict: an entry with the same ID already exists.
	ErrConflict = fault.New(fault.Conflict, "audit.duplicate",
		"the audit entry already exists", "سجل التدقيق موجود مسبقاً")
	// ErrInvalidFilter: the filter is malformed (for example To before From, or a negative limit).
	ErrInvalidFilter = fault.New(fault.Invalid, "audit.invalid_filter",
		"the audit query is not valid", "استعلام سجل التدقيق غير صحيح")
)
