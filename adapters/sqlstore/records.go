package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/records"
)

var _ records.Store = (*Store)(nil)

// failpointKey carries, in a context, a function that tests use to inject a
// failure at a named point of a multi-write operation (see export_test).
type failpointKey struct{}

// failpoint returns the failure a test injected at point, or nil.
func failpoint(ctx context.Context, point string) error {
	if f, ok := ctx.Value(failpointKey{}).(func(point string) error); ok {
		return f(point)
	}
	return nil
}

// The failpoints.
const (
	// fpDecideBetweenWrites is in DecideCorrection after the request is
	// written and before the file is.
	fpDecideBetweenWrites = "decide_correction.between_writes"
)

// ---- employees ----

const employeeColumns = `id, national_id, agency_id, employment_system, service_end, name, birth_date, gender, nationality, contact, job, qualifications, version, created_at, updated_at`

type employeeRow struct {
	ID               string                             `db:"id"`
	NationalID       identity.NationalID                `db:"national_id"`
	AgencyID         string                             `db:"agency_id"`
	EmploymentSystem string                             `db:"employment_system"`
	ServiceEnd       hijri.Date                         `db:"service_end"`
	Name             jsonValue[records.Names]           `db:"name"`
	BirthDate        hijri.Date                         `db:"birth_date"`
	Gender           string                             `db:"gender"`
	Nationality      string                             `db:"nationality"`
	Contact          jsonValue[records.Contact]         `db:"contact"`
	Job              jsonValue[records.Job]             `db:"job"`
	Qualifications   jsonValue[[]records.Qualification] `db:"qualifications"`
	Version          int64                              `db:"version"`
	CreatedAt        instant                            `db:"created_at"`
	UpdatedAt        instant                            `db:"updated_at"`
}

func (r *employeeRow) employee() records.Employee {
	return records.Employee{
		ID: r.ID, NationalID: r.NationalID, Name: r.Name.V, BirthDate: r.BirthDate, Gender: records.Gender(r.Gender),
		Nationality: r.Nationality, Contact: r.Contact.V, EmploymentSystem: records.EmploymentSystem(r.EmploymentSystem),
		Job: r.Job.V, ServiceEnd: r.ServiceEnd, Qualifications: nilIfEmpty(r.Qualifications.V),
		Version: r.Version, CreatedAt: timeOf(r.CreatedAt), UpdatedAt: timeOf(r.UpdatedAt),
	}
}

// employeeRec is an employee file encoded for its row, written either as
// statement arguments (args) or as a COPY row (copyRow).
type employeeRec struct {
	id, nationalID, agencyID, system, gender, nationality string
	serviceEnd, birthDate                                 any // ISO Hijri text or nil
	name, contact, job, quals                             string
	version                                               int64
	createdAt, updatedAt                                  time.Time
}

func encodeEmployee(e *records.Employee, version int64) (employeeRec, error) {
	r := employeeRec{
		id: e.ID, nationalID: e.NationalID.String(), agencyID: e.Job.Agency.ID, system: string(e.EmploymentSystem),
		gender: string(e.Gender), nationality: e.Nationality, version: version,
		createdAt: e.CreatedAt.UTC(), updatedAt: e.UpdatedAt.UTC(),
	}
	var err error
	if r.serviceEnd, err = e.ServiceEnd.Value(); err != nil {
		return r, err
	}
	if r.birthDate, err = e.BirthDate.Value(); err != nil {
		return r, err
	}
	quals := e.Qualifications
	if quals == nil {
		quals = []records.Qualification{}
	}
	for _, f := range []struct {
		dst *string
		v   any
	}{{&r.name, e.Name}, {&r.contact, e.Contact}, {&r.job, e.Job}, {&r.quals, quals}} {
		b, err := json.Marshal(f.v)
		if err != nil {
			return r, err
		}
		*f.dst = string(b)
	}
	return r, nil
}

// args returns the row's values in employeeColumns order.
func (r *employeeRec) args() []any {
	return []any{r.id, r.nationalID, r.agencyID, r.system, r.serviceEnd, r.name, r.birthDate, r.gender, r.nationality,
		r.contact, r.job, r.quals, r.version, instant(r.createdAt), instant(r.updatedAt)}
}

