package masar

import (
	"context"
	"slices"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/page"
)

// FileGrievanceInput is what an employee gives to file a grievance.
type FileGrievanceInput struct {
	// Kind selects the legal rules (administrative decision, rights claim,
	// performance rating).
	Kind grievance.Kind `json:"kind"`
	// Agency is the code of the agency the grievance is against.
	Agency string `json:"agency"`
	// Decision is the contested decision: number, date, date learnt of it.
	Decision grievance.Decision `json:"decision"`
	// Subject, SubSubject and Description say what is contested and why.
	Subject     string `json:"subject"`
	SubSubject  string `json:"sub_subject"`
	Description string `json:"description"`
	// Attachments are supporting documents' metadata.
	Attachments []grievance.Attachment `json:"attachments"`
	// LateClaim is the filer's claim of an exception to the filing period,
	// for a filing after it (see grievance.FileCommand.LateClaim): the
	// grievance is then filed with a pending limitation, for the deciding
	// body to record the exception (RecordGrievanceException).
	LateClaim string `json:"late_claim,omitempty"`
}

// FileGrievance files a grievance for the actor under the grievance
// service's eligibility policy (identity.Grievances: by default a Saudi
// national with a Nafath account and a permission on the service): the
// runner decides, and the grievance service takes its decision as it is, so one refusal lists every failed condition of the policy
// together with the filing window's.
func (c *Client) FileGrievance(ctx context.Context, a Actor, in FileGrievanceInput) (grievance.Grievance, error) {
	var out grievance.Grievance
	err := c.do(ctx, a, UseFileGrievance, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{subject: a.NationalID, agency: in.Agency}); err != nil {
			return err
		}
		// The runner decided the policy (the table's row hands the decision
		// on: DomainRefuses); the grievance service refuses with it.
		g, err := c.grievances.File(ctx, grievance.FileCommand{
			Actor: cl.grievanceActor(), Eligibility: *cl.decision,
			Kind: in.Kind, Agency: in.Agency, Decision: in.Decision, Subject: in.Subject,
			SubSubject: in.SubSubject, Description: in.Description, Attachments: in.Attachments,
			LateClaim: in.LateClaim,
		})
		if err != nil {
			return err
		}
		cl.resource = g.TrackingNumber.String()
		cl.changes = []audit.Change{{Field: "status", New: string(g.Status)}}
		out = g
		return cl.grievanceEvent(ctx, EventGrievanceFiled, g)
	})
	return only(out, err)
}

// Grievance returns one grievance: to its filer, to HR of the agency it is
// against, and to that agency's committee for committee kinds.
func (c *Client) Grievance(ctx context.Context, a Actor, id string) (grievance.Grievance, error) {
	return c.onGrievance(ctx, a, UseViewGrievance, byID(c, id), func(_ context.Context, _ *call, g grievance.Grievance) (grievance.Grievance, error) {
		return g, nil
	})
}

// GrievanceByTrackingNumber returns the grievance a person follows by its
// tracking number (GRV-1447-000123, in any form grievance.ParseTrackingNumber
// reads; numbers are unique nationally), under the same authorization as
// Grievance: its filer, HR of the agency it is against, and that agency's
// committee for committee kinds. Errors: grievance.ErrInvalidTrackingNumber
// (invalid) for text that is not a tracking number; grievance.ErrNotFound
// for a number no grievance has; ErrDenied (audited, with the number as
// the resource) for anyone else.
func (c *Client) GrievanceByTrackingNumber(ctx context.Context, a Actor, trackingNumber string) (grievance.Grievance, error) {
	return c.onGrievance(ctx, a, UseViewGrievance, byTrackingNumber(c, trackingNumber), func(_ context.Context, _ *call, g grievance.Grievance) (grievance.Grievance, error) {
		return g, nil
	})
}

