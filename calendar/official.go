package calendar

import (
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

// HolidayKind is why a day is an official holiday.
type HolidayKind string

// The holiday kinds. NoHoliday is the zero value: a working day or a weekend day.
const (
	NoHoliday   HolidayKind = ""
	EidAlFitr   HolidayKind = "eid_al_fitr"  // إجازة عيد الفطر (Reg 127)
	EidAlAdha   HolidayKind = "eid_al_adha"  // إجازة عيد الأضحى (Reg 127)
	NationalDay HolidayKind = "national_day" // اليوم الوطني (Reg 128)
	FoundingDay HolidayKind = "founding_day" // يوم التأسيس (Reg 128)
	Bridge      HolidayKind = "bridge"       // يوم عمل واحد بين إجازتين (Reg 160)
	Other       HolidayKind = "other"        // a holiday the host announces (a royal order)
)

// Kinds lists every holiday kind but NoHoliday, in a stable order.
var Kinds = []HolidayKind{EidAlFitr, EidAlAdha, NationalDay, FoundingDay, Bridge, Other}

var kindLabels = i18n.Labels[HolidayKind]{
	NoHoliday:   {AR: "ليس إجازة رسمية", EN: "Not a holiday"},
	EidAlFitr:   {AR: "إجازة عيد الفطر", EN: "Eid al-Fitr holiday"},
	EidAlAdha:   {AR: "إجازة عيد الأضحى", EN: "Eid al-Adha holiday"},
	NationalDay: {AR: "اليوم الوطني", EN: "National Day"},
	FoundingDay: {AR: "يوم التأسيس", EN: "Founding Day"},
	Bridge:      {AR: "يوم عمل بين إجازتين", EN: "Working day between holidays"},
	Other:       {AR: "إجازة رسمية أخرى", EN: "Other official holiday"},
}

// Label returns k's display name in lang.
func (k HolidayKind) Label(lang i18n.Lang) string { return kindLabels.Label(k, lang) }

// Valid reports whether k is a known kind other than NoHoliday.
func (k HolidayKind) Valid() bool { _, ok := kindLabels[k]; return ok && k != NoHoliday }

// Holiday is a run of official holidays, both ends inclusive.
type Holiday struct {
	Kind HolidayKind `json:"kind"`
	From hijri.Date  `json:"from"`
	To   hijri.Date  `json:"to"`
}

// MonthDay is a day of a Hijri month, or of a Gregorian month for the
// national days.
type MonthDay struct {
	Month int `json:"month"`
	Day   int `json:"day"`
}

// Rules are the rules by which Official computes a year it has not been
// loaded with. DefaultRules documents the defaults.
type Rules struct {
	// FitrFrom and FitrTo bound the Eid al-Fitr holiday (Hijri; default
	// 25 Ramadan (9/25) to 5 Shawwal (10/5), Reg 127).
	FitrFrom MonthDay `json:"fitr_from"`
	FitrTo   MonthDay `json:"fitr_to"`
	// AdhaFrom and AdhaTo bound the Eid al-Adha holiday (Hijri; default
	// 5 to 15 Dhu al-Hijjah (12/5 to 12/15), Reg 127).
	AdhaFrom MonthDay `json:"adha_from"`
	AdhaTo   MonthDay `json:"adha_to"`
	// NationalDay (default 23 September) and FoundingDay (default
	// 22 February) are Gregorian days (Reg 128); the zero MonthDay means none.
	NationalDay MonthDay `json:"national_day"`
	FoundingDay MonthDay `json:"founding_day"`
	// ShiftWeekend moves a national day that falls on a Saturday to the
	// Sunday after and one that falls on a Friday to the Thursday before
	// (default true, Reg 128).
	ShiftWeekend bool `json:"shift_weekend"`
	// BridgeDays makes a single working day between two non-working days, at
	// least one of them a holiday, a holiday (default true, Reg 160).
	BridgeDays bool `json:"bridge_days"`
}

// DefaultRules returns the rules of Reg 127, 128 and 160.
func DefaultRules() Rules {
	return Rules{
		FitrFrom: MonthDay{9, 25}, FitrTo: MonthDay{10, 5},
		AdhaFrom: MonthDay{12, 5}, AdhaTo: MonthDay{12, 15},
		NationalDay: MonthDay{9, 23}, FoundingDay: MonthDay{2, 22},
		ShiftWeekend: true, BridgeDays: true,
	}
}

// Errors of loading a year.
var (
	// ErrInvalidHoliday: a loaded holiday is malformed (unknown kind, an
	// invalid date, To before From, or a day outside the year it is loaded for).
	ErrInvalidHoliday = fault.New(fault.Invalid, "calendar.invalid_holiday",
		"the holiday is not valid", "الإجازة الرسمية غير صحيحة")
)

// Official is the official calendar: the weekend, the holidays of the
// years loaded with Load, and for other years the holidays its Rules
// compute. Its zero value is not usable; use NewOfficial.
type Official struct {
	rules  Rules
	mu     sync.RWMutex
	loaded map[int][]Holiday
	cache  map[int]*year
}

// year is the holiday kind of each day of one Hijri year (index: day of
// the year, 0-based), before bridging.
type year struct {
	first hijri.Date
	kinds []HolidayKind
	// cum is the running count of holidays after bridging (see counted),
	// computed on first use; guarded by Official.mu.
	cum []int32
}

// NewOfficial returns an Official calendar computing years by rules (nil:
// DefaultRules).
func NewOfficial(rules *Rules) *Official {
	r := DefaultRules()
	if rules != nil {
		r = *rules
	}
	return &Official{rules: r, loaded: map[int][]Holiday{}, cache: map[int]*year{}}
}

// Rules returns the rules o computes unloaded years with.
func (o *Official) Rules() Rules { return o.rules }

// Load replaces the holidays of Hijri year y with hs (the announced dates):
// the computed Eid and national days of y are dropped, and each day of hs is
// a holiday. Bridging (Rules.BridgeDays) still applies. Every day of hs must
// fall in y. It fails with ErrInvalidHoliday, changing nothing.
func (o *Official) Load(y int, hs []Holiday) error {
	if y < hijri.MinYear || y > hijri.MaxYear {
		return ErrInvalidHoliday.WithFields(fault.FieldViolation{Field: "year", Reason: "calendar.year_out_of_range",
			Message: i18n.Text{EN: "the year is outside the supported range", AR: "السنة خارج النطاق المدعوم"}})
	}
	for i, h := range hs {
		if msg, bad := checkHoliday(y, h); bad {
			return ErrInvalidHoliday.WithFields(fault.FieldViolation{Field: "holidays[" + strconv.Itoa(i) + "]", Reason: "calendar.invalid_holiday",
				Message: msg})
		}
	}
	cp := slices.Clone(hs)
	o.mu.Lock()
	defer o.mu.Unlock()
	o.loaded[y] = cp
	// the neighbours' bridge days at the year's edges depend on it too
	delete(o.cache, y-1)
	delete(o.cache, y)
	delete(o.cache, y+1)
	return nil
}

// Loaded reports whether year y was loaded, and returns a copy of its list.
func (o *Official) Loaded(y int) ([]Holiday, bool) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	hs, ok := o.loaded[y]
	return slices.Clone(hs), ok
}

