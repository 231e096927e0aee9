package idempotency

import (
	"context"
	"time"
)

// Store is the storage contract of idempotency records, keyed by (Scope,
// Key). Every method takes values in and returns them as copies: a caller
// changing a returned Header or Body changes nothing stored, and the other
// way round. An empty Header or Body may come back nil. Called with a
// context from the adapter's InTx (txn.Transactor), every method joins that
// transaction; a method that returns an error has written nothing.
//
// The Store applies no clock of its own: Reserve judges expiry at the
// reservation's CreatedAt, PurgeIdempotencyKeys at the instant it
// is given.
type Store interface {
	// ReserveIdempotencyKey stores r (its Status 0, no response) unless a
	// live record of r.Scope and r.Key exists, one whose ExpiresAt is after
	// r.CreatedAt. It returns (r as stored, false, nil) when it stored r,
	// replacing an expired record if there was one, and (the live record,
	// true, nil) when there is one, whatever its RequestHash: comparing the
	// fingerprints is the caller's job. Of concurrent calls for one scope
	// and key, exactly one stores its record and the others return it (in
	// a transaction, they wait for the first one's to end).
	ReserveIdempotencyKey(ctx context.Context, r Record) (Record, bool, error)

	// CompleteIdempotencyKey stores the response (status, header, body) of
	// the record of scope and key and returns the record as stored.
	//
	// Errors: ErrNotFound if there is no such record; ErrConflict if its
	// response is stored already (its Status is not 0): a stored response
	// is never overwritten.
	CompleteIdempotencyKey(ctx context.Context, scope, key string, status int, header map[string]string, body []byte) (Record, error)

	// GetIdempotencyKey returns the record of scope and key, expired or
	// not (see Record.Live).
	//
	// Errors: ErrNotFound if there is none.
	GetIdempotencyKey(ctx context.Context, scope, key string) (Record, error)

	// PurgeIdempotencyKeys deletes every record whose ExpiresAt is
	// strictly before before, completed or not, and returns how many it
	// deleted.
	PurgeIdempotencyKeys(ctx context.Context, before time.Time) (int, error)
}
