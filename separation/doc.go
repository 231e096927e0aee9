// Package separation is end of service (Bayan, بيان): a case for each cause
// of CSL art 30 / Reg 210–234 with its own rules and timers, the statutory
// retirement date of every employee under the pension regime that applies
// to them and the forecast, the leave cash-out (Reg 133), the
// pensionable-service statement and the handover package for the pension
// agency (SERVICES.md §1; DOMAIN.md §5). The rules are pure functions
// (Rules, RetirementFor, Settle); Service runs the use cases over a Store
// (memstore, sqlstore; separationtest.Run checks any other) and writes the
// end of service into the records history through a records.Service.
//
// Marks as in SERVICES.md: [S1 primary] one primary legal text; [C2] two
// or more sources; [INF] inferred; [NF] searched, not found. Every [INF] or
// [NF] value is configuration, named below with its default.
//
// # Causes
//
// Each cause's opener, grounds and last day ([S1 primary] unless marked):
//
//   - resignation (Reg 211–217): the employee opens it; the filing day is
//     the day of receipt (Reg 214). Accepted by HR: LastDay is the later
//     of the date asked for and the decision day, or the postponed date.
//     With no decision, it is deemed accepted Rules.ResignationDeemedDays
//     (30) days after filing (Reg 213): LastDay is the later of the date
//     asked for and that day, or the postponed date (Sweep). HR may
//     postpone it before that day for the needs of work, to at most
//     Rules.PostponementMaxDays (60) days after the date stated, or after
//     filing when none was (Reg 215). Barred while the employee is
//     suspended or referred to trial (an open records.KindSuspension or
//     KindTrialReferral; Reg 216); a barred resignation is not deemed
//     accepted: HR rejects it [INF]. The employee may withdraw it before
//     LastDay, once accepted only with the minister's approval (Reg 217).
//   - early_retirement (Reg 219): the employee opens it with
//     Rules.EarlyRetirementYears (20) legal years of total service
//     (records.PurposeTotal, a year = 12 Hijri months, Reg 1) through the
//     leaving day; Rules.SeniorRanks (14, 15) need more than
//     Rules.SeniorEarlyRetirementYears (25) and the minister's approval
//     (AcceptInput.Approval). Same bars and withdrawal as a resignation.
//     No deemed acceptance.
//   - statutory_age (Reg 220): by force of law on the retirement's LastDay
//     (the day before the age is completed [INF], or the extension's last
//     day). Sweep opens and ends it for the stored retirements due; HR may
//     open it early (it is then ended on its day). Extension: at most
//     Rules.MaxExtensionYears (5) Hijri years [INF: the calendar] beyond the
//     statutory last day, on the minister's decision (Reg 104, 105).
//   - medical_incapacity (Reg 224): HR opens it on the General Medical
//     Authority's decision (Grounds.On); service ends on the day the agency
//     is notified (Grounds.NotifiedOn), within Rules.MedicalNotifyDays (30)
//     days of the decision. A case not notified by then ends on the 30th
//     day (Sweep) [INF].
//   - transfer_not_executed (Reg 210(f), 226(a)): HR may open it only once
//     Rules.TransferExcuseDays (15) days from the notification (Grounds.On)
//     have passed; discretionary: accept or reject.
//   - absence (Reg 226, 227): the records.KindAbsence days in the Hijri
//     year before filing hold Rules.AbsenceConsecutiveDays (15)
//     consecutive or Rules.AbsenceSeparateDays (30) days in all; HR may
//     accept only once Rules.AbsenceExcuseDays (15) days from the first day
//     of absence (Grounds.On) have passed (ErrExcuseWindow); an accepted
//     excuse is a rejection. The absence not resuming after leave,
//     training or secondment is recorded as absence [INF].
//   - disciplinary_dismissal (Reg 228, 230): by force of law on a final
//     judgment (Grounds.On, Reference): LastDay is the judgment day, or the
//     day before the suspension open on it. The suspension and a referral to
//     trial starting after LastDay are removed from the history, being
//     outside service [INF].
//   - royal_order (Reg 231), nationality_loss (Reg 223): by force of law,
//     LastDay = Grounds.On. Where the pension deductions go (Revoked) is the
//     pension agency's matter.
//   - unsatisfactory_ratings (Reg 233): three consecutive rating years and
//     no grievance accepted; HR accepts.
//   - death (Reg 234): HR opens it on the death certificate (Reference);
//     the day of death is the last day; accepted and ended at once.
//
// Who may open a case is Openers; the facade checks the actor's
// permissions on top of it. Missing person, unfitness in posts exempt from
// competition and job abolition have no procedure in the sources [NF] and
// no cause here.
//
// # Workflow
//
// The states and the steps are the SDK's design (the approval chains on
// Masar are [NF]): Submitted → (Postponed) → Accepted → Ended, or
// Withdrawn / Rejected. A cause by force of law is Accepted as it is
// opened. An Accepted case is ended on its LastDay by Sweep, or at once
// when LastDay is not after today. Ending a case is one transaction:
// periods still open on LastDay are closed on it (a referral to trial
// with the outcome Dropped [INF]), the records.KindEndOfService event is
// added (Start = LastDay, EndReason from Cause.EndReason), the settlement
// computed and the case stored Ended with its EventID and EndedAt. The
// facade appends its outbox messages in the same transaction.
//
// # Retirement age (SERVICES.md §1.2)
//
// RetirementFor, with RetirementRules (DefaultRetirementRules):
//
//   - the birth date as Reg 36 reads it: a missing day or month gives 1
//     Rajab of the year (MissingMonth 7, MissingDay 1) [S1 primary];
//     ParseBirthDate reads "1400", "1400-07", "1400-07-15";
//   - RegimeSIL, SILAge 65 Gregorian years (SIL 16) for a person with no
//     prior contribution periods [S1 primary]; whether Reg 220's age
//     becomes 65 for them has no text [NF]: the SDK applies 65;
//   - RegimeLegacy, LegacyAge 60 Hijri years [C2], for prior contributors
//     with LegacyMonths (240) uncompensated months or more, or
//     LegacyHijriYears (50) Hijri years of age or more, or
//     LegacyGregorianMonths (582 = 48y6m, "48.5 Gregorian counts as 50
//     Hijri") at Reference (3 Jul 2024, SIL 63) (Decree II, IV, V);
//   - RegimeTransition for other prior contributors, by the completed
//     Gregorian years A at Reference: A < 29 → 65y0m; 29 ≤ A < 48 → 64y8m
//     − 4 months × (A − 29); 48 ≤ A < 48y6m → 58y4m (Decree V).
//
// Hijri ages are added to the Hijri birth date (a 30th in a 29-day month
// becomes the 29th); Gregorian ones to its Gregorian date (29 Feb becomes
// 28 Feb in a common year) and converted back. The calendar of the
// month counts is [INF]: PriorMonthsFromHistory counts the total service
// before Reference, real days ÷ 30, all of it uncompensated [INF]; the
// status of first registrations between 3 Jul 2024 and 1 Jul 2025 is [NF]
// (such a person has no prior periods: RegimeSIL).
//
// # Settlement (Reg 133)
//
// Settle, with SettlementRules (DefaultSettlementRules): at the last basic
// salary, daily rate = salary ÷ 30; the full balance on death or medical
// incapacity (FullBalanceCauses); otherwise at most Cap (72) days of the
// balance since Cutoff (1439-07-03, the day CoM 350 took effect [INF])
// plus the grandfathered balance, TotalCap (180) in all. The balance comes
// from Options.Balances (the leave ledger) unless the case's Entitlements
// give it (or no ledger is configured: a balance not given is 0); the
// salary from the Entitlements, else from Options.Scale by the job's rank
// and step (promotion.GeneralScale by default; zero when the scale lacks
// them). A Labor-Law gratuity has no civil-service article [NF].
//
// # Errors
//
// ErrRefused lists every reason in Fields (separation.requested_before_filed,
// on_required, on_in_future, on_before_service, reference_required,
// service_short, no_service, no_retirement, notification_late,
// notification_required, absence_short, ratings_not_consecutive,
// grievance_accepted). The use cases also fail with ErrUnknownCause,
// ErrNotPermitted, ErrWrongState, ErrBarred, ErrNotInService,
// ErrPostponement, ErrExcuseWindow, ErrApprovalRequired, ErrExtension,
// ErrNotEnded, ErrRetirement, ErrBirthDate, ErrSettlement,
// fault.ErrInvalidInput for malformed input, the records errors of the
// history (records.ErrInvalidHistory, records.ErrEmployeeNotFound), and
// ErrNotFound / ErrConflict / ErrCaseOpen / ErrCursorNotFound from the Store
// (a stale version is ErrConflict).
//
// # Concurrency
//
// A Service is safe for concurrent use. Every write runs in one transaction
// of the Store when it has them (InTx), joining the caller's; a step
// compares the case's version, and ending a case writes the file's
// history, a compare-and-swap on the file's version, so two steps on one
// case never both pass. The Store keeps at most one open case per
// employee (ErrCaseOpen). Sweep moves each case in its own transaction and
// re-reads it there, so concurrent sweeps end a case once.
//
// # Time
//
// Every rule takes its dates explicitly: civil Hijri dates, never
// instants. The Service reads its clock once per operation (Options.Now)
// and takes "today" in Options.Location (Saudi time by default). The SIL
// reference date is a Gregorian civil date.
package separation
