package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/txn"
)

var _ leave.Store = (*Store)(nil)

// ---- leaves ----

// leaveColumns are the columns of leaves: the six that never change, the
// mutable ones (leaveMutable's order), then the version.
const leaveColumns = `id, employee_id, national_id, agency_id, report_number, created_at,
	kind, from_date, to_date, days, status, note, category, split, decided_by, decided_at, reason,
	deferred_from, recalled_on, event_id, updated_at, version`

// leaveMutable are the columns UpdateLeave writes, in the order of leaveMutableArgs.
const leaveMutable = `kind = ?, from_date = ?, to_date = ?, days = ?, status = ?, note = ?, category = ?, split = ?,
	decided_by = ?, decided_at = ?, reason = ?, deferred_from = ?, recalled_on = ?, event_id = ?, updated_at = ?`

const (
	leaveInsert = `INSERT INTO leaves (` + leaveColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	// leaveCAS is UpdateLeave's compare-and-swap; it returns the row as stored.
	leaveCAS = `UPDATE leaves SET ` + leaveMutable + `, version = version + 1
	WHERE id = ? AND version = ? RETURNING ` + leaveColumns
	leaveByID      = `SELECT ` + leaveColumns + ` FROM leaves WHERE id = ?`
	leaveVersionOf = `SELECT version FROM leaves WHERE id = ?`
)

// leaveRow is a row of leaves.
type leaveRow struct {
	ID           string                          `db:"id"`
	EmployeeID   string                          `db:"employee_id"`
	NationalID   identity.NationalID             `db:"national_id"`
	AgencyID     string                          `db:"agency_id"`
	ReportNumber string                          `db:"report_number"`
	CreatedAt    instant                         `db:"created_at"`
	Kind         string                          `db:"kind"`
	From         hijri.Date                      `db:"from_date"`
	To           hijri.Date                      `db:"to_date"`
	Days         int                             `db:"days"`
	Status       string                          `db:"status"`
	Note         string                          `db:"note"`
	Category     string                          `db:"category"`
	Split        jsonValue[leave.CompanionSplit] `db:"split"`
	DecidedBy    identity.NationalID             `db:"decided_by"`
	DecidedAt    instant                         `db:"decided_at"`
	Reason       string                          `db:"reason"`
	DeferredFrom hijri.Date                      `db:"deferred_from"`
	RecalledOn   hijri.Date                      `db:"recalled_on"`
	EventID      string                          `db:"event_id"`
	UpdatedAt    instant                         `db:"updated_at"`
	Version      int64                           `db:"version"`
}

func (r *leaveRow) leave() leave.Leave {
	return leave.Leave{
		ID: r.ID, EmployeeID: r.EmployeeID, NationalID: r.NationalID, AgencyID: r.AgencyID, Kind: leave.Kind(r.Kind),
		From: r.From, To: r.To, Days: r.Days, Status: leave.Status(r.Status), Note: r.Note,
		Category: leave.Category(r.Category), ReportNumber: r.ReportNumber, Split: r.Split.V,
		DecidedBy: r.DecidedBy, DecidedAt: timeOf(r.DecidedAt), Reason: r.Reason,
		DeferredFrom: r.DeferredFrom, RecalledOn: r.RecalledOn, EventID: r.EventID,
		CreatedAt: timeOf(r.CreatedAt), UpdatedAt: timeOf(r.UpdatedAt), Version: r.Version,
	}
}

func leaveMutableArgs(l *leave.Leave) []any {
	return []any{string(l.Kind), l.From, l.To, l.Days, string(l.Status), l.Note, string(l.Category),
		jsonValue[leave.CompanionSplit]{l.Split}, l.DecidedBy, instant(l.DecidedAt), l.Reason,
		l.DeferredFrom, l.RecalledOn, l.EventID, instant(l.UpdatedAt)}
}

// leaveInsertArgs returns l's values in leaveColumns order, with version.
func leaveInsertArgs(l *leave.Leave, version int64) []any {
	args := append(make([]any, 0, 22), l.ID, l.EmployeeID, l.NationalID, l.AgencyID, l.ReportNumber, instant(l.CreatedAt))
	return append(append(args, leaveMutableArgs(l)...), version)
}

// storedLeave returns l as GetLeave reads it back once stored with
// version: instants in UTC to the microsecond.
func storedLeave(l leave.Leave, version int64) leave.Leave {
	l.Version = version
	l.CreatedAt, l.UpdatedAt, l.DecidedAt = storedInstant(l.CreatedAt), storedInstant(l.UpdatedAt), storedInstant(l.DecidedAt)
	return l
}

