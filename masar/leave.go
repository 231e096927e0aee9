package masar

import (
	"context"
	"strconv"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/records"
)

// systemActorID is the system actor of the scheduled jobs.
var systemActorID = grievance.SystemActor().NationalID

// LeaveRequest is an employee's request for a leave of their own.
type LeaveRequest struct {
	Kind leave.Kind `json:"kind"`
	From hijri.Date `json:"from"`
	To   hijri.Date `json:"to"`
	Note string     `json:"note,omitempty"`
}

// LeaveAction names a leave and the version the actor read; Reason is a
// rejection's reason (required) or a note.
type LeaveAction struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Reason  string `json:"reason,omitempty"`
}

// LeaveDeferral moves an approved annual leave to a later start.
type LeaveDeferral struct {
	ID      string     `json:"id"`
	Version int64      `json:"version"`
	From    hijri.Date `json:"from"`
	Reason  string     `json:"reason"`
}

// LeaveRecall recalls an employee from annual leave: On is the first day
// back (zero: today).
type LeaveRecall struct {
	ID      string     `json:"id"`
	Version int64      `json:"version"`
	On      hijri.Date `json:"on,omitzero"`
	Reason  string     `json:"reason"`
}

// LeaveExtension extends a service year's balance by a year (Reg 131(a)).
type LeaveExtension struct {
	Year   int    `json:"year"`
	Reason string `json:"reason"`
}

// RequestLeave records the actor's request for a leave of their own; the
// rules are checked at once (leave.Service.Request).
func (c *Client) RequestLeave(ctx context.Context, a Actor, in LeaveRequest) (leave.Leave, error) {
	var out leave.Leave
	err := c.do(ctx, a, UseRequestLeave, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, a.NationalID)
		if err != nil {
			return err
		}
		out, err = c.leaves.Request(ctx, leave.RequestInput{EmployeeID: e.ID, Kind: in.Kind, From: in.From, To: in.To, Note: in.Note})
		if err != nil {
			return err
		}
		cl.resource = out.ID
		cl.changes = leaveChanges("", out)
		return nil
	})
	return only(out, err)
}

// onLeave runs a decision on a leave, authorized on the leave's file as
// the Service reads it (its agency now: a request follows its file on
// transfer).
func (c *Client) onLeave(ctx context.Context, a Actor, uc UseCase, act func(ctx context.Context, authorize func(leave.Leave, records.Employee) error) (leave.Leave, error)) (leave.Leave, error) {
	var out leave.Leave
	err := c.do(ctx, a, uc, func(ctx context.Context, cl *call) error {
		var before leave.Status
		var err error
		out, err = act(ctx, func(l leave.Leave, e records.Employee) error {
			cl.resource, before = l.ID, l.Status
			return cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e})
		})
		if err != nil {
			return err
		}
		cl.changes = leaveChanges(before, out)
		if uc == UseDecideLeave && out.Status == leave.Approved {
			return cl.emit(ctx, EventLeaveApproved, "leave:"+out.ID, cl.tg.agency, out.EmployeeID, LeaveApproved{
				LeaveID: out.ID, Kind: out.Kind, From: out.From, To: out.To, Days: out.Days})
		}
		return nil
	})
	return only(out, err)
}

// leaveChanges lists a leave's state for the audit trail.
func leaveChanges(before leave.Status, l leave.Leave) []audit.Change {
	ch := []audit.Change{{Field: "status", Old: string(before), New: string(l.Status)}}
	if before == "" {
		ch = append(ch, audit.Change{Field: "kind", New: string(l.Kind)})
	}
	return append(ch, audit.Change{Field: "from", New: l.From.String()}, audit.Change{Field: "to", New: l.To.String()},
		audit.Change{Field: "days", New: strconv.Itoa(l.Days)})
}

// CancelLeave withdraws the actor's own leave: a request, or an approved
// leave not begun.
func (c *Client) CancelLeave(ctx context.Context, a Actor, in LeaveAction) (leave.Leave, error) {
	return c.onLeave(ctx, a, UseCancelLeave, func(ctx context.Context, auth func(leave.Leave, records.Employee) error) (leave.Leave, error) {
		return c.leaves.Cancel(ctx, leave.DecisionInput{ID: in.ID, Version: in.Version, By: a.NationalID, Reason: in.Reason, Authorize: auth})
	})
}

