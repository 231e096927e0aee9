package sqlstore

import (
	"context"

	"github.com/masarhr/masar-go/cv"
)

// ExplainShares returns the plan of ListShares's query for f.
func (s *Store) ExplainShares(ctx context.Context, f cv.ShareFilter) ([]string, error) {
	after, err := s.shareCursor(ctx, &f)
	if err != nil {
		return nil, err
	}
	query, args := sharesQuery(&f, after)
	return s.explain(ctx, s.rebind(query), args...)
}

// ExplainProfileVersions returns the plan of ListProfileVersions's query for f.
func (s *Store) ExplainProfileVersions(ctx context.Context, f cv.VersionFilter) ([]string, error) {
	query, args := profilesQuery(&f)
	return s.explain(ctx, s.rebind(query), args...)
}
