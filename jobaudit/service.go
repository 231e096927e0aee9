package jobaudit

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/ids"
	"github.com/masarhr/masar-go/internal/validation"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/txn"
)

// Options configures a Service. The zero value (or nil) gives the defaults.
type Options struct {
	// Now returns the current time (default time.Now); read once per operation.
	Now func() time.Time
	// NewID returns a new unique ID (default: 128 random bits as 32 hex digits).
	NewID func() string
	// Location is the zone whose civil date is "today" (default hijri.SaudiTime()).
	Location *time.Location
	// Rules are the checks' configuration (default DefaultRules()).
	Rules *Rules
	// Scale is the salary scale ranks and steps are checked against
	// (default promotion.GeneralScale()).
	Scale *promotion.Scale
	// Files reads files with their histories in ID order for Audit (the
	// records adapter's records.FileScanner). When nil, Audit lists the
	// agency's files and reads each history (one query per file).
	Files records.FileScanner
}

// Service is the job-data audit use cases: job variables under four eyes,
// the data-quality audit of an agency and qualification documentation. It
// keeps variables and requests in a Store and writes the file through
// recs; the Store and recs's store must share transactions (one adapter)
// for an approval to be atomic. A Service is safe for concurrent use.
type Service struct {
	store Store
	recs  *records.Service
	files records.FileScanner
	now   func() time.Time
	newID func() string
	loc   *time.Location
	rules Rules
	scale *promotion.Scale
	v     *validation.Validator
}

// New returns a Service over store writing files through recs (required).
func New(store Store, recs *records.Service, opts *Options) *Service {
	if opts == nil {
		opts = &Options{}
	}
	s := &Service{store: store, recs: recs, files: opts.Files, now: opts.Now, newID: opts.NewID, loc: opts.Location,
		rules: DefaultRules(), scale: opts.Scale, v: validation.Default()}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = ids.New
	}
	if s.loc == nil {
		s.loc = hijri.SaudiTime()
	}
	if opts.Rules != nil {
		s.rules = opts.Rules.Clone()
	}
	if s.scale == nil {
		s.scale = promotion.GeneralScale()
	}
	return s
}

// Rules returns a copy of the rules the Service applies.
func (s *Service) Rules() Rules { return s.rules.Clone() }

func (s *Service) clock() (time.Time, hijri.Date, error) {
	now := s.now().UTC().Truncate(time.Microsecond)
	today, err := hijri.Today(now, s.loc)
	if err != nil {
		return time.Time{}, hijri.Date{}, fault.ErrInternal.Wrap(fmt.Errorf("jobaudit: the clock is outside the Hijri table: %w", err))
	}
	return now, today, nil
}

func (s *Service) inTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return txn.Within(ctx, s.store, fn)
}

func invalid(field, en, ar string) error {
	return fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: field, Reason: "invalid", Message: i18n.Text{EN: en, AR: ar}})
}

// DraftInput is the input of Draft.
type DraftInput struct {
	// By is the maker.
	By         identity.NationalID `json:"by" validate:"required"`
	EmployeeID string              `json:"employee_id" validate:"required,max=200"`
	// Kind is the main event's kind (default: the first event's).
	Kind      records.EventKind      `json:"kind,omitempty"`
	Events    []records.HistoryEvent `json:"events" validate:"required,min=1,max=50"`
	Decision  records.Decision       `json:"decision"`
	Documents []records.Document     `json:"documents,omitempty" validate:"max=20,dive"`
	// Authorize, if set, sees the file before anything is written.
	Authorize func(e records.Employee) error `json:"-" validate:"-"`
}

// Draft creates a variable in Draft on a file. The maker must not be the
// employee (ErrFourEyes).
func (s *Service) Draft(ctx context.Context, in DraftInput) (Variable, error) {
	if err := s.v.Struct(in); err != nil {
		return Variable{}, err
	}
	if strings.TrimSpace(in.Decision.Number) == "" {
		return Variable{}, invalid("decision.number", "the decision number is required", "رقم القرار مطلوب")
	}
	now, _, err := s.clock()
	if err != nil {
		return Variable{}, err
	}
	e, err := s.recs.GetEmployee(ctx, in.EmployeeID)
	if err != nil {
		return Variable{}, err
	}
	if in.Authorize != nil {
		if err := in.Authorize(e.Clone()); err != nil {
			return Variable{}, err
		}
	}
	if in.By == e.NationalID {
		return Variable{}, ErrFourEyes
	}
	kind := in.Kind
	if kind == "" {
		kind = in.Events[0].Kind
	}
	v := Variable{ID: s.newID(), EmployeeID: e.ID, NationalID: e.NationalID, AgencyID: e.Job.Agency.ID, Kind: kind,
		Events: records.CloneHistory(in.Events), Decision: in.Decision, Documents: cloneSlice(in.Documents), State: Draft,
		Maker: in.By, CreatedAt: now, UpdatedAt: now,
		Transitions: []Transition{{To: Draft, By: in.By, At: now}}}
	for i := range v.Events {
		if v.Events[i].Decision.Number == "" {
			v.Events[i].Decision = in.Decision
		}
	}
	return s.store.CreateVariable(ctx, v)
}

