// Package leavetest helps test code built on package leave: Run, the
// conformance suite every leave.Store implementation must pass; Fixture, a
// builder of stored leaves, medical reports, extensions and balances whose
// national IDs come from identitytest generators (never real people's);
// and Seha, a full fake of the Ministry of Health's medical-report service
// (a leave.ReportSource).
//
// An adapter's test calls Run with a factory that returns a fresh, empty
// store and registers its own cleanup:
//
//	func TestLeaveStore(t *testing.T) {
//		leavetest.Run(t, func(t *testing.T) leave.Store { return memstore.New(nil) })
//	}
package leavetest
