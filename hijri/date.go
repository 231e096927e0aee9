package hijri

import (
	"strconv"
	"time"
)

// The supported range, inclusive.
const (
	MinYear = 1356 // first year of the table: 1356-01-01 AH is 1937-03-14
	MaxYear = 1500 // last year of the table: 1500-12-30 AH is 2077-11-16
)

// Month is a Hijri month, 1 (Muharram) to 12 (Dhu al-Hijjah).
type Month int

// The months.
const (
	Muharram Month = 1 + iota
	Safar
	RabiAlAwwal
	RabiAlThani
	JumadaAlUla
	JumadaAlAkhirah
	Rajab
	Shaban
	Ramadan
	Shawwal
	DhuAlQadah
	DhuAlHijjah
)

var monthNamesEN = [13]string{"", "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah", "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah"}
var monthNamesAR = [13]string{"", "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"}

// String returns the English name of m.
func (m Month) String() string {
	if m < 1 || m > 12 {
		return "Month(" + strconv.Itoa(int(m)) + ")"
	}
	return monthNamesEN[m]
}

// Arabic returns the Arabic name of m.
func (m Month) Arabic() string {
	if m < 1 || m > 12 {
		return "Month(" + strconv.Itoa(int(m)) + ")"
	}
	return monthNamesAR[m]
}

// Date is a civil date in the Umm al-Qura calendar. The zero Date is not a
// valid date; IsZero reports it. Dates are comparable with == and ordered by
// Before, After and Compare.
//
// Build a Date with New, Parse, ParseAny or FromTime, which validate it; a
// Date literal is not checked until used (IsValid).
type Date struct {
	Year  int   // Hijri year, MinYear..MaxYear
	Month Month // 1..12
	Day   int   // 1..DaysInMonth(Year, Month)
}

// The month table, monthStarts, is generated from internal/gentable/month_starts.csv.
//go:generate go run ./internal/gentable

// The first and last days of the table as day numbers (days since
// 1970-01-01): 1356-01-01 AH is 1937-03-14 and 1500-12-30 AH is 2077-11-16.
// The tests check them against monthStarts.
const (
	firstDay = -11981
	lastDay  = 39401
)

// New returns the date year-month-day after checking it against the real
// month lengths of the Umm al-Qura table.
func New(year, month, day int) (Date, error) {
	if year < MinYear || year > MaxYear {
		return Date{}, ErrOutOfRange
	}
	if month < 1 || month > 12 {
		return Date{}, errMonth
	}
	i := (year-MinYear)*12 + month - 1
	n := int(monthStarts[i+1] - monthStarts[i])
	if day < 1 || day > n {
		return Date{}, ErrInvalidDate.Because("hijri.invalid_day",
			"day "+strconv.Itoa(day)+" does not exist: "+Month(month).String()+" "+strconv.Itoa(year)+" has "+strconv.Itoa(n)+" days",
			"اليوم "+strconv.Itoa(day)+" غير موجود: شهر "+Month(month).Arabic()+" "+strconv.Itoa(year)+" هـ عدد أيامه "+strconv.Itoa(n))
	}
	return Date{Year: year, Month: Month(month), Day: day}, nil
}

// MustNew is like New but panics on an invalid date. It is meant for constants
// and tests.
func MustNew(year, month, day int) Date {
	d, err := New(year, month, day)
	if err != nil {
		panic(err)
	}
	return d
}

// FromTime returns the Hijri date of t's civil date in t's own location: a
// time of 01:00 on 1 March in Riyadh (+03:00) is 1 March, whatever the date in
// UTC. It fails with ErrOutOfRange outside 1937-03-14 .. 2077-11-16.
func FromTime(t time.Time) (Date, error) {
	// The civil day is the floor of the local seconds (Unix seconds plus the
	// zone offset) divided by 86400. This is what t.Date() computes, without
	// converting the day number to a Gregorian date and back.
	_, off := t.Zone()
	s := t.Unix() + int64(off)
	n := s / 86400
	if s%86400 < 0 {
		n--
	}
	return fromDayNumber(n)
}

// FromGregorian returns the Hijri date of the Gregorian civil date y-m-d.
// Out-of-range months and days (such as 31 April) normalise as time.Date
// does; use ParseAny for a strict check of a Gregorian date. Arguments so
// large that no normalisation can bring them into the table (|y| or |m| of
// 2³¹ or more, |d| of 2⁴⁰ or more) give ErrOutOfRange.
func FromGregorian(y int, m time.Month, d int) (Date, error) {
	const maxYM, maxD = 1 << 31, 1 << 40
	if y <= -maxYM || y >= maxYM || int(m) <= -maxYM || int(m) >= maxYM || d <= -maxD || d >= maxD {
		return Date{}, ErrOutOfRange
	}
	return fromDayNumber(daysFromCivil(y, int(m), d))
}

// fromDayNumber maps a day number (days since 1970-01-01) to its Hijri date.
func fromDayNumber(n int64) (Date, error) {
	if n < firstDay || n > int64(lastDay) {
		return Date{}, ErrOutOfRange
	}
	// Months are 29 or 30 days (mean 29.53): estimate the index, then correct
	// it; the estimate is never more than one month off (tested for every day).
	i := int((n - firstDay) * 1000 / 29531)
	if i > len(monthStarts)-2 {
		i = len(monthStarts) - 2
	}
	for int64(monthStarts[i]) > n {
		i--
	}
	for int64(monthStarts[i+1]) <= n {
		i++
	}
	return Date{Year: MinYear + i/12, Month: Month(i%12 + 1), Day: int(n-int64(monthStarts[i])) + 1}, nil
}

