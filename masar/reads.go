package masar

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/txn"
)

// readUseCases are the use cases whose row in the authorization table is
// a Read: the runner reads for them in a read-only transaction when
// Stores.Tx is a txn.ReadTransactor, which concurrent reads share instead
// of queueing on the database's write lock, and commits their audit
// entries through the Client's group commit: the call returns its data
// only once its entry is committed. A Read use case that writes fails with
// txn.ErrReadOnly (TestReadUseCasesAreReads runs each on every Store).
var readUseCases = func() map[UseCase]bool {
	out := map[UseCase]bool{}
	for uc, r := range Permissions() {
		if r.Read {
			out[uc] = true
		}
	}
	return out
}()

// IsRead reports whether uc only reads (its audit entry aside): its row in
// Permissions is a Read. The runner reads for it in a read-only
// transaction when the stores have them.
func IsRead(uc UseCase) bool { return readUseCases[uc] }

// maxGroup bounds the calls whose entries one group commit writes.
const maxGroup = 256

// groupCommit appends audit entries outside the calls' own transactions,
// committing the entries of concurrent calls in one transaction (group
// commit). There is no background writer: a caller that finds fewer than
// committers commits in progress leads one, for every entry queued by then
// (at most maxGroup calls); the others wait for the commit that holds
// their entry, and a leader, once done, hands leadership to the first call
// still queued. So every entry is committed by a call that is waiting for it, and
// nothing is left to drain when the callers are gone.
type groupCommit struct {
	tx      txn.Transactor
	store   audit.Store
	timeout time.Duration

	// committers is how many commits may run at once (at least 1).
	committers int

	mu      sync.Mutex
	queue   []*pendingAudit
	leaders int // commits running
}

// pendingAudit is one call's entries waiting for their commit.
type pendingAudit struct {
	entries []audit.Entry
	res     chan groupResult // buffered: the leader never waits on it
}

// groupResult is a pending call's answer: its commit's error, or that it
// now leads the next commit.
type groupResult struct {
	lead []*pendingAudit // the batch to commit, the call's own entries first
	err  error
}

// append commits es and returns once they are durable, or with the error
// that kept them (and every other entry of the same commit) out of the
// trail. The commit is detached from ctx's cancellation, so that one
// caller hanging up does not fail the others, and bounded by g.timeout.
func (g *groupCommit) append(ctx context.Context, es []audit.Entry) error {
	p := &pendingAudit{entries: es, res: make(chan groupResult, 1)}
	g.mu.Lock()
	g.queue = append(g.queue, p)
	var batch []*pendingAudit
	if g.leaders < g.committers {
		g.leaders++
		batch = g.take()
	}
	g.mu.Unlock()
	if batch == nil {
		r := <-p.res
		if r.lead == nil {
			return r.err
		}
		batch = r.lead
	}
	return g.lead(ctx, batch)
}

// take removes the queue's head batch (at most maxGroup calls) and returns
// it. g.mu is held.
func (g *groupCommit) take() []*pendingAudit {
	n := min(len(g.queue), maxGroup)
	batch := g.queue[:n:n]
	g.queue = append([]*pendingAudit(nil), g.queue[n:]...)
	return batch
}

// lead commits batch (the leader's own entries first), answers every call
// in it, and hands leadership on with the queue's next batch. If the group's commit fails,
// each call's entries are committed on their own, so that a call is failed
// only for its own entry (or for a failure of every commit).
func (g *groupCommit) lead(ctx context.Context, batch []*pendingAudit) error {
	errs := make([]error, len(batch))
	defer func() {
		p := recover()
		if p != nil {
			for i := range errs {
				errs[i] = fmt.Errorf("masar: audit group commit panicked: %v", p)
			}
		}
		for i, w := range batch[1:] {
			w.res <- groupResult{err: errs[i+1]}
		}
		g.mu.Lock()
		if len(g.queue) > 0 {
			next := g.take()
			next[0].res <- groupResult{lead: next}
		} else {
			g.leaders--
		}
		g.mu.Unlock()
		if p != nil {
			panic(p)
		}
	}()
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), g.timeout)
	defer cancel()
	err := g.commit(cctx, batch)
	if err != nil && len(batch) > 1 && cctx.Err() == nil {
		// One call's entry may be what failed the batch: commit each
		// call's on its own, so that the others are not failed with it.
		for i := range batch {
			errs[i] = g.commit(cctx, batch[i:i+1])
		}
		return errs[0]
	}
	for i := range errs {
		errs[i] = err
	}
	return err
}

// commit appends the entries of batch in one transaction.
func (g *groupCommit) commit(ctx context.Context, batch []*pendingAudit) error {
	return g.tx.InTx(ctx, func(ctx context.Context) error {
		for _, w := range batch {
			for _, e := range w.entries {
				if err := g.store.AppendAudit(ctx, e); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// readTx returns the read transactions of the Client's stores when uc is
// a read and ctx carries no transaction of theirs (a host's InTx: the call
// then joins it, its entry with it).
func (c *Client) readTx(ctx context.Context, uc UseCase) (txn.ReadTransactor, bool) {
	rt, ok := c.stores.Tx.(txn.ReadTransactor)
	if !ok || !readUseCases[uc] || rt.InTransaction(ctx) {
		return nil, false
	}
	return rt, true
}

// detachedAudit reports whether entries written outside a call's
// transaction go through the group commit: the stores have read
// transactions (so the runner can tell a host's transaction in ctx, which
// the entry must join instead) and ctx carries none.
func (c *Client) detachedAudit(ctx context.Context) bool {
	rt, ok := c.stores.Tx.(txn.ReadTransactor)
	return ok && !rt.InTransaction(ctx)
}

// doRead is do for a read use case: fn runs in a read-only transaction,
// then the call's entry is committed by the group commit before the call
// returns. A failure is audited as do audits it.
func (c *Client) doRead(ctx context.Context, rt txn.ReadTransactor, cl *call, fn func(ctx context.Context, cl *call) error) error {
	var callErr error
	err := c.readSlot(ctx, func() error {
		return rt.InReadTx(ctx, func(ctx context.Context) error {
			callErr = fn(ctx, cl)
			if callErr == nil && !cl.authorized {
				callErr = errNotAuthorized
			}
			return callErr
		})
	})
	if callErr == nil {
		callErr = err // the read transaction itself failed, or ctx was done
	}
	if callErr == nil {
		callErr = c.group.append(ctx, cl.entries(nil))
	}
	if callErr != nil {
		return c.auditFailure(ctx, cl, callErr)
	}
	for _, f := range cl.after {
		f(ctx)
	}
	return nil
}

// readSlot runs fn once fewer than Config.ReadConcurrency reads are in
// their read transactions, in arrival order (a channel's waiters are
// served first come, first served). Bounding the readers keeps the group
// commit's leader from being starved of the CPU by them, and a burst of
// callers from being served in random order by the connection pool.
func (c *Client) readSlot(ctx context.Context, fn func() error) error {
	select {
	case c.readSlots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-c.readSlots }()
	return fn()
}