var (
	errDuplicateLeave = leave.ErrConflict.Because("leave.duplicate_id",
		"a leave with this ID exists", "توجد إجازة بهذا المعرف")
	errDuplicateLeaveReport = leave.ErrConflict.Because("leave.duplicate_report_number",
		"a leave was granted on this medical report", "منحت إجازة بهذا التقرير الطبي")
	errDuplicateReport = leave.ErrConflict.Because("leave.duplicate_report",
		"a medical report with this number was received", "استلم تقرير طبي بهذا الرقم")
	errDuplicateExtension = leave.ErrConflict.Because("leave.duplicate_extension",
		"this year's balance was extended already", "مددت صلاحية رصيد هذه السنة من قبل")
)

// CreateLeave implements leave.Store: one insert that the primary key or
// the unique index on non-empty report numbers refuses; when it does, a
// look-up by ID tells which.
func (s *Store) CreateLeave(ctx context.Context, l leave.Leave) (leave.Leave, error) {
	if err := ctx.Err(); err != nil {
		return leave.Leave{}, err
	}
	q := s.ext(ctx)
	n, err := s.exec(ctx, q, leaveInsert, leaveInsertArgs(&l, 1)...)
	if err != nil {
		return leave.Leave{}, err
	}
	if n == 0 {
		if dup, err := s.exists(ctx, q, `SELECT 1 FROM leaves WHERE id = ?`, l.ID); err != nil {
			return leave.Leave{}, err
		} else if dup {
			return leave.Leave{}, errDuplicateLeave
		}
		return leave.Leave{}, errDuplicateLeaveReport
	}
	return storedLeave(l, 1), nil
}

// GetLeave implements leave.Store.
func (s *Store) GetLeave(ctx context.Context, id string) (leave.Leave, error) {
	if err := ctx.Err(); err != nil {
		return leave.Leave{}, err
	}
	var r leaveRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &r, s.rebind(leaveByID), id)
	if errors.Is(err, sql.ErrNoRows) {
		return leave.Leave{}, leave.ErrNotFound
	}
	if err != nil {
		return leave.Leave{}, mapError(err)
	}
	return r.leave(), nil
}

// UpdateLeave implements leave.Store: one compare-and-swap UPDATE that
// writes the mutable columns only and returns the row as stored; when it
// matches no row, a read of the version tells not found from conflict.
func (s *Store) UpdateLeave(ctx context.Context, l leave.Leave) (leave.Leave, error) {
	if err := ctx.Err(); err != nil {
		return leave.Leave{}, err
	}
	if s.readOnly(ctx) {
		return leave.Leave{}, txn.ErrReadOnly
	}
	q := s.ext(ctx)
	var r leaveRow
	err := sqlx.GetContext(ctx, q, &r, s.rebind(leaveCAS), append(leaveMutableArgs(&l), l.ID, l.Version)...)
	if errors.Is(err, sql.ErrNoRows) {
		return leave.Leave{}, s.versionMiss(ctx, q, leaveVersionOf, l.ID, leave.ErrNotFound, leave.ErrConflict)
	}
	if err != nil {
		return leave.Leave{}, mapError(err)
	}
	return r.leave(), nil
}

// ListLeaves implements leave.Store: one read of the cursor's position (by
// primary key) when f.After is set, then one keyset query on an index in
// the list's order: leaves_employee for a file's leaves; for an agency's
// queue leaves_agency_status (one status), leaves_agency or leaves_list,
// planned with no sort (withIndexOrder) whatever the statistics know of
// the agency.
func (s *Store) ListLeaves(ctx context.Context, f leave.Filter) ([]leave.Leave, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	after, err := s.cursorOf(ctx, `leaves`, f.After)
	if errors.Is(err, records.ErrCursorNotFound) {
		return nil, leave.ErrCursorNotFound
	}
	if err != nil {
		return nil, err
	}
	query, args := leavesQuery(&f, after)
	var rows []leaveRow
	err = s.listRead(ctx, f.EmployeeID != "", func(q sqlx.ExtContext) error {
		return sqlxSelect(ctx, q, &rows, s.rebind(query), args...)
	})
	if err != nil {
		return nil, err
	}
	out := make([]leave.Leave, len(rows))
	for i := range rows {
		out[i] = rows[i].leave()
	}
	return out, nil
}

