// Package ids generates the opaque identifiers the services give aggregates
// (employee files, correction requests, grievances, rounds, consents): 128
// random bits from crypto/rand as 32 lowercase hex digits. Services take an
// Options.NewID to replace it, for example with a deterministic generator in
// tests.
package ids
