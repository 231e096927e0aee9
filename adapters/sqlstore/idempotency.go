package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"maps"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/idempotency"
)

var _ idempotency.Store = (*Store)(nil)

type idempotencyRow struct {
	Scope       string                       `db:"scope"`
	Key         string                       `db:"key"`
	RequestHash string                       `db:"request_hash"`
	Status      int                          `db:"status"`
	Header      jsonValue[map[string]string] `db:"header"`
	Body        []byte                       `db:"body"`
	CreatedAt   instant                      `db:"created_at"`
	ExpiresAt   instant                      `db:"expires_at"`
}

const idempotencyColumns = `scope, key, request_hash, status, header, body, created_at, expires_at`

func (r *idempotencyRow) record() idempotency.Record {
	out := idempotency.Record{Scope: r.Scope, Key: r.Key, RequestHash: r.RequestHash, Status: r.Status,
		Header: maps.Clone(r.Header.V), CreatedAt: timeOf(r.CreatedAt), ExpiresAt: timeOf(r.ExpiresAt)}
	if len(r.Body) > 0 {
		out.Body = bytes.Clone(r.Body)
	}
	if len(out.Header) == 0 {
		out.Header = nil
	}
	return out
}

// ReserveIdempotencyKey implements idempotency.Store: one INSERT that
// replaces only an expired row, then, if a live row kept it out, a SELECT of
// that row. A concurrent reservation of the same key waits on the primary
// key until the first commits or rolls back.
func (s *Store) ReserveIdempotencyKey(ctx context.Context, r idempotency.Record) (idempotency.Record, bool, error) {
	if err := ctx.Err(); err != nil {
		return idempotency.Record{}, false, err
	}
	r = r.Clone()
	q := s.ext(ctx)
	n, err := s.exec(ctx, q, `INSERT INTO idempotency_keys (`+idempotencyColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
	header = excluded.header, body = excluded.body, created_at = excluded.created_at, expires_at = excluded.expires_at
	WHERE idempotency_keys.expires_at <= excluded.created_at`,
		r.Scope, r.Key, r.RequestHash, r.Status, jsonValue[map[string]string]{r.Header}, nilIfNoBytes(r.Body),
		instant(r.CreatedAt), instant(r.ExpiresAt))
	if err != nil {
		return idempotency.Record{}, false, err
	}
	if n == 1 {
		return r.Clone(), false, nil
	}
	cur, err := s.getIdempotency(ctx, q, r.Scope, r.Key)
	if err != nil {
		return idempotency.Record{}, false, err
	}
	return cur, true, nil
}

func nilIfNoBytes(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

func (s *Store) getIdempotency(ctx context.Context, q sqlx.QueryerContext, scope, key string) (idempotency.Record, error) {
	var row idempotencyRow
	err := sqlx.GetContext(ctx, q, &row, s.rebind(`SELECT `+idempotencyColumns+` FROM idempotency_keys WHERE scope = ? AND key = ?`), scope, key)
	if errors.Is(err, sql.ErrNoRows) {
		return idempotency.Record{}, idempotency.ErrNotFound
	}
	if err != nil {
		return idempotency.Record{}, mapError(err)
	}
	return row.record(), nil
}

// CompleteIdempotencyKey implements idempotency.Store.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, scope, key string, status int, header map[string]string, body []byte) (idempotency.Record, error) {
	if err := ctx.Err(); err != nil {
		return idempotency.Record{}, err
	}
	var row idempotencyRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &row, s.rebind(`UPDATE idempotency_keys SET status = ?, header = ?, body = ?
	WHERE scope = ? AND key = ? RETURNING `+idempotencyColumns),
		status, jsonValue[map[string]string]{header}, nilIfNoBytes(body), scope, key)
	if errors.Is(err, sql.ErrNoRows) {
		return idempotency.Record{}, idempotency.ErrNotFound
	}
	if err != nil {
		return idempotency.Record{}, mapError(err)
	}
	return row.record(), nil
}

// GetIdempotencyKey implements idempotency.Store.
func (s *Store) GetIdempotencyKey(ctx context.Context, scope, key string) (idempotency.Record, error) {
	if err := ctx.Err(); err != nil {
		return idempotency.Record{}, err
	}
	return s.getIdempotency(ctx, s.ext(ctx), scope, key)
}

// PurgeIdempotencyKeys implements idempotency.Store, on the expires_at index.
func (s *Store) PurgeIdempotencyKeys(ctx context.Context, before time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	n, err := s.exec(ctx, s.ext(ctx), `DELETE FROM idempotency_keys WHERE expires_at < ?`, instant(before))
	return int(n), err
}