// copyRow returns the row's values in employeeColumns order for pgx's CopyFrom.
func (r *employeeRec) copyRow() []any {
	return []any{r.id, r.nationalID, r.agencyID, r.system, r.serviceEnd, r.name, r.birthDate, r.gender, r.nationality,
		r.contact, r.job, r.quals, r.version, r.createdAt.Truncate(time.Microsecond), r.updatedAt.Truncate(time.Microsecond)}
}

const employeeColumnCount = 15

// ---- history events ----

const eventColumns = `id, employee_id, start_date, kind, end_date, details`

const eventColumnCount = 6

type eventRow struct {
	ID        string                          `db:"id"`
	StartDate hijri.Date                      `db:"start_date"`
	Kind      string                          `db:"kind"`
	EndDate   hijri.Date                      `db:"end_date"`
	Details   jsonValue[records.HistoryEvent] `db:"details"`
}

func (r *eventRow) event() records.HistoryEvent {
	ev := r.Details.V
	ev.ID, ev.Kind, ev.Start, ev.End = r.ID, records.EventKind(r.Kind), r.StartDate, r.EndDate
	return ev
}

// eventRec is a history event encoded for its row. The ID, kind and dates
// are columns; details is the rest of the event as JSON (those four fields
// zeroed), so that fields added to HistoryEvent are stored without a migration.
type eventRec struct {
	id, employeeID, start, kind string
	end                         any // ISO Hijri text or nil
	details                     string
}

func encodeEvent(employeeID string, ev *records.HistoryEvent) (eventRec, error) {
	r := eventRec{id: ev.ID, employeeID: employeeID, kind: string(ev.Kind)}
	start, err := ev.Start.Value()
	if err != nil {
		return r, err
	}
	if start != nil {
		r.start = start.(string)
	}
	if r.end, err = ev.End.Value(); err != nil {
		return r, err
	}
	rest := *ev
	rest.ID, rest.Kind, rest.Start, rest.End = "", "", hijri.Date{}, hijri.Date{}
	b, err := json.Marshal(rest)
	if err != nil {
		return r, err
	}
	r.details = string(b)
	return r, nil
}

func (r *eventRec) args() []any { return []any{r.id, r.employeeID, r.start, r.kind, r.end, r.details} }

func (r *eventRec) copyRow() []any { return r.args() }

// insertEvents adds events to the history of employeeID and returns
// records.ErrDuplicateEventID if any event ID is already stored or repeated.
func (s *Store) insertEvents(ctx context.Context, q sqlx.ExtContext, employeeID string, events []records.HistoryEvent) error {
	if len(events) == 0 {
		return nil
	}
	args := make([]any, 0, len(events)*eventColumnCount)
	for i := range events {
		r, err := encodeEvent(employeeID, &events[i])
		if err != nil {
			return mapError(err)
		}
		args = append(args, r.args()...)
	}
	n, err := s.insertValues(ctx, q, `INSERT INTO history_events (`+eventColumns+`) VALUES `, eventColumnCount, args, ` ON CONFLICT DO NOTHING`)
	if err != nil {
		return err
	}
	if n != int64(len(events)) {
		return records.ErrDuplicateEventID
	}
	return nil
}

// storedEmployee returns e as GetEmployee reads it back once stored with
// version: a copy, instants in UTC to the microsecond, empty lists nil.
func storedEmployee(e records.Employee, version int64) records.Employee {
	e = e.Clone()
	e.Version = version
	e.CreatedAt, e.UpdatedAt = storedInstant(e.CreatedAt), storedInstant(e.UpdatedAt)
	e.Qualifications = nilIfEmpty(e.Qualifications)
	for i := range e.Qualifications {
		e.Qualifications[i].Documents = nilIfEmpty(e.Qualifications[i].Documents)
	}
	return e
}

