package sqlstore

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

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

// ExplainCandidates returns the plan of ListCandidates's query, as
// ListCandidates runs it (withIndexOrder): EXPLAIN's lines on PostgreSQL,
// EXPLAIN QUERY PLAN's details on SQLite.
func (s *Store) ExplainCandidates(ctx context.Context, roundID string, f promotion.CandidateFilter) ([]string, error) {
	query, args := s.candidateListQuery(roundID, f)
	if !f.NationalID.IsZero() {
		return s.explainAs(ctx, func(ctx context.Context, fn func(q sqlx.ExtContext) error) error { return fn(s.ext(ctx)) }, query, args...)
	}
	return s.explain(ctx, query, args...)
}

// ExplainRounds returns the plan of ListRounds's query, as ExplainCandidates.
func (s *Store) ExplainRounds(ctx context.Context, f promotion.RoundFilter) ([]string, error) {
	query, args, err := s.RoundListQuery(ctx, f)
	if err != nil {
		return nil, err
	}
	return s.explain(ctx, query, args...)
}

func (s *Store) explain(ctx context.Context, query string, args ...any) ([]string, error) {
	return s.explainAs(ctx, s.withIndexOrder, query, args...)
}

func (s *Store) explainAs(ctx context.Context, read func(context.Context, func(sqlx.ExtContext) error) error, query string, args ...any) ([]string, error) {
	var lines []string
	err := read(ctx, func(q sqlx.ExtContext) error {
		prefix, col := "EXPLAIN ", 0
		if s.d == SQLite {
			prefix, col = "EXPLAIN QUERY PLAN ", 3
		}
		rows, err := q.QueryContext(ctx, prefix+query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
		vals := make([]any, len(cols))
		for i := range vals {
			vals[i] = new(any)
		}
		for rows.Next() {
			if err := rows.Scan(vals...); err != nil {
				return err
			}
			lines = append(lines, fmt.Sprint(*vals[col].(*any)))
		}
		return rows.Err()
	})
	return lines, err
}
