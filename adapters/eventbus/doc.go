// Package eventbus publishes the outbox's domain events (outbox.TopicEvents)
// through gocloud.dev/pubsub: an outbox.Sink for an outbox.Relay, so that
// every committed event reaches the bus at least once, in commit order per
// aggregate.
//
// Each event is one pubsub message (Message): the outbox message's
// payload (an outbox.Event in JSON) as the body, and metadata naming it:
// event_id (MetaEventID, stable across redeliveries: consumers deduplicate
// on it), kind, aggregate and seq (increasing within an aggregate).
//
// The bus is any gocloud.dev/pubsub topic. NewSink publishes to one the
// host opened; NewDialSink opens its topic itself and opens it again after
// a failed publish, so that a cut connection heals on the relay's retry.
// The default is an in-memory topic (OpenMem, gocloud.dev/pubsub/mempubsub)
// for a single process and tests; RabbitMQ goes through
// gocloud.dev/pubsub/rabbitpubsub (Rabbit, whose Open dials a connection
// for each topic; the exchange must exist: DeclareFanout):
//
//	rabbit := &eventbus.Rabbit{URL: "amqp://guest:guest@127.0.0.1:5672/", Exchange: "masar.events"}
//	defer rabbit.Close()
//	sink := eventbus.NewDialSink(rabbit.Open)
//	relay := outbox.NewRelay(store, outbox.TopicEvents, sink, nil)
//	go relay.Run(ctx)
//
// # Errors
//
// A publish that fails returns an error wrapping the pubsub error (with
// its gcerrors code); the Relay records it on the message and retries it
// after its backoff. A publish whose context is done returns ctx's error.
//
// # Concurrency
//
// Sinks are safe for concurrent use; the Relay publishes up to
// RelayOptions.Parallel events at once, which pubsub batches (on RabbitMQ,
// one batch of publisher confirms at a time per topic).
package eventbus