// checkHoliday returns why h cannot be loaded for year y.
func checkHoliday(y int, h Holiday) (i18n.Text, bool) {
	switch {
	case !h.Kind.Valid():
		return i18n.Text{EN: "unknown holiday kind", AR: "نوع الإجازة الرسمية غير معروف"}, true
	case !h.From.IsValid() || !h.To.IsValid():
		return i18n.Text{EN: "not a valid Hijri date", AR: "ليس تاريخاً هجرياً صحيحاً"}, true
	case h.To.Before(h.From):
		return i18n.Text{EN: "the last day is before the first", AR: "اليوم الأخير سابق لليوم الأول"}, true
	case h.From.Year != y || h.To.Year != y:
		return i18n.Text{EN: "the holiday is not in the year loaded", AR: "الإجازة ليست في السنة المحملة"}, true
	}
	return i18n.Text{}, false
}

// IsWorkingDay reports whether d is a working day: not a weekend day and not
// a holiday.
func (o *Official) IsWorkingDay(d hijri.Date) bool {
	return IsWeekday(d) && o.Holiday(d) == NoHoliday
}

// IsHoliday reports whether d is an official holiday (not merely a weekend day).
func (o *Official) IsHoliday(d hijri.Date) bool { return o.Holiday(d) != NoHoliday }

// Holiday returns the kind of holiday d is, or NoHoliday. An invalid d is
// NoHoliday.
func (o *Official) Holiday(d hijri.Date) HolidayKind {
	k := o.raw(d)
	if k != NoHoliday || !o.rules.BridgeDays || !IsWeekday(d) {
		return k
	}
	prev, err1 := d.AddDays(-1)
	next, err2 := d.AddDays(1)
	if err1 != nil || err2 != nil {
		return NoHoliday
	}
	pk, nk := o.raw(prev), o.raw(next)
	offPrev := pk != NoHoliday || !IsWeekday(prev)
	offNext := nk != NoHoliday || !IsWeekday(next)
	if offPrev && offNext && (pk != NoHoliday || nk != NoHoliday) {
		return Bridge
	}
	return NoHoliday
}

