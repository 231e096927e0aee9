package eventbus_test

import (
	"context"
	"fmt"
	"log"
	"slices"
	"time"

	"gocloud.dev/pubsub/mempubsub"

	"github.com/masarhr/masar-go/adapters/eventbus"
	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/outbox"
)

// A relay publishes the outbox's events to an in-memory topic; a consumer
// reads each with its event ID, kind, aggregate and seq.
func ExampleNewSink() {
	ctx := context.Background()
	topic := eventbus.OpenMem()
	defer topic.Shutdown(ctx)
	sub := mempubsub.NewSubscription(topic, time.Minute)
	defer sub.Shutdown(ctx)

	store := memstore.New(nil)
	at := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	_, err := store.Append(ctx,
		outbox.Message{ID: "ev-1", Topic: outbox.TopicEvents, Kind: "grievance.filed", Aggregate: "grievance:3",
			Payload: []byte(`{"id":"ev-1","kind":"grievance.filed"}`), CreatedAt: at},
		outbox.Message{ID: "ev-2", Topic: outbox.TopicEvents, Kind: "grievance.answered", Aggregate: "grievance:3",
			Payload: []byte(`{"id":"ev-2","kind":"grievance.answered"}`), CreatedAt: at})
	if err != nil {
		log.Fatal(err)
	}
	relay := outbox.NewRelay(store, outbox.TopicEvents, eventbus.NewSink(topic), nil)
	n, err := relay.Drain(ctx)
	fmt.Println("published", n, err)

	// An in-memory subscription hands messages out in no order; a consumer
	// orders an aggregate's events by seq, and deduplicates on event_id.
	var lines []string
	for range n {
		m, err := sub.Receive(ctx)
		if err != nil {
			log.Fatal(err)
		}
		md := m.Metadata
		lines = append(lines, fmt.Sprint(md[eventbus.MetaSeq], " ", md[eventbus.MetaEventID], " ", md[eventbus.MetaKind], " ",
			md[eventbus.MetaAggregate], " ", string(m.Body)))
		m.Ack()
	}
	slices.Sort(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	// Output:
	// published 2 <nil>
	// 1 ev-1 grievance.filed grievance:3 {"id":"ev-1","kind":"grievance.filed"}
	// 2 ev-2 grievance.answered grievance:3 {"id":"ev-2","kind":"grievance.answered"}
}
