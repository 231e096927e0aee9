package masar

import (
	"context"
	"strconv"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

// SeparationRequest is an employee's request to end their own service:
// a resignation or an early retirement.
type SeparationRequest struct {
	Cause separation.Cause `json:"cause"`
	// Requested is the leaving date asked for (zero: none stated).
	Requested hijri.Date         `json:"requested,omitzero"`
	Note      string             `json:"note,omitempty"`
	Documents []records.Document `json:"documents,omitempty"`
}

// SeparationOpening is HR's case ending a person's service for one of the
// agency's causes (everything but a resignation or early retirement).
type SeparationOpening struct {
	Cause separation.Cause `json:"cause"`
	// Filed is the day the proceeding was received (zero: today).
	Filed hijri.Date `json:"filed,omitzero"`
	// Requested is the date the agency proposes (zero: the cause's rule).
	Requested    hijri.Date              `json:"requested,omitzero"`
	Grounds      separation.Grounds      `json:"grounds"`
	Entitlements separation.Entitlements `json:"entitlements,omitzero"`
	Note         string                  `json:"note,omitempty"`
	Documents    []records.Document      `json:"documents,omitempty"`
}

// SeparationDecision names a case and the version the actor read, with
// the decision's details: Decision (its number and date), Approval (the
// minister's, where one is needed), NotifiedOn (a medical incapacity's
// notification), To (a postponement's new leaving date), Reason (a
// postponement's or rejection's, required; a withdrawal's).
type SeparationDecision struct {
	ID         string           `json:"id"`
	Version    int64            `json:"version"`
	Decision   records.Decision `json:"decision,omitzero"`
	Approval   string           `json:"approval,omitempty"`
	NotifiedOn hijri.Date       `json:"notified_on,omitzero"`
	To         hijri.Date       `json:"to,omitzero"`
	Reason     string           `json:"reason,omitempty"`
}

// ServiceExtension extends a person's service beyond the statutory age to
// To by the minister's Decision (Reg 104, 105).
type ServiceExtension struct {
	To       hijri.Date       `json:"to"`
	Decision records.Decision `json:"decision"`
}

// RequestSeparation records the actor's resignation or early-retirement
// request on their own file (the Bayan service's eligibility applies); the
// rules are checked at once (separation.Service.Open).
func (c *Client) RequestSeparation(ctx context.Context, a Actor, in SeparationRequest) (separation.Case, error) {
	return c.openSeparation(ctx, a, UseRequestSeparation, a.NationalID, separation.OpenInput{
		Cause: in.Cause, Role: separation.RoleEmployee, Requested: in.Requested, Note: in.Note, Documents: in.Documents})
}

// OpenSeparation opens HR's case ending subject's service on a file of the
// actor's agency (not their own). A case whose cause ends service by force
// of law is accepted at once, and one whose last day has come ends in the
// same call: the end-of-service event, the settlement, the domain event
// and the pension package commit together.
func (c *Client) OpenSeparation(ctx context.Context, a Actor, subject identity.NationalID, in SeparationOpening) (separation.Case, error) {
	return c.openSeparation(ctx, a, UseOpenSeparation, subject, separation.OpenInput{
		Cause: in.Cause, Role: separation.RoleHR, Filed: in.Filed, Requested: in.Requested, Grounds: in.Grounds,
		Entitlements: in.Entitlements, Note: in.Note, Documents: in.Documents})
}

func (c *Client) openSeparation(ctx context.Context, a Actor, uc UseCase, subject identity.NationalID, in separation.OpenInput) (separation.Case, error) {
	var out separation.Case
	err := c.do(ctx, a, uc, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, subject)
		if err != nil {
			return err
		}
		in.EmployeeID, in.By = e.ID, a.NationalID
		out, err = c.separations.Open(ctx, in)
		if err != nil {
			return err
		}
		return cl.separationDone(ctx, "", out)
	})
	return only(out, err)
}

// onSeparation runs a decision on a case, authorized on the case's file as
// the Service reads it (its agency now: a case follows its file on
// transfer).
func (c *Client) onSeparation(ctx context.Context, a Actor, uc UseCase, act func(ctx context.Context, authorize func(separation.Case, records.Employee) error) (separation.Case, error)) (separation.Case, error) {
	var out separation.Case
	err := c.do(ctx, a, uc, func(ctx context.Context, cl *call) error {
		var before separation.State
		var err error
		out, err = act(ctx, func(sc separation.Case, e records.Employee) error {
			cl.resource, before = sc.ID, sc.State
			return cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e})
		})
		if err != nil {
			return err
		}
		return cl.separationDone(ctx, before, out)
	})
	return only(out, err)
}

