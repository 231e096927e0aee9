package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/leave/leavetest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
	"github.com/masarhr/masar-go/txn"
)

func TestLeaveConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			leavetest.Run(t, func(t *testing.T) leave.Store { s, _ := target.Open(t); return s })
		})
	}
}

// The contract holds when balances go through COPY; on SQLite the Copier
// is not used and the Store writes with INSERTs.
func TestLeaveConformanceWithCopy(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			leavetest.Run(t, func(t *testing.T) leave.Store { s, _ := openWithCopy(t, target); return s })
		})
	}
}

func TestFileScannerConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			recordstest.RunFileScanner(t, func(t *testing.T) recordstest.ScanStore { s, _ := target.Open(t); return s })
		})
	}
}

// leaveBalances returns n balances as of asOf of files prefix00000…, whose
// Available is i+extra.
func leaveBalances(prefix string, n int, asOf hijri.Date, extra int) []leave.Balance {
	bs := make([]leave.Balance, n)
	at := time.Date(2025, 6, 25, 23, 0, 0, 654321000, time.UTC)
	for i := range bs {
		bs[i] = leave.Balance{EmployeeID: fmt.Sprintf("%s%05d", prefix, i), AsOf: asOf, Years: 1 + i%30,
			Entitled: 36 * (1 + i%30), Taken: i % 36, Expired: i % 7, Available: i + extra, At: at}
	}
	return bs
}

// assertBalances checks that the balances at idx of bs are stored as they are.
func assertBalances(t *testing.T, s *sqlstore.Store, bs []leave.Balance, idx ...int) {
	t.Helper()
	for _, i := range idx {
		got, err := s.GetBalance(context.Background(), bs[i].EmployeeID, bs[i].AsOf)
		if assert.NoError(t, err, "balance %d", i) {
			assert.Equal(t, bs[i], got, "balance %d", i)
		}
	}
}

// A write that fails part way (a bad date in its last balance, after
// whole statements of the others were written) stores none of its
// balances, on both dialects, with and without COPY, and in a read-only
// transaction nothing is written.
func TestLeaveBalancesAllOrNone(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		for _, withCopy := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/copy=%v", target.Name, withCopy), func(t *testing.T) {
				var s *sqlstore.Store
				if withCopy {
					s, _ = openWithCopy(t, target)
				} else {
					s, _ = target.Open(t)
				}
				ctx := context.Background()
				asOf := hijri.MustNew(1446, 12, 29)
				const n = 5000 // more than one multi-row statement (4,096 balances)
				bs := leaveBalances("n-", n, asOf, 0)
				require.NoError(t, s.PutBalances(ctx, bs[:10]))

				bad := leaveBalances("n-", n, asOf, 1000)
				bad[n-1].AsOf = hijri.Date{Year: 1446, Month: 13, Day: 40}
				require.Error(t, s.PutBalances(ctx, bad))
				assertBalances(t, s, bs, 0, 9)
				for _, i := range []int{10, 4095, 4096, n - 2} {
					_, err := s.GetBalance(ctx, bad[i].EmployeeID, asOf)
					assert.ErrorIs(t, err, leave.ErrNotFound, "balance %d", i)
				}

				err := s.InReadTx(ctx, func(ctx context.Context) error { return s.PutBalances(ctx, bs[10:20]) })
				require.ErrorIs(t, err, txn.ErrReadOnly)
				_, err = s.GetBalance(ctx, bs[10].EmployeeID, asOf)
				assert.ErrorIs(t, err, leave.ErrNotFound)

				require.NoError(t, s.PutBalances(ctx, bad[:n-1]))
				assertBalances(t, s, bad, 0, 10, 4095, 4096, n-2)
			})
		}
	}
}

