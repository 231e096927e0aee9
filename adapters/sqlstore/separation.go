package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

var _ separation.Store = (*Store)(nil)

// ---- cases ----

// caseColumns are the columns of separation_cases: the nine that never
// change, the mutable ones (caseMutable's order), then the version.
const caseColumns = `id, employee_id, national_id, agency_id, cause, filed, opened_by, created_at,
	state, requested, grounds, postponed_to, last_day, deemed, decision_number, decision_date, approval, reason, note,
	entitlements, settlement, event_id, documents, decided_by, ended_at, updated_at, version`

// caseNCols is the number of caseColumns.
const caseNCols = 27

// caseMutable are the columns UpdateCase writes, in the order of caseMutableArgs.
const caseMutable = `state = ?, requested = ?, grounds = ?, postponed_to = ?, last_day = ?, deemed = ?,
	decision_number = ?, decision_date = ?, approval = ?, reason = ?, note = ?, entitlements = ?, settlement = ?,
	event_id = ?, documents = ?, decided_by = ?, ended_at = ?, updated_at = ?`

const (
	caseInsert = `INSERT INTO separation_cases (` + caseColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	// caseCAS is UpdateCase's compare-and-swap; it returns the row as stored.
	caseCAS = `UPDATE separation_cases SET ` + caseMutable + `, version = version + 1
	WHERE id = ? AND version = ? RETURNING ` + caseColumns
	caseByID      = `SELECT ` + caseColumns + ` FROM separation_cases WHERE id = ?`
	caseVersionOf = `SELECT version FROM separation_cases WHERE id = ?`
)

// caseRow is a row of separation_cases.
type caseRow struct {
	ID             string                             `db:"id"`
	EmployeeID     string                             `db:"employee_id"`
	NationalID     identity.NationalID                `db:"national_id"`
	AgencyID       string                             `db:"agency_id"`
	Cause          string                             `db:"cause"`
	Filed          hijri.Date                         `db:"filed"`
	OpenedBy       identity.NationalID                `db:"opened_by"`
	CreatedAt      instant                            `db:"created_at"`
	State          string                             `db:"state"`
	Requested      hijri.Date                         `db:"requested"`
	Grounds        jsonValue[separation.Grounds]      `db:"grounds"`
	PostponedTo    hijri.Date                         `db:"postponed_to"`
	LastDay        hijri.Date                         `db:"last_day"`
	Deemed         bool                               `db:"deemed"`
	DecisionNumber string                             `db:"decision_number"`
	DecisionDate   hijri.Date                         `db:"decision_date"`
	Approval       string                             `db:"approval"`
	Reason         string                             `db:"reason"`
	Note           string                             `db:"note"`
	Entitlements   jsonValue[separation.Entitlements] `db:"entitlements"`
	Settlement     jsonValue[*separation.Settlement]  `db:"settlement"`
	EventID        string                             `db:"event_id"`
	Documents      jsonValue[[]records.Document]      `db:"documents"`
	DecidedBy      identity.NationalID                `db:"decided_by"`
	EndedAt        instant                            `db:"ended_at"`
	UpdatedAt      instant                            `db:"updated_at"`
	Version        int64                              `db:"version"`
}

func (r *caseRow) separationCase() separation.Case {
	return separation.Case{
		ID: r.ID, EmployeeID: r.EmployeeID, NationalID: r.NationalID, AgencyID: r.AgencyID,
		Cause: separation.Cause(r.Cause), State: separation.State(r.State), Filed: r.Filed, Requested: r.Requested,
		Grounds: r.Grounds.V, PostponedTo: r.PostponedTo, LastDay: r.LastDay, Deemed: r.Deemed,
		Decision: records.Decision{Number: r.DecisionNumber, Date: r.DecisionDate}, Approval: r.Approval,
		Reason: r.Reason, Note: r.Note, Entitlements: r.Entitlements.V, Settlement: r.Settlement.V,
		EventID: r.EventID, Documents: nilIfEmpty(r.Documents.V), OpenedBy: r.OpenedBy, DecidedBy: r.DecidedBy,
		EndedAt: timeOf(r.EndedAt), Version: r.Version, CreatedAt: timeOf(r.CreatedAt), UpdatedAt: timeOf(r.UpdatedAt),
	}
}