// separationDone records a case's change for the audit trail and, when the
// case has ended, writes the end-of-service event and the pension package
// to the outbox in the call's transaction.
func (cl *call) separationDone(ctx context.Context, before separation.State, sc separation.Case) error {
	cl.resource = sc.ID
	cl.changes = separationChanges(before, sc)
	if sc.State != separation.Ended {
		return nil
	}
	return cl.c.handOver(ctx, cl, sc)
}

// handOver writes an ended case's domain event and its pension package
// (whose message ID is the case's: a case is handed over once).
func (c *Client) handOver(ctx context.Context, cl *call, sc separation.Case) error {
	agg := "separation:" + sc.ID
	if err := cl.emit(ctx, EventServiceEnded, agg, sc.AgencyID, sc.EmployeeID,
		ServiceEnded{CaseID: sc.ID, Cause: sc.Cause, LastDay: sc.LastDay}); err != nil {
		return err
	}
	p, err := c.separations.Package(ctx, sc)
	if err != nil {
		return err
	}
	return cl.enqueue(ctx, outbox.TopicPension, "separation.package", agg, sc.AgencyID, sc.EmployeeID, "pension:"+sc.ID, p)
}

// separationChanges lists a case's state for the audit trail.
func separationChanges(before separation.State, sc separation.Case) []audit.Change {
	ch := []audit.Change{{Field: "state", Old: string(before), New: string(sc.State)}}
	if before == "" {
		ch = append(ch, audit.Change{Field: "cause", New: string(sc.Cause)})
	}
	if !sc.LastDay.IsZero() {
		ch = append(ch, audit.Change{Field: "last_day", New: sc.LastDay.String()})
	}
	if !sc.PostponedTo.IsZero() {
		ch = append(ch, audit.Change{Field: "postponed_to", New: sc.PostponedTo.String()})
	}
	if s := sc.Settlement; s != nil {
		ch = append(ch, audit.Change{Field: "settlement.days", New: strconv.Itoa(s.Days)},
			audit.Change{Field: "settlement.amount", New: s.Amount.StringFixed(2)})
	}
	return ch
}

// AcceptSeparation accepts a case on a file of the actor's agency (the
// appointing authority: an HR manager, not on their own file) and sets its
// last day; service ends at once when that day has come, otherwise on it
// (SweepSeparations).
func (c *Client) AcceptSeparation(ctx context.Context, a Actor, in SeparationDecision) (separation.Case, error) {
	return c.onSeparation(ctx, a, UseDecideSeparation, func(ctx context.Context, auth func(separation.Case, records.Employee) error) (separation.Case, error) {
		return c.separations.Accept(ctx, separation.AcceptInput{ID: in.ID, Version: in.Version, By: a.NationalID,
			Decision: in.Decision, Approval: in.Approval, NotifiedOn: in.NotifiedOn, Authorize: auth})
	})
}

// PostponeSeparation postpones a resignation for the needs of work (Reg
// 215) to in.To, with a reason.
func (c *Client) PostponeSeparation(ctx context.Context, a Actor, in SeparationDecision) (separation.Case, error) {
	return c.onSeparation(ctx, a, UseDecideSeparation, func(ctx context.Context, auth func(separation.Case, records.Employee) error) (separation.Case, error) {
		return c.separations.Postpone(ctx, separation.PostponeInput{ID: in.ID, Version: in.Version, By: a.NationalID,
			To: in.To, Decision: in.Decision, Reason: in.Reason, Authorize: auth})
	})
}

// RejectSeparation refuses a request, or drops the agency's proceeding
// (an excuse accepted), with a reason.
func (c *Client) RejectSeparation(ctx context.Context, a Actor, in SeparationDecision) (separation.Case, error) {
	return c.onSeparation(ctx, a, UseDecideSeparation, func(ctx context.Context, auth func(separation.Case, records.Employee) error) (separation.Case, error) {
		return c.separations.Reject(ctx, separation.RejectInput{ID: in.ID, Version: in.Version, By: a.NationalID,
			Decision: in.Decision, Reason: in.Reason, Authorize: auth})
	})
}