// EditInput is the input of Edit. Nil fields are left unchanged.
type EditInput struct {
	By        identity.NationalID     `json:"by" validate:"required"`
	ID        string                  `json:"id" validate:"required,max=200"`
	Version   int64                   `json:"version" validate:"min=1"`
	Events    *[]records.HistoryEvent `json:"events,omitempty" validate:"omitnil,min=1,max=50"`
	Decision  *records.Decision       `json:"decision,omitempty"`
	Documents *[]records.Document     `json:"documents,omitempty" validate:"omitnil,max=20,dive"`
	// Authorize, if set, sees the variable as read.
	Authorize func(v Variable) error `json:"-" validate:"-"`
}

// Edit changes a draft or returned variable; only its maker may
// (ErrNotMaker).
func (s *Service) Edit(ctx context.Context, in EditInput) (Variable, error) {
	if err := s.v.Struct(in); err != nil {
		return Variable{}, err
	}
	now, _, err := s.clock()
	if err != nil {
		return Variable{}, err
	}
	v, err := s.open(ctx, in.ID, in.Version, in.Authorize)
	if err != nil {
		return Variable{}, err
	}
	if v.State != Draft && v.State != Returned {
		return Variable{}, ErrWrongState
	}
	if in.By != v.Maker {
		return Variable{}, ErrNotMaker
	}
	if in.Decision != nil {
		if strings.TrimSpace(in.Decision.Number) == "" {
			return Variable{}, invalid("decision.number", "the decision number is required", "رقم القرار مطلوب")
		}
		v.Decision = *in.Decision
	}
	if in.Events != nil {
		v.Events = records.CloneHistory(*in.Events)
		v.Kind = v.Events[0].Kind
	}
	if in.Documents != nil {
		v.Documents = cloneSlice(*in.Documents)
	}
	v.UpdatedAt = now
	return s.store.UpdateVariable(ctx, v)
}

// Action is the input of Submit, Return, Approve and Reject.
type Action struct {
	By      identity.NationalID `json:"by" validate:"required"`
	ID      string              `json:"id" validate:"required,max=200"`
	Version int64               `json:"version" validate:"min=1"`
	// Note is the return's notes or the rejection's reason (required for both).
	Note string `json:"note,omitempty" validate:"max=2000"`
	// Authorize, if set, sees the variable as read.
	Authorize func(v Variable) error `json:"-" validate:"-"`
}

func (s *Service) open(ctx context.Context, id string, version int64, authorize func(Variable) error) (Variable, error) {
	v, err := s.store.GetVariable(ctx, id)
	if err != nil {
		return Variable{}, err
	}
	if authorize != nil {
		if err := authorize(v.Clone()); err != nil {
			return Variable{}, err
		}
	}
	if v.Version != version {
		return Variable{}, ErrConflict
	}
	return v, nil
}

func (v *Variable) move(to State, by identity.NationalID, at time.Time, note string) {
	v.Transitions = append(v.Transitions, Transition{From: v.State, To: to, By: by, At: at, Note: note})
	v.State = to
	v.UpdatedAt = at
}

// check returns the variable's refusal (ErrRefused with every reason), or nil.
func (s *Service) check(ctx context.Context, v *Variable) (records.Employee, error) {
	e, err := s.recs.GetEmployee(ctx, v.EmployeeID)
	if err != nil {
		return records.Employee{}, err
	}
	h, err := s.recs.ListHistory(ctx, v.EmployeeID)
	if err != nil {
		return records.Employee{}, err
	}
	var why []fault.FieldViolation
	if s.rules.DocumentsRequired && len(v.Documents) == 0 {
		why = append(why, fault.FieldViolation{Field: "documents", Reason: "jobaudit.documents_required",
			Message: i18n.Text{EN: "supporting documents are required", AR: "المستندات المؤيدة مطلوبة"}})
	}
	why = append(why, CheckVariable(e, h, v.Events, s.scale, s.rules)...)
	if len(why) > 0 {
		return records.Employee{}, ErrRefused.WithFields(why...)
	}
	return e, nil
}

