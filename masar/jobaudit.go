package masar

import (
	"context"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/records"
)

// VariableInput is a job variable a maker enters on a person's file: the
// history events it adds, the decision behind them and its documents.
type VariableInput struct {
	Kind      records.EventKind      `json:"kind,omitempty"`
	Events    []records.HistoryEvent `json:"events"`
	Decision  records.Decision       `json:"decision"`
	Documents []records.Document     `json:"documents,omitempty"`
}

// VariableEdit changes a draft or returned variable (nil: unchanged).
type VariableEdit struct {
	ID        string                  `json:"id"`
	Version   int64                   `json:"version"`
	Events    *[]records.HistoryEvent `json:"events,omitempty"`
	Decision  *records.Decision       `json:"decision,omitempty"`
	Documents *[]records.Document     `json:"documents,omitempty"`
}

// VariableAction names a variable and the version the actor read; Note is
// a return's notes or a rejection's reason (required for both).
type VariableAction struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Note    string `json:"note,omitempty"`
}

// QualificationSubmission is an employee's request to document a
// qualification of their own, with its documents (and, for a foreign
// degree, its equivalency).
type QualificationSubmission struct {
	Qualification records.Qualification `json:"qualification"`
	Equivalency   *records.Equivalency  `json:"equivalency,omitempty"`
	Documents     []records.Document    `json:"documents"`
}

// QualificationAction names a qualification request and the version the
// actor read; Reason is a rejection's (required).
type QualificationAction struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Reason  string `json:"reason,omitempty"`
}

// DraftVariable enters a job variable on subject's file (the maker: HR of
// the file's agency with the job-data-audit permission, never on their own
// file).
func (c *Client) DraftVariable(ctx context.Context, a Actor, subject identity.NationalID, in VariableInput) (jobaudit.Variable, error) {
	var out jobaudit.Variable
	err := c.do(ctx, a, UseEnterVariable, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, subject)
		if err != nil {
			return err
		}
		out, err = c.jobaudit.Draft(ctx, jobaudit.DraftInput{By: a.NationalID, EmployeeID: e.ID, Kind: in.Kind, Events: in.Events,
			Decision: in.Decision, Documents: in.Documents})
		if err != nil {
			return err
		}
		cl.variableDone(out, "")
		return nil
	})
	return only(out, err)
}

// variableDone records a variable's change for the audit trail.
func (cl *call) variableDone(v jobaudit.Variable, before jobaudit.State) {
	cl.resource = v.ID
	cl.changes = []audit.Change{{Field: "state", Old: string(before), New: string(v.State)}, {Field: "kind", New: string(v.Kind)}}
}

// onVariable runs an action on a variable, authorized on its file as it is
// now (its agency now: a variable follows its file on transfer).
func (c *Client) onVariable(ctx context.Context, a Actor, uc UseCase, act func(ctx context.Context, authorize func(jobaudit.Variable) error) (jobaudit.Variable, error)) (jobaudit.Variable, error) {
	var out jobaudit.Variable
	err := c.do(ctx, a, uc, func(ctx context.Context, cl *call) error {
		var before jobaudit.State
		var err error
		out, err = act(ctx, func(v jobaudit.Variable) error {
			cl.resource, before = v.ID, v.State
			e, err := c.records.GetEmployee(ctx, v.EmployeeID)
			if err != nil {
				return err
			}
			return cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e})
		})
		if err != nil {
			return err
		}
		cl.variableDone(out, before)
		return nil
	})
	return only(out, err)
}

// EditVariable changes a draft or returned variable (its maker only).
func (c *Client) EditVariable(ctx context.Context, a Actor, in VariableEdit) (jobaudit.Variable, error) {
	return c.onVariable(ctx, a, UseEnterVariable, func(ctx context.Context, auth func(jobaudit.Variable) error) (jobaudit.Variable, error) {
		return c.jobaudit.Edit(ctx, jobaudit.EditInput{By: a.NationalID, ID: in.ID, Version: in.Version, Events: in.Events,
			Decision: in.Decision, Documents: in.Documents, Authorize: auth})
	})
}

