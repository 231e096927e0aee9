package masar

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
)

// TestReadUseCasesAreActorCalls: every read is a row of the authorization
// table and a signed-in actor's call (a public flow keeps writes on failure).
func TestReadUseCasesAreActorCalls(t *testing.T) {
	rules := Permissions()
	for uc := range readUseCases {
		if _, ok := rules[uc]; !ok {
			t.Errorf("%s is a read but has no row in Permissions", uc)
		}
		if flowOf(uc) != actorFlow {
			t.Errorf("%s is a read but not an actor's call", uc)
		}
	}
}

// TestGroupCommitCommitters: many concurrent appends through one and
// through several committers all land, each once, and every caller
// returns.
func TestGroupCommitCommitters(t *testing.T) {
	for _, k := range []int{1, 4} {
		t.Run(strconv.Itoa(k), func(t *testing.T) {
			s := memstore.New(nil)
			g := &groupCommit{tx: s, store: s, timeout: time.Minute, committers: k}
			const n = 300
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					errs[i] = g.append(context.Background(), []audit.Entry{{
						ID: fmt.Sprintf("g-%04d", i), At: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC),
						Actor: "actor", Action: "group", Outcome: audit.Succeeded,
					}})
				})
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("append %d: %v", i, err)
				}
			}
			var got int
			f := audit.Filter{Action: "group", Limit: audit.MaxLimit}
			for {
				es, err := s.ListAudit(context.Background(), f)
				if err != nil {
					t.Fatal(err)
				}
				got += len(es)
				if len(es) < audit.MaxLimit {
					break
				}
				f.After = es[len(es)-1].ID
			}
			if got != n {
				t.Fatalf("%d entries in the trail, want %d", got, n)
			}
			if g.leaders != 0 || len(g.queue) != 0 {
				t.Fatalf("left %d leaders, %d queued", g.leaders, len(g.queue))
			}
		})
	}
}
