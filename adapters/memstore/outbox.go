package memstore

import (
	"context"
	"slices"
	"time"

	"github.com/masarhr/masar-go/outbox"
)

var _ outbox.Store = (*Store)(nil)

// outboxData holds the outbox's state: the messages by ID and their IDs
// in Seq order.
type outboxData struct {
	msgs  map[string]outbox.Message
	order []string // IDs in Seq order
	seq   int64    // the last Seq assigned; never undone, like a database sequence
}

func (d *outboxData) init() {
	d.msgs = make(map[string]outbox.Message)
}

func outboxInstant(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Microsecond)
}

// storedMessage returns m as the store keeps it: instants in UTC to the
// microsecond, the payload copied.
func storedMessage(m outbox.Message) outbox.Message {
	m = m.Clone()
	m.CreatedAt, m.NextAttemptAt = outboxInstant(m.CreatedAt), outboxInstant(m.NextAttemptAt)
	m.DeliveredAt = outboxInstant(m.DeliveredAt)
	return m
}

// Append implements outbox.Store.
func (s *Store) Append(ctx context.Context, ms ...outbox.Message) ([]outbox.Message, error) {
	out := make([]outbox.Message, len(ms))
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.ob
		seen := make(map[string]bool, len(ms))
		for _, m := range ms {
			if _, ok := d.msgs[m.ID]; ok || seen[m.ID] {
				return outbox.ErrConflict
			}
			seen[m.ID] = true
		}
		ids := make([]string, len(ms))
		for i, m := range ms {
			m = storedMessage(m)
			d.seq++
			m.Seq = d.seq
			if m.NextAttemptAt.IsZero() {
				m.NextAttemptAt = m.CreatedAt
			}
			put(u, d.msgs, m.ID, m)
			ids[i] = m.ID
			out[i] = m.Clone()
		}
		appendTo(u, &d.order, ids...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Claim implements outbox.Store: one pass over the messages in Seq order.
func (s *Store) Claim(ctx context.Context, topic string, now time.Time, lease time.Duration, limit int) ([]outbox.Message, error) {
	var out []outbox.Message
	now = outboxInstant(now)
	until := outboxInstant(now.Add(lease))
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.ob
		held := make(map[string]bool)
		for _, id := range d.order {
			if limit > 0 && len(out) >= limit {
				break
			}
			m := d.msgs[id]
			if m.Topic != topic || !m.Pending() || held[m.Aggregate] {
				continue
			}
			if m.NextAttemptAt.After(now) {
				held[m.Aggregate] = true
				continue
			}
			m.Attempts++
			m.NextAttemptAt = until
			put(u, d.msgs, id, m)
			out = append(out, m.Clone())
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// MarkDelivered implements outbox.Store.
func (s *Store) MarkDelivered(ctx context.Context, ds ...outbox.Delivery) error {
	return s.update(ctx, func(u *undoLog) error {
		d := &s.ob
		for _, dl := range ds {
			if _, ok := d.msgs[dl.ID]; !ok {
				return outbox.ErrNotFound
			}
		}
		for _, dl := range ds {
			m := d.msgs[dl.ID]
			if !m.Pending() {
				continue
			}
			m.DeliveredAt, m.Outcome = outboxInstant(dl.At), dl.Outcome
			if m.DeliveredAt.IsZero() {
				m.DeliveredAt = time.Unix(0, 0).UTC()
			}
			put(u, d.msgs, dl.ID, m)
		}
		return nil
	})
}

// Fail implements outbox.Store.
func (s *Store) Fail(ctx context.Context, id string, next time.Time, reason string) error {
	return s.update(ctx, func(u *undoLog) error {
		m, ok := s.ob.msgs[id]
		if !ok {
			return outbox.ErrNotFound
		}
		if !m.Pending() {
			return nil
		}
		m.NextAttemptAt, m.LastError = outboxInstant(next), reason
		put(u, s.ob.msgs, id, m)
		return nil
	})
}

// List implements outbox.Store.
func (s *Store) List(ctx context.Context, f outbox.Filter) ([]outbox.Message, error) {
	var out []outbox.Message
	err := s.view(ctx, func() error {
		d := &s.ob
		start := 0
		if f.After != "" {
			m, ok := d.msgs[f.After]
			if !ok {
				return outbox.ErrCursorNotFound
			}
			start, _ = slices.BinarySearchFunc(d.order, m.Seq, func(id string, seq int64) int {
				return compareInt(d.msgs[id].Seq, seq)
			})
			start++
		}
		for _, id := range d.order[start:] {
			if f.Limit > 0 && len(out) >= f.Limit {
				break
			}
			m := d.msgs[id]
			if (f.Topic == "" || m.Topic == f.Topic) && (f.Kind == "" || m.Kind == f.Kind) &&
				(f.Aggregate == "" || m.Aggregate == f.Aggregate) && (!f.Pending || m.Pending()) {
				out = append(out, m.Clone())
			}
		}
		return nil
	})
	return out, err
}

func compareInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Get implements outbox.Store.
func (s *Store) Get(ctx context.Context, id string) (outbox.Message, error) {
	var out outbox.Message
	err := s.view(ctx, func() error {
		m, ok := s.ob.msgs[id]
		if !ok {
			return outbox.ErrNotFound
		}
		out = m.Clone()
		return nil
	})
	return out, err
}

// Replay implements outbox.Store.
func (s *Store) Replay(ctx context.Context, id string, at time.Time) error {
	return s.update(ctx, func(u *undoLog) error {
		m, ok := s.ob.msgs[id]
		if !ok {
			return outbox.ErrNotFound
		}
		m.NextAttemptAt, m.Attempts, m.LastError = outboxInstant(at), 0, ""
		m.DeliveredAt, m.Outcome = time.Time{}, ""
		put(u, s.ob.msgs, id, m)
		return nil
	})
}

// Prune implements outbox.Store.
func (s *Store) Prune(ctx context.Context, topic string, before time.Time) (int, error) {
	n := 0
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.ob
		kept := make([]string, 0, len(d.order))
		for _, id := range d.order {
			m := d.msgs[id]
			if m.Topic == topic && !m.Pending() && m.DeliveredAt.Before(before) {
				remove(u, d.msgs, id)
				n++
				continue
			}
			kept = append(kept, id)
		}
		if n > 0 {
			old := d.order
			d.order = kept
			*u = append(*u, func() { d.order = old })
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
