package audit_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
)

func Example() {
	key := []byte("host audit key")
	trail := memstore.New(nil)
	ctx := context.Background()

	err := trail.AppendAudit(ctx, audit.Entry{
		ID: "1", At: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		Actor: audit.NewRef(key, "2000000006"), ActorMasked: "2*******06",
		Action:  "records.approve_correction",
		Subject: audit.NewRef(key, "1000000008"), SubjectMasked: "1*******08",
		Outcome: audit.Succeeded,
		Changes: []audit.Change{{Field: "name.ar.first", Old: "عبدالله", New: "عبد الله"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	// An auditor searches by the person's Ref, never by the number itself.
	entries, err := trail.ListAudit(ctx, audit.Filter{Subject: audit.NewRef(key, "1000000008")})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range entries {
		fmt.Println(e.Action, e.SubjectMasked, e.Outcome, e.Changes[0].Old, "→", e.Changes[0].New)
	}
	// Output:
	// records.approve_correction 1*******08 succeeded عبدالله → عبد الله
}
