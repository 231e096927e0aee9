package grievance_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

// The last day to grieve a decision learnt of on Friday 1446-08-29
// (2025-02-28): 60 days later is 1446-11-01, a Tuesday, a working day.
// A decision learnt of on 1446-02-01 gives a Friday, moved to Sunday.
func ExampleDeadline() {
	for _, learnt := range []hijri.Date{hijri.MustNew(1446, 8, 29), hijri.MustNew(1446, 2, 1)} {
		last, err := grievance.Deadline(learnt, 60, grievance.DefaultCalendar())
		if err != nil {
			log.Fatal(err)
		}
		y, m, d := last.Gregorian()
		fmt.Printf("learnt %s: file by %s (%s %d-%02d-%02d)\n", learnt, last, last.Weekday(), y, m, d)
	}
	// Output:
	// learnt 1446-08-29: file by 1446-11-01 (Tuesday 2025-04-29)
	// learnt 1446-02-01: file by 1446-04-03 (Sunday 2024-10-06)
}

// Eid holidays, as the host configures them, extend a deadline too.
func ExampleHolidays() {
	eid := grievance.Holidays(nil,
		hijri.MustNew(1446, 10, 1), hijri.MustNew(1446, 10, 2), hijri.MustNew(1446, 10, 3),
		hijri.MustNew(1446, 10, 4), hijri.MustNew(1446, 10, 5))
	last, err := grievance.Deadline(hijri.MustNew(1446, 7, 29), 60, eid)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(last)
	// Output: 1446-10-08
}

func ExampleParseTrackingNumber() {
	n, err := grievance.ParseTrackingNumber(" grv-١٤٤٧-٠٠٠١٢٣ ")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n, n.Year, n.Seq)
	// Output: GRV-1447-000123 1447 123
}

// Filing a grievance and answering it, on the in-memory store.
func ExampleService() {
	ctx := context.Background()
	now := time.Date(2025, 7, 1, 10, 0, 0, 0, hijri.SaudiTime()) // 1447-01-06
	svc := grievance.New(memstore.New(nil), &grievance.Options{Now: func() time.Time { return now }})

	filer := grievance.Actor{NationalID: identity.MustParseNationalID("1000000008"), Role: grievance.RoleFiler}
	g, err := svc.File(ctx, grievance.FileCommand{
		Actor:       filer,
		Eligibility: identity.Decision{Service: identity.Grievances, Allowed: true}, // identity.Check's decision
		Kind:        grievance.KindDecision,
		Agency:      "MOE",
		Decision: grievance.Decision{Number: "4471/ق", Date: hijri.MustNew(1446, 12, 20),
			LearntOn: hijri.MustNew(1446, 12, 25)},
		Subject:     "نقل",
		Description: "أتظلم من قرار نقلي إلى منطقة أخرى.",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.TrackingNumber, g.Status, "answer due", g.AnswerDue)

	manager := grievance.Actor{NationalID: identity.MustParseNationalID("2000000006"), Role: grievance.RoleHRManager, Agency: "MOE"}
	if g, err = svc.StartReview(ctx, grievance.Command{ID: g.ID, Version: g.Version, Actor: manager}); err != nil {
		log.Fatal(err)
	}
	g, err = svc.Answer(ctx, grievance.AnswerCommand{
		Command:  grievance.Command{ID: g.ID, Version: g.Version, Actor: manager},
		Outcome:  grievance.OutcomeRejected,
		Response: "صدر القرار وفق حاجة العمل.",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Status, g.Outcome, "escalate by", g.EscalationDue)

	// Only the filer may withdraw, and not after an answer.
	_, err = svc.Withdraw(ctx, grievance.Command{ID: g.ID, Actor: filer})
	fmt.Println(err)
	// Output:
	// GRV-1447-000001 submitted answer due 1447-03-08
	// answered rejected escalate by 1447-03-08
	// cannot withdraw a grievance that is answered
}
