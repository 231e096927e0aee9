package masar_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// hangUp is a store that ends the caller's context (the caller hangs up)
// right after one of its reads, to prove a call's failure is audited all
// the same.
type hangUp struct {
	allStore
	mu     sync.Mutex
	cancel context.CancelFunc
}

func (s *hangUp) arm(cancel context.CancelFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cancel = cancel
}

func (s *hangUp) fire() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

// GetEmployeeByNationalID implements records.Store, hanging up after it.
func (s *hangUp) GetEmployeeByNationalID(ctx context.Context, id identity.NationalID) (records.Employee, error) {
	defer s.fire()
	return s.allStore.GetEmployeeByNationalID(ctx, id)
}

// GetRegistrationByEmailToken implements identity.Store, hanging up after it.
func (s *hangUp) GetRegistrationByEmailToken(ctx context.Context, hash []byte) (identity.Registration, error) {
	defer s.fire()
	return s.allStore.GetRegistrationByEmailToken(ctx, hash)
}

func TestFailureAuditedWhenTheCallerHangsUp(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			hs := &hangUp{allStore: st.open(t)}
			w := newClient(t, hs)
			outsider := w.MOE.Specialist
			count := func(action masar.UseCase, o audit.Outcome) int {
				n := 0
				for _, e := range w.trail(audit.Filter{Action: string(action)}) {
					if e.Outcome == o {
						n++
					}
				}
				return n
			}

			// A prober asks for a file of another agency and disconnects.
			ctx, cancel := context.WithCancel(w.Ctx)
			hs.arm(cancel)
			_, err := w.Client.EmployeeFile(ctx, outsider, w.MOH.Emp.ID)
			require.Error(t, err)
			assert.Equal(t, 1, count(masar.UseViewFile, audit.Denied), "the denial is in the trail")

			// A public flow whose transaction the hang-up aborts keeps its entry too.
			ctx, cancel = context.WithCancel(w.Ctx)
			hs.arm(cancel)
			_, err = w.Client.ConfirmEmail(ctx, "no-such-token")
			require.Error(t, err)
			assert.Equal(t, 1, count(masar.UseConfirmEmail, audit.Failed), "the failed public call is in the trail")
		})
	}
}
