package masar_test

import (
	"testing"

	"github.com/masarhr/masar-go/masar"
)

// BenchmarkEmployeeFile measures one facade read of an employee file: the
// transaction, the file and its history, the authorization check and the
// audit entry appended with it. The trail grows by one entry per operation.
func BenchmarkEmployeeFile(b *testing.B) {
	for _, st := range storeTargets() {
		b.Run(st.name, func(b *testing.B) {
			w := newClient(b, st.open(b))
			run := func(b *testing.B, a masar.Actor) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := w.Client.EmployeeFile(w.Ctx, a, w.MOH.Emp.ID); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.Run("employee", func(b *testing.B) { run(b, w.MOH.Emp.Actor) })
			b.Run("hr", func(b *testing.B) { run(b, w.MOH.Specialist) })
		})
	}
}
