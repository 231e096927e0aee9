// Package identitytest helps test code that handles identities: generators
// of valid and invalid national IDs and Iqamas (deterministic per seed), and,
// as the identity package grows, its Store conformance suite and fakes.
//
// Tests must never use real people's numbers: generate them.
package identitytest
