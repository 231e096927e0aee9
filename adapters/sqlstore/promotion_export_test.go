package sqlstore

import (
	"context"

	"github.com/masarhr/masar-go/promotion"
)

// RoundListQuery returns ListRounds's query and arguments, its cursor
// looked up.
func (s *Store) RoundListQuery(ctx context.Context, f promotion.RoundFilter) (string, []any, error) {
	after, err := s.roundCursor(ctx, f.After)
	if err != nil {
		return "", nil, err
	}
	q, args := s.roundListQuery(f, after)
	return q, args, nil
}

// CandidateListQuery returns ListCandidates's query and arguments.
func (s *Store) CandidateListQuery(roundID string, f promotion.CandidateFilter) (string, []any) {
	return s.candidateListQuery(roundID, f)
}

// DecisionListQuery returns ListPromotionDecisions's query and arguments,
// its cursor looked up.
func (s *Store) DecisionListQuery(ctx context.Context, f promotion.DecisionFilter) (string, []any, error) {
	after, err := s.decisionCursor(ctx, f.After)
	if err != nil {
		return "", nil, err
	}
	q, args := s.decisionListQuery(f, after)
	return q, args, nil
}
