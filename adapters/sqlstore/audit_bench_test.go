package sqlstore_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/internal/ids"
)

var (
	auditBenchN = flag.Int("audit.n", 100_000,
		"entries in the large trail of BenchmarkAuditTrail (e.g. 50000000 on PostgreSQL)")
	auditBenchSchema = flag.String("audit.schema", "",
		"PostgreSQL schema that keeps BenchmarkAuditTrail's large trail between runs (loaded once, never dropped); empty: a throwaway schema")
)

// The probe subjects BenchmarkAuditTrail queries: 64 people with 50 entries
// each, spread over the 25 months of the trail, at every trail size, so a
// query returns the same 50 entries from an empty trail and from a full one.
const (
	auditProbes         = 64
	auditProbeEntries   = 50
	auditBenchMonths    = 24
	auditBulkSubjects   = 1_000_000
	auditBulkActors     = 5_000
	auditBulkChunk      = 1_000_000
	auditBenchQueryPage = 100
)

func probeRef(k int) audit.Ref { return audit.NewRef(auditKey, fmt.Sprintf("probe-%d", k)) }

// BenchmarkAuditTrail appends to and queries the trail by subject on an
// empty trail (the probes only) and on one of -audit.n entries spread over
// 25 months (1M subjects, 5,000 actors), SQLite and PostgreSQL side by side:
//
//	MASAR_TEST_POSTGRES_DSN=… go test -run '^$' -bench AuditTrail -benchmem ./adapters/sqlstore/ \
//	    -audit.n 50000000 -audit.schema masar_audit_50m
//
// append is one AppendAudit (its own commit); append_tx100 is 100 appends
// in one transaction (ns/op per entry: the cost of the insert itself, which
// the commit's flush hides); both use the facade's time-ordered IDs
// (ids.NewOrdered), as the loaded trail's entries have theirs, and
// append_random_id is append with random IDs, for comparison: each of
// those lands at a random place of the ID index of the whole trail.
// query_subject is one ListAudit page of a probe subject (50 entries). The large trail is loaded with INSERT … SELECT
// generate_series outside the timer (PostgreSQL: ~1M rows a statement).
func BenchmarkAuditTrail(b *testing.B) {
	for _, target := range sqlstoretest.Targets() {
		for _, n := range []int{0, *auditBenchN} {
			b.Run(fmt.Sprintf("%s/n=%d", target.Name, n), func(b *testing.B) {
				s := auditBenchStore(b, target, n)
				b.Run("append", func(b *testing.B) { benchAppend(b, s, 1, ids.NewOrdered) })
				b.Run("append_tx100", func(b *testing.B) { benchAppend(b, s, 100, ids.NewOrdered) })
				b.Run("append_random_id", func(b *testing.B) { benchAppend(b, s, 1, func(time.Time) string { return ids.New() }) })
				b.Run("query_subject", func(b *testing.B) { benchQuerySubject(b, s) })
			})
		}
	}
}

