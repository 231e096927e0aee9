package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/grievance/grievancetest"
	"github.com/masarhr/masar-go/hijri"
)

func TestGrievanceConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			grievancetest.Run(t, func(t *testing.T) grievance.Store { s, _ := target.Open(t); return s })
		})
	}
}

// grievanceNow is the instant the tests' services run at: 1447-01-06.
var grievanceNow = time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)

func grievanceService(s grievance.Store) (*grievance.Service, hijri.Date) {
	svc := grievance.New(s, &grievance.Options{Now: func() time.Time { return grievanceNow }})
	today, err := hijri.FromTime(grievanceNow.In(hijri.SaudiTime()))
	if err != nil {
		panic(err)
	}
	return svc, today
}

// 64 filers file at once through the Service: 64 distinct tracking numbers,
// 1 to 64, without gaps.
func TestGrievanceConcurrentFilingThroughService(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			svc, today := grievanceService(s)
			f := grievancetest.NewFixture(21)
			const n = 64
			cmds := make([]grievance.FileCommand, n)
			for i := range cmds {
				cmds[i] = f.FileCommand(today)
			}
			got := make([]grievance.Grievance, n)
			errs := make([]error, n)
			start := make(chan struct{})
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					<-start
					got[i], errs[i] = svc.File(context.Background(), cmds[i])
				})
			}
			close(start)
			wg.Wait()
			seen := map[int]bool{}
			for i := range n {
				require.NoError(t, errs[i])
				assert.Equal(t, today.Year, got[i].TrackingNumber.Year)
				assert.False(t, seen[got[i].TrackingNumber.Seq], "number %v twice", got[i].TrackingNumber)
				seen[got[i].TrackingNumber.Seq] = true
			}
			for seq := 1; seq <= n; seq++ {
				assert.True(t, seen[seq], "number %d missing", seq)
			}
		})
	}
}

// Two HR managers answer the same grievance at once, each from the version
// they saw: one wins, the other gets ErrConflict, and the history records
// one answer.
func TestGrievanceConcurrentAnswers(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			svc, today := grievanceService(s)
			f := grievancetest.NewFixture(22)
			ctx := context.Background()
			spec := f.Staff(grievance.RoleHRSpecialist)
			managers := []grievance.Actor{f.Staff(grievance.RoleHRManager), f.Staff(grievance.RoleHRManager)}
			for round := range 10 {
				g, err := svc.File(ctx, f.FileCommand(today))
				require.NoError(t, err)
				g, err = svc.StartReview(ctx, grievance.Command{ID: g.ID, Version: g.Version, Actor: spec})
				require.NoError(t, err)
				errs := make([]error, 2)
				start := make(chan struct{})
				var wg sync.WaitGroup
				for i := range 2 {
					wg.Go(func() {
						cmd := grievance.AnswerCommand{Command: grievance.Command{ID: g.ID, Version: g.Version, Actor: managers[i]},
							Outcome: grievance.OutcomeAccepted, Response: fmt.Sprintf("قبول %d", i)}
						<-start
						_, errs[i] = svc.Answer(ctx, cmd)
					})
				}
				close(start)
				wg.Wait()
				wins := 0
				for _, err := range errs {
					if err == nil {
						wins++
						continue
					}
					assert.ErrorIs(t, err, grievance.ErrConflict, "round %d", round)
				}
				require.Equal(t, 1, wins, "round %d: exactly one answer wins", round)
				stored, err := s.GetGrievance(ctx, g.ID)
				require.NoError(t, err)
				assert.Equal(t, g.Version+1, stored.Version)
				assert.Equal(t, grievance.StatusAnswered, stored.Status)
				answers := 0
				for _, c := range stored.History {
					if c.Action == grievance.ActionAnswer {
						answers++
					}
				}
				assert.Equal(t, 1, answers)
			}
		})
	}
}