// settlementValue is a case's settlement column: NULL for none.
func settlementValue(s *separation.Settlement) any {
	if s == nil {
		return nil
	}
	return jsonValue[*separation.Settlement]{s}
}

func caseMutableArgs(c *separation.Case) []any {
	docs := c.Documents
	if docs == nil {
		docs = []records.Document{}
	}
	return []any{string(c.State), c.Requested, jsonValue[separation.Grounds]{c.Grounds}, c.PostponedTo, c.LastDay,
		c.Deemed, c.Decision.Number, c.Decision.Date, c.Approval, c.Reason, c.Note,
		jsonValue[separation.Entitlements]{c.Entitlements}, settlementValue(c.Settlement), c.EventID,
		jsonValue[[]records.Document]{docs}, c.DecidedBy, instant(c.EndedAt), instant(c.UpdatedAt)}
}

// caseInsertArgs returns c's values in caseColumns order, with version.
func caseInsertArgs(c *separation.Case, version int64) []any {
	args := append(make([]any, 0, caseNCols), c.ID, c.EmployeeID, c.NationalID, c.AgencyID, string(c.Cause), c.Filed,
		c.OpenedBy, instant(c.CreatedAt))
	return append(append(args, caseMutableArgs(c)...), version)
}

// storedCase returns c as GetCase reads it back once stored with version:
// instants in UTC to the microsecond, no empty lists.
func storedCase(c separation.Case, version int64) separation.Case {
	c = c.Clone()
	c.Version = version
	c.CreatedAt, c.UpdatedAt, c.EndedAt = storedInstant(c.CreatedAt), storedInstant(c.UpdatedAt), storedInstant(c.EndedAt)
	c.Documents = nilIfEmpty(c.Documents)
	if p := c.Entitlements.LeaveBalance; p != nil {
		v := *p
		c.Entitlements.LeaveBalance = &v
	}
	if p := c.Entitlements.Grandfathered; p != nil {
		v := *p
		c.Entitlements.Grandfathered = &v
	}
	return c
}

var errDuplicateCase = separation.ErrConflict.Because("separation.duplicate_id",
	"a case with this ID exists", "يوجد طلب بهذا المعرف")

// CreateCase implements separation.Store: one insert that the primary key
// or the partial unique index on the open cases' employee
// (separation_cases_open) refuses; when it does, a look-up by ID tells
// which.
func (s *Store) CreateCase(ctx context.Context, c separation.Case) (separation.Case, error) {
	if err := ctx.Err(); err != nil {
		return separation.Case{}, err
	}
	q := s.ext(ctx)
	n, err := s.exec(ctx, q, caseInsert, caseInsertArgs(&c, 1)...)
	if err != nil {
		return separation.Case{}, err
	}
	if n == 0 {
		if dup, err := s.exists(ctx, q, `SELECT 1 FROM separation_cases WHERE id = ?`, c.ID); err != nil {
			return separation.Case{}, err
		} else if dup {
			return separation.Case{}, errDuplicateCase
		}
		return separation.Case{}, separation.ErrCaseOpen
	}
	return storedCase(c, 1), nil
}

// GetCase implements separation.Store.
func (s *Store) GetCase(ctx context.Context, id string) (separation.Case, error) {
	if err := ctx.Err(); err != nil {
		return separation.Case{}, err
	}
	var r caseRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &r, s.rebind(caseByID), id)
	if errors.Is(err, sql.ErrNoRows) {
		return separation.Case{}, separation.ErrNotFound
	}
	if err != nil {
		return separation.Case{}, mapError(err)
	}
	return r.separationCase(), nil
}

