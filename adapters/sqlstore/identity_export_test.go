package sqlstore

import (
	"context"

	"github.com/masarhr/masar-go/identity"
)

// ConsentListQuery returns ListConsents's query and arguments, its cursor
// resolved.
func (s *Store) ConsentListQuery(ctx context.Context, f identity.ConsentFilter) (string, []any, error) {
	after, err := s.consentCursor(ctx, f.After)
	if err != nil {
		return "", nil, err
	}
	q, args := s.consentListQuery(f, after)
	return q, args, nil
}

// RegistrationByNationalIDQuery returns GetRegistrationByNationalID's query.
func (s *Store) RegistrationByNationalIDQuery() string { return s.rebind(registrationByNationalID) }