// ApproveLeave grants a request on a file of the actor's agency; the leave
// becomes a history event of the file in the same transaction.
func (c *Client) ApproveLeave(ctx context.Context, a Actor, in LeaveAction) (leave.Leave, error) {
	return c.onLeave(ctx, a, UseDecideLeave, func(ctx context.Context, auth func(leave.Leave, records.Employee) error) (leave.Leave, error) {
		return c.leaves.Approve(ctx, leave.DecisionInput{ID: in.ID, Version: in.Version, By: a.NationalID, Reason: in.Reason, Authorize: auth})
	})
}

// RejectLeave refuses a request on a file of the actor's agency, with a
// reason (required).
func (c *Client) RejectLeave(ctx context.Context, a Actor, in LeaveAction) (leave.Leave, error) {
	return c.onLeave(ctx, a, UseDecideLeave, func(ctx context.Context, auth func(leave.Leave, records.Employee) error) (leave.Leave, error) {
		return c.leaves.Reject(ctx, leave.DecisionInput{ID: in.ID, Version: in.Version, By: a.NationalID, Reason: in.Reason, Authorize: auth})
	})
}

// DeferLeave defers an approved annual leave of a file of the actor's
// agency (Reg 131(c)).
func (c *Client) DeferLeave(ctx context.Context, a Actor, in LeaveDeferral) (leave.Leave, error) {
	return c.onLeave(ctx, a, UseManageLeave, func(ctx context.Context, auth func(leave.Leave, records.Employee) error) (leave.Leave, error) {
		return c.leaves.Defer(ctx, leave.DeferInput{ID: in.ID, Version: in.Version, By: a.NationalID, From: in.From, Reason: in.Reason, Authorize: auth})
	})
}

// RecallFromLeave recalls an employee of the actor's agency from annual
// leave (Reg 159).
func (c *Client) RecallFromLeave(ctx context.Context, a Actor, in LeaveRecall) (leave.Leave, error) {
	return c.onLeave(ctx, a, UseManageLeave, func(ctx context.Context, auth func(leave.Leave, records.Employee) error) (leave.Leave, error) {
		return c.leaves.Recall(ctx, leave.RecallInput{ID: in.ID, Version: in.Version, By: a.NationalID, On: in.On, Reason: in.Reason, Authorize: auth})
	})
}

// ExtendLeaveYear lets subject use a service year's balance a year longer
// (Reg 131(a)), on a file of the actor's agency.
func (c *Client) ExtendLeaveYear(ctx context.Context, a Actor, subject identity.NationalID, in LeaveExtension) (leave.Extension, error) {
	var out leave.Extension
	err := c.do(ctx, a, UseManageLeave, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, subject)
		if err != nil {
			return err
		}
		out, err = c.leaves.Extend(ctx, leave.ExtendInput{EmployeeID: e.ID, Year: in.Year, By: a.NationalID, Reason: in.Reason})
		if err != nil {
			return err
		}
		cl.changes = []audit.Change{{Field: "extended_year", New: strconv.Itoa(out.Year)}}
		return nil
	})
	return only(out, err)
}

// Leave returns one leave: to its employee and to HR of the file's agency.
func (c *Client) Leave(ctx context.Context, a Actor, id string) (leave.Leave, error) {
	var out leave.Leave
	err := c.do(ctx, a, UseViewLeaves, func(ctx context.Context, cl *call) error {
		l, err := c.leaves.Get(ctx, id)
		if err != nil {
			return err
		}
		e, err := c.records.GetEmployee(ctx, l.EmployeeID)
		if err != nil {
			return err
		}
		cl.resource = l.ID
		if err := cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e}); err != nil {
			return err
		}
		out = l
		return nil
	})
	return only(out, err)
}