// UpdateCase implements separation.Store: one compare-and-swap UPDATE that
// writes the mutable columns only and returns the row as stored; when it
// matches no row, a read of the version tells not found from conflict. It
// runs under s.write, since reopening a case while the employee has
// another open violates separation_cases_open (ErrCaseOpen), which must
// not abort a caller's transaction.
func (s *Store) UpdateCase(ctx context.Context, c separation.Case) (separation.Case, error) {
	if err := ctx.Err(); err != nil {
		return separation.Case{}, err
	}
	var r caseRow
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		err := sqlx.GetContext(ctx, q, &r, s.rebind(caseCAS), append(caseMutableArgs(&c), c.ID, c.Version)...)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return s.versionMiss(ctx, q, caseVersionOf, c.ID, separation.ErrNotFound, separation.ErrConflict)
		case isUniqueViolation(err):
			return separation.ErrCaseOpen
		}
		return mapError(err)
	})
	if err != nil {
		return separation.Case{}, err
	}
	return r.separationCase(), nil
}

// ListCases implements separation.Store: one read of the cursor's position
// (by primary key) when f.After is set, then one keyset query on an index
// in the list's order (see casesQuery), planned with no sort
// (withIndexOrder) unless it reads one employee's cases.
func (s *Store) ListCases(ctx context.Context, f separation.Filter) ([]separation.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	after, err := s.cursorOf(ctx, `separation_cases`, f.After)
	if errors.Is(err, records.ErrCursorNotFound) {
		return nil, separation.ErrCursorNotFound
	}
	if err != nil {
		return nil, err
	}
	query, args := casesQuery(&f, after)
	var rows []caseRow
	err = s.listRead(ctx, f.EmployeeID != "", func(q sqlx.ExtContext) error {
		return sqlxSelect(ctx, q, &rows, s.rebind(query), args...)
	})
	if err != nil {
		return nil, err
	}
	out := make([]separation.Case, len(rows))
	for i := range rows {
		out[i] = rows[i].separationCase()
	}
	return out, nil
}

// casesQuery returns the query of ListCases for f, after the cursor, with
// ? placeholders. Each of employee, agency, agency and state, and state
// has an index ending in (created_at, id); separation_cases_list serves
// the rest.
func casesQuery(f *separation.Filter, after *cursor) (string, []any) {
	var w conds
	if f.EmployeeID != "" {
		w.add(`employee_id = ?`, f.EmployeeID)
	}
	if f.AgencyID != "" {
		w.add(`agency_id = ?`, f.AgencyID)
	}
	if f.Cause != "" {
		w.add(`cause = ?`, string(f.Cause))
	}
	switch len(f.States) {
	case 0:
	case 1:
		w.add(`state = ?`, string(f.States[0]))
	default:
		whereIn(&w, `state`, f.States)
	}
	if !f.LastDayBy.IsZero() {
		w.add(`last_day IS NOT NULL AND last_day <= ?`, dateValue(f.LastDayBy))
	}
	if !f.FiledBy.IsZero() {
		w.add(`filed <= ?`, dateValue(f.FiledBy))
	}
	return listQuery(caseColumns, `separation_cases`, w.conds, w.args, after, f.Limit)
}

// ---- retirements ----

const (
	retirementColumns = `employee_id, national_id, agency_id, birth_date, regime, age_years, age_months, age_calendar,
	retirement_date, statutory_last_day, extension_to, extension_number, extension_date, last_day, computed_at`
	retirementNCols  = 15
	retirementUpsert = ` ON CONFLICT (employee_id) DO UPDATE SET national_id = excluded.national_id,
	agency_id = excluded.agency_id, birth_date = excluded.birth_date, regime = excluded.regime,
	age_years = excluded.age_years, age_months = excluded.age_months, age_calendar = excluded.age_calendar,
	retirement_date = excluded.retirement_date, statutory_last_day = excluded.statutory_last_day,
	extension_to = excluded.extension_to, extension_number = excluded.extension_number,
	extension_date = excluded.extension_date, last_day = excluded.last_day, computed_at = excluded.computed_at`
	// retirementStaging is the temporary table PutRetirements copies into
	// on PostgreSQL: one per connection, created on first use, emptied by
	// the statement that moves its rows into separation_retirements (and
	// at commit, whatever happens).
	retirementStaging       = `separation_retirements_staging`
	retirementStagingCreate = `CREATE TEMPORARY TABLE IF NOT EXISTS ` + retirementStaging +
		` (LIKE separation_retirements) ON COMMIT DELETE ROWS`
	retirementFromStaging = `WITH staged AS (DELETE FROM ` + retirementStaging + ` RETURNING ` + retirementColumns + `)
	INSERT INTO separation_retirements (` + retirementColumns + `) SELECT ` + retirementColumns + ` FROM staged
	ORDER BY employee_id` + retirementUpsert
)

