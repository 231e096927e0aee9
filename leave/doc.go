// Package leave is the leave capability's rules: the kinds of Reg 126 with
// their limits and their effect on each service-duration purpose, the
// annual-leave ledger, request checks that list every reason, and sick-leave
// pay tranches (SERVICES.md §2 and §6; DOMAIN.md §5). It is pure.
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
// # Time
//
// Every rule takes its dates (asOf) explicitly: civil Hijri dates, never
// instants.
package leave
