// Package audittest is the conformance suite of the audit.Store contract:
// Run checks append-only behaviour, duplicate IDs, every filter, the trail's
// order, keyset paging and unknown cursors, limits, copies, concurrent appends and cancelled
// contexts. Every adapter (memstore, sqlstore, a host's own) runs it.
package audittest
