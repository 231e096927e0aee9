// Package httpapitest holds the fakes of adapters/httpapi's host ports:
// Directory, the agency directory that says who a signed-in person acts as.
package httpapitest
