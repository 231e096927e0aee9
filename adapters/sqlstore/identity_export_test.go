package sqlstore

import "github.com/masarhr/masar-go/identity"

// ConsentListQuery returns ListConsents's query and arguments.
func (s *Store) ConsentListQuery(f identity.ConsentFilter) (string, []any) {
	return s.consentListQuery(f)
}

// RegistrationByNationalIDQuery returns GetRegistrationByNationalID's query.
func (s *Store) RegistrationByNationalIDQuery() string { return s.rebind(registrationByNationalID) }
