package memstore_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
)

// A memstore.Store is one in-memory database implementing every Store
// contract; InTx makes several calls one atomic unit.
func ExampleStore_InTx() {
	s := memstore.New(nil)
	ctx := context.Background()
	at := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)

	err := s.InTx(ctx, func(ctx context.Context) error {
		if err := s.AppendAudit(ctx, audit.Entry{ID: "1", At: at, Action: "records.view_file", Outcome: audit.Succeeded}); err != nil {
			return err
		}
		return errors.New("something later failed")
	})
	fmt.Println("transaction:", err)

	entries, err := s.ListAudit(ctx, audit.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("entries kept:", len(entries))
	// Output:
	// transaction: something later failed
	// entries kept: 0
}