// Tracking numbers allocated in a rolled-back transaction are given back; a
// duplicate ID inside a transaction consumes no number and leaves the
// transaction usable (PostgreSQL included: ON CONFLICT DO NOTHING fails no
// statement).
func TestGrievanceTrackingNumbersInTransactions(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			f := grievancetest.NewFixture(23)
			due := hijri.MustNew(1447, 3, 1)
			boom := errors.New("boom")
			err := s.InTx(ctx, func(ctx context.Context) error {
				for i := range 3 {
					g, err := s.CreateGrievance(ctx, f.Grievance("A", 1447, grievanceNow, due))
					require.NoError(t, err)
					assert.Equal(t, i+1, g.TrackingNumber.Seq)
				}
				return boom
			})
			require.ErrorIs(t, err, boom)
			all, err := s.ListGrievances(ctx, grievance.Filter{})
			require.NoError(t, err)
			assert.Empty(t, all)

			var first, second grievance.Grievance
			require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
				var err error
				first, err = s.CreateGrievance(ctx, f.Grievance("A", 1447, grievanceNow, due))
				require.NoError(t, err)
				dup := f.Grievance("A", 1447, grievanceNow, due)
				dup.ID = first.ID
				_, err = s.CreateGrievance(ctx, dup)
				require.ErrorIs(t, err, grievance.ErrConflict)
				second, err = s.CreateGrievance(ctx, f.Grievance("A", 1447, grievanceNow, due))
				return err
			}))
			assert.Equal(t, 1, first.TrackingNumber.Seq)
			assert.Equal(t, 2, second.TrackingNumber.Seq, "the duplicate consumed no number")
			third, err := s.CreateGrievance(ctx, f.Grievance("A", 1447, grievanceNow, due))
			require.NoError(t, err)
			assert.Equal(t, 3, third.TrackingNumber.Seq)
		})
	}
}

// A grievance with a long history (2,000 changes, Arabic notes, attachments)
// round-trips exactly and keeps its place in lists.
func TestGrievanceLargeHistory(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			f := grievancetest.NewFixture(24)
			g, err := s.CreateGrievance(ctx, f.Grievance("A", 1447, grievanceNow, hijri.MustNew(1447, 3, 1)))
			require.NoError(t, err)
			staff := f.Staff(grievance.RoleHRSpecialist)
			for i := range 2000 {
				g.History = append(g.History, grievance.StatusChange{
					Action: grievance.ActionReturnForInfo, From: grievance.StatusUnderReview, To: grievance.StatusReturnedForInfo,
					Actor: staff, At: grievanceNow.Add(time.Duration(i) * time.Microsecond), On: hijri.MustNew(1447, 1, 6),
					Note: fmt.Sprintf("الملاحظة رقم %d: «أرفق المستند» ✓", i),
					Attachments: []grievance.Attachment{{Name: fmt.Sprintf("مرفق-%d.pdf", i), MediaType: "application/pdf",
						Size: int64(i + 1), Ref: fmt.Sprintf("f/%d", i)}},
				})
			}
			g.Description = strings.Repeat("وصف طويل للتظلم. ", 2000)
			want, err := s.UpdateGrievance(ctx, g)
			require.NoError(t, err)
			got, err := s.GetGrievance(ctx, g.ID)
			require.NoError(t, err)
			assert.Equal(t, want.Version, got.Version)
			require.Len(t, got.History, 2001)
			for i := range got.History {
				got.History[i].At = got.History[i].At.UTC()
			}
			assert.Equal(t, want.History, got.History)
			assert.Equal(t, want.Description, got.Description)
		})
	}
}

// Sweep, on the database, deems overdue grievances rejected; the system
// actor (no national ID) round-trips in the history.
func TestGrievanceSweep(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			svc, today := grievanceService(s)
			f := grievancetest.NewFixture(28)
			ctx := context.Background()
			var filed []grievance.Grievance
			for range 250 { // more than one sweep batch of 200
				g, err := svc.File(ctx, f.FileCommand(today))
				require.NoError(t, err)
				filed = append(filed, g)
			}
			res, err := svc.Sweep(ctx, grievanceNow.Add(200*24*time.Hour))
			require.NoError(t, err)
			assert.Equal(t, 250, res.DeemedRejected)
			got, err := s.GetGrievance(ctx, filed[7].ID)
			require.NoError(t, err)
			assert.Equal(t, grievance.StatusDeemedRejected, got.Status)
			last := got.History[len(got.History)-1]
			assert.Equal(t, grievance.SystemActor(), last.Actor)
			assert.Equal(t, grievance.OutcomeDeemedRejected, last.Outcome)
			res, err = svc.Sweep(ctx, grievanceNow.Add(200*24*time.Hour))
			require.NoError(t, err)
			assert.Zero(t, res.DeemedRejected, "idempotent")
		})
	}
}