// On PostgreSQL with pgcopy, balances are copied into the staging table
// and moved from it inside the caller's transaction: they roll back with
// it, two writes in one transaction do not see each other's staged rows,
// and a rerun replaces what an earlier run stored.
func TestLeaveBalancesCopy(t *testing.T) {
	s, cc := openWithCopy(t, postgresTarget(t))
	ctx := context.Background()
	asOf := hijri.MustNew(1446, 12, 29)
	bs := leaveBalances("c-", 2500, asOf, 0)
	again := leaveBalances("c-", 2500, asOf, 7)
	boom := errors.New("boom")
	// No require in the transaction: a test that stops in it leaves it open.
	err := s.InTx(ctx, func(ctx context.Context) error {
		if err := s.PutBalances(ctx, bs[:leave.AccrualBatch]); err != nil {
			return err
		}
		// bs[0] again: staged twice, it would fail the upsert.
		if err := s.PutBalances(ctx, append([]leave.Balance{again[0]}, bs[leave.AccrualBatch:]...)); err != nil {
			return err
		}
		for _, want := range []leave.Balance{again[0], bs[999], bs[1500]} {
			got, err := s.GetBalance(ctx, want.EmployeeID, asOf)
			if err != nil {
				return err
			}
			assert.Equal(t, want, got, "the transaction sees its own writes")
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	assert.Equal(t, int64(len(bs)+1), cc.rows["leave_balances_staging"], "the balances were copied")
	_, err = s.GetBalance(ctx, bs[0].EmployeeID, asOf)
	require.ErrorIs(t, err, leave.ErrNotFound, "rolled back with the caller's transaction")

	for range 3 { // the same connection's staging table again, after commits
		require.NoError(t, s.PutBalances(ctx, bs[:leave.AccrualBatch]))
	}
	require.NoError(t, s.PutBalances(ctx, bs[leave.AccrualBatch:]))
	assertBalances(t, s, bs, 0, 999, 1000, 2499)
	require.NoError(t, s.PutBalances(ctx, again[500:1500]))
	assertBalances(t, s, again, 500, 1499)
	assertBalances(t, s, bs, 0, 499, 1500, 2499)
	// Copied: the rolled-back writes, the first batch three times and the
	// rest once, and the replacements.
	copied := len(bs) + 1 + 3*leave.AccrualBatch + (len(bs) - leave.AccrualBatch) + 1000
	assert.Equal(t, int64(copied), cc.rows["leave_balances_staging"], "every write was copied")
}

// ScanFiles reads every file once, in ID order, whatever order they were
// created in, each with its whole history as ListHistoryEvents returns it,
// a page of at most limit files at a time; it reads in the caller's
// transaction too.
func TestScanFilesPagesWithHistories(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			const files, limit = 250, 100
			gen := newFileGen(41)
			// IDs backwards: the list order (created_at) is the reverse of the ID order.
			_, err := importAll(ctx, s, gen.items("s-", files, func(i int, it *records.Import) {
				it.Employee.ID = fmt.Sprintf("s-%07d", files-1-i)
			}))
			require.NoError(t, err)
			bare := gen.next("s-", files)
			bare.Employee.ID = "s-0000100a" // between s-0000100 and s-0000101, with no history
			_, err = s.CreateEmployee(ctx, bare.Employee, nil)
			require.NoError(t, err)

			var ids []string
			after, pages := "", 0
			for {
				page, err := s.ScanFiles(ctx, after, limit)
				require.NoError(t, err)
				if len(page) == 0 {
					break
				}
				pages++
				require.LessOrEqual(t, len(page), limit)
				for _, fh := range page {
					ids = append(ids, fh.Employee.ID)
					e, err := s.GetEmployee(ctx, fh.Employee.ID)
					require.NoError(t, err)
					assert.Equal(t, e, fh.Employee)
					h, err := s.ListHistoryEvents(ctx, fh.Employee.ID)
					require.NoError(t, err)
					assert.Equal(t, h, fh.History, "history of %s", fh.Employee.ID)
				}
				after = page[len(page)-1].Employee.ID
			}
			assert.Equal(t, 3, pages)
			require.Len(t, ids, files+1)
			for i := 1; i < len(ids); i++ {
				require.Less(t, ids[i-1], ids[i], "ID order")
			}
			assert.Equal(t, "s-0000100a", ids[101])

			page, err := s.ScanFiles(ctx, "s-0000100", 2)
			require.NoError(t, err)
			require.Len(t, page, 2)
			assert.Equal(t, "s-0000100a", page[0].Employee.ID)
			assert.Empty(t, page[0].History)
			assert.Len(t, page[1].History, 10)
			page, err = s.ScanFiles(ctx, "s-0000099z", 1) // names no file
			require.NoError(t, err)
			require.Len(t, page, 1)
			assert.Equal(t, "s-0000100", page[0].Employee.ID)

			// In a transaction, the scan sees the transaction's own files.
			extra := gen.next("s-", files+1)
			extra.Employee.ID = "s-9999999"
			boom := errors.New("boom")
			err = s.InTx(ctx, func(ctx context.Context) error {
				if _, err := s.CreateEmployee(ctx, extra.Employee, extra.History); err != nil {
					return err
				}
				page, err := s.ScanFiles(ctx, "s-0000249", 10)
				if err != nil {
					return err
				}
				if assert.Len(t, page, 1) {
					assert.Equal(t, "s-9999999", page[0].Employee.ID)
					assert.Len(t, page[0].History, 10)
				}
				return boom
			})
			require.ErrorIs(t, err, boom)
			page, err = s.ScanFiles(ctx, "s-0000249", 10)
			require.NoError(t, err)
			assert.Empty(t, page)
		})
	}
}

