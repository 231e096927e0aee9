package records

import (
	"context"

	"github.com/masarhr/masar-go/identity"
)

// EmployeeFilter selects employee files for ListEmployees. Zero fields match
// every file.
type EmployeeFilter struct {
	// AgencyID matches files whose current job is in this agency (Job.Agency.ID).
	AgencyID string `json:"agency_id,omitempty"`
	// EmploymentSystem matches files under this employment system.
	EmploymentSystem EmploymentSystem `json:"employment_system,omitempty"`
	// InService, when set, matches files in service (true: ServiceEnd is zero)
	// or out of service (false).
	InService *bool `json:"in_service,omitempty"`
	// After is the paging cursor: the ID of the last file of the previous page.
	// The page starts right after that file in the list order.
	After string `json:"after,omitempty"`
	// Limit caps the number of files returned; 0 means no cap.
	Limit int `json:"limit,omitempty"`
}

// CorrectionFilter selects correction requests for ListCorrections. Zero
// fields match every request.
type CorrectionFilter struct {
	// AgencyID matches requests made while the file was in this agency
	// (Correction.AgencyID, a record of the past).
	AgencyID string `json:"agency_id,omitempty"`
	// FileAgencyID matches requests on files whose current job is in this
	// agency (Employee.Job.Agency.ID when the list is read): the agency
	// that reviews them, so that a request follows its file on transfer.
	FileAgencyID string `json:"file_agency_id,omitempty"`
	// EmployeeID matches the requests of this file.
	EmployeeID string `json:"employee_id,omitempty"`
	// Status matches requests in this state.
	Status CorrectionStatus `json:"status,omitempty"`
	// After is the paging cursor: the ID of the last request of the previous page.
	After string `json:"after,omitempty"`
	// Limit caps the number of requests returned; 0 means no cap.
	Limit int `json:"limit,omitempty"`
}

