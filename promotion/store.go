package promotion

import (
	"context"
	"strconv"
	"strings"

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
// call with ErrConflict and writes nothing. Every write returns the round
// as stored: Version 1 after CreateRound, r.Version+1 after the others.
//
// Errors: "ErrNotFound" and "ErrConflict" below mean an error satisfying
// errors.Is(err, promotion.ErrNotFound) or errors.Is(err,
// promotion.ErrConflict); other failures (a closed database, a cancelled
// context) are returned as they are.
//
// # Ordering and paging
//
// Orders are deterministic. Strings (IDs, national IDs) compare byte by
// byte (SQL adapters use a binary collation, e.g. COLLATE "C"). A List
// method's filter has After, the cursor of the last item of the previous
// page (a Round's or PromotionDecision's ID, Candidate.Cursor,
// Result.Cursor), and Limit (0: no cap): the method returns at most Limit
// items strictly after that item in the method's order. An After that names
// no item (of the round, for candidates and results) is ErrNotFound.
type Store interface {
	// CreateRound stores a new round with Version 1 (whatever r.Version
	// says) and returns it as stored. ErrConflict if a round with r.ID
	// exists.
	CreateRound(ctx context.Context, r Round) (Round, error)
	// GetRound returns the round with that ID. ErrNotFound if none.
	GetRound(ctx context.Context, id string) (Round, error)
	// UpdateRound replaces the round r.ID with r, stored with Version
	// r.Version+1, if the stored version is r.Version, and returns it as
	// stored. ErrNotFound if there is no such round; ErrConflict if the
	// version differs.
	UpdateRound(ctx context.Context, r Round) (Round, error)
	// ListRounds returns the rounds matching f, newest first: CreatedAt
	// descending, then ID ascending. ErrNotFound if f.After names no round
	// (whether or not it matches f).
	ListRounds(ctx context.Context, f RoundFilter) ([]Round, error)

	// PutCandidates, atomically, updates round r as UpdateRound does and
	// inserts or replaces the candidates of round r.ID, keyed by
	// (VacancyID, NationalID); it returns the round as stored (Version+1).
	// The batch has no two candidates with the same key. It must handle
	// batches of 100,000 candidates. ErrNotFound, ErrConflict as
	// UpdateRound.
	PutCandidates(ctx context.Context, r Round, cs []Candidate) (Round, error)
	// GetCandidate returns one candidate of a round. ErrNotFound if the
	// round or the candidate does not exist.
	GetCandidate(ctx context.Context, roundID, vacancyID, nationalID string) (Candidate, error)
	// ListCandidates returns a page of the round's candidates matching f
	// ordered by VacancyID, then NationalID, ascending. ErrNotFound if the
	// round does not exist or f.After names none of its candidates (whether
	// or not it matches f).
	ListCandidates(ctx context.Context, roundID string, f CandidateFilter) ([]Candidate, error)
	// CountCandidates returns the number of candidates of the round.
	// ErrNotFound if the round does not exist.
	CountCandidates(ctx context.Context, roundID string) (int, error)

	// SaveRoundResults, atomically, updates round r as UpdateRound does and
	// replaces the round's results with entries; entries[i] is stored with
	// Seq i. It returns the round as stored (Version+1). ErrNotFound,
	// ErrConflict as UpdateRound.
	SaveRoundResults(ctx context.Context, r Round, entries []Entry) (Round, error)
	// ListRoundResults returns a page of the round's results in Seq order.
	// ErrNotFound if the round does not exist or f.After names none of its
	// results.
	ListRoundResults(ctx context.Context, roundID string, f ResultFilter) ([]Result, error)

	// CreatePromotionDecisions, atomically, updates round r as UpdateRound
	// does and stores the decisions, each with Version 1; it returns the
	// round as stored (Version+1). ErrConflict also if a decision ID
	// exists, or a decision exists for the same (RoundID, VacancyID,
	// NationalID). ErrNotFound as UpdateRound.
	CreatePromotionDecisions(ctx context.Context, r Round, ds []PromotionDecision) (Round, error)
	// GetPromotionDecision returns the decision with that ID. ErrNotFound if none.
	GetPromotionDecision(ctx context.Context, id string) (PromotionDecision, error)
	// ListPromotionDecisions returns the decisions matching f ordered by
	// RoundID, VacancyID, Position and ID ascending. ErrNotFound if f.After
	// names no decision.
	ListPromotionDecisions(ctx context.Context, f DecisionFilter) ([]PromotionDecision, error)
}

// RoundFilter selects rounds. Zero fields select all.
type RoundFilter struct {
	AgencyID string      `json:"agency_id,omitempty"` // the agency running the rounds
	Status   RoundStatus `json:"status,omitempty"`    // the rounds' status
	// Candidate, if set, selects the rounds in which that person is a
	// candidate, for any vacancy.
	Candidate identity.NationalID `json:"candidate,omitempty"`
	// After is the paging cursor: the ID of the last round of the previous
	// page.
	After string `json:"after,omitempty"`
	// Limit caps the page (0: no cap).
	Limit int `json:"limit,omitempty"`
}

// CandidateFilter selects a page of a round's candidates.
type CandidateFilter struct {
	// VacancyID, if set, selects the candidates of that vacancy.
	VacancyID string `json:"vacancy_id,omitempty"`
	// NationalID, if set, selects that person's candidacies (one per
	// vacancy applied for).
	NationalID identity.NationalID `json:"national_id,omitempty"`
	// After is the paging cursor: the Cursor of the last candidate of the
	// previous page.
	After string `json:"after,omitempty"`
	// Limit caps the page (0: no cap).
	Limit int `json:"limit,omitempty"`
}

// Cursor returns the candidate's paging cursor, its key within the round
// written as VacancyID + "/" + NationalID, e.g. "V-7/1000000008". A
// vacancy ID may itself contain "/": the national ID (10 digits) is what
// follows the last one (ParseCandidateCursor).
func (c *Candidate) Cursor() string { return CandidateCursor(c.VacancyID, c.NationalID.String()) }

// CandidateCursor returns the cursor of the candidate with that key.
func CandidateCursor(vacancyID, nationalID string) string { return vacancyID + "/" + nationalID }

// ParseCandidateCursor splits a candidate cursor at its last "/" into the
// vacancy ID and the national ID; ok is false when s has no "/".
func ParseCandidateCursor(s string) (vacancyID, nationalID string, ok bool) {
	i := strings.LastIndexByte(s, '/')
	if i < 0 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

// ResultFilter selects a page of a round's results.
type ResultFilter struct {
	// VacancyID, if set, selects the results of that vacancy.
	VacancyID string `json:"vacancy_id,omitempty"`
	// NationalID, if set, selects that employee's results (one per vacancy
	// applied for).
	NationalID identity.NationalID `json:"national_id,omitempty"`
	// WinnersOnly selects winners.
	WinnersOnly bool `json:"winners_only,omitempty"`
	// After is the paging cursor: the Cursor of the last result of the
	// previous page.
	After string `json:"after,omitempty"`
	// Limit caps the page (0: no cap).
	Limit int `json:"limit,omitempty"`
}

// Cursor returns the result's paging cursor: its Seq in decimal.
func (r *Result) Cursor() string { return strconv.Itoa(r.Seq) }

// ParseResultCursor returns the Seq a result cursor names; ok is false
// unless s is a Seq as Result.Cursor writes it.
func ParseResultCursor(s string) (seq int, ok bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || strconv.Itoa(n) != s {
		return 0, false
	}
	return n, true
}

// DecisionFilter selects promotion decisions. Zero fields select all.
type DecisionFilter struct {
	RoundID    string `json:"round_id,omitempty"`    // decisions of that round
	NationalID string `json:"national_id,omitempty"` // decisions about that employee (10 digits)
	AgencyID   string `json:"agency_id,omitempty"`   // decisions of that agency
	// After is the paging cursor: the ID of the last decision of the
	// previous page.
	After string `json:"after,omitempty"`
	// Limit caps the page (0: no cap).
	Limit int `json:"limit,omitempty"`
}