// Submit submits a draft or returned variable (by its maker) after the
// rules (ErrRefused listing every reason). When the policy does not require
// a checker for the agency and kind, the variable is applied at once
// (Direct), as Approve does.
func (s *Service) Submit(ctx context.Context, in Action) (Variable, error) {
	if err := s.v.Struct(in); err != nil {
		return Variable{}, err
	}
	now, _, err := s.clock()
	if err != nil {
		return Variable{}, err
	}
	var out Variable
	err = s.inTx(ctx, func(ctx context.Context) error {
		v, err := s.open(ctx, in.ID, in.Version, in.Authorize)
		if err != nil {
			return err
		}
		if v.State != Draft && v.State != Returned {
			return ErrWrongState
		}
		if in.By != v.Maker {
			return ErrNotMaker
		}
		e, err := s.check(ctx, &v)
		if err != nil {
			return err
		}
		v.move(Submitted, in.By, now, "")
		if !s.rules.Policy.Requires(v.AgencyID, v.Kind) {
			v.Direct = true
			out, err = s.apply(ctx, v, e, in.By, now)
			return err
		}
		out, err = s.store.UpdateVariable(ctx, v)
		return err
	})
	return out, err
}

// apply writes v's events into file e and stores v applied.
func (s *Service) apply(ctx context.Context, v Variable, e records.Employee, by identity.NationalID, now time.Time) (Variable, error) {
	if _, _, err := s.recs.AddHistoryEvents(ctx, records.HistoryChange{EmployeeID: e.ID, Version: e.Version,
		Events: records.CloneHistory(v.Events)}); err != nil {
		return Variable{}, err
	}
	v.move(Approved, by, now, "")
	v.move(Applied, by, now, "")
	return s.store.UpdateVariable(ctx, v)
}

// checker refuses a checker who is the maker or the employee.
func checker(v *Variable, by identity.NationalID) error {
	if by == v.Maker || by == v.NationalID {
		return ErrFourEyes
	}
	return nil
}

// Approve verifies a submitted variable and applies it: its events are
// added to the file's history (records.Service.AddHistoryEvents) and the
// variable ends Applied, in one transaction; if the history write fails,
// nothing changes. The checker is never the maker nor the employee
// (ErrFourEyes).
func (s *Service) Approve(ctx context.Context, in Action) (Variable, error) {
	if err := s.v.Struct(in); err != nil {
		return Variable{}, err
	}
	now, _, err := s.clock()
	if err != nil {
		return Variable{}, err
	}
	var out Variable
	err = s.inTx(ctx, func(ctx context.Context) error {
		v, err := s.open(ctx, in.ID, in.Version, in.Authorize)
		if err != nil {
			return err
		}
		if err := checker(&v, in.By); err != nil {
			return err
		}
		if v.State != Submitted {
			return ErrWrongState
		}
		e, err := s.check(ctx, &v)
		if err != nil {
			return err
		}
		v.Checker = in.By
		out, err = s.apply(ctx, v, e, in.By, now)
		return err
	})
	return out, err
}

// Return sends a submitted variable back to its maker with the checker's
// notes (required: ErrNotesRequired).
func (s *Service) Return(ctx context.Context, in Action) (Variable, error) {
	return s.close(ctx, in, Returned)
}

// Reject closes a submitted variable with a reason (required).
func (s *Service) Reject(ctx context.Context, in Action) (Variable, error) {
	return s.close(ctx, in, Rejected)
}

func (s *Service) close(ctx context.Context, in Action, to State) (Variable, error) {
	if err := s.v.Struct(in); err != nil {
		return Variable{}, err
	}
	if strings.TrimSpace(in.Note) == "" {
		return Variable{}, ErrNotesRequired
	}
	now, _, err := s.clock()
	if err != nil {
		return Variable{}, err
	}
	v, err := s.open(ctx, in.ID, in.Version, in.Authorize)
	if err != nil {
		return Variable{}, err
	}
	if err := checker(&v, in.By); err != nil {
		return Variable{}, err
	}
	if v.State != Submitted {
		return Variable{}, ErrWrongState
	}
	v.Checker = in.By
	v.Notes = in.Note
	v.move(to, in.By, now, in.Note)
	return s.store.UpdateVariable(ctx, v)
}

// Get returns a variable, or ErrNotFound.
func (s *Service) Get(ctx context.Context, id string) (Variable, error) {
	return s.store.GetVariable(ctx, id)
}

// List returns a page of variables matching f (ID order; Limit 0:
// page.DefaultLimit, at most page.MaxLimit).
func (s *Service) List(ctx context.Context, f VariableFilter) (page.Page[Variable], error) {
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	vs, err := s.store.ListVariables(ctx, f)
	if err != nil {
		return page.Page[Variable]{}, err
	}
	return page.New(vs, limit, func(v Variable) string { return v.ID }), nil
}

