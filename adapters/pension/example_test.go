package pension_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"time"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/adapters/pension"
	"github.com/masarhr/masar-go/adapters/pension/pensiontest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

// Deliver an end-of-service package to the (fake) pension agency, twice:
// the second delivery, as a retry after a lost answer would be, reports
// the package as received before, with the same receipt.
func Example() {
	agency := pensiontest.NewServer(&pensiontest.Options{Token: "agency-token"})
	defer agency.Close()

	client, err := pension.New(agency.URL, &pension.Options{Token: "agency-token", Timeout: 5 * time.Second})
	if err != nil {
		log.Fatal(err)
	}
	p := separation.Package{
		ID:         "case-2025-000123",
		EmployeeID: "emp-8841",
		NationalID: identitytest.NewGenerator(1).Citizen(),
		Name:       records.Names{AR: records.PersonName{First: "سعد", Family: "الحربي"}},
		Cause:      separation.CauseStatutoryAge,
		EndReason:  records.EndRetirement,
		LastDay:    hijri.MustNew(1447, 6, 29),
		LastSalary: decimal.RequireFromString("14520"),
	}
	ctx := context.Background()

	first, err := client.Deliver(ctx, p)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("first:", first.Reference, "duplicate:", first.Duplicate)

	again, err := client.Deliver(ctx, p)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("again:", again.Reference, "duplicate:", again.Duplicate)
	fmt.Println("packages held:", len(agency.Packages()))
	// Output:
	// first: PPA-00000001 duplicate: false
	// again: PPA-00000001 duplicate: true
	// packages held: 1
}

// A failure tells whether retrying can help.
func ExampleTemporary() {
	agency := pensiontest.NewServer(&pensiontest.Options{RetryAfter: 30 * time.Second})
	defer agency.Close()
	client, err := pension.New(agency.URL, nil)
	if err != nil {
		log.Fatal(err)
	}
	agency.FailNext(1, 503)
	_, err = client.Deliver(context.Background(), separation.Package{
		ID: "case-2025-000124", NationalID: identitytest.NewGenerator(2).Citizen(),
		Cause: separation.CauseResignation, LastDay: hijri.MustNew(1447, 7, 15),
	})
	after, _ := pension.RetryAfter(err)
	fmt.Println("temporary:", pension.Temporary(err), "retry after:", after)
	// Output:
	// temporary: true retry after: 30s
}

// The sink of the outbox's pension topic: a relay hands it the messages
// written with the end of service, and records the outcome it returns.
func Example_sink() {
	agency := pensiontest.NewServer(nil)
	defer agency.Close()
	client, err := pension.New(agency.URL, nil)
	if err != nil {
		log.Fatal(err)
	}
	sink := separation.HandoverSink(client)

	payload, err := json.Marshal(separation.Package{
		ID: "case-2025-000125", NationalID: identitytest.NewGenerator(3).Citizen(),
		Cause: separation.CauseDeath, LastDay: hijri.MustNew(1447, 5, 2),
	})
	if err != nil {
		log.Fatal(err)
	}
	m := outbox.Message{ID: "evt-1", Topic: outbox.TopicPension, Payload: payload}
	for range 2 { // delivered again after a crash before the relay recorded it
		outcome, err := sink.Deliver(context.Background(), m)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(outcome)
	}
	// Output:
	// PPA-00000001
	// PPA-00000001 (duplicate)
}
