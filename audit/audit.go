package audit

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/page"
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

// Outcomes lists every Outcome, in a stable order.
func Outcomes() []Outcome { return []Outcome{Succeeded, Denied, Failed} }

var outcomeLabels = i18n.Labels[Outcome]{
	Succeeded: {AR: "نجح", EN: "succeeded"},
	Denied:    {AR: "رُفض", EN: "denied"},
	Failed:    {AR: "فشل", EN: "failed"},
}

// Label returns the outcome's name in lang (the raw value for an unknown one).
func (o Outcome) Label(lang i18n.Lang) string { return outcomeLabels.Label(o, lang) }

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
	Subject Ref `json:"subject,omitempty"`
	Actor   Ref `json:"actor,omitempty"`
	// Agency matches entries whose data belongs to the agency.
	Agency string `json:"agency,omitempty"`
	// Action matches one action exactly.
	Action string `json:"action,omitempty"`
	// From (inclusive) and To (exclusive) bound At.
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
	// After is the paging cursor: the ID of the last entry of the previous
	// page ("" for the first page). Only entries that sort after that entry
	// in the trail's order are returned.
	After string `json:"after,omitempty"`
	// Limit caps the number of entries (0 means DefaultLimit; at most MaxLimit).
	Limit int `json:"limit,omitempty"`
}

// Page sizes of ListAudit. The trail has no Service, so the Store applies
// them (Filter.Validate computes the effective limit); unlike other
// contracts' filters, a zero Limit is the default page, not "no cap".
const (
	// DefaultLimit is the page size when Filter.Limit is 0.
	DefaultLimit = 100
	// MaxLimit is the largest page ListAudit returns.
	MaxLimit = 1000
)

// Validate checks f's shape and returns the effective limit.
func (f Filter) Validate() (int, error) {
	if f.Limit < 0 {
		return 0, ErrInvalidFilter.Because("audit.invalid_limit", "the limit must not be negative", "يجب ألا يكون الحد سالباً")
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return 0, ErrInvalidFilter.Because("audit.invalid_period", "the end of the period is before its start", "نهاية الفترة قبل بدايتها")
	}
	return page.Limit(f.Limit, DefaultLimit, MaxLimit), nil
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

// Store is the audit trail's storage contract. It is append-only: an entry
// is written once, never updated or deleted.
type Store interface {
	// AppendAudit stores e as given. It must return an error matching
	// ErrConflict if an entry with e.ID exists. Called with a context from
	// InTx, it joins that transaction.
	//
	// Unlike other contracts' writes, it returns only an error: an entry
	// has no version, and the Store adds nothing to it (the caller chooses
	// its ID and its instant), so the entry as stored is e.
	AppendAudit(ctx context.Context, e Entry) error
	// ListAudit returns the entries matching f in the trail's order (At,
	// then ID in byte order, both ascending), at most the effective limit
	// of f (see Filter.Validate). If f.After is set, only the entries that
	// sort strictly after the entry with that ID are returned.
	//
	// Errors: ErrInvalidFilter for a filter that fails Validate; ErrNotFound
	// if f.After names no entry.
	ListAudit(ctx context.Context, f Filter) ([]Entry, error)
}
