// Package idempotencytest is the conformance suite of the idempotency.Store
// contract: Run checks reservations (new, existing, per scope, expired
// ones replaced), completing a record once, look-ups, deleting expired
// records, copies, response bytes kept exactly, cancelled contexts,
// concurrent reservations of one key, and, for a store that is also a
// txn.Transactor, that a rolled-back transaction leaves no record and that
// concurrent transactions with one key see the first one's completed
// response. Every adapter (memstore, sqlstore, a host's own) runs it.
package idempotencytest
