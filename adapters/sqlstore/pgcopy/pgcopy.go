// Package pgcopy writes sqlstore's bulk imports with PostgreSQL's COPY
// through pgx: a host that opened its *sql.DB with pgx's stdlib driver sets
// it as the Store's bulk copier,
//
//	db, _ := sql.Open("pgx", dsn)
//	store, _ := sqlstore.New(db, sqlstore.PostgreSQL, &sqlstore.Options{BulkCopier: pgcopy.Copier{}})
//
// and records.Service.Import (through the Store's ImportEmployees) sends
// every batch's files and events with COPY instead of multi-row INSERTs,
// inside the Store's transaction; so do a promotion round's candidates
// (PutCandidates) and results (SaveRoundResults). Decimals go as NUMERIC. It is its own package so that sqlstore
// imports no database driver.
package pgcopy

import (
	"context"
	"errors"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/records"
)

// Copier is a sqlstore.Copier for connections of pgx's stdlib driver.
type Copier struct{}

var _ sqlstore.Copier = Copier{}

// CopyRows implements sqlstore.Copier with pgx's CopyFrom on driverConn's
// pgx connection, in the transaction open on it. A connection of another
// driver gives sqlstore.ErrCopyUnsupported; a unique violation (a key a
// concurrent writer took) gives records.ErrConflict; other failures are
// returned as pgx reports them.
func (Copier) CopyRows(ctx context.Context, driverConn any, table string, columns []string, rows [][]any) (int64, error) {
	pc, ok := driverConn.(interface{ Conn() *pgx.Conn })
	if !ok {
		return 0, sqlstore.ErrCopyUnsupported
	}
	n, err := pc.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, &source{rows: rows, i: -1})
	if err != nil {
		return 0, mapError(err)
	}
	return n, nil
}

// source is the rows for pgx's CopyFrom, with decimal.Decimal values sent
// as pgtype.Numeric: pgx has no binary encoding for a decimal of
// shopspring's, and would go through its text after failing with an error
// per value.
type source struct {
	rows [][]any
	i    int
	vals []any
}

func (s *source) Next() bool {
	s.i++
	return s.i < len(s.rows)
}

func (s *source) Values() ([]any, error) {
	row := s.rows[s.i]
	j := slices.IndexFunc(row, func(v any) bool { _, ok := v.(decimal.Decimal); return ok })
	if j < 0 {
		return row, nil
	}
	s.vals = append(s.vals[:0], row...)
	for k := j; k < len(row); k++ {
		if d, ok := row[k].(decimal.Decimal); ok {
			s.vals[k] = numeric(d)
		}
	}
	return s.vals, nil
}

func (s *source) Err() error { return nil }

// numeric is d as a PostgreSQL NUMERIC.
func numeric(d decimal.Decimal) pgtype.Numeric {
	return pgtype.Numeric{Int: d.Coefficient(), Exp: d.Exponent(), Valid: true}
}

// mapError turns a unique violation into records.ErrConflict and keeps
// context errors as they are.
func mapError(err error) error {
	var st interface{ SQLState() string }
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.As(err, &st) && st.SQLState() == "23505":
		return records.ErrConflict.Wrap(err)
	}
	return sqlstore.ErrStorage.Wrap(err)
}
