package sqlstoretest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"

	"github.com/masarhr/masar-go/adapters/sqlstore"
)

// PostgresDSNEnv names the environment variable holding the PostgreSQL test
// database's DSN, e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const PostgresDSNEnv = "MASAR_TEST_POSTGRES_DSN"

// Target is a dialect the tests run against.
type Target struct {
	// Name is "sqlite" or "postgres", for subtest names.
	Name string
	// Dialect is the target's dialect.
	Dialect sqlstore.Dialect
	// OpenDB returns a new, empty database, not migrated.
	OpenDB func(t testing.TB) *sql.DB
}

// Open returns a new, empty, migrated Store and its database.
func (tg Target) Open(t testing.TB) (*sqlstore.Store, *sql.DB) {
	t.Helper()
	return migrated(t, tg.OpenDB(t), tg.Dialect)
}

// Targets returns SQLite, and PostgreSQL when MASAR_TEST_POSTGRES_DSN is set.
func Targets() []Target {
	ts := []Target{{Name: "sqlite", Dialect: sqlstore.SQLite, OpenDB: OpenSQLiteDB}}
	if os.Getenv(PostgresDSNEnv) != "" {
		ts = append(ts, Target{Name: "postgres", Dialect: sqlstore.PostgreSQL, OpenDB: OpenPostgresDB})
	}
	return ts
}

// OpenSQLiteDB returns a new, empty SQLite database file in t.TempDir(),
// opened with sqlstore.SQLiteDSN's options.
func OpenSQLiteDB(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(t.TempDir(), "masar.db")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// OpenPostgres returns a migrated Store in a new schema of the database
// MASAR_TEST_POSTGRES_DSN names; the schema is dropped when t ends. It skips
// t when the variable is not set.
func OpenPostgres(t testing.TB) (*sqlstore.Store, *sql.DB) {
	t.Helper()
	return migrated(t, OpenPostgresDB(t), sqlstore.PostgreSQL)
}

// OpenPostgresDB returns a database handle whose search_path is a new, empty
// schema (dropped when t ends). It skips t when MASAR_TEST_POSTGRES_DSN is not set.
func OpenPostgresDB(t testing.TB) *sql.DB {
	t.Helper()
	dsn := os.Getenv(PostgresDSNEnv)
	if dsn == "" {
		t.Skip(PostgresDSNEnv + " is not set")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "masar_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	db, err := sql.Open("pgx", withSearchPath(t, dsn, schema))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(20)
	t.Cleanup(func() { db.Close() })
	return db
}

func withSearchPath(t testing.TB, dsn, schema string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

func migrated(t testing.TB, db *sql.DB, d sqlstore.Dialect) (*sqlstore.Store, *sql.DB) {
	t.Helper()
	s, err := sqlstore.New(db, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s, db
}
