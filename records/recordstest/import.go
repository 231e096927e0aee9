package recordstest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
)

// BulkStore is a records.Store with the bulk-import capability, as
// RunImport takes it.
type BulkStore interface {
	records.Store
	records.BulkStore
}

// RunImport runs the conformance suite of records.BulkStore, and of
// records.Service.Import over it: one subtest per behaviour, each on a
// fresh store from newStore. Adapters that implement records.BulkStore call
// it besides Run.
func RunImport(t *testing.T, newStore func(t *testing.T) BulkStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s BulkStore)
	}{
		{"BatchRoundTripsWithHistory", testImportRoundTrip},
		{"EmptyBatch", testImportEmpty},
		{"ConflictsWithStoredKeys", testImportConflictsStored},
		{"ConflictsWithinBatch", testImportConflictsWithin},
		{"LargeBatch", testImportLarge},
		{"ContextCancelled", testImportCancelled},
		{"CopiesNotAliased", testImportCopies},
		{"ServiceImportsInBatches", testServiceImport},
		{"ServiceRejectsInvalidRows", testServiceInvalidRows},
		{"ServiceDuplicateNationalIDStored", testServiceDuplicateStored},
		{"ServiceDuplicateNationalIDInImport", testServiceDuplicateInImport},
		{"ServiceSourceError", testServiceSourceError},
		{"ServiceContextCancelled", testServiceCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

// importItems returns n files with IDs prefix0000…, created a second apart.
func importItems(seed uint64, prefix string, n int) []records.Import {
	gen := identitytest.NewGenerator(seed)
	out := make([]records.Import, n)
	for i := range out {
		b := NewEmployee(gen)
		out[i] = records.Import{Employee: b.Employee(fmt.Sprintf("%s%05d", prefix, i), base.Add(time.Duration(i)*time.Second)), History: b.History()}
	}
	return out
}

// importInputs returns n distinct inputs of CreateEmployee.
func importInputs(seed uint64, n int) []records.NewEmployee {
	gen := identitytest.NewGenerator(seed)
	out := make([]records.NewEmployee, n)
	seen := map[string]bool{}
	for i := range out {
		b := NewEmployee(gen)
		for seen[b.NationalID().String()] {
			b = NewEmployee(gen)
		}
		seen[b.NationalID().String()] = true
		out[i] = b.Input()
	}
	return out
}

func mustImport(t *testing.T, s BulkStore, batch []records.Import) {
	t.Helper()
	res, err := s.ImportEmployees(context.Background(), batch)
	require.NoError(t, err)
	assert.Empty(t, res.Conflicts)
}

func countFiles(t *testing.T, s records.Store) int {
	t.Helper()
	es, err := s.ListEmployees(context.Background(), records.EmployeeFilter{})
	require.NoError(t, err)
	return len(es)
}

func assertImported(t *testing.T, s records.Store, want records.Import) {
	t.Helper()
	got, err := s.GetEmployee(context.Background(), want.Employee.ID)
	require.NoError(t, err)
	e := want.Employee.Clone()
	e.Version = 1
	assertEmployee(t, e, got)
	assertHistory(t, s, want.Employee.ID, want.History)
}

// isTransactor says whether s runs transactions (txn.Transactor), which
// makes a Service import all or nothing.
func isTransactor(s records.Store) bool {
	_, ok := s.(interface {
		InTx(ctx context.Context, fn func(ctx context.Context) error) error
	})
	return ok
}

func testImportRoundTrip(t *testing.T, s BulkStore) {
	ctx := context.Background()
	batch := importItems(101, "imp-", 3)
	batch[1].Employee.Version = 42 // ignored: imported files have version 1
	b := NewBuilder(identitytest.NewGenerator(102)).Appoint(d(1440, 1, 1), 5).EndService(d(1446, 6, 30), records.EndRetirement)
	ended := records.Import{Employee: b.Employee("imp-ended", base), History: b.History()}
	batch = append(batch, ended)
	mustImport(t, s, batch)
	for _, it := range batch {
		assertImported(t, s, it)
	}
	assert.Equal(t, 4, countFiles(t, s))
	got, err := s.GetEmployeeByNationalID(ctx, ended.Employee.NationalID)
	require.NoError(t, err)
	assert.Equal(t, d(1446, 6, 30), got.ServiceEnd)
	// An imported file is an ordinary file.
	inService := true
	es, err := s.ListEmployees(ctx, records.EmployeeFilter{InService: &inService})
	require.NoError(t, err)
	assert.Len(t, es, 3)
}

func testImportEmpty(t *testing.T, s BulkStore) {
	res, err := s.ImportEmployees(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, res.Conflicts)
	assert.Zero(t, countFiles(t, s))
}

// conflictAt returns the conflicts of res by batch index.
func conflictAt(res records.ImportResult) map[int]error {
	out := map[int]error{}
	for _, c := range res.Conflicts {
		out[c.Index] = c.Err
	}
	return out
}

func testImportConflictsStored(t *testing.T, s BulkStore) {
	ctx := context.Background()
	pre := importItems(103, "pre-", 1)[0]
	mustImport(t, s, []records.Import{pre})

	batch := importItems(104, "imp-", 5)
	batch[1].Employee.NationalID = pre.Employee.NationalID
	batch[2].Employee.ID = pre.Employee.ID
	batch[3].History[2].ID = pre.History[0].ID
	res, err := s.ImportEmployees(ctx, batch)
	require.ErrorIs(t, err, records.ErrConflict)
	got := conflictAt(res)
	assert.Len(t, got, 3, "every conflicting item is listed: %v", res.Conflicts)
	assert.ErrorIs(t, got[1], records.ErrDuplicateNationalID)
	assert.ErrorIs(t, got[2], records.ErrDuplicateEmployeeID)
	assert.ErrorIs(t, got[3], records.ErrDuplicateEventID)
	assert.Equal(t, 1, countFiles(t, s), "nothing of the batch is stored")
	assertImported(t, s, pre)
	_, err = s.GetEmployee(ctx, batch[0].Employee.ID)
	assert.ErrorIs(t, err, records.ErrNotFound)
}

func testImportConflictsWithin(t *testing.T, s BulkStore) {
	batch := importItems(105, "imp-", 8)
	batch[2].Employee.NationalID = batch[0].Employee.NationalID
	batch[3].History[4].ID = batch[1].History[0].ID
	batch[5].Employee.ID = batch[4].Employee.ID
	res, err := s.ImportEmployees(context.Background(), batch)
	require.ErrorIs(t, err, records.ErrConflict)
	got := conflictAt(res)
	assert.Len(t, got, 3, "the later item of each pair is listed: %v", res.Conflicts)
	assert.ErrorIs(t, got[2], records.ErrDuplicateNationalID)
	assert.ErrorIs(t, got[3], records.ErrDuplicateEventID)
	assert.ErrorIs(t, got[5], records.ErrDuplicateEmployeeID)
	assert.Zero(t, countFiles(t, s), "nothing of the batch is stored")
}

func testImportLarge(t *testing.T, s BulkStore) {
	const n = 5000
	batch := importItems(106, "big-", n)
	for i := range batch { // ten events each
		batch[i].History = append(batch[i].History,
			records.HistoryEvent{ID: batch[i].Employee.ID + "-x1", Kind: records.KindLeave, Leave: records.AnnualLeave, Start: d(1446, 1, 5), End: d(1446, 1, 15)},
			records.HistoryEvent{ID: batch[i].Employee.ID + "-x2", Kind: records.KindAbsence, Start: d(1446, 2, 1), End: d(1446, 2, 2)},
			records.HistoryEvent{ID: batch[i].Employee.ID + "-x3", Kind: records.KindLeave, Leave: records.AnnualLeave, Start: d(1446, 3, 1), End: d(1446, 3, 3)})
	}
	mustImport(t, s, batch)
	assert.Equal(t, n, countFiles(t, s))
	for _, i := range []int{0, 999, 1000, 2500, n - 1} {
		assertImported(t, s, batch[i])
	}
}

func testImportCancelled(t *testing.T, s BulkStore) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.ImportEmployees(ctx, importItems(107, "c-", 3))
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, countFiles(t, s))
}

