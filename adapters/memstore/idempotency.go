package memstore

import (
	"context"
	"time"

	"github.com/masarhr/masar-go/idempotency"
)

var _ idempotency.Store = (*Store)(nil)

// idempotencyData holds the idempotency records by scope and key.
type idempotencyData struct {
	records map[idempotencyKey]idempotency.Record
}

type idempotencyKey struct{ scope, key string }

func (d *idempotencyData) init() { d.records = map[idempotencyKey]idempotency.Record{} }

// ReserveIdempotencyKey implements idempotency.Store. Inside InTx the
// store's lock is held until the transaction ends, so a concurrent
// reservation of the key waits and then sees the completed record.
func (s *Store) ReserveIdempotencyKey(ctx context.Context, r idempotency.Record) (idempotency.Record, bool, error) {
	k := idempotencyKey{r.Scope, r.Key}
	r = r.Clone()
	r.Status, r.Header, r.Body = 0, nil, nil
	var existing idempotency.Record
	found := false
	err := s.update(ctx, func(u *undoLog) error {
		if old, ok := s.idk.records[k]; ok && old.Live(r.CreatedAt) {
			existing, found = old.Clone(), true
			return nil
		}
		put(u, s.idk.records, k, r)
		return nil
	})
	if err != nil {
		return idempotency.Record{}, false, err
	}
	if found {
		return existing, true, nil
	}
	return r.Clone(), false, nil
}

// CompleteIdempotencyKey implements idempotency.Store.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, scope, key string, status int, header map[string]string, body []byte) (idempotency.Record, error) {
	k := idempotencyKey{scope, key}
	var out idempotency.Record
	err := s.update(ctx, func(u *undoLog) error {
		r, ok := s.idk.records[k]
		switch {
		case !ok:
			return idempotency.ErrNotFound
		case r.Completed():
			return idempotency.ErrConflict
		}
		r.Status, r.Header, r.Body = status, header, body
		r = r.Clone()
		put(u, s.idk.records, k, r)
		out = r.Clone()
		return nil
	})
	if err != nil {
		return idempotency.Record{}, err
	}
	return out, nil
}

// GetIdempotencyKey implements idempotency.Store.
func (s *Store) GetIdempotencyKey(ctx context.Context, scope, key string) (idempotency.Record, error) {
	var out idempotency.Record
	err := s.view(ctx, func() error {
		r, ok := s.idk.records[idempotencyKey{scope, key}]
		if !ok {
			return idempotency.ErrNotFound
		}
		out = r.Clone()
		return nil
	})
	if err != nil {
		return idempotency.Record{}, err
	}
	return out, nil
}

// PurgeIdempotencyKeys implements idempotency.Store. It scans every
// record: memstore holds test-sized data.
func (s *Store) PurgeIdempotencyKeys(ctx context.Context, before time.Time) (int, error) {
	n := 0
	err := s.update(ctx, func(u *undoLog) error {
		for k, r := range s.idk.records {
			if r.ExpiresAt.Before(before) {
				remove(u, s.idk.records, k)
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
