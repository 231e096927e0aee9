package records

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/ids"
	"github.com/masarhr/masar-go/internal/validation"
	"github.com/masarhr/masar-go/page"
)

// Options configures a Service. The zero value (or nil) gives the defaults.
type Options struct {
	// Now returns the current time (default time.Now); it is read once per operation.
	Now func() time.Time
	// NewID returns a new unique ID (default: 128 random bits as 32 lowercase
	// hex digits).
	NewID func() string
	// Location is the zone whose civil date is "today" (default: Saudi
	// Arabia, UTC+03:00 all year).
	Location *time.Location
	// Rules are the exclusion rules of service duration (default DefaultRules()).
	Rules *Rules
	// StatementKey signs and verifies service statements; at least
	// MinStatementKeyLen random bytes, kept secret and stable (statements
	// signed with a key verify only with it). Without it the Service refuses
	// to issue or verify statements (ErrStatementKeyMissing): an unverifiable
	// statement would be worthless.
	StatementKey []byte
	// Notifier is told of decisions on correction requests (default NopNotifier).
	Notifier Notifier
	// Logger receives notifier failures; nil discards them.
	Logger *slog.Logger
	// StatementLayout is the host's letterhead, logo, signatory,
	// verification page (VerifyURL) or own templates for the statements
	// RenderStatementHTML and RenderStatementText print (default: the
	// default layout, see StatementLayout).
	StatementLayout StatementLayout
}

// Service is the records use cases: employee files and their history,
// service duration, service statements and correction requests. All rules
// live here; the Store only persists. A Service is safe for concurrent use.
type Service struct {
	store    Store
	now      func() time.Time
	newID    func() string
	loc      *time.Location
	rules    Rules
	key      []byte
	notifier Notifier
	log      *slog.Logger
	layout   StatementLayout
}

// New returns a Service over store. nil opts means defaults.
func New(store Store, opts *Options) *Service {
	if opts == nil {
		opts = &Options{}
	}
	s := &Service{store: store, now: opts.Now, newID: opts.NewID, loc: opts.Location, notifier: opts.Notifier, log: opts.Logger}
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
	} else {
		s.rules = DefaultRules()
	}
	if len(opts.StatementKey) > 0 {
		s.key = append([]byte(nil), opts.StatementKey...)
	}
	if s.notifier == nil {
		s.notifier = NopNotifier{}
	}
	s.layout = opts.StatementLayout.clone()
	return s
}

// Rules returns a copy of the exclusion rules the Service uses.
func (s *Service) Rules() Rules { return s.rules.Clone() }

// clock is the time of one operation.
type clock struct {
	at    time.Time  // stored instants: UTC, microseconds
	today hijri.Date // civil date in the Service's location
}

func (s *Service) clock() (clock, error) {
	now := s.now()
	today, err := hijri.FromTime(now.In(s.loc))
	if err != nil {
		return clock{}, fault.ErrInternal.Wrap(err)
	}
	return clock{at: now.UTC().Truncate(time.Microsecond), today: today}, nil
}

// refine replaces a store error matching sentinel by its refinement.
func refine(err error, sentinel, refined *fault.Error) error {
	if errors.Is(err, sentinel) {
		if fe, ok := fault.As(err); ok && fe.Reason == sentinel.Reason {
			return refined
		}
	}
	return err
}

// checkIDs checks the identifiers given to a Service method on their own
// (record IDs, codes, filter values, cursors), as field and value pairs, with
// validation.ID: text that no store could hold alike (a NUL byte, invalid
// UTF-8) or longer than validation.MaxID bytes is refused with
// fault.ErrInvalidInput naming the field, the same answer on every Store,
// before a Store sees it.
func checkIDs(fieldsAndValues ...string) error {
	for i := 0; i+1 < len(fieldsAndValues); i += 2 {
		if err := validation.ID(fieldsAndValues[i], fieldsAndValues[i+1]); err != nil {
			return err
		}
	}
	return nil
}

func dateErr(field string) error {
	return ErrInvalidDate.WithFields(fault.FieldViolation{Field: field, Reason: "records.invalid_date",
		Message: i18n.Text{EN: "not a valid Hijri date", AR: "ليس تاريخاً هجرياً صحيحاً"}})
}

// NewEmployee is the input of CreateEmployee.
type NewEmployee struct {
	NationalID       identity.NationalID `json:"national_id" validate:"required,sa_id" ar:"رقم الهوية"`
	Name             Names               `json:"name" validate:"required" ar:"الاسم"`
	BirthDate        hijri.Date          `json:"birth_date" validate:"required" ar:"تاريخ الميلاد"`
	Gender           Gender              `json:"gender" validate:"required,oneof=male female" ar:"الجنس"`
	Nationality      string              `json:"nationality" validate:"required,len=2,alpha,uppercase" ar:"الجنسية"`
	Contact          Contact             `json:"contact" ar:"بيانات التواصل"`
	EmploymentSystem EmploymentSystem    `json:"employment_system" validate:"required,oneof=civil_service military private other" ar:"نظام التوظيف"`
	Qualifications   []Qualification     `json:"qualifications,omitempty" validate:"max=20,dive" ar:"المؤهلات"`
	// History is the job history from the appointment; it must satisfy
	// ValidateHistory. Event IDs are assigned.
	History []HistoryEvent `json:"history" validate:"required,min=1,max=1000" ar:"السجل الوظيفي"`
}

