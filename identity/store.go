package identity

import (
	"context"
	"time"
)

// Store persists registrations (with their OTP state), pending sign-ins and
// consents. It holds no rules: the Service validates, hashes secrets, counts
// attempts, stamps times and versions; a Store keeps what it is given and
// enforces uniqueness and compare-and-swap. memstore and sqlstore implement
// it; run identitytest.Run against any other implementation.
//
// Every method takes ctx first and returns ctx's error (wrapped or not) if it
// is done before the method starts. A method that returns an error has
// changed nothing. Values go in and out as copies: a Store never keeps or
// returns memory the caller can change. Instants round-trip at microsecond
// precision in UTC (the zero time.Time stands for "not set": SQL NULL);
// civil dates (hijri.Date) round-trip exactly; text round-trips byte for
// byte (Arabic included); an empty byte slice is returned as nil.
//
// Every write returns what it stored, (T, error), except DeleteRegistration,
// which leaves nothing to return (its error says whether it deleted).
//
// When ctx carries a transaction of the adapter (InTx), every method joins it.
//
// A SQL adapter needs three tables: registrations (OTP fields as columns;
// unique (national_id, attempt); national_id unique among active rows, a
// partial index; an index on email_token_hash), sign-ins (key trans_id)
// and consents (Parts as a child table or a delimited text column; indexes on
// (owner, created_at, id) and (grantee, created_at, id)).
type Store interface {
	// CreateRegistration stores a new registration with Version 1 (whatever
	// r.Version held) and returns it as stored.
	//
	// Errors: ErrConflict if a registration with r.ID exists, or one for
	// r.NationalID with r.Attempt (pending or active), or r is active and an
	// active registration for r.NationalID exists.
	CreateRegistration(ctx context.Context, r Registration) (Registration, error)

	// GetRegistration returns the registration with the given ID.
	//
	// Errors: ErrNotFound if there is none.
	GetRegistration(ctx context.Context, id string) (Registration, error)

	// GetRegistrationByNationalID returns the active registration for id if
	// there is one, else its pending registration with the latest UpdatedAt
	// (ties: the greatest ID in byte order).
	//
	// Errors: ErrNotFound if there is none.
	GetRegistrationByNationalID(ctx context.Context, id NationalID) (Registration, error)

	// ListRegistrationsByNationalID returns every registration for id,
	// pending and active, ordered by Attempt then ID (byte order). A person
	// has a handful (the Service bounds the attempts under way), so the list
	// is not paged. None is an empty result, not an error.
	ListRegistrationsByNationalID(ctx context.Context, id NationalID) ([]Registration, error)

	// GetRegistrationByEmailToken returns the registration whose
	// EmailTokenHash equals hash. The Service makes hashes unique (they hash
	// 256-bit random tokens).
	//
	// Errors: ErrNotFound if hash is empty or no registration holds it.
	GetRegistrationByEmailToken(ctx context.Context, hash []byte) (Registration, error)

	// UpdateRegistration replaces the stored registration with r if the
	// stored Version equals r.Version, storing it with Version r.Version+1,
	// and returns it as stored. ID, NationalID, Attempt and CreatedAt never
	// change: the Store may ignore them in r.
	//
	// Errors: ErrNotFound if no registration has r.ID; ErrConflict if the
	// stored version differs from r.Version, or r is active and another
	// registration for its NationalID is active (of attempts activated
	// concurrently exactly one succeeds).
	UpdateRegistration(ctx context.Context, r Registration) (Registration, error)

	// DeleteRegistration deletes the registration id if its stored Version
	// equals version. It returns only an error: nothing is left stored.
	//
	// Errors: ErrNotFound if there is none; ErrConflict if the stored version
	// differs.
	DeleteRegistration(ctx context.Context, id string, version int64) error

	// CreateSignIn stores a pending sign-in and returns it as stored (a
	// sign-in has no version; it is consumed once, by ConsumeSignIn).
	//
	// Errors: ErrConflict if a sign-in with s.TransID exists.
	CreateSignIn(ctx context.Context, s SignIn) (SignIn, error)

	// GetSignIn returns the sign-in with the given transaction ID.
	//
	// Errors: ErrNotFound if there is none.
	GetSignIn(ctx context.Context, transID string) (SignIn, error)

	// ConsumeSignIn atomically marks the sign-in transID consumed at the
	// instant at, if it was not consumed yet, and returns it as stored. Of
	// concurrent calls for one sign-in exactly one succeeds.
	//
	// Errors: ErrNotFound if there is none; ErrConflict if it was consumed
	// already.
	ConsumeSignIn(ctx context.Context, transID string, at time.Time) (SignIn, error)

	// PurgeSignIns deletes every sign-in whose ExpiresAt is strictly before
	// before, consumed or not, and returns how many it deleted.
	PurgeSignIns(ctx context.Context, before time.Time) (int, error)

	// CreateSession stores a new session with Version 1 (whatever
	// r.Version held) and returns it as stored.
	//
	// Errors: ErrConflict if a session with r.ID, or one for r.TransID,
	// exists.
	CreateSession(ctx context.Context, r SessionRecord) (SessionRecord, error)

	// GetSession returns the session with the given ID.
	//
	// Errors: ErrNotFound if there is none.
	GetSession(ctx context.Context, id string) (SessionRecord, error)

	// GetSessionByTransID returns the session of the sign-in transID.
	//
	// Errors: ErrNotFound if there is none.
	GetSessionByTransID(ctx context.Context, transID string) (SessionRecord, error)

	// UpdateSession replaces the stored session with r if the stored
	// Version equals r.Version, storing it with Version r.Version+1, and
	// returns it as stored. ID, TransID, NationalID, SecretHash and
	// CreatedAt never change: the Store may ignore them in r.
	//
	// Errors: ErrNotFound if no session has r.ID; ErrConflict if the
	// stored version differs.
	UpdateSession(ctx context.Context, r SessionRecord) (SessionRecord, error)

	// PurgeSessions deletes every session whose ExpiresAt is strictly
	// before before, revoked or not, and returns how many it deleted.
	PurgeSessions(ctx context.Context, before time.Time) (int, error)

	// CreateConsent stores a new consent with Version 1 (whatever c.Version
	// held) and returns it as stored.
	//
	// Errors: ErrConflict if a consent with c.ID exists.
	CreateConsent(ctx context.Context, c Consent) (Consent, error)

	// GetConsent returns the consent with the given ID.
	//
	// Errors: ErrNotFound if there is none.
	GetConsent(ctx context.Context, id string) (Consent, error)

	// UpdateConsent replaces the stored consent with c if the stored Version
	// equals c.Version, storing it with Version c.Version+1, and returns it
	// as stored. ID, Owner, Grantee and CreatedAt never change: the Store may
	// ignore them in c.
	//
	// Errors: ErrNotFound if no consent has c.ID; ErrConflict if the stored
	// version differs from c.Version.
	UpdateConsent(ctx context.Context, c Consent) (Consent, error)

	// ListConsents returns the consents that match every set field of f,
	// ordered by CreatedAt then ID (byte order), both ascending, at most
	// f.Limit of them (all when Limit is 0). When f.After is set, it names
	// the last consent of the previous page: the list starts strictly
	// after that consent's position (CreatedAt, ID), whether or not that
	// consent matches f. An empty result is not an error.
	//
	// Errors: ErrInvalidConsentFilter for a negative Limit; an error
	// matching ErrNotFound (ErrCursorNotFound) if f.After names no consent.
	ListConsents(ctx context.Context, f ConsentFilter) ([]Consent, error)
}

