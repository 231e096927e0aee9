package records_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

func importInputs(seed uint64, n int) []records.NewEmployee {
	gen := identitytest.NewGenerator(seed)
	seen := map[string]bool{}
	out := make([]records.NewEmployee, 0, n)
	for len(out) < n {
		b := recordstest.NewEmployee(gen)
		if !seen[b.NationalID().String()] {
			seen[b.NationalID().String()] = true
			out = append(out, b.Input())
		}
	}
	return out
}

// plainStore hides memstore's bulk import and transactions: a host's
// adapter with only records.Store.
type plainStore struct{ records.Store }

// txStore hides only the bulk import.
type txStore struct {
	records.Store
	tx interface {
		InTx(ctx context.Context, fn func(ctx context.Context) error) error
	}
}

func (s txStore) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.tx.InTx(ctx, fn)
}

func count(t *testing.T, s records.Store) int {
	t.Helper()
	es, err := s.ListEmployees(context.Background(), records.EmployeeFilter{})
	require.NoError(t, err)
	return len(es)
}

func TestImportWithoutBulkStore(t *testing.T) {
	ctx := context.Background()
	t.Run("OneFileAtATime", func(t *testing.T) {
		s := plainStore{memstore.New(nil)}
		in := importInputs(1, records.ImportBatchSize+30)
		rep, err := records.New(s, nil).Import(ctx, records.Rows(in))
		require.NoError(t, err)
		assert.Equal(t, records.ImportReport{Read: len(in), Imported: len(in)}, rep)
		assert.Equal(t, len(in), count(t, s))
	})
	t.Run("NotATransactorKeepsEarlierBatches", func(t *testing.T) {
		s := plainStore{memstore.New(nil)}
		in := importInputs(2, records.ImportBatchSize+30)
		in[records.ImportBatchSize+3].NationalID = in[0].NationalID
		rep, err := records.New(s, nil).Import(ctx, records.Rows(in))
		require.ErrorIs(t, err, records.ErrImportRejected)
		require.Len(t, rep.Rejected, 1)
		assert.Equal(t, records.ImportBatchSize+3, rep.Rejected[0].Index)
		assert.ErrorIs(t, rep.Rejected[0], records.ErrDuplicateNationalID)
		assert.Equal(t, in[0].NationalID, rep.Rejected[0].NationalID, "the row's person, for the caller")
		assert.Equal(t, records.ImportBatchSize+3, rep.Imported, "the rows before the refused one stay")
		assert.Equal(t, rep.Imported, count(t, s))
	})
	t.Run("TransactorAllOrNothing", func(t *testing.T) {
		m := memstore.New(nil)
		s := txStore{Store: m, tx: m}
		in := importInputs(3, records.ImportBatchSize+30)
		in[records.ImportBatchSize+3].NationalID = in[0].NationalID
		rep, err := records.New(s, nil).Import(ctx, records.Rows(in))
		require.ErrorIs(t, err, records.ErrImportRejected)
		assert.Zero(t, rep.Imported)
		assert.Zero(t, count(t, m))
	})
}

func TestImportStopsAfterMaxErrors(t *testing.T) {
	s := memstore.New(nil)
	in := importInputs(4, records.MaxImportErrors+50)
	for i := range in {
		in[i].Nationality = "x"
	}
	rep, err := records.New(s, nil).Import(context.Background(), records.Rows(in))
	require.ErrorIs(t, err, records.ErrImportRejected)
	assert.Len(t, rep.Rejected, records.MaxImportErrors)
	assert.True(t, rep.Stopped)
	assert.Equal(t, records.MaxImportErrors+1, rep.Read)
	assert.Zero(t, count(t, s))
}

func TestRowErrorJSON(t *testing.T) {
	b, err := json.Marshal(records.ImportReport{Read: 3, Rejected: []records.RowError{
		{Index: 1, Err: records.ErrDuplicateNationalID},
		{Index: 2, Err: assert.AnError},
	}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"read":3,"imported":0,"rejected":[
		{"index":1,"code":"conflict","reason":"records.duplicate_national_id",
		 "message":{"ar":"يوجد ملف موظف برقم الهوية نفسه","en":"an employee file with this national ID already exists"}},
		{"index":2,"code":"internal","reason":"internal","message":{"ar":"خطأ داخلي","en":"internal error"}}]}`, string(b))
	re := records.RowError{Index: 4, Err: fault.ErrInvalidInput}
	assert.ErrorIs(t, re, fault.ErrInvalidInput)
	assert.Contains(t, re.Error(), "row 4")
}
