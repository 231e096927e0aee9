// Package masar is the facade of masar-go: one Client whose every call names
// its actor, is checked against one authorization table, runs in one
// transaction across the stores and leaves an entry in the audit trail. It
// wires the domain services (records, grievance, promotion, identity) to
// their stores and the host's identity ports; it holds no domain rule and
// imports no adapter.
//
// New takes a Config: Stores, one store per contract and the transactions
// across them (adapters/memstore and adapters/sqlstore implement them all;
// a host's own adapter implements only the contracts it serves, proven by
// their conformance suites and txntest), the audit key, each service's
// Options whole (Records.StatementKey and Identity.OTPKey are required, at
// least MinKeyLen secret bytes like AuditKey), the identity ports (civil
// registry, account directory, SMS, mail, authenticator), and the clock
// (Now, read once per call) and time zone of civil dates (Saudi Arabia's by
// default), which replace the services' own.
//
// # Actors and authorization
//
// Every call that reads or changes someone's data takes an Actor: the
// national ID of the person acting, the roles they act with, the agency they
// act for and the Masar services their agency has given them a permission
// on. The SDK never reads the actor from a context: the host establishes it,
// the identity through CompleteSignIn, the roles and agency from its own
// records.
//
// Permissions is the one authorization table: for each UseCase, the Masar
// service it belongs to, the roles that may perform it and the Scope their
// permit reaches. ScopeSelf reaches
// the actor's own file, requests, grievances and consents; ScopeAgency the
// data of the actor's agency (a file belongs to the agency of its current
// job, a correction request to the agency that reviews it, a grievance to
// the agency it is against, a round to the agency running it), and needs a
// non-empty Actor.Agency; ScopeCommittee the committee-kind grievances of the
// actor's agency; ScopeConsent a person's file part named by a live consent
// that person gave to the actor's agency; ScopeAll every agency (the
// ministry auditor's trail). A call is allowed when any permit of any role
// the actor holds reaches the data; an actor with no roles, or only roles the
// table does not name, is denied everything. A permit marked NotSelf does
// not reach the actor's own data: staff who are also employees of their
// agency never decide on, or write into, their own file or grievance. Nor
// do they run a promotion round they are a candidate of: each candidate
// AddCandidates adds is authorized on their file (so staff cannot add
// themselves), and for an actor who is a candidate of a round every staff
// use case on it (managing, ranking, issuing, closing) is authorized as a
// call on the actor's own data, which NotSelf permits do not reach; reading
// another candidate's standing in it is refused as well. The actor keeps a
// candidate's rights: their own standing and eligibility. The
// domain services may refuse more within what the table allows (the
// grievance state machine's roles per state); their refusals are
// permission_denied too.
//
// A permit marked Eligible also asks the actor to meet the eligibility
// policy of the use case's Masar service (identity.Options.Policies: by
// default a Saudi national with a Nafath account and a permission on the
// service, and for the employee-facing services a civil servant): the
// employee on their own data, and HR staff on the job-data audit (opening
// files, recording history, deciding corrections, importing). A refusal
// matches identity.ErrNotEligible and lists every failed condition; filing a
// grievance hands the decision to the grievance service, which refuses with
// it and the filing window's reasons together.
//
// A grantee reading a file under ScopeConsent (EmployeeFile, with the job
// part) sees the personal data, the history, the qualifications and the
// training and scholarship events only if its consents name those parts as
// well; File.Redacted lists what was withheld. ServiceDuration needs the
// service_duration part and IssueStatement the statement part.
//
// A call outside the table returns an error matching ErrPermissionDenied,
// changes nothing and is audited as denied. The check comes before anything
// is disclosed: an outsider asking for a file, or creating one, is denied
// whether or not the person has a file.
//
// The public flows (StartRegistration, VerifyMobile, ResendOTP,
// ConfirmEmail, StartSignIn, CompleteSignIn and VerifyStatement) are made
// before anyone is signed in: they are outside the table and audited under
// the identity they concern. SignInStatus, which a page polls, is not
// audited. SweepGrievances is the host's scheduled job, run under the system
// actor.
//
// # Audit
//
// Every call of an Actor, reads included, appends one audit.Entry: the actor
// (with the roles and the agency they acted with), the action (the
// UseCase), the subject when the call is about one person, the agency that
// owns the data, the resource (a file, a correction request, a grievance's
// tracking number, a round, a statement's ID), the time, the outcome
// (succeeded, denied or failed, with the error code) and, for a write, its
// field-level changes: every corrected field's old and new value with the
// request's status, a grievance's status, each promoted employee's rank and
// step.
//
// A person appears in the trail only as an audit.Ref, the HMAC-SHA256 of the
// national ID under Config.AuditKey, and masked ("1*******45"); no entry
// holds a national ID in clear, nor a statement's verification code. A
// ministry auditor reads the trail with AuditTrail, by subject, actor,
// agency, action and period, oldest first, a page at a time; the query is
// itself audited.
//
// # Transactions
//
// Each call runs in one Stores.Tx.InTx: what the domain services read and write
// and the call's audit entry are committed together, or not at all. If the
// entry cannot be written the call fails and its change is rolled back; an
// approved correction, say, stays pending. IssuePromotions records every
// winner's promotion in their file in the same transaction as the
// decisions.
//
// # Domain events and the pension handover
//
// A change other services must hear of (a correction decided, a grievance
// filed, answered or deemed rejected, a promotion issued, a leave approved,
// a service ended: the Event… kinds) is written to Stores.Outbox in the
// call's transaction, as is an ended case's package for the pension agency:
// they exist if and only if the call commits. RunOutbox (or DrainOutbox,
// from a scheduled job) delivers them after the commit, at least once, in
// commit order per aggregate, with retries and backoff: events to
// Config.Events and then to the records Notifier, which so hears of a
// correction decision only once it has committed, and never of one rolled
// back; packages to Config.Pension, which recognises one it holds by its
// ID, so that a case is handed over once however often it is retried.
// PendingHandovers and ReplayHandover let the host inspect and redeliver.
//
// Concurrent changes of one aggregate (an employee file, a correction
// request, a grievance, a round) are optimistic: each carries a version, an
// action names the version the actor saw, and of two actors deciding at once
// exactly one wins and the other gets a conflict.
//
// A denied or failed call changes nothing; its audit entry is appended on
// its own after the rollback (if that fails too, both errors are returned
// and Config.Logger is told). The one exception is a public flow's own
// bookkeeping, committed with its failed entry: a wrong mobile code is
// counted although the call fails, so that guessing locks the confirmation.
// (Should the audit entry itself fail to be written, the attempt is not
// counted, and the caller gets an error that says nothing of the code.)
// SweepGrievances runs in one transaction and appends one entry per
// grievance it deems rejected, with the filer as subject; SweepSeparations
// likewise, one entry per case it moves.
//
// # Errors
//
// A filing refused for several reasons (not eligible under the grievance
// policy, and past the filing window) lists every one in one error.
//
// Every error is an *Error (package fault's type): a Code (invalid,
// not_found, conflict, failed_precondition, permission_denied,
// unauthenticated, unavailable, internal), a stable machine-readable Reason
// and a Message in Arabic and English. errors.Is matches the code-level
// sentinels (ErrPermissionDenied, ErrConflict …) for every error of that
// code, and the domain packages' own sentinels (records.ErrStaleVersion,
// identity.ErrOTPLocked …). ErrorCode, ErrorReason, ErrorMessage and
// FieldMessages read them; a refusal for several reasons (an eligibility
// check, invalid input) lists each in its Fields. An error that is not a
// masar-go error, such as a Store's own failure, has code internal and a
// generic message.
package masar
