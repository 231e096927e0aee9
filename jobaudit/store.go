package jobaudit

import "context"

// VariableFilter selects variables for ListVariables. Zero fields match
// everything.
type VariableFilter struct {
	AgencyID   string `json:"agency_id,omitempty"`
	EmployeeID string `json:"employee_id,omitempty"`
	Maker      string `json:"maker,omitempty"`
	State      State  `json:"state,omitempty"`
	// After is the ID of the variable the list starts after.
	After string `json:"after,omitempty"`
	// Limit is the most returned (all when 0).
	Limit int `json:"limit,omitempty"`
}

// RequestFilter selects qualification requests for ListRequests. Zero
// fields match everything.
type RequestFilter struct {
	AgencyID   string       `json:"agency_id,omitempty"`
	EmployeeID string       `json:"employee_id,omitempty"`
	State      RequestState `json:"state,omitempty"`
	After      string       `json:"after,omitempty"`
	Limit      int          `json:"limit,omitempty"`
}

// Store persists job variables and qualification requests. It holds no
// rules: the Service checks and stamps; a Store keeps what it is given and
// enforces keys, versions and atomicity. memstore and sqlstore implement
// it; run jobaudittest.Run against any other implementation.
//
// Every method takes ctx first and returns ctx's error if it is done
// before the method starts. A method that returns an error has changed
// nothing. Values go in and out as copies. Instants round-trip at
// microsecond precision in UTC; text byte for byte. When ctx carries a
// transaction of the adapter, every method joins it, so that an approval
// and its history events commit together.
//
// # Ordering and paging
//
// Both lists order by ID (byte order) on an index, start strictly after
// the item After names (whether or not it matches the filter), and return
// at most Limit items (all when 0). An After that names nothing gives
// ErrCursorNotFound (which matches ErrNotFound).
type Store interface {
	// CreateVariable stores v with Version 1 and returns it as stored.
	// Errors: ErrConflict if a variable has v.ID.
	CreateVariable(ctx context.Context, v Variable) (Variable, error)
	// GetVariable returns the variable with the given ID.
	// Errors: ErrNotFound.
	GetVariable(ctx context.Context, id string) (Variable, error)
	// UpdateVariable stores v with Version v.Version+1 if the stored
	// Version is v.Version. ID, EmployeeID, NationalID, AgencyID, Maker and
	// CreatedAt never change. Errors: ErrNotFound; ErrConflict for a stale
	// version.
	UpdateVariable(ctx context.Context, v Variable) (Variable, error)
	// ListVariables returns the variables matching f in ID order.
	// Errors: ErrCursorNotFound.
	ListVariables(ctx context.Context, f VariableFilter) ([]Variable, error)

	// CreateRequest stores q with Version 1. Errors: ErrConflict.
	CreateRequest(ctx context.Context, q QualificationRequest) (QualificationRequest, error)
	// GetRequest returns the request with the given ID. Errors: ErrNotFound.
	GetRequest(ctx context.Context, id string) (QualificationRequest, error)
	// UpdateRequest is UpdateVariable's compare-and-swap for requests (ID,
	// EmployeeID, NationalID, AgencyID and CreatedAt never change).
	UpdateRequest(ctx context.Context, q QualificationRequest) (QualificationRequest, error)
	// ListRequests returns the requests matching f in ID order.
	// Errors: ErrCursorNotFound.
	ListRequests(ctx context.Context, f RequestFilter) ([]QualificationRequest, error)
}
