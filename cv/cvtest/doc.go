// Package cvtest is the conformance suite of cv.Store (Run) and the
// fixtures of its tests (Fixture). Run it against every adapter:
//
//	func TestCVStore(t *testing.T) {
//		cvtest.Run(t, func(t *testing.T) cv.Store { return memstore.New(nil) })
//	}
package cvtest
