package sqlstore

import (
	"context"
	"database/sql"
	"errors"
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

func (r *idempotencyRow) record() idempotency.Record {
	return idempotency.Record{Scope: r.Scope, Key: r.Key, RequestHash: r.RequestHash, Status: r.Status,
		Header: r.Header.V, Body: nilIfEmpty(r.Body), CreatedAt: timeOf(r.CreatedAt), ExpiresAt: timeOf(r.ExpiresAt)}.Clone()
}

const (
	idempotencyColumns = `scope, key, request_hash, status, header, body, created_at, expires_at`
	// idempotencyReserve inserts a pending record, or replaces one that
	// expired by the reservation's instant; it returns no row when a live
	// record holds the key. On PostgreSQL a concurrent transaction's
	// uncommitted row of the key makes it wait for that transaction.
	idempotencyReserve = `INSERT INTO idempotency_keys (` + idempotencyColumns + `)
	VALUES (?, ?, ?, 0, NULL, NULL, ?, ?)
	ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, status = 0, header = NULL,
		body = NULL, created_at = excluded.created_at, expires_at = excluded.expires_at
	WHERE idempotency_keys.expires_at <= excluded.created_at
	RETURNING scope`
	idempotencyGet      = `SELECT ` + idempotencyColumns + ` FROM idempotency_keys WHERE scope = ? AND key = ?`
	idempotencyComplete = `UPDATE idempotency_keys SET status = ?, header = ?, body = ?
	WHERE scope = ? AND key = ? AND status = 0 RETURNING ` + idempotencyColumns
	idempotencyPurge = `DELETE FROM idempotency_keys WHERE expires_at < ?`
)

// ReserveIdempotencyKey implements idempotency.Store: one upsert, and when
// a live record holds the key, a read of it, under one savepoint (or
// transaction).
func (s *Store) ReserveIdempotencyKey(ctx context.Context, r idempotency.Record) (idempotency.Record, bool, error) {
	if err := ctx.Err(); err != nil {
		return idempotency.Record{}, false, err
	}
	r = r.Clone()
	r.Status, r.Header, r.Body = 0, nil, nil
	var existing idempotencyRow
	found := false
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		var scope string
		err := sqlx.GetContext(ctx, q, &scope, s.rebind(idempotencyReserve), r.Scope, r.Key, r.RequestHash,
			instant(r.CreatedAt), instant(r.ExpiresAt))
		if !errors.Is(err, sql.ErrNoRows) {
			return mapError(err)
		}
		found = true
		return mapError(sqlx.GetContext(ctx, q, &existing, s.rebind(idempotencyGet), r.Scope, r.Key))
	})
	switch {
	case err != nil:
		return idempotency.Record{}, false, err
	case found:
		return existing.record(), true, nil
	}
	return r, false, nil
}

// CompleteIdempotencyKey implements idempotency.Store.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, scope, key string, status int, header map[string]string, body []byte) (idempotency.Record, error) {
	if err := ctx.Err(); err != nil {
		return idempotency.Record{}, err
	}
	var h any
	if len(header) > 0 {
		h = jsonValue[map[string]string]{header}
	}
	var row idempotencyRow
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		err := sqlx.GetContext(ctx, q, &row, s.rebind(idempotencyComplete), status, h, bytesOrNull(body), scope, key)
		if !errors.Is(err, sql.ErrNoRows) {
			return mapError(err)
		}
		var n int
		err = sqlx.GetContext(ctx, q, &n, s.rebind(`SELECT count(*) FROM idempotency_keys WHERE scope = ? AND key = ?`), scope, key)
		switch {
		case err != nil:
			return mapError(err)
		case n == 0:
			return idempotency.ErrNotFound
		}
		return idempotency.ErrConflict
	})
	if err != nil {
		return idempotency.Record{}, err
	}
	return row.record(), nil
}

// GetIdempotencyKey implements idempotency.Store.
func (s *Store) GetIdempotencyKey(ctx context.Context, scope, key string) (idempotency.Record, error) {
	if err := ctx.Err(); err != nil {
		return idempotency.Record{}, err
	}
	var row idempotencyRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &row, s.rebind(idempotencyGet), scope, key)
	if errors.Is(err, sql.ErrNoRows) {
		return idempotency.Record{}, idempotency.ErrNotFound
	}
	if err != nil {
		return idempotency.Record{}, mapError(err)
	}
	return row.record(), nil
}

// PurgeIdempotencyKeys implements idempotency.Store: one DELETE on
// the expires_at index.
func (s *Store) PurgeIdempotencyKeys(ctx context.Context, before time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	n, err := s.exec(ctx, s.ext(ctx), idempotencyPurge, instant(before))
	return int(n), err
}
