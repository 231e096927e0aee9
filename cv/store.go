package cv

import (
	"context"
	"slices"
	"time"

	"github.com/masarhr/masar-go/identity"
)

// Share is a CV shared by a verification code: whoever holds the code sees
// the CV its Parts cover, with the profile as it was at ProfileVersion,
// until ExpiresAt or the employee revokes it. The clear code is never
// stored: CodeHash is its HMAC under the Service's ShareKey.
type Share struct {
	// ID identifies the share (the list cursor).
	ID string `json:"id"`
	// CodeHash is the hex HMAC-SHA256 of the normalized code.
	CodeHash   string `json:"code_hash"`
	EmployeeID string `json:"employee_id"`
	// ProfileVersion is the profile version shown (0: none saved then).
	ProfileVersion int64           `json:"profile_version"`
	Parts          []identity.Part `json:"parts"`
	// Note is the employee's note (whom it is for).
	Note      string    `json:"note,omitempty"`
	CreatedBy string    `json:"created_by,omitempty"`
	ExpiresAt time.Time `json:"expires_at"`
	CreatedAt time.Time `json:"created_at"`
	// RevokedAt is zero until revoked.
	RevokedAt time.Time `json:"revoked_at,omitzero"`
	Version   int64     `json:"version"`
}

// Clone returns a deep copy of s.
func (s Share) Clone() Share { s.Parts = slices.Clone(s.Parts); return s }

// VersionFilter selects an employee's profile versions.
type VersionFilter struct {
	// EmployeeID is required.
	EmployeeID string `json:"employee_id"`
	// After is the version the list starts after (0: from the first).
	After int64 `json:"after,omitempty"`
	// Limit is the most returned (all when 0).
	Limit int `json:"limit,omitempty"`
}

// ShareFilter selects an employee's shares.
type ShareFilter struct {
	// EmployeeID is required.
	EmployeeID string `json:"employee_id"`
	// After is the ID of the share the list starts after.
	After string `json:"after,omitempty"`
	// Limit is the most returned (all when 0).
	Limit int `json:"limit,omitempty"`
}

// Store persists profiles with all their versions, and shares. It holds no
// rules: the Service validates and stamps; a Store keeps what it is given
// and enforces keys, versions and atomicity. memstore and sqlstore
// implement it; run cvtest.Run against any other implementation.
//
// Every method takes ctx first and returns ctx's error (wrapped or not) if
// it is done before the method starts. A method that returns an error has
// changed nothing. Values go in and out as copies. Instants round-trip at
// microsecond precision in UTC; civil dates exactly; text byte for byte.
// When ctx carries a transaction of the adapter (InTx), every method joins
// it.
//
// # Ordering and paging
//
// ListProfileVersions orders by Version; ListShares by CreatedAt, then ID
// (byte order), on an index. Both start strictly after the item After
// names and return at most Limit items (all when 0). An After that names
// nothing (of that employee) gives ErrCursorNotFound.
type Store interface {
	// PutProfile stores p as the employee's next version: when p.Version
	// is 0 the employee must have no profile (else ErrConflict); otherwise
	// the current version must be p.Version (else ErrConflict, or
	// ErrNotFound when there is no profile). It is stored with Version
	// p.Version+1, every earlier version kept, and returned as stored.
	PutProfile(ctx context.Context, p Profile) (Profile, error)
	// GetProfile returns the employee's current (highest) version.
	//
	// Errors: ErrNotFound.
	GetProfile(ctx context.Context, employeeID string) (Profile, error)
	// GetProfileVersion returns version n of the employee's profile.
	//
	// Errors: ErrNotFound.
	GetProfileVersion(ctx context.Context, employeeID string, n int64) (Profile, error)
	// ListProfileVersions returns the employee's versions in Version order.
	//
	// Errors: ErrCursorNotFound if f.After names no version.
	ListProfileVersions(ctx context.Context, f VersionFilter) ([]Profile, error)

	// CreateShare stores a new share with Version 1 and returns it.
	//
	// Errors: ErrConflict if a share has s.ID or s.CodeHash.
	CreateShare(ctx context.Context, s Share) (Share, error)
	// GetShare returns the share with the given code hash.
	//
	// Errors: ErrNotFound.
	GetShare(ctx context.Context, codeHash string) (Share, error)
	// RevokeShare sets RevokedAt of the share id to at if its Version is
	// version, with Version+1, and returns it as stored.
	//
	// Errors: ErrNotFound; ErrConflict for a stale version.
	RevokeShare(ctx context.Context, id string, version int64, at time.Time) (Share, error)
	// ListShares returns the employee's shares in the list order.
	//
	// Errors: ErrCursorNotFound if f.After names no share of the employee.
	ListShares(ctx context.Context, f ShareFilter) ([]Share, error)
}
