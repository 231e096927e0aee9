package masar_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/txn"
)

// The test stores that wrap an adapter pass its read transactions through,
// so that the facade's read path (read-only transaction, group commit) runs
// under them as it runs on the adapter itself.

// InReadTx implements txn.ReadTransactor.
func (s *faultyStore) InReadTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.allStore.(txn.ReadTransactor).InReadTx(ctx, fn)
}

// InTransaction implements txn.ReadTransactor.
func (s *faultyStore) InTransaction(ctx context.Context) bool {
	return s.allStore.(txn.ReadTransactor).InTransaction(ctx)
}

// InReadTx implements txn.ReadTransactor.
func (s *hangUp) InReadTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.allStore.(txn.ReadTransactor).InReadTx(ctx, fn)
}

// InTransaction implements txn.ReadTransactor.
func (s *hangUp) InTransaction(ctx context.Context) bool {
	return s.allStore.(txn.ReadTransactor).InTransaction(ctx)
}

var (
	_ txn.ReadTransactor = (*faultyStore)(nil)
	_ txn.ReadTransactor = (*hangUp)(nil)
)

// countOutcome counts the trail's entries of action with outcome o.
func countOutcome(w *world, action masar.UseCase, o audit.Outcome) int {
	n := 0
	for _, e := range w.trail(audit.Filter{Action: string(action)}) {
		if e.Outcome == o {
			n++
		}
	}
	return n
}

// readers runs n concurrent EmployeeFile calls, alternating over files, and
// returns their errors.
func readers(w *world, n int, files []person) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			p := files[i%len(files)]
			f, err := w.Client.EmployeeFile(w.Ctx, w.MOH.Specialist, p.ID)
			switch {
			case err == nil && f.Employee.NationalID != p.ID:
				err = errors.New("another person's file returned")
			case err != nil && !f.Employee.NationalID.IsZero():
				err = errors.Join(err, errors.New("a file returned with the error"))
			}
			errs[i] = err
		})
	}
	wg.Wait()
	return errs
}

func TestConcurrentReadsEachAudited(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			w := newClient(t, st.open(t))
			before := countOutcome(w, masar.UseViewFile, audit.Succeeded)
			const n = 64
			for i, err := range readers(w, n, []person{w.MOH.Emp, w.MOH.Peer}) {
				require.NoError(t, err, "reader %d (no busy error, no lost entry)", i)
			}
			assert.Equal(t, before+n, countOutcome(w, masar.UseViewFile, audit.Succeeded), "every read's entry is committed")
		})
	}
}

func TestFailedGroupCommitFailsEveryReader(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			fs := &faultyStore{allStore: st.open(t)}
			w := newClient(t, fs)
			fs.set(func(s *faultyStore) {
				s.failAudit = func(e audit.Entry) bool {
					return e.Action == string(masar.UseViewFile) && e.Outcome == audit.Succeeded
				}
			})
			const n = 16
			for i, err := range readers(w, n, []person{w.MOH.Emp, w.MOH.Peer}) {
				assert.ErrorIs(t, err, errInjected, "reader %d: no data without its entry", i)
			}
			fs.set(func(s *faultyStore) { s.failAudit = nil })
			assert.Zero(t, countOutcome(w, masar.UseViewFile, audit.Succeeded))
			assert.Equal(t, n, countOutcome(w, masar.UseViewFile, audit.Failed), "each failed read is in the trail as failed")
		})
	}
}

func TestDeniedReadAudited(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			w := newClient(t, st.open(t))
			_, err := w.Client.EmployeeFile(w.Ctx, w.MOE.Specialist, w.MOH.Emp.ID)
			require.ErrorIs(t, err, masar.ErrDenied)
			assert.Equal(t, 1, countOutcome(w, masar.UseViewFile, audit.Denied))
		})
	}
}

// hostTx is what a host's own transaction around a facade call needs.
type hostTx interface {
	allStore
	txn.ReadTransactor
}

func TestReadInsideHostTransaction(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			s := st.open(t).(hostTx)
			w := newClient(t, s)
			before := countOutcome(w, masar.UseViewFile, audit.Succeeded)
			// The read joins the host's transaction, its entry with it: it
			// neither waits for the write lock the host holds nor commits
			// on its own.
			err := s.InTx(w.Ctx, func(ctx context.Context) error {
				f, err := w.Client.EmployeeFile(ctx, w.MOH.Specialist, w.MOH.Emp.ID)
				require.NoError(t, err)
				assert.Equal(t, w.MOH.Emp.ID, f.Employee.NationalID)
				return errInjected
			})
			require.ErrorIs(t, err, errInjected)
			assert.Equal(t, before, countOutcome(w, masar.UseViewFile, audit.Succeeded), "the entry rolled back with the host's transaction")
			require.NoError(t, s.InTx(w.Ctx, func(ctx context.Context) error {
				_, err := w.Client.EmployeeFile(ctx, w.MOH.Specialist, w.MOH.Emp.ID)
				return err
			}))
			assert.Equal(t, before+1, countOutcome(w, masar.UseViewFile, audit.Succeeded))
		})
	}
}

func TestIsRead(t *testing.T) {
	assert.True(t, masar.IsRead(masar.UseViewFile))
	assert.True(t, masar.IsRead(masar.UseQueryAudit))
	assert.False(t, masar.IsRead(masar.UsePrintStatement), "issuing a statement stores it")
	assert.False(t, masar.IsRead(masar.UseDecideCorrection))
}
