package sqlstore_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/fault"
)

var auditKey = []byte("sqlstore-audit-test-key")

// trailEntry is an entry about subject at at.
func trailEntry(id string, at time.Time, subject string) audit.Entry {
	return audit.Entry{ID: id, At: at, Actor: audit.NewRef(auditKey, "staff"), ActorMasked: "2*******06",
		ActorRoles: []string{"hr_specialist"}, Action: "records.view_file", Subject: audit.NewRef(auditKey, subject),
		SubjectMasked: "1*******08", Agency: "moh", Outcome: audit.Succeeded}
}

// openAuditStore returns a migrated Store whose clock is now.
func openAuditStore(t *testing.T, target sqlstoretest.Target, now time.Time) (*sqlstore.Store, *sql.DB) {
	t.Helper()
	db := target.OpenDB(t)
	s, err := sqlstore.New(db, target.Dialect, &sqlstore.Options{Now: func() time.Time { return now }})
	require.NoError(t, err)
	require.NoError(t, s.Migrate(context.Background()))
	return s, db
}

func listIDs(t *testing.T, s *sqlstore.Store, f audit.Filter) []string {
	t.Helper()
	es, err := s.ListAudit(context.Background(), f)
	require.NoError(t, err)
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

// The migration partitions the trail from the current month on; an entry of
// a month without a partition lands in the default partition, and
// EnsureAuditPartitions moves it into a new partition of its own. The ID
// stays unique across months, and a cursor pages across them.
func TestAuditPartitionsPostgres(t *testing.T) {
	target := postgresTarget(t)
	now := time.Now().UTC()
	s, db := openAuditStore(t, target, now)
	ctx := context.Background()
	cur := sqlstore.AuditMonth(now)
	months, err := s.AuditMonths(ctx)
	require.NoError(t, err)
	assert.Equal(t, []time.Time{cur, cur.AddDate(0, 1, 0), cur.AddDate(0, 2, 0), cur.AddDate(0, 3, 0)}, months,
		"the migration creates the current month and three ahead")

	old := cur.AddDate(0, -7, 3)
	far := cur.AddDate(0, 6, 0)
	for i, at := range []time.Time{old, now, far, old.Add(time.Hour)} {
		require.NoError(t, s.AppendAudit(ctx, trailEntry(fmt.Sprintf("e%d", i), at, "alice")))
	}
	partitionOf := func(id string) string {
		var name string
		require.NoError(t, db.QueryRow(`SELECT tableoid::regclass::text FROM audit_entries WHERE id = $1`, id).Scan(&name))
		return name
	}
	assert.Equal(t, "audit_entries_default", partitionOf("e0"))
	assert.Equal(t, "audit_entries_default", partitionOf("e2"))

	dup := trailEntry("e0", cur.AddDate(0, 1, 0), "bob")
	require.ErrorIs(t, s.AppendAudit(ctx, dup), audit.ErrConflict, "an ID is unique across months")

	require.NoError(t, s.EnsureAuditPartitions(ctx, cur.AddDate(0, 4, 0)))
	require.NoError(t, s.EnsureAuditPartitions(ctx, cur.AddDate(0, 4, 0)), "a second run is a no-op")
	assert.Equal(t, fmt.Sprintf("audit_entries_y%04dm%02d", old.Year(), int(old.Month())), partitionOf("e0"))
	assert.Equal(t, partitionOf("e0"), partitionOf("e3"))
	assert.Equal(t, "audit_entries_default", partitionOf("e2"), "past through: still in the default partition")
	months, err = s.AuditMonths(ctx)
	require.NoError(t, err)
	assert.Equal(t, []time.Time{sqlstore.AuditMonth(old), cur, cur.AddDate(0, 1, 0), cur.AddDate(0, 2, 0), cur.AddDate(0, 3, 0),
		cur.AddDate(0, 4, 0)}, months, "the old month, and the current one through four ahead")

	assert.Equal(t, []string{"e0", "e3", "e1", "e2"}, listIDs(t, s, audit.Filter{Subject: audit.NewRef(auditKey, "alice")}))
	assert.Equal(t, []string{"e1", "e2"}, listIDs(t, s, audit.Filter{After: "e3"}))
	require.ErrorIs(t, s.AppendAudit(ctx, trailEntry("e0", old, "alice")), audit.ErrConflict)

	err = s.EnsureAuditPartitions(ctx, time.Time{})
	assert.Equal(t, fault.Invalid, fault.CodeOf(err))
}

// A month past retention is dropped only once exported, with the export's
// digest, and while its entries still hash to it; the archive verifies
// against its manifest, and a tampered one does not.
func TestAuditExportAndDrop(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			now := time.Now().UTC()
			s, _ := openAuditStore(t, target, now)
			ctx := context.Background()
			keep := sqlstore.AuditRetention{Months: 24}
			old := sqlstore.AuditMonth(now).AddDate(0, -30, 0)
			recent := sqlstore.AuditMonth(now).AddDate(0, -23, 0) // the oldest month kept
			for i := range 5 {
				require.NoError(t, s.AppendAudit(ctx, trailEntry(fmt.Sprintf("old-%d", 4-i), old.Add(time.Duration(i%2)*time.Hour), "alice")))
			}
			require.NoError(t, s.AppendAudit(ctx, trailEntry("recent", recent, "alice")))
			require.NoError(t, s.AppendAudit(ctx, trailEntry("now", now, "alice")))
			require.NoError(t, s.EnsureAuditPartitions(ctx, now))

			expired, err := s.ExpiredAuditMonths(ctx, keep)
			require.NoError(t, err)
			assert.Equal(t, []time.Time{old}, expired)

			assert.ErrorIs(t, s.DropAuditPartition(ctx, keep, old, ""), sqlstore.ErrAuditNotExported)
			assert.ErrorIs(t, s.DropAuditPartition(ctx, keep, recent, ""), sqlstore.ErrAuditRetained)

			var archive bytes.Buffer
			exp, err := s.ExportAuditMonth(ctx, old.AddDate(0, 0, 10), &archive)
			require.NoError(t, err)
			assert.Equal(t, old, exp.Month)
			assert.EqualValues(t, 5, exp.Entries)
			assert.Len(t, exp.SHA256, 64)
			lines := strings.Split(strings.TrimSuffix(archive.String(), "\n"), "\n")
			require.Len(t, lines, 5)
			var ids []string
			for _, l := range lines {
				var e audit.Entry
				require.NoError(t, json.Unmarshal([]byte(l), &e))
				ids = append(ids, e.ID)
			}
			assert.Equal(t, []string{"old-0", "old-2", "old-4", "old-1", "old-3"}, ids, "in the trail's order, at then id")
			require.NoError(t, sqlstore.VerifyAuditExport(bytes.NewReader(archive.Bytes()), exp))
			tampered := bytes.Replace(archive.Bytes(), []byte("old-2"), []byte("old-9"), 1)
			assert.ErrorIs(t, sqlstore.VerifyAuditExport(bytes.NewReader(tampered), exp), sqlstore.ErrAuditDigestMismatch)
			truncated := archive.Bytes()[:archive.Len()-10]
			assert.ErrorIs(t, sqlstore.VerifyAuditExport(bytes.NewReader(truncated), exp), sqlstore.ErrAuditDigestMismatch)

			assert.ErrorIs(t, s.DropAuditPartition(ctx, keep, old, strings.Repeat("0", 64)), sqlstore.ErrAuditDigestMismatch)
			// An entry appended to the month after its export: the drop refuses.
			require.NoError(t, s.AppendAudit(ctx, trailEntry("late", old.Add(2*time.Hour), "bob")))
			assert.ErrorIs(t, s.DropAuditPartition(ctx, keep, old, exp.SHA256), sqlstore.ErrAuditDigestMismatch)
			assert.Len(t, listIDs(t, s, audit.Filter{From: old, To: old.AddDate(0, 1, 0)}), 6, "a refused drop removes nothing")

			archive.Reset()
			exp, err = s.ExportAuditMonth(ctx, old, &archive)
			require.NoError(t, err)
			assert.EqualValues(t, 6, exp.Entries)
			require.NoError(t, s.DropAuditPartition(ctx, keep, old, strings.ToUpper(exp.SHA256)))
			assert.Equal(t, []string{"recent", "now"}, listIDs(t, s, audit.Filter{}))
			assert.ErrorIs(t, s.DropAuditPartition(ctx, keep, old, exp.SHA256), sqlstore.ErrAuditDropped)
			_, err = s.ExportAuditMonth(ctx, old, &bytes.Buffer{})
			assert.ErrorIs(t, err, sqlstore.ErrAuditDropped)
			expired, err = s.ExpiredAuditMonths(ctx, keep)
			require.NoError(t, err)
			assert.Empty(t, expired)
			require.NoError(t, sqlstore.VerifyAuditExport(bytes.NewReader(archive.Bytes()), exp), "the archive still verifies")
			require.NoError(t, s.AppendAudit(ctx, trailEntry("old-0", now, "carol")), "a dropped entry's ID is free again")

			assert.Equal(t, fault.Invalid, fault.CodeOf(s.DropAuditPartition(ctx, sqlstore.AuditRetention{Months: -1}, old, "")))
			_, err = s.ExportAuditMonth(ctx, time.Time{}, &bytes.Buffer{})
			assert.Equal(t, fault.Invalid, fault.CodeOf(err))
		})
	}
}