// SubmitVariable submits a draft or returned variable for checking; the
// rules are checked at once, every reason listed.
func (c *Client) SubmitVariable(ctx context.Context, a Actor, in VariableAction) (jobaudit.Variable, error) {
	return c.onVariable(ctx, a, UseEnterVariable, func(ctx context.Context, auth func(jobaudit.Variable) error) (jobaudit.Variable, error) {
		return c.jobaudit.Submit(ctx, jobaudit.Action{By: a.NationalID, ID: in.ID, Version: in.Version, Note: in.Note, Authorize: auth})
	})
}

// ApproveVariable verifies a submitted variable (the checker: never its
// maker, never the employee) and applies it to the file in the same
// transaction.
func (c *Client) ApproveVariable(ctx context.Context, a Actor, in VariableAction) (jobaudit.Variable, error) {
	return c.onVariable(ctx, a, UseCheckVariable, func(ctx context.Context, auth func(jobaudit.Variable) error) (jobaudit.Variable, error) {
		return c.jobaudit.Approve(ctx, jobaudit.Action{By: a.NationalID, ID: in.ID, Version: in.Version, Note: in.Note, Authorize: auth})
	})
}

// ReturnVariable sends a submitted variable back to its maker with notes.
func (c *Client) ReturnVariable(ctx context.Context, a Actor, in VariableAction) (jobaudit.Variable, error) {
	return c.onVariable(ctx, a, UseCheckVariable, func(ctx context.Context, auth func(jobaudit.Variable) error) (jobaudit.Variable, error) {
		return c.jobaudit.Return(ctx, jobaudit.Action{By: a.NationalID, ID: in.ID, Version: in.Version, Note: in.Note, Authorize: auth})
	})
}

// RejectVariable closes a submitted variable with a reason.
func (c *Client) RejectVariable(ctx context.Context, a Actor, in VariableAction) (jobaudit.Variable, error) {
	return c.onVariable(ctx, a, UseCheckVariable, func(ctx context.Context, auth func(jobaudit.Variable) error) (jobaudit.Variable, error) {
		return c.jobaudit.Reject(ctx, jobaudit.Action{By: a.NationalID, ID: in.ID, Version: in.Version, Note: in.Note, Authorize: auth})
	})
}

// Variable returns one job variable to HR of its file's agency.
func (c *Client) Variable(ctx context.Context, a Actor, id string) (jobaudit.Variable, error) {
	var out jobaudit.Variable
	err := c.do(ctx, a, UseViewVariables, func(ctx context.Context, cl *call) error {
		cl.resource = id
		v, err := c.jobaudit.Get(ctx, id)
		if err != nil {
			return err
		}
		e, err := c.records.GetEmployee(ctx, v.EmployeeID)
		if err != nil {
			return err
		}
		if err := cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e}); err != nil {
			return err
		}
		out = v
		return nil
	})
	return only(out, err)
}

