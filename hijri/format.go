package hijri

import (
	"strconv"
	"time"
)

// Style selects how Format renders a date. The zero Style is ISO.
type Style int

// The styles, shown for 1 Ramadan 1445 AH (2024-03-11).
const (
	// ISO is year-month-day with ASCII digits, as String writes it: "1445-09-01".
	ISO Style = iota
	// Numeric is day/month/year, zero-padded, as Saudi documents write a
	// Hijri date: "01/09/1445".
	Numeric
	// ArabicLong is the Arabic day, month name and year with Arabic-Indic
	// digits and the suffix هـ: "١ رمضان ١٤٤٥ هـ".
	ArabicLong
	// EnglishLong is the day, English month name and year with the suffix
	// AH: "1 Ramadan 1445 AH".
	EnglishLong
	// GregorianISO is the Gregorian date as year-month-day: "2024-03-11".
	GregorianISO
	// GregorianNumeric is the Gregorian date as day/month/year, zero-padded:
	// "11/03/2024".
	GregorianNumeric
	// GregorianArabicLong is the Gregorian date with the Arabic month name
	// used in Saudi Arabia, Arabic-Indic digits and the suffix م:
	// "١١ مارس ٢٠٢٤ م".
	GregorianArabicLong
	// GregorianEnglishLong is the Gregorian date with the English month
	// name: "11 March 2024".
	GregorianEnglishLong
)

var styleNames = [...]string{"ISO", "Numeric", "ArabicLong", "EnglishLong", "GregorianISO", "GregorianNumeric", "GregorianArabicLong", "GregorianEnglishLong"}

// String returns the name of s, such as "ArabicLong".
func (s Style) String() string {
	if s < 0 || int(s) >= len(styleNames) {
		return "Style(" + strconv.Itoa(int(s)) + ")"
	}
	return styleNames[s]
}

// gregorianMonthsAR are the Gregorian month names as written in Saudi Arabia.
var gregorianMonthsAR = [13]string{"", "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}

// Format returns d rendered in style s (see the Style constants). An invalid
// d, including the zero Date, and an unknown style render as ISO (String),
// so that a bad value stays visible.
func (d Date) Format(s Style) string {
	var buf [64]byte
	return string(d.AppendFormat(buf[:0], s))
}

// AppendFormat is like Format but appends the text to b and returns the
// extended buffer.
func (d Date) AppendFormat(b []byte, s Style) []byte {
	if !d.IsValid() {
		return d.appendISO(b)
	}
	switch s {
	case Numeric:
		b = appendPadded(b, d.Day, 2)
		b = append(b, '/')
		b = appendPadded(b, int(d.Month), 2)
		b = append(b, '/')
		return appendPadded(b, d.Year, 4)
	case ArabicLong:
		b = appendArabicDigits(b, d.Day)
		b = append(b, ' ')
		b = append(b, monthNamesAR[d.Month]...)
		b = append(b, ' ')
		b = appendArabicDigits(b, d.Year)
		return append(b, " هـ"...)
	case EnglishLong:
		b = strconv.AppendInt(b, int64(d.Day), 10)
		b = append(b, ' ')
		b = append(b, monthNamesEN[d.Month]...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(d.Year), 10)
		return append(b, " AH"...)
	case GregorianISO, GregorianNumeric, GregorianArabicLong, GregorianEnglishLong:
		y, m, dd := civilFromDays(d.dayNumber())
		switch s {
		case GregorianISO:
			b = appendPadded(b, y, 4)
			b = append(b, '-')
			b = appendPadded(b, m, 2)
			b = append(b, '-')
			return appendPadded(b, dd, 2)
		case GregorianNumeric:
			b = appendPadded(b, dd, 2)
			b = append(b, '/')
			b = appendPadded(b, m, 2)
			b = append(b, '/')
			return appendPadded(b, y, 4)
		case GregorianArabicLong:
			b = appendArabicDigits(b, dd)
			b = append(b, ' ')
			b = append(b, gregorianMonthsAR[m]...)
			b = append(b, ' ')
			b = appendArabicDigits(b, y)
			return append(b, " م"...)
		default:
			b = strconv.AppendInt(b, int64(dd), 10)
			b = append(b, ' ')
			b = append(b, time.Month(m).String()...)
			b = append(b, ' ')
			return strconv.AppendInt(b, int64(y), 10)
		}
	}
	return d.appendISO(b)
}

// appendArabicDigits appends v in Arabic-Indic digits (٠..٩), with a leading
// ASCII '-' when negative.
func appendArabicDigits(b []byte, v int) []byte {
	var tmp [20]byte
	digits := strconv.AppendInt(tmp[:0], int64(v), 10)
	for _, c := range digits {
		if c < '0' || c > '9' {
			b = append(b, c)
			continue
		}
		// U+0660 + n is 0xD9 0xA0+n in UTF-8.
		b = append(b, 0xD9, 0xA0+(c-'0'))
	}
	return b
}
