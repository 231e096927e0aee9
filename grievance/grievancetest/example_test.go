package grievancetest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/grievance/grievancetest"
	"github.com/masarhr/masar-go/hijri"
)

// A service test files a valid grievance without spelling out every field:
// FileCommand dates the decision inside the filing window.
func ExampleFixture_FileCommand() {
	now := time.Date(2025, 7, 1, 10, 0, 0, 0, hijri.SaudiTime()) // 1447-01-06
	svc := grievance.New(memstore.New(nil), &grievance.Options{Now: func() time.Time { return now }})
	fx := grievancetest.NewFixture(1)

	cmd := fx.FileCommand(hijri.MustNew(1447, 1, 6))
	fmt.Println(cmd.Agency, cmd.Actor.Role, cmd.Decision.Date, cmd.Decision.LearntOn)
	g, err := svc.File(context.Background(), cmd)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.TrackingNumber, g.Status, g.Filer == cmd.Actor.NationalID)

	manager := fx.Staff(grievance.RoleHRManager)
	g, err = svc.StartReview(context.Background(), grievance.Command{ID: g.ID, Version: g.Version, Actor: manager})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Status)
	// Output:
	// AGY-001 filer 1446-12-15 1446-12-25
	// GRV-1447-000001 submitted true
	// under_review
}

// A store test creates grievances directly, as the Service would pass them.
func ExampleFixture_Grievance() {
	ctx := context.Background()
	store := memstore.New(nil)
	fx := grievancetest.NewFixture(1)
	at := time.Date(2025, 7, 1, 7, 0, 0, 0, time.UTC)

	for range 2 {
		g, err := store.CreateGrievance(ctx, fx.Grievance("AGY-001", 1447, at, hijri.MustNew(1447, 3, 8)))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(g.TrackingNumber, g.Status, g.Version, len(g.History))
	}
	// Output:
	// GRV-1447-000001 submitted 1 1
	// GRV-1447-000002 submitted 1 1
}