var retirementCopyColumns = columnList(retirementColumns)

type retirementRow struct {
	EmployeeID       string              `db:"employee_id"`
	NationalID       identity.NationalID `db:"national_id"`
	AgencyID         string              `db:"agency_id"`
	BirthDate        hijri.Date          `db:"birth_date"`
	Regime           string              `db:"regime"`
	AgeYears         int                 `db:"age_years"`
	AgeMonths        int                 `db:"age_months"`
	AgeCalendar      string              `db:"age_calendar"`
	Date             hijri.Date          `db:"retirement_date"`
	StatutoryLastDay hijri.Date          `db:"statutory_last_day"`
	ExtensionTo      hijri.Date          `db:"extension_to"`
	ExtensionNumber  string              `db:"extension_number"`
	ExtensionDate    hijri.Date          `db:"extension_date"`
	LastDay          hijri.Date          `db:"last_day"`
	ComputedAt       instant             `db:"computed_at"`
}

func (r *retirementRow) retirement() separation.Retirement {
	return separation.Retirement{
		EmployeeID: r.EmployeeID, NationalID: r.NationalID, AgencyID: r.AgencyID, BirthDate: r.BirthDate,
		Regime: separation.Regime(r.Regime), Age: separation.Age{Years: r.AgeYears, Months: r.AgeMonths, Calendar: r.AgeCalendar},
		Date: r.Date, StatutoryLastDay: r.StatutoryLastDay,
		Extension: separation.Extension{To: r.ExtensionTo, Decision: records.Decision{Number: r.ExtensionNumber, Date: r.ExtensionDate}},
		LastDay:   r.LastDay, ComputedAt: timeOf(r.ComputedAt),
	}
}

// lastDayValue is the last_day column of a retirement: its ISO text, ”
// for the zero date (the column is NOT NULL, so that the forecast's index
// orders every row the same way on both dialects).
func lastDayValue(d hijri.Date) any {
	if d.IsZero() {
		return ""
	}
	return dateValue(d)
}

// retirementValues appends r's values (retirementColumns) to args, with
// at for its instant (an instant for statements, a time.Time or nil for
// COPY).
func retirementValues(args []any, r *separation.Retirement, at any) []any {
	var nid any
	if !r.NationalID.IsZero() {
		nid = r.NationalID.String()
	}
	return append(args, r.EmployeeID, nid, r.AgencyID, dateValue(r.BirthDate), string(r.Regime),
		r.Age.Years, r.Age.Months, r.Age.Calendar, dateValue(r.Date), dateValue(r.StatutoryLastDay),
		dateValue(r.Extension.To), r.Extension.Decision.Number, dateValue(r.Extension.Decision.Date),
		lastDayValue(r.LastDay), at)
}

// PutRetirements implements separation.Store: in one transaction (the
// caller's, under a savepoint, if ctx carries one), the retirements in
// employee order, so that concurrent writers take their rows' locks in the
// same order. With Options.BulkCopier on PostgreSQL, on a connection it
// can use, they are copied (COPY) into a temporary staging table and moved
// from it into separation_retirements by one upsert; otherwise multi-row
// upserts of as many retirements as the dialect's placeholder limit allows.
func (s *Store) PutRetirements(ctx context.Context, rs []separation.Retirement) error {
	return putBulk(ctx, s, &retirementTable, rs)
}

// retirementTable writes retirements in bulk, keyed by employee.
var retirementTable = bulkTable[separation.Retirement]{
	name: "retirements-upsert", insert: `INSERT INTO separation_retirements (` + retirementColumns + `) VALUES `,
	upsert: retirementUpsert, ncols: retirementNCols, staging: retirementStaging, stagingCreate: retirementStagingCreate,
	fromStaging: retirementFromStaging, copyColumns: retirementCopyColumns,
	key:    func(a, b *separation.Retirement) int { return strings.Compare(a.EmployeeID, b.EmployeeID) },
	dup:    separation.ErrDuplicateRetirement,
	at:     func(r *separation.Retirement) time.Time { return r.ComputedAt },
	values: retirementValues,
}

