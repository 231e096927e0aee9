package outbox

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"math/rand/v2"
	"sync"
	"time"
)

// Relay defaults.
const (
	// DefaultBatch is RelayOptions.Batch's default: messages claimed at once.
	DefaultBatch = 256
	// DefaultLease is RelayOptions.Lease's default: how long a claim holds.
	DefaultLease = 30 * time.Second
	// DefaultPoll is RelayOptions.Poll's default: Run's wait when idle.
	DefaultPoll = 500 * time.Millisecond
	// DefaultParallel is RelayOptions.Parallel's default: aggregates
	// delivered at once.
	DefaultParallel = 16
)

// Backoff is the schedule of retries after a failed delivery: the n-th
// failed attempt (n = Message.Attempts, 1 for the first) waits
// Base·Factorⁿ⁻¹, at most Max, spread by ±Jitter of itself. Zero fields
// take the defaults of DefaultBackoff.
type Backoff struct {
	// Base is the wait after the first failure; default 1s.
	Base time.Duration `json:"base"`
	// Max caps every wait, jitter included; default 10m.
	Max time.Duration `json:"max"`
	// Factor multiplies the wait after each further failure; default 2.
	Factor float64 `json:"factor"`
	// Jitter is the fraction (0 to 1) by which a wait is spread at random
	// either way, so that failed messages do not all come back together;
	// default 0.2. A negative Jitter means none.
	Jitter float64 `json:"jitter"`
}

// DefaultBackoff is the schedule a Relay uses for the zero fields of
// RelayOptions.Backoff.
var DefaultBackoff = Backoff{Base: time.Second, Max: 10 * time.Minute, Factor: 2, Jitter: 0.2}

func (b Backoff) withDefaults() Backoff {
	if b.Base <= 0 {
		b.Base = DefaultBackoff.Base
	}
	if b.Max <= 0 {
		b.Max = DefaultBackoff.Max
	}
	if b.Factor < 1 {
		b.Factor = DefaultBackoff.Factor
	}
	switch {
	case b.Jitter == 0:
		b.Jitter = DefaultBackoff.Jitter
	case b.Jitter < 0:
		b.Jitter = 0
	case b.Jitter > 1:
		b.Jitter = 1
	}
	return b
}

// Delay returns the wait after the attempts-th failed attempt, r (in
// [0, 1)) choosing the jitter: 0.5 is none, 0 the shortest, towards 1 the
// longest. Zero fields of b take their defaults.
func (b Backoff) Delay(attempts int, r float64) time.Duration {
	b = b.withDefaults()
	if attempts < 1 {
		attempts = 1
	}
	d := float64(b.Base) * math.Pow(b.Factor, float64(attempts-1))
	d *= 1 + b.Jitter*(2*r-1)
	if d >= float64(b.Max) || math.IsInf(d, 0) || math.IsNaN(d) {
		return b.Max
	}
	return time.Duration(d)
}

// RelayOptions configures a Relay. The zero value (or nil) gives the
// defaults.
type RelayOptions struct {
	// Now is the clock; default time.Now. It is read once per claim, per
	// delivery (the Delivery's At) and per failure.
	Now func() time.Time `json:"-"`
	// Batch is the most messages claimed at once; default DefaultBatch.
	Batch int `json:"batch"`
	// Lease is how long a claim keeps other relays off the messages it
	// took; default DefaultLease. It must exceed the time a batch takes
	// to deliver, or a message may be delivered twice at once.
	Lease time.Duration `json:"lease"`
	// Backoff schedules the retries of failed deliveries.
	Backoff Backoff `json:"backoff"`
	// Poll is how long Run waits when nothing is due; default DefaultPoll.
	Poll time.Duration `json:"poll"`
	// Parallel is how many aggregates are delivered at once; default
	// DefaultParallel. Within an aggregate delivery is sequential, in Seq
	// order.
	Parallel int `json:"parallel"`
	// Logger receives the failed deliveries and Run's store errors;
	// default: discarded.
	Logger *slog.Logger `json:"-"`
	// Rand returns the jitter's random numbers in [0, 1); default
	// math/rand/v2's Float64. Tests set it to make the schedule
	// deterministic. It is called from one goroutine at a time.
	Rand func() float64 `json:"-"`
}

// Relay drains one topic of a Store to a Sink, after the transactions that
// appended its messages commit: it claims the due messages (Store.Claim,
// which leases them), delivers them, and records each outcome
// (Store.MarkDelivered, in one call per batch, or Store.Fail with the next
// attempt's time from the Backoff).
//
// Guarantees:
//
//   - At least once: a message is marked delivered only after its Sink
//     accepted it; a message whose delivery failed, or whose claim lapsed, is
//     delivered again. A crash after a delivery and before its record
//     (MarkDelivered) redelivers the same message, with the same ID, when its
//     lease lapses: consumers deduplicate on Message.ID.
//   - Order per aggregate: the messages of one Aggregate are delivered one
//     after the other in Seq order (the order of their commits). When one
//     fails, the later ones of its aggregate are not tried in that batch:
//     they are released with the failed one's next attempt time (and a
//     LastError naming it), and Claim holds them back until it is
//     delivered. Other aggregates go
//     on: one failing aggregate blocks nobody else.
//   - Crash safety: everything the Relay knows is in the Store; a new Relay
//     (after a restart) takes over where the last one stopped.
//
// Inspection and replay are the Store's: List with Filter.Pending, Replay.
// A Relay is safe for concurrent use, and so are several Relays on one topic
// (Claim's lease keeps them off each other's messages).
type Relay struct {
	store Store
	topic string
	sink  Sink
	opts  RelayOptions

	randMu sync.Mutex
}