// storedCorrection returns c as GetCorrection reads it back once stored
// with version (see storedEmployee).
func storedCorrection(c records.Correction, version int64) records.Correction {
	c = c.Clone()
	c.Version = version
	c.CreatedAt, c.UpdatedAt = storedInstant(c.CreatedAt), storedInstant(c.UpdatedAt)
	c.DecidedAt, c.TermsAcceptedAt = storedInstant(c.DecidedAt), storedInstant(c.TermsAcceptedAt)
	c.Changes, c.Documents = nilIfEmpty(c.Changes), nilIfEmpty(c.Documents)
	c.AddQualifications = nilIfEmpty(c.AddQualifications)
	for i := range c.AddQualifications {
		c.AddQualifications[i].Documents = nilIfEmpty(c.AddQualifications[i].Documents)
	}
	return c
}

// storedInstant is t as an instant column reads it back.
func storedInstant(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Microsecond)
}

// CreateEmployee implements records.Store.
func (s *Store) CreateEmployee(ctx context.Context, e records.Employee, history []records.HistoryEvent) (records.Employee, error) {
	if err := ctx.Err(); err != nil {
		return records.Employee{}, err
	}
	r, err := encodeEmployee(&e, 1)
	if err != nil {
		return records.Employee{}, mapError(err)
	}
	err = s.write(ctx, func(q sqlx.ExtContext) error {
		n, err := s.exec(ctx, q, `INSERT INTO employees (`+employeeColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, r.args()...)
		if err != nil {
			return err
		}
		if n == 0 {
			if ok, err := s.exists(ctx, q, `SELECT 1 FROM employees WHERE id = ?`, e.ID); err != nil {
				return err
			} else if ok {
				return records.ErrDuplicateEmployeeID
			}
			return records.ErrDuplicateNationalID
		}
		return s.insertEvents(ctx, q, e.ID, history)
	})
	if err != nil {
		return records.Employee{}, err
	}
	return storedEmployee(e, 1), nil
}

// exists reports whether query returns a row.
func (s *Store) exists(ctx context.Context, q sqlx.QueryerContext, query string, args ...any) (bool, error) {
	var one int
	err := sqlx.GetContext(ctx, q, &one, s.rebind(query), args...)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, mapError(err)
}

func (s *Store) getEmployee(ctx context.Context, where string, arg any) (records.Employee, error) {
	if err := ctx.Err(); err != nil {
		return records.Employee{}, err
	}
	var r employeeRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &r, s.rebind(`SELECT `+employeeColumns+` FROM employees WHERE `+where), arg)
	if errors.Is(err, sql.ErrNoRows) {
		return records.Employee{}, records.ErrNotFound
	}
	if err != nil {
		return records.Employee{}, mapError(err)
	}
	return r.employee(), nil
}

// GetEmployee implements records.Store.
func (s *Store) GetEmployee(ctx context.Context, id string) (records.Employee, error) {
	return s.getEmployee(ctx, `id = ?`, id)
}

// GetEmployeeByNationalID implements records.Store.
func (s *Store) GetEmployeeByNationalID(ctx context.Context, nationalID identity.NationalID) (records.Employee, error) {
	if nationalID.IsZero() {
		if err := ctx.Err(); err != nil {
			return records.Employee{}, err
		}
		return records.Employee{}, records.ErrNotFound
	}
	return s.getEmployee(ctx, `national_id = ?`, nationalID.String())
}

// casEmployee stores e with its version incremented if the stored version is
// e.Version and no other file has e's national ID. It returns
// records.ErrNotFound, records.ErrStaleVersion or
// records.ErrDuplicateNationalID otherwise.
func (s *Store) casEmployee(ctx context.Context, q sqlx.ExtContext, e *records.Employee) error {
	r, err := encodeEmployee(e, 0)
	if err != nil {
		return mapError(err)
	}
	n, err := s.exec(ctx, q, `UPDATE employees SET national_id = ?, agency_id = ?, employment_system = ?, service_end = ?,
	name = ?, birth_date = ?, gender = ?, nationality = ?, contact = ?, job = ?, qualifications = ?,
	created_at = ?, updated_at = ?, version = version + 1
WHERE id = ? AND version = ? AND NOT EXISTS (SELECT 1 FROM employees other WHERE other.national_id = ? AND other.id <> ?)`,
		r.nationalID, r.agencyID, r.system, r.serviceEnd, r.name, r.birthDate, r.gender, r.nationality, r.contact, r.job, r.quals,
		instant(r.createdAt), instant(r.updatedAt), e.ID, e.Version, r.nationalID, e.ID)
	if err != nil || n == 1 {
		return err
	}
	var version int64
	err = sqlx.GetContext(ctx, q, &version, s.rebind(`SELECT version FROM employees WHERE id = ?`), e.ID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return records.ErrNotFound
	case err != nil:
		return mapError(err)
	case version != e.Version:
		return records.ErrStaleVersion
	}
	return records.ErrDuplicateNationalID
}

