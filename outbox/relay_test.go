package outbox_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/outbox/outboxtest"
)

// clock is a fake clock that tests move by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: outboxtest.Base} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// recorder is a Sink that records what it was given, per aggregate, and
// fails the deliveries fail says to.
type recorder struct {
	mu    sync.Mutex
	got   []string
	byAgg map[string][]string
	fail  func(m outbox.Message) error
}

func newRecorder() *recorder { return &recorder{byAgg: make(map[string][]string)} }

func (r *recorder) Deliver(_ context.Context, m outbox.Message) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		if err := r.fail(m); err != nil {
			return "", err
		}
	}
	r.got = append(r.got, m.ID)
	r.byAgg[m.Aggregate] = append(r.byAgg[m.Aggregate], m.ID)
	return "ok:" + m.ID, nil
}

func (r *recorder) setFail(f func(m outbox.Message) error) {
	r.mu.Lock()
	r.fail = f
	r.mu.Unlock()
}

func (r *recorder) delivered() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.got...)
}

func opts(c *clock) *outbox.RelayOptions {
	return &outbox.RelayOptions{Now: c.Now, Rand: func() float64 { return 0.5 }, Lease: time.Minute}
}

// messages is outboxtest.Messages, all created at outboxtest.Base (due
// at the fake clock's start).
func messages(topic, aggregate string, n int) []outbox.Message {
	ms := outboxtest.Messages(topic, aggregate, n)
	for i := range ms {
		ms[i].CreatedAt = outboxtest.Base
	}
	return ms
}

func appendAll(t *testing.T, s outbox.Store, ms ...outbox.Message) {
	t.Helper()
	_, err := s.Append(context.Background(), ms...)
	require.NoError(t, err)
}

func TestBackoffDelay(t *testing.T) {
	b := outbox.Backoff{Base: time.Second, Max: time.Minute, Factor: 3, Jitter: 0.5}
	tests := []struct {
		attempts int
		r        float64
		want     time.Duration
	}{
		{0, 0.5, time.Second}, // before the first attempt: as the first
		{1, 0.5, time.Second},
		{1, 0, 500 * time.Millisecond},
		{1, 0.75, 1250 * time.Millisecond},
		{2, 0.5, 3 * time.Second},
		{3, 0.5, 9 * time.Second},
		{4, 0.5, 27 * time.Second},
		{4, 0.99, 40*time.Second + 230*time.Millisecond},
		{5, 0.5, time.Minute}, // capped
		{5, 0, 40500 * time.Millisecond},
		{500, 0.9, time.Minute}, // no overflow
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, b.Delay(tc.attempts, tc.r), "attempts %d, r %v", tc.attempts, tc.r)
	}
	none := outbox.Backoff{Jitter: -1}
	assert.Equal(t, 2*time.Second, none.Delay(2, 0), "a negative jitter is none; zero fields are the defaults")
	assert.Equal(t, outbox.DefaultBackoff.Delay(3, 0.3), outbox.Backoff{}.Delay(3, 0.3))
}

