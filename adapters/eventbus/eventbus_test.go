package eventbus_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocloud.dev/pubsub"
	"gocloud.dev/pubsub/mempubsub"

	"github.com/masarhr/masar-go/adapters/eventbus"
	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/outbox"
)

// events returns n events over aggs aggregates, interleaved (agg-00's
// first, agg-01's first, …), all due at once.
func events(n, aggs int) []outbox.Message {
	at := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	ms := make([]outbox.Message, n)
	for i := range ms {
		agg := fmt.Sprintf("correction:%03d", i%aggs)
		id := fmt.Sprintf("ev-%06d", i)
		ms[i] = outbox.Message{ID: id, Topic: outbox.TopicEvents, Kind: "records.correction_decided", Aggregate: agg,
			Payload:   fmt.Appendf(nil, `{"id":%q,"kind":"records.correction_decided","data":{"note":"تم اعتماد التصحيح"}}`, id),
			CreatedAt: at}
	}
	return ms
}

// arrivals is what a consumer saw: every arrival's event ID, the first
// arrival of each ID per aggregate in order, and the duplicates.
type arrivals struct {
	mu       sync.Mutex
	seen     map[string]bool
	firstSeq map[string][]int64 // aggregate → seq of first arrivals, in arrival order
	dups     int
}

func newArrivals() *arrivals {
	return &arrivals{seen: make(map[string]bool), firstSeq: make(map[string][]int64)}
}

// add records one arrival and reports how many distinct IDs arrived.
func (a *arrivals) add(t *testing.T, md map[string]string, body []byte) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	id := md[eventbus.MetaEventID]
	assert.Contains(t, string(body), strconv.Quote(id), "the body is the event's payload")
	if a.seen[id] {
		a.dups++
		return len(a.seen)
	}
	a.seen[id] = true
	seq, err := strconv.ParseInt(md[eventbus.MetaSeq], 10, 64)
	assert.NoError(t, err)
	agg := md[eventbus.MetaAggregate]
	a.firstSeq[agg] = append(a.firstSeq[agg], seq)
	return len(a.seen)
}

// assertComplete checks that every message arrived, and each aggregate's
// first arrivals are in Seq order.
func (a *arrivals) assertComplete(t *testing.T, stored []outbox.Message, ordered bool) {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, m := range stored {
		assert.True(t, a.seen[m.ID], "%s arrived", m.ID)
	}
	if !ordered {
		return
	}
	for agg, seqs := range a.firstSeq {
		for i := 1; i < len(seqs); i++ {
			assert.Less(t, seqs[i-1], seqs[i], "%s: first arrivals in commit order", agg)
		}
	}
}

// The relay publishes every event of a memstore outbox to an in-memory
// topic, with its ID and identity in the metadata, each aggregate's in
// commit order (as published: an in-memory subscription hands messages
// out in no order of its own).
func TestMemPubSubEndToEnd(t *testing.T) {
	ctx := context.Background()
	topic := eventbus.OpenMem()
	t.Cleanup(func() { _ = topic.Shutdown(ctx) })
	sub := mempubsub.NewSubscription(topic, time.Minute)
	t.Cleanup(func() { _ = sub.Shutdown(ctx) })

	store := memstore.New(nil)
	stored, err := store.Append(ctx, events(600, 25)...)
	require.NoError(t, err)

	published := newArrivals()
	inner := eventbus.NewSink(topic)
	sink := outbox.SinkFunc(func(ctx context.Context, m outbox.Message) (string, error) {
		out, err := inner.Deliver(ctx, m)
		if err == nil {
			published.add(t, eventbus.Message(m).Metadata, m.Payload)
		}
		return out, err
	})
	n, err := outbox.NewRelay(store, outbox.TopicEvents, sink, &outbox.RelayOptions{Batch: 100}).Drain(ctx)
	require.NoError(t, err)
	require.Equal(t, len(stored), n)
	published.assertComplete(t, stored, true)

	received := newArrivals()
	for n := 0; n < len(stored); {
		md, body := receive(ctx, t, sub)
		n = received.add(t, md, body)
	}
	received.assertComplete(t, stored, false)
	pending, err := store.List(ctx, outbox.Filter{Pending: true})
	require.NoError(t, err)
	assert.Empty(t, pending)
}

