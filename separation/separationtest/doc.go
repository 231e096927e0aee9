// Package separationtest helps test code built on package separation: Run,
// the conformance suite every separation.Store implementation must pass,
// and Fixture, a builder of cases and retirement dates whose national IDs
// come from identitytest generators (never real people's).
//
// An adapter's test calls Run with a factory that returns a fresh, empty
// store and registers its own cleanup:
//
//	func TestSeparationStore(t *testing.T) {
//		separationtest.Run(t, func(t *testing.T) separation.Store { return memstore.New(nil) })
//	}
package separationtest