// planLog collects the plans auto_explain sends as notices.
type planLog struct {
	mu    sync.Mutex
	plans []string
}

func (p *planLog) add(_ *pgconn.PgConn, n *pgconn.Notice) {
	if strings.Contains(n.Message, "Query Text:") {
		p.mu.Lock()
		p.plans = append(p.plans, n.Message)
		p.mu.Unlock()
	}
}

// take returns the plans logged since the last call whose query text
// holds marker.
func (p *planLog) take(marker string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, plan := range p.plans {
		if strings.Contains(plan, marker) {
			out = append(out, plan)
		}
	}
	p.plans = nil
	return out
}

// explainedStore returns a Store on the schema of db (a migrated
// database of sqlstoretest.OpenPostgres) whose single connection has
// auto_explain log the plan of every statement as a notice that the
// planLog collects: the plans of the queries as the Store runs them, with
// its arguments. It skips t when auto_explain cannot be loaded.
func explainedStore(t *testing.T, db *sql.DB) (*sqlstore.Store, *planLog) {
	t.Helper()
	ctx := context.Background()
	var schema string
	require.NoError(t, db.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema))
	cfg, err := pgx.ParseConfig(os.Getenv(sqlstoretest.PostgresDSNEnv))
	require.NoError(t, err)
	cfg.RuntimeParams["search_path"] = schema
	log := &planLog{}
	cfg.OnNotice = log.add
	loaded := true
	edb := stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(func(ctx context.Context, c *pgx.Conn) error {
		if _, err := c.Exec(ctx, `LOAD 'auto_explain'`); err != nil {
			loaded = false
			return err
		}
		for _, set := range []string{`SET auto_explain.log_min_duration = 0`, `SET auto_explain.log_level = notice`} {
			if _, err := c.Exec(ctx, set); err != nil {
				return err
			}
		}
		return nil
	}))
	edb.SetMaxOpenConns(1)
	t.Cleanup(func() { edb.Close() })
	if err := edb.PingContext(ctx); err != nil {
		if !loaded {
			t.Skipf("auto_explain: %v", err)
		}
		require.NoError(t, err)
	}
	s, err := sqlstore.New(edb, sqlstore.PostgreSQL, nil)
	require.NoError(t, err)
	return s, log
}

// bigAgency is the agency of the i-th seeded leave or report: agency-07
// (a big one) for every other one, else one of 40 (agencyOf: agency-13 is
// a small one).
func bigAgency(i int) string {
	if i%2 == 0 {
		return "agency-07"
	}
	return agencyOf(i).ID
}