// MyGrievances lists one page of the grievances the actor filed, oldest
// first (by filing instant, then ID). p.Limit is the page size (0:
// page.DefaultLimit, at most page.MaxLimit); pass the page's Next as
// p.After for the next page, until Next is "".
func (c *Client) MyGrievances(ctx context.Context, a Actor, p PageRequest) (page.Page[grievance.Grievance], error) {
	var out page.Page[grievance.Grievance]
	err := c.do(ctx, a, UseViewGrievance, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{subject: a.NationalID}); err != nil {
			return err
		}
		var err error
		out, err = c.grievances.List(ctx, grievance.Filter{Filer: a.NationalID, After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// AgencyGrievances lists one page of the grievances against the actor's
// agency (HR, and committee members for committee kinds), oldest first,
// filtered by f's Filer, TrackingNumber, Kinds, Statuses and
// AnswerDueBefore; f.Agency is set to the actor's agency, and f's After
// and Limit give way to p's. p.Limit is the page size (0:
// page.DefaultLimit, at most page.MaxLimit); pass the page's Next as
// p.After for the next page, until Next is "".
func (c *Client) AgencyGrievances(ctx context.Context, a Actor, f grievance.Filter, p PageRequest) (page.Page[grievance.Grievance], error) {
	var out page.Page[grievance.Grievance]
	err := c.do(ctx, a, UseListGrievances, func(ctx context.Context, cl *call) error {
		// The agency's list may hold committee grievances; a committee
		// member's permit reaches only those, so it sees only those kinds.
		if err := cl.authorize(ctx, target{agency: a.Agency, committee: true}); err != nil {
			return err
		}
		f.Agency, f.After, f.Limit = a.Agency, p.After, p.Limit
		if cl.role == RoleCommittee {
			// Only committee kinds; none left means nothing to list (an
			// empty Kinds would match every kind).
			if f.Kinds = c.committeeKinds(f.Kinds); len(f.Kinds) == 0 {
				out = page.Page[grievance.Grievance]{Items: []grievance.Grievance{}}
				return nil
			}
		}
		var err error
		out, err = c.grievances.List(ctx, f)
		return err
	})
	return only(out, err)
}

// GrievanceAction is an action on a grievance: the grievance, named by its
// ID or, when ID is empty, by its tracking number (as people and URLs name
// it, in any form grievance.ParseTrackingNumber reads), the version the
// actor saw (0 skips the check) and a note. Named by tracking number, the
// action reads the grievance once, in its own transaction, and audits only
// itself: text that is not a tracking number is
// grievance.ErrInvalidTrackingNumber, a number no grievance has
// grievance.ErrNotFound.
type GrievanceAction struct {
	ID             string `json:"id"`
	TrackingNumber string `json:"tracking_number,omitempty"`
	Version        int64  `json:"version"`
	Note           string `json:"note"`
}

// WithdrawGrievance withdraws the actor's own grievance before it is answered.
func (c *Client) WithdrawGrievance(ctx context.Context, a Actor, in GrievanceAction) (grievance.Grievance, error) {
	return c.transition(ctx, a, UseWithdrawGrievance, in, func(ctx context.Context, cmd grievance.Command) (grievance.Grievance, error) {
		return c.grievances.Withdraw(ctx, cmd)
	})
}

// ProvideGrievanceInfo answers the agency's request for information on the
// actor's own grievance, optionally with more attachments.
func (c *Client) ProvideGrievanceInfo(ctx context.Context, a Actor, in GrievanceAction, attachments []grievance.Attachment) (grievance.Grievance, error) {
	return c.transition(ctx, a, UseProvideInfo, in, func(ctx context.Context, cmd grievance.Command) (grievance.Grievance, error) {
		return c.grievances.ProvideInfo(ctx, grievance.ProvideInfoCommand{Command: cmd, Attachments: attachments})
	})
}

// EscalateGrievance escalates a rejected or deemed-rejected grievance to a
// route its kind allows (the filer, or the agency's HR manager).
func (c *Client) EscalateGrievance(ctx context.Context, a Actor, in GrievanceAction, route grievance.Route) (grievance.Grievance, error) {
	return c.transition(ctx, a, UseEscalateGrievance, in, func(ctx context.Context, cmd grievance.Command) (grievance.Grievance, error) {
		return c.grievances.Escalate(ctx, grievance.EscalateCommand{Command: cmd, Route: route})
	})
}

// RecordGrievanceException records, on a grievance filed after its filing
// period under the filer's claim of an exception (grievance.Limitation
// pending), the exception the deciding body accepts under BoG Procedure
// Law art 8(1): the defendant admits the right (grievance.GroundAdmitted),
// or an accepted excuse (grievance.GroundExcuse), with its reasons. The
// body that answers the grievance records it: the agency's HR manager, or
// its committee for a committee kind, never on their own grievance. The
// audit entry records the ground and the reasons. Until it is recorded the
// grievance may only be rejected.
func (c *Client) RecordGrievanceException(ctx context.Context, a Actor, in GrievanceAction, ground grievance.LimitationGround, reason string) (grievance.Grievance, error) {
	return c.onGrievance(ctx, a, UseRecordGrievanceException, byAction(c, in), func(ctx context.Context, cl *call, g grievance.Grievance) (grievance.Grievance, error) {
		next, err := c.grievances.RecordException(ctx, grievance.ExceptionCommand{
			Command: grievance.Command{ID: g.ID, Version: in.Version, Actor: cl.grievanceActor(), Note: in.Note},
			Ground:  ground, Reason: reason,
		})
		if err != nil {
			return grievance.Grievance{}, err
		}
		cl.changes = []audit.Change{
			{Field: "limitation.ground", New: string(next.Limitation.Ground)},
			{Field: "limitation.reason", New: next.Limitation.Reason},
		}
		return next, nil
	})
}

// ReopenGrievance reopens the actor's closed grievance, once, within the
// reopen window; in.Note is the reason.
func (c *Client) ReopenGrievance(ctx context.Context, a Actor, in GrievanceAction) (grievance.Grievance, error) {
	return c.transition(ctx, a, UseReopenGrievance, in, func(ctx context.Context, cmd grievance.Command) (grievance.Grievance, error) {
		return c.grievances.Reopen(ctx, cmd)
	})
}

// StartGrievanceReview puts a submitted grievance under review (HR, or the
// committee for committee kinds).
func (c *Client) StartGrievanceReview(ctx context.Context, a Actor, in GrievanceAction) (grievance.Grievance, error) {
	return c.transition(ctx, a, UseWorkGrievance, in, func(ctx context.Context, cmd grievance.Command) (grievance.Grievance, error) {
		return c.grievances.StartReview(ctx, cmd)
	})
}

// ReturnGrievanceForInfo asks the filer for more information; in.Note says what.
func (c *Client) ReturnGrievanceForInfo(ctx context.Context, a Actor, in GrievanceAction) (grievance.Grievance, error) {
	return c.transition(ctx, a, UseWorkGrievance, in, func(ctx context.Context, cmd grievance.Command) (grievance.Grievance, error) {
		return c.grievances.ReturnForInfo(ctx, cmd)
	})
}

// CloseGrievance closes an answered or deemed-rejected grievance (HR of the
// agency; a committee only recommends).
func (c *Client) CloseGrievance(ctx context.Context, a Actor, in GrievanceAction) (grievance.Grievance, error) {
	return c.transition(ctx, a, UseCloseGrievance, in, func(ctx context.Context, cmd grievance.Command) (grievance.Grievance, error) {
		return c.grievances.Close(ctx, cmd)
	})
}

// AnswerGrievance answers a grievance under review (the agency's HR manager,
// or the committee for committee kinds). A rejection or partial acceptance
// must give its reasons in response.
func (c *Client) AnswerGrievance(ctx context.Context, a Actor, in GrievanceAction, outcome grievance.Outcome, response string) (grievance.Grievance, error) {
	return c.transition(ctx, a, UseAnswerGrievance, in, func(ctx context.Context, cmd grievance.Command) (grievance.Grievance, error) {
		return c.grievances.Answer(ctx, grievance.AnswerCommand{Command: cmd, Outcome: outcome, Response: response})
	})
}

// SweepGrievances marks every grievance whose answer period has passed as
// deemed rejected. It is the host's scheduled job (run it daily), not a
// person's call: it runs under the system actor, in one transaction with one
// audit entry per grievance it marks (subject: the filer), so an auditor
// searching by person sees it. It is idempotent.
func (c *Client) SweepGrievances(ctx context.Context) (grievance.SweepResult, error) {
	var out grievance.SweepResult
	sys := Actor{NationalID: grievance.SystemActor().NationalID}
	err := c.do(ctx, sys, UseSweepGrievances, func(ctx context.Context, cl *call) error {
		res, err := c.grievances.Sweep(ctx, cl.at)
		if err != nil {
			return err
		}
		out = res
		for _, g := range res.Deemed {
			cl.addSubject(target{subject: g.Filer, agency: g.Agency}, g.TrackingNumber.String(),
				[]audit.Change{{Field: "status", Old: string(g.History[len(g.History)-1].From), New: string(g.Status)}})
			if err := cl.grievanceEvent(ctx, EventGrievanceDeemedRejected, g); err != nil {
				return err
			}
		}
		cl.perSubject = true
		return nil
	})
	if err != nil {
		return grievance.SweepResult{}, err
	}
	return out, nil
}

// grievanceLoader reads the grievance a call acts on.
type grievanceLoader func(ctx context.Context, cl *call) (grievance.Grievance, error)

// byID loads a grievance by its ID.
func byID(c *Client, id string) grievanceLoader {
	return func(ctx context.Context, _ *call) (grievance.Grievance, error) { return c.grievances.Get(ctx, id) }
}

// byTrackingNumber loads a grievance by its tracking number; the number,
// when it is one, is the audit entry's resource even if no grievance has it.
func byTrackingNumber(c *Client, trackingNumber string) grievanceLoader {
	return func(ctx context.Context, cl *call) (grievance.Grievance, error) {
		if n, err := grievance.ParseTrackingNumber(trackingNumber); err == nil {
			cl.resource = n.String()
		}
		return c.grievances.GetByTrackingNumber(ctx, trackingNumber)
	}
}

// byAction loads the grievance an action names: by ID, else by tracking number.
func byAction(c *Client, in GrievanceAction) grievanceLoader {
	if in.ID == "" && in.TrackingNumber != "" {
		return byTrackingNumber(c, in.TrackingNumber)
	}
	return byID(c, in.ID)
}

// onGrievance loads a grievance, authorizes the actor on it, and runs fn.
func (c *Client) onGrievance(ctx context.Context, a Actor, uc UseCase, load grievanceLoader, fn func(ctx context.Context, cl *call, g grievance.Grievance) (grievance.Grievance, error)) (grievance.Grievance, error) {
	var out grievance.Grievance
	err := c.do(ctx, a, uc, func(ctx context.Context, cl *call) error {
		g, err := load(ctx, cl)
		if err != nil {
			return err
		}
		cl.resource = g.TrackingNumber.String()
		if err := cl.authorize(ctx, target{subject: g.Filer, agency: g.Agency, committee: c.grievances.Rules()[g.Kind].Committee}); err != nil {
			return err
		}
		out, err = fn(ctx, cl, g)
		return err
	})
	return only(out, err)
}

// transition runs one state change on a grievance and audits its status change.
func (c *Client) transition(ctx context.Context, a Actor, uc UseCase, in GrievanceAction, fn func(ctx context.Context, cmd grievance.Command) (grievance.Grievance, error)) (grievance.Grievance, error) {
	return c.onGrievance(ctx, a, uc, byAction(c, in), func(ctx context.Context, cl *call, g grievance.Grievance) (grievance.Grievance, error) {
		next, err := fn(ctx, grievance.Command{ID: g.ID, Version: in.Version, Actor: cl.grievanceActor(), Note: in.Note})
		if err != nil {
			return grievance.Grievance{}, err
		}
		cl.changes = []audit.Change{{Field: "status", Old: string(g.Status), New: string(next.Status)}}
		if uc == UseAnswerGrievance {
			return next, cl.grievanceEvent(ctx, EventGrievanceAnswered, next)
		}
		return next, nil
	})
}

// grievanceActor maps the call's actor, in the role that allowed the call,
// onto the grievance package's actor.
func (cl *call) grievanceActor() grievance.Actor {
	role := grievance.RoleFiler
	switch cl.role {
	case RoleHRSpecialist:
		role = grievance.RoleHRSpecialist
	case RoleHRManager:
		role = grievance.RoleHRManager
	case RoleCommittee:
		role = grievance.RoleCommitteeMember
	}
	return grievance.Actor{NationalID: cl.actor.NationalID, Role: role, Agency: cl.actor.Agency}
}

// committeeKinds returns the committee kinds among asked (every committee
// kind when asked is empty), sorted; empty when none is left.
func (c *Client) committeeKinds(asked []grievance.Kind) []grievance.Kind {
	var ks []grievance.Kind
	for k, r := range c.grievances.Rules() {
		if r.Committee && (len(asked) == 0 || slices.Contains(asked, k)) {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}