// listRead runs fn, a list query: for one file's items (few, whatever
// the order costs) on ctx's transaction or the database as it is, else in
// an index's order with no sort (withIndexOrder): an agency's queue or
// every item can be most of a table, and PostgreSQL, left to statistics
// that do not know the agency yet, would sort all of its items for each
// page.
func (s *Store) listRead(ctx context.Context, oneFile bool, fn func(q sqlx.ExtContext) error) error {
	if oneFile {
		return fn(s.ext(ctx))
	}
	return s.withIndexOrder(ctx, fn)
}

// leavesQuery returns the query of ListLeaves for f, after the cursor,
// with ? placeholders.
func leavesQuery(f *leave.Filter, after *cursor) (string, []any) {
	var w conds
	if f.EmployeeID != "" {
		w.add(`employee_id = ?`, f.EmployeeID)
	}
	if f.AgencyID != "" {
		w.add(`agency_id = ?`, f.AgencyID)
	}
	if len(f.Statuses) > 0 {
		whereIn(&w, `status`, f.Statuses)
	}
	if len(f.Kinds) > 0 {
		whereIn(&w, `kind`, f.Kinds)
	}
	return listQuery(leaveColumns, `leaves`, w.conds, w.args, after, f.Limit)
}

// ---- medical reports ----

const (
	reportColumns = `number, facility, patient, companion, from_date, to_date, days, category, certifier,
	abroad, attested, status, reasons, employee_id, agency_id, leave_id, received_at`
	reportInsert = `INSERT INTO medical_reports (` + reportColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	reportByNumber = `SELECT ` + reportColumns + ` FROM medical_reports WHERE number = ?`
)

// reportRow is a row of medical_reports: the report's fields, then its outcome.
type reportRow struct {
	Number     string                            `db:"number"`
	Facility   string                            `db:"facility"`
	Patient    identity.NationalID               `db:"patient"`
	Companion  identity.NationalID               `db:"companion"`
	From       hijri.Date                        `db:"from_date"`
	To         hijri.Date                        `db:"to_date"`
	Days       int                               `db:"days"`
	Category   string                            `db:"category"`
	Certifier  string                            `db:"certifier"`
	Abroad     bool                              `db:"abroad"`
	Attested   bool                              `db:"attested"`
	Status     string                            `db:"status"`
	Reasons    jsonValue[[]fault.FieldViolation] `db:"reasons"`
	EmployeeID string                            `db:"employee_id"`
	AgencyID   string                            `db:"agency_id"`
	LeaveID    string                            `db:"leave_id"`
	ReceivedAt instant                           `db:"received_at"`
}

func (r *reportRow) report() leave.MedicalReport {
	return leave.MedicalReport{
		Report: leave.Report{
			Number: r.Number, Facility: r.Facility, Patient: r.Patient, Companion: r.Companion, From: r.From, To: r.To,
			Days: r.Days, Category: leave.Category(r.Category), Certifier: leave.Certifier(r.Certifier),
			Abroad: r.Abroad, Attested: r.Attested,
		},
		Status: leave.ReportStatus(r.Status), Reasons: r.Reasons.V, EmployeeID: r.EmployeeID, AgencyID: r.AgencyID,
		LeaveID: r.LeaveID, ReceivedAt: timeOf(r.ReceivedAt),
	}
}

// reportArgs returns r's values in reportColumns order. The reasons are
// stored as JSON as they are: null for none, [] for an empty list.
func reportArgs(r *leave.MedicalReport) []any {
	rep := &r.Report
	return []any{rep.Number, rep.Facility, rep.Patient, rep.Companion, rep.From, rep.To, rep.Days,
		string(rep.Category), string(rep.Certifier), rep.Abroad, rep.Attested, string(r.Status),
		jsonValue[[]fault.FieldViolation]{r.Reasons}, r.EmployeeID, r.AgencyID, r.LeaveID, instant(r.ReceivedAt)}
}

// CreateReport implements leave.Store.
func (s *Store) CreateReport(ctx context.Context, r leave.MedicalReport) (leave.MedicalReport, error) {
	if err := ctx.Err(); err != nil {
		return leave.MedicalReport{}, err
	}
	n, err := s.exec(ctx, s.ext(ctx), reportInsert, reportArgs(&r)...)
	if err != nil {
		return leave.MedicalReport{}, err
	}
	if n == 0 {
		return leave.MedicalReport{}, errDuplicateReport
	}
	r = r.Clone()
	r.ReceivedAt = storedInstant(r.ReceivedAt)
	return r, nil
}

