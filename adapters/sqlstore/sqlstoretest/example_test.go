package sqlstoretest_test

import (
	"context"
	"flag"
	"fmt"
	"testing"

	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/audit/audittest"
)

// A test runs a conformance suite on every available database: SQLite
// always, PostgreSQL when MASAR_TEST_POSTGRES_DSN is set:
//
//	func TestAudit(t *testing.T) {
//		for _, target := range sqlstoretest.Targets() {
//			t.Run(target.Name, func(t *testing.T) {
//				audittest.Run(t, func(t *testing.T) audit.Store { s, _ := target.Open(t); return s })
//			})
//		}
//	}
//
// This example runs the SQLite target.
func ExampleTargets() {
	ok := runQuietly(func(t *testing.T) {
		target := sqlstoretest.Targets()[0]
		audittest.Run(t, func(t *testing.T) audit.Store { s, _ := target.Open(t); return s })
		s, _ := target.Open(t)
		applied, err := s.AppliedMigrations(context.Background())
		if err != nil || len(applied) == 0 {
			t.Fatalf("migrations: %v %v", applied, err)
		}
	})
	fmt.Println(sqlstoretest.Targets()[0].Name, "conformant:", ok)
	// Output: sqlite conformant: true
}

// runQuietly runs f as a test, without -v chatter in the example's output.
func runQuietly(f func(t *testing.T)) bool {
	if v := flag.Lookup("test.v"); v != nil {
		old := v.Value.String()
		_ = v.Value.Set("false")
		defer func() { _ = v.Value.Set(old) }()
	}
	return testing.RunTests(func(string, string) (bool, error) { return true, nil },
		[]testing.InternalTest{{Name: "TestConformance", F: f}})
}
