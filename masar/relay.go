package masar

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

// relays drain the outbox: domain events to the host's bus (and the
// correction Notifier), end-of-service packages to the pension agency.
type relays struct {
	events  *outbox.Relay
	pension *outbox.Relay // nil without a PensionAgency
	poll    time.Duration
	wake    map[string]chan struct{}
}

// newRelays builds the Client's relays from cfg.
func (c *Client) newRelays(cfg Config) *relays {
	opts := outbox.RelayOptions{}
	if cfg.Outbox != nil {
		opts = *cfg.Outbox
	}
	if opts.Now == nil {
		opts.Now = c.now
	}
	if opts.Logger == nil {
		opts.Logger = c.log
	}
	r := &relays{poll: opts.Poll, wake: map[string]chan struct{}{
		outbox.TopicEvents: make(chan struct{}, 1), outbox.TopicPension: make(chan struct{}, 1)}}
	if r.poll <= 0 {
		r.poll = time.Second
	}
	r.events = outbox.NewRelay(cfg.Stores.Outbox, outbox.TopicEvents, eventSink{c: c, bus: cfg.Events, notifier: cfg.Records.Notifier}, &opts)
	if cfg.Pension != nil {
		r.pension = outbox.NewRelay(cfg.Stores.Outbox, outbox.TopicPension, separation.HandoverSink(cfg.Pension), &opts)
	}
	return r
}

// kick wakes topic's relay, if it runs, after a commit that wrote to it.
func (r *relays) kick(topic string) {
	if r == nil {
		return
	}
	select {
	case r.wake[topic] <- struct{}{}:
	default:
	}
}

// RunOutbox delivers the outbox until ctx is done: domain events to
// Config.Events and the correction Notifier, end-of-service packages to
// Config.Pension (when set). It wakes when a call commits messages and
// polls every RelayOptions.Poll otherwise, so messages left by a crash, or
// waiting for their retry, go out too. Run it once per process (several
// processes are safe: the outbox leases what a relay claims). It returns
// ctx's error.
func (c *Client) RunOutbox(ctx context.Context) error {
	done := make(chan struct{})
	if c.relays.pension != nil {
		go func() { defer close(done); c.relays.loop(ctx, c.relays.pension, outbox.TopicPension) }()
	} else {
		close(done)
	}
	c.relays.loop(ctx, c.relays.events, outbox.TopicEvents)
	<-done
	return ctx.Err()
}

func (r *relays) loop(ctx context.Context, rl *outbox.Relay, topic string) {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-r.wake[topic]:
		}
		_, _ = rl.Drain(ctx) // failures are retried by the outbox; the relay logs them
		t.Reset(r.poll)
	}
}

// DrainOutbox delivers every message due now, events and packages, and
// returns how many were delivered: the host's scheduled job when it does not
// run RunOutbox, and a test's way to see what a call announced.
func (c *Client) DrainOutbox(ctx context.Context) (int, error) {
	n, err := c.relays.events.Drain(ctx)
	if c.relays.pension != nil {
		m, perr := c.relays.pension.Drain(ctx)
		n += m
		err = errors.Join(err, perr)
	}
	return n, err
}

// eventSink delivers a domain event to the host's bus, then to the
// Notifier (a correction decided). A failure of either fails the delivery,
// which is retried: the bus sees an event at least once (its consumers
// deduplicate on the event's ID), and the Notifier is told once it has
// answered, unless the process dies between its answer and the record.
type eventSink struct {
	c        *Client
	bus      outbox.Sink
	notifier records.Notifier
}

// Deliver implements outbox.Sink.
func (s eventSink) Deliver(ctx context.Context, m outbox.Message) (string, error) {
	var out string
	if s.bus != nil {
		var err error
		if out, err = s.bus.Deliver(ctx, m); err != nil {
			return "", err
		}
	}
	if m.Kind == EventCorrectionDecided && s.notifier != nil {
		var ev struct {
			Data CorrectionDecided `json:"data"`
		}
		if err := json.Unmarshal(m.Payload, &ev); err != nil {
			return "", err
		}
		r, err := s.c.stores.Records.GetCorrection(ctx, ev.Data.CorrectionID)
		if err != nil {
			return "", err
		}
		if err := s.notifier.CorrectionDecided(ctx, r); err != nil {
			return "", err
		}
	}
	return out, nil
}