// seedLeaveExplain stores 20,000 leaves (one in seven requested, the
// others approved) and 10,000 medical reports (one in three refused), half
// of each in agency-07 and the others in 40 agencies (bigAgency), and
// returns a leave and an applied report of agency-07 from the middle, as
// page cursors.
func seedLeaveExplain(t *testing.T, s *sqlstore.Store) (leave.Leave, leave.MedicalReport) {
	t.Helper()
	ctx := context.Background()
	base := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
	ids := identitytest.NewGenerator(43)
	var cursor leave.Leave
	var report leave.MedicalReport
	require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
		for i := range 20_000 {
			from := hijri.MustNew(1446, 1+i%12, 1+i%20)
			at := base.Add(time.Duration(i) * time.Minute)
			l := leave.Leave{ID: fmt.Sprintf("lv-%05d", i), EmployeeID: fmt.Sprintf("emp-%04d", i%4000), NationalID: ids.Citizen(),
				AgencyID: bigAgency(i), Kind: leave.Annual, From: from, To: from, Days: 1, Status: leave.Approved,
				CreatedAt: at, UpdatedAt: at}
			if i%7 == 0 {
				l.Status = leave.Requested
			}
			stored, err := s.CreateLeave(ctx, l)
			if err != nil {
				return err
			}
			if i == 10_000 {
				cursor = stored
			}
		}
		for i := range 10_000 {
			from := hijri.MustNew(1446, 1+i%12, 1+i%20)
			r := leave.MedicalReport{Report: leave.Report{Number: fmt.Sprintf("SEHA-%05d", i), Facility: "مستشفى الملك فهد",
				Patient: ids.Citizen(), From: from, To: from, Days: 1, Category: leave.Ordinary, Certifier: leave.Doctor},
				Status: leave.ReportApplied, EmployeeID: fmt.Sprintf("emp-%04d", i%4000), AgencyID: bigAgency(i),
				LeaveID: fmt.Sprintf("lv-r%05d", i), ReceivedAt: base.Add(time.Duration(i) * time.Minute)}
			if i%3 == 0 {
				r.Status, r.LeaveID = leave.ReportRefused, ""
			}
			stored, err := s.CreateReport(ctx, r)
			if err != nil {
				return err
			}
			if i == 5000 {
				report = stored
			}
		}
		return nil
	}))
	require.Equal(t, "agency-07", cursor.AgencyID)
	require.Equal(t, "agency-07", report.AgencyID)
	require.Equal(t, leave.ReportApplied, report.Status)
	return cursor, report
}

