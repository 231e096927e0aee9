package eventbus

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"

	amqp "github.com/rabbitmq/amqp091-go"
	"gocloud.dev/pubsub"
	"gocloud.dev/pubsub/mempubsub"
	"gocloud.dev/pubsub/rabbitpubsub"

	"github.com/masarhr/masar-go/outbox"
)

// The metadata keys of every published message.
const (
	// MetaEventID is the message's ID (outbox.Message.ID): stable across
	// redeliveries, the key consumers deduplicate on.
	MetaEventID = "event_id"
	// MetaKind is the event's kind, e.g. "records.correction_decided".
	MetaKind = "kind"
	// MetaAggregate is what the event is about, e.g. "correction:<id>".
	MetaAggregate = "aggregate"
	// MetaSeq is the message's Seq in decimal: increasing within an
	// aggregate, in commit order.
	MetaSeq = "seq"
)

// Message returns the pubsub message that carries m: its payload as the
// body and its identity in the metadata (MetaEventID, MetaKind,
// MetaAggregate, MetaSeq). On RabbitMQ the event ID is also the AMQP
// message-id and the content type is application/json.
func Message(m outbox.Message) *pubsub.Message {
	id := m.ID
	return &pubsub.Message{
		Body: m.Payload,
		Metadata: map[string]string{
			MetaEventID:   id,
			MetaKind:      m.Kind,
			MetaAggregate: m.Aggregate,
			MetaSeq:       strconv.FormatInt(m.Seq, 10),
		},
		BeforeSend: func(as func(any) bool) error {
			var p *amqp.Publishing
			if as(&p) {
				p.MessageId = id
				p.ContentType = "application/json"
				p.DeliveryMode = amqp.Persistent
			}
			return nil
		},
	}
}

// NewSink returns an outbox.Sink that publishes each message to topic
// (Message) and answers "" once the topic accepted it: on RabbitMQ, once
// the broker confirmed it. The caller owns topic and shuts it down.
func NewSink(topic *pubsub.Topic) outbox.Sink {
	return outbox.SinkFunc(func(ctx context.Context, m outbox.Message) (string, error) {
		if err := topic.Send(ctx, Message(m)); err != nil {
			return "", fmt.Errorf("eventbus: publish %s: %w", m.ID, err)
		}
		return "", nil
	})
}

// DialSink is an outbox.Sink that opens its topic when it first needs it
// and opens it again after a failed publish (a cut connection, a broker
// restart): the failed message is recorded as failed by the Relay, and its
// retry goes through the new topic. It is safe for concurrent use.
type DialSink struct {
	open func(ctx context.Context) (*pubsub.Topic, error)

	mu    sync.Mutex
	topic *pubsub.Topic
}

// NewDialSink returns a DialSink whose topics open returns. open is
// called with the context of the delivery that needs a topic, once at a
// time.
func NewDialSink(open func(ctx context.Context) (*pubsub.Topic, error)) *DialSink {
	return &DialSink{open: open}
}

// current returns the open topic, opening one if there is none.
func (s *DialSink) current(ctx context.Context) (*pubsub.Topic, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.topic != nil {
		return s.topic, nil
	}
	t, err := s.open(ctx)
	if err != nil {
		return nil, fmt.Errorf("eventbus: open topic: %w", err)
	}
	s.topic = t
	return t, nil
}

// drop forgets t if it is still the open topic, and shuts it down.
func (s *DialSink) drop(t *pubsub.Topic) {
	s.mu.Lock()
	if s.topic != t {
		s.mu.Unlock()
		return
	}
	s.topic = nil
	s.mu.Unlock()
	// Shutdown waits for the sends in flight, which fail too.
	go func() { _ = t.Shutdown(context.Background()) }()
}

// Deliver implements outbox.Sink.
func (s *DialSink) Deliver(ctx context.Context, m outbox.Message) (string, error) {
	t, err := s.current(ctx)
	if err != nil {
		return "", err
	}
	if err := t.Send(ctx, Message(m)); err != nil {
		if ctx.Err() == nil {
			s.drop(t)
		}
		return "", fmt.Errorf("eventbus: publish %s: %w", m.ID, err)
	}
	return "", nil
}

// Close shuts down the open topic, if any. A Deliver after Close opens a
// new one.
func (s *DialSink) Close(ctx context.Context) error {
	s.mu.Lock()
	t := s.topic
	s.topic = nil
	s.mu.Unlock()
	if t == nil {
		return nil
	}
	return t.Shutdown(ctx)
}

// OpenMem returns an in-memory topic (gocloud.dev/pubsub/mempubsub), the
// default bus of a host with no broker: subscribe to it with
// mempubsub.NewSubscription before publishing, or the publish fails (an
// in-memory topic keeps nothing for later subscribers).
func OpenMem() *pubsub.Topic { return mempubsub.NewTopic() }

// Rabbit opens topics on a RabbitMQ exchange
// (gocloud.dev/pubsub/rabbitpubsub), each on a connection of its own: a
// DialSink's open function. The exchange must exist (a fanout exchange,
// for the pubsub model); DeclareFanout declares one.
type Rabbit struct {
	// URL is the broker's, e.g. "amqp://guest:guest@127.0.0.1:5672/".
	URL string `json:"url"`
	// Exchange is the exchange published to.
	Exchange string `json:"exchange"`

	mu   sync.Mutex
	conn *amqp.Connection
}

// Open dials a new connection, closing the one of the previous Open, and
// returns a topic on it. It is the open function of NewDialSink.
func (r *Rabbit) Open(ctx context.Context) (*pubsub.Topic, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	conn, err := amqp.Dial(r.URL)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	old := r.conn
	r.conn = conn
	r.mu.Unlock()
	if old != nil {
		_ = old.Close()
	}
	return rabbitpubsub.OpenTopic(conn, r.Exchange, nil), nil
}

// Close closes the connection of the last Open.
func (r *Rabbit) Close() error {
	r.mu.Lock()
	conn := r.conn
	r.conn = nil
	r.mu.Unlock()
	if conn == nil || conn.IsClosed() {
		return nil
	}
	err := conn.Close()
	if errors.Is(err, amqp.ErrClosed) {
		return nil
	}
	return err
}

// DeclareFanout declares a durable fanout exchange named exchange on the
// broker at url (doing nothing if it exists with these properties).
func DeclareFanout(url, exchange string) error {
	conn, err := amqp.Dial(url)
	if err != nil {
		return err
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		return err
	}
	defer ch.Close()
	return ch.ExchangeDeclare(exchange, amqp.ExchangeFanout, true, false, false, false, nil)
}
