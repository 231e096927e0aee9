package masar

import (
	"context"
	"errors"
	"time"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/ids"
)

// call is one use case in progress: who, what, and — once the use case has
// loaded it — whose data, for the authorization check and the audit entry.
type call struct {
	c          *Client
	actor      Actor
	uc         UseCase
	flow       flow
	at         time.Time
	tg         target
	authorized bool
	role       Role // the role whose permit allowed the call
	// decision is the eligibility decision of the use case's Masar service
	// for the actor, when the permit that allowed the call asks for one.
	decision *identity.Decision
	resource string
	changes  []audit.Change
	// perSubject, set by a call about several people (the sweep), makes the
	// audit trail hold one entry per subject (subjects) instead of one.
	perSubject bool
	subjects   []audit.Entry
	// after runs once the call has committed: notifications of decisions a
	// rollback would undo.
	after []func(context.Context)
}

// errNotAuthorized guards against a use case that forgot its check: it fails
// closed.
var errNotAuthorized = fault.ErrInternal.Because("masar.unchecked", "internal error", "خطأ داخلي")

// do is the one runner of every Client call. fn loads what the use case acts
// on, calls cl.authorize with it before it returns data or changes anything
// (the authorization table, then the eligibility policy of the use case's
// Masar service), and does the work; do then appends the audit entry in the
// same transaction as the change, and runs what must wait for the commit.
// On failure nothing is kept but an entry saying who was denied or failed.
//
// The flow of the use case changes two things: a public flow (before
// sign-in) needs no authorization and commits what fn kept even when fn
// fails (a wrong mobile code is counted, so brute force locks), with its
// audit entry; a system flow (the scheduled sweep) runs as the system actor.
//
// A read (IsRead) changes nothing to commit with its entry: when the
// stores have read-only transactions, fn reads in one, and the entry is
// committed with those of concurrent calls (groupCommit) before the call
// returns, so that reads neither serialise on the write lock nor return a
// person's data without its entry being durable.
func (c *Client) do(ctx context.Context, actor Actor, uc UseCase, fn func(ctx context.Context, cl *call) error) error {
	cl := &call{c: c, actor: actor, uc: uc, flow: flowOf(uc), at: c.now().UTC().Truncate(time.Microsecond)}
	cl.authorized = cl.flow != actorFlow
	if err := actor.validate(); err != nil {
		cl.actor = actor.known() // the trail keeps what it can hold
		return c.auditFailure(ctx, cl, err)
	}
	if rt, ok := c.readTx(ctx, uc); ok {
		return c.doRead(ctx, rt, cl, fn)
	}
	var callErr error
	err := c.stores.Tx.InTx(ctx, func(ctx context.Context) error {
		callErr = fn(ctx, cl)
		if callErr == nil && !cl.authorized {
			callErr = errNotAuthorized
		}
		if callErr != nil && cl.flow != publicFlow {
			return callErr
		}
		return cl.audit(ctx, callErr)
	})
	switch {
	case callErr == nil && err == nil:
		for _, f := range cl.after {
			f(ctx)
		}
		return nil
	case callErr != nil && cl.flow == publicFlow && err == nil:
		return callErr // its failure entry committed with what it kept
	case callErr != nil:
		// A public flow whose transaction failed lost its entry with it.
		err = callErr
	}
	return c.auditFailure(ctx, cl, err)
}

