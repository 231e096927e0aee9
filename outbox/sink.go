package outbox

import (
	"context"
	"encoding/json"
	"time"
)

// Sink delivers the messages of one topic: an event bus, the pension
// agency. Deliver returns the sink's answer to record with the delivery (a
// receipt's reference, or ""), or an error to try again later. A message
// may be delivered more than once (after a crash between the delivery and
// its record): a Sink, or its consumers, deduplicate on Message.ID.
type Sink interface {
	Deliver(ctx context.Context, m Message) (outcome string, err error)
}

// SinkFunc adapts a function to a Sink.
type SinkFunc func(ctx context.Context, m Message) (string, error)

// Deliver calls f.
func (f SinkFunc) Deliver(ctx context.Context, m Message) (string, error) { return f(ctx, m) }

// Event is the payload of a TopicEvents message: a domain event in a
// stable JSON envelope.
type Event struct {
	// ID is the message's ID, stable across redeliveries.
	ID string `json:"id"`
	// Kind is the event's type, e.g. "records.correction_decided".
	Kind string `json:"kind"`
	// Aggregate names what it is about, e.g. "correction:<id>".
	Aggregate string `json:"aggregate"`
	// OccurredAt is when the change was made.
	OccurredAt time.Time `json:"occurred_at"`
	// AgencyID is the agency whose data changed.
	AgencyID string `json:"agency_id,omitempty"`
	// EmployeeID is the employee file concerned, if any.
	EmployeeID string `json:"employee_id,omitempty"`
	// Data is the kind's own payload.
	Data json.RawMessage `json:"data"`
}
