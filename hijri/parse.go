package hijri

import (
	"strconv"
	"time"
)

// Gregorian years that ParseAny reads as Gregorian: those of the supported
// range, 1937-03-14 .. 2077-11-16. They do not overlap the Hijri years
// 1356..1500, so a year alone tells the calendars apart.
const (
	minGregorianYear = 1937
	maxGregorianYear = 2077
)

// maxInput bounds the length in bytes of a date to parse; longer text is a
// syntax error without being read.
const maxInput = 64

// calendar is the calendar a parsed date declares with its suffix.
type calendar uint8

const (
	calNone calendar = iota
	calHijri
	calGregorian
)

// fields is a date as written: year, month and day in the written order's
// meaning, and the calendar its suffix names.
type fields struct {
	y, m, d int
	cal     calendar
}

// Parse reads a Hijri date written in one of the forms used in Saudi
// records and returns it after the same checks as New:
//
//	1445-09-01    year-month-day (ISO-like, as String writes it)
//	1445/9/1      year/month/day
//	1/9/1445      day/month/year (dd/mm/yyyy, as Saudi documents write it)
//
// The year has exactly four digits and the month and day one or two; the two
// separators are the same, '-' or '/', and may have spaces around them.
// Digits may be ASCII, Arabic-Indic (١٤٤٥) or Extended Arabic-Indic
// (Persian, ۱۴۴۵), mixed freely. The date may be followed by the suffix هـ
// (or ه, AH, H), and leading and trailing spaces, no-break spaces and
// bidirectional marks (LRM, RLM, ALM, embeddings and isolates, as
// right-to-left text carries them) are ignored. So "١٤٤٥/٩/١ هـ" and
// "8 / 04 / 1441 هـ" parse.
//
// Errors: ErrSyntax (which matches ErrInvalidDate) for text in no such form
// or longer than 64 bytes; ErrInvalidDate for a Gregorian suffix (م, AD, CE),
// a month outside 1..12 or a day its month does not have; ErrOutOfRange for a
// year outside 1356..1500 (a Gregorian date such as 2024-07-03 is out of
// range here: use ParseAny).
func Parse(s string) (Date, error) {
	return parse(s)
}

// ParseAny reads a Hijri or a Gregorian date and returns the Hijri date. It
// accepts everything Parse does, and the same forms with a Gregorian date:
// 2024-07-03, 2024/7/3 and 3/7/2024 (day/month/year; never month/day/year),
// optionally followed by م, AD or CE.
//
// The year decides the calendar: Hijri years of the range (1356..1500) and
// Gregorian years of the range (1937..2077) do not overlap. A suffix, when
// present, must agree: "1445-09-01 م" is out of range. A Gregorian date must
// exist (2023-02-29 is ErrInvalidDate) and lie within 1937-03-14 ..
// 2077-11-16 (else ErrOutOfRange).
func ParseAny(s string) (Date, error) {
	return parseAny(s)
}

func parse[S ~string | ~[]byte](s S) (Date, error) {
	f, err := scan(s)
	if err != nil {
		return Date{}, err
	}
	if f.cal == calGregorian {
		return Date{}, errNotHijri
	}
	if f.y < MinYear || f.y > MaxYear {
		return Date{}, errHijriYear
	}
	return New(f.y, f.m, f.d)
}

func parseAny[S ~string | ~[]byte](s S) (Date, error) {
	f, err := scan(s)
	if err != nil {
		return Date{}, err
	}
	switch f.cal {
	case calHijri:
		if f.y < MinYear || f.y > MaxYear {
			return Date{}, errHijriYear
		}
		return New(f.y, f.m, f.d)
	case calGregorian:
		return gregorian(f.y, f.m, f.d)
	}
	switch {
	case f.y >= MinYear && f.y <= MaxYear:
		return New(f.y, f.m, f.d)
	case f.y >= minGregorianYear && f.y <= maxGregorianYear:
		return gregorian(f.y, f.m, f.d)
	}
	return Date{}, errAnyYear
}

// gregorian converts a Gregorian date after checking that it exists.
func gregorian(y, m, d int) (Date, error) {
	if y < minGregorianYear || y > maxGregorianYear {
		return Date{}, errGregorianYear
	}
	if m < 1 || m > 12 {
		return Date{}, errMonth
	}
	n := gregorianMonthDays(y, m)
	if d < 1 || d > n {
		return Date{}, ErrInvalidDate.Because("hijri.invalid_day",
			"day "+strconv.Itoa(d)+" does not exist: "+time.Month(m).String()+" "+strconv.Itoa(y)+" has "+strconv.Itoa(n)+" days",
			"اليوم "+strconv.Itoa(d)+" غير موجود: شهر "+gregorianMonthsAR[m]+" "+strconv.Itoa(y)+" م عدد أيامه "+strconv.Itoa(n))
	}
	return fromDayNumber(daysFromCivil(y, m, d))
}

