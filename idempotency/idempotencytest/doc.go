// Package idempotencytest is the conformance suite of idempotency.Store:
// every adapter's tests call Run.
package idempotencytest
