package records

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// This file holds the pipelined Import to the batch-by-batch Import it
// replaced (serialImport below, the previous implementation verbatim): on
// random sources with invalid rows, duplicates within a batch, keys already
// stored, source errors and Store failures, both give the same report, the
// same error and store the same files.

func (s *Service) serialImport(ctx context.Context, src iter.Seq2[NewEmployee, error]) (ImportReport, error) {
	if err := ctx.Err(); err != nil {
		return ImportReport{}, err
	}
	c, err := s.clock()
	if err != nil {
		return ImportReport{}, err
	}
	r := &serialRun{s: s, at: c.at}
	r.bulk, _ = s.store.(BulkStore)
	r.reset()
	run := func(ctx context.Context) error { return r.run(ctx, src) }
	tx, atomic := s.store.(transactor)
	if atomic {
		err = tx.InTx(ctx, run)
	} else {
		err = run(ctx)
	}
	if err != nil && atomic {
		r.rep.Imported = 0
	}
	return r.rep, err
}

// serialRun is one Import call in progress.
type serialRun struct {
	s    *Service
	at   time.Time
	bulk BulkStore // nil: one CreateEmployee per file
	rep  ImportReport
	// failed is set at the first refused row: nothing is written after it.
	failed bool

	// The current batch: the number of rows read into it (written or not),
	// the files to write, their rows in the source, their inputs (for
	// CreateEmployee, without a BulkStore) and their national IDs.
	n     int
	batch []Import
	rows  []int
	ins   []NewEmployee
	nids  map[identity.NationalID]bool
}

func (r *serialRun) reset() {
	clear(r.batch)
	clear(r.ins)
	r.n, r.batch, r.rows, r.ins = 0, r.batch[:0], r.rows[:0], r.ins[:0]
	r.nids = make(map[identity.NationalID]bool, ImportBatchSize)
}

// run reads src to its end (or to MaxImportErrors refusals), batch by batch.
func (r *serialRun) run(ctx context.Context, src iter.Seq2[NewEmployee, error]) error {
	for in, err := range src {
		if err != nil {
			return RowError{Index: r.rep.Read, Err: err}
		}
		r.add(r.rep.Read, in)
		r.rep.Read++
		if r.rep.Stopped {
			break
		}
		if r.n >= ImportBatchSize {
			if err := r.flush(ctx); err != nil {
				return err
			}
		}
	}
	if err := r.flush(ctx); err != nil {
		return err
	}
	if len(r.rep.Rejected) > 0 {
		return ErrImportRejected
	}
	return nil
}

// add checks and builds row i and puts it in the batch, or refuses it.
func (r *serialRun) add(i int, in NewEmployee) {
	r.n++
	e, h, err := r.s.newFile(in, r.at)
	if err != nil {
		r.reject(i, in.NationalID, err)
		return
	}
	if r.nids[in.NationalID] {
		r.reject(i, in.NationalID, ErrDuplicateNationalID)
		return
	}
	r.nids[in.NationalID] = true
	if r.failed {
		return // checked; never written
	}
	r.batch = append(r.batch, Import{Employee: e, History: h})
	r.rows = append(r.rows, i)
	if r.bulk == nil {
		r.ins = append(r.ins, in)
	}
}

// reject records the refusal of row i, whose national ID is id.
func (r *serialRun) reject(i int, id identity.NationalID, err error) {
	r.failed = true
	if len(r.rep.Rejected) == MaxImportErrors {
		r.rep.Stopped = true
		return
	}
	r.rep.Rejected = append(r.rep.Rejected, RowError{Index: i, Err: err, NationalID: id})
}

