package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/outbox"
)

var _ outbox.Store = (*Store)(nil)

// outboxColumns are the columns of outbox_messages as the Store reads them.
const outboxColumns = `seq, id, topic, kind, aggregate, payload, created_at, attempts, next_attempt_at,
	last_error, delivered_at, outcome`

// outboxInsertColumns are the columns Append writes (all but seq), in the
// order of outboxInsertArgs.
const outboxInsertColumns = `id, topic, kind, aggregate, payload, created_at, attempts, next_attempt_at,
	last_error, delivered_at, outcome`

// outboxChunk is the most rows of one multi-row statement: 11 parameters
// a row keeps a statement well under SQLite's and PostgreSQL's limits.
const outboxChunk = 500

// outboxRow is a row of outbox_messages.
type outboxRow struct {
	Seq           int64   `db:"seq"`
	ID            string  `db:"id"`
	Topic         string  `db:"topic"`
	Kind          string  `db:"kind"`
	Aggregate     string  `db:"aggregate"`
	Payload       []byte  `db:"payload"`
	CreatedAt     instant `db:"created_at"`
	Attempts      int     `db:"attempts"`
	NextAttemptAt instant `db:"next_attempt_at"`
	LastError     string  `db:"last_error"`
	DeliveredAt   instant `db:"delivered_at"`
	Outcome       string  `db:"outcome"`
}

func (r *outboxRow) message() outbox.Message {
	return outbox.Message{
		ID: r.ID, Topic: r.Topic, Kind: r.Kind, Aggregate: r.Aggregate, Seq: r.Seq, Payload: r.Payload,
		CreatedAt: timeOf(r.CreatedAt), Attempts: r.Attempts, NextAttemptAt: timeOf(r.NextAttemptAt),
		LastError: r.LastError, DeliveredAt: timeOf(r.DeliveredAt), Outcome: r.Outcome,
	}
}

func outboxMessages(rows []outboxRow) []outbox.Message {
	out := make([]outbox.Message, len(rows))
	for i := range rows {
		out[i] = rows[i].message()
	}
	return out
}

// storedOutboxMessage returns m as the Store reads it back: instants in
// UTC to the microsecond, NextAttemptAt defaulted, the payload copied.
func storedOutboxMessage(m outbox.Message, seq int64) outbox.Message {
	m = m.Clone()
	m.Seq = seq
	if m.NextAttemptAt.IsZero() {
		m.NextAttemptAt = m.CreatedAt
	}
	m.CreatedAt, m.NextAttemptAt = storedInstant(m.CreatedAt), storedInstant(m.NextAttemptAt)
	m.DeliveredAt = storedInstant(m.DeliveredAt)
	return m
}

