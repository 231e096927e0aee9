package masar

import (
	"context"

	"github.com/masarhr/masar-go/records"
)

// notifyDecision tells the host's records.Notifier of a decision on a
// correction request once the call has committed, so that a rolled-back
// decision is never announced. A failing notifier is logged: the decision
// stands.
func (cl *call) notifyDecision(r records.Correction) {
	n := cl.c.notifier
	if n == nil {
		return
	}
	cl.afterCommit(func(ctx context.Context) {
		if err := n.CorrectionDecided(ctx, r); err != nil {
			cl.c.log.WarnContext(ctx, "masar: correction decision notification failed", "correction", r.ID, "error", err)
		}
	})
}
