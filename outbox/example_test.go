package outbox_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/outbox"
)

// A change appends its events in its transaction; after the commit a Relay
// delivers them, each aggregate's in order. A delivery that fails is tried
// again after its backoff.
func ExampleRelay() {
	ctx := context.Background()
	store := memstore.New(nil)
	now := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	err := store.InTx(ctx, func(ctx context.Context) error {
		// … the change itself, then its events:
		_, err := store.Append(ctx,
			outbox.Message{ID: "ev-1", Topic: outbox.TopicEvents, Kind: "records.correction_decided", Aggregate: "correction:7", CreatedAt: now},
			outbox.Message{ID: "ev-2", Topic: outbox.TopicEvents, Kind: "grievance.filed", Aggregate: "grievance:3", CreatedAt: now},
			outbox.Message{ID: "ev-3", Topic: outbox.TopicEvents, Kind: "records.correction_applied", Aggregate: "correction:7", CreatedAt: now})
		return err
	})
	if err != nil {
		log.Fatal(err)
	}

	down := true
	sink := outbox.SinkFunc(func(ctx context.Context, m outbox.Message) (string, error) {
		if m.Aggregate == "grievance:3" && down {
			return "", errors.New("bus unavailable")
		}
		fmt.Println("delivered", m.ID, m.Kind)
		return "", nil
	})
	relay := outbox.NewRelay(store, outbox.TopicEvents, sink, &outbox.RelayOptions{
		Now:      func() time.Time { return now },
		Parallel: 1,
		Rand:     func() float64 { return 0.5 }, // no jitter
	})
	n, err := relay.Drain(ctx)
	fmt.Println(n, err)
	m, _ := store.Get(ctx, "ev-2")
	fmt.Println("ev-2:", m.Attempts, m.LastError, m.NextAttemptAt.Sub(now))

	down, now = false, now.Add(time.Second)
	n, err = relay.Drain(ctx)
	fmt.Println(n, err)
	pending, _ := store.List(ctx, outbox.Filter{Topic: outbox.TopicEvents, Pending: true})
	fmt.Println("pending:", len(pending))
	// Output:
	// delivered ev-1 records.correction_decided
	// delivered ev-3 records.correction_applied
	// 2 <nil>
	// ev-2: 1 bus unavailable 1s
	// delivered ev-2 grievance.filed
	// 1 <nil>
	// pending: 0
}

// The n-th failed attempt waits Base·Factorⁿ⁻¹, at most Max, spread by
// ±Jitter.
func ExampleBackoff_Delay() {
	b := outbox.DefaultBackoff
	for _, n := range []int{1, 2, 3, 10, 20} {
		fmt.Println(n, b.Delay(n, 0.5), b.Delay(n, 0), b.Delay(n, 0.999))
	}
	// Output:
	// 1 1s 800ms 1.1996s
	// 2 2s 1.6s 2.3992s
	// 3 4s 3.2s 4.7984s
	// 10 8m32s 6m49.6s 10m0s
	// 20 10m0s 10m0s 10m0s
}
