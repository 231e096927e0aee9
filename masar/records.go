package masar

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/records"
)

// UseVerifyStatement is the public use case of a third party checking a
// service statement's verification code.
const UseVerifyStatement UseCase = "records.verify_statement"

// File is a person's employee file as the actor may see it.
type File struct {
	Employee records.Employee       `json:"employee"`
	History  []records.HistoryEvent `json:"history,omitempty"`
	// Redacted lists the parts withheld from a consent grantee because its
	// consent does not name them.
	Redacted []identity.Part `json:"redacted,omitempty"`
}

// EmployeeFile returns subject's file: to the subject, to HR of their
// agency, and to a consent grantee (job part; the personal data, history,
// qualifications and training only if the consent names them too).
func (c *Client) EmployeeFile(ctx context.Context, a Actor, subject identity.NationalID) (File, error) {
	var out File
	err := c.do(ctx, a, UseViewFile, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, subject)
		if err != nil {
			return err
		}
		h, err := c.records.ListHistory(ctx, e.ID)
		if err != nil {
			return err
		}
		out = File{Employee: e, History: h}
		if cl.role == RoleConsentGrantee {
			return c.redact(ctx, a, &out)
		}
		return nil
	})
	return only(out, err)
}

// redact withholds from a grantee the parts its consents do not name
// (records.Redact knows which fields belong to which part).
func (c *Client) redact(ctx context.Context, a Actor, f *File) error {
	for _, p := range records.RedactableParts() {
		ok, err := c.identity.ConsentAllowed(ctx, a.Agency, f.Employee.NationalID, p)
		if err != nil {
			return err
		}
		if !ok {
			f.Redacted = append(f.Redacted, p)
		}
	}
	f.Employee, f.History = records.Redact(f.Employee, f.History, f.Redacted)
	return nil
}

// ServiceDuration computes subject's service for purpose as of asOf (zero:
// today), with the excluded periods it subtracted.
func (c *Client) ServiceDuration(ctx context.Context, a Actor, subject identity.NationalID, p records.Purpose, asOf hijri.Date) (records.Duration, error) {
	var out records.Duration
	err := c.do(ctx, a, UseServiceDuration, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, subject)
		if err != nil {
			return err
		}
		if asOf.IsZero() {
			if asOf, err = hijri.FromTime(cl.today()); err != nil {
				return err
			}
		}
		d, err := c.records.ServiceDuration(ctx, e.ID, p, asOf)
		out = d
		return err
	})
	return only(out, err)
}

// StatementPrint is one print of the statement IssueStatement issues, in
// the host's layout (Config.Records.StatementLayout: its letterhead, logo,
// signatory, verification page or own templates). Make one with
// PrintStatementHTML or PrintStatementText.
type StatementPrint struct {
	w    io.Writer
	lang Lang
	text bool
}

// PrintStatementHTML prints the statement to w as the print-ready A4 HTML
// page in lang (records.Service.RenderStatementHTML).
func PrintStatementHTML(w io.Writer, lang Lang) StatementPrint {
	return StatementPrint{w: w, lang: lang}
}

// PrintStatementText prints the statement to w as plain text in lang
// (records.Service.RenderStatementText).
func PrintStatementText(w io.Writer, lang Lang) StatementPrint {
	return StatementPrint{w: w, lang: lang, text: true}
}

// IssueStatement issues subject's service statement (بيان خدمة) as of asOf
// (zero: today), signed with a verification code, and prints it as each of
// prints asks (PrintStatementHTML, PrintStatementText), in the host's
// StatementLayout (Config.Records.StatementLayout): the one way to print a
// statement as the host issues it. The prints are part of the call: every
// one is rendered before any is written, and a print that fails (an
// unusable layout, records.ErrStatementLayout; a writer's error) fails the
// call, which then issues nothing (a writer may hold what was written to it
// before it failed). Statement.RenderHTML and RenderText print a statement
// in the default layout.
func (c *Client) IssueStatement(ctx context.Context, a Actor, subject identity.NationalID, asOf hijri.Date, prints ...StatementPrint) (records.Statement, error) {
	var out records.Statement
	err := c.do(ctx, a, UsePrintStatement, func(ctx context.Context, cl *call) error {
		cl.tg.subject = subject
		st, err := c.records.IssueStatement(ctx, records.StatementRequest{NationalID: subject, AsOf: asOf,
			Authorize: cl.fileAuthorizer(ctx)})
		if err := cl.deniedIfUnseen(ctx, subject, err); err != nil {
			return err
		}
		// The statement's ID, never its code: the code fetches the statement
		// (national ID included) from VerifyStatement.
		cl.resource = st.ID
		if err := c.printStatement(st, prints); err != nil {
			return err
		}
		out = st
		return nil
	})
	return only(out, err)
}