// WithdrawSeparation withdraws the actor's own resignation or
// early-retirement request before its leaving date (Reg 217: once
// accepted, only with the minister's approval, in.Approval).
func (c *Client) WithdrawSeparation(ctx context.Context, a Actor, in SeparationDecision) (separation.Case, error) {
	return c.onSeparation(ctx, a, UseWithdrawSeparation, func(ctx context.Context, auth func(separation.Case, records.Employee) error) (separation.Case, error) {
		return c.separations.Withdraw(ctx, separation.WithdrawInput{ID: in.ID, Version: in.Version, By: a.NationalID,
			Role: separation.RoleEmployee, Approval: in.Approval, Reason: in.Reason, Authorize: auth})
	})
}

// Separation returns one case: to its employee and HR of the file's agency.
func (c *Client) Separation(ctx context.Context, a Actor, id string) (separation.Case, error) {
	var out separation.Case
	err := c.do(ctx, a, UseViewSeparation, func(ctx context.Context, cl *call) error {
		cl.resource = id
		sc, err := c.separations.Get(ctx, id)
		if err != nil {
			return err
		}
		e, err := c.records.GetEmployee(ctx, sc.EmployeeID)
		if err != nil {
			return err
		}
		if err := cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e}); err != nil {
			return err
		}
		out = sc
		return nil
	})
	return only(out, err)
}