// Leaves lists one page of subject's leaves, oldest request first,
// optionally of some statuses: to the subject and to HR of their agency.
func (c *Client) Leaves(ctx context.Context, a Actor, subject identity.NationalID, statuses []leave.Status, p PageRequest) (page.Page[leave.Leave], error) {
	var out page.Page[leave.Leave]
	err := c.do(ctx, a, UseViewLeaves, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, subject)
		if err != nil {
			return err
		}
		out, err = c.leaves.List(ctx, leave.Filter{EmployeeID: e.ID, Statuses: statuses, After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// LeaveQueue lists one page of the leave requests made in the actor's
// agency, optionally of some statuses (default: requested), oldest first.
// A request moved with its file to another agency stays listed here, but
// only HR of the file's agency now may decide it.
func (c *Client) LeaveQueue(ctx context.Context, a Actor, statuses []leave.Status, p PageRequest) (page.Page[leave.Leave], error) {
	var out page.Page[leave.Leave]
	err := c.do(ctx, a, UseLeaveQueue, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{agency: a.Agency}); err != nil {
			return err
		}
		if len(statuses) == 0 {
			statuses = []leave.Status{leave.Requested}
		}
		var err error
		out, err = c.leaves.List(ctx, leave.Filter{AgencyID: a.Agency, Statuses: statuses, After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// LeaveBalance returns subject's annual-leave statement as of asOf (zero:
// today): to the subject and to HR of their agency.
func (c *Client) LeaveBalance(ctx context.Context, a Actor, subject identity.NationalID, asOf hijri.Date) (leave.Statement, error) {
	var out leave.Statement
	err := c.do(ctx, a, UseLeaveBalance, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, subject)
		if err != nil {
			return err
		}
		out, err = c.leaves.Statement(ctx, e.ID, asOf, nil)
		return err
	})
	return only(out, err)
}

// SickPay returns the day-by-day pay of a sick leave: to its employee and
// to HR of the file's agency (payroll).
func (c *Client) SickPay(ctx context.Context, a Actor, id string) (leave.PayStatement, error) {
	var out leave.PayStatement
	err := c.do(ctx, a, UseLeaveBalance, func(ctx context.Context, cl *call) error {
		var err error
		out, err = c.leaves.Pay(ctx, id, func(l leave.Leave, e records.Employee) error {
			cl.resource = l.ID
			return cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e})
		})
		return err
	})
	return only(out, err)
}

// MedicalReports lists one page of the medical reports matched to files of
// the actor's agency, optionally of one outcome, oldest first.
func (c *Client) MedicalReports(ctx context.Context, a Actor, status leave.ReportStatus, p PageRequest) (page.Page[leave.MedicalReport], error) {
	var out page.Page[leave.MedicalReport]
	err := c.do(ctx, a, UseMedicalReports, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{agency: a.Agency}); err != nil {
			return err
		}
		var err error
		out, err = c.leaves.ListReports(ctx, leave.ReportFilter{AgencyID: a.Agency, Status: status, After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// ReceiveMedicalReports is the host's scheduled job that takes the next
// page of medical reports from src after the cursor after (see
// leave.Service.Sync), run as the system actor; each report is audited as
// its own entry, with the person it concerns. Keep the result's Next for
// the next run.
func (c *Client) ReceiveMedicalReports(ctx context.Context, src leave.ReportSource, after string, limit int) (leave.SyncResult, error) {
	var out leave.SyncResult
	sys := Actor{NationalID: systemActorID}
	err := c.do(ctx, sys, UseReceiveReports, func(ctx context.Context, cl *call) error {
		res, err := c.leaves.Sync(ctx, src, after, limit)
		if err != nil {
			return err
		}
		out = res
		for _, r := range res.Reports {
			subject := r.Report.Patient
			if !r.Report.Companion.IsZero() {
				subject = r.Report.Companion
			}
			cl.addSubject(target{subject: subject, agency: r.AgencyID}, r.Report.Number,
				[]audit.Change{{Field: "status", New: string(r.Status)}, {Field: "leave_id", New: r.LeaveID}})
		}
		cl.perSubject = true
		return nil
	})
	return only(out, err)
}

// AccrueLeave is the host's year-end job: it stores every in-service
// file's annual balance as of asOf (leave.Service.Accrue), a batch at a
// time, each batch in its own transaction, then audits the run as one
// entry of the system actor. It needs Stores.Records to be a
// records.FileScanner (memstore and sqlstore are).
func (c *Client) AccrueLeave(ctx context.Context, asOf hijri.Date) (leave.AccrualResult, error) {
	scan, ok := c.stores.Records.(records.FileScanner)
	if !ok {
		return leave.AccrualResult{}, ErrConfig.Because("masar.config.file_scanner",
			"Config.Stores.Records cannot scan files for the accrual", "مخزن السجلات لا يدعم المرور على الملفات")
	}
	res, aerr := c.leaves.Accrue(ctx, scan, asOf)
	var out leave.AccrualResult
	err := c.do(ctx, Actor{NationalID: systemActorID}, UseAccrueLeave, func(ctx context.Context, cl *call) error {
		cl.resource = asOf.String()
		if aerr != nil {
			return aerr
		}
		out = res
		cl.changes = []audit.Change{{Field: "files", New: strconv.Itoa(res.Files)}, {Field: "written", New: strconv.Itoa(res.Written)}}
		return nil
	})
	return only(out, err)
}
