package separationtest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/separation"
	"github.com/masarhr/masar-go/separation/separationtest"
)

// A test builds a case and retirement dates with a Fixture, stores them,
// and reads the agency's forecast.
func ExampleFixture() {
	ctx := context.Background()
	s := memstore.New(nil)
	f := separationtest.NewFixture(1)
	at := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)

	c, err := s.CreateCase(ctx, f.Case("emp-1", separation.CauseResignation, hijri.MustNew(1447, 1, 10), at))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.ID, c.State, c.Version)
	_, err = s.CreateCase(ctx, f.Case("emp-1", separation.CauseEarlyRetirement, hijri.MustNew(1447, 1, 11), at))
	fmt.Println(errors.Is(err, separation.ErrCaseOpen))

	err = s.PutRetirements(ctx, []separation.Retirement{
		f.Retirement("emp-2", hijri.MustNew(1447, 9, 1), at),
		f.Retirement("emp-3", hijri.MustNew(1447, 4, 1), at),
	})
	if err != nil {
		log.Fatal(err)
	}
	rs, err := s.ListRetirements(ctx, separation.RetirementFilter{AgencyID: f.Agency,
		From: hijri.MustNew(1447, 1, 1), To: hijri.MustNew(1447, 12, 29)})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rs {
		fmt.Println(r.EmployeeID, r.LastDay, r.Date, r.Age.Years, r.Age.Calendar)
	}
	// Output:
	// sep-0001 submitted 1
	// true
	// emp-3 1447-04-01 1447-04-02 60 hijri
	// emp-2 1447-09-01 1447-09-02 60 hijri
}
