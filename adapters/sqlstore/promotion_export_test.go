package sqlstore

import "github.com/masarhr/masar-go/promotion"

// RoundListQuery returns ListRounds's query and arguments.
func (s *Store) RoundListQuery(f promotion.RoundFilter) (string, []any) { return s.roundListQuery(f) }

// CandidateListQuery returns ListCandidates's query and arguments.
func (s *Store) CandidateListQuery(roundID string, f promotion.CandidateFilter) (string, []any) {
	return s.candidateListQuery(roundID, f)
}

// DecisionListQuery returns ListPromotionDecisions's query and arguments.
func (s *Store) DecisionListQuery(f promotion.DecisionFilter) (string, []any) {
	return s.decisionListQuery(f)
}