// QualificationInput is the input of SubmitQualification.
type QualificationInput struct {
	// By is the employee submitting (the file's national ID).
	By            identity.NationalID   `json:"by" validate:"required"`
	EmployeeID    string                `json:"employee_id" validate:"required,max=200"`
	Qualification records.Qualification `json:"qualification"`
	// Equivalency is required for a foreign degree (Country other than "SA").
	Equivalency *records.Equivalency `json:"equivalency,omitempty" validate:"omitnil"`
	Documents   []records.Document   `json:"documents" validate:"max=10,dive"`
	// Authorize, if set, sees the file before anything is written.
	Authorize func(e records.Employee) error `json:"-" validate:"-"`
}

// SubmitQualification records an employee's request to document a
// qualification: documents are required (ErrDocumentsRequired), and an
// equivalency for a foreign degree (ErrEquivalencyRequired).
func (s *Service) SubmitQualification(ctx context.Context, in QualificationInput) (QualificationRequest, error) {
	if err := s.v.Struct(in); err != nil {
		return QualificationRequest{}, err
	}
	q := in.Qualification.Clone()
	q.ID, q.Documentation = "", nil
	if err := s.v.Struct(q); err != nil {
		return QualificationRequest{}, err
	}
	if len(in.Documents) == 0 {
		return QualificationRequest{}, ErrDocumentsRequired
	}
	r := QualificationRequest{Qualification: q, Documents: cloneSlice(in.Documents), State: RequestSubmitted}
	if in.Equivalency != nil {
		eq := *in.Equivalency
		r.Equivalency = &eq
	}
	if r.Foreign() && r.Equivalency == nil {
		return QualificationRequest{}, ErrEquivalencyRequired
	}
	now, _, err := s.clock()
	if err != nil {
		return QualificationRequest{}, err
	}
	e, err := s.recs.GetEmployee(ctx, in.EmployeeID)
	if err != nil {
		return QualificationRequest{}, err
	}
	if in.Authorize != nil {
		if err := in.Authorize(e.Clone()); err != nil {
			return QualificationRequest{}, err
		}
	}
	r.ID, r.EmployeeID, r.NationalID, r.AgencyID = s.newID(), e.ID, e.NationalID, e.Job.Agency.ID
	r.CreatedAt, r.UpdatedAt = now, now
	return s.store.CreateRequest(ctx, r)
}

// QualificationDecision is the input of DocumentQualification and
// RejectQualification.
type QualificationDecision struct {
	By      identity.NationalID `json:"by" validate:"required"`
	ID      string              `json:"id" validate:"required,max=200"`
	Version int64               `json:"version" validate:"min=1"`
	// Reason is the rejection's reason (required to reject).
	Reason string `json:"reason,omitempty" validate:"max=2000"`
	// Authorize, if set, sees the request as read.
	Authorize func(q QualificationRequest) error `json:"-" validate:"-"`
}

func (s *Service) openRequest(ctx context.Context, in QualificationDecision) (QualificationRequest, error) {
	q, err := s.store.GetRequest(ctx, in.ID)
	if err != nil {
		return QualificationRequest{}, err
	}
	if in.Authorize != nil {
		if err := in.Authorize(q.Clone()); err != nil {
			return QualificationRequest{}, err
		}
	}
	if q.Version != in.Version {
		return QualificationRequest{}, ErrConflict
	}
	if q.State != RequestSubmitted {
		return QualificationRequest{}, ErrWrongState
	}
	if in.By == q.NationalID {
		return QualificationRequest{}, ErrFourEyes
	}
	return q, nil
}

// DocumentQualification documents a submitted request: the qualification
// is written into the file (records.Service.UpdateEmployee) with its
// Documentation, and the request ends documented, in one transaction. The
// employee may not document their own (ErrFourEyes).
func (s *Service) DocumentQualification(ctx context.Context, in QualificationDecision) (QualificationRequest, error) {
	if err := s.v.Struct(in); err != nil {
		return QualificationRequest{}, err
	}
	now, today, err := s.clock()
	if err != nil {
		return QualificationRequest{}, err
	}
	var out QualificationRequest
	err = s.inTx(ctx, func(ctx context.Context) error {
		q, err := s.openRequest(ctx, in)
		if err != nil {
			return err
		}
		e, err := s.recs.GetEmployee(ctx, q.EmployeeID)
		if err != nil {
			return err
		}
		add := q.Qualification.Clone()
		add.Documents = append(add.Documents, q.Documents...)
		add.Documentation = &records.Documentation{State: records.Documented, By: in.By, On: today, RequestID: q.ID}
		if q.Equivalency != nil {
			eq := *q.Equivalency
			add.Documentation.Equivalency = &eq
		}
		qs := append(e.Clone().Qualifications, add)
		if _, err := s.recs.UpdateEmployee(ctx, records.EmployeeUpdate{ID: e.ID, Version: e.Version, Qualifications: &qs}); err != nil {
			return err
		}
		q.State, q.DecidedBy, q.DecidedAt, q.UpdatedAt = RequestDocumented, in.By, now, now
		out, err = s.store.UpdateRequest(ctx, q)
		return err
	})
	return out, err
}

