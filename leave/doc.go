// Package leave is the leave capability: the kinds of Reg 126 with their
// limits and their effect on each service-duration purpose, the annual-leave
// ledger and its balance statement, requests and decisions, deferral and
// recall, sick leave and its pay tranches, medical reports, and the year-end
// accrual (SERVICES.md §2 and §6; DOMAIN.md §5). The rules are pure
// functions; Service runs the use cases over a Store (memstore, sqlstore;
// leavetest.Run checks any other) and writes approved leaves into the
// records history through a records.Service.
//
// # Use cases
//
//   - Request: an employee asks for a leave; every rule is checked at once,
//     the requests still pending holding their days. Sick and companion
//     leaves come only from medical reports.
//   - Approve, Reject (with a reason), Cancel (a request, or an approved
//     leave not begun): an approved leave becomes a records history event
//     of its kind (KindLeave) in the same transaction, so service duration,
//     promotion and the ledger read it; the rules are checked again on
//     approval against the history as it is then.
//   - Defer (Reg 131(c), at most DeferralMax days after the start first
//     approved, annual leave not begun) and Recall (Reg 159, an annual leave
//     in progress that has run RecallMinDays days; the days not used return
//     to the balance); Extend (Reg 131(a): a service year's balance usable
//     ExtraYears longer, approved before it expires).
//   - Statement: the balance of every service year as of any date,
//     computed from the history alone (reproducible for a past date).
//   - Receive and Sync: medical reports from a ReportSource (Seha; the fake
//     is leavetest.Seha), verified (Reg 145 certifiers over 30 days, the
//     attestation of a report from abroad), matched to the patient's file, or
//     the companion's for a companion leave, turned into an approved leave,
//     idempotent on the report number; a refused report is kept with every
//     reason. A companion leave is charged to the companion's annual balance,
//     then to their ordinary sick quota (CompanionToSick).
//   - Pay: the day-by-day pay fraction of a sick leave for payroll, counted
//     with the earlier sick leaves of its category, exhaustion flagged for
//     the medical authority (Reg 141(e)).
//   - Accrue: the year-end batch storing every in-service file's balance,
//     a batch of files at a time through records.FileScanner.
//
// # Rules and their defaults
//
// Every value marked [INF] or [NF] in SERVICES.md is configuration in Rules
// (DefaultRules), SickRules (DefaultSickRules) or KindRule
// (DefaultKindRules):
//
//   - Rules.DaysPerYear 36 (Reg 130); ExpiryYears 3 and ExtraYears 1 (Reg
//     131(a)); MinPeriod 5 and ShortPeriodsMax 10 (Reg 131(b)); Cap 108,
//     RaisedCap 144, RaisedAfterYears 25, RaisedAtAge 50 (Reg 132), the cap
//     counted per service year [INF]; DeferralMax 90 (Reg 131(c));
//     RecallMinDays 5 (Reg 159); pro-rata accrual by counted days [NF].
//   - SickRules: ordinary 180/180/360 days at 1, ½, ¼ pay within 4 years;
//     serious 360/180/180 within 4 years; work injury 540 full then 540 half;
//     dialysis 60 days a year outside the quotas (Reg 141); month = 30 days
//     (Reg 1); fixed window from the first sick day [INF].
//   - KindRule: see DefaultKindRules (windows rolling [INF]).
//
// Kinds are records.LeaveType, so a granted leave is a records history event
// of the same kind; Counts reads the records exclusion rules to say whether a
// kind counts for a purpose. Holidays come from calendar.Official, the one
// calendar grievance deadlines also use.
//
// # Errors
//
// ErrRefused lists every reason in Fields (leave.overlap, leave.beyond_balance,
// leave.beyond_cap, leave.short_periods, leave.kind_max_days,
// leave.kind_window, leave.kind_career, leave.emergency_with_balance);
// ErrUnknownKind, ErrUnknownCategory and ErrInvalidPeriod are invalid input.
//
// Requests, decisions and reports fail with the sentinels of service.go
// (ErrNotRequestable, ErrNotInService, ErrInPast, ErrWrongStatus,
// ErrDeferral, ErrRecall, ErrExtension, ErrNotSick), fault.ErrInvalidInput
// for malformed input, and ErrNotFound / ErrConflict from the Store (a stale
// version is ErrConflict).
//
// # Concurrency
//
// A Service is safe for concurrent use. Every write runs in one transaction
// of the Store when it has them (InTx), joining the caller's. Approvals,
// deferrals and recalls write the employee file's history, a compare-and-
// swap on the file's version, so two decisions on one file never both pass
// their checks against the same history: one wins and the other fails with
// a conflict. Two requests made at the same instant may both be pending;
// only one can be approved if they overlap.
//
// # Time
//
// Every rule takes its dates (asOf) explicitly: civil Hijri dates, never
// instants.
package leave