// explainUses runs EXPLAIN on query in a transaction with sequential scans
// disabled (so that the plan does not depend on table statistics) and
// checks that the plan reads index. It logs the plan the statistics give
// too.
func explainUses(t *testing.T, db *sql.DB, index, query string, args ...any) {
	t.Helper()
	natural := explain(t, db, false, query, args...)
	t.Logf("plan from statistics (index used: %v):\n%s", strings.Contains(natural, index), natural)
	text := explain(t, db, true, query, args...)
	t.Logf("%s\n%s", query, text)
	assert.Contains(t, text, "Index", "no index use")
	assert.Contains(t, text, index)
}

func explain(t *testing.T, db *sql.DB, noSeqScan bool, query string, args ...any) string {
	t.Helper()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback() }()
	if noSeqScan {
		_, err = tx.ExecContext(ctx, `SET LOCAL enable_seqscan = off`)
		require.NoError(t, err)
	}
	rows, err := tx.QueryContext(ctx, `EXPLAIN `+query, args...)
	require.NoError(t, err)
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var line string
		require.NoError(t, rows.Scan(&line))
		plan = append(plan, line)
	}
	require.NoError(t, rows.Err())
	return strings.Join(plan, "\n")
}

// The services' grievance queries use indexes on PostgreSQL.
func TestGrievanceExplain(t *testing.T) {
	s, db := sqlstoretest.OpenPostgres(t)
	ctx := context.Background()
	f := grievancetest.NewFixture(25)
	var filer grievance.Grievance
	require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
		for i := range 2000 {
			g := f.Grievance(fmt.Sprintf("AGY-%02d", i%20), 1447, grievanceNow.Add(time.Duration(i)*time.Second), hijri.MustNew(1447, 3, 1+i%29))
			if i%3 == 0 {
				g.Status = grievance.StatusAnswered
			}
			var err error
			if g, err = s.CreateGrievance(ctx, g); err != nil {
				return err
			}
			if i == 1000 {
				filer = g
			}
		}
		return nil
	}))
	_, err := db.Exec(`ANALYZE`)
	require.NoError(t, err)

	q, args := s.GrievanceListQuery(grievance.Filter{Agency: "AGY-07", Statuses: grievance.OpenStatuses(), Limit: 50}, time.Time{})
	explainUses(t, db, "grievances_agency_status", q, args...)
	q, args = s.GrievanceListQuery(grievance.Filter{Agency: "AGY-07", Statuses: []grievance.Status{grievance.StatusSubmitted},
		After: "x", Limit: 50}, grievanceNow)
	explainUses(t, db, "grievances_agency_status", q, args...)
	q, args = s.GrievanceListQuery(grievance.Filter{Filer: filer.Filer}, time.Time{})
	explainUses(t, db, "grievances_filer", q, args...)
	explainUses(t, db, "grievances_tracking_number", s.GrievanceByNumberQuery(), filer.TrackingNumber.Year, filer.TrackingNumber.Seq)
	q, args = s.GrievanceListQuery(grievance.Filter{Kinds: []grievance.Kind{grievance.KindDecision, grievance.KindRightsClaim},
		Statuses: grievance.OpenStatuses(), AnswerDueBefore: hijri.MustNew(1447, 3, 3), Limit: 200}, time.Time{})
	explainUses(t, db, "grievances_status_answer_due", q, args...)
}

