package leave

import (
	"context"

	"github.com/masarhr/masar-go/hijri"
)

// Store persists leaves, medical reports, expiry extensions and accrued
// balances. It holds no rules: the Service checks, charges and stamps; a
// Store keeps what it is given and enforces keys, versions and atomicity.
// memstore and sqlstore implement it; run leavetest.Run against any other
// implementation.
//
// Every method takes ctx first and returns ctx's error (wrapped or not) if
// it is done before the method starts. A method that returns an error has
// changed nothing. Values go in and out as copies. Instants round-trip at
// microsecond precision in UTC; civil dates exactly; text byte for byte.
// When ctx carries a transaction of the adapter (InTx), every method joins
// it, so that a leave's approval and its records history event commit
// together.
//
// # Ordering and paging
//
// ListLeaves orders by CreatedAt, then ID (byte order); ListReports by
// ReceivedAt, then Report.Number; both ascending, starting strictly after
// the item the filter's After names (whether or not it matches), at most
// Limit items (all when 0). An After that names nothing gives an error
// matching ErrNotFound (ErrCursorNotFound).
type Store interface {
	// CreateLeave stores a new leave with Version 1 (whatever l.Version
	// held) and returns it as stored.
	//
	// Errors: ErrConflict if a leave has l.ID, or if l.ReportNumber is set
	// and a leave has that report number.
	CreateLeave(ctx context.Context, l Leave) (Leave, error)
	// GetLeave returns the leave with the given ID.
	//
	// Errors: ErrNotFound if there is none.
	GetLeave(ctx context.Context, id string) (Leave, error)
	// UpdateLeave stores l with Version l.Version+1 if the stored Version is
	// l.Version, and returns it as stored. ID, EmployeeID, NationalID,
	// AgencyID, ReportNumber and CreatedAt never change: the Store may
	// ignore them in l.
	//
	// Errors: ErrNotFound if no leave has l.ID; ErrConflict for a stale version.
	UpdateLeave(ctx context.Context, l Leave) (Leave, error)
	// ListLeaves returns the leaves matching every set field of f, in the
	// list order.
	//
	// Errors: ErrNotFound (ErrCursorNotFound) if f.After names no leave.
	ListLeaves(ctx context.Context, f Filter) ([]Leave, error)

	// CreateReport stores a received report and returns it as stored.
	//
	// Errors: ErrConflict if a report has r.Report.Number.
	CreateReport(ctx context.Context, r MedicalReport) (MedicalReport, error)
	// GetReport returns the report with the given number.
	//
	// Errors: ErrNotFound if there is none.
	GetReport(ctx context.Context, number string) (MedicalReport, error)
	// ListReports returns the reports matching every set field of f, in
	// the list order.
	//
	// Errors: ErrNotFound (ErrCursorNotFound) if f.After names no report.
	ListReports(ctx context.Context, f ReportFilter) ([]MedicalReport, error)

	// AddExtension stores an extension and returns it as stored.
	//
	// Errors: ErrConflict if the file has one for x.Year already.
	AddExtension(ctx context.Context, x Extension) (Extension, error)
	// ListExtensions returns the file's extensions ordered by Year (empty,
	// not nil, when it has none).
	ListExtensions(ctx context.Context, employeeID string) ([]Extension, error)

	// PutBalances stores balances, replacing any stored for the same
	// EmployeeID and AsOf, all or none. A SQL adapter writes them in bulk
	// (COPY where the dialect has it).
	//
	// Errors: ErrConflict (ErrDuplicateBalance) if bs holds two balances of
	// one EmployeeID and AsOf (nothing is stored).
	PutBalances(ctx context.Context, bs []Balance) error
	// GetBalance returns the balance of employeeID stored for asOf.
	//
	// Errors: ErrNotFound if there is none.
	GetBalance(ctx context.Context, employeeID string, asOf hijri.Date) (Balance, error)
}