// Validate checks the shape of a new file: its fields, birth date and
// qualifications (not the history's invariants: see ValidateHistory). It
// fails with fault.ErrInvalidInput or ErrInvalidDate.
func (in NewEmployee) Validate() error {
	if err := validation.Default().Struct(in); err != nil {
		return err
	}
	if !in.BirthDate.IsValid() {
		return dateErr("birth_date")
	}
	return checkQualifications(in.Qualifications)
}

func checkQualifications(qs []Qualification) error {
	for _, q := range qs {
		if !q.Degree.Valid() {
			return fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: "qualifications.degree", Reason: "oneof",
				Message: i18n.Text{EN: "unknown degree level", AR: "المؤهل غير معروف"}})
		}
		if !q.ObtainedOn.IsZero() && !q.ObtainedOn.IsValid() {
			return dateErr("qualifications.obtained_on")
		}
	}
	return nil
}

// prepareEvents assigns IDs to events without one and sets each job's start date.
func (s *Service) prepareEvents(events []HistoryEvent, keepIDs bool) []HistoryEvent {
	out := CloneHistory(events)
	for i := range out {
		if !keepIDs || out[i].ID == "" {
			out[i].ID = s.newID()
		}
		if out[i].Job != nil {
			out[i].Job.StartDate = out[i].Start
		}
	}
	return out
}

// ApplyHistory sets the fields of e that follow from its history h: the
// current job (the job of the latest job event) and the end of service. The
// Service keeps them in step on every write; an importer that builds files
// itself calls it too.
func (e *Employee) ApplyHistory(h []HistoryEvent) {
	segs := JobSegments(h)
	if len(segs) > 0 {
		e.Job = *segs[len(segs)-1].Event.Job
	}
	e.ServiceEnd = lastServiceEnd(h) // the last spell's end: zero once re-appointed
}

// CreateEmployee creates an employee file with its history. It fails with
// fault.ErrInvalidInput or ErrInvalidDate for malformed input,
// ErrInvalidHistory when the history breaks an invariant, and
// ErrDuplicateNationalID (a conflict) when a file has the national ID.
func (s *Service) CreateEmployee(ctx context.Context, in NewEmployee) (Employee, error) {
	if err := in.Validate(); err != nil {
		return Employee{}, err
	}
	history := s.prepareEvents(in.History, false)
	if err := ValidateHistory(history); err != nil {
		return Employee{}, err
	}
	c, err := s.clock()
	if err != nil {
		return Employee{}, err
	}
	e := Employee{
		ID: s.newID(), NationalID: in.NationalID, Name: in.Name, BirthDate: in.BirthDate, Gender: in.Gender,
		Nationality: in.Nationality, Contact: in.Contact, EmploymentSystem: in.EmploymentSystem,
		Version: 1, CreatedAt: c.at, UpdatedAt: c.at,
	}
	for _, q := range in.Qualifications {
		q = q.Clone()
		q.ID = s.newID()
		e.Qualifications = append(e.Qualifications, q)
	}
	e.ApplyHistory(history)
	if _, err := s.store.GetEmployeeByNationalID(ctx, in.NationalID); err == nil {
		return Employee{}, ErrDuplicateNationalID
	} else if !errors.Is(err, ErrNotFound) {
		return Employee{}, err
	}
	return s.store.CreateEmployee(ctx, e, history)
}

// GetEmployee returns the file with the given ID, or ErrEmployeeNotFound.
// An ID that no file could have (a NUL byte, invalid UTF-8, more than 200
// bytes) is fault.ErrInvalidInput.
func (s *Service) GetEmployee(ctx context.Context, id string) (Employee, error) {
	if err := checkIDs("employee_id", id); err != nil {
		return Employee{}, err
	}
	e, err := s.store.GetEmployee(ctx, id)
	return e, refine(err, ErrNotFound, ErrEmployeeNotFound)
}

// GetEmployeeByNationalID returns the file of the national ID, or ErrEmployeeNotFound.
func (s *Service) GetEmployeeByNationalID(ctx context.Context, id identity.NationalID) (Employee, error) {
	if err := checkIDs("national_id", id.String()); err != nil {
		return Employee{}, err
	}
	e, err := s.store.GetEmployeeByNationalID(ctx, id)
	return e, refine(err, ErrNotFound, ErrEmployeeNotFound)
}

