package masar

import (
	"context"
	"time"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/page"
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
	// Limit caps the page (0: audit.DefaultLimit; at most audit.MaxLimit-1).
	Limit int `json:"limit,omitempty"`
}

// AuditTrail returns one page of audit entries for a ministry auditor, by
// subject, actor, agency, action and period, oldest first; pass the page's
// Next as q.After for the next. The query is itself audited.
func (c *Client) AuditTrail(ctx context.Context, a Actor, q AuditQuery) (page.Page[audit.Entry], error) {
	var out page.Page[audit.Entry]
	err := c.do(ctx, a, UseQueryAudit, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{subject: q.Subject, agency: q.Agency}); err != nil {
			return err
		}
		// One entry more than the page, within the store's cap, tells
		// whether another page follows.
		limit := page.Limit(q.Limit, audit.DefaultLimit, audit.MaxLimit-1)
		f := audit.Filter{Agency: q.Agency, Action: string(q.Action), From: q.From, To: q.To, After: q.After, Limit: page.Fetch(limit)}
		if !q.Subject.IsZero() {
			f.Subject = audit.NewRef(c.auditKey, q.Subject.String())
		}
		if !q.Actor.IsZero() {
			f.Actor = audit.NewRef(c.auditKey, q.Actor.String())
		}
		es, err := c.stores.Audit.ListAudit(ctx, f)
		if err != nil {
			return err
		}
		out = page.New(es, limit, func(e audit.Entry) string { return e.ID })
		return nil
	})
	return only(out, err)
}
