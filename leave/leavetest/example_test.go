package leavetest_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/leave/leavetest"
)

// A test issues medical reports on the fake Seha and reads them back a
// page at a time, as leave.Service.Sync does; FailNext stands for the
// service being down once.
func ExampleSeha() {
	ctx := context.Background()
	patient := identitytest.NewGenerator(1).Citizen()
	seha := leavetest.NewSeha("")
	r := seha.Issue(leave.Report{Patient: patient, From: hijri.MustNew(1447, 2, 10), To: hijri.MustNew(1447, 2, 12)})
	fmt.Println(r.Number, r.Days, r.Category, r.Certifier)
	seha.Issue(leave.Report{Patient: patient, From: hijri.MustNew(1447, 3, 1), To: hijri.MustNew(1447, 3, 1)})

	seha.FailNext(errors.New("seha unavailable"))
	if _, _, err := seha.Reports(ctx, "", 1); err != nil {
		fmt.Println("error:", err)
	}
	page, next, err := seha.Reports(ctx, "", 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(page), page[0].Number, next)
	page, next, err = seha.Reports(ctx, next, 10)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(page), page[0].Number, next)
	// Output:
	// SEHA-1 3 ordinary doctor
	// error: seha unavailable
	// 1 SEHA-1 1
	// 1 SEHA-2 2
}
