// Package idempotency makes retried creating calls safe: a client sends an
// Idempotency-Key with a request that creates something (files a
// grievance, requests a correction, starts a registration, grants a
// consent, creates a round), and a retry with the same key and the same
// request gets the first response again instead of creating a second
// thing; the same key with another request is refused.
//
// A Record holds one key's request fingerprint (HashRequest) and, once the
// call has run, the response to replay (status, the headers worth
// replaying, the body). Records live in a Store, which adapters implement
// (adapters/memstore, adapters/sqlstore; the conformance suite is
// idempotency/idempotencytest). Service wraps a Store with the rules:
// validating the key, the clock, the retry window, comparing fingerprints.
//
// # The guarantee
//
// The HTTP layer runs each keyed call in one store transaction
// (txn.Transactor of the same adapter, so the domain call's own transaction
// nests in it as a savepoint):
//
//	begin → Reserve → found: same hash → replay the stored response
//	                         other hash → refuse (ErrKeyReused)
//	                  new:   run the call → Complete(response) → commit
//
// Because the reservation, the call and the stored response commit
// together, a record still in progress (not Record.Completed) is never visible to
// another transaction: a concurrent request with the same key waits (on
// PostgreSQL for the unique key, on SQLite for the write lock, in memstore
// for the store's lock) and then sees the completed record, or, if the
// first call failed and rolled back, no record at all, and runs the call
// itself. A call that fails leaves no record, so a client may retry it with
// the same key.
//
// Keys are scoped: a Record's Scope names who sent it (the signed-in
// person's audit reference, or "public:<client>" for unauthenticated
// calls), so two callers' keys never collide and no caller can replay
// another's response.
//
// # Retention
//
// A record is kept for Options.TTL (adapters/httpapi, which calls the
// Store itself: Config.IdempotencyTTL) after it was reserved (DefaultTTL, 24
// hours [INF]: the retry window clients can count on; the IETF
// Idempotency-Key draft leaves it to the server and suggests announcing
// it). Past its expiry a record no longer answers: Reserve replaces it, so
// the key starts afresh. Service.Purge (Store.PurgeIdempotencyKeys)
// removes expired records; a host runs it periodically.
//
// # Errors
//
// ErrInvalidKey (invalid: fault.ErrInvalidInput, its field violation's
// reason "idempotency.invalid_key") for a key that is not 1–255 printable
// ASCII characters; ErrKeyReused (failed
// precondition, HTTP 422) for a key reused with another request;
// ErrInProgress (conflict, HTTP 409) for a key whose first request has not
// completed (seen only by callers that do not use one transaction);
// ErrNotFound and ErrConflict are the Store contract's.
//
// # Time
//
// Options.Now (default time.Now) is read once per Service call; instants
// are stored as UTC truncated to microseconds.
package idempotency
