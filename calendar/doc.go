// Package calendar is the official calendar of Saudi government working days
// and holidays, shared by every service that counts days: grievance
// deadlines extend to the next working day, and holidays inside an annual
// leave are not counted as leave.
//
// # Rules
//
// Official implements the Implementing Regulation for HR (SERVICES.md §6):
//
//   - The weekend is Friday and Saturday (the government week since 2013).
//   - Eid al-Fitr: 25 Ramadan to 5 Shawwal; Eid al-Adha: 5 to 15 Dhu
//     al-Hijjah (Reg 127) [S1 primary].
//   - National Day, 23 September, and Founding Day, 22 February (Reg 128):
//     when the day falls on a Saturday the holiday is the Sunday after, on a
//     Friday the Thursday before [S1 primary].
//   - One working day between two holidays (or a holiday and the weekend) is
//     a holiday (Reg 160) [S1 primary].
//
// The Eid dates follow the Umm al-Qura table by default, but the official
// dates are announced each year: a host loads them for a Hijri year with
// Official.Load (or LoadText, see ParseYear for the format), and the loaded
// list then replaces the computed Eid and national days of that year. The
// default rules are configuration (Rules, DefaultRules), each named there
// with its default.
//
// # Concurrency
//
// Every Calendar in this package is safe for concurrent use; Official may
// be loaded while it is read.
package calendar
