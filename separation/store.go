package separation

import (
	"context"

	"github.com/masarhr/masar-go/hijri"
)

// Filter selects cases for ListCases. Zero fields match everything.
type Filter struct {
	AgencyID   string `json:"agency_id,omitempty"`
	EmployeeID string `json:"employee_id,omitempty"`
	Cause      Cause  `json:"cause,omitempty"`
	// States, when set, matches a case in any of them.
	States []State `json:"states,omitempty"`
	// LastDayBy matches cases whose LastDay is set and not after it (the
	// accepted cases a sweep ends).
	LastDayBy hijri.Date `json:"last_day_by,omitzero"`
	// FiledBy matches cases filed on or before it.
	FiledBy hijri.Date `json:"filed_by,omitzero"`
	// After is the ID of the case the list starts after.
	After string `json:"after,omitempty"`
	// Limit is the most cases returned (all when 0).
	Limit int `json:"limit,omitempty"`
}

// RetirementFilter selects stored retirement dates for ListRetirements.
type RetirementFilter struct {
	// AgencyID is required.
	AgencyID string `json:"agency_id"`
	// From and To bound LastDay, both included; zero: unbounded.
	From hijri.Date `json:"from,omitzero"`
	To   hijri.Date `json:"to,omitzero"`
	// After is the EmployeeID of the retirement the list starts after.
	After string `json:"after,omitempty"`
	// Limit is the most returned (all when 0).
	Limit int `json:"limit,omitempty"`
}

// Store persists separation cases and the computed retirement dates. It
// holds no rules: the Service checks and stamps; a Store keeps what it is
// given and enforces keys, versions and atomicity. memstore and sqlstore
// implement it; run separationtest.Run against any other implementation.
//
// Every method takes ctx first and returns ctx's error (wrapped or not) if
// it is done before the method starts. A method that returns an error has
// changed nothing. Values go in and out as copies. Instants round-trip at
// microsecond precision in UTC; civil dates exactly; decimals exactly; text
// byte for byte. When ctx carries a transaction of the adapter (InTx),
// every method joins it, so that a case's end and its records history
// event (and its outbox messages) commit together.
//
// # Ordering and paging
//
// ListCases orders by CreatedAt, then ID (byte order); ListRetirements by
// LastDay, then EmployeeID (byte order), on an index. Both start strictly
// after the item After names (whether or not it matches the filter), and
// return at most Limit items (all when 0). An After that names nothing
// gives an error matching ErrNotFound (ErrCursorNotFound).
type Store interface {
	// CreateCase stores a new case with Version 1 (whatever c.Version
	// held) and returns it as stored.
	//
	// Errors: ErrConflict if a case has c.ID, or (ErrCaseOpen) if c is
	// open and the employee already has an open case (State.Open): at most
	// one open case per employee, under concurrent writers too.
	CreateCase(ctx context.Context, c Case) (Case, error)
	// GetCase returns the case with the given ID.
	//
	// Errors: ErrNotFound if there is none.
	GetCase(ctx context.Context, id string) (Case, error)
	// UpdateCase stores c with Version c.Version+1 if the stored Version
	// is c.Version, and returns it as stored. ID, EmployeeID, NationalID,
	// AgencyID, Cause, Filed, OpenedBy and CreatedAt never change: the Store
	// may ignore them in c.
	//
	// Errors: ErrNotFound if no case has c.ID; ErrConflict for a stale version.
	UpdateCase(ctx context.Context, c Case) (Case, error)
	// ListCases returns the cases matching every set field of f, in the
	// list order.
	//
	// Errors: ErrNotFound (ErrCursorNotFound) if f.After names no case.
	ListCases(ctx context.Context, f Filter) ([]Case, error)

	// PutRetirements stores rs, replacing any stored for the same
	// EmployeeID, all or none. A SQL adapter writes them in bulk (COPY
	// where the dialect has it).
	//
	// Errors: ErrConflict (ErrDuplicateRetirement) if rs holds two of one
	// EmployeeID (nothing is stored).
	PutRetirements(ctx context.Context, rs []Retirement) error
	// GetRetirement returns the retirement stored for employeeID.
	//
	// Errors: ErrNotFound if there is none.
	GetRetirement(ctx context.Context, employeeID string) (Retirement, error)
	// ListRetirements returns the retirements of f.AgencyID whose LastDay
	// is within [f.From, f.To], in the list order.
	//
	// Errors: ErrNotFound (ErrCursorNotFound) if f.After names no stored
	// retirement.
	ListRetirements(ctx context.Context, f RetirementFilter) ([]Retirement, error)
}
