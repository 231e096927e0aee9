package hijri

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFormat(t *testing.T) {
	ramadan := MustNew(1445, 9, 1) // 2024-03-11
	last := MustNew(1500, 12, 30)  // 2077-11-16
	cases := []struct {
		d     Date
		style Style
		want  string
	}{
		{ramadan, ISO, "1445-09-01"},
		{ramadan, Numeric, "01/09/1445"},
		{ramadan, ArabicLong, "١ رمضان ١٤٤٥ هـ"},
		{ramadan, EnglishLong, "1 Ramadan 1445 AH"},
		{ramadan, GregorianISO, "2024-03-11"},
		{ramadan, GregorianNumeric, "11/03/2024"},
		{ramadan, GregorianArabicLong, "١١ مارس ٢٠٢٤ م"},
		{ramadan, GregorianEnglishLong, "11 March 2024"},
		{last, ISO, "1500-12-30"},
		{last, Numeric, "30/12/1500"},
		{last, ArabicLong, "٣٠ ذو الحجة ١٥٠٠ هـ"},
		{last, EnglishLong, "30 Dhu al-Hijjah 1500 AH"},
		{last, GregorianArabicLong, "١٦ نوفمبر ٢٠٧٧ م"},
		{last, GregorianEnglishLong, "16 November 2077"},
		{MustNew(1440, 4, 25), GregorianISO, "2019-01-01"},
		{MustNew(1441, 4, 10), ArabicLong, "١٠ ربيع الآخر ١٤٤١ هـ"},
		{MustNew(1446, 6, 1), EnglishLong, "1 Jumada al-Akhirah 1446 AH"},
		// Invalid dates and unknown styles render as ISO.
		{Date{}, ArabicLong, "0000-00-00"},
		{Date{1445, 1, 30}, GregorianISO, "1445-01-30"},
		{Date{1445, 13, 1}, EnglishLong, "1445-13-01"},
		{ramadan, Style(99), "1445-09-01"},
		{ramadan, Style(-1), "1445-09-01"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.d.Format(c.style), "%v %v", c.d, c.style)
		assert.Equal(t, "x"+c.want, string(c.d.AppendFormat([]byte("x"), c.style)))
	}
	assert.Equal(t, "ArabicLong", ArabicLong.String())
	assert.Equal(t, "ISO", Style(0).String())
	assert.Equal(t, "GregorianEnglishLong", GregorianEnglishLong.String())
	assert.Equal(t, "Style(99)", Style(99).String())
	assert.Equal(t, "Style(-1)", Style(-1).String())
}

// TestFormatParses checks that every style but the English long ones parses
// back, for every month of the range.
func TestFormatParses(t *testing.T) {
	for y := MinYear; y <= MaxYear; y++ {
		for m := Muharram; m <= DhuAlHijjah; m++ {
			d := MustNew(y, int(m), DaysInMonth(y, m))
			for _, s := range []Style{ISO, Numeric, GregorianISO, GregorianNumeric} {
				got, err := ParseAny(d.Format(s))
				if assert.NoError(t, err) {
					assert.Equal(t, d, got, "%v %v", d, s)
				}
			}
		}
	}
}

func TestFormatAllocs(t *testing.T) {
	d := MustNew(1445, 9, 1)
	buf := make([]byte, 0, 64)
	for s := ISO; s <= GregorianEnglishLong; s++ {
		assert.Zero(t, testing.AllocsPerRun(100, func() { buf = d.AppendFormat(buf[:0], s) }), "%v", s)
		assert.LessOrEqual(t, testing.AllocsPerRun(100, func() { _ = d.Format(s) }), 1.0, "%v", s)
	}
}

func TestAppendArabicDigits(t *testing.T) {
	assert.Equal(t, "٠", string(appendArabicDigits(nil, 0)))
	assert.Equal(t, "١٢٣٤٥٦٧٨٩٠", string(appendArabicDigits(nil, 1234567890)))
	assert.Equal(t, "-٧", string(appendArabicDigits(nil, -7)))
}
