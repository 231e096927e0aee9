package httpapi

import (
	"testing"
	"time"

	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records/recordstest"
)

// BenchmarkEncodeFile encodes an employee file with its Gregorian dates, as
// GET /v1/employees/{national_id}/file answers it: the HTTP layer's own
// share of a read.
func BenchmarkEncodeFile(b *testing.B) {
	bl := recordstest.NewEmployee(identitytest.NewGenerator(1))
	f := masar.File{Employee: bl.Employee("e1", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), History: bl.History()}
	rep := versioned(f, f.Employee.Version)
	rep.dated = true
	b.ReportAllocs()
	for b.Loop() {
		buf, err := encodeBody(rep)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(buf)))
	}
}