func testImportCopies(t *testing.T, s BulkStore) {
	batch := importItems(108, "cp-", 2)
	want := []records.Import{
		{Employee: batch[0].Employee.Clone(), History: records.CloneHistory(batch[0].History)},
		{Employee: batch[1].Employee.Clone(), History: records.CloneHistory(batch[1].History)},
	}
	mustImport(t, s, batch)
	batch[0].Employee.Qualifications[0].Documents[0].Name = "changed"
	batch[0].Employee.Qualifications[0].Specialization = "changed"
	batch[1].History[0].Job.Rank = 15
	batch[1].History[1].Note = "changed"
	batch[0] = records.Import{}
	for _, it := range want {
		assertImported(t, s, it)
	}
}

// newService returns a Service over s with deterministic IDs and clock.
func newService(s records.Store) *records.Service {
	n := 0
	return records.New(s, &records.Options{
		Now:   func() time.Time { return base },
		NewID: func() string { n++; return fmt.Sprintf("id-%07d", n) },
	})
}

func testServiceImport(t *testing.T, s BulkStore) {
	ctx := context.Background()
	const n = 2*records.ImportBatchSize + 10 // three batches
	in := importInputs(109, n)
	rep, err := newService(s).Import(ctx, records.Rows(in))
	require.NoError(t, err)
	assert.Equal(t, records.ImportReport{Read: n, Imported: n}, rep)
	assert.Equal(t, n, countFiles(t, s))

	// Each file is what CreateEmployee would have stored.
	for _, i := range []int{0, records.ImportBatchSize, n - 1} {
		got, err := s.GetEmployeeByNationalID(ctx, in[i].NationalID)
		require.NoError(t, err)
		assert.Equal(t, int64(1), got.Version)
		assert.Equal(t, base, got.CreatedAt.UTC())
		assert.Equal(t, base, got.UpdatedAt.UTC())
		assert.Equal(t, in[i].Name, got.Name)
		require.Len(t, got.Qualifications, len(in[i].Qualifications))
		assert.NotEmpty(t, got.Qualifications[0].ID)
		assert.Equal(t, in[i].History[len(in[i].History)-3].Job.Rank, got.Job.Rank, "the current job follows from the history")
		h, err := s.ListHistoryEvents(ctx, got.ID)
		require.NoError(t, err)
		require.Len(t, h, len(in[i].History))
		for _, ev := range h {
			assert.NotContains(t, ev.ID, in[i].NationalID.String(), "event IDs are the Service's")
			if ev.Job != nil {
				assert.Equal(t, ev.Start, ev.Job.StartDate)
			}
		}
	}

	// An empty source imports nothing.
	rep, err = newService(s).Import(ctx, records.Rows(nil))
	require.NoError(t, err)
	assert.Equal(t, records.ImportReport{}, rep)
}