// flush writes the batch, unless a row was refused, and starts a new one.
func (r *serialRun) flush(ctx context.Context) error {
	defer r.reset()
	if err := ctx.Err(); err != nil {
		return err
	}
	if r.failed || len(r.batch) == 0 {
		return nil
	}
	if r.bulk == nil {
		return r.createEach(ctx)
	}
	res, err := r.bulk.ImportEmployees(ctx, r.batch)
	if err != nil {
		if len(res.Conflicts) == 0 || !errors.Is(err, ErrConflict) {
			return err
		}
		conflicts := slices.Clone(res.Conflicts)
		slices.SortFunc(conflicts, func(a, b RowError) int { return a.Index - b.Index })
		for _, c := range conflicts {
			if c.Index >= 0 && c.Index < len(r.rows) {
				r.reject(r.rows[c.Index], r.batch[c.Index].Employee.NationalID, c.Err)
			}
		}
		r.failed = true
		return nil
	}
	r.rep.Imported += len(r.batch)
	return nil
}

// createEach stores the batch one file at a time, for a Store without
// BulkStore; a conflict refuses its row.
func (r *serialRun) createEach(ctx context.Context) error {
	for k, in := range r.ins {
		if _, err := r.s.CreateEmployee(ctx, in); err != nil {
			if !errors.Is(err, ErrConflict) {
				return err
			}
			r.reject(r.rows[k], in.NationalID, err)
			return nil
		}
		r.rep.Imported++
	}
	return nil
}

// fakeBulk is a BulkStore keeping only the keys it stored. It refuses a
// batch with taken keys as the contract says, fails its failAt-th call (from
// 1) with errDisk, and, with tx, is a transactor that undoes a failed
// transaction. Import calls nothing else of a Store with BulkStore.
type fakeBulk struct {
	Store
	mu                sync.Mutex
	ids, nids, events map[string]bool
	calls, failAt     int
	stored            []string // file IDs in order
	gate              func(call int)
}

type fakeTxBulk struct{ *fakeBulk }

func (f fakeTxBulk) InTx(ctx context.Context, fn func(context.Context) error) error {
	f.mu.Lock()
	ids, nids, events, stored := clone(f.ids), clone(f.nids), clone(f.events), slices.Clone(f.stored)
	f.mu.Unlock()
	err := fn(ctx)
	if err != nil {
		f.mu.Lock()
		f.ids, f.nids, f.events, f.stored = ids, nids, events, stored
		f.mu.Unlock()
	}
	return err
}

