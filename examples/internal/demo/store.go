package demo

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite", pure Go

	"github.com/masarhr/masar-go/adapters/sqlstore"
)

// OpenSQLite opens (or creates) the SQLite file path and applies sqlstore's
// migrations. Close the database when done.
func OpenSQLite(ctx context.Context, path string) (*sqlstore.Store, *sql.DB, error) {
	return open(ctx, "sqlite", sqlstore.SQLiteDSN(path), sqlstore.SQLite)
}

// OpenPostgres opens the PostgreSQL database dsn names and applies
// sqlstore's migrations. Close the database when done.
func OpenPostgres(ctx context.Context, dsn string) (*sqlstore.Store, *sql.DB, error) {
	return open(ctx, "pgx", dsn, sqlstore.PostgreSQL)
}

func open(ctx context.Context, driver, dsn string, d sqlstore.Dialect) (*sqlstore.Store, *sql.DB, error) {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, nil, err
	}
	s, err := sqlstore.New(db, d, nil)
	if err == nil {
		err = s.Migrate(ctx)
	}
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open the %s store: %w", driver, err)
	}
	return s, db, nil
}