func testServiceInvalidRows(t *testing.T, s BulkStore) {
	ctx := context.Background()
	const n = records.ImportBatchSize + 600
	in := importInputs(110, n)
	in[5].Nationality = "Saudi"
	in[records.ImportBatchSize+500].History = in[records.ImportBatchSize+500].History[1:] // no appointment
	in[records.ImportBatchSize+550].BirthDate = hijri.Date{}
	rep, err := newService(s).Import(ctx, records.Rows(in))
	require.ErrorIs(t, err, records.ErrImportRejected)
	assert.Equal(t, n, rep.Read, "every row is read and checked")
	assert.Zero(t, rep.Imported)
	assert.False(t, rep.Stopped)
	require.Len(t, rep.Rejected, 3, "every invalid row is reported: %v", rep.Rejected)
	assert.Equal(t, 5, rep.Rejected[0].Index)
	assert.ErrorIs(t, rep.Rejected[0], fault.ErrInvalidInput)
	assert.Equal(t, records.ImportBatchSize+500, rep.Rejected[1].Index)
	assert.ErrorIs(t, rep.Rejected[1], records.ErrInvalidHistory)
	assert.Equal(t, records.ImportBatchSize+550, rep.Rejected[2].Index)
	assert.ErrorIs(t, rep.Rejected[2], fault.ErrInvalidInput)
	assert.Zero(t, countFiles(t, s), "nothing is stored")
}

