package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the host chooses the driver; sqlstore imports none

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/audit"
)

// Open a SQLite file with the options the Store relies on, migrate it, and
// use it. PostgreSQL is the same with sql.Open("pgx", dsn) and
// sqlstore.PostgreSQL.
func Example() {
	dir, err := os.MkdirTemp("", "masar-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(dir, "masar.db")))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	ctx := context.Background()
	store, err := sqlstore.New(db, sqlstore.SQLite, nil)
	if err != nil {
		log.Fatal(err)
	}
	if err := store.Migrate(ctx); err != nil {
		log.Fatal(err)
	}
	if err := store.Migrate(ctx); err != nil { // safe to run again
		log.Fatal(err)
	}
	applied, err := store.AppliedMigrations(ctx)
	if err != nil {
		log.Fatal(err)
	}
	all, err := sqlstore.Migrations(sqlstore.SQLite)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("all migrations applied:", len(applied) == len(all))

	err = store.AppendAudit(ctx, audit.Entry{ID: "1", At: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC),
		Action: "records.view_file", SubjectMasked: "1*******08", Outcome: audit.Succeeded})
	if err != nil {
		log.Fatal(err)
	}
	entries, err := store.ListAudit(ctx, audit.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(entries[0].Action, entries[0].SubjectMasked, entries[0].At.Format(time.RFC3339))
	// Output:
	// all migrations applied: true
	// records.view_file 1*******08 2026-01-01T09:00:00Z
}
