// Package demo is the demonstration world shared by the runnable examples
// (examples/server and examples/portal): a masar.Client on an sqlstore
// Store, the nafathtest fake of Nafath, the httpapitest fake directory, an
// outbox standing in for SMS and email, and a seeded agency with its
// people, all under generated identity numbers (identitytest: never real
// people's).
//
// The demo stands in for the world outside: the civil registry and the
// account directory know the demo people and anyone who registers with a
// generated ID, and SMS codes and email tokens are kept in the Outbox (and
// printed) instead of being sent.
//
// The audit, statement and OTP keys are DEMO KEYS derived from fixed
// strings, so that sessions and statements survive a restart: never do
// this in production, where keys are random secrets kept out of the
// database.
package demo