// GetReport implements leave.Store.
func (s *Store) GetReport(ctx context.Context, number string) (leave.MedicalReport, error) {
	if err := ctx.Err(); err != nil {
		return leave.MedicalReport{}, err
	}
	var r reportRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &r, s.rebind(reportByNumber), number)
	if errors.Is(err, sql.ErrNoRows) {
		return leave.MedicalReport{}, leave.ErrNotFound
	}
	if err != nil {
		return leave.MedicalReport{}, mapError(err)
	}
	return r.report(), nil
}

// reportCursor returns the list key (received_at, number) of the report
// number, the cursor of a list (nil for ""), or leave.ErrCursorNotFound.
func (s *Store) reportCursor(ctx context.Context, number string) (*cursor, error) {
	if number == "" {
		return nil, nil
	}
	var at instant
	err := sqlx.GetContext(ctx, s.ext(ctx), &at, s.rebind(`SELECT received_at FROM medical_reports WHERE number = ?`), number)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, leave.ErrCursorNotFound
	}
	if err != nil {
		return nil, mapError(err)
	}
	return &cursor{at: timeOf(at), id: number}, nil
}

// ListReports implements leave.Store: one read of the cursor's position
// (by primary key) when f.After is set, then one keyset query on an index
// in the list's order (see reportsQuery), planned as ListLeaves's.
func (s *Store) ListReports(ctx context.Context, f leave.ReportFilter) ([]leave.MedicalReport, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	after, err := s.reportCursor(ctx, f.After)
	if err != nil {
		return nil, err
	}
	query, args := reportsQuery(&f, after)
	var rows []reportRow
	err = s.listRead(ctx, f.EmployeeID != "", func(q sqlx.ExtContext) error {
		return sqlxSelect(ctx, q, &rows, s.rebind(query), args...)
	})
	if err != nil {
		return nil, err
	}
	out := make([]leave.MedicalReport, len(rows))
	for i := range rows {
		out[i] = rows[i].report()
	}
	return out, nil
}

// reportsQuery returns the query of ListReports for f, after the cursor,
// with ? placeholders. Each filter has an index ending in (received_at,
// number): employee, agency, agency and status, status.
func reportsQuery(f *leave.ReportFilter, after *cursor) (string, []any) {
	var w conds
	if f.EmployeeID != "" {
		w.add(`employee_id = ?`, f.EmployeeID)
	}
	if f.AgencyID != "" {
		w.add(`agency_id = ?`, f.AgencyID)
	}
	if f.Status != "" {
		w.add(`status = ?`, string(f.Status))
	}
	if after != nil {
		w.add(`(received_at, number) > (?, ?)`, instant(after.at), after.id)
	}
	query := `SELECT ` + reportColumns + ` FROM medical_reports` + w.String() + ` ORDER BY received_at, number`
	if f.Limit > 0 {
		query += ` LIMIT ?`
		w.args = append(w.args, f.Limit)
	}
	return query, w.args
}

// ---- extensions ----

const extensionColumns = `employee_id, year, extended_by, extended_at, reason`

type extensionRow struct {
	EmployeeID string              `db:"employee_id"`
	Year       int                 `db:"year"`
	By         identity.NationalID `db:"extended_by"`
	At         instant             `db:"extended_at"`
	Reason     string              `db:"reason"`
}