func TestAuditRetentionCutoff(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	assert.Equal(t, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), sqlstore.AuditRetention{}.Cutoff(now))
	assert.Equal(t, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), sqlstore.AuditRetention{Months: 1}.Cutoff(now))
	riyadh := time.FixedZone("AST", 3*3600)
	assert.Equal(t, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		sqlstore.AuditMonth(time.Date(2026, 12, 1, 2, 0, 0, 0, riyadh)), "months are UTC months")
}

// Migration 0010 moves the entries of an unpartitioned trail into monthly
// partitions, their IDs still unique.
func TestAuditMigrationPartitionsExistingTrail(t *testing.T) {
	target := postgresTarget(t)
	db := target.OpenDB(t)
	ms, err := sqlstore.Migrations(target.Dialect)
	require.NoError(t, err)
	var partitioning sqlstore.Migration
	for _, m := range ms {
		if m.Version < 10 {
			_, err := db.Exec(m.SQL)
			require.NoError(t, err, "migration %04d", m.Version)
		} else if m.Version == 10 {
			partitioning = m
		}
	}
	require.NotEmpty(t, partitioning.SQL)
	old := time.Now().UTC().AddDate(-2, 0, 0)
	for i, at := range []time.Time{old, old.AddDate(0, 5, 0), time.Now().UTC()} {
		_, err := db.Exec(`INSERT INTO audit_entries VALUES ($1, $2, 'a', 'a', '[]', '', 'x', 's', 's', 'moh', '', 'succeeded', '', '[]')`,
			fmt.Sprintf("m%d", i), at)
		require.NoError(t, err)
	}
	_, err = db.Exec(partitioning.SQL)
	require.NoError(t, err)
	s, err := sqlstore.New(db, target.Dialect, nil)
	require.NoError(t, err)
	months, err := s.AuditMonths(context.Background())
	require.NoError(t, err)
	assert.Len(t, months, 24+4, "from the oldest entry's month through three months ahead")
	var inDefault int
	require.NoError(t, db.QueryRow(`SELECT count(*) FROM audit_entries_default`).Scan(&inDefault))
	assert.Zero(t, inDefault)
	assert.Equal(t, []string{"m0", "m1", "m2"}, listIDs(t, s, audit.Filter{}))
	assert.Equal(t, []string{"m2"}, listIDs(t, s, audit.Filter{After: "m1"}))
	assert.ErrorIs(t, s.AppendAudit(context.Background(), trailEntry("m1", time.Now(), "x")), audit.ErrConflict)
}

