package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

var _ identity.Store = (*sqlstore.Store)(nil)

func TestIdentityConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			identitytest.Run(t, func(t *testing.T) identity.Store { s, _ := target.Open(t); return s })
		})
	}
}

// Consent writes joined to a transaction that rolls back leave nothing, and
// an Arabic purpose round-trips byte for byte.
func TestIdentityConsentsInTransactions(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			gen := identitytest.NewGenerator(41)
			at := time.Date(2026, 3, 1, 9, 0, 0, 123456000, time.UTC)
			c := identity.Consent{ID: "c1", Owner: gen.Citizen(), Grantee: "وزارة-الصحة", Parts: []identity.Part{identity.PartJob},
				Purpose: "التحقق من الخبرة\u200f «لغرض التعيين» ١٤٤٧", From: at, Until: at.Add(time.Hour), CreatedAt: at}
			err := s.InTx(ctx, func(ctx context.Context) error {
				_, err := s.CreateConsent(ctx, c)
				require.NoError(t, err)
				return fmt.Errorf("roll back")
			})
			require.Error(t, err)
			_, err = s.GetConsent(ctx, "c1")
			require.ErrorIs(t, err, identity.ErrNotFound)

			_, err = s.CreateConsent(ctx, c)
			require.NoError(t, err)
			list, err := s.ListConsents(ctx, identity.ConsentFilter{Grantee: "وزارة-الصحة", LiveAt: at})
			require.NoError(t, err)
			require.Len(t, list, 1)
			assert.Equal(t, c.Purpose, list[0].Purpose)
			assert.Equal(t, c.Grantee, list[0].Grantee)
		})
	}
}

// The services' identity queries use indexes on PostgreSQL.
func TestIdentityExplain(t *testing.T) {
	s, db := sqlstoretest.OpenPostgres(t)
	ctx := context.Background()
	gen := identitytest.NewGenerator(42)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	owners := make([]identity.NationalID, 100)
	for i := range owners {
		owners[i] = gen.Citizen()
	}
	require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
		for i := range 2000 {
			created := at.Add(time.Duration(i) * time.Minute)
			if _, err := s.CreateConsent(ctx, identity.Consent{ID: fmt.Sprintf("c%04d", i), Owner: owners[i%len(owners)],
				Grantee: fmt.Sprintf("agency-%02d", i%40), Parts: []identity.Part{identity.PartJob}, Purpose: "p",
				From: created, Until: created.Add(24 * time.Hour), CreatedAt: created}); err != nil {
				return err
			}
			if _, err := s.CreateRegistration(ctx, identity.Registration{ID: fmt.Sprintf("r%04d", i), NationalID: gen.Citizen(),
				Status: identity.RegistrationActive, CreatedAt: created}); err != nil {
				return err
			}
		}
		return nil
	}))
	_, err := db.Exec(`ANALYZE`)
	require.NoError(t, err)

	q, args, err := s.ConsentListQuery(ctx, identity.ConsentFilter{Owner: owners[7]})
	require.NoError(t, err)
	explainUses(t, db, "identity_consents_owner", q, args...)
	q, args, err = s.ConsentListQuery(ctx, identity.ConsentFilter{Owner: owners[7], LiveAt: at.Add(time.Hour),
		After: "c0007", Limit: 20})
	require.NoError(t, err)
	explainUses(t, db, "identity_consents_owner", q, args...)
	q, args, err = s.ConsentListQuery(ctx, identity.ConsentFilter{Grantee: "agency-03", Limit: 20})
	require.NoError(t, err)
	explainUses(t, db, "identity_consents_grantee", q, args...)
	explainUses(t, db, "identity_registrations_national_id", s.RegistrationByNationalIDQuery(), gen.Citizen().String())
}