// ConsentFilter selects consents. Zero fields do not filter.
type ConsentFilter struct {
	// Owner: consents given by this person.
	Owner NationalID `json:"owner,omitzero"`
	// Grantee: consents given to this agency.
	Grantee string `json:"grantee,omitempty"`
	// LiveAt: consents live at this instant (see Consent.LiveAt):
	// From ≤ LiveAt < Until, and not revoked at or before LiveAt. In SQL:
	// from_at <= $1 AND until_at > $1 AND (revoked_at IS NULL OR revoked_at > $1).
	LiveAt time.Time `json:"live_at,omitzero"`
	// After is the paging cursor: the ID of the last consent of the
	// previous page ("" for the first page).
	After string `json:"after,omitempty"`
	// Limit: at most this many. For the Store, 0 means no limit; the
	// Service's ListConsents pages with page.DefaultLimit for 0, at most
	// page.MaxLimit.
	Limit int `json:"limit,omitempty"`
}

// Match reports whether c passes f's Owner, Grantee and LiveAt criteria; it
// ignores After and Limit (paging). Adapters may use it.
func (f ConsentFilter) Match(c Consent) bool {
	if !f.Owner.IsZero() && c.Owner != f.Owner {
		return false
	}
	if f.Grantee != "" && c.Grantee != f.Grantee {
		return false
	}
	if !f.LiveAt.IsZero() && !c.LiveAt(f.LiveAt) {
		return false
	}
	return true
}
