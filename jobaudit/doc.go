// Package jobaudit is the audit of job data and job variables (تدقيق بيانات
// ومتغيرات الوظائف) and the documentation of qualifications (توثيق المؤهل):
// job variables entered by a maker and verified by a checker (four eyes),
// the data-quality audit of an agency's files, and the employee's request to
// document a qualification.
//
// Little of these services is public (SERVICES.md §3, §4): the workflows
// below are this SDK's design, marked [INF], with their parameters as
// configuration (Rules, Policy).
//
// # Job variables
//
// A Variable is a pending change to an employee's job data: the history
// events it adds (appointment, promotion, transfer, assignment,
// secondment, leave, suspension, penalty, end of service …), the decision
// behind them (a number is required) and its documents. [INF] States:
//
//	draft → submitted → returned → submitted …
//	                  → approved → applied   (in one call)
//	                  → rejected
//
// Every transition is recorded in Transitions (from, to, by, at, note).
//
//   - The maker drafts, edits (draft or returned) and submits; only the
//     maker does (ErrNotMaker), and the maker is never the employee
//     (ErrFourEyes). [INF]
//   - The checker approves, returns (notes required) or rejects (a reason
//     required), and is never the maker nor the employee (ErrFourEyes).
//     [INF]
//   - Submit and Approve run the rules (CheckVariable), every reason in one
//     ErrRefused: the history invariants over the file's history and the
//     new events (records.ValidateHistory); the classification and scale
//     (rank 1–15, the step within the scale's steps for the rank,
//     promotion.Scale); no date before the birth date; an appointment's
//     start at age Rules.MinimumAge or more (default 18: CSL art 4(b) as
//     amended by Royal Decree M/95 of 1439H) [F]; no event before the first
//     appointment but an appointment; at least one document when
//     Rules.DocumentsRequired (default true) [INF].
//   - Approve adds the events to the file through
//     records.Service.AddHistoryEvents and stores the variable applied, in
//     one transaction: if the history write fails, nothing changes.
//   - Whether a checker is required is Rules.Policy, per agency and per
//     event kind (Policy.Requires). [INF] Default: not required, so direct
//     entry keeps working: Submit then applies the variable at once (Direct).
//
// # Data-quality audit
//
// Check is pure: the findings on one file, each with a stable code, a
// bilingual message, the field and the event: a step not on the scale
// (FindingStepOffScale), a rank other than the last promotion's
// (FindingRankInconsistent), a history breaking an invariant
// (FindingHistoryInvalid), an appointment under the minimum age
// (FindingUnderAge), a decision number without a date
// (FindingDecisionUndated: [INF] history events carry no documents, so an
// undated decision is what "missing documents behind a decision" is read
// as), a qualification not documented (FindingQualificationUndocumented),
// an agency other than the last appointment's or transfer's
// (FindingAgencyMismatch). Audit runs Check over an agency's files in ID
// order, a page at a time, resumable by its cursor; with Options.Files (a
// records.FileScanner) it reads files and histories in batches.
//
// # Qualification documentation
//
// An employee submits a qualification with its documents (required) and,
// for a foreign degree (Country other than "SA"), its equivalency
// (required) [INF]. The agency documents it, writing it into the file
// with records.Qualification.Documentation set (one transaction), or
// rejects it with a reason. No one documents their own (ErrFourEyes).
// Qualifications HR entered directly have no Documentation and count as
// documented (records.Qualification.IsDocumented), so promotion's rules
// see the files they saw before. Reg 29: a qualification above the job's
// requirement does not count for appointment; documenting records it, the
// appointment rules decide what it counts for.
//
// # Errors
//
// Errors are fault errors with bilingual messages: fault.ErrInvalidInput
// for malformed input; ErrNotFound, ErrConflict (stale version) and
// ErrCursorNotFound from the Store; ErrFourEyes, ErrNotMaker,
// ErrWrongState, ErrNotesRequired, ErrDocumentsRequired,
// ErrEquivalencyRequired and ErrRefused (Fields lists every reason) from
// the rules; records' errors from the file writes.
//
// # Concurrency
//
// A Service is safe for concurrent use. Every change is a compare-and-swap
// on the aggregate's Version (the caller passes the version it read); an
// approval or a documentation also swaps the file's version, in the
// Store's transaction when it has them (memstore and sqlstore do).
//
// # Time
//
// The clock (Options.Now) is read once per operation; instants are UTC at
// microsecond precision; civil dates are Hijri, "today" in
// Options.Location (default hijri.SaudiTime()).
package jobaudit