func receive(ctx context.Context, t *testing.T, sub *pubsub.Subscription) (map[string]string, []byte) {
	t.Helper()
	m, err := sub.Receive(ctx)
	require.NoError(t, err)
	m.Ack()
	return m.Metadata, m.Body
}

// A DialSink opens its topic on first use, and again after a failed
// publish.
func TestDialSinkReopens(t *testing.T) {
	ctx := context.Background()
	var opened []*pubsub.Topic
	var subs []*pubsub.Subscription
	sink := eventbus.NewDialSink(func(ctx context.Context) (*pubsub.Topic, error) {
		if len(opened) == 1 {
			opened = append(opened, nil)
			return nil, errors.New("broker down")
		}
		tp := mempubsub.NewTopic()
		subs = append(subs, mempubsub.NewSubscription(tp, time.Minute))
		opened = append(opened, tp)
		return tp, nil
	})
	m := events(1, 1)[0]
	_, err := sink.Deliver(ctx, m)
	require.NoError(t, err)
	md, _ := receive(ctx, t, subs[0])
	assert.Equal(t, m.ID, md[eventbus.MetaEventID])

	// The topic goes away (a cut connection): the publish fails and the
	// topic is dropped; the next open fails too; the one after works.
	require.NoError(t, opened[0].Shutdown(ctx))
	_, err = sink.Deliver(ctx, m)
	require.Error(t, err)
	_, err = sink.Deliver(ctx, m)
	require.ErrorContains(t, err, "broker down")
	_, err = sink.Deliver(ctx, m)
	require.NoError(t, err)
	require.Len(t, opened, 3)
	md, _ = receive(ctx, t, subs[1])
	assert.Equal(t, m.ID, md[eventbus.MetaEventID])
	require.NoError(t, sink.Close(ctx))
	require.NoError(t, sink.Close(ctx), "twice")
}

// amqpURLEnv names the RabbitMQ the tests publish to.
const amqpURLEnv = "MASAR_TEST_AMQP_URL"

// amqpURL returns the broker's URL, skipping t when it cannot be reached
// (failing it under CI=true, where the broker must be up).
func amqpURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(amqpURLEnv)
	if u == "" {
		u = "amqp://guest:guest@127.0.0.1:5672/"
	}
	conn, err := amqp.Dial(u)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("RabbitMQ at %s: %v", u, err)
		}
		t.Skipf("RabbitMQ at %s: %v", u, err)
	}
	_ = conn.Close()
	return u
}

// rabbitQueue declares a fanout exchange of the test's own and an
// exclusive queue bound to it, and returns the exchange's name and the
// queue's deliveries; both go away when t ends.
func rabbitQueue(t testing.TB, u string) (string, <-chan amqp.Delivery) {
	t.Helper()
	var b [4]byte
	_, _ = rand.Read(b[:])
	exchange := "masar.test.events." + hex.EncodeToString(b[:])
	conn, err := amqp.Dial(u)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	ch, err := conn.Channel()
	require.NoError(t, err)
	require.NoError(t, ch.ExchangeDeclare(exchange, amqp.ExchangeFanout, false, false, false, false, nil))
	t.Cleanup(func() { _ = ch.ExchangeDelete(exchange, false, false) })
	q, err := ch.QueueDeclare("", false, true, true, false, nil)
	require.NoError(t, err)
	require.NoError(t, ch.QueueBind(q.Name, "", exchange, false, nil))
	deliveries, err := ch.Consume(q.Name, "", true, true, false, false, nil)
	require.NoError(t, err)
	return exchange, deliveries
}

// cutProxy forwards TCP connections to target, and closes every one of
// them each time the bytes sent to target pass one of cutAt.
type cutProxy struct {
	ln     net.Listener
	target string

	mu    sync.Mutex
	conns map[net.Conn]bool
	sent  int64
	cutAt []int64
	cuts  int
}

