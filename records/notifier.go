package records

import "context"

// Notifier is told of decisions on correction requests, so that the host can
// tell the employee (SMS, e-mail, an inbox). The Service calls it after the
// decision is stored; its error is logged (Options.Logger), never returned,
// because the decision stands. Implementations should return quickly: queue
// slow work.
type Notifier interface {
	// CorrectionDecided is called once per approval or rejection, with the
	// request as stored (Status approved or rejected, DecidedBy, DecidedAt,
	// DecisionNote, the new Version).
	CorrectionDecided(ctx context.Context, c Correction) error
}

// NopNotifier is a Notifier that does nothing; it is the default.
type NopNotifier struct{}

// CorrectionDecided does nothing.
func (NopNotifier) CorrectionDecided(context.Context, Correction) error { return nil }
