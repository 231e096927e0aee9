package sqlstore_test

import (
	"os"
	"reflect"
	"testing"

	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/separation"
	"github.com/masarhr/masar-go/separation/separationtest"
)

// separationTargets are the targets of the separation tests; under CI
// (CI=true) PostgreSQL is required.
func separationTargets(t *testing.T) []sqlstoretest.Target {
	t.Helper()
	if os.Getenv("CI") == "true" && os.Getenv(sqlstoretest.PostgresDSNEnv) == "" {
		t.Fatal(sqlstoretest.PostgresDSNEnv + " must be set under CI")
	}
	return sqlstoretest.Targets()
}

func TestSeparationConformance(t *testing.T) {
	for _, target := range separationTargets(t) {
		t.Run(target.Name, func(t *testing.T) {
			separationtest.Run(t, func(t *testing.T) separation.Store { s, _ := target.Open(t); return s })
		})
	}
}

// The contract holds when retirements go through COPY; on SQLite the
// Copier is not used and the Store writes with INSERTs.
func TestSeparationConformanceWithCopy(t *testing.T) {
	for _, target := range separationTargets(t) {
		t.Run(target.Name, func(t *testing.T) {
			separationtest.Run(t, func(t *testing.T) separation.Store { s, _ := openWithCopy(t, target); return s })
		})
	}
}

// The tables have a column (or a JSON document) for every field of Case
// and Retirement as they are now; a field added to either fails here until
// the Store writes and reads it (separation.go, migration) and the count
// below is raised.
func TestSeparationPersistsEveryField(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want int
	}{
		{separation.Case{}, 26},
		{separation.Retirement{}, 11},
	} {
		typ := reflect.TypeOf(tc.v)
		if got := typ.NumField(); got != tc.want {
			t.Errorf("%s has %d fields, the Store persists %d: store the new ones", typ, got, tc.want)
		}
	}
}
