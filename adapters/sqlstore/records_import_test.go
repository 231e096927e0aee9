package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/pgcopy"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// importAll stores the files src yields through s's bulk import, in one
// transaction when s has them, in batches of records.ImportBatchSize, and
// returns how many it stored.
func importAll(ctx context.Context, s records.BulkStore, src iter.Seq2[records.Import, error]) (int, error) {
	n := 0
	run := func(ctx context.Context) error {
		var batch []records.Import
		flush := func() error {
			if _, err := s.ImportEmployees(ctx, batch); err != nil {
				return err
			}
			n += len(batch)
			batch = batch[:0]
			return nil
		}
		for it, err := range src {
			if err != nil {
				return err
			}
			if batch = append(batch, it); len(batch) == records.ImportBatchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return flush()
	}
	if tx, ok := s.(interface {
		InTx(ctx context.Context, fn func(ctx context.Context) error) error
	}); ok {
		return n, tx.InTx(ctx, run)
	}
	return n, run(ctx)
}

// importFixture is BenchmarkImport's source, generated before the timer
// starts: n distinct national IDs and 64 varied files (names, birth dates,
// agencies and the leave and absence of the recordstest fixture, ten events
// each); row i is file i%64 with the i-th national ID, assembled by the
// source at the cost of a struct copy, so that memory does not grow with n
// beyond the IDs and the timer measures the import alone.
type importFixture struct {
	n     int
	files []records.NewEmployee
	ids   []identity.NationalID
}

func newImportFixture(n int) *importFixture {
	gen := identitytest.NewGenerator(1)
	fx := &importFixture{n: n, ids: make([]identity.NationalID, 0, n)}
	seen := make(map[identity.NationalID]bool, n)
	for len(fx.ids) < n {
		if id := gen.Citizen(); !seen[id] {
			seen[id] = true
			fx.ids = append(fx.ids, id)
		}
	}
	for i := range 64 {
		f := recordstest.NewEmployee(gen)
		f.Leave(records.AnnualLeave, hijri.MustNew(1446, 1, 5+i%10), hijri.MustNew(1446, 1, 15+i%10)).
			Absence(hijri.MustNew(1446, 2, 1+i%20), hijri.MustNew(1446, 2, 2+i%20)).
			Transfer(hijri.MustNew(1446, 4, 1), agencyOf(i))
		fx.files = append(fx.files, f.Input())
	}
	return fx
}

// source yields the fixture's rows.
func (fx *importFixture) source(yield func(records.NewEmployee, error) bool) {
	for i, id := range fx.ids {
		in := fx.files[i%len(fx.files)]
		in.NationalID = id
		if !yield(in, nil) {
			return
		}
	}
}

// serviceImport imports the fixture's files into s with
// records.Service.Import. IDs come from a counter, like the fixed file IDs
// the figure was first measured with: the default random 128-bit IDs make
// SQLite's inserts about 30% slower at 10,000 files (B-tree pages written at
// random places), which is the database's cost, not the import's.
func serviceImport(b *testing.B, s records.Store, fx *importFixture) {
	b.Helper()
	seq := 0
	newID := func() string { seq++; return fmt.Sprintf("%012d", seq) }
	rep, err := records.New(s, &records.Options{NewID: newID}).Import(context.Background(), fx.source)
	if err != nil || rep.Imported != fx.n {
		b.Fatalf("import: %+v, %v", rep, err)
	}
}

func TestRecordsImportConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			recordstest.RunImport(t, func(t *testing.T) recordstest.BulkStore { s, _ := target.Open(t); return s })
		})
	}
}

// TestImportInCallerTransaction: an import joins the caller's transaction
// and rolls back with it.
func TestImportInCallerTransaction(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			boom := errors.New("caller failed")
			err := s.InTx(ctx, func(ctx context.Context) error {
				n, err := importAll(ctx, s, newFileGen(3).items("tx-", 1100, nil))
				require.NoError(t, err)
				require.Equal(t, 1100, n)
				assert.Equal(t, 1100, countEmployees(t, ctx, s), "visible inside the transaction")
				return boom
			})
			require.ErrorIs(t, err, boom)
			assert.Zero(t, countEmployees(t, ctx, s), "rolled back with the caller's transaction")

			// A refused batch inside the transaction leaves it usable.
			require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
				batch := []records.Import{newFileGen(4).next("a-", 0), newFileGen(4).next("b-", 1)}
				_, err := s.ImportEmployees(ctx, batch)
				require.ErrorIs(t, err, records.ErrConflict, "the same person twice")
				_, err = importAll(ctx, s, newFileGen(3).items("tx-", 1100, nil))
				return err
			}))
			assert.Equal(t, 1100, countEmployees(t, ctx, s))
		})
	}
}