// UpdateEmployee implements records.Store.
func (s *Store) UpdateEmployee(ctx context.Context, e records.Employee) (records.Employee, error) {
	if err := ctx.Err(); err != nil {
		return records.Employee{}, err
	}
	if err := s.write(ctx, func(q sqlx.ExtContext) error { return s.casEmployee(ctx, q, &e) }); err != nil {
		return records.Employee{}, err
	}
	return storedEmployee(e, e.Version+1), nil
}

// listQuery builds a keyset-paged query over table (with columns created_at
// and id) in the list order: conds and args filter it, after is the cursor's
// (created_at, id), limit 0 means no limit.
func listQuery(columns, table string, conds []string, args []any, after *cursor, limit int) (string, []any) {
	if after != nil {
		conds = append(conds, `(created_at, id) > (?, ?)`)
		args = append(args, instant(after.at), after.id)
	}
	q := `SELECT ` + columns + ` FROM ` + table
	if len(conds) > 0 {
		q += ` WHERE ` + strings.Join(conds, ` AND `)
	}
	q += ` ORDER BY created_at, id`
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	return q, args
}

type cursor struct {
	at time.Time
	id string
}

// cursorOf returns the list key of the row id of table, or records.ErrCursorNotFound.
func (s *Store) cursorOf(ctx context.Context, table, id string) (*cursor, error) {
	if id == "" {
		return nil, nil
	}
	var at instant
	err := sqlx.GetContext(ctx, s.ext(ctx), &at, s.rebind(`SELECT created_at FROM `+table+` WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, records.ErrCursorNotFound
	}
	if err != nil {
		return nil, mapError(err)
	}
	return &cursor{at: timeOf(at), id: id}, nil
}

// employeesQuery returns the query of ListEmployees for f, after the cursor.
func employeesQuery(f records.EmployeeFilter, after *cursor) (string, []any) {
	var conds []string
	var args []any
	if f.AgencyID != "" {
		conds, args = append(conds, `agency_id = ?`), append(args, f.AgencyID)
	}
	if f.EmploymentSystem != "" {
		conds, args = append(conds, `employment_system = ?`), append(args, string(f.EmploymentSystem))
	}
	if f.InService != nil {
		if *f.InService {
			conds = append(conds, `service_end IS NULL`)
		} else {
			conds = append(conds, `service_end IS NOT NULL`)
		}
	}
	return listQuery(employeeColumns, `employees`, conds, args, after, f.Limit)
}

// ListEmployees implements records.Store.
func (s *Store) ListEmployees(ctx context.Context, f records.EmployeeFilter) ([]records.Employee, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	after, err := s.cursorOf(ctx, `employees`, f.After)
	if err != nil {
		return nil, err
	}
	query, args := employeesQuery(f, after)
	var rows []employeeRow
	if err := sqlxSelect(ctx, s.ext(ctx), &rows, s.rebind(query), args...); err != nil {
		return nil, err
	}
	out := make([]records.Employee, len(rows))
	for i := range rows {
		out[i] = rows[i].employee()
	}
	return out, nil
}

// ---- history ----

const historyQuery = `SELECT id, start_date, kind, end_date, details FROM history_events WHERE employee_id = ? ORDER BY start_date, id`

// ListHistoryEvents implements records.Store.
func (s *Store) ListHistoryEvents(ctx context.Context, employeeID string) ([]records.HistoryEvent, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q := s.ext(ctx)
	var rows []eventRow
	if err := sqlxSelect(ctx, q, &rows, s.rebind(historyQuery), employeeID); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		// Files are never deleted, so a file that has events exists; only an
		// empty history needs the check.
		if ok, err := s.exists(ctx, q, `SELECT 1 FROM employees WHERE id = ?`, employeeID); err != nil {
			return nil, err
		} else if !ok {
			return nil, records.ErrNotFound
		}
	}
	out := make([]records.HistoryEvent, len(rows))
	for i := range rows {
		out[i] = rows[i].event()
	}
	return out, nil
}

// AppendHistoryEvents implements records.Store.
func (s *Store) AppendHistoryEvents(ctx context.Context, e records.Employee, events []records.HistoryEvent) (records.Employee, error) {
	if err := ctx.Err(); err != nil {
		return records.Employee{}, err
	}
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		if err := s.casEmployee(ctx, q, &e); err != nil {
			return err
		}
		return s.insertEvents(ctx, q, e.ID, events)
	})
	if err != nil {
		return records.Employee{}, err
	}
	return storedEmployee(e, e.Version+1), nil
}

// ReplaceHistoryEvents implements records.Store.
func (s *Store) ReplaceHistoryEvents(ctx context.Context, e records.Employee, events []records.HistoryEvent) (records.Employee, error) {
	if err := ctx.Err(); err != nil {
		return records.Employee{}, err
	}
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		if err := s.casEmployee(ctx, q, &e); err != nil {
			return err
		}
		if _, err := s.exec(ctx, q, `DELETE FROM history_events WHERE employee_id = ?`, e.ID); err != nil {
			return err
		}
		return s.insertEvents(ctx, q, e.ID, events)
	})
	if err != nil {
		return records.Employee{}, err
	}
	return storedEmployee(e, e.Version+1), nil
}

// ---- corrections ----

const correctionColumns = `id, employee_id, agency_id, status, changes, add_qualifications, documents, justification, terms_version,
terms_accepted_at, requested_by, decided_by, decided_at, decision_note, version, created_at, updated_at`

type correctionRow struct {
	ID                string                             `db:"id"`
	EmployeeID        string                             `db:"employee_id"`
	AgencyID          string                             `db:"agency_id"`
	Status            string                             `db:"status"`
	Changes           jsonValue[[]records.FieldChange]   `db:"changes"`
	AddQualifications jsonValue[[]records.Qualification] `db:"add_qualifications"`
	Documents         jsonValue[[]records.Document]      `db:"documents"`
	Justification     string                             `db:"justification"`
	TermsVersion      string                             `db:"terms_version"`
	TermsAcceptedAt   instant                            `db:"terms_accepted_at"`
	RequestedBy       string                             `db:"requested_by"`
	DecidedBy         string                             `db:"decided_by"`
	DecidedAt         instant                            `db:"decided_at"`
	DecisionNote      string                             `db:"decision_note"`
	Version           int64                              `db:"version"`
	CreatedAt         instant                            `db:"created_at"`
	UpdatedAt         instant                            `db:"updated_at"`
}

func (r *correctionRow) correction() records.Correction {
	return records.Correction{
		ID: r.ID, EmployeeID: r.EmployeeID, AgencyID: r.AgencyID, Changes: nilIfEmpty(r.Changes.V),
		AddQualifications: nilIfEmpty(r.AddQualifications.V), Documents: nilIfEmpty(r.Documents.V),
		Justification: r.Justification, TermsVersion: r.TermsVersion, TermsAcceptedAt: timeOf(r.TermsAcceptedAt),
		Status: records.CorrectionStatus(r.Status), RequestedBy: r.RequestedBy, CreatedAt: timeOf(r.CreatedAt),
		DecidedBy: r.DecidedBy, DecidedAt: timeOf(r.DecidedAt), DecisionNote: r.DecisionNote,
		Version: r.Version, UpdatedAt: timeOf(r.UpdatedAt),
	}
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// correctionArgs returns c's values in correctionColumns order.
func correctionArgs(c *records.Correction, version int64) []any {
	return []any{c.ID, c.EmployeeID, c.AgencyID, string(c.Status), jsonValue[[]records.FieldChange]{orEmpty(c.Changes)},
		jsonValue[[]records.Qualification]{orEmpty(c.AddQualifications)}, jsonValue[[]records.Document]{orEmpty(c.Documents)},
		c.Justification, c.TermsVersion, instant(c.TermsAcceptedAt), c.RequestedBy, c.DecidedBy, instant(c.DecidedAt),
		c.DecisionNote, version, instant(c.CreatedAt), instant(c.UpdatedAt)}
}

// CreateCorrection implements records.Store.
func (s *Store) CreateCorrection(ctx context.Context, c records.Correction) (records.Correction, error) {
	if err := ctx.Err(); err != nil {
		return records.Correction{}, err
	}
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		// Files are never deleted: once seen, the file stays for the insert.
		if ok, err := s.exists(ctx, q, `SELECT 1 FROM employees WHERE id = ?`, c.EmployeeID); err != nil {
			return err
		} else if !ok {
			// A duplicate is reported first, as memstore does.
			if dup, err := s.exists(ctx, q, `SELECT 1 FROM corrections WHERE id = ?`, c.ID); err != nil {
				return err
			} else if dup {
				return records.ErrDuplicateCorrectionID
			}
			return records.ErrNotFound
		}
		n, err := s.exec(ctx, q, `INSERT INTO corrections (`+correctionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			correctionArgs(&c, 1)...)
		if err != nil {
			return err
		}
		if n == 0 {
			return records.ErrDuplicateCorrectionID
		}
		return nil
	})
	if err != nil {
		return records.Correction{}, err
	}
	return storedCorrection(c, 1), nil
}

// GetCorrection implements records.Store.
func (s *Store) GetCorrection(ctx context.Context, id string) (records.Correction, error) {
	if err := ctx.Err(); err != nil {
		return records.Correction{}, err
	}
	var r correctionRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &r, s.rebind(`SELECT `+correctionColumns+` FROM corrections WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return records.Correction{}, records.ErrNotFound
	}
	if err != nil {
		return records.Correction{}, mapError(err)
	}
	return r.correction(), nil
}

// correctionsQuery returns the query of ListCorrections for f, after the cursor.
func correctionsQuery(f records.CorrectionFilter, after *cursor) (string, []any) {
	var conds []string
	var args []any
	if f.AgencyID != "" {
		conds, args = append(conds, `agency_id = ?`), append(args, f.AgencyID)
	}
	if f.EmployeeID != "" {
		conds, args = append(conds, `employee_id = ?`), append(args, f.EmployeeID)
	}
	if f.Status != "" {
		conds, args = append(conds, `status = ?`), append(args, string(f.Status))
	}
	if f.FileAgencyID != "" {
		// The files' current agency (employees_agency's index), at the
		// time of the query: a request follows its file on transfer.
		conds = append(conds, `employee_id IN (SELECT id FROM employees WHERE agency_id = ?)`)
		args = append(args, f.FileAgencyID)
	}
	return listQuery(correctionColumns, `corrections`, conds, args, after, f.Limit)
}

// ListCorrections implements records.Store.
func (s *Store) ListCorrections(ctx context.Context, f records.CorrectionFilter) ([]records.Correction, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	after, err := s.cursorOf(ctx, `corrections`, f.After)
	if err != nil {
		return nil, err
	}
	query, args := correctionsQuery(f, after)
	var rows []correctionRow
	if err := sqlxSelect(ctx, s.ext(ctx), &rows, s.rebind(query), args...); err != nil {
		return nil, err
	}
	out := make([]records.Correction, len(rows))
	for i := range rows {
		out[i] = rows[i].correction()
	}
	return out, nil
}

// casCorrection stores c with its version incremented if the stored version
// is c.Version, else returns records.ErrNotFound or records.ErrStaleVersion.
func (s *Store) casCorrection(ctx context.Context, q sqlx.ExtContext, c *records.Correction) error {
	args := append(correctionArgs(c, 0)[1:14:14], // employee_id … decision_note
		instant(c.CreatedAt), instant(c.UpdatedAt), c.ID, c.Version)
	n, err := s.exec(ctx, q, `UPDATE corrections SET employee_id = ?, agency_id = ?, status = ?, changes = ?, add_qualifications = ?,
	documents = ?, justification = ?, terms_version = ?, terms_accepted_at = ?, requested_by = ?, decided_by = ?, decided_at = ?,
	decision_note = ?, created_at = ?, updated_at = ?, version = version + 1
WHERE id = ? AND version = ?`, args...)
	if err != nil || n == 1 {
		return err
	}
	if ok, err := s.exists(ctx, q, `SELECT 1 FROM corrections WHERE id = ?`, c.ID); err != nil {
		return err
	} else if !ok {
		return records.ErrNotFound
	}
	return records.ErrStaleVersion
}

// UpdateCorrection implements records.Store.
func (s *Store) UpdateCorrection(ctx context.Context, c records.Correction) (records.Correction, error) {
	if err := ctx.Err(); err != nil {
		return records.Correction{}, err
	}
	if err := s.write(ctx, func(q sqlx.ExtContext) error { return s.casCorrection(ctx, q, &c) }); err != nil {
		return records.Correction{}, err
	}
	return storedCorrection(c, c.Version+1), nil
}

// DecideCorrection implements records.Store. The request is written first,
// then the file, in one transaction: of two deciders racing, the second
// finds the request's version moved on (on PostgreSQL it waits for the
// first's row lock, then re-checks) and gets a conflict.
func (s *Store) DecideCorrection(ctx context.Context, c records.Correction, e *records.Employee) (records.Correction, error) {
	if err := ctx.Err(); err != nil {
		return records.Correction{}, err
	}
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		if err := s.casCorrection(ctx, q, &c); err != nil {
			return err
		}
		if err := failpoint(ctx, fpDecideBetweenWrites); err != nil {
			return err
		}
		if e == nil {
			return nil
		}
		return s.casEmployee(ctx, q, e)
	})
	if err != nil {
		return records.Correction{}, err
	}
	return storedCorrection(c, c.Version+1), nil
}

