package grievance

import (
	"github.com/masarhr/masar-go/calendar"
	"github.com/masarhr/masar-go/hijri"
)

// Calendar says which civil days are official working days. Deadlines that
// end on a non-working day extend to the next working day (DOMAIN.md §6.3).
// It is calendar.Calendar, the one calendar every service shares: pass a
// *calendar.Official to know the Eid and national holidays (Reg 127, 128,
// 160). Implementations must be safe for concurrent use and must not block.
type Calendar = calendar.Calendar

// CalendarFunc adapts a function to the Calendar interface (calendar.Func).
type CalendarFunc = calendar.Func

// DefaultCalendar returns the default working-day calendar: every day is a
// working day except Fridays and Saturdays, the Saudi government weekend
// since 2013 (calendar.Weekend). It knows no holidays: hosts pass a
// calendar.Official, which knows the Eid al-Fitr and Eid al-Adha holidays and
// the national and founding days and loads the announced dates of each year,
// or add dates with Holidays.
func DefaultCalendar() Calendar { return calendar.Weekend() }

// Holidays returns a calendar whose working days are base's working days
// except the given dates (calendar.Holidays). A nil base means
// DefaultCalendar. The dates are copied.
func Holidays(base Calendar, days ...hijri.Date) Calendar { return calendar.Holidays(base, days...) }

// maxExtension bounds the search for the next working day.
const maxExtension = 366

// Term is a legal period: Years Hijri years, then Days calendar days. A
// year here is a calendar year of 12 Hijri months (Reg art 1): adding it
// keeps the day of the month, clamped to the end of a shorter month. It is
// not hijri.Period, whose years are 360 legal days for measuring service.
// Express months as Days, 30 per month (Reg art 1).
type Term struct {
	Years int `json:"years,omitempty"`
	Days  int `json:"days,omitempty"`
}

// Days returns a Term of n calendar days.
func Days(n int) Term { return Term{Days: n} }

// Years returns a Term of n Hijri years.
func Years(n int) Term { return Term{Years: n} }

// IsZero reports whether t is the zero Term (no period configured).
func (t Term) IsZero() bool { return t == Term{} }

// String returns t as "60d", "10y" or "1y 15d".
func (t Term) String() string {
	switch {
	case t.Years == 0:
		return itoa(t.Days) + "d"
	case t.Days == 0:
		return itoa(t.Years) + "y"
	}
	return itoa(t.Years) + "y " + itoa(t.Days) + "d"
}

// End returns the last day of the term that a trigger on the given day
// starts, under DOMAIN.md §6.3: counting starts the day after the trigger,
// so the last day of a term of n days is trigger + n days and the last day
// of n years is the same day of the month n Hijri years later (clamped to
// the month's end); a last day that is not a working day of cal moves to the
// next working day. A nil cal means DefaultCalendar.
//
// Errors: hijri.ErrInvalidDate for an invalid trigger, hijri.ErrOutOfRange
// when the result leaves the Umm al-Qura table, ErrNoWorkingDay when cal has
// no working day within a year after the end.
func (t Term) End(trigger hijri.Date, cal Calendar) (hijri.Date, error) {
	if !trigger.IsValid() {
		return hijri.Date{}, hijri.ErrInvalidDate
	}
	d := trigger
	if t.Years != 0 {
		var err error
		if d, err = AddYears(d, t.Years); err != nil {
			return hijri.Date{}, err
		}
	}
	d, err := d.AddDays(t.Days)
	if err != nil {
		return hijri.Date{}, err
	}
	return NextWorkingDay(d, cal)
}

// Deadline returns the last day of a period of days calendar days that a
// trigger on the given day starts: Days(days).End(trigger, cal). For
// example, a decision learnt of on 1446-08-29 (Friday 2025-02-28) with 60
// days to file gives 1446-11-01 (Tuesday 2025-04-29): Shaban 1446 has 29
// days, Ramadan 29 and Shawwal 30.
func Deadline(trigger hijri.Date, days int, cal Calendar) (hijri.Date, error) {
	return Days(days).End(trigger, cal)
}

// NextWorkingDay returns d if it is a working day of cal, else the first
// working day after it. A nil cal means DefaultCalendar.
func NextWorkingDay(d hijri.Date, cal Calendar) (hijri.Date, error) {
	if cal == nil {
		cal = DefaultCalendar()
	}
	for range maxExtension {
		if cal.IsWorkingDay(d) {
			return d, nil
		}
		var err error
		if d, err = d.AddDays(1); err != nil {
			return hijri.Date{}, err
		}
	}
	return hijri.Date{}, ErrNoWorkingDay
}

// AddYears returns d moved by n Hijri years (n may be negative), keeping the
// month and the day of the month; a 30th that does not exist in the target
// month (of 29 days) becomes the 29th.
//
// Errors: hijri.ErrInvalidDate for an invalid d, hijri.ErrOutOfRange when
// the result leaves the table.
func AddYears(d hijri.Date, n int) (hijri.Date, error) {
	if !d.IsValid() {
		return hijri.Date{}, hijri.ErrInvalidDate
	}
	y := d.Year + n
	if y < hijri.MinYear || y > hijri.MaxYear {
		return hijri.Date{}, hijri.ErrOutOfRange
	}
	day := min(d.Day, hijri.DaysInMonth(y, d.Month))
	return hijri.New(y, int(d.Month), day)
}

// WindowOpen reports whether a period of term that a trigger on the given
// day starts is still open on asOf (a civil date in the agency's time zone),
// and returns its last day. A trigger after asOf is not open: the period has
// not started and the trigger date is wrong. Errors are those of Term.End.
func WindowOpen(trigger hijri.Date, term Term, asOf hijri.Date, cal Calendar) (open bool, last hijri.Date, err error) {
	last, err = term.End(trigger, cal)
	if err != nil {
		return false, hijri.Date{}, err
	}
	return !asOf.Before(trigger) && !asOf.After(last), last, nil
}
