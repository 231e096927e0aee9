package separationtest

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/separation"
)

// Fixture builds values as a separation.Store holds them. The same seed
// gives the same national IDs. It is safe for concurrent use.
type Fixture struct {
	// IDs generates the employees' and staff's national IDs.
	IDs *identitytest.Generator `json:"-"`
	// Agency is the agency of the cases and retirements; default "AGY-001".
	Agency string `json:"-"`

	n atomic.Int64
}

// NewFixture returns a Fixture whose IDs come from identitytest.NewGenerator(seed).
func NewFixture(seed uint64) *Fixture {
	return &Fixture{IDs: identitytest.NewGenerator(seed), Agency: "AGY-001"}
}

// Case returns a submitted case of cause c of employeeID filed on filed and
// created at, with a new ID "sep-<n>".
func (f *Fixture) Case(employeeID string, c separation.Cause, filed hijri.Date, at time.Time) separation.Case {
	n := f.n.Add(1)
	return separation.Case{
		ID: fmt.Sprintf("sep-%04d", n), EmployeeID: employeeID, NationalID: f.IDs.Citizen(), AgencyID: f.Agency,
		Cause: c, State: separation.Submitted, Filed: filed, Note: "طلب للاختبار",
		OpenedBy: f.IDs.Citizen(), CreatedAt: at, UpdatedAt: at,
	}
}

// Retirement returns the statutory retirement (legacy regime, 60 Hijri
// years, no extension) of employeeID whose last day of service is lastDay,
// computed at.
func (f *Fixture) Retirement(employeeID string, lastDay hijri.Date, at time.Time) separation.Retirement {
	date, err := lastDay.AddDays(1)
	if err != nil {
		panic(err)
	}
	birth, err := hijri.New(date.Year-60, int(date.Month), date.Day)
	if err != nil { // the 30th of a 29-day month
		birth = hijri.MustNew(date.Year-60, int(date.Month), 29)
	}
	return separation.Retirement{
		EmployeeID: employeeID, NationalID: f.IDs.Citizen(), AgencyID: f.Agency, BirthDate: birth,
		Regime: separation.RegimeLegacy, Age: separation.Age{Years: 60, Calendar: separation.HijriYears},
		Date: date, StatutoryLastDay: lastDay, LastDay: lastDay, ComputedAt: at,
	}
}
