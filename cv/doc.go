// Package cv is the employee's curriculum vitae (السيرة الذاتية): assembled
// read-only from the employee file (person, current job, job history,
// documented qualifications, training and scholarships, ratings when the
// host supplies them) plus the sections the employee owns and writes
// (Profile: summary, skills, languages, experience outside government,
// certificates), versioned; rendered as text (RenderText), print-ready
// HTML (RenderHTML, Arabic right to left and English) and JSON (the CV
// type's own); shared with an agency through a consent grant (Build with
// the consent's parts) or by a verification code with an expiry (Share,
// OpenShared, Revoke). Service runs the use cases over a Store (memstore,
// sqlstore; cvtest.Run checks any other) and reads files through a
// records.Service.
//
// Marks as in SERVICES.md: [S1 primary] one primary legal text; [C2] two
// or more sources; [INF] inferred; [NF] searched, not found. A Masar CV
// description is [NF] (SERVICES.md §4): everything here is the SDK's
// design [INF], following the suggestion there (render read-only from the
// file; nothing a consent does not cover). Reg 29 (a qualification above
// the job's requirement does not count for appointment) is not applied: a
// CV lists qualifications, it does not appoint.
//
// # Parts
//
// A CV shows only what its parts (identity.Part) cover [INF]:
//
//   - identity.PartPersonal: name, national ID, birth date, gender,
//     nationality, mobile and email; and the employee's own sections
//     (Profile). No Part is added for the latter, which would change
//     identity's consents: a grantee with the personal part sees them.
//   - identity.PartJob: the current job.
//   - identity.PartHistory: the job segments (appointment, promotion,
//     transfer) and the ratings.
//   - identity.PartQualifications: the qualifications Options.Documented
//     accepts (default: all; the job-data audit's documentation state will
//     filter here), without their attachments.
//   - identity.PartTraining: training and scholarship periods.
//
// Leave, penalties, suspensions and the other periods of the history are
// never shown. The facade passes every part to the employee and HR, and a
// consent's parts to its grantee; BuildWith's Authorize hook sees the
// file, read once, and returns the parts the reader may see.
//
// # Versions
//
// Every SaveProfile stores a new version (1, 2, …), a compare-and-swap on
// the version it is based on; every version is kept (ProfileVersion,
// Versions).
//
// # Sharing by code
//
// Share returns a random code of 80 bits in the service statement's form
// (ABCD-EFGH-IJKL-MNOP; NormalizeCode reads what a person types) and stores
// only its HMAC-SHA256 under Options.ShareKey (required, at least
// MinShareKeyLen bytes). The share is pinned to the current profile
// version; OpenShared shows the file as it is when opened and that profile
// version [INF], until ExpiresAt: Options.ShareLifetime (default 30 days)
// or the lifetime asked for, at most Options.MaxShareLifetime (default 180
// days) [INF]. Revoke ends it at once.
//
// # Errors
//
// The use cases fail with fault.ErrInvalidInput for malformed input,
// ErrUnknownPart, ErrLifetime, ErrShareNotFound, ErrShareExpired,
// ErrShareRevoked, ErrShareKeyMissing (from New), records.ErrEmployeeNotFound,
// what an Authorize hook returns, and ErrNotFound / ErrConflict /
// ErrCursorNotFound from the Store (a stale version is ErrConflict).
//
// # Concurrency
//
// A Service is safe for concurrent use. A profile save and a revocation are
// compare-and-swaps in the Store: of two writers on one version one wins,
// the other gets ErrConflict.
//
// # Time
//
// The Service reads its clock once per operation (Options.Now); instants
// are UTC at microsecond precision; a CV's GeneratedOn is the civil Hijri
// date in Options.Location (Saudi time by default). A share has expired
// from the instant ExpiresAt on.
package cv
