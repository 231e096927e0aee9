// Package audit is the append-only trail of who did what to whose file.
//
// Every read of a person's file and every write through the masar facade
// appends an Entry: the actor, the action, the subject, the time, the
// outcome (including refusals) and, for corrections, the field-level old and
// new values. The facade appends it in the same transaction as the change,
// so a change is never recorded without its entry nor the other way round.
//
// # Privacy
//
// Entries never hold a national ID in clear. A person is stored twice: as a
// Ref, a keyed hash (HMAC-SHA256 with the host's key) that an auditor can
// search by without the trail revealing the number, and masked
// ("1*******08") for display. NewRef computes the Ref.
//
// # Errors
//
// Store implementations return ErrConflict for a duplicate entry ID,
// ErrNotFound for a page cursor (Filter.After) that names no entry, and
// ErrInvalidFilter for a malformed filter; the trail has no update or delete.
//
// # Paging
//
// ListAudit returns the trail oldest first (At, then ID) in pages of at most
// Filter.Limit entries (DefaultLimit when 0, at most MaxLimit). To read the
// next page, pass the ID of the last entry of the previous one as
// Filter.After.
package audit
