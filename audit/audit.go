package audit

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
)

// Errors of the audit Store contract.
var (
	// ErrConflict: an entry with the same ID already exists.
	ErrConflict = fault.New(fault.Conflict, "audit.duplicate", "the audit entry already exists", "سجل التدقيق موجود مسبقاً")
	// ErrInvalidFilter: the filter is malformed (for example To before From, or a negative limit).
	ErrInvalidFilter = fault.New(fault.Invalid, "audit.invalid_filter", "the audit query is not valid", "استعلام سجل التدقيق غير صحيح")
)

// Outcome is how an audited call ended.
type Outcome string

// The outcomes.
const (
	// Succeeded: the call did what it was asked.
	Succeeded Outcome = "succeeded"
	// Denied: the actor was not allowed; nothing else happened.
	Denied Outcome = "denied"
	// Failed: the call was allowed but failed (invalid input, conflict, …); nothing changed.
	Failed Outcome = "failed"
)

var outcomeLabels = map[Outcome]i18n.Text{
	Succeeded: {AR: "نجح", EN: "succeeded"},
	Denied:    {AR: "رُفض", EN: "denied"},
	Failed:    {AR: "فشل", EN: "failed"},
}

// Label returns the outcome's name in lang (the raw value for an unknown one).
func (o Outcome) Label(lang i18n.Lang) string {
	if m, ok := outcomeLabels[o]; ok {
		return m.In(lang)
	}
	return string(o)
}

// Ref is a keyed, non-reversible reference to a person: the hex HMAC-SHA256
// of the national ID under the host's audit key.
type Ref string

// NewRef returns the Ref of the national ID id under key.
func NewRef(key []byte, id string) Ref {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	return Ref(hex.EncodeToString(m.Sum(nil)))
}

// Change is one field's old and new value in a write.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Entry is one line of the audit trail.
type Entry struct {
	// ID identifies the entry (unique).
	ID string `json:"id"`
	// At is when the call happened (UTC).
	At time.Time `json:"at"`
	// Actor and ActorMasked identify who made the call.
	Actor       Ref    `json:"actor"`
	ActorMasked string `json:"actor_masked"`
	// ActorRoles are the roles the actor acted with.
	ActorRoles []string `json:"actor_roles,omitempty"`
	// ActorAgency is the agency the actor acted for, if any.
	ActorAgency string `json:"actor_agency,omitempty"`
	// Action names the use case, e.g. "records.view_file".
	Action string `json:"action"`
	// Subject and SubjectMasked identify the person whose data was read or
	// written; empty for calls about no one person (e.g. ranking a round).
	Subject       Ref    `json:"subject,omitempty"`
	SubjectMasked string `json:"subject_masked,omitempty"`
	// Agency is the agency that owns the data touched, if any.
	Agency string `json:"agency,omitempty"`
	// Resource identifies the object touched (a correction request ID, a
	// grievance tracking number), if any.
	Resource string `json:"resource,omitempty"`
	// Outcome says how the call ended; Code is the error code when it did not succeed.
	Outcome Outcome `json:"outcome"`
	Code    string  `json:"code,omitempty"`
	// Changes lists field-level changes of a write.
	Changes []Change `json:"changes,omitempty"`
}

// Filter selects entries. Zero fields match everything.
type Filter struct {
	// Subject and Actor match entries about or by a person.
	Subject Ref
	Actor   Ref
	// Agency matches entries whose data belongs to the agency.
	Agency string
	// Action matches one action exactly.
	Action string
	// From (inclusive) and To (exclusive) bound At.
	From, To time.Time
	// After returns only entries that sort after this position (keyset
	// paging: pass CursorOf the last entry of the previous page).
	After Cursor
	// Limit caps the number of entries (0 means 100; at most 1000).
	Limit int
}

// MaxLimit is the largest page ListAudit returns.
const MaxLimit = 1000

// DefaultLimit is the page size when Filter.Limit is 0.
const DefaultLimit = 100

// Validate checks f's shape and returns the effective limit.
func (f Filter) Validate() (int, error) {
	if f.Limit < 0 {
		return 0, ErrInvalidFilter.Because("audit.invalid_limit", "the limit must not be negative", "يجب ألا يكون الحد سالباً")
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return 0, ErrInvalidFilter.Because("audit.invalid_period", "the end of the period is before its start", "نهاية الفترة قبل بدايتها")
	}
	switch {
	case f.Limit == 0:
		return DefaultLimit, nil
	case f.Limit > MaxLimit:
		return MaxLimit, nil
	}
	return f.Limit, nil
}

// Match reports whether e passes f's field criteria (not paging). Adapters
// without a query language may use it.
func (f Filter) Match(e Entry) bool {
	return (f.Subject == "" || e.Subject == f.Subject) &&
		(f.Actor == "" || e.Actor == f.Actor) &&
		(f.Agency == "" || e.Agency == f.Agency) &&
		(f.Action == "" || e.Action == f.Action) &&
		(f.From.IsZero() || !e.At.Before(f.From)) &&
		(f.To.IsZero() || e.At.Before(f.To))
}

// Cursor is a position in the trail's order.
type Cursor struct {
	At time.Time
	ID string
}

// IsZero reports whether c is the start of the trail.
func (c Cursor) IsZero() bool { return c.At.IsZero() && c.ID == "" }

// CursorOf returns the position of e.
func CursorOf(e Entry) Cursor { return Cursor{At: e.At, ID: e.ID} }

// Less is the trail's order: by At, then by ID.
func Less(a, b Entry) bool { return CursorOf(a).Before(CursorOf(b)) }

// Before reports whether c sorts before d.
func (c Cursor) Before(d Cursor) bool {
	if !c.At.Equal(d.At) {
		return c.At.Before(d.At)
	}
	return c.ID < d.ID
}

// Store is the audit trail's storage contract. It is append-only.
type Store interface {
	// AppendAudit stores e. It must return an error matching ErrConflict if
	// an entry with e.ID exists. Called with a context from InTx, it joins
	// that transaction.
	AppendAudit(ctx context.Context, e Entry) error
	// ListAudit returns the entries matching f in the trail's order (At, then
	// ID), at most the effective limit of f, only those after f.After if it
	// is set. It must return an error matching ErrInvalidFilter for a filter
	// that fails Validate.
	ListAudit(ctx context.Context, f Filter) ([]Entry, error)
}