func clone(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

var errDisk = errors.New("disk full")

func newFakeBulk() *fakeBulk {
	return &fakeBulk{ids: map[string]bool{}, nids: map[string]bool{}, events: map[string]bool{}}
}

func (f *fakeBulk) ImportEmployees(ctx context.Context, batch []Import) (ImportResult, error) {
	if err := ctx.Err(); err != nil {
		return ImportResult{}, err
	}
	f.mu.Lock()
	f.calls++
	call := f.calls
	gate := f.gate
	f.mu.Unlock()
	if gate != nil {
		gate(call)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if call == f.failAt {
		return ImportResult{}, errDisk
	}
	var res ImportResult
	ids, nids, events := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i, it := range batch {
		var err error
		switch nid := it.Employee.NationalID.String(); {
		case f.ids[it.Employee.ID] || ids[it.Employee.ID]:
			err = ErrDuplicateEmployeeID
		case f.nids[nid] || nids[nid]:
			err = ErrDuplicateNationalID
		}
		ids[it.Employee.ID], nids[it.Employee.NationalID.String()] = true, true
		for _, ev := range it.History {
			if (f.events[ev.ID] || events[ev.ID]) && err == nil {
				err = ErrDuplicateEventID
			}
			events[ev.ID] = true
		}
		if err != nil {
			res.Conflicts = append(res.Conflicts, RowError{Index: i, Err: err})
		}
	}
	if len(res.Conflicts) > 0 {
		return res, ErrConflict
	}
	for _, it := range batch {
		f.ids[it.Employee.ID], f.nids[it.Employee.NationalID.String()] = true, true
		for _, ev := range it.History {
			f.events[ev.ID] = true
		}
		f.stored = append(f.stored, it.Employee.ID)
	}
	return ImportResult{}, nil
}

// importScenario is one random source and store.
type importScenario struct {
	rows      []NewEmployee
	srcErrAt  int // -1: none
	failAt    int // 0: none
	storedIDs []string
	storedNID []string
	tx        bool
}

func validInput(nid identity.NationalID, k int) NewEmployee {
	job := Job{Agency: Agency{ID: "AG" + string(rune('A'+k%7)), Name: i18n.Text{AR: "وزارة", EN: "Ministry"}},
		Title: i18n.Text{AR: "محاسب", EN: "Accountant"}, Rank: 6, Step: 1}
	return NewEmployee{
		NationalID: nid, Name: Names{AR: PersonName{First: "سارة", Family: "العتيبي"}},
		BirthDate: hijri.MustNew(1405, 3, 1), Gender: "female", Nationality: "SA", EmploymentSystem: "civil_service",
		History: []HistoryEvent{
			{Kind: KindAppointment, Start: hijri.MustNew(1432, 3, 15), Job: &job},
			{Kind: KindLeave, Leave: AnnualLeave, Start: hijri.MustNew(1433, 10, 1), End: hijri.MustNew(1433, 10, 20)},
		},
	}
}

func newScenario(r *rand.Rand, gen *identitytest.Generator) importScenario {
	sc := importScenario{srcErrAt: -1, tx: r.IntN(2) == 0}
	n := r.IntN(3 * ImportBatchSize)
	bad := []float64{0, 0, 0.0005, 0.002, 0.05}[r.IntN(5)]
	var nids []identity.NationalID
	for i := range n {
		nid := gen.Citizen()
		for slices.Contains(nids, nid) {
			nid = gen.Citizen()
		}
		switch p := r.Float64(); {
		case p < bad: // invalid
			in := validInput(nid, i)
			in.History = nil
			sc.rows = append(sc.rows, in)
			continue
		case p < 2*bad && len(nids) > 0: // a person given twice
			nid = nids[r.IntN(len(nids))]
		case p < 3*bad: // a person already stored
			sc.storedNID = append(sc.storedNID, nid.String())
		}
		nids = append(nids, nid)
		sc.rows = append(sc.rows, validInput(nid, i))
	}
	if r.IntN(4) == 0 && n > 0 {
		sc.srcErrAt = r.IntN(n)
	}
	if r.IntN(4) == 0 {
		sc.failAt = 1 + r.IntN(3)
	}
	if r.IntN(5) == 0 { // file IDs already taken
		for range 1 + r.IntN(3) {
			sc.storedIDs = append(sc.storedIDs, fmt.Sprintf("id-%d", 1+r.IntN(n*3+1)))
		}
	}
	return sc
}

var errSource = errors.New("row 7 of the sheet is unreadable")

// importOutcome is what one run of a scenario gave.
type importOutcome struct {
	rep    ImportReport
	err    error
	stored []string
	read   int // rows the source yielded
}

func (sc importScenario) run(serial bool) importOutcome {
	f := newFakeBulk()
	f.failAt = sc.failAt
	for _, id := range sc.storedIDs {
		f.ids[id] = true
	}
	for _, nid := range sc.storedNID {
		f.nids[nid] = true
	}
	var store Store = f
	if sc.tx {
		store = fakeTxBulk{f}
	}
	seq := 0
	at := time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC)
	s := New(store, &Options{NewID: func() string { seq++; return fmt.Sprintf("id-%d", seq) }, Now: func() time.Time { return at }})
	read := 0
	src := func(yield func(NewEmployee, error) bool) {
		for i, in := range sc.rows {
			read = i + 1
			if i == sc.srcErrAt {
				yield(NewEmployee{}, errSource)
				return
			}
			if !yield(in, nil) {
				return
			}
		}
	}
	var rep ImportReport
	var err error
	if serial {
		rep, err = s.serialImport(context.Background(), src)
	} else {
		rep, err = s.Import(context.Background(), src)
	}
	return importOutcome{rep, err, f.stored, read}
}

// TestImportPipelineReportsAsSerial: the pipelined Import and the
// batch-by-batch one agree on every random scenario.
func TestImportPipelineReportsAsSerial(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 62))
	gen := identitytest.NewGenerator(62)
	kinds := map[string]int{}
	for i := range 70 {
		sc := newScenario(r, gen)
		ser, pipe := sc.run(true), sc.run(false)
		want, wantErr := ser.rep, ser.err
		require.Equal(t, want, pipe.rep, "scenario %d: report", i)
		require.Equal(t, wantErr, pipe.err, "scenario %d: error", i)
		require.Equal(t, ser.stored, pipe.stored, "scenario %d: stored files", i)
		assert.LessOrEqual(t, pipe.read-ser.read, importInFlight*ImportBatchSize+1, "scenario %d: read ahead", i)
		switch {
		case errors.Is(wantErr, errDisk):
			kinds["store error"]++
		case errors.Is(wantErr, errSource):
			kinds["source error"]++
		case want.Stopped:
			kinds["stopped"]++
		case len(want.Rejected) > 0 && slices.ContainsFunc(want.Rejected, func(e RowError) bool { return errors.Is(e, ErrDuplicateEmployeeID) }):
			kinds["stored key"]++
		case len(want.Rejected) > 0:
			kinds["rejected"]++
		case wantErr == nil:
			kinds["imported"]++
		}
	}
	t.Log(kinds)
	for _, k := range []string{"store error", "source error", "stopped", "stored key", "rejected", "imported"} {
		assert.Positive(t, kinds[k], "the scenarios reach %q", k)
	}
}