// Append implements outbox.Store: one multi-row INSERT … ON CONFLICT DO
// NOTHING RETURNING per 500 messages, in one transaction (a savepoint in
// the caller's); fewer rows returned than given means a taken ID, and the
// whole Append is undone.
func (s *Store) Append(ctx context.Context, ms ...outbox.Message) ([]outbox.Message, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]outbox.Message, len(ms))
	if len(ms) == 0 {
		return out, nil
	}
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		for start := 0; start < len(ms); start += outboxChunk {
			chunk := ms[start:min(start+outboxChunk, len(ms))]
			var b strings.Builder
			b.WriteString(`INSERT INTO outbox_messages (` + outboxInsertColumns + `) VALUES `)
			args := make([]any, 0, 11*len(chunk))
			for i := range chunk {
				m := &chunk[i]
				if i > 0 {
					b.WriteString(`, `)
				}
				b.WriteString(`(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
				next := m.NextAttemptAt
				if next.IsZero() {
					next = m.CreatedAt
				}
				args = append(args, m.ID, m.Topic, m.Kind, m.Aggregate, m.Payload, instant(m.CreatedAt), m.Attempts,
					instant(next), m.LastError, instant(m.DeliveredAt), m.Outcome)
			}
			b.WriteString(` ON CONFLICT DO NOTHING RETURNING seq, id`)
			var got []struct {
				Seq int64  `db:"seq"`
				ID  string `db:"id"`
			}
			if err := sqlxSelect(ctx, q, &got, s.rebind(b.String()), args...); err != nil {
				return err
			}
			if len(got) != len(chunk) {
				return outbox.ErrConflict
			}
			seqs := make(map[string]int64, len(got))
			for _, g := range got {
				seqs[g.ID] = g.Seq
			}
			for i := range chunk {
				out[start+i] = storedOutboxMessage(chunk[i], seqs[chunk[i].ID])
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// outboxClaimLock is the first key of the PostgreSQL advisory lock Claim
// takes on a topic (the second is the topic's hash): "obox".
const outboxClaimLock = 0x6f626f78

// outboxClaim is Claim's statement: the first limit pending messages of
// the topic that are due, read on outbox_pending in seq order, and not
// held back: no pending message of their aggregate before them is not due,
// which the anti-join finds among the topic's not-due messages (leased or
// failed: few) on outbox_pending_due; leased in the same statement.
//
// SQLite is told the indexes (INDEXED BY): left to itself it reads the
// held-back check on outbox_pending, every earlier pending message for
// each candidate.
func outboxClaim(d Dialect) string {
	pending, due := ``, ``
	if d == SQLite {
		pending, due = ` INDEXED BY outbox_pending`, ` INDEXED BY outbox_pending_due`
	}
	return `UPDATE outbox_messages SET attempts = attempts + 1, next_attempt_at = ?
	WHERE seq IN (
		SELECT m.seq FROM outbox_messages m` + pending + `
		WHERE m.topic = ? AND m.delivered_at IS NULL AND m.next_attempt_at <= ?
		AND NOT EXISTS (
			SELECT 1 FROM outbox_messages e` + due + `
			WHERE e.topic = ? AND e.delivered_at IS NULL AND e.next_attempt_at > ?
			AND e.aggregate = m.aggregate AND e.seq < m.seq)
		ORDER BY m.seq LIMIT ?)
	RETURNING ` + outboxColumns
}

// Claim implements outbox.Store: one UPDATE … WHERE seq IN (SELECT …
// ORDER BY seq LIMIT n) RETURNING, in a transaction of its own (or the
// caller's). Concurrent claims of a topic are serialised, so that none
// returns a message another took: on PostgreSQL by a transaction-scoped
// advisory lock on the topic taken first (the UPDATE's snapshot then sees
// the leases of the claim before it), on SQLite by the database's write
// lock (transactions begin IMMEDIATE).
func (s *Store) Claim(ctx context.Context, topic string, now time.Time, lease time.Duration, limit int) ([]outbox.Message, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = -1 // no limit, on both dialects
		if s.d == PostgreSQL {
			limit = 1 << 30
		}
	}
	var rows []outboxRow
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		if s.d == PostgreSQL {
			if _, err := q.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, outboxClaimLock, topic); err != nil {
				return mapError(err)
			}
		}
		return sqlxSelect(ctx, q, &rows, s.rebind(outboxClaim(s.d)), instant(now.Add(lease)), topic, instant(now), topic, instant(now), limit)
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rows, func(a, b outboxRow) int { return compareSeq(a.Seq, b.Seq) })
	return outboxMessages(rows), nil
}

func compareSeq(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// MarkDelivered implements outbox.Store: per 500 deliveries, one count of
// the IDs that exist and one UPDATE … FROM (VALUES …) of the pending ones,
// all in one transaction.
func (s *Store) MarkDelivered(ctx context.Context, ds ...outbox.Delivery) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(ds) == 0 {
		return nil
	}
	return s.write(ctx, func(q sqlx.ExtContext) error {
		for start := 0; start < len(ds); start += outboxChunk {
			chunk := ds[start:min(start+outboxChunk, len(ds))]
			distinct := make(map[string]bool, len(chunk))
			idArgs := make([]any, 0, len(chunk))
			for _, d := range chunk {
				if !distinct[d.ID] {
					distinct[d.ID] = true
					idArgs = append(idArgs, d.ID)
				}
			}
			var n int
			err := sqlx.GetContext(ctx, q, &n, s.rebind(`SELECT count(*) FROM outbox_messages WHERE id IN (`+
				strings.Repeat(`, ?`, len(idArgs))[2:]+`)`), idArgs...)
			if err != nil {
				return mapError(err)
			}
			if n != len(idArgs) {
				return outbox.ErrNotFound
			}
			row := `(?, ?, ?)`
			if s.d == PostgreSQL {
				row = `(?, CAST(? AS TIMESTAMPTZ), ?)`
			}
			var b strings.Builder
			b.WriteString(`UPDATE outbox_messages SET delivered_at = v.column2, outcome = v.column3 FROM (VALUES `)
			args := make([]any, 0, 3*len(chunk))
			seen := make(map[string]bool, len(chunk))
			for _, d := range chunk {
				if seen[d.ID] {
					continue // the first delivery of an ID in the batch
				}
				seen[d.ID] = true
				if len(args) > 0 {
					b.WriteString(`, `)
				}
				b.WriteString(row)
				at := d.At
				if at.IsZero() {
					at = time.Unix(0, 0)
				}
				args = append(args, d.ID, instant(at), d.Outcome)
			}
			b.WriteString(`) AS v WHERE outbox_messages.id = v.column1 AND outbox_messages.delivered_at IS NULL`)
			if _, err := s.exec(ctx, q, b.String(), args...); err != nil {
				return err
			}
		}
		return nil
	})
}

// Fail implements outbox.Store: one UPDATE of the pending message; when
// it matches none, a look-up tells not found from delivered.
func (s *Store) Fail(ctx context.Context, id string, next time.Time, reason string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	q := s.ext(ctx)
	n, err := s.exec(ctx, q, `UPDATE outbox_messages SET next_attempt_at = ?, last_error = ?
		WHERE id = ? AND delivered_at IS NULL`, instant(next), reason, id)
	if err != nil || n > 0 {
		return err
	}
	if ok, err := s.exists(ctx, q, `SELECT 1 FROM outbox_messages WHERE id = ?`, id); err != nil {
		return err
	} else if !ok {
		return outbox.ErrNotFound
	}
	return nil
}

// List implements outbox.Store: the cursor's seq by ID, then one keyset
// query in seq order.
func (s *Store) List(ctx context.Context, f outbox.Filter) ([]outbox.Message, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q := s.ext(ctx)
	var w conds
	if f.After != "" {
		var seq int64
		err := sqlx.GetContext(ctx, q, &seq, s.rebind(`SELECT seq FROM outbox_messages WHERE id = ?`), f.After)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, outbox.ErrCursorNotFound
		}
		if err != nil {
			return nil, mapError(err)
		}
		w.add(`seq > ?`, seq)
	}
	if f.Topic != "" {
		w.add(`topic = ?`, f.Topic)
	}
	if f.Kind != "" {
		w.add(`kind = ?`, f.Kind)
	}
	if f.Aggregate != "" {
		w.add(`aggregate = ?`, f.Aggregate)
	}
	if f.Pending {
		w.add(`delivered_at IS NULL`)
	}
	query := `SELECT ` + outboxColumns + ` FROM outbox_messages` + w.String() + ` ORDER BY seq`
	args := w.args
	if f.Limit > 0 {
		query += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	var rows []outboxRow
	if err := sqlxSelect(ctx, q, &rows, s.rebind(query), args...); err != nil {
		return nil, err
	}
	return outboxMessages(rows), nil
}

// Get implements outbox.Store.
func (s *Store) Get(ctx context.Context, id string) (outbox.Message, error) {
	if err := ctx.Err(); err != nil {
		return outbox.Message{}, err
	}
	var r outboxRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &r, s.rebind(`SELECT `+outboxColumns+` FROM outbox_messages WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return outbox.Message{}, outbox.ErrNotFound
	}
	if err != nil {
		return outbox.Message{}, mapError(err)
	}
	return r.message(), nil
}

// Replay implements outbox.Store: one UPDATE.
func (s *Store) Replay(ctx context.Context, id string, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	n, err := s.exec(ctx, s.ext(ctx), `UPDATE outbox_messages SET next_attempt_at = ?, attempts = 0, last_error = '',
		delivered_at = NULL, outcome = '' WHERE id = ?`, instant(at), id)
	if err != nil {
		return err
	}
	if n == 0 {
		return outbox.ErrNotFound
	}
	return nil
}

// Prune implements outbox.Store: one DELETE on outbox_delivered.
func (s *Store) Prune(ctx context.Context, topic string, before time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	n, err := s.exec(ctx, s.ext(ctx), `DELETE FROM outbox_messages
		WHERE topic = ? AND delivered_at IS NOT NULL AND delivered_at < ?`, topic, instant(before))
	return int(n), err
}
