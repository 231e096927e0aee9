package masar

import (
	"context"
	"log/slog"

	"github.com/masarhr/masar-go/records"
)

type pendingKey struct{}

// pending collects what must happen only once a call's transaction has
// committed: notifications about decisions that a rollback would undo.
type pending struct{ fns []func(context.Context) }

// afterCommit runs fn after the current call commits, or at once outside a call.
func afterCommit(ctx context.Context, fn func(context.Context)) {
	if p, ok := ctx.Value(pendingKey{}).(*pending); ok {
		p.fns = append(p.fns, fn)
		return
	}
	fn(ctx)
}

// commitNotifier holds the host's records.Notifier back until the facade's
// transaction commits, so a rolled-back decision is never announced.
type commitNotifier struct {
	next records.Notifier
	log  *slog.Logger
}

// CorrectionDecided implements records.Notifier.
func (n commitNotifier) CorrectionDecided(ctx context.Context, c records.Correction) error {
	afterCommit(ctx, func(ctx context.Context) {
		if err := n.next.CorrectionDecided(ctx, c); err != nil {
			n.log.WarnContext(ctx, "masar: correction decision notification failed", "correction", c.ID, "error", err)
		}
	})
	return nil
}