func testServiceDuplicateStored(t *testing.T, s BulkStore) {
	ctx := context.Background()
	svc := newService(s)
	in := importInputs(111, records.ImportBatchSize+300)
	pre, err := svc.CreateEmployee(ctx, importInputs(112, 1)[0])
	require.NoError(t, err)
	at := records.ImportBatchSize + 200 // in the second batch: the first is written by then
	in[at].NationalID = pre.NationalID
	rep, err := svc.Import(ctx, records.Rows(in))
	require.ErrorIs(t, err, records.ErrImportRejected)
	require.Len(t, rep.Rejected, 1)
	assert.Equal(t, at, rep.Rejected[0].Index)
	assert.ErrorIs(t, rep.Rejected[0], records.ErrDuplicateNationalID)
	assert.ErrorIs(t, rep.Rejected[0], records.ErrConflict)
	assert.Equal(t, pre.NationalID, rep.Rejected[0].NationalID, "the row's person, for the caller")
	if isTransactor(s) {
		assert.Zero(t, rep.Imported)
		assert.Equal(t, 1, countFiles(t, s), "nothing of the import is stored")
	} else {
		assert.Equal(t, records.ImportBatchSize, rep.Imported)
	}
	got, err := s.GetEmployeeByNationalID(ctx, pre.NationalID)
	require.NoError(t, err)
	assert.Equal(t, pre.ID, got.ID)
}

func testServiceDuplicateInImport(t *testing.T, s BulkStore) {
	ctx := context.Background()
	t.Run("WithinABatch", func(t *testing.T) {
		in := importInputs(113, 20)
		in[7].NationalID = in[3].NationalID
		rep, err := newService(s).Import(ctx, records.Rows(in))
		require.ErrorIs(t, err, records.ErrImportRejected)
		require.Len(t, rep.Rejected, 1)
		assert.Equal(t, 7, rep.Rejected[0].Index)
		assert.ErrorIs(t, rep.Rejected[0], records.ErrDuplicateNationalID)
		assert.Equal(t, in[3].NationalID, rep.Rejected[0].NationalID)
		assert.Zero(t, countFiles(t, s))
	})
	t.Run("AcrossBatches", func(t *testing.T) {
		in := importInputs(114, records.ImportBatchSize+20)
		in[records.ImportBatchSize+10].NationalID = in[10].NationalID
		rep, err := newService(s).Import(ctx, records.Rows(in))
		require.ErrorIs(t, err, records.ErrImportRejected)
		require.Len(t, rep.Rejected, 1)
		assert.Equal(t, records.ImportBatchSize+10, rep.Rejected[0].Index)
		assert.ErrorIs(t, rep.Rejected[0], records.ErrDuplicateNationalID)
		if isTransactor(s) {
			assert.Zero(t, countFiles(t, s))
		}
	})
}

func testServiceSourceError(t *testing.T, s BulkStore) {
	boom := errors.New("source failed")
	in := importInputs(115, records.ImportBatchSize+10)
	src := func(yield func(records.NewEmployee, error) bool) {
		for i, e := range in {
			if i == records.ImportBatchSize+4 {
				yield(records.NewEmployee{}, boom)
				return
			}
			if !yield(e, nil) {
				return
			}
		}
	}
	_, err := newService(s).Import(context.Background(), src)
	require.ErrorIs(t, err, boom)
	var re records.RowError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, records.ImportBatchSize+4, re.Index)
	if isTransactor(s) {
		assert.Zero(t, countFiles(t, s))
	}
}

func testServiceCancelled(t *testing.T, s BulkStore) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newService(s).Import(ctx, records.Rows(importInputs(116, 3)))
	assert.ErrorIs(t, err, context.Canceled)

	// Cancelled while reading: nothing stored.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	in := importInputs(117, records.ImportBatchSize+500)
	var src iter.Seq2[records.NewEmployee, error] = func(yield func(records.NewEmployee, error) bool) {
		for i, e := range in {
			if i == records.ImportBatchSize+100 {
				cancel()
			}
			if !yield(e, nil) {
				return
			}
		}
	}
	_, err = newService(s).Import(ctx, src)
	assert.ErrorIs(t, err, context.Canceled)
	if isTransactor(s) {
		assert.Zero(t, countFiles(t, s))
	}
}
