// Package recordstest supports tests of code that uses package records: the
// conformance suite every records.Store adapter must pass (Run), fixture
// builders for realistic employee files and histories (Builder,
// NewEmployee), and a recording Notifier (Notifications).
//
// Identity numbers come from identitytest generators, never from real people.
package recordstest
