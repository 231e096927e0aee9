package outbox

import (
	"context"
	"time"

	"github.com/masarhr/masar-go/fault"
)

// The topics the SDK writes.
const (
	// TopicEvents carries the domain events of every service, published
	// to the host's event bus (gocloud.dev/pubsub).
	TopicEvents = "events"
	// TopicPension carries the end-of-service packages handed over to
	// the pension agency.
	TopicPension = "pension.handover"
)

// Message is one domain event, or one delivery, waiting in the outbox. It is
// written in the same transaction as the change it announces, and delivered
// after that transaction commits, at least once.
type Message struct {
	// ID is the stable event ID consumers deduplicate on.
	ID string `json:"id"`
	// Topic names the sink the message goes to (TopicEvents, TopicPension).
	Topic string `json:"topic"`
	// Kind is the event's type, e.g. "records.correction_decided".
	Kind string `json:"kind"`
	// Aggregate names what the event is about, e.g. "correction:<id>":
	// messages of one Topic and Aggregate are delivered in Seq order.
	Aggregate string `json:"aggregate"`
	// Seq is assigned by the Store on Append: increasing, so that within
	// an aggregate (whose writes are serialised by its version) it is the
	// order of the commits.
	Seq int64 `json:"seq"`
	// Payload is the message's body (JSON).
	Payload []byte `json:"payload"`
	// CreatedAt is when the change was made.
	CreatedAt time.Time `json:"created_at"`
	// Attempts counts deliveries tried (claims).
	Attempts int `json:"attempts"`
	// NextAttemptAt is when the message may be tried (again).
	NextAttemptAt time.Time `json:"next_attempt_at"`
	// LastError is the last failed attempt's error.
	LastError string `json:"last_error,omitempty"`
	// DeliveredAt is when the sink accepted it; zero while pending.
	DeliveredAt time.Time `json:"delivered_at,omitzero"`
	// Outcome is what the sink answered (a receipt's reference).
	Outcome string `json:"outcome,omitempty"`
}

// Pending reports whether m is not delivered yet.
func (m Message) Pending() bool { return m.DeliveredAt.IsZero() }

// Clone returns a deep copy of m.
func (m Message) Clone() Message {
	if m.Payload != nil {
		m.Payload = append([]byte(nil), m.Payload...)
	}
	return m
}

// Delivery records a message the sink accepted.
type Delivery struct {
	// ID is the delivered message's.
	ID string `json:"id"`
	// At is when the sink accepted it.
	At time.Time `json:"at"`
	// Outcome is the sink's answer (Message.Outcome).
	Outcome string `json:"outcome,omitempty"`
}

// Filter selects messages for List. Zero fields match everything.
type Filter struct {
	// Topic: only the messages of this topic.
	Topic string `json:"topic,omitempty"`
	// Kind: only the messages of this kind.
	Kind string `json:"kind,omitempty"`
	// Aggregate: only the messages about this aggregate.
	Aggregate string `json:"aggregate,omitempty"`
	// Pending: only messages not delivered yet.
	Pending bool `json:"pending,omitempty"`
	// After is the ID of the message the list starts after (Seq order);
	// it need not match the other fields.
	After string `json:"after,omitempty"`
	// Limit is the most returned (all when 0).
	Limit int `json:"limit,omitempty"`
}

// Store is the outbox: messages appended in a change's transaction and
// claimed by a Relay after it commits. memstore and sqlstore implement it
// over the same transactions as the domain stores; run outboxtest.Run
// against any other implementation.
//
// Every method takes ctx first and returns ctx's error if it is done before
// the method starts. A method that returns an error has changed nothing.
// Values go in and out as copies; instants round-trip at microsecond
// precision in UTC; payloads byte for byte. When ctx carries a transaction
// of the adapter (InTx), Append joins it: the messages exist if and only if
// the transaction commits.
type Store interface {
	// Append stores ms, assigning each its Seq (in the order given, after
	// every Seq assigned before) and, when zero, NextAttemptAt =
	// CreatedAt; it returns them as stored.
	//
	// Errors: ErrConflict if a message has one of the IDs (nothing is stored).
	Append(ctx context.Context, ms ...Message) ([]Message, error)
	// Claim returns, in Seq order, at most limit pending messages of topic
	// that are due (NextAttemptAt not after now) and not held back: a
	// message is held back while an earlier pending message of its
	// Aggregate is not due (failed and waiting, or claimed by another
	// relay). Each claimed message is stored with Attempts+1 and
	// NextAttemptAt = now+lease, so that no concurrent Claim returns it
	// again until the lease lapses. A limit of 0 or less means no limit.
	// Claims that run at once, from several relays or processes, never
	// return one message twice.
	Claim(ctx context.Context, topic string, now time.Time, lease time.Duration, limit int) ([]Message, error)
	// MarkDelivered records deliveries; a message already delivered keeps
	// its first delivery.
	//
	// Errors: ErrNotFound if a delivery names no message (nothing is stored).
	MarkDelivered(ctx context.Context, ds ...Delivery) error
	// Fail records a failed attempt of a pending message: it becomes due
	// again at next, with reason as its LastError.
	//
	// Errors: ErrNotFound if no message has id.
	Fail(ctx context.Context, id string, next time.Time, reason string) error
	// List returns the messages matching every set field of f, in Seq order.
	//
	// Errors: ErrNotFound (ErrCursorNotFound) if f.After names no message.
	List(ctx context.Context, f Filter) ([]Message, error)
	// Get returns the message with the given ID.
	//
	// Errors: ErrNotFound if there is none.
	Get(ctx context.Context, id string) (Message, error)
	// Replay makes a message pending and due at at, with Attempts 0 and
	// no LastError: a host redelivers a package or an event (a delivered
	// one again too).
	//
	// Errors: ErrNotFound if no message has id.
	Replay(ctx context.Context, id string, at time.Time) error
	// Prune removes the messages of topic delivered before before and
	// returns how many.
	Prune(ctx context.Context, topic string, before time.Time) (int, error)
}

// Store contract sentinels. Adapters return errors matching them.
var (
	// ErrNotFound: no message has the given ID.
	ErrNotFound = fault.New(fault.NotFound, "outbox.not_found",
		"the outbox message was not found", "لم يتم العثور على الرسالة في صندوق الإرسال")
	// ErrConflict: a message with the ID exists.
	ErrConflict = fault.New(fault.Conflict, "outbox.conflict",
		"an outbox message with this ID exists", "توجد رسالة بالمعرف نفسه في صندوق الإرسال")
	// ErrCursorNotFound: a list's After cursor names nothing. It refines
	// ErrNotFound.
	ErrCursorNotFound = ErrNotFound.Because("outbox.cursor_not_found",
		"the page cursor names no item", "مؤشر الصفحة لا يشير إلى عنصر")
)
