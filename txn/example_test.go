package txn_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/txn"
)

func Example() {
	s := memstore.New(nil)
	var tx txn.Transactor = s
	ctx := context.Background()
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	err := tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.AppendAudit(ctx, audit.Entry{ID: "e1", At: at, Action: "demo", Outcome: audit.Succeeded}); err != nil {
			return err
		}
		return errors.New("changed my mind")
	})
	fmt.Println(err)
	es, err := s.ListAudit(ctx, audit.Filter{Action: "demo"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(es), "entries kept")
	// Output:
	// changed my mind
	// 0 entries kept
}
