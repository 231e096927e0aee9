package sqlstore_test

import (
	"context"
	"errors"
	"io/fs"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/audit/audittest"
	"github.com/masarhr/masar-go/fault"
)

func TestAuditConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			audittest.Run(t, func(t *testing.T) audit.Store { s, _ := target.Open(t); return s })
		})
	}
}

func TestMigrateTwiceAndConcurrently(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			db := target.OpenDB(t)
			ctx := context.Background()
			want, err := sqlstore.Migrations(target.Dialect)
			require.NoError(t, err)
			require.NotEmpty(t, want)

			// Eight runners race on an empty database, then one runs again.
			var wg sync.WaitGroup
			errs := make([]error, 8)
			for i := range errs {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					other, err := sqlstore.New(db, target.Dialect, nil)
					if err == nil {
						err = other.Migrate(ctx)
					}
					errs[i] = err
				}(i)
			}
			wg.Wait()
			for _, err := range errs {
				require.NoError(t, err)
			}
			s, err := sqlstore.New(db, target.Dialect, nil)
			require.NoError(t, err)
			require.NoError(t, s.Migrate(ctx), "a second run is a no-op")
			applied, err := s.AppliedMigrations(ctx)
			require.NoError(t, err)
			var versions []int
			for _, m := range want {
				versions = append(versions, m.Version)
			}
			assert.Equal(t, versions, applied)
		})
	}
}

func TestMigrationsFS(t *testing.T) {
	for _, d := range []sqlstore.Dialect{sqlstore.SQLite, sqlstore.PostgreSQL} {
		fsys, err := sqlstore.MigrationsFS(d)
		require.NoError(t, err)
		names, err := fs.Glob(fsys, "*.up.sql")
		require.NoError(t, err)
		ms, err := sqlstore.Migrations(d)
		require.NoError(t, err)
		assert.Len(t, names, len(ms), d.String())
	}
	_, err := sqlstore.MigrationsFS(sqlstore.Dialect(9))
	assert.ErrorIs(t, err, sqlstore.ErrUnsupportedDialect)
	_, err = sqlstore.New(nil, sqlstore.SQLite, nil)
	assert.Error(t, err)
}

func TestSameMigrationsForBothDialects(t *testing.T) {
	lite, err := sqlstore.Migrations(sqlstore.SQLite)
	require.NoError(t, err)
	pg, err := sqlstore.Migrations(sqlstore.PostgreSQL)
	require.NoError(t, err)
	require.Len(t, pg, len(lite))
	for i := range lite {
		assert.Equal(t, lite[i].Version, pg[i].Version)
		assert.Equal(t, lite[i].Name, pg[i].Name)
	}
}

func auditEntry(id string) audit.Entry {
	return audit.Entry{ID: id, At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Action: "x", Outcome: audit.Succeeded}
}

func TestInTx(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			count := func() int {
				es, err := s.ListAudit(ctx, audit.Filter{Limit: audit.MaxLimit})
				require.NoError(t, err)
				return len(es)
			}
			boom := errors.New("boom")
			err := s.InTx(ctx, func(ctx context.Context) error {
				require.NoError(t, s.AppendAudit(ctx, auditEntry("a")))
				require.NoError(t, s.InTx(ctx, func(ctx context.Context) error { return s.AppendAudit(ctx, auditEntry("b")) }))
				es, err := s.ListAudit(ctx, audit.Filter{})
				require.NoError(t, err)
				assert.Len(t, es, 2, "reads inside the transaction see its writes")
				return boom
			})
			require.ErrorIs(t, err, boom)
			assert.Equal(t, 0, count(), "a failed transaction leaves nothing")

			assert.Panics(t, func() {
				_ = s.InTx(ctx, func(ctx context.Context) error {
					_ = s.AppendAudit(ctx, auditEntry("p"))
					panic("boom")
				})
			})
			assert.Equal(t, 0, count())

			require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
				return errors.Join(s.AppendAudit(ctx, auditEntry("c")), s.AppendAudit(ctx, auditEntry("d")))
			}))
			assert.Equal(t, 2, count())
		})
	}
}

// Bytes PostgreSQL refuses as text are invalid input, not an internal
// failure, even when they reach the store past the domain's own checks.
func TestBadBytesAreInvalid(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
			for i, id := range []string{"nul-\x00-id", "bad-\xff-utf8"} {
				err := s.AppendAudit(ctx, audit.Entry{ID: id, At: at.Add(time.Duration(i) * time.Second), Action: "bytes", Outcome: audit.Succeeded})
				if target.Dialect == sqlstore.SQLite {
					assert.NoError(t, err, "SQLite keeps any bytes")
					continue
				}
				require.Error(t, err)
				assert.Equal(t, fault.Invalid, fault.CodeOf(err), "%q: %v", id, err)
			}
		})
	}
}

// postgresTarget returns the PostgreSQL target, skipping the test when
// MASAR_TEST_POSTGRES_DSN is not set.
func postgresTarget(t *testing.T) sqlstoretest.Target {
	t.Helper()
	for _, tg := range sqlstoretest.Targets() {
		if tg.Dialect == sqlstore.PostgreSQL {
			return tg
		}
	}
	t.Skip(sqlstoretest.PostgresDSNEnv + " is not set")
	return sqlstoretest.Target{}
}