// printStatement renders st as each of prints asks, then writes them.
func (c *Client) printStatement(st records.Statement, prints []StatementPrint) error {
	bufs := make([]bytes.Buffer, len(prints))
	for i, p := range prints {
		if p.w == nil {
			return fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: "prints[" + strconv.Itoa(i) + "]", Reason: "required",
				Message: i18n.Text{EN: "a statement print needs a writer", AR: "تتطلب طباعة البيان وجهة للكتابة"}})
		}
		var err error
		if p.text {
			var txt string
			txt, err = c.records.RenderStatementText(st, p.lang)
			bufs[i].WriteString(txt)
		} else {
			err = c.records.RenderStatementHTML(&bufs[i], st, p.lang)
		}
		if err != nil {
			return fmt.Errorf("masar: printing the statement: %w", err)
		}
	}
	for i, p := range prints {
		if _, err := bufs[i].WriteTo(p.w); err != nil {
			return fmt.Errorf("masar: writing the statement: %w", err)
		}
	}
	return nil
}

// VerifyStatement checks a statement's verification code and returns the
// statement it was issued for: anyone holding a printed statement may
// check it.
func (c *Client) VerifyStatement(ctx context.Context, code string) (records.Statement, error) {
	var out records.Statement
	err := c.public(ctx, UseVerifyStatement, identity.NationalID{}, func(ctx context.Context, cl *call) error {
		st, err := c.records.VerifyStatementCode(ctx, code)
		out = st
		switch {
		case err == nil:
			cl.resource = st.ID
			cl.tg.subject, _ = identity.ParseNationalID(st.NationalID)
		case errors.Is(err, records.ErrStatementNotFound):
			cl.resource = code // a code that opens nothing: kept, for forgery attempts
		}
		return err
	})
	return only(out, err)
}

// CorrectionInput is an employee's request to correct their own file.
type CorrectionInput struct {
	Changes           []records.ProposedChange `json:"changes,omitempty"`
	AddQualifications []records.Qualification  `json:"add_qualifications,omitempty"`
	Documents         []records.Document       `json:"documents,omitempty"`
	Justification     string                   `json:"justification,omitempty"`
	AcceptTerms       bool                     `json:"accept_terms"`
	TermsVersion      string                   `json:"terms_version,omitempty"`
}

// RequestCorrection files the actor's request to correct their own file,
// for their agency to review.
func (c *Client) RequestCorrection(ctx context.Context, a Actor, in CorrectionInput) (records.Correction, error) {
	var out records.Correction
	err := c.do(ctx, a, UseRequestCorrection, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, a.NationalID)
		if err != nil {
			return err
		}
		r, err := c.records.RequestCorrection(ctx, records.CorrectionRequest{
			EmployeeID: e.ID, RequestedBy: a.NationalID.String(), Changes: in.Changes,
			AddQualifications: in.AddQualifications, Documents: in.Documents, Justification: in.Justification,
			AcceptTerms: in.AcceptTerms, TermsVersion: in.TermsVersion,
		})
		out = r
		cl.resource = r.ID
		cl.changes = correctionChanges(r)
		return err
	})
	return only(out, err)
}

// CorrectionAction names a correction request, the version the actor saw,
// and a note (the reason, for a rejection).
type CorrectionAction struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Note    string `json:"note,omitempty"`
}

