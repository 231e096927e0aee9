package memstore

import (
	"context"
	"sync"

	"github.com/masarhr/masar-go/txn"
)

// Options configures a Store. The zero value (or nil) gives the defaults.
type Options struct{}

// Store keeps every masar-go Store contract in memory. It is safe for
// concurrent use; values go in and out as deep copies, so callers never share
// memory with the store.
//
// A Store is one database: InTx runs several operations, across contracts, as
// one atomic unit.
type Store struct {
	mu sync.RWMutex

	// Per-contract state; each lives in its own file.
	rec recordsData
	grv grievanceData
	pro promotionData
	idn identityData
	aud auditData
	idk idempotencyData
	lv  leaveData
	ob  outboxData
	sep separationData
	cv  cvData
	ja  jobauditData
}

// New returns an empty Store.
func New(opts *Options) *Store {
	if opts == nil {
		opts = &Options{}
	}
	s := &Store{}
	s.rec.init()
	s.grv.init()
	s.pro.init()
	s.idn.init()
	s.aud.init()
	s.idk.init()
	s.lv.init()
	s.ob.init()
	s.sep.init()
	s.cv.init()
	s.ja.init()
	return s
}

type txKey struct{}

// tx is the state of one InTx call: the store it belongs to and the undo log
// of every write made inside it.
type tx struct {
	s    *Store
	undo undoLog
	// readOnly marks an InReadTx: it holds the read lock, and writes fail.
	readOnly bool
}

// rollbackTo undoes the writes made since the undo log had mark entries.
func (t *tx) rollbackTo(mark int) {
	tail := t.undo[mark:]
	tail.rollback()
	t.undo = t.undo[:mark]
}

func (s *Store) txFrom(ctx context.Context) *tx {
	t, _ := ctx.Value(txKey{}).(*tx)
	if t != nil && t.s == s {
		return t
	}
	return nil
}

// InTx implements txn.Transactor: fn runs as one atomic unit; every call fn
// makes on this Store with the context it is given sees the others' writes,
// and if fn returns an error (or panics) all of them are undone. Other
// callers wait until fn returns. Calls on the Store from fn must use fn's
// context, and only from fn's goroutine. A nested InTx is a savepoint: its
// failure undoes its own writes, and the outer transaction goes on.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	if t := s.txFrom(ctx); t != nil {
		mark := len(t.undo)
		defer func() {
			if p := recover(); p != nil {
				t.rollbackTo(mark)
				panic(p)
			}
			if err != nil {
				t.rollbackTo(mark)
			}
		}()
		return fn(ctx)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &tx{s: s}
	defer func() {
		if p := recover(); p != nil {
			t.undo.rollback()
			panic(p)
		}
		if err != nil {
			t.undo.rollback()
		}
	}()
	return fn(context.WithValue(ctx, txKey{}, t))
}

// InReadTx implements txn.ReadTransactor: fn runs under the read lock, so
// that concurrent readers run together and see one state, which no writer
// changes until fn returns; a write made with fn's context fails with
// txn.ErrReadOnly. Inside a transaction of the Store, fn runs in it.
func (s *Store) InReadTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.txFrom(ctx) != nil {
		return fn(ctx)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn(context.WithValue(ctx, txKey{}, &tx{s: s, readOnly: true}))
}

// InTransaction implements txn.ReadTransactor.
func (s *Store) InTransaction(ctx context.Context) bool { return s.txFrom(ctx) != nil }

// view runs fn under the read lock, or inside the caller's transaction.
func (s *Store) view(ctx context.Context, fn func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.txFrom(ctx) != nil {
		return fn()
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn()
}

// update runs fn under the write lock, or inside the caller's transaction.
// fn records its writes in u; if fn fails they are undone, so every Store
// method is atomic on its own. Inside a transaction, successful writes join
// the transaction's undo log.
func (s *Store) update(ctx context.Context, fn func(u *undoLog) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if t := s.txFrom(ctx); t != nil {
		if t.readOnly {
			return txn.ErrReadOnly
		}
		var u undoLog
		if err := fn(&u); err != nil {
			u.rollback()
			return err
		}
		t.undo = append(t.undo, u...)
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var u undoLog
	if err := fn(&u); err != nil {
		u.rollback()
		return err
	}
	return nil
}

// undoLog is a list of closures that restore the previous state, newest last.
type undoLog []func()

func (u *undoLog) rollback() {
	for i := len(*u) - 1; i >= 0; i-- {
		(*u)[i]()
	}
	*u = nil
}

// put sets m[k] = v, recording how to restore the previous entry.
func put[K comparable, V any](u *undoLog, m map[K]V, k K, v V) {
	old, had := m[k]
	m[k] = v
	*u = append(*u, func() {
		if had {
			m[k] = old
		} else {
			delete(m, k)
		}
	})
}

// remove deletes m[k], recording how to restore it.
func remove[K comparable, V any](u *undoLog, m map[K]V, k K) {
	old, had := m[k]
	if !had {
		return
	}
	delete(m, k)
	*u = append(*u, func() { m[k] = old })
}

// appendTo appends v to the slice at *p, recording how to truncate it back.
func appendTo[V any](u *undoLog, p *[]V, v ...V) {
	n := len(*p)
	*p = append(*p, v...)
	*u = append(*u, func() {
		clear((*p)[n:])
		*p = (*p)[:n]
	})
}
