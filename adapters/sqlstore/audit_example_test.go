package sqlstore_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/audit"
)

// The trail's periodic maintenance: partitions ahead (PostgreSQL; a no-op
// on SQLite), then every month past retention exported, its archive
// checked against the manifest, and dropped. A host writes the archive and
// its manifest to its archive storage instead of a buffer.
func ExampleStore_DropAuditPartition() {
	dir, err := os.MkdirTemp("", "masar-audit")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(dir, "masar.db")))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	store, err := sqlstore.New(db, sqlstore.SQLite, &sqlstore.Options{Now: func() time.Time { return now }})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	if err := store.Migrate(ctx); err != nil {
		log.Fatal(err)
	}
	for i, at := range []time.Time{now.AddDate(-3, 0, 0), now.AddDate(-3, 0, 1), now} {
		e := audit.Entry{ID: fmt.Sprint(i), At: at, Action: "records.view_file", Outcome: audit.Succeeded}
		if err := store.AppendAudit(ctx, e); err != nil {
			log.Fatal(err)
		}
	}

	keep := sqlstore.AuditRetention{Months: 24}
	if err := store.EnsureAuditPartitions(ctx, now.AddDate(0, 3, 0)); err != nil {
		log.Fatal(err)
	}
	expired, err := store.ExpiredAuditMonths(ctx, keep)
	if err != nil {
		log.Fatal(err)
	}
	for _, month := range expired {
		var archive bytes.Buffer
		manifest, err := store.ExportAuditMonth(ctx, month, &archive)
		if err != nil {
			log.Fatal(err)
		}
		if err := sqlstore.VerifyAuditExport(bytes.NewReader(archive.Bytes()), manifest); err != nil {
			log.Fatal(err)
		}
		if err := store.DropAuditPartition(ctx, keep, month, manifest.SHA256); err != nil {
			log.Fatal(err)
		}
		fmt.Println("archived and dropped", month.Format("2006-01"), "entries:", manifest.Entries)
	}
	left, err := store.ListAudit(ctx, audit.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("entries left:", len(left))
	// Output:
	// archived and dropped 2023-12 entries: 2
	// entries left: 1
}