// ListEmployees returns one page of the files matching f, ordered by
// creation time then ID. f.Limit defaults to page.DefaultLimit and is capped
// at page.MaxLimit; Next is the ID of the page's last file when another page
// follows. An f.After that names no file fails with an error matching
// ErrNotFound; a filter value or cursor that none could match (a NUL byte,
// invalid UTF-8, more than 200 bytes) with fault.ErrInvalidInput.
func (s *Service) ListEmployees(ctx context.Context, f EmployeeFilter) (page.Page[Employee], error) {
	if err := checkIDs("agency_id", f.AgencyID, "employment_system", string(f.EmploymentSystem), "after", f.After); err != nil {
		return page.Page[Employee]{}, err
	}
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	es, err := s.store.ListEmployees(ctx, f)
	if err != nil {
		return page.Page[Employee]{}, err
	}
	return page.New(es, limit, func(e Employee) string { return e.ID }), nil
}

// EmployeeUpdate is the input of UpdateEmployee: an agency's direct edit of
// the person's data. Nil fields are left unchanged. The job changes only
// through the history.
type EmployeeUpdate struct {
	ID string `json:"id" validate:"required,max=200" ar:"معرف الملف"`
	// Version is the file's version as read.
	Version          int64             `json:"version" validate:"min=1" ar:"الإصدار"`
	Name             *Names            `json:"name,omitempty" validate:"omitnil" ar:"الاسم"`
	BirthDate        *hijri.Date       `json:"birth_date,omitempty" ar:"تاريخ الميلاد"`
	Gender           *Gender           `json:"gender,omitempty" validate:"omitnil,oneof=male female" ar:"الجنس"`
	Nationality      *string           `json:"nationality,omitempty" validate:"omitnil,len=2,alpha,uppercase" ar:"الجنسية"`
	Contact          *Contact          `json:"contact,omitempty" validate:"omitnil" ar:"بيانات التواصل"`
	EmploymentSystem *EmploymentSystem `json:"employment_system,omitempty" validate:"omitnil,oneof=civil_service military private other" ar:"نظام التوظيف"`
	// Qualifications replaces the list; entries without an ID get one.
	Qualifications *[]Qualification `json:"qualifications,omitempty" validate:"omitnil,max=20,dive" ar:"المؤهلات"`
}

// UpdateEmployee applies an agency's edit to a file. It fails with
// fault.ErrInvalidInput, ErrEmployeeNotFound, or ErrStaleVersion (a
// conflict) when the file changed since it was read.
func (s *Service) UpdateEmployee(ctx context.Context, in EmployeeUpdate) (Employee, error) {
	if err := validation.Default().Struct(in); err != nil {
		return Employee{}, err
	}
	if in.BirthDate != nil && !in.BirthDate.IsValid() {
		return Employee{}, dateErr("birth_date")
	}
	if in.Qualifications != nil {
		if err := checkQualifications(*in.Qualifications); err != nil {
			return Employee{}, err
		}
	}
	c, err := s.clock()
	if err != nil {
		return Employee{}, err
	}
	e, err := s.GetEmployee(ctx, in.ID)
	if err != nil {
		return Employee{}, err
	}
	if e.Version != in.Version {
		return Employee{}, ErrStaleVersion
	}
	if in.Name != nil {
		e.Name = *in.Name
	}
	if in.BirthDate != nil {
		e.BirthDate = *in.BirthDate
	}
	if in.Gender != nil {
		e.Gender = *in.Gender
	}
	if in.Nationality != nil {
		e.Nationality = *in.Nationality
	}
	if in.Contact != nil {
		e.Contact = *in.Contact
	}
	if in.EmploymentSystem != nil {
		e.EmploymentSystem = *in.EmploymentSystem
	}
	if in.Qualifications != nil {
		e.Qualifications = nil
		for _, q := range *in.Qualifications {
			q = q.Clone()
			if q.ID == "" {
				q.ID = s.newID()
			}
			e.Qualifications = append(e.Qualifications, q)
		}
	}
	e.UpdatedAt = c.at
	stored, err := s.store.UpdateEmployee(ctx, e)
	if err != nil {
		return Employee{}, refine(err, ErrNotFound, ErrEmployeeNotFound)
	}
	return stored, nil
}

// ListHistory returns the history of a file in canonical order (SortHistory),
// or ErrEmployeeNotFound; fault.ErrInvalidInput for an ID no file could
// have (a NUL byte, invalid UTF-8, more than 200 bytes).
func (s *Service) ListHistory(ctx context.Context, employeeID string) ([]HistoryEvent, error) {
	if err := checkIDs("employee_id", employeeID); err != nil {
		return nil, err
	}
	h, err := s.store.ListHistoryEvents(ctx, employeeID)
	if err != nil {
		return nil, refine(err, ErrNotFound, ErrEmployeeNotFound)
	}
	SortHistory(h)
	return h, nil
}