// audit appends the call's entries: one, or one per subject. callErr is the
// failure of a public flow, audited as failed.
func (cl *call) audit(ctx context.Context, callErr error) error {
	for _, e := range cl.entries(callErr) {
		if err := cl.c.stores.Audit.AppendAudit(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// entries returns the call's entries: one, or one per subject. callErr is
// the failure of a public flow, audited as failed.
func (cl *call) entries(callErr error) []audit.Entry {
	o, code := audit.Succeeded, ""
	if callErr != nil {
		o, code = audit.Failed, string(fault.CodeOf(callErr))
	}
	if !cl.perSubject || callErr != nil {
		return []audit.Entry{cl.entry(o, code)}
	}
	return cl.subjects
}

// auditFailure records, outside the rolled-back transaction, that the call
// was denied or failed, and returns err (through the group commit when the
// stores have read transactions and ctx carries none of theirs). A caller who hung up is recorded
// all the same: when ctx has ended, the entry is written on a context
// detached from its cancellation, bounded by Config.FailureAuditTimeout.
func (c *Client) auditFailure(ctx context.Context, cl *call, err error) error {
	outcome := audit.Failed
	if fault.CodeOf(err) == fault.PermissionDenied {
		outcome = audit.Denied
	}
	e := cl.entry(outcome, string(fault.CodeOf(err)))
	var aerr error
	if c.detachedAudit(ctx) {
		aerr = c.group.append(ctx, []audit.Entry{e}) // detached and bounded itself
	} else {
		if ctx.Err() != nil {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), c.failureAuditTimeout)
			defer cancel()
		}
		aerr = c.stores.Audit.AppendAudit(ctx, e)
	}
	if aerr != nil {
		c.log.ErrorContext(ctx, "masar: audit entry for a failed call not written", "action", string(cl.uc), "error", aerr)
		return errors.Join(err, aerr)
	}
	return err
}

// afterCommit runs f once the call has committed; never if it rolls back.
func (cl *call) afterCommit(f func(context.Context)) { cl.after = append(cl.after, f) }

// today returns the call's instant in the civil time zone.
func (cl *call) today() time.Time { return cl.at.In(cl.c.loc) }

// entry returns the call's audit entry with outcome o.
func (cl *call) entry(o audit.Outcome, code string) audit.Entry {
	return cl.entryFor(cl.tg, cl.resource, o, code, cl.changes)
}

// addSubject adds the entry of one subject of a call about several people.
func (cl *call) addSubject(tg target, resource string, changes []audit.Change) {
	cl.perSubject = true
	cl.subjects = append(cl.subjects, cl.entryFor(tg, resource, audit.Succeeded, "", changes))
}

func (cl *call) entryFor(tg target, resource string, o audit.Outcome, code string, changes []audit.Change) audit.Entry {
	e := audit.Entry{
		ID: ids.NewOrdered(cl.at), At: cl.at,
		Actor: audit.NewRef(cl.c.auditKey, cl.actor.NationalID.String()), ActorMasked: cl.actor.NationalID.Masked(),
		ActorRoles: cl.actor.roleNames(), ActorAgency: cl.actor.Agency,
		Action: string(cl.uc), Agency: tg.agency, Resource: resource, Outcome: o, Code: code,
	}
	if !tg.subject.IsZero() {
		e.Subject = audit.NewRef(cl.c.auditKey, tg.subject.String())
		e.SubjectMasked = tg.subject.Masked()
	}
	if o == audit.Succeeded {
		e.Changes = changes
	}
	return e
}

// authorize checks the actor may perform the call's use case on tg: a
// permit of the authorization table reaches tg, and, when that permit says
// so, the actor meets the eligibility policy of the use case's Masar
// service. It records tg for the audit entry. Denials match
// ErrPermissionDenied; an eligibility refusal matches
// identity.ErrNotEligible and lists every failed condition.
func (cl *call) authorize(ctx context.Context, tg target) error {
	cl.tg = tg
	rule := cl.c.rules[cl.uc]
	for _, p := range rule.Permits {
		if !cl.actor.Has(p.Role) {
			continue
		}
		ok, err := cl.c.inScope(ctx, cl.actor, p, tg)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := cl.checkEligibility(ctx, rule, p); err != nil {
			return err
		}
		cl.authorized = true
		cl.role = p.Role
		return nil
	}
	return ErrDenied.Because("masar.permission_denied",
		"you do not have permission to do this", "ليست لديك صلاحية للقيام بهذا الإجراء")
}

// checkEligibility applies the policy of rule's service to the actor when
// permit p asks for it. The decision is kept on the call; a refusal is
// returned unless the use case hands the decision to its domain service,
// which refuses with it and its own reasons together (filing a grievance).
func (cl *call) checkEligibility(ctx context.Context, rule Rule, p Permit) error {
	if !p.Eligible || rule.Service == "" {
		return nil
	}
	var sys identity.EmploymentSystem
	if f := cl.tg.file; f != nil && f.NationalID == cl.actor.NationalID {
		sys = identity.EmploymentSystem(f.EmploymentSystem)
	}
	d, err := cl.c.identity.CheckEligibilityWith(ctx, cl.actor.NationalID, rule.Service, cl.actor.Services, sys)
	if err != nil {
		return err
	}
	cl.decision = &d
	if rule.DomainRefuses {
		return nil
	}
	return d.Err()
}

func (c *Client) inScope(ctx context.Context, a Actor, p Permit, tg target) (bool, error) {
	if p.NotSelf && !tg.subject.IsZero() && a.NationalID == tg.subject {
		return false, nil
	}
	switch p.Scope {
	case ScopeAll:
		return true, nil
	case ScopeSelf:
		return !a.NationalID.IsZero() && a.NationalID == tg.subject, nil
	case ScopeAgency:
		return a.Agency != "" && a.Agency == tg.agency, nil
	case ScopeCommittee:
		return a.Agency != "" && a.Agency == tg.agency && tg.committee, nil
	case ScopeConsent:
		if a.Agency == "" || tg.subject.IsZero() {
			return false, nil
		}
		return c.identity.ConsentAllowed(ctx, a.Agency, tg.subject, p.Part)
	}
	return false, nil
}

// only returns out when err is nil, else out's zero value: a call that
// failed (its audit entry not committed, or denied) returns no data.
func only[T any](out T, err error) (T, error) {
	if err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}
