// Package jobaudittest is the conformance suite of jobaudit.Store (Run)
// and the fixtures other teams' tests build job variables and
// qualification requests with (Fixture).
package jobaudittest