// HistoryChange is the input of AddHistoryEvents and UpdateHistoryEvents.
type HistoryChange struct {
	EmployeeID string `json:"employee_id" validate:"required,max=200" ar:"معرف الملف"`
	// Version is the file's version as read; the history is guarded by it.
	Version int64          `json:"version" validate:"min=1" ar:"الإصدار"`
	Events  []HistoryEvent `json:"events" validate:"required,min=1,max=200" ar:"الأحداث"`
	// Authorize, if set, is called with the file as the Service read it,
	// before anything is checked or written; its error stops the call (the
	// facade authorizes with it, so the file is read once).
	Authorize func(e Employee) error `json:"-" validate:"-"`
}

// HistoryRemoval is the input of RemoveHistoryEvents.
type HistoryRemoval struct {
	EmployeeID string   `json:"employee_id" validate:"required,max=200" ar:"معرف الملف"`
	Version    int64    `json:"version" validate:"min=1" ar:"الإصدار"`
	EventIDs   []string `json:"event_ids" validate:"required,min=1,max=200,dive,required,max=200" ar:"الأحداث"`
	// Authorize is as HistoryChange.Authorize.
	Authorize func(e Employee) error `json:"-" validate:"-"`
}

// readFile reads a file at the given version and its history, after
// authorize (if not nil) has seen the file.
func (s *Service) readFile(ctx context.Context, id string, version int64, authorize func(Employee) error) (Employee, []HistoryEvent, error) {
	e, err := s.GetEmployee(ctx, id)
	if err != nil {
		return Employee{}, nil, err
	}
	if authorize != nil {
		if err := authorize(e.Clone()); err != nil {
			return Employee{}, nil, err
		}
	}
	if e.Version != version {
		return Employee{}, nil, ErrStaleVersion
	}
	h, err := s.store.ListHistoryEvents(ctx, id)
	if err != nil {
		return Employee{}, nil, refine(err, ErrNotFound, ErrEmployeeNotFound)
	}
	return e, h, nil
}

var errEmptyHistory = ErrInvalidHistory.Because("records.history.missing_appointment",
	"the history cannot be empty: service starts with an appointment", "لا يمكن أن يكون السجل الوظيفي فارغاً: تبدأ الخدمة بالتعيين")

// writeHistory checks the new history h of e and stores it: appended events
// when added is not nil, else a replacement. It returns the updated file.
func (s *Service) writeHistory(ctx context.Context, e Employee, h, added []HistoryEvent) (Employee, []HistoryEvent, error) {
	if len(h) == 0 {
		return Employee{}, nil, errEmptyHistory
	}
	if err := ValidateHistory(h); err != nil {
		return Employee{}, nil, err
	}
	c, err := s.clock()
	if err != nil {
		return Employee{}, nil, err
	}
	e.ApplyHistory(h)
	e.UpdatedAt = c.at
	if added != nil {
		e, err = s.store.AppendHistoryEvents(ctx, e, added)
	} else {
		e, err = s.store.ReplaceHistoryEvents(ctx, e, h)
	}
	if err != nil {
		return Employee{}, nil, refine(err, ErrNotFound, ErrEmployeeNotFound)
	}
	SortHistory(h)
	return e, h, nil
}

// AddHistoryEvents adds events (IDs assigned) to a file's history after
// checking the invariants over the whole history, and updates the file's
// current job and end of service. It returns the file (new Version) and the
// whole history. It fails with fault.ErrInvalidInput,
// ErrEmployeeNotFound, ErrStaleVersion, or ErrInvalidHistory naming the
// conflicting events.
func (s *Service) AddHistoryEvents(ctx context.Context, in HistoryChange) (Employee, []HistoryEvent, error) {
	if err := validation.Default().Struct(in); err != nil {
		return Employee{}, nil, err
	}
	e, h, err := s.readFile(ctx, in.EmployeeID, in.Version, in.Authorize)
	if err != nil {
		return Employee{}, nil, err
	}
	added := s.prepareEvents(in.Events, false)
	return s.writeHistory(ctx, e, append(h, added...), added)
}

// UpdateHistoryEvents replaces events of a file's history by ID (to close a
// period, record an outcome, fix a date) after checking the invariants. It
// fails like AddHistoryEvents, and with ErrHistoryEventNotFound for an
// unknown event ID.
func (s *Service) UpdateHistoryEvents(ctx context.Context, in HistoryChange) (Employee, []HistoryEvent, error) {
	if err := validation.Default().Struct(in); err != nil {
		return Employee{}, nil, err
	}
	for i := range in.Events {
		if err := checkIDs("events["+strconv.Itoa(i)+"].id", in.Events[i].ID); err != nil {
			return Employee{}, nil, err
		}
	}
	e, h, err := s.readFile(ctx, in.EmployeeID, in.Version, in.Authorize)
	if err != nil {
		return Employee{}, nil, err
	}
	for _, ev := range s.prepareEvents(in.Events, true) {
		i := indexOfEvent(h, ev.ID)
		if i < 0 || ev.ID == "" {
			return Employee{}, nil, ErrHistoryEventNotFound
		}
		h[i] = ev
	}
	return s.writeHistory(ctx, e, h, nil)
}

