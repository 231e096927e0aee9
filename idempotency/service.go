package idempotency

import (
	"context"
	"time"
)

// DefaultTTL is the retry window when Options.TTL is 0: 24 hours [INF]
// (no Masar source; the IETF Idempotency-Key draft leaves it to the server,
// and 24 hours is common practice).
const DefaultTTL = 24 * time.Hour

// Options configures a Service. Nil or zero fields mean the defaults.
type Options struct {
	// Now returns the current time, read once per call. Default time.Now.
	Now func() time.Time
	// TTL is how long a record answers retries after its key was reserved:
	// the retry window clients can count on. Default DefaultTTL.
	TTL time.Duration
}

// Service applies the idempotency rules over a Store: it validates keys,
// stamps records with the clock and the retry window, and compares a
// retry's fingerprint with the first request's. It is safe for concurrent
// use.
type Service struct {
	store Store
	now   func() time.Time
	ttl   time.Duration
}

// New returns a Service over store; nil opts mean the defaults.
func New(store Store, opts *Options) *Service {
	if opts == nil {
		opts = &Options{}
	}
	s := &Service{store: store, now: opts.Now, ttl: opts.TTL}
	if s.now == nil {
		s.now = time.Now
	}
	if s.ttl <= 0 {
		s.ttl = DefaultTTL
	}
	return s
}

// TTL returns the retry window the Service gives new records.
func (s *Service) TTL() time.Duration { return s.ttl }

// Reserve claims key in scope for the request whose fingerprint is
// requestHash (HashRequest). It returns:
//
//   - (the new record, false, nil) when no live record has the key: the
//     caller runs its call, then Complete, in the same transaction;
//   - (the stored record, true, nil) when an earlier request with the same
//     key and fingerprint completed: the caller replays its Status, Header
//     and Body and runs nothing.
//
// Errors: ErrInvalidKey for a malformed key; ErrKeyReused if the live record
// has another fingerprint; ErrInProgress if it has the same one but has not
// completed (only visible outside one transaction); ErrInvalidRecord for an
// empty scope or fingerprint; the Store's errors.
func (s *Service) Reserve(ctx context.Context, scope, key, requestHash string) (Record, bool, error) {
	if err := ValidateKey(key); err != nil {
		return Record{}, false, err
	}
	if scope == "" || requestHash == "" {
		return Record{}, false, ErrInvalidRecord.Because("idempotency.missing_scope_or_hash",
			"the idempotency record has no scope or no request hash", "سجل عدم التكرار بلا نطاق أو بلا بصمة طلب")
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	r, found, err := s.store.ReserveIdempotencyKey(ctx, Record{Scope: scope, Key: key, RequestHash: requestHash,
		CreatedAt: now, ExpiresAt: now.Add(s.ttl)})
	switch {
	case err != nil:
		return Record{}, false, err
	case !found:
		return r, false, nil
	case r.RequestHash != requestHash:
		return Record{}, false, ErrKeyReused
	case !r.Completed():
		return Record{}, false, ErrInProgress
	}
	return r, true, nil
}

// Complete stores the response of the call that reserved key in scope and
// returns the record as stored. header holds the headers a replay must
// carry (Content-Type, ETag, Location).
//
// Errors: ErrInvalidRecord for a status outside 100–599; the Store's
// ErrNotFound (nothing reserved) and ErrConflict (completed already).
func (s *Service) Complete(ctx context.Context, scope, key string, status int, header map[string]string, body []byte) (Record, error) {
	if status < 100 || status > 599 {
		return Record{}, ErrInvalidRecord.Because("idempotency.invalid_status",
			"the response status is not an HTTP status", "حالة الاستجابة ليست حالة HTTP صحيحة")
	}
	return s.store.CompleteIdempotencyKey(ctx, scope, key, status, header, body)
}

// Purge deletes the records that expired before now and returns how
// many it deleted. A host runs it periodically (for example hourly).
func (s *Service) Purge(ctx context.Context) (int, error) {
	return s.store.PurgeIdempotencyKeys(ctx, s.now().UTC().Truncate(time.Microsecond))
}