func newCutProxy(t testing.TB, target string, cutAt ...int64) *cutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	p := &cutProxy{ln: ln, target: target, conns: make(map[net.Conn]bool), cutAt: cutAt}
	t.Cleanup(p.close)
	go p.serve()
	return p
}

func (p *cutProxy) addr() string { return p.ln.Addr().String() }

func (p *cutProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		p.mu.Lock()
		p.conns[c], p.conns[up] = true, true
		p.mu.Unlock()
		go func() { _, _ = io.Copy(c, up); p.drop(c, up) }()
		go func() { _, _ = io.Copy(countingWriter{p, up}, c); p.drop(c, up) }()
	}
}

func (p *cutProxy) drop(cs ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cs {
		_ = c.Close()
		delete(p.conns, c)
	}
}

// count adds n bytes sent and cuts every connection when they pass the
// next threshold.
func (p *cutProxy) count(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sent += int64(n)
	if len(p.cutAt) > 0 && p.sent >= p.cutAt[0] {
		p.cutAt = p.cutAt[1:]
		p.cuts++
		for c := range p.conns {
			_ = c.Close()
			delete(p.conns, c)
		}
	}
}

func (p *cutProxy) cutCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cuts
}

func (p *cutProxy) close() {
	_ = p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		_ = c.Close()
	}
}

type countingWriter struct {
	p *cutProxy
	w io.Writer
}

func (c countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.p.count(n)
	return n, err
}

// Through a proxy that cuts the connection twice mid-run, the relay
// publishes 2,000 events to RabbitMQ through rabbitpubsub: each arrives
// at least once, with its ID, and each aggregate's first arrivals come in
// commit order. The duplicates (published, but the confirm was lost with
// the connection) are the consumer's to drop by event_id.
func TestRabbitMQConnectionCut(t *testing.T) {
	u := amqpURL(t)
	exchange, deliveries := rabbitQueue(t, u)
	target, err := url.Parse(u)
	require.NoError(t, err)
	proxy := newCutProxy(t, target.Host, 150_000, 450_000)
	via := *target
	via.Host = proxy.addr()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	store := memstore.New(nil)
	stored, err := store.Append(ctx, events(2000, 40)...)
	require.NoError(t, err)

	rabbit := &eventbus.Rabbit{URL: via.String(), Exchange: exchange}
	t.Cleanup(func() { _ = rabbit.Close() })
	var mu sync.Mutex
	opens := 0
	sink := eventbus.NewDialSink(func(ctx context.Context) (*pubsub.Topic, error) {
		mu.Lock()
		opens++
		mu.Unlock()
		return rabbit.Open(ctx)
	})
	t.Cleanup(func() { _ = sink.Close(context.Background()) })
	relay := outbox.NewRelay(store, outbox.TopicEvents, sink, &outbox.RelayOptions{
		Batch: 200, Lease: 30 * time.Second, Poll: 10 * time.Millisecond,
		Backoff: outbox.Backoff{Base: 20 * time.Millisecond, Max: 200 * time.Millisecond},
	})
	relayCtx, stopRelay := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- relay.Run(relayCtx) }()

	got := newArrivals()
	for n := 0; n < len(stored); {
		select {
		case d, ok := <-deliveries:
			require.True(t, ok, "the consumer's channel closed")
			md := make(map[string]string, len(d.Headers))
			for k, v := range d.Headers {
				md[k] = fmt.Sprint(v)
			}
			assert.Equal(t, md[eventbus.MetaEventID], d.MessageId, "the event ID is the AMQP message-id")
			n = got.add(t, md, d.Body)
		case <-ctx.Done():
			t.Fatalf("%d of %d events arrived", len(got.seen), len(stored))
		}
	}
	stopRelay()
	require.ErrorIs(t, <-done, context.Canceled)
	got.assertComplete(t, stored, true)
	assert.Equal(t, 2, proxy.cutCount(), "the connection was cut twice")
	mu.Lock()
	assert.GreaterOrEqual(t, opens, 3, "the sink reconnected after each cut")
	mu.Unlock()
	t.Logf("%d events, %d duplicates, %d cuts, %d opens", len(stored), got.dups, proxy.cutCount(), opens)
}