// TestLeaveExplainPostgres checks on PostgreSQL that the queues HR pages
// through (an agency's leaves, requested or in any status, and its
// medical reports, applied or all, of a big agency and of a small one,
// first pages and next) and the list of every report read an index in the
// list's order, with no sort of the matching rows, whatever the
// statistics: before the tables have any (PostgreSQL then estimates a
// handful of rows, and left to itself sorts an agency's rows for every
// page) and after ANALYZE. A file's own leaves and reports are few: they
// are read on the file's index and may be sorted. The plans are those of
// the queries as the Store runs them, with its arguments, logged by
// auto_explain on its connection.
func TestLeaveExplainPostgres(t *testing.T) {
	seed, db := sqlstoretest.OpenPostgres(t)
	s, log := explainedStore(t, db)
	ctx := context.Background()
	cursor, report := seedLeaveExplain(t, seed)
	const big, small, limit = "agency-07", "agency-13", 51
	requested := []leave.Status{leave.Requested}
	type listCase struct {
		name string
		// index is the pattern of the indexes the plan may read: any in the
		// list's order for the big agency (whose rows are half the table's).
		index string
		// ordered: no sort and no bitmap scan (which loses the order).
		ordered bool
		list    func() (int, error)
	}
	leaves := func(name, index string, ordered bool, f leave.Filter) listCase {
		return listCase{name, index, ordered, func() (int, error) { ls, err := s.ListLeaves(ctx, f); return len(ls), err }}
	}
	reports := func(name, index string, ordered bool, f leave.ReportFilter) listCase {
		return listCase{name, index, ordered, func() (int, error) { rs, err := s.ListReports(ctx, f); return len(rs), err }}
	}
	const anyLeaves, anyReports = `leaves_(agency_status|agency|list)`, `medical_reports_(agency_status|agency|list)`
	cases := []listCase{
		leaves("requested leaves of the big agency", anyLeaves, true, leave.Filter{AgencyID: big, Statuses: requested, Limit: limit}),
		leaves("requested leaves of the big agency, next page", anyLeaves, true,
			leave.Filter{AgencyID: big, Statuses: requested, After: cursor.ID, Limit: limit}),
		leaves("leaves of the big agency", anyLeaves, true, leave.Filter{AgencyID: big, Limit: limit}),
		leaves("leaves of the big agency, next page", anyLeaves, true, leave.Filter{AgencyID: big, After: cursor.ID, Limit: limit}),
		leaves("requested leaves of a small agency", `leaves_agency_status`, true, leave.Filter{AgencyID: small, Statuses: requested, Limit: limit}),
		leaves("requested leaves of a small agency, next page", `leaves_agency_status`, true,
			leave.Filter{AgencyID: small, Statuses: requested, After: cursor.ID, Limit: limit}),
		leaves("leaves of a small agency", `leaves_agency`, true, leave.Filter{AgencyID: small, Limit: limit}),
		leaves("leaves of a small agency, next page", `leaves_agency`, true, leave.Filter{AgencyID: small, After: cursor.ID, Limit: limit}),
		leaves("leaves of a small agency in two statuses", `leaves_agency`, true,
			leave.Filter{AgencyID: small, Statuses: []leave.Status{leave.Requested, leave.Approved}, Limit: limit}),
		leaves("leaves of a file", `leaves_employee`, false, leave.Filter{EmployeeID: cursor.EmployeeID}),
		reports("applied reports of the big agency", anyReports, true, leave.ReportFilter{AgencyID: big, Status: leave.ReportApplied, Limit: limit}),
		reports("applied reports of the big agency, next page", anyReports, true,
			leave.ReportFilter{AgencyID: big, Status: leave.ReportApplied, After: report.Report.Number, Limit: limit}),
		reports("reports of the big agency", anyReports, true, leave.ReportFilter{AgencyID: big, Limit: limit}),
		reports("reports of the big agency, next page", anyReports, true, leave.ReportFilter{AgencyID: big, After: report.Report.Number, Limit: limit}),
		reports("applied reports of a small agency", `medical_reports_agency_status`, true,
			leave.ReportFilter{AgencyID: small, Status: leave.ReportApplied, Limit: limit}),
		reports("applied reports of a small agency, next page", `medical_reports_agency_status`, true,
			leave.ReportFilter{AgencyID: small, Status: leave.ReportApplied, After: report.Report.Number, Limit: limit}),
		reports("reports of a small agency", `medical_reports_agency`, true, leave.ReportFilter{AgencyID: small, Limit: limit}),
		reports("reports of a small agency, next page", `medical_reports_agency`, true,
			leave.ReportFilter{AgencyID: small, After: report.Report.Number, Limit: limit}),
		reports("reports", `medical_reports_list`, true, leave.ReportFilter{After: report.Report.Number, Limit: limit}),
		reports("reports of a file", `medical_reports_employee`, false, leave.ReportFilter{EmployeeID: report.EmployeeID}),
	}
	check := func(when string) {
		for _, c := range cases {
			log.take("")
			n, err := c.list()
			require.NoError(t, err, c.name)
			require.NotZero(t, n, c.name)
			plans := log.take("ORDER BY")
			require.Len(t, plans, 1, "%s: %s: the list query's plan", when, c.name)
			plan := plans[0]
			t.Logf("%s: %s:\n%s", when, c.name, plan)
			assert.Regexp(t, `(Index|Index Only|Bitmap Index) Scan (using|on) `+c.index+` `, plan, "%s: %s", when, c.name)
			if c.ordered {
				assert.Regexp(t, `Index (Only )?Scan using `+c.index+` on`, plan, "%s: %s", when, c.name)
				assert.NotContains(t, plan, "Sort", "%s: %s", when, c.name)
				assert.NotContains(t, plan, "Bitmap", "%s: %s", when, c.name)
			}
		}
	}
	var stats int
	require.NoError(t, db.QueryRowContext(ctx, `SELECT count(*) FROM pg_stats
		WHERE schemaname = current_schema() AND tablename IN ('leaves', 'medical_reports')`).Scan(&stats))
	check(fmt.Sprintf("before ANALYZE (%d column statistics)", stats))
	_, err := db.ExecContext(ctx, `ANALYZE`)
	require.NoError(t, err)
	check("after ANALYZE")
}