// ---- statements ----

// CreateStatement implements records.Store.
func (s *Store) CreateStatement(ctx context.Context, st records.Statement) (records.Statement, error) {
	if err := ctx.Err(); err != nil {
		return records.Statement{}, err
	}
	body, err := json.Marshal(st)
	if err != nil {
		return records.Statement{}, mapError(err)
	}
	err = s.write(ctx, func(q sqlx.ExtContext) error {
		if ok, err := s.exists(ctx, q, `SELECT 1 FROM employees WHERE id = ?`, st.EmployeeID); err != nil {
			return err
		} else if !ok {
			// A duplicate is reported first, as memstore does.
			if dup, err := s.exists(ctx, q, `SELECT 1 FROM statements WHERE id = ? OR code = ?`, st.ID, st.Code); err != nil {
				return err
			} else if dup {
				return records.ErrDuplicateStatement
			}
			return records.ErrNotFound
		}
		n, err := s.exec(ctx, q, `INSERT INTO statements (id, code, employee_id, issued_at, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			st.ID, st.Code, st.EmployeeID, instant(st.IssuedAt), string(body))
		if err != nil {
			return err
		}
		if n == 0 {
			return records.ErrDuplicateStatement
		}
		return nil
	})
	if err != nil {
		return records.Statement{}, err
	}
	return st.Clone(), nil
}

// GetStatementByCode implements records.Store.
func (s *Store) GetStatementByCode(ctx context.Context, code string) (records.Statement, error) {
	if err := ctx.Err(); err != nil {
		return records.Statement{}, err
	}
	var body jsonValue[records.Statement]
	err := sqlx.GetContext(ctx, s.ext(ctx), &body, s.rebind(`SELECT body FROM statements WHERE code = ?`), code)
	if errors.Is(err, sql.ErrNoRows) {
		return records.Statement{}, records.ErrNotFound
	}
	if err != nil {
		return records.Statement{}, mapError(err)
	}
	return body.V, nil
}
