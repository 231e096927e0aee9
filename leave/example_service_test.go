package leave_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/leave/leavetest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// An employee requests an annual leave, HR approves it, and it becomes a
// history event; a medical report from Seha becomes a sick leave.
func ExampleService() {
	ctx := context.Background()
	store := memstore.New(nil)
	now := func() time.Time { return hijri.MustNew(1447, 3, 1).Time().Add(9 * time.Hour) }
	recs := records.New(store, &records.Options{Now: now})
	svc := leave.New(store, recs, &leave.Options{Now: now})
	gen := identitytest.NewGenerator(3)
	e, err := recs.CreateEmployee(ctx, recordstest.NewBuilder(gen).Appoint(hijri.MustNew(1445, 1, 1), 6).Input())
	if err != nil {
		log.Fatal(err)
	}

	// Ten calendar days from 1447-04-01, National Day (23 September 2025):
	// the holiday is not counted (Reg 160), so the leave takes 9 days of
	// the 108 begun (three service years).
	l, err := svc.Request(ctx, leave.RequestInput{EmployeeID: e.ID, Kind: leave.Annual,
		From: hijri.MustNew(1447, 4, 1), To: hijri.MustNew(1447, 4, 10)})
	if err != nil {
		log.Fatal(err)
	}
	l, err = svc.Approve(ctx, leave.DecisionInput{ID: l.ID, Version: l.Version, By: gen.Citizen()})
	if err != nil {
		log.Fatal(err)
	}
	st, err := svc.Statement(ctx, e.ID, hijri.MustNew(1447, 4, 1), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(l.Status, l.Days, "days; available", st.Available)

	seha := leavetest.NewSeha("")
	seha.Issue(leave.Report{Patient: e.NationalID, From: hijri.MustNew(1447, 2, 10), To: hijri.MustNew(1447, 2, 12)})
	res, err := svc.Sync(ctx, seha, "", 10)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Reports[0].Report.Number, res.Reports[0].Status)
	pay, err := svc.Pay(ctx, res.Reports[0].LeaveID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(pay.Days), "days at", pay.Days[0].Pay, "pay")
	// Output:
	// approved 9 days; available 99
	// SEHA-1 applied
	// 3 days at 1 pay
}
