package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"

	"github.com/jmoiron/sqlx"
)

//go:embed migrations
var migrationFiles embed.FS

// MigrationsTable is the table in which Migrate records applied migrations.
// It is the Store's own, so it never collides with a host's goose or
// golang-migrate table.
const MigrationsTable = "masar_schema_migrations"

// Migration is one embedded schema change.
type Migration struct {
	Version int    `json:"version"`
	Name    string `json:"name"`
	SQL     string `json:"sql"`
}

var migrationName = regexp.MustCompile(`^(\d{4})_([a-z0-9_]+)\.up\.sql$`)

// Migrations returns dialect d's migrations in version order.
func Migrations(d Dialect) ([]Migration, error) {
	fsys, err := MigrationsFS(d)
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("sqlstore: migration file %q is not named NNNN_name.up.sql", e.Name())
		}
		body, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, err
		}
		v, _ := strconv.Atoi(m[1])
		out = append(out, Migration{Version: v, Name: m[2], SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("sqlstore: two migrations have version %04d", out[i].Version)
		}
	}
	return out, nil
}

// Migrate applies every embedded migration not yet applied, in order, each
// in its own transaction together with its row in MigrationsTable. It is safe
// to run twice and concurrently (from several processes too): a migration's
// row is claimed first, so a second runner waits for the first and then skips
// what it applied.
func (s *Store) Migrate(ctx context.Context) error {
	ms, err := Migrations(s.d)
	if err != nil {
		return err
	}
	createTable := `CREATE TABLE IF NOT EXISTS ` + MigrationsTable + ` (
	version INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`
	// Concurrent CREATE TABLE IF NOT EXISTS can fail on PostgreSQL with a
	// duplicate catalog row when two runners race; the table exists then.
	if _, err := s.db.ExecContext(ctx, createTable); err != nil {
		if _, err2 := s.db.ExecContext(ctx, createTable); err2 != nil {
			return mapError(err2)
		}
	}
	for _, m := range ms {
		if err := s.apply(ctx, m); err != nil {
			return fmt.Errorf("sqlstore: migration %04d_%s: %w", m.Version, m.Name, err)
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m Migration) error {
	return s.withTx(ctx, func(tx *sqlx.Tx) error {
		// Claim the version first: a concurrent runner blocks here until we
		// commit, then finds the row and skips.
		n, err := s.exec(ctx, tx, `INSERT INTO `+MigrationsTable+` (version, name, applied_at) VALUES (?, ?, ?) ON CONFLICT (version) DO NOTHING`,
			m.Version, m.Name, s.now().UTC().Format("2006-01-02T15:04:05.000000Z"))
		if err != nil || n == 0 {
			return err
		}
		_, err = tx.ExecContext(ctx, m.SQL)
		return mapError(err)
	})
}

// AppliedMigrations returns the versions recorded in MigrationsTable, in order.
func (s *Store) AppliedMigrations(ctx context.Context) ([]int, error) {
	var vs []int
	err := sqlx.SelectContext(ctx, s.db, &vs, `SELECT version FROM `+MigrationsTable+` ORDER BY version`)
	return vs, mapError(err)
}