// RemoveHistoryEvents removes events from a file's history by ID after
// checking the invariants over what remains. It fails like
// UpdateHistoryEvents; the appointment can go only with a replacement
// (UpdateHistoryEvents), as the history cannot be left without one.
func (s *Service) RemoveHistoryEvents(ctx context.Context, in HistoryRemoval) (Employee, []HistoryEvent, error) {
	if err := validation.Default().Struct(in); err != nil {
		return Employee{}, nil, err
	}
	e, h, err := s.readFile(ctx, in.EmployeeID, in.Version, in.Authorize)
	if err != nil {
		return Employee{}, nil, err
	}
	for _, id := range in.EventIDs {
		i := indexOfEvent(h, id)
		if i < 0 {
			return Employee{}, nil, ErrHistoryEventNotFound
		}
		h = append(h[:i], h[i+1:]...)
	}
	return s.writeHistory(ctx, e, h, nil)
}

func indexOfEvent(h []HistoryEvent, id string) int {
	for i := range h {
		if h[i].ID == id {
			return i
		}
	}
	return -1
}

// ServiceDuration computes a file's service for purpose p as of asOf (zero:
// today), with the Service's rules. See Rules.ServiceDuration for the
// errors, plus ErrEmployeeNotFound, and fault.ErrInvalidInput for an
// employee ID or purpose no file could have (a NUL byte, invalid UTF-8,
// more than 200 bytes).
func (s *Service) ServiceDuration(ctx context.Context, employeeID string, p Purpose, asOf hijri.Date) (Duration, error) {
	if err := checkIDs("employee_id", employeeID, "purpose", string(p)); err != nil {
		return Duration{}, err
	}
	if asOf.IsZero() {
		c, err := s.clock()
		if err != nil {
			return Duration{}, err
		}
		asOf = c.today
	}
	h, err := s.ListHistory(ctx, employeeID)
	if err != nil {
		return Duration{}, err
	}
	return s.rules.ServiceDuration(h, p, asOf)
}

// StatementRequest is the input of IssueStatement.
type StatementRequest struct {
	// EmployeeID names the file; or NationalID, when EmployeeID is empty.
	EmployeeID string              `json:"employee_id,omitempty" validate:"max=200" ar:"معرف الملف"`
	NationalID identity.NationalID `json:"national_id,omitzero" ar:"رقم الهوية"`
	// Authorize, if set, is called with the file as the Service read it,
	// before the statement is built; its error stops the call.
	Authorize func(e Employee) error `json:"-" validate:"-"`
	// AsOf is the date the statement speaks of; zero means today. It cannot be after today.
	AsOf hijri.Date `json:"as_of" ar:"حتى تاريخ"`
}

// ErrFutureStatement: a statement cannot speak of a date after today.
var ErrFutureStatement = fault.New(fault.Invalid, "records.statement.future_as_of",
	"a service statement cannot be issued as of a future date", "لا يمكن إصدار بيان خدمة بتاريخ مستقبلي")

// IssueStatement builds, signs and stores a service statement of a file as
// of a date. It fails with ErrStatementKeyMissing when the Service has no
// key, fault.ErrInvalidInput, ErrInvalidDate, ErrFutureStatement,
// ErrEmployeeNotFound, or as ServiceDuration does.
func (s *Service) IssueStatement(ctx context.Context, in StatementRequest) (Statement, error) {
	if len(s.key) < MinStatementKeyLen {
		return Statement{}, ErrStatementKeyMissing
	}
	if err := validation.Default().Struct(in); err != nil {
		return Statement{}, err
	}
	c, err := s.clock()
	if err != nil {
		return Statement{}, err
	}
	asOf := in.AsOf
	if asOf.IsZero() {
		asOf = c.today
	} else if !asOf.IsValid() {
		return Statement{}, dateErr("as_of")
	}
	if asOf.After(c.today) {
		return Statement{}, ErrFutureStatement
	}
	e, err := s.statementFile(ctx, in)
	if err != nil {
		return Statement{}, err
	}
	h, err := s.ListHistory(ctx, e.ID)
	if err != nil {
		return Statement{}, err
	}
	st, err := BuildStatement(e, h, asOf, &s.rules)
	if err != nil {
		return Statement{}, err
	}
	st.ID, st.IssuedAt, st.IssuedOn = s.newID(), c.at, c.today
	if err := st.Sign(s.key); err != nil {
		return Statement{}, err
	}
	stored, err := s.store.CreateStatement(ctx, st)
	if err != nil {
		return Statement{}, refine(err, ErrNotFound, ErrEmployeeNotFound)
	}
	return stored, nil
}

