package masar

import (
	"context"
	"time"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/identity"
)

// AuditQuery selects audit entries. Zero fields match everything.
type AuditQuery struct {
	// Subject selects entries about a person.
	Subject identity.NationalID `json:"subject,omitzero"`
	// Actor selects entries by a person.
	Actor identity.NationalID `json:"actor,omitzero"`
	// Agency selects entries whose data belongs to an agency.
	Agency string `json:"agency,omitempty"`
	// Action selects one use case.
	Action UseCase `json:"action,omitempty"`
	// From (inclusive) bounds the entries' time.
	From time.Time `json:"from,omitzero"`
	// To (exclusive) bounds the entries' time.
	To time.Time `json:"to,omitzero"`
	// After continues from the last entry of the previous page: pass its ID.
	After string `json:"after,omitempty"`
	// Limit caps the page (0: audit.DefaultLimit; at most audit.MaxLimit).
	Limit int `json:"limit,omitempty"`
}

// AuditTrail returns audit entries for a ministry auditor, by subject, actor,
// agency, action and period, oldest first. The query is itself audited.
func (c *Client) AuditTrail(ctx context.Context, a Actor, q AuditQuery) ([]audit.Entry, error) {
	var out []audit.Entry
	err := c.do(ctx, a, UseQueryAudit, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{subject: q.Subject, agency: q.Agency}); err != nil {
			return err
		}
		f := audit.Filter{Agency: q.Agency, Action: string(q.Action), From: q.From, To: q.To, After: q.After, Limit: q.Limit}
		if !q.Subject.IsZero() {
			f.Subject = audit.NewRef(c.auditKey, q.Subject.String())
		}
		if !q.Actor.IsZero() {
			f.Actor = audit.NewRef(c.auditKey, q.Actor.String())
		}
		es, err := c.stores.Audit.ListAudit(ctx, f)
		out = es
		return err
	})
	return out, err
}