// TestImportPipelineOverlaps: the next batch is checked and built while the
// Store writes one. The Store's first call waits until the source has
// yielded a row of the third batch, which a batch-by-batch Import never
// reads before that call returns.
func TestImportPipelineOverlaps(t *testing.T) {
	f := newFakeBulk()
	gen := identitytest.NewGenerator(9)
	reached := make(chan struct{})
	f.gate = func(call int) {
		if call == 1 {
			select {
			case <-reached:
			case <-time.After(10 * time.Second):
				t.Error("the source was not read while the first batch was written")
			}
		}
	}
	var in []NewEmployee
	for i := range 3*ImportBatchSize + 10 {
		in = append(in, validInput(gen.Citizen(), i))
	}
	var once sync.Once
	src := func(yield func(NewEmployee, error) bool) {
		for i, e := range in {
			if i == 2*ImportBatchSize+1 {
				once.Do(func() { close(reached) })
			}
			if !yield(e, nil) {
				return
			}
		}
	}
	rep, err := New(fakeTxBulk{f}, nil).Import(context.Background(), src)
	require.NoError(t, err)
	assert.Equal(t, ImportReport{Read: len(in), Imported: len(in)}, rep)
	assert.Len(t, f.stored, len(in))
}

// TestImportPipelineCancel: cancelling stops the import cleanly: the error
// is ctx's, nothing is kept, and no Store call runs after Import returns.
func TestImportPipelineCancel(t *testing.T) {
	f := newFakeBulk()
	gen := identitytest.NewGenerator(10)
	ctx, cancel := context.WithCancel(context.Background())
	var returned sync.Mutex
	done := false
	f.gate = func(call int) {
		if call == 2 {
			cancel()
		}
		returned.Lock()
		defer returned.Unlock()
		assert.False(t, done, "a Store call after Import returned")
	}
	src := func(yield func(NewEmployee, error) bool) {
		for i := range 10 * ImportBatchSize {
			if !yield(validInput(gen.Citizen(), i), nil) {
				return
			}
		}
	}
	rep, err := New(fakeTxBulk{f}, nil).Import(ctx, src)
	returned.Lock()
	done = true
	returned.Unlock()
	require.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, rep.Imported)
	assert.Empty(t, f.stored, "rolled back")
	assert.Less(t, rep.Read, 10*ImportBatchSize)
	time.Sleep(50 * time.Millisecond) // a stray writer would call the Store now
}
