package calendar_test

import (
	"fmt"
	"strings"

	"github.com/masarhr/masar-go/calendar"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

func Example() {
	cal := calendar.NewOfficial(nil)
	// The announced Eid al-Fitr holiday of 1446 replaces the computed one.
	if _, err := cal.LoadText(strings.NewReader("year 1446\neid_al_fitr 1446-09-29 1446-10-08\n")); err != nil {
		fmt.Println(err)
		return
	}
	d := hijri.MustNew(1446, 10, 8)
	fmt.Println(d, cal.Holiday(d).Label(i18n.English), cal.IsWorkingDay(d))
	fmt.Println(cal.HolidaysBetween(hijri.MustNew(1446, 9, 20), hijri.MustNew(1446, 10, 20)))
	// Output:
	// 1446-10-08 Eid al-Fitr holiday false
	// 9
}
