// Package grievancetest helps test code built on package grievance: Run, the
// conformance suite every grievance.Store implementation must pass, and
// Fixture, a builder of valid filing commands and stored grievances whose
// national IDs come from identitytest generators (never real people's).
//
// An adapter's test calls Run with a factory that returns a fresh, empty
// store and registers its own cleanup:
//
//	func TestGrievanceStore(t *testing.T) {
//		grievancetest.Run(t, func(t *testing.T) grievance.Store { return memstore.New(nil) })
//	}
package grievancetest
