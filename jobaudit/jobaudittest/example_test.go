package jobaudittest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/jobaudit/jobaudittest"
)

func ExampleFixture() {
	f := jobaudittest.NewFixture(1)
	s := memstore.New(nil)
	ctx := context.Background()
	at := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	v, _ := s.CreateVariable(ctx, f.Variable("emp-1", at))
	q, _ := s.CreateRequest(ctx, f.Request("emp-1", at))
	vs, _ := s.ListVariables(ctx, jobaudit.VariableFilter{State: jobaudit.Submitted})
	fmt.Println(v.ID, v.Kind, v.Version, len(vs))
	fmt.Println(q.ID, q.Foreign(), q.Equivalency != nil)
	// Output:
	// jv-0001 promotion 1 1
	// qr-0002 true true
}