// Querying by subject reads each month's subject index in the trail's
// order, whatever the statistics say; a period reads only its months.
func TestAuditExplainPostgres(t *testing.T) {
	target := postgresTarget(t)
	now := time.Now().UTC()
	s, db := openAuditStore(t, target, now)
	ctx := context.Background()
	for i := range 12 {
		require.NoError(t, s.AppendAudit(ctx, trailEntry(fmt.Sprintf("x%d", i), now.AddDate(0, -i, 0), "alice")))
	}
	require.NoError(t, s.EnsureAuditPartitions(ctx, now))
	q := `SELECT id FROM audit_entries WHERE subject = $1 ORDER BY at, id LIMIT 100`
	explainUses(t, db, "audit_entries_y", q, string(audit.NewRef(auditKey, "alice")))
	plan := explain(t, db, true, q, string(audit.NewRef(auditKey, "alice")))
	assert.Contains(t, plan, "subject", "the subject index")
	m := sqlstore.AuditMonth(now)
	plan = explain(t, db, true, `SELECT id FROM audit_entries WHERE at >= $1 AND at < $2 ORDER BY at, id`, m, m.AddDate(0, 1, 0))
	assert.Contains(t, plan, fmt.Sprintf("audit_entries_y%04dm%02d", m.Year(), int(m.Month())))
	assert.NotContains(t, plan, "audit_entries_default", "pruned to the month")
	assert.Equal(t, 1, strings.Count(plan, " on audit_entries_y"), "one partition read:\n%s", plan)
}

// Maintainers running at once (several hosts' jobs) create each partition
// once, while appends go on.
func TestAuditPartitionsConcurrentMaintenance(t *testing.T) {
	target := postgresTarget(t)
	now := time.Now().UTC()
	s, _ := openAuditStore(t, target, now)
	ctx := context.Background()
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			if i%2 == 0 {
				errs <- s.EnsureAuditPartitions(ctx, now.AddDate(0, 8, 0))
				return
			}
			errs <- s.AppendAudit(ctx, trailEntry(fmt.Sprintf("c%d", i), now.AddDate(0, i, 0), "alice"))
		}()
	}
	for range 8 {
		require.NoError(t, <-errs)
	}
	require.NoError(t, s.EnsureAuditPartitions(ctx, now.AddDate(0, 8, 0)))
	months, err := s.AuditMonths(ctx)
	require.NoError(t, err)
	assert.Len(t, months, 9, "the current month and eight ahead, once each")
	assert.Len(t, listIDs(t, s, audit.Filter{}), 4)
}