// statementFile reads the file a statement request names and lets its
// Authorize see it.
func (s *Service) statementFile(ctx context.Context, in StatementRequest) (Employee, error) {
	var e Employee
	var err error
	switch {
	case in.EmployeeID == "" && in.NationalID.IsZero():
		return Employee{}, fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: "employee_id", Reason: "required",
			Message: i18n.Text{EN: "the file's ID or the national ID is required", AR: "معرف الملف أو رقم الهوية مطلوب"}})
	case in.EmployeeID != "":
		e, err = s.GetEmployee(ctx, in.EmployeeID)
	default:
		e, err = s.GetEmployeeByNationalID(ctx, in.NationalID)
	}
	if err != nil {
		return Employee{}, err
	}
	if in.Authorize != nil {
		if err := in.Authorize(e.Clone()); err != nil {
			return Employee{}, err
		}
	}
	return e, nil
}

// VerifyStatementCode looks up an issued statement by its verification code
// (any case, with or without dashes) and checks it: a third party holding a
// printed statement compares it with what this returns. It fails with
// ErrStatementNotFound, ErrStatementNotVerified if the stored statement was
// altered, ErrStatementKeyMissing, or fault.ErrInvalidInput for text that
// no code could be (a NUL byte, invalid UTF-8, more than 200 bytes).
func (s *Service) VerifyStatementCode(ctx context.Context, code string) (Statement, error) {
	if len(s.key) < MinStatementKeyLen {
		return Statement{}, ErrStatementKeyMissing
	}
	if err := checkIDs("code", code); err != nil {
		return Statement{}, err
	}
	norm := NormalizeCode(code)
	if norm == "" {
		return Statement{}, ErrStatementNotFound
	}
	st, err := s.store.GetStatementByCode(ctx, norm)
	if err != nil {
		return Statement{}, refine(err, ErrNotFound, ErrStatementNotFound)
	}
	if err := VerifyStatement(s.key, st); err != nil {
		return Statement{}, err
	}
	return st, nil
}

// ProposedChange is one change an employee proposes: the field, the
// qualification it belongs to (Target, for qualification fields) and the new
// value. The old value is taken from the file.
type ProposedChange struct {
	Field  Field  `json:"field" validate:"required,max=60" ar:"الحقل"`
	Target string `json:"target,omitempty" validate:"max=64" ar:"المؤهل"`
	New    string `json:"new" validate:"max=300" ar:"القيمة الجديدة"`
}

// CorrectionRequest is the input of RequestCorrection.
type CorrectionRequest struct {
	EmployeeID string `json:"employee_id" validate:"required,max=200" ar:"معرف الملف"`
	// RequestedBy identifies the actor making the request.
	RequestedBy       string           `json:"requested_by" validate:"required,max=100" ar:"مقدم الطلب"`
	Changes           []ProposedChange `json:"changes,omitempty" validate:"max=30,dive" ar:"التعديلات"`
	AddQualifications []Qualification  `json:"add_qualifications,omitempty" validate:"max=5,dive" ar:"المؤهلات المضافة"`
	Documents         []Document       `json:"documents,omitempty" validate:"max=10,dive" ar:"المستندات"`
	Justification     string           `json:"justification,omitempty" validate:"max=2000" ar:"المبررات"`
	// AcceptTerms must be true: the employee confirms the data is correct and
	// accepts the terms named by TermsVersion.
	AcceptTerms  bool   `json:"accept_terms" ar:"الموافقة على الشروط"`
	TermsVersion string `json:"terms_version,omitempty" validate:"max=40" ar:"إصدار الشروط"`
}

func changeErr(base *fault.Error, reason string, field Field, en, ar string) error {
	return base.Because(reason, en, ar).WithFields(fault.FieldViolation{Field: string(field), Reason: reason, Message: i18n.Text{EN: en, AR: ar}})
}

