// Package outbox is the transactional outbox of masar-go: domain events
// and deliveries to other systems (the pension agency's end-of-service
// package) are appended to a Store in the same transaction as the change
// they announce, and a Relay delivers them to a Sink after that
// transaction commits.
//
// The pattern: a use case changes its aggregates and calls Store.Append
// with the context of its transaction (txn.Transactor's InTx), so that the
// messages exist if and only if the change commits: no event of a change
// that was rolled back, no change whose event is lost. A Relay per topic
// (TopicEvents, TopicPension) claims the due messages (Store.Claim, which
// leases them), hands them to its Sink (adapters/eventbus publishes
// through gocloud.dev/pubsub) and records the outcome: MarkDelivered, or
// Fail with the time of the next attempt from its Backoff. A host inspects
// what is waiting with Store.List (Filter.Pending) and redelivers with
// Store.Replay; Store.Prune removes what was delivered long ago.
//
// Guarantees:
//
//   - At least once. A message is delivered until its Sink accepts it; a
//     crash after the Sink accepted it and before MarkDelivered recorded it
//     delivers it again, with the same Message.ID, once its lease lapses.
//     Consumers deduplicate on the ID (it is the event ID of Event, and the
//     event_id metadata of eventbus).
//   - Ordered per aggregate. Messages of one topic and Aggregate are
//     delivered in Seq order, which is their commit order (the writes of
//     an aggregate are serialised by its version): a message is held back
//     while an earlier one of its aggregate is pending and not due.
//     Messages of different aggregates are delivered in parallel and in no
//     particular order; one aggregate whose deliveries fail blocks no other.
//   - Crash safe. Every state is in the Store; a relay that stops leaves
//     leased messages that the next claim takes once the lease lapses.
//
// The conformance suite of Store is outboxtest.Run; adapters/memstore and
// adapters/sqlstore implement Store over the same transactions as the
// domain stores.
//
// # Errors
//
// Store methods return errors matching ErrNotFound (a message ID or a
// list cursor, ErrCursorNotFound, that names nothing) and ErrConflict (an
// ID that is taken), or ctx's error; a method that returns an error has
// changed nothing. A Sink's error is no error of the Relay's: the message
// is recorded as failed (its LastError) and tried again after its
// backoff. Relay.Drain returns the Store's errors and ctx's.
//
// # Concurrency
//
// Stores and Relays are safe for concurrent use. One Relay per topic at a
// time is the simple deployment; several (in one process or many) are
// safe too, because Claim leases what it returns and concurrent claims
// never return one message twice. A lease (RelayOptions.Lease) must be
// longer than a batch takes to deliver, or a message whose lease lapsed
// mid-delivery may be delivered by two relays at once (still at least
// once, and still deduplicated by ID, but then not in order).
//
// # Time
//
// RelayOptions.Now (default time.Now) is read once per claim, per
// delivery and per failure; Store instants round-trip at microsecond
// precision in UTC. A message is due when its NextAttemptAt is not after
// the claim's now: on Append, its CreatedAt (or the NextAttemptAt given);
// while claimed, now+lease; after a failure, now+Backoff.Delay(attempts).
package outbox