// RejectQualification rejects a submitted request with a reason
// (ErrNotesRequired without one).
func (s *Service) RejectQualification(ctx context.Context, in QualificationDecision) (QualificationRequest, error) {
	if err := s.v.Struct(in); err != nil {
		return QualificationRequest{}, err
	}
	if strings.TrimSpace(in.Reason) == "" {
		return QualificationRequest{}, ErrNotesRequired
	}
	now, _, err := s.clock()
	if err != nil {
		return QualificationRequest{}, err
	}
	q, err := s.openRequest(ctx, in)
	if err != nil {
		return QualificationRequest{}, err
	}
	q.State, q.Reason, q.DecidedBy, q.DecidedAt, q.UpdatedAt = RequestRejected, in.Reason, in.By, now, now
	return s.store.UpdateRequest(ctx, q)
}

// GetRequest returns a qualification request, or ErrNotFound.
func (s *Service) GetRequest(ctx context.Context, id string) (QualificationRequest, error) {
	return s.store.GetRequest(ctx, id)
}

// ListRequests returns a page of qualification requests matching f.
func (s *Service) ListRequests(ctx context.Context, f RequestFilter) (page.Page[QualificationRequest], error) {
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	qs, err := s.store.ListRequests(ctx, f)
	if err != nil {
		return page.Page[QualificationRequest]{}, err
	}
	return page.New(qs, limit, func(q QualificationRequest) string { return q.ID }), nil
}

// AuditInput is the input of Audit.
type AuditInput struct {
	AgencyID string `json:"agency_id" validate:"required,max=200"`
	// After is the previous page's Next ("" starts at the first file).
	After string `json:"after,omitempty" validate:"max=200"`
	// Limit is the most files of the agency read for the page (default
	// 1000, at most 10000); the page holds those with findings.
	Limit int `json:"limit,omitempty" validate:"min=0"`
}

// Audit reads the agency's files in ID order from the one after in.After,
// up to in.Limit of them, and returns those with findings (Check). Next is
// the ID of the last file read when more may follow: pass it as After to
// resume. With Options.Files it reads files in batches of whole histories.
func (s *Service) Audit(ctx context.Context, in AuditInput) (page.Page[FileFindings], error) {
	if err := s.v.Struct(in); err != nil {
		return page.Page[FileFindings]{}, err
	}
	limit := page.Limit(in.Limit, 1000, 10000)
	out := page.Page[FileFindings]{Items: []FileFindings{}}
	read, after := 0, in.After
	emit := func(e records.Employee, h []records.HistoryEvent) {
		read++
		after = e.ID
		if fs := Check(e, h, s.scale, s.rules); len(fs) > 0 {
			out.Items = append(out.Items, FileFindings{EmployeeID: e.ID, AgencyID: e.Job.Agency.ID, Findings: fs})
		}
	}
	if s.files != nil {
		for read < limit {
			batch, err := s.files.ScanFiles(ctx, after, limit)
			if err != nil {
				return page.Page[FileFindings]{}, err
			}
			if len(batch) == 0 {
				return out, nil
			}
			for _, f := range batch {
				if f.Employee.Job.Agency.ID != in.AgencyID {
					after = f.Employee.ID
					continue
				}
				emit(f.Employee, f.History)
				if read == limit {
					break
				}
			}
			if read < limit && len(batch) < limit {
				return out, nil
			}
		}
		out.Next = after
		return out, nil
	}
	p, err := s.recs.ListEmployees(ctx, records.EmployeeFilter{AgencyID: in.AgencyID, After: in.After, Limit: limit})
	if err != nil {
		return page.Page[FileFindings]{}, err
	}
	for _, e := range p.Items {
		h, err := s.recs.ListHistory(ctx, e.ID)
		if err != nil {
			return page.Page[FileFindings]{}, err
		}
		emit(e, h)
	}
	out.Next = p.Next
	return out, nil
}