// benchAppend appends entries, perTx a transaction, with the IDs newID
// makes (the facade's are ids.NewOrdered).
func benchAppend(b *testing.B, s *sqlstore.Store, perTx int, newID func(time.Time) string) {
	ctx := context.Background()
	now := time.Now().UTC()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if i%perTx == 0 && perTx > 1 {
			b.StopTimer()
			batch := make([]audit.Entry, perTx)
			for j := range batch {
				at := now.Add(time.Duration(i+j) * time.Microsecond)
				batch[j] = trailEntry(newID(at), at, fmt.Sprintf("subject-%d", (i+j)%auditBulkSubjects))
			}
			b.StartTimer()
			err := s.InTx(ctx, func(ctx context.Context) error {
				for _, e := range batch {
					if err := s.AppendAudit(ctx, e); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		} else if perTx == 1 {
			at := now.Add(time.Duration(i) * time.Microsecond)
			e := trailEntry(newID(at), at, fmt.Sprintf("subject-%d", i%auditBulkSubjects))
			if err := s.AppendAudit(ctx, e); err != nil {
				b.Fatal(err)
			}
		}
		i++
	}
}

func benchQuerySubject(b *testing.B, s *sqlstore.Store) {
	ctx := context.Background()
	refs := make([]audit.Ref, auditProbes)
	for k := range refs {
		refs[k] = probeRef(k)
	}
	b.ReportAllocs()
	i, got := 0, 0
	for b.Loop() {
		es, err := s.ListAudit(ctx, audit.Filter{Subject: refs[i%auditProbes], Limit: auditBenchQueryPage})
		if err != nil {
			b.Fatal(err)
		}
		got += len(es)
		i++
	}
	if got != i*auditProbeEntries {
		b.Fatalf("%d entries for %d queries, want %d each", got, i, auditProbeEntries)
	}
	b.ReportMetric(float64(got)/float64(i), "entries/op")
}

// auditBenchStore returns a Store whose trail holds the probes and n bulk
// entries, over the 24 months before the current one and the current one.
func auditBenchStore(b *testing.B, target sqlstoretest.Target, n int) *sqlstore.Store {
	b.Helper()
	ctx := context.Background()
	var db *sql.DB
	if target.Dialect == sqlstore.PostgreSQL && n > 0 && *auditBenchSchema != "" {
		db = keptPostgresDB(b, *auditBenchSchema)
	} else {
		db = target.OpenDB(b)
	}
	s, err := sqlstore.New(db, target.Dialect, nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	now := time.Now().UTC()
	from := sqlstore.AuditMonth(now).AddDate(0, -auditBenchMonths, 0)
	var have int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM audit_entries WHERE action = 'records.view_file'`).Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have >= n+auditProbes*auditProbeEntries {
		b.Logf("trail already holds %d entries", have)
		return s
	}
	if have > 0 {
		b.Fatalf("the trail holds %d entries, a partial load: drop schema %s first", have, *auditBenchSchema)
	}
	span := now.Sub(from)
	for k := range auditProbes {
		for j := range auditProbeEntries {
			at := from.Add(span / auditProbeEntries * time.Duration(j)).Add(time.Duration(k) * time.Second)
			if err := s.AppendAudit(ctx, trailEntry(fmt.Sprintf("probe-%d-%d", k, j), at, fmt.Sprintf("probe-%d", k))); err != nil {
				b.Fatal(err)
			}
		}
	}
	// The probes went to the default partition: this creates their months'
	// partitions (and three ahead) and moves them in.
	if err := s.EnsureAuditPartitions(ctx, now.AddDate(0, 3, 0)); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := bulkAudit(ctx, db, target.Dialect, n, from, span); err != nil {
		b.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `ANALYZE audit_entries`); err != nil {
		b.Fatal(err)
	}
	if n > 0 {
		b.Logf("loaded %d entries in %v", n, time.Since(start).Round(time.Second))
	}
	return s
}

// bulkAudit inserts n entries spread evenly over [from, from+span), in
// chunks, with INSERT … SELECT over a generated series. On PostgreSQL the
// trail's indexes are dropped for the load and built again after it (a
// sorted build is several times faster than 50M random index inserts, and
// leaves the indexes as compact as a trail that grew in at order).
func bulkAudit(ctx context.Context, db *sql.DB, d sqlstore.Dialect, n int, from time.Time, span time.Duration) error {
	if n == 0 {
		return nil
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	exec := func(qs ...string) error {
		for _, q := range qs {
			if _, err := conn.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	}
	if d == sqlstore.PostgreSQL {
		// ordered_id is the facade's audit entry ID (ids.NewOrdered) of an
		// entry made at t, its random bits taken from r (hex).
		err := exec(`CREATE OR REPLACE FUNCTION pg_temp.ordered_id(t timestamptz, r text) RETURNS text LANGUAGE sql IMMUTABLE AS
	$$ SELECT lpad(to_hex((extract(epoch FROM t) * 1000)::bigint), 12, '0') || '7' || substr(r, 1, 3) || '8' || substr(r, 4, 15) $$`,
			`SET maintenance_work_mem = '512MB'`,
			`ALTER TABLE audit_entries DROP CONSTRAINT audit_entries_pkey`, `DROP INDEX audit_entries_subject`,
			`DROP INDEX audit_entries_actor`, `DROP INDEX audit_entries_agency`, `ALTER TABLE audit_entry_ids DROP CONSTRAINT audit_entry_ids_pkey`)
		if err != nil {
			return err
		}
	}
	step := span.Microseconds() / int64(n)
	for lo := 1; lo <= n; lo += auditBulkChunk {
		hi := min(lo+auditBulkChunk-1, n)
		var err error
		if d == sqlstore.PostgreSQL {
			_, err = conn.ExecContext(ctx, `WITH e AS (
	INSERT INTO audit_entries (id, at, actor, actor_masked, actor_roles, actor_agency, action, subject, subject_masked, agency, resource, outcome, code, changes)
	SELECT pg_temp.ordered_id(t, md5('bulk-' || i)), t,
		md5('actor-' || (i % $3)) || md5('actor2-' || (i % $3)), '2*******06', '["hr_specialist"]', 'moh', 'records.view_file',
		md5('subject-' || (i % $4)) || md5('subject2-' || (i % $4)), '1*******08', 'moh', '', 'succeeded', '', '[]'
	FROM generate_series($5::bigint, $6::bigint) i, LATERAL (SELECT $1::timestamptz + (i * $2::bigint) * interval '1 microsecond' AS t) ts
	RETURNING id, at)
INSERT INTO audit_entry_ids (id, at) SELECT id, at FROM e`, from, step, auditBulkActors, auditBulkSubjects, lo, hi)
		} else {
			_, err = conn.ExecContext(ctx, `WITH RECURSIVE g(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM g WHERE i < ?)
	INSERT INTO audit_entries (id, at, actor, actor_masked, actor_roles, actor_agency, action, subject, subject_masked, agency, resource, outcome, code, changes)
	SELECT printf('%032x', i * 2654435761), strftime('%Y-%m-%dT%H:%M:%f000Z', ? / 1000000.0 + i * ? / 1000000.0, 'unixepoch'),
		printf('%064x', i % ?), '2*******06', '["hr_specialist"]', 'moh', 'records.view_file',
		printf('%064x', (i % ?) * 2654435761), '1*******08', 'moh', '', 'succeeded', '', '[]'
	FROM g`, lo, hi, from.UnixMicro(), step, auditBulkActors, auditBulkSubjects)
		}
		if err != nil {
			return fmt.Errorf("bulk entries %d–%d: %w", lo, hi, err)
		}
	}
	if d != sqlstore.PostgreSQL {
		return nil
	}
	return exec(`ALTER TABLE audit_entries ADD PRIMARY KEY (at, id)`,
		`CREATE INDEX audit_entries_subject ON audit_entries (subject, at, id)`,
		`CREATE INDEX audit_entries_actor ON audit_entries (actor, at, id)`,
		`CREATE INDEX audit_entries_agency ON audit_entries (agency, at, id)`,
		`ALTER TABLE audit_entry_ids ADD PRIMARY KEY (id)`)
}

// keptPostgresDB returns a handle on schema (created if need be) of the
// database MASAR_TEST_POSTGRES_DSN names; the schema outlives the run.
func keptPostgresDB(b *testing.B, schema string) *sql.DB {
	b.Helper()
	dsn := os.Getenv(sqlstoretest.PostgresDSNEnv)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA IF NOT EXISTS ` + schema); err != nil {
		b.Fatal(err)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}