// NewRelay returns a Relay delivering the messages of topic in store to
// sink. Nil options mean the defaults.
func NewRelay(store Store, topic string, sink Sink, opts *RelayOptions) *Relay {
	var o RelayOptions
	if opts != nil {
		o = *opts
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	o.Backoff = o.Backoff.withDefaults()
	if o.Poll <= 0 {
		o.Poll = DefaultPoll
	}
	if o.Parallel <= 0 {
		o.Parallel = DefaultParallel
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	return &Relay{store: store, topic: topic, sink: sink, opts: o}
}

// Topic returns the topic the Relay drains.
func (r *Relay) Topic() string { return r.topic }

// Pending returns the topic's undelivered messages in Seq order, at most
// limit (all when 0), after the message with ID after ("" from the
// first): Store.List with Filter.Pending, for a host to inspect what
// waits, with each message's Attempts, LastError and NextAttemptAt.
//
// Errors: ErrCursorNotFound if after names no message.
func (r *Relay) Pending(ctx context.Context, after string, limit int) ([]Message, error) {
	return r.store.List(ctx, Filter{Topic: r.topic, Pending: true, After: after, Limit: limit})
}

// Drain claims and delivers batches until no message of the topic is due,
// and returns how many it delivered. A delivery that fails is no error of
// Drain's: it is recorded (Store.Fail) and retried later. Drain returns an
// error when the Store fails, or ctx's when ctx is done; the deliveries made
// before are recorded all the same.
func (r *Relay) Drain(ctx context.Context) (int, error) {
	total := 0
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		ms, err := r.store.Claim(ctx, r.topic, r.opts.Now(), r.opts.Lease, r.opts.Batch)
		if err != nil {
			return total, err
		}
		if len(ms) == 0 {
			return total, nil
		}
		n, err := r.deliver(ctx, ms)
		total += n
		if err != nil {
			return total, err
		}
	}
}

// Run drains the topic, then waits Poll, again and again until ctx is
// done, and returns ctx's error. A Store error is logged and tried again
// after Poll.
func (r *Relay) Run(ctx context.Context) error {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
		if _, err := r.Drain(ctx); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			r.opts.Logger.ErrorContext(ctx, "outbox: drain failed", "topic", r.topic, "error", err)
		}
		t.Reset(r.opts.Poll)
	}
}

// group is the claimed messages of one aggregate, in Seq order.
type group []Message

// deliver delivers one claimed batch, aggregates in parallel, and records
// the outcomes.
func (r *Relay) deliver(ctx context.Context, ms []Message) (int, error) {
	var groups []group
	index := make(map[string]int)
	for _, m := range ms {
		i, ok := index[m.Aggregate]
		if !ok {
			i = len(groups)
			index[m.Aggregate] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], m)
	}

	var (
		mu       sync.Mutex
		done     = make([]Delivery, 0, len(ms))
		failErrs []error
	)
	work := make(chan group)
	var wg sync.WaitGroup
	workers := min(r.opts.Parallel, len(groups))
	for range workers {
		wg.Go(func() {
			for g := range work {
				ds, err := r.deliverGroup(ctx, g)
				mu.Lock()
				done = append(done, ds...)
				if err != nil {
					failErrs = append(failErrs, err)
				}
				mu.Unlock()
			}
		})
	}
feed:
	for _, g := range groups {
		select {
		case work <- g:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()

	// Record what was delivered even when ctx is done, so that it is not
	// delivered again.
	if len(done) > 0 {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.opts.Lease)
		err := r.store.MarkDelivered(rctx, done...)
		cancel()
		if err != nil {
			return 0, err
		}
	}
	if err := ctx.Err(); err != nil {
		return len(done), err
	}
	return len(done), errors.Join(failErrs...)
}

// deliverGroup delivers an aggregate's messages in order until one fails,
// which it records with Store.Fail; the error it returns is the Store's.
func (r *Relay) deliverGroup(ctx context.Context, g group) ([]Delivery, error) {
	ds := make([]Delivery, 0, len(g))
	for i, m := range g {
		if ctx.Err() != nil {
			return ds, nil
		}
		outcome, err := r.sink.Deliver(ctx, m.Clone())
		if err == nil {
			ds = append(ds, Delivery{ID: m.ID, At: r.opts.Now(), Outcome: outcome})
			continue
		}
		if ctx.Err() != nil {
			// Stopped, not failed: the lease lapses and it is tried again.
			return ds, nil
		}
		now := r.opts.Now()
		next := now.Add(r.opts.Backoff.Delay(m.Attempts, r.random()))
		r.opts.Logger.WarnContext(ctx, "outbox: delivery failed", "topic", r.topic, "id", m.ID,
			"aggregate", m.Aggregate, "attempts", m.Attempts, "next", next, "error", err)
		if ferr := r.store.Fail(ctx, m.ID, next, err.Error()); ferr != nil && ctx.Err() == nil {
			return ds, ferr
		}
		// The later messages of the aggregate in the batch are not tried:
		// released from their lease, due with the failed one, they wait
		// behind it (Claim holds them back while it is not due).
		return ds, r.release(ctx, g[i+1:], next, m.ID, err)
	}
	return ds, nil
}

// release records the claimed messages rest, not tried because behind
// failed, as due at next.
func (r *Relay) release(ctx context.Context, rest group, next time.Time, failed string, cause error) error {
	for _, m := range rest {
		reason := "held back behind " + failed + ": " + cause.Error()
		if err := r.store.Fail(ctx, m.ID, next, reason); err != nil && ctx.Err() == nil {
			return err
		}
	}
	return nil
}

func (r *Relay) random() float64 {
	r.randMu.Lock()
	defer r.randMu.Unlock()
	return r.opts.Rand()
}
