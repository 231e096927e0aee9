// Package identitytest helps test code that handles identities: generators
// of valid and invalid national IDs, Iqamas, mobiles and emails
// (deterministic per seed); fakes of the identity.Service's ports (Registry,
// Accounts, Employment, SMS, Mail and an Authenticator); and Run, the
// conformance suite of identity.Store, a table of named cases that every
// adapter runs.
//
// Tests must never use real people's numbers: generate them.
package identitytest