// BenchmarkFileGrievance files grievances through the Service, one agency
// and year, on memstore, SQLite and PostgreSQL (when MASAR_TEST_POSTGRES_DSN
// is set): validation, rules, deadlines, the tracking number and the insert.
func BenchmarkFileGrievance(b *testing.B) {
	type opener func(b *testing.B) grievance.Store
	targets := []struct {
		name string
		open opener
	}{{"memstore", func(*testing.B) grievance.Store { return memstore.New(nil) }}}
	for _, tg := range sqlstoretest.Targets() {
		targets = append(targets, struct {
			name string
			open opener
		}{tg.Name, func(b *testing.B) grievance.Store { s, _ := tg.Open(b); return s }})
	}
	for _, tg := range targets {
		b.Run(tg.name, func(b *testing.B) {
			svc, today := grievanceService(tg.open(b))
			f := grievancetest.NewFixture(26)
			cmds := make([]grievance.FileCommand, 1024)
			for i := range cmds {
				cmds[i] = f.FileCommand(today)
			}
			ctx := context.Background()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := svc.File(ctx, cmds[i%len(cmds)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
	// 64 goroutines (32 per CPU on the 2-CPU CI machines) filing against one
	// agency and year: every filing serialises on the counter row.
	for _, tg := range targets {
		b.Run(tg.name+"/parallel", func(b *testing.B) {
			svc, today := grievanceService(tg.open(b))
			f := grievancetest.NewFixture(27)
			cmds := make([]grievance.FileCommand, 1024)
			for i := range cmds {
				cmds[i] = f.FileCommand(today)
			}
			var next atomic.Int64
			b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := svc.File(context.Background(), cmds[next.Add(1)%int64(len(cmds))]); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

var _ grievance.Store = (*sqlstore.Store)(nil)

// Migration 0006 makes tracking numbers national on a database that holds
// per-agency numbers: the national counter starts past every number issued,
// so the next filing, of either agency, gets a number nobody holds; and a
// database where two agencies hold the same number fails the migration
// instead of keeping an ambiguous number.
func TestGrievanceMigrationToNationalNumbers(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			ms, err := sqlstore.Migrations(target.Dialect)
			require.NoError(t, err)
			var before, national, after []sqlstore.Migration
			for _, m := range ms {
				switch {
				case m.Version < 6:
					before = append(before, m)
				case m.Version == 6:
					national = append(national, m)
				default:
					after = append(after, m)
				}
			}
			require.Len(t, national, 1)
			legacy := func(t *testing.T, rows [][3]any) *sql.DB {
				db := target.OpenDB(t)
				for _, m := range before {
					_, err := db.Exec(m.SQL)
					require.NoError(t, err, "migration %04d", m.Version)
				}
				for i, r := range rows {
					q := `INSERT INTO grievances (id, agency, tn_year, tn_seq, kind, decision_number, subject, sub_subject,
	description, attachments, status, outcome, response, route, reopens, filed_at, history, version)
	VALUES ($1, $2, $3, $4, 'administrative_decision', '', 's', '', 'd', '[]', 'submitted', '', '', '', 0, $5, '[]', 1)`
					if target.Dialect == sqlstore.SQLite {
						q = strings.NewReplacer("$1", "?", "$2", "?", "$3", "?", "$4", "?", "$5", "?").Replace(q)
					}
					at := grievanceNow.Add(time.Duration(i) * time.Second).Format("2006-01-02T15:04:05.000000Z")
					_, err := db.Exec(q, fmt.Sprintf("legacy-%d", i), r[0], r[1], r[2], at)
					require.NoError(t, err)
				}
				return db
			}

			db := legacy(t, [][3]any{{"A", 1447, 1}, {"A", 1447, 2}, {"B", 1447, 3}, {"B", 1446, 7}})
			_, err = db.Exec(national[0].SQL)
			require.NoError(t, err)
			for _, m := range after { // the upgrade goes on to the current schema
				_, err = db.Exec(m.SQL)
				require.NoError(t, err, "migration %04d", m.Version)
			}
			s, err := sqlstore.New(db, target.Dialect, nil)
			require.NoError(t, err)
			f := grievancetest.NewFixture(26)
			for _, want := range []grievance.TrackingNumber{{Year: 1447, Seq: 4}, {Year: 1446, Seq: 8}, {Year: 1448, Seq: 1}} {
				g, err := s.CreateGrievance(context.Background(), f.Grievance("A", want.Year, grievanceNow, hijri.Date{}))
				require.NoError(t, err)
				assert.Equal(t, want, g.TrackingNumber)
			}
			got, err := s.GetGrievanceByTrackingNumber(context.Background(), grievance.TrackingNumber{Year: 1447, Seq: 3})
			require.NoError(t, err)
			assert.Equal(t, "legacy-2", got.ID)
			assert.Nil(t, got.Limitation, "a legacy row has no limitation")

			clash := legacy(t, [][3]any{{"A", 1447, 1}, {"B", 1447, 1}})
			_, err = clash.Exec(national[0].SQL)
			assert.Error(t, err, "two agencies holding GRV-1447-000001: the unique index cannot be built")
		})
	}
}