// Store persists employee files, their histories, correction requests and
// issued statements. The Service owns every rule; a Store only persists,
// enforcing the keys, versions and atomicity documented here. Every method
// takes ctx first and returns ctx.Err() (unwrapped or wrapped) when ctx is
// done before it starts. A method that returns an error has changed nothing.
//
// # Aggregates and versions
//
// The employee file (Employee) and its history ([]HistoryEvent) form one
// aggregate guarded by Employee.Version: every write to either — UpdateEmployee,
// AppendHistoryEvents, ReplaceHistoryEvents, DecideCorrection with an
// employee — is a compare-and-swap on the file's version and stores the file
// with Version+1. Writers read the file and history, check the history
// invariants over the whole result and write both in one call, so a history
// that passed the checks is never interleaved with another writer's events.
// A correction request (Correction) is its own aggregate with its own Version.
// Statements are written once and never change.
//
// Every write returns the aggregate as stored, as the matching Get would
// return it. Create methods store version 1 whatever the given Version.
// Update-style methods take the value as the caller read it (Version as read)
// and store it with Version+1 only if the stored version still equals it,
// else return an error matching ErrConflict. CreatedAt, UpdatedAt and every
// other field are stored as given: the Service sets them.
//
// # Ordering and paging
//
// ListEmployees and ListCorrections return items ordered by CreatedAt, then
// ID (byte order), both ascending. A page starts after the item named by the
// filter's After cursor and holds at most Limit items; an After that names no
// item gives an error matching ErrNotFound. ListHistoryEvents returns events
// ordered by Start, then ID; the Service re-sorts them canonically (SortHistory).
//
// Values given to a Store and returned by it share no memory with the
// Store's own copies.
type Store interface {
	// CreateEmployee stores a new file with version 1 and its initial history,
	// and returns the file as stored. It returns ErrConflict if a file has
	// e.ID or e.NationalID, or an event of history has an ID any stored event
	// has.
	CreateEmployee(ctx context.Context, e Employee, history []HistoryEvent) (Employee, error)
	// GetEmployee returns the file with the given ID, or ErrNotFound.
	GetEmployee(ctx context.Context, id string) (Employee, error)
	// GetEmployeeByNationalID returns the file of the given national ID, or ErrNotFound.
	GetEmployeeByNationalID(ctx context.Context, nationalID identity.NationalID) (Employee, error)
	// UpdateEmployee stores e with e.Version+1 if the stored version is
	// e.Version, and returns the file as stored. It returns ErrNotFound if no
	// file has e.ID, and ErrConflict for a stale version or a national ID
	// that another file has.
	UpdateEmployee(ctx context.Context, e Employee) (Employee, error)
	// ListEmployees returns the files matching f in the list order (see Store).
	// It returns ErrNotFound if f.After names no file.
	ListEmployees(ctx context.Context, f EmployeeFilter) ([]Employee, error)

	// ListHistoryEvents returns the history of the file employeeID ordered by
	// Start then ID (empty, not nil, for a file without history). It returns
	// ErrNotFound if no file has that ID.
	ListHistoryEvents(ctx context.Context, employeeID string) ([]HistoryEvent, error)
	// AppendHistoryEvents adds events to the history of e.ID and stores e
	// with e.Version+1, atomically, if the stored version is e.Version, and
	// returns the file as stored. It returns ErrNotFound if no file has e.ID,
	// and ErrConflict for a stale version or an event ID that a stored event
	// already has.
	AppendHistoryEvents(ctx context.Context, e Employee, events []HistoryEvent) (Employee, error)
	// ReplaceHistoryEvents replaces the whole history of e.ID with events and
	// stores e with e.Version+1, atomically, if the stored version is
	// e.Version, and returns the file as stored. It returns ErrNotFound if no
	// file has e.ID, and ErrConflict for a stale version or an event ID that
	// another file's event has.
	ReplaceHistoryEvents(ctx context.Context, e Employee, events []HistoryEvent) (Employee, error)

	// CreateCorrection stores a new request with version 1 and returns it as
	// stored. It returns ErrConflict if a request has c.ID and ErrNotFound if
	// no file has c.EmployeeID.
	CreateCorrection(ctx context.Context, c Correction) (Correction, error)
	// GetCorrection returns the request with the given ID, or ErrNotFound.
	GetCorrection(ctx context.Context, id string) (Correction, error)
	// ListCorrections returns the requests matching f in the list order (see
	// Store). It returns ErrNotFound if f.After names no request.
	ListCorrections(ctx context.Context, f CorrectionFilter) ([]Correction, error)
	// UpdateCorrection stores c with c.Version+1 if the stored version is
	// c.Version (a withdrawal), and returns the request as stored. It returns
	// ErrNotFound if no request has c.ID, and ErrConflict for a stale version.
	UpdateCorrection(ctx context.Context, c Correction) (Correction, error)
	// DecideCorrection records a decision atomically: it stores c with
	// c.Version+1 and, when e is not nil, e with e.Version+1 (the approved
	// change), only if both stored versions equal the given ones; otherwise
	// it stores neither. It returns the request as stored; the file, when
	// given, is stored exactly as e with e.Version+1 (the second aggregate
	// this write bumps). It returns ErrNotFound if no request has c.ID or no
	// file has e.ID, and ErrConflict for a stale version of either or a
	// national ID that another file has.
	DecideCorrection(ctx context.Context, c Correction, e *Employee) (Correction, error)

	// CreateStatement stores an issued statement and returns it as stored. It
	// returns ErrConflict if a statement has s.ID or s.Code, and ErrNotFound
	// if no file has s.EmployeeID.
	CreateStatement(ctx context.Context, s Statement) (Statement, error)
	// GetStatementByCode returns the statement whose Code is code (as stored,
	// "ABCD-EFGH-IJKL-MNOP"), or ErrNotFound.
	GetStatementByCode(ctx context.Context, code string) (Statement, error)
}