// HolidaysBetween counts the official holidays from..to, both inclusive
// (bridge days included), in time proportional to the number of years it
// spans: each year keeps a running count of its holidays.
func (o *Official) HolidaysBetween(from, to hijri.Date) int {
	if !from.IsValid() || !to.IsValid() || to.Before(from) {
		return 0
	}
	n := 0
	for y := from.Year; y <= to.Year; y++ {
		c, cum := o.counted(y)
		lo, hi := 0, len(c.kinds)
		if y == from.Year {
			lo = hijri.DaysBetween(c.first, from)
		}
		if y == to.Year {
			hi = hijri.DaysBetween(c.first, to) + 1
		}
		n += int(cum[hi] - cum[lo])
	}
	return n
}

// counted returns year y and its running holiday count: cum[i] is the
// number of holidays (bridging applied) among its first i days.
func (o *Official) counted(y int) (*year, []int32) {
	c := o.year(y)
	o.mu.RLock()
	cum := c.cum
	o.mu.RUnlock()
	if cum != nil {
		return c, cum
	}
	cum = make([]int32, len(c.kinds)+1)
	d := c.first
	for i := range c.kinds {
		cum[i+1] = cum[i]
		if o.Holiday(d) != NoHoliday {
			cum[i+1]++
		}
		d, _ = d.AddDays(1)
	}
	o.mu.Lock()
	c.cum = cum
	o.mu.Unlock()
	return c, cum
}

// raw is d's holiday kind before bridging.
func (o *Official) raw(d hijri.Date) HolidayKind {
	if !d.IsValid() {
		return NoHoliday
	}
	y := o.year(d.Year)
	i := hijri.DaysBetween(y.first, d)
	if i < 0 || i >= len(y.kinds) {
		return NoHoliday
	}
	return y.kinds[i]
}

func (o *Official) year(y int) *year {
	o.mu.RLock()
	c, ok := o.cache[y]
	o.mu.RUnlock()
	if ok {
		return c
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if c, ok := o.cache[y]; ok {
		return c
	}
	first := hijri.MustNew(y, 1, 1)
	c = &year{first: first, kinds: make([]HolidayKind, hijri.DaysInYear(y))}
	hs, ok := o.loaded[y]
	if !ok {
		hs = o.rules.Compute(y)
	}
	for _, h := range hs {
		for d := h.From; !d.After(h.To); {
			if i := hijri.DaysBetween(first, d); i >= 0 && i < len(c.kinds) {
				c.kinds[i] = h.Kind
			}
			var err error
			if d, err = d.AddDays(1); err != nil {
				break
			}
		}
	}
	o.cache[y] = c
	return c
}

// Compute returns the holidays the rules give Hijri year y, in order:
// the two Eids and the national days that fall in y. Days the table cannot
// hold are left out.
func (r Rules) Compute(y int) []Holiday {
	var hs []Holiday
	add := func(k HolidayKind, from, to MonthDay) {
		f, err1 := hijri.New(y, from.Month, min(from.Day, hijri.DaysInMonth(y, hijri.Month(from.Month))))
		t, err2 := hijri.New(y, to.Month, min(to.Day, hijri.DaysInMonth(y, hijri.Month(to.Month))))
		if err1 == nil && err2 == nil && !t.Before(f) {
			hs = append(hs, Holiday{Kind: k, From: f, To: t})
		}
	}
	if r.FitrFrom.Month >= 1 && r.FitrFrom.Month <= 12 && r.FitrTo.Month >= 1 && r.FitrTo.Month <= 12 {
		add(EidAlFitr, r.FitrFrom, r.FitrTo)
	}
	if r.AdhaFrom.Month >= 1 && r.AdhaFrom.Month <= 12 && r.AdhaTo.Month >= 1 && r.AdhaTo.Month <= 12 {
		add(EidAlAdha, r.AdhaFrom, r.AdhaTo)
	}
	first, err1 := hijri.New(y, 1, 1)
	last, err2 := hijri.New(y, 12, hijri.DaysInMonth(y, 12))
	if err1 != nil || err2 != nil {
		return hs
	}
	gy, _, _ := first.Gregorian()
	for _, nd := range []struct {
		k  HolidayKind
		md MonthDay
	}{{NationalDay, r.NationalDay}, {FoundingDay, r.FoundingDay}} {
		if nd.md.Month < 1 || nd.md.Month > 12 || nd.md.Day < 1 {
			continue
		}
		for g := gy; g <= gy+1; g++ {
			d, err := hijri.FromGregorian(g, time.Month(nd.md.Month), nd.md.Day)
			if err != nil {
				continue
			}
			if r.ShiftWeekend {
				switch d.Weekday() {
				case time.Saturday:
					d, err = d.AddDays(1)
				case time.Friday:
					d, err = d.AddDays(-1)
				}
				if err != nil {
					continue
				}
			}
			if !d.Before(first) && !d.After(last) {
				hs = append(hs, Holiday{Kind: nd.k, From: d, To: d})
			}
		}
	}
	slices.SortFunc(hs, func(a, b Holiday) int { return a.From.Compare(b.From) })
	return hs
}