// index returns d's month index into monthStarts and whether d is a valid date.
func (d Date) index() (int, bool) {
	if d.Year < MinYear || d.Year > MaxYear || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return 0, false
	}
	i := (d.Year-MinYear)*12 + int(d.Month) - 1
	return i, d.Day <= int(monthStarts[i+1]-monthStarts[i])
}

// IsValid reports whether d is a real date within the supported range.
func (d Date) IsValid() bool {
	_, ok := d.index()
	return ok
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// dayNumber returns the day number of a valid d.
func (d Date) dayNumber() int64 {
	i, _ := d.index()
	return int64(monthStarts[i]) + int64(d.Day) - 1
}

// Time returns midnight UTC of d's Gregorian civil date: a representation of
// the day, not an instant in Saudi Arabia (whose midnight is 21:00 UTC the day
// before). Take the civil date back with t.Date() or FromTime, never through a
// local zone. For an invalid d it returns the zero time.Time.
func (d Date) Time() time.Time {
	y, m := uint(d.Year-MinYear), uint(d.Month-1)
	if y > MaxYear-MinYear || m > 11 {
		return time.Time{}
	}
	i := y*12 + m
	start := monthStarts[i]
	if uint(d.Day-1) >= uint(monthStarts[i+1]-start) {
		return time.Time{}
	}
	return time.Unix((int64(start)+int64(d.Day)-1)*86400, 0).UTC()
}

// Gregorian returns d's Gregorian civil date. For an invalid d it returns zeros.
func (d Date) Gregorian() (year int, month time.Month, day int) {
	if !d.IsValid() {
		return 0, 0, 0
	}
	y, m, dd := civilFromDays(d.dayNumber())
	return y, time.Month(m), dd
}

// Weekday returns the day of the week of d, computed from the Gregorian date
// (1970-01-01 was a Thursday). For an invalid d it returns time.Sunday, which
// means nothing: check IsValid first.
func (d Date) Weekday() time.Weekday {
	if !d.IsValid() {
		return time.Sunday
	}
	return time.Weekday((d.dayNumber()%7 + 7 + 4) % 7)
}

// DaysInMonth returns the number of days of month in year: 29 or 30, except
// Sha'ban 1364, which the source table gives 28 days (see the package
// documentation). It returns 0 when year-month is outside the table.
func DaysInMonth(year int, month Month) int {
	if year < MinYear || year > MaxYear || month < 1 || month > 12 {
		return 0
	}
	i := (year-MinYear)*12 + int(month) - 1
	return int(monthStarts[i+1] - monthStarts[i])
}

// DaysInYear returns the number of days of year: 354 or 355, except 1356 and
// 1401, which the source table gives 353 days. It returns 0 outside the table.
func DaysInYear(year int) int {
	if year < MinYear || year > MaxYear {
		return 0
	}
	i := (year - MinYear) * 12
	return int(monthStarts[i+12] - monthStarts[i])
}

// AddDays returns d moved by n days (n may be negative). It fails with
// ErrInvalidDate for an invalid d and ErrOutOfRange when the result leaves the table.
func (d Date) AddDays(n int) (Date, error) {
	if !d.IsValid() {
		return Date{}, ErrInvalidDate
	}
	return fromDayNumber(d.dayNumber() + int64(n))
}

// DaysBetween returns the number of days from a to b: positive when b is
// after a. Both must be valid dates; an invalid one counts as 0.
func DaysBetween(a, b Date) int {
	if !a.IsValid() || !b.IsValid() {
		return 0
	}
	return int(b.dayNumber() - a.dayNumber())
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp(int(d.Month), int(e.Month))
	default:
		return cmp(d.Day, e.Day)
	}
}

func cmp(a, b int) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// String returns d as YYYY-MM-DD, e.g. "1445-09-01".
func (d Date) String() string {
	var b [10]byte
	return string(d.appendISO(b[:0]))
}

func (d Date) appendISO(b []byte) []byte {
	b = appendPadded(b, d.Year, 4)
	b = append(b, '-')
	b = appendPadded(b, int(d.Month), 2)
	b = append(b, '-')
	return appendPadded(b, d.Day, 2)
}

func appendPadded(b []byte, v, width int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v // math.MinInt stays negative; AppendInt still prints it
	}
	var tmp [20]byte
	digits := strconv.AppendInt(tmp[:0], int64(v), 10)
	if v < 0 {
		digits = digits[1:]
	}
	for i := len(digits); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}

// daysFromCivil returns the number of days from 1970-01-01 to the proleptic
// Gregorian date y-m-d (H. Hinnant's algorithm); m and d may be out of range
// and normalise like time.Date.
func daysFromCivil(y, m, d int) int64 {
	if m < 1 || m > 12 {
		// Normalise the month as time.Date does.
		y += (m - 1) / 12
		m = (m-1)%12 + 1
		if m < 1 {
			m += 12
			y--
		}
	}
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy / 400
	if yy < 0 && yy%400 != 0 {
		era = (yy - 399) / 400
	}
	yoe := yy - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (int, int, int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(d)
}