// WithdrawCorrection withdraws the actor's own pending request.
func (c *Client) WithdrawCorrection(ctx context.Context, a Actor, in CorrectionAction) (records.Correction, error) {
	return c.onCorrection(ctx, a, UseWithdrawCorrection, in, func(ctx context.Context, d records.CorrectionDecision) (records.Correction, error) {
		return c.records.WithdrawCorrection(ctx, d)
	})
}

// ApproveCorrection approves a pending request on a file of the actor's
// agency: the changes apply to the file, the request is decided, and the
// audit entry records every field's old and new value, all in one
// transaction. The file's agency when the decision is taken is the one
// whose HR decides: after a transfer the new agency's, never the agency
// the request was made in (records.Correction.AgencyID).
func (c *Client) ApproveCorrection(ctx context.Context, a Actor, in CorrectionAction) (records.Correction, error) {
	return c.onCorrection(ctx, a, UseDecideCorrection, in, func(ctx context.Context, d records.CorrectionDecision) (records.Correction, error) {
		r, _, err := c.records.ApproveCorrection(ctx, d)
		return r, err
	})
}

// RejectCorrection rejects a pending request on a file of the actor's
// agency (the file's agency at decision time, as ApproveCorrection); in.Note
// is the reason and is required.
func (c *Client) RejectCorrection(ctx context.Context, a Actor, in CorrectionAction) (records.Correction, error) {
	return c.onCorrection(ctx, a, UseDecideCorrection, in, func(ctx context.Context, d records.CorrectionDecision) (records.Correction, error) {
		return c.records.RejectCorrection(ctx, d)
	})
}

func (c *Client) onCorrection(ctx context.Context, a Actor, uc UseCase, in CorrectionAction, fn func(ctx context.Context, d records.CorrectionDecision) (records.Correction, error)) (records.Correction, error) {
	var out records.Correction
	err := c.do(ctx, a, uc, func(ctx context.Context, cl *call) error {
		var before records.CorrectionStatus
		d := records.CorrectionDecision{CorrectionID: in.ID, Version: in.Version, By: a.NationalID.String(), Note: in.Note,
			Authorize: func(r records.Correction, e records.Employee) error {
				cl.resource, before = r.ID, r.Status
				// The file's agency now, as the Service read the file: a
				// request follows its file on transfer.
				return cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e})
			}}
		var err error
		out, err = fn(ctx, d)
		if err != nil {
			return err
		}
		cl.changes = append([]audit.Change{{Field: "status", Old: string(before), New: string(out.Status)}}, correctionChanges(out)...)
		if uc == UseDecideCorrection {
			return cl.emit(ctx, EventCorrectionDecided, "correction:"+out.ID, cl.tg.agency, out.EmployeeID, CorrectionDecided{
				CorrectionID: out.ID, EmployeeID: out.EmployeeID, Status: out.Status, Version: out.Version, DecidedAt: cl.at})
		}
		return nil
	})
	return only(out, err)
}

// Correction returns one correction request with its documents' metadata:
// to the employee who made it, and to HR of the agency that holds the file
// now (the agency that reviews it).
func (c *Client) Correction(ctx context.Context, a Actor, id string) (records.Correction, error) {
	var out records.Correction
	err := c.do(ctx, a, UseViewCorrection, func(ctx context.Context, cl *call) error {
		r, err := c.records.GetCorrection(ctx, id)
		if err != nil {
			return err
		}
		e, err := c.records.GetEmployee(ctx, r.EmployeeID)
		if err != nil {
			return err
		}
		cl.resource = r.ID
		if err := cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e}); err != nil {
			return err
		}
		out = r
		return nil
	})
	return only(out, err)
}