// VariableQueue lists a page of the actor's agency's job variables,
// optionally in one state, oldest first.
func (c *Client) VariableQueue(ctx context.Context, a Actor, state jobaudit.State, p PageRequest) (page.Page[jobaudit.Variable], error) {
	var out page.Page[jobaudit.Variable]
	err := c.do(ctx, a, UseViewVariables, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{agency: a.Agency}); err != nil {
			return err
		}
		var err error
		out, err = c.jobaudit.List(ctx, jobaudit.VariableFilter{AgencyID: a.Agency, State: state, After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// AuditAgency reads a page of the actor's agency's files, in ID order,
// and returns those with data-quality findings; the page's Next resumes
// the report where it stopped.
func (c *Client) AuditAgency(ctx context.Context, a Actor, p PageRequest) (page.Page[jobaudit.FileFindings], error) {
	var out page.Page[jobaudit.FileFindings]
	err := c.do(ctx, a, UseAuditAgency, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{agency: a.Agency}); err != nil {
			return err
		}
		var err error
		out, err = c.jobaudit.Audit(ctx, jobaudit.AuditInput{AgencyID: a.Agency, After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// SubmitQualification records the actor's request to document a
// qualification of their own.
func (c *Client) SubmitQualification(ctx context.Context, a Actor, in QualificationSubmission) (jobaudit.QualificationRequest, error) {
	var out jobaudit.QualificationRequest
	err := c.do(ctx, a, UseSubmitQualification, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, a.NationalID)
		if err != nil {
			return err
		}
		out, err = c.jobaudit.SubmitQualification(ctx, jobaudit.QualificationInput{By: a.NationalID, EmployeeID: e.ID,
			Qualification: in.Qualification, Equivalency: in.Equivalency, Documents: in.Documents})
		if err != nil {
			return err
		}
		cl.resource = out.ID
		cl.changes = []audit.Change{{Field: "state", New: string(out.State)}}
		return nil
	})
	return only(out, err)
}

// onQualification decides on a qualification request, authorized on its
// file as it is now.
func (c *Client) onQualification(ctx context.Context, a Actor, act func(ctx context.Context, authorize func(jobaudit.QualificationRequest) error) (jobaudit.QualificationRequest, error)) (jobaudit.QualificationRequest, error) {
	var out jobaudit.QualificationRequest
	err := c.do(ctx, a, UseDecideQualification, func(ctx context.Context, cl *call) error {
		var before jobaudit.RequestState
		var err error
		out, err = act(ctx, func(q jobaudit.QualificationRequest) error {
			cl.resource, before = q.ID, q.State
			e, err := c.records.GetEmployee(ctx, q.EmployeeID)
			if err != nil {
				return err
			}
			return cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e})
		})
		if err != nil {
			return err
		}
		cl.changes = []audit.Change{{Field: "state", Old: string(before), New: string(out.State)}}
		return nil
	})
	return only(out, err)
}

// DocumentQualification documents a request: the qualification enters the
// file, documented, in the same transaction.
func (c *Client) DocumentQualification(ctx context.Context, a Actor, in QualificationAction) (jobaudit.QualificationRequest, error) {
	return c.onQualification(ctx, a, func(ctx context.Context, auth func(jobaudit.QualificationRequest) error) (jobaudit.QualificationRequest, error) {
		return c.jobaudit.DocumentQualification(ctx, jobaudit.QualificationDecision{By: a.NationalID, ID: in.ID, Version: in.Version, Authorize: auth})
	})
}

// RejectQualification refuses a request with a reason.
func (c *Client) RejectQualification(ctx context.Context, a Actor, in QualificationAction) (jobaudit.QualificationRequest, error) {
	return c.onQualification(ctx, a, func(ctx context.Context, auth func(jobaudit.QualificationRequest) error) (jobaudit.QualificationRequest, error) {
		return c.jobaudit.RejectQualification(ctx, jobaudit.QualificationDecision{By: a.NationalID, ID: in.ID, Version: in.Version,
			Reason: in.Reason, Authorize: auth})
	})
}

// QualificationRequests lists a page of subject's qualification requests:
// to the person and HR of the file's agency.
func (c *Client) QualificationRequests(ctx context.Context, a Actor, subject identity.NationalID, p PageRequest) (page.Page[jobaudit.QualificationRequest], error) {
	var out page.Page[jobaudit.QualificationRequest]
	err := c.do(ctx, a, UseViewQualifications, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, subject)
		if err != nil {
			return err
		}
		out, err = c.jobaudit.ListRequests(ctx, jobaudit.RequestFilter{EmployeeID: e.ID, After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// checkDirectEntry refuses a direct history entry the agency's policy
// sends through a checker (jobaudit.Policy).
func (c *Client) checkDirectEntry(e records.Employee, events []records.HistoryEvent) error {
	p := c.jobaudit.Rules().Policy
	for _, ev := range events {
		if p.Requires(e.Job.Agency.ID, ev.Kind) {
			return jobaudit.ErrCheckerRequired
		}
	}
	return nil
}
