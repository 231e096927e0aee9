package grievance

import (
	"context"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

// Store persists grievances. It holds no rules: the Service validates,
// computes deadlines, checks transitions and stamps times and versions; a
// Store only keeps what it is given, allocates tracking numbers and enforces
// uniqueness and compare-and-swap. memstore and sqlstore implement it; run
// grievancetest.Run against any other implementation.
//
// Every method takes ctx first and returns ctx's error (wrapped or not) if it
// is done before the method starts. A method that returns an error has
// changed nothing. Values go in and out as copies: a Store never keeps or
// returns memory the caller can change. Instants round-trip at microsecond
// precision in UTC; civil dates (hijri.Date) round-trip exactly; text
// round-trips byte for byte (Arabic included).
//
// When ctx carries a transaction of the adapter (InTx), every method joins it.
type Store interface {
	// CreateGrievance stores a new grievance and returns it as stored. It
	// allocates the tracking number atomically with the insert from one
	// national sequence per Hijri year, shared by every agency: Seq becomes
	// one more than the largest Seq ever allocated for
	// g.TrackingNumber.Year, 1 for the first, whatever g.TrackingNumber.Seq
	// held (the Service passes 0), so a tracking number names one grievance
	// in the Kingdom. Concurrent calls get distinct numbers. A failed call
	// allocates none, and when an enclosing transaction rolls back, its
	// allocations roll back with it, so numbers have no gaps. (A SQL adapter
	// keeps a counter row per year and, in the insert's transaction, runs
	// the portable upsert INSERT … ON CONFLICT (year) DO UPDATE SET seq =
	// seq + 1 RETURNING seq, which SQLite 3.35+, PostgreSQL and CockroachDB
	// accept and which serialises concurrent filings on that row; a unique
	// index on (year, seq) backs it.) The stored Version is 1, whatever
	// g.Version held.
	//
	// Errors: ErrConflict if a grievance with g.ID exists.
	CreateGrievance(ctx context.Context, g Grievance) (Grievance, error)

	// GetGrievance returns the grievance with the given ID.
	//
	// Errors: ErrNotFound if there is none.
	GetGrievance(ctx context.Context, id string) (Grievance, error)

	// GetGrievanceByTrackingNumber returns the grievance with tracking
	// number tn (tracking numbers are unique nationally).
	//
	// Errors: ErrNotFound if there is none.
	GetGrievanceByTrackingNumber(ctx context.Context, tn TrackingNumber) (Grievance, error)

	// UpdateGrievance replaces the stored grievance with g if the stored
	// Version equals g.Version, storing it with Version g.Version+1, and
	// returns it as stored. ID, Agency, TrackingNumber and FiledAt never
	// change: the Store may ignore them in g.
	//
	// Errors: ErrNotFound if no grievance has g.ID; ErrConflict if the stored
	// version differs from g.Version.
	UpdateGrievance(ctx context.Context, g Grievance) (Grievance, error)

	// ListGrievances returns the grievances that match every set field of f,
	// ordered by FiledAt then ID (IDs in byte order), both ascending,
	// starting strictly after the grievance f.After names (whether or not it
	// matches f), at most f.Limit of them (all when Limit is 0). An empty
	// result is not an error.
	//
	// Errors: ErrNotFound (ErrCursorNotFound) if f.After names no grievance.
	ListGrievances(ctx context.Context, f Filter) ([]Grievance, error)
}

// Filter selects grievances. Zero fields do not filter.
type Filter struct {
	// Agency: grievances against this agency.
	Agency string `json:"agency,omitempty"`
	// Filer: grievances filed by this person.
	Filer identity.NationalID `json:"filer,omitzero"`
	// TrackingNumber: the grievance with this tracking number (at most one).
	TrackingNumber TrackingNumber `json:"tracking_number,omitzero"`
	// Kinds: grievances of any of these kinds.
	Kinds []Kind `json:"kinds,omitempty"`
	// Statuses: grievances in any of these statuses.
	Statuses []Status `json:"statuses,omitempty"`
	// AnswerDueBefore: grievances whose AnswerDue is set and strictly before
	// this date.
	AnswerDueBefore hijri.Date `json:"answer_due_before,omitzero"`
	// After is the paging cursor: the ID of the last grievance of the
	// previous page; the list goes on strictly after that grievance's
	// position in the order (FiledAt, ID). "" starts at the beginning.
	After string `json:"after,omitempty"`
	// Limit: at most this many; 0 means no limit (Service.List caps it).
	Limit int `json:"limit,omitempty"`
}
