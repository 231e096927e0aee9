package masar_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// Issue 13 item 7 through ImportEmployees, on every Store: a row for a
// person whose file is in another agency gets the answer CreateEmployee
// gives (ErrFileInOtherAgency: that a file exists elsewhere, not which
// agency), a row for a person on the importing agency's own file the plain
// duplicate; nothing is stored either way.
func TestImportEmployeesPersonOnFileElsewhere(t *testing.T) {
	for _, tg := range storeTargets() {
		t.Run(tg.name, func(t *testing.T) {
			w := newClient(t, tg.open(t))
			ctx := w.Ctx
			in := w.inputs(moe, 3)
			in[1].NationalID = w.MOH.Emp.ID // moh holds this person's file
			_, createErr := w.Client.CreateEmployee(ctx, w.MOE.Specialist, in[1])
			require.ErrorIs(t, createErr, masar.ErrFileInOtherAgency)

			before := w.fingerprint()
			rep, err := w.Client.ImportEmployees(ctx, w.MOE.Specialist, records.Rows(in))
			require.ErrorIs(t, err, records.ErrImportRejected)
			require.Len(t, rep.Rejected, 1)
			row := rep.Rejected[0]
			assert.Equal(t, 1, row.Index)
			require.ErrorIs(t, row.Err, masar.ErrFileInOtherAgency, "as CreateEmployee answers")
			assert.ErrorIs(t, row.Err, records.ErrDuplicateNationalID, "it refines the duplicate")
			assert.Equal(t, fault.ReasonOf(createErr), fault.ReasonOf(row.Err))
			assert.Equal(t, masar.ErrorCode(createErr), masar.ErrorCode(row.Err))
			for _, lang := range []masar.Lang{masar.Arabic, masar.English} {
				msg := masar.ErrorMessage(row.Err, lang)
				for _, leak := range []string{moh, "Health", "الصحة", w.MOH.Emp.File.ID, w.MOH.Emp.File.Name.AR.First} {
					assert.NotContains(t, msg, leak, "the answer names nothing of the file")
				}
			}
			wire, err := json.Marshal(rep)
			require.NoError(t, err)
			assert.Contains(t, string(wire), `"reason":"masar.file_in_other_agency"`)
			assert.NotContains(t, string(wire), w.MOH.Emp.ID.String(), "no national ID on the wire")
			assert.Zero(t, rep.Imported)
			assert.Equal(t, before, w.fingerprint(), "nothing stored")
			for _, x := range []int{0, 2} {
				_, err := w.Store.GetEmployeeByNationalID(ctx, in[x].NationalID)
				assert.ErrorIs(t, err, records.ErrNotFound)
			}

			// The person's own agency: the plain duplicate, as CreateEmployee.
			own := w.inputs(moh, 2)
			own[0] = w.MOH.Emp.Input
			rep, err = w.Client.ImportEmployees(ctx, w.MOH.Specialist, records.Rows(own))
			require.ErrorIs(t, err, records.ErrImportRejected)
			require.Len(t, rep.Rejected, 1)
			assert.Equal(t, 0, rep.Rejected[0].Index)
			assert.ErrorIs(t, rep.Rejected[0].Err, records.ErrDuplicateNationalID)
			assert.NotErrorIs(t, rep.Rejected[0].Err, masar.ErrFileInOtherAgency)
			_, createErr = w.Client.CreateEmployee(ctx, w.MOH.Specialist, w.MOH.Emp.Input)
			assert.Equal(t, fault.ReasonOf(createErr), fault.ReasonOf(rep.Rejected[0].Err))
			assert.Equal(t, before, w.fingerprint(), "nothing stored")
		})
	}
}
