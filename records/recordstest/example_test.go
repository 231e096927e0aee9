package recordstest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// A service test starts from an employee with a realistic career and adds
// what it is about: here an unpaid leave, which promotion service excludes.
func ExampleNewEmployee() {
	ctx := context.Background()
	svc := records.New(memstore.New(nil), nil)
	b := recordstest.NewEmployee(identitytest.NewGenerator(1)).
		Leave(records.ExceptionalLeave, hijri.MustNew(1446, 3, 1), hijri.MustNew(1446, 5, 29))

	e, err := svc.CreateEmployee(ctx, b.Input())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(e.NationalID == b.NationalID(), e.Job.Agency.ID, "rank", e.Job.Rank, "events", len(b.History()))

	d, err := svc.ServiceDuration(ctx, e.ID, records.PurposePromotion, hijri.MustNew(1447, 1, 1))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("from", d.Start, "excluded", len(d.Excluded), "counted", d.Period)
	// Output:
	// true moe rank 8 events 8
	// from 1432-03-15 excluded 1 counted 14y 6m 16d
}

// A store test builds a file and its history from a blank Builder, in the
// forms the Store takes.
func ExampleNewBuilder() {
	b := recordstest.NewBuilder(identitytest.NewGenerator(2)).
		Appoint(hijri.MustNew(1440, 1, 1), 5).
		Transfer(hijri.MustNew(1443, 7, 1), recordstest.MinistryOfHealth).
		EndService(hijri.MustNew(1446, 12, 29), records.EndResignation)

	for _, ev := range b.History() {
		fmt.Println(ev.Kind, ev.Start)
	}
	e := b.Employee("emp-1", time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC))
	fmt.Println(e.ID, e.Version, e.Job.Agency.ID, e.Job.Rank, "ended", e.ServiceEnd)
	// Output:
	// appointment 1440-01-01
	// transfer 1443-07-01
	// end_of_service 1446-12-29
	// emp-1 1 moh 5 ended 1446-12-29
}
