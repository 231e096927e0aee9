package leave

import (
	"context"
	"errors"
	"fmt"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/internal/validation"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/records"
)

// ReportSource is the port medical reports arrive through: the Ministry of
// Health's Seha service, or a host's relay of attested reports from
// abroad. Reports returns the reports issued after the cursor after ("":
// from the first), in issue order, at most limit, and the cursor to pass
// next (after itself when there is nothing new). The host keeps the
// cursor; receiving a report twice is harmless (Receive is idempotent on
// the report number). leavetest.Seha is a fake.
type ReportSource interface {
	Reports(ctx context.Context, after string, limit int) (reports []Report, next string, err error)
}

// Receive verifies a medical report, matches it to the employee (the
// companion's file for a companion leave, else the patient's) and turns it
// into an approved sick or companion leave with its history event, in one
// transaction. A report that fails is stored as refused with every reason.
// It is idempotent on the report number: a number received before returns
// the stored outcome and changes nothing, whatever the report now says.
//
// A companion leave is charged to the companion's annual balance on its
// first day, then to their own ordinary sick quota (Rules.CompanionToSick,
// Reg 147); a sick leave to the quota of its category.
//
// Errors: only the Store's and the clock's; a refusal is an outcome, not an
// error (MedicalReport.Status).
func (s *Service) Receive(ctx context.Context, rep Report) (MedicalReport, error) {
	now, _, err := s.clock()
	if err != nil {
		return MedicalReport{}, err
	}
	if n, err := ParseReportNumber(rep.Number); err == nil {
		rep.Number = n
		if got, err := s.store.GetReport(ctx, n); err == nil {
			return got, nil
		} else if !errors.Is(err, ErrNotFound) {
			return MedicalReport{}, err
		}
	}
	var out MedicalReport
	err = s.inTx(ctx, func(ctx context.Context) error {
		mr := MedicalReport{Report: rep, ReceivedAt: now}
		refuse := func(err error) error {
			mr.Status, mr.LeaveID = ReportRefused, ""
			var fe *fault.Error
			if errors.As(err, &fe) && len(fe.Fields) > 0 {
				mr.Reasons = fe.Fields
			} else if errors.As(err, &fe) {
				mr.Reasons = []fault.FieldViolation{{Field: "report", Reason: fe.Reason, Message: fe.Message}}
			} else {
				return err
			}
			if mr.Report.Number == "" {
				return err // a report without a number cannot be kept
			}
			out, err = s.store.CreateReport(ctx, mr)
			return err
		}
		who := rep.Patient
		kind := Sick
		if !rep.Companion.IsZero() {
			who, kind = rep.Companion, Companion
		}
		// The file the report is for, when there is one: a refused report
		// is kept on it too, so that its agency sees why.
		var e records.Employee
		found := false
		if !who.IsZero() {
			var err error
			e, err = s.recs.GetEmployeeByNationalID(ctx, who)
			switch {
			case err == nil:
				found = true
				mr.EmployeeID, mr.AgencyID = e.ID, e.Job.Agency.ID
			case !errors.Is(err, records.ErrNotFound):
				return err
			}
		}
		if err := s.reports.Verify(&rep); err != nil {
			if _, nerr := ParseReportNumber(rep.Number); nerr != nil {
				return nerr
			}
			return refuse(err)
		}
		if !found {
			return refuse(ErrReportRefused.WithFields(fault.FieldViolation{Field: "patient", Reason: "leave.report.no_file",
				Message: i18n.Text{EN: "no employee file matches the report", AR: "لا يوجد ملف موظف مطابق للتقرير"}}))
		}
		f, err := s.load(ctx, e.ID, nil)
		if err != nil {
			return err
		}
		if !f.e.ServiceEnd.IsZero() && f.e.ServiceEnd.Before(rep.From) {
			return refuse(ErrNotInService)
		}
		l, granted, err := s.ledger(&f, rep.From, "", false, true)
		if err != nil {
			return err
		}
		if err := s.rules.Check(&Request{Kind: kind, From: rep.From, To: rep.To, Birth: f.e.BirthDate, Ledger: l, Granted: granted}, nil); err != nil {
			return refuse(err)
		}
		lv := Leave{ID: s.newID(), EmployeeID: f.e.ID, NationalID: f.e.NationalID, AgencyID: f.e.Job.Agency.ID,
			Kind: kind, From: rep.From, To: rep.To, Days: rep.Days, Status: Approved, Category: rep.Category,
			ReportNumber: rep.Number, DecidedAt: now, CreatedAt: now, UpdatedAt: now}
		if kind == Companion {
			st := s.statement(&l, rep.From, nil)
			lv.Split = s.rules.SplitCompanion(rep.Days, &st)
			lv.Category = Ordinary
		}
		_, today, _ := s.clock()
		if err := s.writeEvent(ctx, &lv, &f, today); err != nil {
			if errors.Is(err, records.ErrInvalidHistory) {
				return refuse(err)
			}
			return err
		}
		if _, err := s.store.CreateLeave(ctx, lv); err != nil {
			return err
		}
		mr.Status, mr.LeaveID = ReportApplied, lv.ID
		out, err = s.store.CreateReport(ctx, mr)
		return err
	})
	if errors.Is(err, ErrConflict) {
		// a concurrent receipt of the same number won: its outcome stands.
		if got, gerr := s.store.GetReport(ctx, rep.Number); gerr == nil {
			return got, nil
		}
	}
	return out, err
}