// AddExtension implements leave.Store.
func (s *Store) AddExtension(ctx context.Context, x leave.Extension) (leave.Extension, error) {
	if err := ctx.Err(); err != nil {
		return leave.Extension{}, err
	}
	n, err := s.exec(ctx, s.ext(ctx), `INSERT INTO leave_extensions (`+extensionColumns+`) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		x.EmployeeID, x.Year, x.By, instant(x.At), x.Reason)
	if err != nil {
		return leave.Extension{}, err
	}
	if n == 0 {
		return leave.Extension{}, errDuplicateExtension
	}
	x.At = storedInstant(x.At)
	return x, nil
}

// ListExtensions implements leave.Store: a range of the primary key.
func (s *Store) ListExtensions(ctx context.Context, employeeID string) ([]leave.Extension, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var rows []extensionRow
	if err := sqlxSelect(ctx, s.ext(ctx), &rows, s.rebind(`SELECT `+extensionColumns+` FROM leave_extensions
	WHERE employee_id = ? ORDER BY year`), employeeID); err != nil {
		return nil, err
	}
	out := make([]leave.Extension, len(rows))
	for i, r := range rows {
		out[i] = leave.Extension{EmployeeID: r.EmployeeID, Year: r.Year, By: r.By, At: timeOf(r.At), Reason: r.Reason}
	}
	return out, nil
}

// ---- balances ----

const (
	balanceColumns = `employee_id, as_of, years, entitled, taken, expired, available, computed_at`
	balanceNCols   = 8
	balanceUpsert  = ` ON CONFLICT (employee_id, as_of) DO UPDATE SET years = excluded.years,
	entitled = excluded.entitled, taken = excluded.taken, expired = excluded.expired,
	available = excluded.available, computed_at = excluded.computed_at`
	// balanceStaging is the temporary table PutBalances copies into on
	// PostgreSQL: one per connection, created on first use, emptied by
	// the statement that moves its rows into leave_balances (and at
	// commit, whatever happens).
	balanceStaging       = `leave_balances_staging`
	balanceStagingCreate = `CREATE TEMPORARY TABLE IF NOT EXISTS ` + balanceStaging + ` (LIKE leave_balances) ON COMMIT DELETE ROWS`
	balanceFromStaging   = `WITH staged AS (DELETE FROM ` + balanceStaging + ` RETURNING ` + balanceColumns + `)
	INSERT INTO leave_balances (` + balanceColumns + `) SELECT ` + balanceColumns + ` FROM staged
	ORDER BY employee_id, as_of` + balanceUpsert
)

var balanceCopyColumns = columnList(balanceColumns)

type balanceRow struct {
	EmployeeID string     `db:"employee_id"`
	AsOf       hijri.Date `db:"as_of"`
	Years      int        `db:"years"`
	Entitled   int        `db:"entitled"`
	Taken      int        `db:"taken"`
	Expired    int        `db:"expired"`
	Available  int        `db:"available"`
	At         instant    `db:"computed_at"`
}

// balanceValues appends b's values (balanceColumns) to args, with at for
// its instant (an instant for statements, a time.Time or nil for COPY).
func balanceValues(args []any, b *leave.Balance, at any) []any {
	return append(args, b.EmployeeID, dateValue(b.AsOf), b.Years, b.Entitled, b.Taken, b.Expired, b.Available, at)
}

// PutBalances implements leave.Store: in one transaction (the caller's,
// under a savepoint, if ctx carries one), the balances in key order, so
// that concurrent writers take their rows' locks in the same order. With
// Options.BulkCopier on PostgreSQL, on a connection it can use, they are
// copied (COPY) into a temporary staging table and moved from it into
// leave_balances by one upsert; otherwise multi-row upserts of as many
// balances as the dialect's placeholder limit allows.
func (s *Store) PutBalances(ctx context.Context, bs []leave.Balance) error {
	return putBulk(ctx, s, &balanceTable, bs)
}

// balanceTable writes balances in bulk, keyed by employee and date.
var balanceTable = bulkTable[leave.Balance]{
	name: "balances-upsert", insert: `INSERT INTO leave_balances (` + balanceColumns + `) VALUES `,
	upsert: balanceUpsert, ncols: balanceNCols, staging: balanceStaging, stagingCreate: balanceStagingCreate,
	fromStaging: balanceFromStaging, copyColumns: balanceCopyColumns,
	key: func(a, b *leave.Balance) int {
		if c := strings.Compare(a.EmployeeID, b.EmployeeID); c != 0 {
			return c
		}
		return a.AsOf.Compare(b.AsOf)
	},
	dup:    leave.ErrDuplicateBalance,
	at:     func(b *leave.Balance) time.Time { return b.At },
	values: balanceValues,
}

// GetBalance implements leave.Store.
func (s *Store) GetBalance(ctx context.Context, employeeID string, asOf hijri.Date) (leave.Balance, error) {
	if err := ctx.Err(); err != nil {
		return leave.Balance{}, err
	}
	var r balanceRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &r, s.rebind(`SELECT `+balanceColumns+` FROM leave_balances
	WHERE employee_id = ? AND as_of = ?`), employeeID, dateValue(asOf))
	if errors.Is(err, sql.ErrNoRows) {
		return leave.Balance{}, leave.ErrNotFound
	}
	if err != nil {
		return leave.Balance{}, mapError(err)
	}
	return leave.Balance{EmployeeID: r.EmployeeID, AsOf: r.AsOf, Years: r.Years, Entitled: r.Entitled, Taken: r.Taken,
		Expired: r.Expired, Available: r.Available, At: timeOf(r.At)}, nil
}
