// Package idempotency keeps the answers of creating calls made with an
// idempotency key, so that a client that retries a call (after a timeout or
// a dropped connection) gets the first answer instead of a second resource.
//
// The HTTP layer (adapters/httpapi) uses it for the Idempotency-Key header
// (draft-ietf-httpapi-idempotency-key-header) in one store transaction:
// Reserve the key, run the call, Complete the key with the answer, commit.
// Because the reservation, the call's own writes and the answer commit
// together, a crash in between leaves nothing behind, and a concurrent
// request with the same key waits on the reservation (the unique key of
// sqlstore's table; the write lock of SQLite and memstore) and then finds
// the completed record, so the call happens once.
//
// A Record is scoped (the person, or "public:" and the client address for
// calls made before sign-in): two people's keys never meet. Its
// RequestHash (HashRequest) tells a retry from another request reusing the
// key, which the caller refuses. Records expire when their caller says (httpapi:
// Config.IdempotencyTTL, default DefaultTTL, 24 hours, [INF]: the IETF draft
// leaves it to the server); a
// Reserve over an expired record replaces it, and PurgeIdempotencyKeys deletes
// the expired ones.
//
// # Errors
//
// ErrInvalidKey (invalid) for a key that is not 1–255 printable ASCII
// characters; ErrNotFound (not_found) and the store's errors.
package idempotency