// GetRetirement implements separation.Store.
func (s *Store) GetRetirement(ctx context.Context, employeeID string) (separation.Retirement, error) {
	if err := ctx.Err(); err != nil {
		return separation.Retirement{}, err
	}
	var r retirementRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &r, s.rebind(`SELECT `+retirementColumns+` FROM separation_retirements
	WHERE employee_id = ?`), employeeID)
	if errors.Is(err, sql.ErrNoRows) {
		return separation.Retirement{}, separation.ErrNotFound
	}
	if err != nil {
		return separation.Retirement{}, mapError(err)
	}
	return r.retirement(), nil
}

// retirementCursor is the forecast position of a retirement: its list key
// (last_day, employee_id).
type retirementCursor struct {
	lastDay    string
	employeeID string
}

// retirementCursorOf returns the list key of the retirement of
// employeeID (nil for ""), or separation.ErrCursorNotFound.
func (s *Store) retirementCursorOf(ctx context.Context, employeeID string) (*retirementCursor, error) {
	if employeeID == "" {
		return nil, nil
	}
	var lastDay string
	err := sqlx.GetContext(ctx, s.ext(ctx), &lastDay,
		s.rebind(`SELECT last_day FROM separation_retirements WHERE employee_id = ?`), employeeID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, separation.ErrCursorNotFound
	}
	if err != nil {
		return nil, mapError(err)
	}
	return &retirementCursor{lastDay: lastDay, employeeID: employeeID}, nil
}

// ListRetirements implements separation.Store: one read of the cursor's
// position (by primary key) when f.After is set, then one keyset query on
// separation_retirements_forecast (agency_id, last_day, employee_id), in
// its order, planned with no sort (withIndexOrder) whatever the statistics
// know of the agency.
func (s *Store) ListRetirements(ctx context.Context, f separation.RetirementFilter) ([]separation.Retirement, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	after, err := s.retirementCursorOf(ctx, f.After)
	if err != nil {
		return nil, err
	}
	query, args := retirementsQuery(&f, after)
	var out []separation.Retirement
	err = s.withIndexOrder(ctx, func(q sqlx.ExtContext) error {
		var err error
		out, err = queryRetirements(ctx, q, f.Limit, s.rebind(query), args...)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// queryRetirements runs query, which selects retirementColumns, and scans
// its rows by position (no reflection: a forecast reads up to every
// stored retirement), limit (0: unknown) the most it returns.
func queryRetirements(ctx context.Context, q sqlx.QueryerContext, limit int, query string, args ...any) ([]separation.Retirement, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	out := make([]separation.Retirement, 0, min(max(limit, 0), 1024))
	var r retirementRow
	for rows.Next() {
		if err := rows.Scan(&r.EmployeeID, &r.NationalID, &r.AgencyID, &r.BirthDate, &r.Regime, &r.AgeYears, &r.AgeMonths,
			&r.AgeCalendar, &r.Date, &r.StatutoryLastDay, &r.ExtensionTo, &r.ExtensionNumber, &r.ExtensionDate,
			&r.LastDay, &r.ComputedAt); err != nil {
			return nil, mapError(err)
		}
		out = append(out, r.retirement())
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err)
	}
	return out, nil
}

// retirementsQuery returns the query of ListRetirements for f, after the
// cursor, with ? placeholders: a range of separation_retirements_forecast.
func retirementsQuery(f *separation.RetirementFilter, after *retirementCursor) (string, []any) {
	var w conds
	w.add(`agency_id = ?`, f.AgencyID)
	if !f.From.IsZero() {
		w.add(`last_day >= ?`, dateValue(f.From))
	}
	if !f.To.IsZero() {
		w.add(`last_day <= ?`, dateValue(f.To))
	}
	if after != nil {
		w.add(`(last_day, employee_id) > (?, ?)`, after.lastDay, after.employeeID)
	}
	query := `SELECT ` + retirementColumns + ` FROM separation_retirements` + w.String() + ` ORDER BY last_day, employee_id`
	if f.Limit > 0 {
		query += ` LIMIT ?`
		w.args = append(w.args, f.Limit)
	}
	return query, w.args
}