// SyncResult is one page of reports received from a source.
type SyncResult struct {
	Reports []MedicalReport `json:"reports"`
	// Next is the cursor to pass to the next Sync.
	Next string `json:"next"`
}

// Sync receives the next page of at most limit reports (0: page.DefaultLimit)
// of src after the cursor after, and returns their outcomes and the next
// cursor. A failure stops it: the reports received before stay received,
// and a retry with the same cursor receives them again harmlessly.
func (s *Service) Sync(ctx context.Context, src ReportSource, after string, limit int) (SyncResult, error) {
	limit = page.Limit(limit, page.DefaultLimit, page.MaxLimit)
	reps, next, err := src.Reports(ctx, after, limit)
	if err != nil {
		return SyncResult{}, fmt.Errorf("leave: report source: %w", err)
	}
	out := SyncResult{Reports: make([]MedicalReport, 0, len(reps)), Next: next}
	for _, r := range reps {
		mr, err := s.Receive(ctx, r)
		if err != nil {
			return SyncResult{}, err
		}
		out.Reports = append(out.Reports, mr)
	}
	return out, nil
}

// GetReport returns the received report with the given number.
//
// Errors: ErrInvalidReportNumber; ErrNotFound.
func (s *Service) GetReport(ctx context.Context, number string) (MedicalReport, error) {
	n, err := ParseReportNumber(number)
	if err != nil {
		return MedicalReport{}, err
	}
	return s.store.GetReport(ctx, n)
}

// ListReports returns a page of the received reports matching f.
//
// Errors: fault.ErrInvalidInput; ErrCursorNotFound.
func (s *Service) ListReports(ctx context.Context, f ReportFilter) (page.Page[MedicalReport], error) {
	for _, c := range []struct{ field, v string }{{"after", f.After}, {"employee_id", f.EmployeeID}, {"agency_id", f.AgencyID}} {
		if err := validation.ID(c.field, c.v); err != nil {
			return page.Page[MedicalReport]{}, err
		}
	}
	if f.Status != "" && !f.Status.Valid() {
		return page.Page[MedicalReport]{}, invalid("status", "unknown report status", "حالة تقرير غير معروفة")
	}
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	rs, err := s.store.ListReports(ctx, f)
	if err != nil {
		return page.Page[MedicalReport]{}, err
	}
	return page.New(rs, limit, func(r MedicalReport) string { return r.Report.Number }), nil
}
