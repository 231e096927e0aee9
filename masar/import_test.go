package masar_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// inputs returns n new careers whose current job is in agency code.
func (w *world) inputs(code string, n int) []records.NewEmployee {
	out := make([]records.NewEmployee, n)
	for i := range out {
		out[i] = w.career(code).Input()
	}
	return out
}

func TestImportEmployees(t *testing.T) {
	t.Run("OwnAgency", func(t *testing.T) {
		w := newClient(t, memstore.New(nil))
		in := w.inputs(moh, 30)
		var rep records.ImportReport
		e := w.oneEntry(func() {
			var err error
			rep, err = w.Client.ImportEmployees(w.Ctx, w.MOH.Specialist, records.Rows(in))
			require.NoError(t, err)
		})
		assert.Equal(t, records.ImportReport{Read: 30, Imported: 30}, rep)
		for _, x := range []int{0, 29} {
			f := w.file(in[x].NationalID)
			assert.Equal(t, moh, f.Job.Agency.ID)
		}
		assert.Equal(t, string(masar.UseImportEmployees), e.Action)
		assert.Equal(t, audit.Succeeded, e.Outcome)
		assert.Equal(t, moh, e.Agency)
		assert.Equal(t, "import", e.Resource)
		assert.Empty(t, e.Subject, "one entry for the batch, about no one person")
		assert.Equal(t, []audit.Change{{Field: "read", New: "30"}, {Field: "imported", New: "30"}}, e.Changes)
		w.assertNoClearIDs()
	})

	t.Run("OtherAgencyDenied", func(t *testing.T) {
		w := newClient(t, memstore.New(nil))
		in := append(w.inputs(moh, 5), w.inputs(moe, 1)...)
		e := w.oneEntry(func() {
			rep, err := w.Client.ImportEmployees(w.Ctx, w.MOH.Manager, records.Rows(in))
			require.ErrorIs(t, err, masar.ErrDenied)
			var re records.RowError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, 5, re.Index)
			assert.Zero(t, rep.Imported)
		})
		assert.Equal(t, audit.Denied, e.Outcome)
		assert.Equal(t, moe, e.Agency, "the entry names the agency refused")
		for _, x := range in {
			_, err := w.Store.GetEmployeeByNationalID(w.Ctx, x.NationalID)
			assert.ErrorIs(t, err, records.ErrNotFound, "nothing is stored")
		}
	})

	t.Run("EmployeeDenied", func(t *testing.T) {
		w := newClient(t, memstore.New(nil))
		e := w.oneEntry(func() {
			_, err := w.Client.ImportEmployees(w.Ctx, w.MOH.Emp.Actor, records.Rows(w.inputs(moh, 2)))
			require.ErrorIs(t, err, masar.ErrDenied)
		})
		assert.Equal(t, audit.Denied, e.Outcome)
	})

	t.Run("OwnFileDenied", func(t *testing.T) {
		w := newClient(t, memstore.New(nil))
		in := w.inputs(moh, 1)
		in[0].NationalID = w.MOH.Specialist.NationalID
		_, err := w.Client.ImportEmployees(w.Ctx, w.MOH.Specialist, records.Rows(in))
		require.ErrorIs(t, err, masar.ErrDenied)
	})

	t.Run("RejectedRowsAudited", func(t *testing.T) {
		w := newClient(t, memstore.New(nil))
		in := w.inputs(moh, 4)
		in[2].Nationality = "Saudi"
		in[3].NationalID = w.MOH.Emp.ID // has a file already
		var rep records.ImportReport
		e := w.oneEntry(func() {
			var err error
			rep, err = w.Client.ImportEmployees(w.Ctx, w.MOH.Specialist, records.Rows(in))
			require.ErrorIs(t, err, records.ErrImportRejected)
		})
		require.Len(t, rep.Rejected, 1, "the duplicate is not checked against stored files after the first refusal")
		assert.Equal(t, 2, rep.Rejected[0].Index)
		assert.Equal(t, audit.Failed, e.Outcome)
		assert.Equal(t, "invalid", e.Code)
		_, err := w.Store.GetEmployeeByNationalID(w.Ctx, in[0].NationalID)
		assert.ErrorIs(t, err, records.ErrNotFound, "nothing is stored")
	})
}
