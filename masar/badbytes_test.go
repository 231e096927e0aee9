package masar_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/masar"
)

// Text no store holds alike (NUL bytes, invalid UTF-8, an oversized
// identifier) is refused as invalid before any store sees it, so memstore,
// SQLite and PostgreSQL answer the same and nothing changes.
func TestBadBytesAreInvalidOnEveryStore(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			w := newClient(t, st.open(t))
			before := w.fingerprint()

			huge := w.MOH.Specialist
			huge.Agency = strings.Repeat("م", 5<<20) // 10 MB
			_, err := w.Client.EmployeeFile(w.Ctx, huge, w.MOH.Emp.ID)
			assert.Equal(t, masar.Invalid, masar.ErrorCode(err), "a 10 MB agency")

			nul := w.MOH.Specialist
			nul.Agency = "moh\x00"
			_, err = w.Client.EmployeeFile(w.Ctx, nul, w.MOH.Emp.ID)
			assert.Equal(t, masar.Invalid, masar.ErrorCode(err), "a NUL in the agency")

			for name, mutate := range map[string]func(*masar.FileGrievanceInput){
				"nul subject":        func(in *masar.FileGrievanceInput) { in.Subject = "حسم\x00" },
				"bad utf-8 text":     func(in *masar.FileGrievanceInput) { in.Description = "\xff\xfe" },
				"nul decision":       func(in *masar.FileGrievanceInput) { in.Decision.Number = "1447\x00" },
				"oversized sub-subj": func(in *masar.FileGrievanceInput) { in.SubSubject = strings.Repeat("x", 1<<20) },
			} {
				in := w.grievanceInput(moh, grievance.KindDecision)
				mutate(&in)
				_, err := w.Client.FileGrievance(w.Ctx, w.MOH.Emp.Actor, in)
				assert.Equal(t, masar.Invalid, masar.ErrorCode(err), "%s: %v", name, err)
				assert.NotEmpty(t, masar.FieldMessages(err, masar.Arabic), name)
			}

			in := w.career(moh).Input()
			in.Name.AR.First = "سا\x00لم"
			_, err = w.Client.CreateEmployee(w.Ctx, w.MOH.Specialist, in)
			assert.Equal(t, masar.Invalid, masar.ErrorCode(err), "a NUL in a name")

			assert.Equal(t, before, w.fingerprint(), "nothing changed")
			failed := 0
			for _, e := range w.trail(audit.Filter{}) {
				if e.Outcome == audit.Failed && e.Code == string(masar.Invalid) {
					failed++
					assert.Less(t, len(e.ActorAgency), 300, "the trail holds no oversized agency")
				}
			}
			require.Equal(t, 7, failed, "every refusal is audited")
		})
	}
}
