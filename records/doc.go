// Package records is the employee file of masar-go (بياناتي الوظيفية): the
// person, the current job, qualifications with their documents, the
// effective-dated job history from appointment to end of service, service
// duration, the service statement (بيان خدمة) and correction requests that
// the employee makes and the agency reviews.
//
// The pure rules take their inputs explicitly: ValidateHistory checks the
// history invariants, ServiceDuration (and Rules.ServiceDuration,
// ServiceSince, RankDuration) computes service for a Purpose, BuildStatement
// and VerifyStatement build and check a statement, Redact withholds the
// parts of a file (identity.Part) that a consent does not name. Service
// wires them to a Store, which adapters implement (adapters/memstore; a
// conformance suite is in records/recordstest).
//
// # Paging
//
// ListEmployees and ListCorrections return a page.Page in a fixed order
// (creation time, then ID). A filter's After is the ID of the last item of
// the previous page (page.Page.Next); an After that names no item is an error
// matching ErrNotFound. Limit defaults to page.DefaultLimit and is capped at
// page.MaxLimit.
//
// # History
//
// A history is a list of HistoryEvent. The appointment starts service (its
// date is the actual start, تاريخ المباشرة, CSL art 16); promotions and
// transfers start new job segments, each lasting until the next job event or
// the end of service (JobSegments gives their real end dates); leaves,
// secondments, assignments, training, scholarships, suspensions, absences,
// penalties, referrals to trial, prison time and de facto periods are
// periods; the end of service is the last day of service.
// Every write checks the whole history: no two job segments overlapping, no
// two periods of one kind overlapping, every end on or after its start,
// nothing before the appointment or after the end of service. Violations
// match ErrInvalidHistory and name the conflicting events.
//
// Spells of service: a file may hold several (CSL art 18(c)). An
// appointment after an end of service is a re-appointment: it opens a new
// spell in the same file (one file per national ID), and Spells lists them.
// The days between an end of service and the next appointment are not
// service for any purpose: no event may fall in them, each purpose's
// duration sums the spells, and time in a rank skips the gap. A
// re-appointment never follows an end of service by death, and a second
// appointment while in service is refused. Employee.ServiceEnd is the end of
// the last spell, zero once re-appointed; a statement shows every spell and
// the break between them.
//
// A promotion may be Exceptional (Reg art 54: two ranks up); the promotion
// rules read the mark (no promotion for two years after one, art 55, and no
// exceptional one for three, art 56), from the SDK's own decisions and from
// a host's history entries alike. Three more periods: a referral to trial
// (KindTrialReferral) in a job-related matter or one of honour or trust,
// which bars promotion while it lasts (Reg art 49(c)) and gives its End
// with its Outcome (Acquitted, Convicted or Dropped) once it ended; several
// may overlap, one per case. Prison or detention time not charged to leave
// (KindImprisonment) earns no annual leave (Reg art 135(f)) and counts for
// the other purposes; time charged to leave (Reg art 134) is recorded as
// that leave. A de facto employee period (KindDeFacto), such as work past
// the statutory age without a legal basis, counts as service for no
// purpose (Reg art 222); it is recorded before the end of service, the last
// day actually worked. Their effect on each purpose is in DefaultRules.
//
// # Service duration
//
// Service is counted in days from the appointment up to, but not including,
// the date asked for (or through the last day of service), less the periods
// the purpose excludes: promotion experience (Reg art 48(b)), annual-leave
// accrual (Reg art 135) or total service (configurable: the official list was
// not found). The exclusion rules are data (Rules, DefaultRules). Excluded
// periods are clipped to service and merged so no day is subtracted twice,
// and are returned with their causes. Years, months and days are legal ones
// (Reg art 1: a year is 12 Hijri months, a month 30 days): PeriodBetween
// takes the calendar difference borrowing 30 days, and the net period is the
// gross less the excluded periods, the way a statement shows it.
//
// # Statements
//
// A Statement carries a verification code: an HMAC-SHA256, under the host's
// key (Options.StatementKey), of a canonical encoding of every other field.
// VerifyStatement detects any change. The Service refuses to issue
// statements without a key, and stores what it issues so that
// VerifyStatementCode can show a third party the statement behind a code.
//
// # Errors
//
// Every error the package returns is a *fault.Error (package fault) or
// wraps one, except context errors passed through from the Store. Store
// contract errors match ErrNotFound and ErrConflict; the Service refines them
// (ErrEmployeeNotFound, ErrStaleVersion, ErrDuplicateNationalID,
// ErrCorrectionClosed, ErrCorrectionStale…). Input-shape failures match
// fault.ErrInvalidInput and list every field in Arabic and English. A
// call that returns an error has stored nothing.
//
// # Concurrency
//
// A Service is safe for concurrent use. Writes are optimistic: each input
// names the version it read, and a stale version is a conflict (code
// conflict), never a wait. Approving a correction changes the request and the
// file in one Store call: of two reviewers deciding one request at once,
// exactly one wins and the other gets a conflict.
//
// # Time
//
// Options.Now is read once per operation; instants are stored in UTC with
// microsecond precision. Civil dates (birth, appointment, decisions, event
// dates) are hijri.Date calendar days, never instants. "Today" is the civil
// date in Saudi Arabia (UTC+03:00) unless Options.Location says otherwise.
// Pure rules take asOf explicitly.
package records