// RequestCorrection records an employee's request to correct their file. It
// fails with fault.ErrInvalidInput, ErrTermsNotAccepted,
// ErrNotCorrectable for a field outside the allow-list (Field.Correctable),
// ErrInvalidChange for an empty request, a duplicate field, a value equal to
// the current one or a malformed value, and ErrEmployeeNotFound.
func (s *Service) RequestCorrection(ctx context.Context, in CorrectionRequest) (Correction, error) {
	if err := validation.Default().Struct(in); err != nil {
		return Correction{}, err
	}
	if !in.AcceptTerms {
		return Correction{}, ErrTermsNotAccepted
	}
	if len(in.Changes)+len(in.AddQualifications) == 0 {
		return Correction{}, ErrInvalidChange.Because("records.correction.empty", "the request proposes no change", "لا يتضمن الطلب أي تعديل")
	}
	if err := checkQualifications(in.AddQualifications); err != nil {
		return Correction{}, err
	}
	c, err := s.clock()
	if err != nil {
		return Correction{}, err
	}
	e, err := s.GetEmployee(ctx, in.EmployeeID)
	if err != nil {
		return Correction{}, err
	}
	changes := make([]FieldChange, 0, len(in.Changes))
	seen := map[[2]string]bool{}
	for _, p := range in.Changes {
		def, ok := correctable[p.Field]
		if !ok {
			return Correction{}, ErrNotCorrectable.WithFields(fault.FieldViolation{Field: string(p.Field), Reason: ErrNotCorrectable.Reason, Message: ErrNotCorrectable.Message})
		}
		key := [2]string{string(p.Field), p.Target}
		if seen[key] {
			return Correction{}, changeErr(ErrInvalidChange, "records.correction.duplicate_field", p.Field, "the field is changed twice", "الحقل مكرر في الطلب")
		}
		seen[key] = true
		var q *Qualification
		if def.qual {
			if q, ok = e.Qualification(p.Target); !ok {
				return Correction{}, changeErr(ErrInvalidChange, "records.correction.unknown_target", p.Field, "the file has no such qualification", "المؤهل غير موجود في الملف")
			}
		} else if p.Target != "" {
			return Correction{}, changeErr(ErrInvalidChange, "records.correction.unexpected_target", p.Field, "this field does not belong to a qualification", "هذا الحقل لا يخص مؤهلاً")
		}
		nv, err := newValue(p.Field, def, strings.TrimSpace(p.New))
		if err != nil {
			return Correction{}, err
		}
		old := def.get(&e, q)
		if old == nv {
			return Correction{}, changeErr(ErrInvalidChange, "records.correction.no_change", p.Field, "the new value is the same as the current one", "القيمة الجديدة مطابقة للقيمة الحالية")
		}
		changes = append(changes, FieldChange{Field: p.Field, Target: p.Target, Old: old, New: nv})
	}
	cr := Correction{
		ID: s.newID(), EmployeeID: e.ID, AgencyID: e.Job.Agency.ID, Changes: changes,
		Documents: cloneSlice(in.Documents), Justification: in.Justification,
		TermsVersion: in.TermsVersion, TermsAcceptedAt: c.at, Status: CorrectionPending, RequestedBy: in.RequestedBy,
		CreatedAt: c.at, Version: 1, UpdatedAt: c.at,
	}
	for _, q := range in.AddQualifications {
		cr.AddQualifications = append(cr.AddQualifications, q.Clone())
	}
	stored, err := s.store.CreateCorrection(ctx, cr)
	if err != nil {
		return Correction{}, refine(err, ErrNotFound, ErrEmployeeNotFound)
	}
	return stored, nil
}

// GetCorrection returns a correction request, or ErrCorrectionNotFound;
// fault.ErrInvalidInput for an ID no request could have (a NUL byte,
// invalid UTF-8, more than 200 bytes).
func (s *Service) GetCorrection(ctx context.Context, id string) (Correction, error) {
	if err := checkIDs("correction_id", id); err != nil {
		return Correction{}, err
	}
	c, err := s.store.GetCorrection(ctx, id)
	return c, refine(err, ErrNotFound, ErrCorrectionNotFound)
}

// ListCorrections returns one page of the requests matching f, oldest first
// (a review queue). f.Limit defaults to page.DefaultLimit and is capped at
// page.MaxLimit; Next is the ID of the page's last request when another page
// follows. An f.After that names no request fails with an error matching
// ErrNotFound; a filter value or cursor that none could match (a NUL byte,
// invalid UTF-8, more than 200 bytes) with fault.ErrInvalidInput.
func (s *Service) ListCorrections(ctx context.Context, f CorrectionFilter) (page.Page[Correction], error) {
	if err := checkIDs("agency_id", f.AgencyID, "file_agency_id", f.FileAgencyID, "employee_id", f.EmployeeID,
		"status", string(f.Status), "after", f.After); err != nil {
		return page.Page[Correction]{}, err
	}
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	cs, err := s.store.ListCorrections(ctx, f)
	if err != nil {
		return page.Page[Correction]{}, err
	}
	return page.New(cs, limit, func(c Correction) string { return c.ID }), nil
}

// CorrectionDecision is the input of ApproveCorrection, RejectCorrection and
// WithdrawCorrection.
type CorrectionDecision struct {
	CorrectionID string `json:"correction_id" validate:"required,max=200" ar:"رقم الطلب"`
	// Version is the request's version as the decider read it: a decision on
	// a request that changed since then is a conflict.
	Version int64 `json:"version" validate:"min=1" ar:"الإصدار"`
	// By identifies the reviewer (or, for a withdrawal, the employee).
	By string `json:"by" validate:"required,max=100" ar:"متخذ القرار"`
	// Note is the reason of a rejection (required) or a note on an approval.
	Note string `json:"note,omitempty" validate:"max=2000" ar:"الملاحظات"`
	// Authorize, if set, is called with the request and the file it is
	// about, as the Service read them, before anything is checked or
	// decided; its error stops the call. A caller that must authorize on
	// them (the facade) passes it, so that each is read once.
	Authorize func(c Correction, e Employee) error `json:"-" validate:"-"`
}

