package sqlstore_test

import (
	"context"
	"database/sql"
	"flag"
	"runtime"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/pgcopy"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/records"
)

// auditN is the number of files BenchmarkAuditAgency audits; the issue's
// ministry-wide figure is
//
//	go test ./adapters/sqlstore -run '^$' -bench 'BenchmarkAuditAgency/postgres' -benchtime 1x -timeout 60m \
//		-jobaudit.n 1200000 -jobaudit.schema bench_jobaudit
//
// with MASAR_TEST_POSTGRES_DSN set (the schema keeps the files for the next run).
var (
	auditN      = flag.Int("jobaudit.n", 2_000, "files (of ten history events each) BenchmarkAuditAgency audits per run")
	auditSchema = flag.String("jobaudit.schema", "", "PostgreSQL schema keeping BenchmarkAuditAgency's files between runs")
)

var auditMinistry = records.Agency{ID: "ministry", Name: i18n.Text{AR: "الوزارة", EN: "The ministry"}}

// BenchmarkAuditAgency is the data-quality audit (jobaudit.Service.Audit)
// of one agency holding every one of -jobaudit.n files (generated, ten
// history events each, imported with COPY outside the timer), paged
// through records.FileScanner in pages of 5,000 files. It reports files/s,
// findings and the peak live heap, which stays flat as n grows (one page
// at a time).
func BenchmarkAuditAgency(b *testing.B) {
	for _, tg := range sqlstoretest.Targets() {
		b.Run(tg.Name, func(b *testing.B) {
			s := auditStore(b, tg, *auditN)
			recs := records.New(s, nil)
			svc := jobaudit.New(s, recs, &jobaudit.Options{Files: s})
			ctx := context.Background()
			runtime.GC()
			b.ReportAllocs()
			var peak uint64
			files, findings := 0, 0
			start := time.Now()
			for b.Loop() {
				ph := startPeakHeap()
				after := ""
				for {
					p, err := svc.Audit(ctx, jobaudit.AuditInput{AgencyID: auditMinistry.ID, After: after, Limit: 5000})
					if err != nil {
						b.Fatal(err)
					}
					for _, ff := range p.Items {
						findings += len(ff.Findings)
					}
					if p.Next == "" {
						break
					}
					after = p.Next
				}
				peak = max(peak, ph.end())
				files += *auditN
			}
			b.ReportMetric(float64(files)/time.Since(start).Seconds(), "files/s")
			b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

// auditStore returns a Store holding n files of auditMinistry, in
// -jobaudit.schema on PostgreSQL when it is set (loaded once).
func auditStore(b *testing.B, tg sqlstoretest.Target, n int) *sqlstore.Store {
	b.Helper()
	if tg.Dialect != sqlstore.PostgreSQL || *auditSchema == "" {
		s := openBench(b, tg)
		importInto(b, s, n, inMinistry)
		return s
	}
	ctx := context.Background()
	db := keptPostgresDB(b, *auditSchema)
	s, err := sqlstore.New(db, tg.Dialect, &sqlstore.Options{BulkCopier: pgcopy.Copier{}})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var have int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM employees`).Scan(&have); err != nil && err != sql.ErrNoRows {
		b.Fatal(err)
	}
	switch {
	case have == n:
		b.Logf("the schema already holds %d files", have)
		return s
	case have > 0:
		b.Fatalf("the schema holds %d files, not %d: drop schema %s first", have, n, *auditSchema)
	}
	start := time.Now()
	importInto(b, s, n, inMinistry)
	if _, err := db.ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d files in %v", n, time.Since(start).Round(time.Millisecond))
	return s
}

// inMinistry moves a generated file and its job events to auditMinistry.
func inMinistry(_ int, it *records.Import) {
	it.Employee.Job.Agency = auditMinistry
	for i := range it.History {
		if j := it.History[i].Job; j != nil {
			j.Agency = auditMinistry
		}
	}
}
