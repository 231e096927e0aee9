package promotion

import (
	"context"

	"github.com/masarhr/masar-go/identity"
)

// Store persists promotion rounds, their candidates, ranking results and
// promotion decisions. Implementations only persist: every rule, state
// transition, ID and timestamp comes from the Service. Values go in and
// out as copies: a caller never shares memory with the store.
//
// Round is the versioned aggregate. Every method that writes takes the
// Round as the caller read it and stores it with Version+1 only if the
// stored version still equals r.Version (compare-and-swap), in the same
// atomic unit as the rest of its write; a stale version fails the whole
// call with ErrConflict and writes nothing.
//
// Errors: "ErrNotFound" and "ErrConflict" below mean an error satisfying
// errors.Is(err, promotion.ErrNotFound) or errors.Is(err,
// promotion.ErrConflict); other failures (a closed database, a cancelled
// context) are returned as they are.
//
// Orders are deterministic. Strings (IDs, national IDs) compare byte by
// byte (SQL adapters use a binary collation, e.g. COLLATE "C").
type Store interface {
	// CreateRound stores a new round with Version 1 (whatever r.Version
	// says). ErrConflict if a round with r.ID exists.
	CreateRound(ctx context.Context, r Round) error
	// GetRound returns the round with that ID. ErrNotFound if none.
	GetRound(ctx context.Context, id string) (Round, error)
	// UpdateRound replaces the round r.ID with r, stored with Version
	// r.Version+1, if the stored version is r.Version. ErrNotFound if
	// there is no such round; ErrConflict if the version differs.
	UpdateRound(ctx context.Context, r Round) error
	// ListRounds returns the rounds matching f, newest first: CreatedAt
	// descending, then ID ascending.
	ListRounds(ctx context.Context, f RoundFilter) ([]Round, error)

	// PutCandidates, atomically, updates round r as UpdateRound does and
	// inserts or replaces the candidates of round r.ID, keyed by
	// (VacancyID, NationalID). The batch has no two candidates with the same
	// key. It must handle batches of 100,000 candidates. ErrNotFound,
	// ErrConflict as UpdateRound.
	PutCandidates(ctx context.Context, r Round, cs []Candidate) error
	// GetCandidate returns one candidate of a round. ErrNotFound if the
	// round or the candidate does not exist.
	GetCandidate(ctx context.Context, roundID, vacancyID, nationalID string) (Candidate, error)
	// ListCandidates returns a page of the round's candidates ordered by
	// VacancyID, then NationalID, ascending. ErrNotFound if the round does
	// not exist.
	ListCandidates(ctx context.Context, roundID string, f CandidateFilter) ([]Candidate, error)
	// CountCandidates returns the number of candidates of the round.
	// ErrNotFound if the round does not exist.
	CountCandidates(ctx context.Context, roundID string) (int, error)

	// SaveRoundResults, atomically, updates round r as UpdateRound does and
	// replaces the round's results with entries; entries[i] is stored with
	// Seq i. ErrNotFound, ErrConflict as UpdateRound.
	SaveRoundResults(ctx context.Context, r Round, entries []Entry) error
	// ListRoundResults returns a page of the round's results in Seq order.
	// ErrNotFound if the round does not exist.
	ListRoundResults(ctx context.Context, roundID string, f ResultFilter) ([]Result, error)

	// CreatePromotionDecisions, atomically, updates round r as UpdateRound
	// does and stores the decisions, each with Version 1. ErrConflict also
	// if a decision ID exists, or a decision exists for the same
	// (RoundID, VacancyID, NationalID). ErrNotFound as UpdateRound.
	CreatePromotionDecisions(ctx context.Context, r Round, ds []PromotionDecision) error
	// GetPromotionDecision returns the decision with that ID. ErrNotFound if none.
	GetPromotionDecision(ctx context.Context, id string) (PromotionDecision, error)
	// ListPromotionDecisions returns the decisions matching f ordered by
	// RoundID, VacancyID and Position ascending.
	ListPromotionDecisions(ctx context.Context, f DecisionFilter) ([]PromotionDecision, error)
}

// RoundFilter selects rounds. Zero fields select all.
type RoundFilter struct {
	AgencyID string      // the agency running the rounds
	Status   RoundStatus // the rounds' status
	// Offset skips that many rounds; Limit caps the count (0: no cap).
	Offset int
	Limit  int // 0: no cap
}

// CandidateKey is a candidate's key within a round.
type CandidateKey struct {
	VacancyID  string // Candidate.VacancyID
	NationalID string // Candidate.NationalID, 10 digits
}

// CandidateFilter selects a page of a round's candidates.
type CandidateFilter struct {
	// VacancyID, if set, selects the candidates of that vacancy.
	VacancyID string
	// After, if set, starts the page after that key (keyset paging).
	After *CandidateKey
	// Limit caps the page (0: no cap).
	Limit int
}

// ResultFilter selects a page of a round's results.
type ResultFilter struct {
	// VacancyID, if set, selects the results of that vacancy.
	VacancyID string
	// NationalID, if set, selects that employee's results (one per vacancy
	// applied for).
	NationalID identity.NationalID
	// WinnersOnly selects winners.
	WinnersOnly bool
	// From starts the page at the first result with Seq >= From.
	From int
	// Limit caps the page (0: no cap).
	Limit int
}

// DecisionFilter selects promotion decisions. Zero fields select all.
type DecisionFilter struct {
	RoundID    string // decisions of that round
	NationalID string // decisions about that employee (10 digits)
	AgencyID   string // decisions of that agency
}