// gregorianMonthDays returns the length of Gregorian month m (1..12) of y.
func gregorianMonthDays(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// scan reads the three numbers of a date and its optional suffix. It does
// not range-check the numbers beyond their widths.
func scan[S ~string | ~[]byte](s S) (fields, error) {
	var f fields
	if len(s) > maxInput {
		return f, ErrSyntax
	}
	var num, width [3]int
	var sep byte
	i := skipSpace(s, 0)
	for k := range 3 {
		if k > 0 {
			i = skipSpace(s, i)
			if i >= len(s) || (s[i] != '-' && s[i] != '/') {
				return f, ErrSyntax
			}
			if k == 1 {
				sep = s[i]
			} else if s[i] != sep {
				return f, ErrSyntax
			}
			i = skipSpace(s, i+1)
		}
		for i < len(s) {
			v, size := digit(s, i)
			if size == 0 {
				break
			}
			if width[k] == 4 {
				return f, ErrSyntax
			}
			num[k] = num[k]*10 + v
			width[k]++
			i += size
		}
		if width[k] == 0 {
			return f, ErrSyntax
		}
	}
	i = skipSpace(s, i)
	f.cal, i = suffix(s, i)
	if skipSpace(s, i) != len(s) {
		return f, ErrSyntax
	}
	switch {
	case width[0] == 4 && width[1] <= 2 && width[2] <= 2:
		f.y, f.m, f.d = num[0], num[1], num[2]
	case width[2] == 4 && width[0] <= 2 && width[1] <= 2:
		f.d, f.m, f.y = num[0], num[1], num[2]
	default:
		return f, ErrSyntax
	}
	return f, nil
}

// digit decodes a decimal digit at s[i]: ASCII, Arabic-Indic (U+0660..U+0669)
// or Extended Arabic-Indic (U+06F0..U+06F9). size is 0 when there is none.
func digit[S ~string | ~[]byte](s S, i int) (v, size int) {
	c := s[i]
	if c >= '0' && c <= '9' {
		return int(c - '0'), 1
	}
	if i+1 < len(s) {
		c1 := s[i+1]
		if c == 0xD9 && c1 >= 0xA0 && c1 <= 0xA9 { // U+0660..U+0669
			return int(c1 - 0xA0), 2
		}
		if c == 0xDB && c1 >= 0xB0 && c1 <= 0xB9 { // U+06F0..U+06F9
			return int(c1 - 0xB0), 2
		}
	}
	return 0, 0
}

// skipSpace returns the index of the first byte at or after i that does not
// begin a space or an invisible formatting mark: ASCII space, tab, CR, LF,
// U+00A0, U+061C, U+2000..U+200F, U+202A..U+202F, U+2066..U+2069, U+FEFF.
func skipSpace[S ~string | ~[]byte](s S, i int) int {
	for i < len(s) {
		n := spaceLen(s, i)
		if n == 0 {
			return i
		}
		i += n
	}
	return i
}

// spaceLen returns the length in bytes of the space or formatting mark that
// begins at s[i], or 0 if none does.
func spaceLen[S ~string | ~[]byte](s S, i int) int {
	switch c := s[i]; c {
	case ' ', '\t', '\n', '\r':
		return 1
	case 0xC2, 0xD8: // U+00A0, U+061C
		if i+1 < len(s) && ((c == 0xC2 && s[i+1] == 0xA0) || (c == 0xD8 && s[i+1] == 0x9C)) {
			return 2
		}
	case 0xE2, 0xEF:
		if i+2 < len(s) && isMark3(c, s[i+1], s[i+2]) {
			return 3
		}
	}
	return 0
}

// isMark3 reports whether the three bytes encode U+2000..U+200F,
// U+202A..U+202F, U+2066..U+2069 or U+FEFF.
func isMark3(c, c1, c2 byte) bool {
	switch {
	case c == 0xE2 && c1 == 0x80:
		return c2 <= 0x8F || (c2 >= 0xAA && c2 <= 0xAF)
	case c == 0xE2 && c1 == 0x81:
		return c2 >= 0xA6 && c2 <= 0xA9
	case c == 0xEF:
		return c1 == 0xBB && c2 == 0xBF
	}
	return false
}

// The calendar suffixes, longest first where one is a prefix of another.
var suffixes = [...]struct {
	text string
	cal  calendar
}{
	{"\u0647\u0640", calHijri}, // هـ
	{"\u0647", calHijri},       // ه
	{"AH", calHijri},
	{"H", calHijri},
	{"\u0645", calGregorian}, // م
	{"AD", calGregorian},
	{"CE", calGregorian},
}

// suffix matches a calendar suffix at s[i:] and returns its calendar and the
// index after it, or calNone and i.
func suffix[S ~string | ~[]byte](s S, i int) (calendar, int) {
	for _, x := range suffixes {
		if hasPrefixFold(s, i, x.text) {
			return x.cal, i + len(x.text)
		}
	}
	return calNone, i
}

// hasPrefixFold reports whether s[i:] begins with p, ASCII letters compared
// without case.
func hasPrefixFold[S ~string | ~[]byte](s S, i int, p string) bool {
	if len(s)-i < len(p) {
		return false
	}
	for j := range len(p) {
		a, b := s[i+j], p[j]
		if a >= 'a' && a <= 'z' {
			a -= 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}