// TestImportedFilesAreOrdinary: imported files filter, page and update as
// any other.
func TestImportedFilesAreOrdinary(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			var kept records.Import
			n, err := importAll(ctx, s, newFileGen(1).items("imp-", 2100, func(i int, it *records.Import) {
				if i == 999 {
					kept = records.Import{Employee: it.Employee.Clone(), History: records.CloneHistory(it.History)}
				}
			}))
			require.NoError(t, err)
			require.Equal(t, 2100, n)
			page, err := s.ListEmployees(ctx, records.EmployeeFilter{AgencyID: agencyOf(7).ID, Limit: 10})
			require.NoError(t, err)
			require.Len(t, page, 10)
			assert.Equal(t, "imp-0000007", page[0].ID)
			assert.Equal(t, "imp-0000047", page[1].ID)
			e := kept.Employee
			e.Contact.Address = "المدينة المنورة"
			_, err = s.UpdateEmployee(ctx, e)
			require.NoError(t, err)
			got, err := s.GetEmployee(ctx, e.ID)
			require.NoError(t, err)
			assert.Equal(t, int64(2), got.Version)
			assert.Equal(t, "المدينة المنورة", got.Contact.Address)
		})
	}
}

// TestImportLargeBatchSplitsStatements: one batch larger than a statement's
// placeholder limit (SQLite: 32766 values) is written in several statements.
func TestImportLargeBatchSplitsStatements(t *testing.T) {
	s, _ := sqlstoretest.Targets()[0].Open(t)
	ctx := context.Background()
	g := newFileGen(6)
	batch := make([]records.Import, 3000) // 45,000 file values, 30,000 events
	for i := range batch {
		batch[i] = g.next(fmt.Sprintf("big%d-", i%3), i)
	}
	res, err := s.ImportEmployees(ctx, batch)
	require.NoError(t, err)
	assert.Empty(t, res.Conflicts)
	assert.Equal(t, 3000, countEmployees(t, ctx, s))
}

func countEmployees(t *testing.T, ctx context.Context, s *sqlstore.Store) int {
	t.Helper()
	es, err := s.ListEmployees(ctx, records.EmployeeFilter{})
	require.NoError(t, err)
	return len(es)
}

// openBench opens a migrated Store of tg for the benchmarks; on
// PostgreSQL with pgcopy as its bulk copier, as a host would.
func openBench(b *testing.B, tg sqlstoretest.Target) *sqlstore.Store {
	s, _ := openBenchDB(b, tg)
	return s
}

// openBenchDB is openBench, returning the database too.
func openBenchDB(b *testing.B, tg sqlstoretest.Target) (*sqlstore.Store, *sql.DB) {
	b.Helper()
	if tg.Dialect != sqlstore.PostgreSQL {
		return tg.Open(b)
	}
	db := tg.OpenDB(b)
	s, err := sqlstore.New(db, tg.Dialect, &sqlstore.Options{BulkCopier: pgcopy.Copier{}})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	return s, db
}

