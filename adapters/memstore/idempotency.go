package memstore

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/masarhr/masar-go/idempotency"
)

var _ idempotency.Store = (*Store)(nil)

// idempotencyData holds the idempotency contract's state.
type idempotencyData struct {
	keys map[idemKey]idempotency.Record
}

type idemKey struct{ scope, key string }

func (d *idempotencyData) init() { d.keys = map[idemKey]idempotency.Record{} }

// ReserveIdempotencyKey implements idempotency.Store.
func (s *Store) ReserveIdempotencyKey(ctx context.Context, r idempotency.Record) (idempotency.Record, bool, error) {
	r = r.Clone()
	var out idempotency.Record
	found := false
	err := s.update(ctx, func(u *undoLog) error {
		k := idemKey{r.Scope, r.Key}
		if cur, ok := s.idk.keys[k]; ok && cur.ExpiresAt.After(r.CreatedAt) {
			out, found = cur.Clone(), true
			return nil
		}
		put(u, s.idk.keys, k, r)
		out = r.Clone()
		return nil
	})
	return out, found, err
}

// CompleteIdempotencyKey implements idempotency.Store.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, scope, key string, status int, header map[string]string, body []byte) (idempotency.Record, error) {
	var out idempotency.Record
	err := s.update(ctx, func(u *undoLog) error {
		k := idemKey{scope, key}
		cur, ok := s.idk.keys[k]
		if !ok {
			return idempotency.ErrNotFound
		}
		cur.Status, cur.Header, cur.Body = status, maps.Clone(header), slices.Clone(body)
		put(u, s.idk.keys, k, cur)
		out = cur.Clone()
		return nil
	})
	return out, err
}

// GetIdempotencyKey implements idempotency.Store.
func (s *Store) GetIdempotencyKey(ctx context.Context, scope, key string) (idempotency.Record, error) {
	var out idempotency.Record
	err := s.view(ctx, func() error {
		cur, ok := s.idk.keys[idemKey{scope, key}]
		if !ok {
			return idempotency.ErrNotFound
		}
		out = cur.Clone()
		return nil
	})
	return out, err
}

// PurgeIdempotencyKeys implements idempotency.Store.
func (s *Store) PurgeIdempotencyKeys(ctx context.Context, before time.Time) (int, error) {
	n := 0
	err := s.update(ctx, func(u *undoLog) error {
		for k, r := range s.idk.keys {
			if r.ExpiresAt.Before(before) {
				remove(u, s.idk.keys, k)
				n++
			}
		}
		return nil
	})
	return n, err
}
