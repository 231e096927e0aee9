package recordstest

import (
	"context"
	"sync"

	"github.com/masarhr/masar-go/records"
)

var _ records.Notifier = (*Notifications)(nil)

// Notifications is a records.Notifier that records every decision it is told
// of. Set Err to make it fail. It is safe for concurrent use.
type Notifications struct {
	mu  sync.Mutex
	got []records.Correction
	// Err, if set, is returned by every call (after recording it).
	Err error `json:"-"`
}

// CorrectionDecided records c.
func (n *Notifications) CorrectionDecided(_ context.Context, c records.Correction) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.got = append(n.got, c.Clone())
	return n.Err
}

// Decisions returns copies of the decisions recorded so far, in order.
func (n *Notifications) Decisions() []records.Correction {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := make([]records.Correction, len(n.got))
	for i, c := range n.got {
		out[i] = c.Clone()
	}
	return out
}