// TestImportEventDetailsAsMarshalled: the details column an import writes
// (encoded without reflection) holds exactly the bytes json.Marshal gives
// of the event without its ID, kind and dates, as every other write stores
// it, for events with every field set and text that needs escaping. SQLite
// keeps the text as written; PostgreSQL's JSONB would normalise it.
func TestImportEventDetailsAsMarshalled(t *testing.T) {
	s, db := sqlstoretest.Targets()[0].Open(t)
	ctx := context.Background()
	texts := []string{"", "a", "وزارة الصحة", `quote " and \ back`, "<b>&amp;</b>", "tab\tnew\nline\r\x01\x1f",
		"\xff\xfeinvalid", "sep\u2028par\u2029", "emoji 🙂", "ﷺ ٥٦٧", "\u007f", "a\x00b"}
	rng := rand.New(rand.NewPCG(14, 22))
	pick := func() string { return texts[rng.IntN(len(texts))] }
	date := func() hijri.Date {
		if rng.IntN(3) == 0 {
			return hijri.Date{}
		}
		return hijri.MustNew(1430+rng.IntN(10), 1+rng.IntN(12), 1+rng.IntN(29))
	}
	g := newFileGen(22)
	var batch []records.Import
	want := map[string]string{}
	for i := range 300 {
		it := g.next("det-", i)
		for k := range it.History {
			ev := &it.History[k]
			ev.Decision = records.Decision{Number: pick(), Date: date()}
			if rng.IntN(2) == 0 {
				ev.Job = &records.Job{Agency: records.Agency{ID: pick(), Name: i18n.Text{AR: pick(), EN: pick()}},
					Title: i18n.Text{AR: pick(), EN: pick()}, ClassificationCode: pick(), JobNumber: pick(), SalaryScale: pick(),
					Rank: rng.IntN(20) - 2, Step: rng.IntN(40) - 5, StartDate: date()}
			} else {
				ev.Job = nil
			}
			ev.Leave, ev.Host, ev.Location = records.LeaveType(pick()), records.HostKind(pick()), records.Location(pick())
			ev.Institution, ev.Subject, ev.Note = pick(), pick(), pick()
			ev.Outcome, ev.Penalty, ev.EndReason = records.Outcome(pick()), records.PenaltyType(pick()), records.EndReason(pick())
			ev.PenaltyDays, ev.Exceptional = rng.IntN(5)*(rng.IntN(3)-1)*100, rng.IntN(2) == 0
			rest := *ev
			rest.ID, rest.Kind, rest.Start, rest.End = "", "", hijri.Date{}, hijri.Date{}
			b, err := json.Marshal(rest)
			require.NoError(t, err)
			want[ev.ID] = string(b)
		}
		batch = append(batch, it)
	}
	_, err := s.ImportEmployees(ctx, batch)
	require.NoError(t, err)
	rows, err := db.QueryContext(ctx, `SELECT id, details FROM history_events`)
	require.NoError(t, err)
	defer rows.Close()
	got := map[string]string{}
	for rows.Next() {
		var id, details string
		require.NoError(t, rows.Scan(&id, &details))
		got[id] = details
	}
	require.NoError(t, rows.Err())
	require.Len(t, got, len(want))
	for id, w := range want {
		if !assert.Equal(t, w, got[id], id) {
			return
		}
	}
	// The events read back as written.
	h, err := s.ListHistoryEvents(ctx, batch[7].Employee.ID)
	require.NoError(t, err)
	require.Len(t, h, 10)
	for _, ev := range h {
		var w records.HistoryEvent
		require.NoError(t, json.Unmarshal([]byte(want[ev.ID]), &w))
		assert.Equal(t, w.Note, ev.Note, ev.ID)
		assert.Equal(t, w.Job, ev.Job, ev.ID)
	}
}

// TestImportEventDetailsKnowsEveryField fails when HistoryEvent (or a type
// in its details) gains, loses or renames a JSON field: the import's
// encoder (appendEventDetails) must then be updated with it, and this list.
func TestImportEventDetailsKnowsEveryField(t *testing.T) {
	var got []string
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			got = append(got, prefix+f.Tag.Get("json")+" "+f.Type.String())
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[hijri.Date]() {
				walk(prefix+f.Tag.Get("json")+".", ft)
			}
		}
	}
	walk("", reflect.TypeFor[records.HistoryEvent]())
	assert.Equal(t, []string{
		"id string", "kind records.EventKind", "start hijri.Date", "end,omitzero hijri.Date",
		"decision records.Decision", "decision.number,omitempty string", "decision.date,omitzero hijri.Date",
		"job,omitempty *records.Job", "job,omitempty.agency records.Agency", "job,omitempty.agency.id string",
		"job,omitempty.agency.name i18n.Text", "job,omitempty.agency.name.ar string", "job,omitempty.agency.name.en string",
		"job,omitempty.title i18n.Text", "job,omitempty.title.ar string", "job,omitempty.title.en string",
		"job,omitempty.classification_code,omitempty string", "job,omitempty.job_number,omitempty string",
		"job,omitempty.salary_scale,omitempty string", "job,omitempty.rank int", "job,omitempty.step int",
		"job,omitempty.start_date hijri.Date",
		"leave,omitempty records.LeaveType", "host,omitempty records.HostKind", "location,omitempty records.Location",
		"institution,omitempty string", "subject,omitempty string", "outcome,omitempty records.Outcome",
		"penalty,omitempty records.PenaltyType", "penalty_days,omitempty int", "end_reason,omitempty records.EndReason",
		"exceptional,omitempty bool", "note,omitempty string",
	}, got)
}
