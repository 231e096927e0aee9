// Package pgcopy writes sqlstore's bulk imports with PostgreSQL's COPY
// through pgx: a host that opened its *sql.DB with pgx's stdlib driver sets
// it as the Store's bulk copier,
//
//	db, _ := sql.Open("pgx", dsn)
//	store, _ := sqlstore.New(db, sqlstore.PostgreSQL, &sqlstore.Options{BulkCopier: pgcopy.Copier{}})
//
// and records.Service.Import (through the Store's ImportEmployees) sends
// every batch's files and events with COPY instead of multi-row INSERTs,
// inside the Store's transaction. It is its own package so that sqlstore
// imports no database driver.
package pgcopy

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

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
	n, err := pc.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromRows(rows))
	if err != nil {
		return 0, mapError(err)
	}
	return n, nil
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