// A failing sink's message is retried on the backoff's schedule: not
// before its time, then at it, waits doubling up to Max.
func TestRelayRetrySchedule(t *testing.T) {
	ctx := context.Background()
	s := memstore.New(nil)
	c := newClock()
	appendAll(t, s, messages(outbox.TopicEvents, "a", 1)...)
	sink := newRecorder()
	sink.setFail(func(outbox.Message) error { return errors.New("down") })
	o := opts(c)
	o.Backoff = outbox.Backoff{Base: time.Second, Max: 10 * time.Second, Factor: 2, Jitter: -1}
	relay := outbox.NewRelay(s, outbox.TopicEvents, sink, o)

	wantWaits := []time.Duration{1, 2, 4, 8, 10, 10}
	for i, wait := range wantWaits {
		n, err := relay.Drain(ctx)
		require.NoError(t, err, "a sink's failure is no error of Drain's")
		require.Zero(t, n)
		m, err := s.Get(ctx, "a/1")
		require.NoError(t, err)
		assert.Equal(t, i+1, m.Attempts)
		assert.Equal(t, "down", m.LastError)
		assert.Equal(t, c.Now().Add(wait*time.Second), m.NextAttemptAt, "attempt %d", i+1)

		c.Add(wait*time.Second - time.Microsecond)
		n, err = relay.Drain(ctx)
		require.NoError(t, err)
		assert.Zero(t, n)
		m, _ = s.Get(ctx, "a/1")
		assert.Equal(t, i+1, m.Attempts, "not tried before its time")
		c.Add(time.Microsecond)
	}
	sink.setFail(nil)
	n, err := relay.Drain(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	m, _ := s.Get(ctx, "a/1")
	assert.False(t, m.Pending())
	assert.Equal(t, len(wantWaits)+1, m.Attempts)
	assert.Equal(t, "ok:a/1", m.Outcome)
	assert.Equal(t, c.Now(), m.DeliveredAt)
}

// One aggregate whose delivery fails holds back its own later messages
// and no other aggregate's; once it recovers, its messages go in order.
func TestRelayOrderPerAggregate(t *testing.T) {
	ctx := context.Background()
	s := memstore.New(nil)
	c := newClock()
	var ms []outbox.Message
	for i := range 5 {
		for _, agg := range []string{"a", "b", "c"} {
			m := messages(outbox.TopicEvents, agg, 5)[i]
			ms = append(ms, m)
		}
	}
	appendAll(t, s, ms...)
	sink := newRecorder()
	sink.setFail(func(m outbox.Message) error {
		if m.ID == "b/2" {
			return errors.New("refused")
		}
		return nil
	})
	o := opts(c)
	o.Batch = 4 // several batches
	relay := outbox.NewRelay(s, outbox.TopicEvents, sink, o)
	n, err := relay.Drain(ctx)
	require.NoError(t, err)
	assert.Equal(t, 11, n)
	assert.Equal(t, []string{"a/1", "a/2", "a/3", "a/4", "a/5"}, sink.byAgg["a"])
	assert.Equal(t, []string{"c/1", "c/2", "c/3", "c/4", "c/5"}, sink.byAgg["c"])
	assert.Equal(t, []string{"b/1"}, sink.byAgg["b"], "b/3… wait behind b/2")
	pending, err := relay.Pending(ctx, "", 0)
	require.NoError(t, err)
	var ids []string
	for _, m := range pending {
		ids = append(ids, m.ID)
	}
	assert.Equal(t, []string{"b/2", "b/3", "b/4", "b/5"}, ids)
	// The ones behind b/2 that were claimed with it are released to wait
	// for it, not left leased.
	for _, m := range pending[1:] {
		if m.Attempts > 0 {
			assert.Equal(t, pending[0].NextAttemptAt, m.NextAttemptAt, m.ID)
			assert.Contains(t, m.LastError, "held back behind b/2", m.ID)
		}
	}

	sink.setFail(nil)
	c.Add(time.Minute) // the backoff and the leases lapse
	n, err = relay.Drain(ctx)
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	assert.Equal(t, []string{"b/1", "b/2", "b/3", "b/4", "b/5"}, sink.byAgg["b"])
}

// Many aggregates delivered in parallel: each one's messages still one at
// a time, in Seq order.
func TestRelayParallelKeepsOrder(t *testing.T) {
	ctx := context.Background()
	s := memstore.New(nil)
	c := newClock()
	const aggs, per = 50, 20
	var ms []outbox.Message
	for i := range per {
		for a := range aggs {
			m := messages(outbox.TopicEvents, fmt.Sprintf("agg-%02d", a), per)[i]
			ms = append(ms, m)
		}
	}
	appendAll(t, s, ms...)
	var (
		mu       sync.Mutex
		inFlight = make(map[string]bool)
	)
	rec := newRecorder()
	sink := outbox.SinkFunc(func(ctx context.Context, m outbox.Message) (string, error) {
		mu.Lock()
		assert.False(t, inFlight[m.Aggregate], "two deliveries of %s at once", m.Aggregate)
		inFlight[m.Aggregate] = true
		mu.Unlock()
		defer func() { mu.Lock(); inFlight[m.Aggregate] = false; mu.Unlock() }()
		return rec.Deliver(ctx, m)
	})
	o := opts(c)
	o.Batch, o.Parallel = 128, 8
	n, err := outbox.NewRelay(s, outbox.TopicEvents, sink, o).Drain(ctx)
	require.NoError(t, err)
	assert.Equal(t, aggs*per, n)
	for a := range aggs {
		agg := fmt.Sprintf("agg-%02d", a)
		want := make([]string, per)
		for i := range want {
			want[i] = fmt.Sprintf("%s/%d", agg, i+1)
		}
		assert.Equal(t, want, rec.byAgg[agg])
	}
}

// crashingStore loses the record of the deliveries (a crash between the
// sink's acceptance and MarkDelivered) the first time.
type crashingStore struct {
	outbox.Store
	crashed bool
}

var errCrash = errors.New("crash")

func (s *crashingStore) MarkDelivered(ctx context.Context, ds ...outbox.Delivery) error {
	if !s.crashed {
		s.crashed = true
		return errCrash
	}
	return s.Store.MarkDelivered(ctx, ds...)
}

// A crash after the delivery and before its record delivers the same
// messages again, with the same IDs, once the lease lapses; not before.
func TestRelayCrashBeforeRecordRedelivers(t *testing.T) {
	ctx := context.Background()
	mem := memstore.New(nil)
	s := &crashingStore{Store: mem}
	c := newClock()
	appendAll(t, s, messages(outbox.TopicEvents, "a", 2)...)
	sink := newRecorder()
	relay := outbox.NewRelay(s, outbox.TopicEvents, sink, opts(c))
	_, err := relay.Drain(ctx)
	require.ErrorIs(t, err, errCrash)
	assert.Equal(t, []string{"a/1", "a/2"}, sink.delivered())

	// A new relay (after the restart) waits for the lease.
	relay = outbox.NewRelay(s, outbox.TopicEvents, sink, opts(c))
	n, err := relay.Drain(ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "leased")
	c.Add(time.Minute)
	n, err = relay.Drain(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, []string{"a/1", "a/2", "a/1", "a/2"}, sink.delivered(), "delivered twice, same IDs")
	for _, id := range []string{"a/1", "a/2"} {
		m, err := mem.Get(ctx, id)
		require.NoError(t, err)
		assert.False(t, m.Pending())
		assert.Equal(t, 2, m.Attempts)
	}
}

// A Drain whose context is cancelled mid-batch stops delivering, records
// what was delivered, and leaves the rest pending with no failure.
func TestRelayContextCancelled(t *testing.T) {
	mem := memstore.New(nil)
	c := newClock()
	ms := messages(outbox.TopicEvents, "a", 3)
	appendAll(t, mem, ms...)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	sink := outbox.SinkFunc(func(ctx context.Context, m outbox.Message) (string, error) {
		if len(got) == 1 {
			cancel()
			return "", ctx.Err()
		}
		got = append(got, m.ID)
		return "", nil
	})
	o := opts(c)
	o.Parallel = 1
	n, err := outbox.NewRelay(mem, outbox.TopicEvents, sink, o).Drain(ctx)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, n)
	bg := context.Background()
	m, _ := mem.Get(bg, "a/1")
	assert.False(t, m.Pending(), "the delivery before the cancellation is recorded")
	m, _ = mem.Get(bg, "a/2")
	assert.True(t, m.Pending())
	assert.Empty(t, m.LastError, "a cancellation is no failure")

	_, err = outbox.NewRelay(mem, outbox.TopicEvents, sink, o).Drain(ctx)
	assert.ErrorIs(t, err, context.Canceled, "a done context claims nothing")
	m, _ = mem.Get(bg, "a/3")
	assert.Equal(t, 1, m.Attempts)
}

// Run drains until its context is done, and returns its error.
func TestRelayRun(t *testing.T) {
	mem := memstore.New(nil)
	appendAll(t, mem, messages(outbox.TopicEvents, "a", 3)...)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var got []string
	sink := outbox.SinkFunc(func(_ context.Context, m outbox.Message) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, m.ID)
		if len(got) == 4 {
			cancel()
		}
		return "", nil
	})
	relay := outbox.NewRelay(mem, outbox.TopicEvents, sink, &outbox.RelayOptions{Poll: time.Millisecond})
	assert.Equal(t, outbox.TopicEvents, relay.Topic())
	done := make(chan error)
	go func() { done <- relay.Run(ctx) }()
	// Appended while Run polls: delivered on a later drain.
	appendAll(t, mem, messages(outbox.TopicEvents, "b", 1)...)
	err := <-done
	require.ErrorIs(t, err, context.Canceled)
	mu.Lock()
	defer mu.Unlock()
	assert.ElementsMatch(t, []string{"a/1", "a/2", "a/3", "b/1"}, got)
}