// openCorrection reads a request and its file, lets in.Authorize see them,
// and checks that the request is pending at the given version.
func (s *Service) openCorrection(ctx context.Context, in CorrectionDecision) (Correction, Employee, error) {
	if err := validation.Default().Struct(in); err != nil {
		return Correction{}, Employee{}, err
	}
	c, err := s.GetCorrection(ctx, in.CorrectionID)
	if err != nil {
		return Correction{}, Employee{}, err
	}
	e, err := s.GetEmployee(ctx, c.EmployeeID)
	if err != nil {
		return Correction{}, Employee{}, err
	}
	if in.Authorize != nil {
		if err := in.Authorize(c.Clone(), e.Clone()); err != nil {
			return Correction{}, Employee{}, err
		}
	}
	if c.Version != in.Version {
		return Correction{}, Employee{}, ErrStaleVersion
	}
	if c.Status != CorrectionPending {
		return Correction{}, Employee{}, ErrCorrectionClosed
	}
	return c, e, nil
}

func (s *Service) close(c *Correction, status CorrectionStatus, in CorrectionDecision, at time.Time) {
	c.Status, c.DecidedBy, c.DecidedAt, c.DecisionNote, c.UpdatedAt = status, in.By, at, in.Note, at
}

// ApproveCorrection approves a pending request: it checks that every old
// value still matches the file, applies the changes and records the decision
// in one atomic Store call, then tells the Notifier. It returns the request
// and the file, both with their new versions. It fails with
// fault.ErrInvalidInput, ErrCorrectionNotFound, ErrEmployeeNotFound,
// and with a conflict: ErrStaleVersion (the request or file changed; of two
// concurrent deciders exactly one wins), ErrCorrectionClosed, or
// ErrCorrectionStale (the file no longer has the old values).
func (s *Service) ApproveCorrection(ctx context.Context, in CorrectionDecision) (Correction, Employee, error) {
	c, e, err := s.openCorrection(ctx, in)
	if err != nil {
		return Correction{}, Employee{}, err
	}
	now, err := s.clock()
	if err != nil {
		return Correction{}, Employee{}, err
	}
	if err := applyChanges(&e, &c, s.newID); err != nil {
		return Correction{}, Employee{}, err
	}
	e.UpdatedAt = now.at
	s.close(&c, CorrectionApproved, in, now.at)
	c, err = s.store.DecideCorrection(ctx, c, &e)
	if err != nil {
		return Correction{}, Employee{}, err
	}
	e.Version++ // DecideCorrection stores the file as given with Version+1
	s.notify(ctx, c)
	return c, e, nil
}

// ErrReasonRequired: a rejection must give its reason.
var ErrReasonRequired = fault.New(fault.Invalid, "records.correction.reason_required",
	"a rejection must give its reason", "يجب ذكر سبب الرفض")

// RejectCorrection rejects a pending request with a reason (in.Note), then
// tells the Notifier. It fails like ApproveCorrection (but never with
// ErrCorrectionStale), and with ErrReasonRequired.
func (s *Service) RejectCorrection(ctx context.Context, in CorrectionDecision) (Correction, error) {
	if strings.TrimSpace(in.Note) == "" {
		return Correction{}, ErrReasonRequired
	}
	c, _, err := s.openCorrection(ctx, in)
	if err != nil {
		return Correction{}, err
	}
	now, err := s.clock()
	if err != nil {
		return Correction{}, err
	}
	s.close(&c, CorrectionRejected, in, now.at)
	c, err = s.store.DecideCorrection(ctx, c, nil)
	if err != nil {
		return Correction{}, err
	}
	s.notify(ctx, c)
	return c, nil
}

// WithdrawCorrection withdraws a pending request (the employee's own act; the
// Notifier is not told). It fails like RejectCorrection, without the reason.
func (s *Service) WithdrawCorrection(ctx context.Context, in CorrectionDecision) (Correction, error) {
	c, _, err := s.openCorrection(ctx, in)
	if err != nil {
		return Correction{}, err
	}
	now, err := s.clock()
	if err != nil {
		return Correction{}, err
	}
	s.close(&c, CorrectionWithdrawn, in, now.at)
	return s.store.UpdateCorrection(ctx, c)
}

func (s *Service) notify(ctx context.Context, c Correction) {
	if err := s.notifier.CorrectionDecided(ctx, c.Clone()); err != nil && s.log != nil {
		s.log.LogAttrs(ctx, slog.LevelWarn, "records: notifier failed",
			slog.String("correction_id", c.ID), slog.String("status", string(c.Status)), slog.Any("error", err))
	}
}