// Separations lists a page of subject's cases, oldest first: to the
// person and HR of the file's agency.
func (c *Client) Separations(ctx context.Context, a Actor, subject identity.NationalID, p PageRequest) (page.Page[separation.Case], error) {
	var out page.Page[separation.Case]
	err := c.do(ctx, a, UseViewSeparation, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, subject)
		if err != nil {
			return err
		}
		out, err = c.separations.List(ctx, separation.Filter{EmployeeID: e.ID, After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// SeparationQueue lists a page of the cases opened in the actor's agency,
// optionally in some states (default: the open ones), oldest first. A case
// moved with its file to another agency stays listed here, but only HR of
// the file's agency now may decide it.
func (c *Client) SeparationQueue(ctx context.Context, a Actor, states []separation.State, p PageRequest) (page.Page[separation.Case], error) {
	var out page.Page[separation.Case]
	err := c.do(ctx, a, UseSeparationQueue, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{agency: a.Agency}); err != nil {
			return err
		}
		if len(states) == 0 {
			states = []separation.State{separation.Submitted, separation.Postponed, separation.Accepted}
		}
		var err error
		out, err = c.separations.List(ctx, separation.Filter{AgencyID: a.Agency, States: states, After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// ExtendService extends subject's service beyond the statutory age (an HR
// manager of the file's agency, not on their own file).
func (c *Client) ExtendService(ctx context.Context, a Actor, subject identity.NationalID, in ServiceExtension) (separation.Retirement, error) {
	var out separation.Retirement
	err := c.do(ctx, a, UseExtendService, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, subject)
		if err != nil {
			return err
		}
		out, err = c.separations.Extend(ctx, separation.ExtendInput{EmployeeID: e.ID, By: a.NationalID, To: in.To, Decision: in.Decision})
		if err != nil {
			return err
		}
		cl.changes = []audit.Change{{Field: "last_day", Old: out.StatutoryLastDay.String(), New: out.LastDay.String()}}
		return nil
	})
	return only(out, err)
}

// RetirementForecast lists a page of the actor's agency's employees who
// reach the statutory retirement age (their last day of service, extension
// included) in the next months Hijri months, soonest first, from the dates
// RefreshRetirements stored.
func (c *Client) RetirementForecast(ctx context.Context, a Actor, months int, p PageRequest) (page.Page[separation.Retirement], error) {
	var out page.Page[separation.Retirement]
	err := c.do(ctx, a, UseRetirementForecast, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{agency: a.Agency}); err != nil {
			return err
		}
		var err error
		out, err = c.separations.Forecast(ctx, separation.ForecastInput{AgencyID: a.Agency, Months: months, After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// PensionStatement returns subject's pensionable-service statement (بيان
// خدمة للتقاعد) as of asOf (zero: today): the total service with the
// periods counted and excluded, and the spells.
func (c *Client) PensionStatement(ctx context.Context, a Actor, subject identity.NationalID, asOf hijri.Date) (separation.PensionStatement, error) {
	var out separation.PensionStatement
	err := c.do(ctx, a, UsePensionStatement, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, subject)
		if err != nil {
			return err
		}
		out, err = c.separations.PensionStatement(ctx, e.ID, asOf)
		return err
	})
	return only(out, err)
}

// SweepSeparations runs the end-of-service timers as of today: resignations
// deemed accepted after 30 days, accepted cases whose last day has come,
// unnotified medical cases, and, for the agencies named, the statutory
// retirements that have come (each opened and ended). It is the host's
// scheduled job (run it daily): it runs under the system actor, in one
// transaction with one audit entry per case it moves, and writes each
// ended case's event and pension package with it.
func (c *Client) SweepSeparations(ctx context.Context, agencyIDs ...string) ([]separation.Case, error) {
	var out []separation.Case
	err := c.do(ctx, Actor{NationalID: systemActorID}, UseSweepSeparations, func(ctx context.Context, cl *call) error {
		cl.perSubject = true
		cases, err := c.separations.Sweep(ctx, agencyIDs...)
		if err != nil {
			return err
		}
		for _, sc := range cases {
			cl.addSubject(target{subject: sc.NationalID, agency: sc.AgencyID}, sc.ID, separationChanges(separation.Accepted, sc))
			if sc.State == separation.Ended {
				if err := c.handOver(ctx, cl, sc); err != nil {
					return err
				}
			}
		}
		out = cases
		return nil
	})
	return only(out, err)
}

// RefreshRetirements computes every employee's statutory retirement date
// from the file and stores it for the forecast and the sweep: the host's
// scheduled job (run it daily, and after imports). It needs
// Config.Stores.Records to be a records.FileScanner (memstore and sqlstore
// are) and is audited once, under the system actor.
func (c *Client) RefreshRetirements(ctx context.Context) (int, error) {
	scan, ok := c.stores.Records.(records.FileScanner)
	if !ok {
		return 0, ErrConfig.Because("masar.config.file_scanner",
			"Config.Stores.Records cannot scan files for the retirement dates", "مخزن السجلات لا يدعم المرور على الملفات")
	}
	n, rerr := c.separations.RefreshAll(ctx, scan)
	err := c.do(ctx, Actor{NationalID: systemActorID}, UseRefreshRetirements, func(ctx context.Context, cl *call) error {
		if rerr != nil {
			return rerr
		}
		cl.changes = []audit.Change{{Field: "files", New: strconv.Itoa(n)}}
		return nil
	})
	return only(n, err)
}

// PendingHandovers lists the pension packages not delivered yet (or, with
// all, every package), in the order they were written: what a host
// inspects when the pension agency has been down. Audited under the
// system actor.
func (c *Client) PendingHandovers(ctx context.Context, all bool, p PageRequest) (page.Page[outbox.Message], error) {
	var out page.Page[outbox.Message]
	err := c.do(ctx, Actor{NationalID: systemActorID}, UseInspectOutbox, func(ctx context.Context, cl *call) error {
		cl.resource = outbox.TopicPension
		limit := page.Limit(p.Limit, page.DefaultLimit, page.MaxLimit)
		ms, err := c.stores.Outbox.List(ctx, outbox.Filter{Topic: outbox.TopicPension, Pending: !all, After: p.After, Limit: page.Fetch(limit)})
		if err != nil {
			return err
		}
		out = page.New(ms, limit, func(m outbox.Message) string { return m.ID })
		return nil
	})
	return only(out, err)
}

// ReplayHandover hands a case's pension package over again: it is made
// due now, delivered or not (the pension agency recognises a package it
// holds). Audited under the system actor.
func (c *Client) ReplayHandover(ctx context.Context, caseID string) error {
	return c.do(ctx, Actor{NationalID: systemActorID}, UseReplayOutbox, func(ctx context.Context, cl *call) error {
		cl.resource = "pension:" + caseID
		if err := c.stores.Outbox.Replay(ctx, cl.resource, cl.at); err != nil {
			return err
		}
		cl.afterCommit(func(context.Context) { c.relays.kick(outbox.TopicPension) })
		return nil
	})
}

// leaveBalances reads the annual-leave balance a settlement pays from the
// leave ledger: the days remaining on the last day, of which those of
// service years ended before the cut-off are the grandfathered balance
// (Reg 133) [INF: a year straddling the cut-off counts as after it].
type leaveBalances struct {
	leaves *leave.Service
	cutoff hijri.Date
}

// Balance implements separation.LeaveBalances.
func (b leaveBalances) Balance(ctx context.Context, employeeID string, asOf hijri.Date) (int, int, error) {
	st, err := b.leaves.Statement(ctx, employeeID, asOf, nil)
	if err != nil {
		return 0, 0, err
	}
	old := 0
	for _, y := range st.Years {
		if y.To.Before(b.cutoff) {
			old += y.Remaining
		}
	}
	return st.Available, old, nil
}