// MyCorrections lists one page of the actor's own correction requests,
// optionally of one status, oldest first (by creation, then ID). p.Limit is
// the page size (0: page.DefaultLimit, at most page.MaxLimit); pass the
// page's Next as p.After for the next page, until Next is "".
func (c *Client) MyCorrections(ctx context.Context, a Actor, status records.CorrectionStatus, p PageRequest) (page.Page[records.Correction], error) {
	var out page.Page[records.Correction]
	err := c.do(ctx, a, UseViewCorrections, func(ctx context.Context, cl *call) error {
		e, err := c.subjectFile(ctx, cl, a.NationalID)
		if err != nil {
			return err
		}
		out, err = c.records.ListCorrections(ctx, records.CorrectionFilter{EmployeeID: e.ID, Status: status,
			After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// AgencyCorrections lists one page of the correction requests the actor's
// agency reviews (its HR), optionally of one status, oldest first: the
// review queue. It holds the requests on files whose current job is in the
// agency, so a pending request follows its file on transfer to the new
// agency's queue and leaves the old agency's. p.Limit is the page size (0:
// page.DefaultLimit, at most page.MaxLimit); pass the page's Next as
// p.After for the next page, until Next is "".
func (c *Client) AgencyCorrections(ctx context.Context, a Actor, status records.CorrectionStatus, p PageRequest) (page.Page[records.Correction], error) {
	var out page.Page[records.Correction]
	err := c.do(ctx, a, UseCorrectionQueue, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{agency: a.Agency}); err != nil {
			return err
		}
		var err error
		out, err = c.records.ListCorrections(ctx, records.CorrectionFilter{FileAgencyID: a.Agency, Status: status,
			After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// ErrFileInOtherAgency is CreateEmployee's answer to HR of one agency
// creating a file for a person who already has one with another agency.
// National IDs are unique, so some signal is inherent; this is all it
// says: that such a file exists, never which agency holds it nor anything
// in it, and that a transfer request to that agency is the way to bring
// the person over. It refines records.ErrDuplicateNationalID (a conflict),
// and the attempt is audited with the person as its subject.
var ErrFileInOtherAgency = records.ErrDuplicateNationalID.Because("masar.file_in_other_agency",
	"this person already has an employee file with another agency; request their transfer from that agency",
	"لهذا الشخص ملف موظف لدى جهة أخرى؛ اطلب نقله من تلك الجهة")

// CreateEmployee opens an employee file with its history, in the actor's
// agency (the file's current job must be in it).
//
// What the answer tells: anyone but HR of the agency of the history's last
// job is denied before anything is read, so an outsider learns nothing, not
// even whether the person has a file. HR of that agency learns whether the
// person already has a file: records.ErrDuplicateNationalID when it is
// their own agency's (they may read it anyway), ErrFileInOtherAgency when
// another agency holds it (no more than that: not which agency, nor the
// file).
func (c *Client) CreateEmployee(ctx context.Context, a Actor, in records.NewEmployee) (records.Employee, error) {
	var out records.Employee
	err := c.do(ctx, a, UseCreateEmployee, func(ctx context.Context, cl *call) error {
		// Authorized first on the agency of the history's last job, so that
		// an outsider learns nothing, not even whether the person has a file.
		tg := target{subject: in.NationalID}
		if segs := records.JobSegments(in.History); len(segs) > 0 && segs[len(segs)-1].Event.Job != nil {
			tg.agency = segs[len(segs)-1].Event.Job.Agency.ID
		}
		if err := cl.authorize(ctx, tg); err != nil {
			return err
		}
		e, err := c.records.CreateEmployee(ctx, in)
		if errors.Is(err, records.ErrDuplicateNationalID) {
			return c.duplicateFile(ctx, in.NationalID, tg.agency, err)
		}
		if err != nil {
			return err
		}
		// And on the file as created; a denial rolls the creation back.
		if err := cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID}); err != nil {
			return err
		}
		cl.resource = e.ID
		out = e
		return nil
	})
	return only(out, err)
}

// duplicateFile is CreateEmployee's answer when subject already has a file
// (dup, the records error): dup itself when the file is agency's, else
// ErrFileInOtherAgency.
func (c *Client) duplicateFile(ctx context.Context, subject identity.NationalID, agency string, dup error) error {
	e, err := c.records.GetEmployeeByNationalID(ctx, subject)
	switch {
	case errors.Is(err, records.ErrNotFound):
		return dup
	case err != nil:
		return err
	case e.Job.Agency.ID != agency:
		return ErrFileInOtherAgency
	}
	return dup
}

// duplicateRows gives each row of an import refused because its person
// already has a file the answer CreateEmployee gives (duplicateFile): the
// duplicate itself when the file is agency's, ErrFileInOtherAgency when
// another agency holds it.
func (c *Client) duplicateRows(ctx context.Context, rows []records.RowError, agency string) error {
	for i := range rows {
		r := &rows[i]
		if r.NationalID.IsZero() || !errors.Is(r.Err, records.ErrDuplicateNationalID) {
			continue
		}
		err := c.duplicateFile(ctx, r.NationalID, agency, r.Err)
		if !errors.Is(err, records.ErrDuplicateNationalID) {
			return err // the look-up failed
		}
		r.Err = err
	}
	return nil
}

// AddHistoryEvents records events in the history of a file of the actor's
// agency.
func (c *Client) AddHistoryEvents(ctx context.Context, a Actor, in records.HistoryChange) (records.Employee, []records.HistoryEvent, error) {
	var e records.Employee
	var h []records.HistoryEvent
	err := c.do(ctx, a, UseRecordHistory, func(ctx context.Context, cl *call) error {
		authorize := cl.fileAuthorizer(ctx)
		in.Authorize = func(e records.Employee) error {
			if err := authorize(e); err != nil {
				return err
			}
			return c.checkDirectEntry(e, in.Events)
		}
		var err error
		e, h, err = c.records.AddHistoryEvents(ctx, in)
		for _, ev := range in.Events {
			cl.changes = append(cl.changes, audit.Change{Field: "history", New: string(ev.Kind)})
		}
		return err
	})
	return e, h, err
}

// fileAuthorizer returns the hook a records call runs on the file it read:
// it authorizes the call on that file, so the file is read once.
func (cl *call) fileAuthorizer(ctx context.Context) func(records.Employee) error {
	return func(e records.Employee) error {
		cl.resource = e.ID
		return cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e})
	}
}

// deniedIfUnseen returns err, unless the call never saw subject's file
// because there is none: then it authorizes on the person alone first, so
// that the answer does not tell an outsider whether the person has a file.
func (cl *call) deniedIfUnseen(ctx context.Context, subject identity.NationalID, err error) error {
	if errors.Is(err, records.ErrNotFound) && !cl.authorized {
		if aerr := cl.authorize(ctx, target{subject: subject}); aerr != nil {
			return aerr
		}
	}
	return err
}

// subjectFile loads subject's file and authorizes the call on it.
func (c *Client) subjectFile(ctx context.Context, cl *call, subject identity.NationalID) (records.Employee, error) {
	cl.tg.subject = subject
	e, err := c.records.GetEmployeeByNationalID(ctx, subject)
	if err != nil {
		if errors.Is(err, records.ErrNotFound) {
			// Authorize first, so that the answer does not tell an outsider
			// whether the person has a file.
			if aerr := cl.authorize(ctx, target{subject: subject}); aerr != nil {
				return records.Employee{}, aerr
			}
		}
		return records.Employee{}, err
	}
	cl.resource = e.ID
	return e, cl.authorize(ctx, target{subject: subject, agency: e.Job.Agency.ID, file: &e})
}

// personTarget is the authorization target of a person: their agency, if
// they have a file.
func (c *Client) personTarget(ctx context.Context, subject identity.NationalID) (target, error) {
	e, err := c.records.GetEmployeeByNationalID(ctx, subject)
	switch {
	case errors.Is(err, records.ErrNotFound):
		return target{subject: subject}, nil
	case err != nil:
		return target{}, err
	}
	return target{subject: subject, agency: e.Job.Agency.ID}, nil
}

// correctionChanges lists a request's field changes for the audit trail.
func correctionChanges(r records.Correction) []audit.Change {
	out := make([]audit.Change, 0, len(r.Changes))
	for _, ch := range r.Changes {
		f := string(ch.Field)
		if ch.Target != "" {
			f += "[" + ch.Target + "]"
		}
		out = append(out, audit.Change{Field: f, Old: ch.Old, New: ch.New})
	}
	return out
}
