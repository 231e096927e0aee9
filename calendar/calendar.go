package calendar

import (
	"time"

	"github.com/masarhr/masar-go/hijri"
)

// Calendar says which civil days are official working days. Implementations
// must be safe for concurrent use and must not block.
type Calendar interface {
	IsWorkingDay(d hijri.Date) bool
}

// Func adapts a function to the Calendar interface.
type Func func(d hijri.Date) bool

// IsWorkingDay calls f(d).
func (f Func) IsWorkingDay(d hijri.Date) bool { return f(d) }

// Weekend returns the calendar whose working days are every day except
// Fridays and Saturdays, the Saudi government weekend since 2013. It knows
// no holidays (Official does).
func Weekend() Calendar { return Func(IsWeekday) }

// IsWeekday reports whether d is not a Friday or a Saturday.
func IsWeekday(d hijri.Date) bool {
	w := d.Weekday()
	return w != time.Friday && w != time.Saturday
}

// Holidays returns a calendar whose working days are base's working days
// except the given dates. A nil base means Weekend. The dates are copied.
func Holidays(base Calendar, days ...hijri.Date) Calendar {
	if base == nil {
		base = Weekend()
	}
	off := make(map[hijri.Date]struct{}, len(days))
	for _, d := range days {
		off[d] = struct{}{}
	}
	return Func(func(d hijri.Date) bool {
		if _, ok := off[d]; ok {
			return false
		}
		return base.IsWorkingDay(d)
	})
}
