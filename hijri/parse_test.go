package hijri

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
)

// hijriOK are Hijri dates every parser accepts, with the date they mean.
var hijriOK = []struct {
	in   string
	want Date
}{
	{"1445-09-01", Date{1445, 9, 1}},
	{"1445-9-1", Date{1445, 9, 1}},
	{"1445/9/1", Date{1445, 9, 1}},
	{"1445/09/01", Date{1445, 9, 1}},
	{"1/9/1445", Date{1445, 9, 1}},
	{"01/09/1445", Date{1445, 9, 1}},
	{"01-09-1445", Date{1445, 9, 1}},
	{"١٤٤٥-٠٩-٠١", Date{1445, 9, 1}},
	{"١/٩/١٤٤٥", Date{1445, 9, 1}},
	{"١٤٤٥/٩/١ هـ", Date{1445, 9, 1}},
	{"۱۴۴۵/۹/۱", Date{1445, 9, 1}},       // Persian digits
	{"١٤٤٥-09-۰۱", Date{1445, 9, 1}},     // mixed digits
	{"1445/9/1هـ", Date{1445, 9, 1}},     // suffix attached
	{"1445/9/1 ه", Date{1445, 9, 1}},     // suffix without tatweel
	{"1445-09-01 AH", Date{1445, 9, 1}},  //
	{"1445-09-01 ah", Date{1445, 9, 1}},  //
	{"1/9/1445 H", Date{1445, 9, 1}},     //
	{"1/9/1445h", Date{1445, 9, 1}},      //
	{"  1445-09-01\t", Date{1445, 9, 1}}, // spaces
	{"\u00a01445-09-01\u00a0", Date{1445, 9, 1}},
	{"8 / 04 / 1441 هـ", Date{1441, 4, 8}}, // DOMAIN.md §2.1
	{"1437/8/16 هـ", Date{1437, 8, 16}},    // DOMAIN.md §2.1
	{"\u200f1445/9/1\u200f", Date{1445, 9, 1}},
	{"\u202b1445/9/1 هـ\u202c", Date{1445, 9, 1}},
	{"\u20671445/9/1\u2069", Date{1445, 9, 1}},
	{"\ufeff1445-09-01", Date{1445, 9, 1}},
	{"1445-09-01\u061c", Date{1445, 9, 1}},
	{"1356-01-01", Date{1356, 1, 1}},
	{"1500-12-30", Date{1500, 12, 30}},
	{"30/12/1500 هـ", Date{1500, 12, 30}},
}

// failures are inputs every parser rejects, with the sentinel and reason.
var failures = []struct {
	in       string
	sentinel error
	reason   string
}{
	{"", ErrSyntax, "hijri.syntax"},
	{"   ", ErrSyntax, "hijri.syntax"},
	{"hello", ErrSyntax, "hijri.syntax"},
	{"1445", ErrSyntax, "hijri.syntax"},
	{"1445-09", ErrSyntax, "hijri.syntax"},
	{"1445-09-", ErrSyntax, "hijri.syntax"},
	{"1445-09-01-01", ErrSyntax, "hijri.syntax"},
	{"1445-09/01", ErrSyntax, "hijri.syntax"},
	{"1445.09.01", ErrSyntax, "hijri.syntax"},
	{"1445 09 01", ErrSyntax, "hijri.syntax"},
	{"45-09-01", ErrSyntax, "hijri.syntax"},
	{"12/12/12", ErrSyntax, "hijri.syntax"},
	{"1/1/1", ErrSyntax, "hijri.syntax"},
	{"14450-09-01", ErrSyntax, "hijri.syntax"},
	{"1445-009-01", ErrSyntax, "hijri.syntax"},
	{"1445-09-001", ErrSyntax, "hijri.syntax"},
	{"1445-1445-1445", ErrSyntax, "hijri.syntax"},
	{"1445-09-01x", ErrSyntax, "hijri.syntax"},
	{"x1445-09-01", ErrSyntax, "hijri.syntax"},
	{"+1445-09-01", ErrSyntax, "hijri.syntax"},
	{"-1445-09-01", ErrSyntax, "hijri.syntax"},
	{"1445-09-01 هـ هـ", ErrSyntax, "hijri.syntax"},
	{"1445/9/1 هـ.", ErrSyntax, "hijri.syntax"},
	{"1445-09-01 Hello", ErrSyntax, "hijri.syntax"},
	{"1445-09-01T00:00:00Z", ErrSyntax, "hijri.syntax"},
	{"\xff1445-09-01", ErrSyntax, "hijri.syntax"},
	{"1445-09-01\xd9", ErrSyntax, "hijri.syntax"},
	{"\xd9\xa1", ErrSyntax, "hijri.syntax"},
	{"1445-09-01" + strings.Repeat(" ", 60), ErrSyntax, "hijri.syntax"}, // longer than 64 bytes
	{"1445-13-01", ErrInvalidDate, "hijri.invalid_month"},
	{"1445-00-01", ErrInvalidDate, "hijri.invalid_month"},
	{"1445-01-30", ErrInvalidDate, "hijri.invalid_day"}, // Muharram 1445 has 29 days
	{"1445-01-00", ErrInvalidDate, "hijri.invalid_day"},
	{"30/8/1410", ErrInvalidDate, "hijri.invalid_day"},
	{"1355-12-01", ErrOutOfRange, "hijri.year_out_of_range"},
	{"1501-01-01", ErrOutOfRange, "hijri.year_out_of_range"},
	{"0000-00-00", ErrOutOfRange, "hijri.year_out_of_range"},
	{"9999-99-99", ErrOutOfRange, "hijri.year_out_of_range"},
	{"1600-01-01", ErrOutOfRange, "hijri.year_out_of_range"},
	{"2078-01-01", ErrOutOfRange, "hijri.year_out_of_range"},
}

func TestParse(t *testing.T) {
	for _, c := range hijriOK {
		d, err := Parse(c.in)
		if assert.NoError(t, err, "%q", c.in) {
			assert.Equal(t, c.want, d, "%q", c.in)
		}
	}
	for _, c := range failures {
		d, err := Parse(c.in)
		assert.ErrorIs(t, err, c.sentinel, "%q", c.in)
		assert.Equal(t, c.reason, fault.ReasonOf(err), "%q", c.in)
		assert.Equal(t, fault.Invalid, fault.CodeOf(err))
		assert.Zero(t, d)
	}
	// Gregorian dates are not Hijri ones.
	for _, c := range []struct {
		in       string
		sentinel error
		reason   string
	}{
		{"2024-07-03", ErrOutOfRange, "hijri.year_out_of_range"},
		{"3/7/2024", ErrOutOfRange, "hijri.year_out_of_range"},
		{"1445-09-01 م", ErrInvalidDate, "hijri.not_hijri"},
		{"2024-07-03 AD", ErrInvalidDate, "hijri.not_hijri"},
		{"2024-07-03 ce", ErrInvalidDate, "hijri.not_hijri"},
	} {
		_, err := Parse(c.in)
		assert.ErrorIs(t, err, c.sentinel, "%q", c.in)
		assert.Equal(t, c.reason, fault.ReasonOf(err), "%q", c.in)
	}
	// Syntax errors also match ErrInvalidDate; range errors do not.
	_, err := Parse("nope")
	assert.ErrorIs(t, err, ErrInvalidDate)
	_, err = Parse("1501-01-01")
	assert.NotErrorIs(t, err, ErrInvalidDate)
}

func TestParseAny(t *testing.T) {
	for _, c := range hijriOK {
		d, err := ParseAny(c.in)
		if assert.NoError(t, err, "%q", c.in) {
			assert.Equal(t, c.want, d, "%q", c.in)
		}
	}
	for _, c := range failures {
		_, err := ParseAny(c.in)
		assert.ErrorIs(t, err, c.sentinel, "%q", c.in)
		assert.Equal(t, c.reason, fault.ReasonOf(err), "%q", c.in)
	}
	gregOK := []struct {
		in   string
		want Date
	}{
		{"2024-07-03", Date{1445, 12, 27}},
		{"2024-7-3", Date{1445, 12, 27}},
		{"2024/7/3", Date{1445, 12, 27}},
		{"3/7/2024", Date{1445, 12, 27}}, // day/month/year, never month/day
		{"03/07/2024 م", Date{1445, 12, 27}},
		{"03/07/2024م", Date{1445, 12, 27}},
		{"2024-07-03 AD", Date{1445, 12, 27}},
		{"2024-07-03 CE", Date{1445, 12, 27}},
		{"2024-07-03ad", Date{1445, 12, 27}},
		{"٢٠٢٤/٧/٣", Date{1445, 12, 27}},
		{"۲۰۲۴-۰۷-۰۳ م", Date{1445, 12, 27}},
		{"\u200f٣/٧/٢٠٢٤ م\u200f", Date{1445, 12, 27}},
		{"1990-03-10", Date{1410, 8, 13}},
		{"2019-01-01", Date{1440, 4, 25}},
		{"1937-03-14", Date{1356, 1, 1}},
		{"2077-11-16", Date{1500, 12, 30}},
		{"2024-12-02", Date{1446, 6, 1}},
		{"29/2/2024", Date{1445, 8, 19}},
		{"2000-02-29", Date{1420, 11, 23}},
	}
	for _, c := range gregOK {
		d, err := ParseAny(c.in)
		if assert.NoError(t, err, "%q", c.in) {
			assert.Equal(t, c.want, d, "%q", c.in)
		}
	}
	for _, c := range []struct {
		in       string
		sentinel error
		reason   string
	}{
		{"1937-03-13", ErrOutOfRange, "hijri.out_of_range"},
		{"1937-01-01", ErrOutOfRange, "hijri.out_of_range"},
		{"2077-11-17", ErrOutOfRange, "hijri.out_of_range"},
		{"2077-12-31", ErrOutOfRange, "hijri.out_of_range"},
		{"1936-12-31", ErrOutOfRange, "hijri.year_out_of_range"},
		{"2023-02-29", ErrInvalidDate, "hijri.invalid_day"},
		{"1900-02-29 م", ErrOutOfRange, "hijri.year_out_of_range"},
		{"2024-04-31", ErrInvalidDate, "hijri.invalid_day"},
		{"2024-13-01", ErrInvalidDate, "hijri.invalid_month"},
		{"2024-00-01", ErrInvalidDate, "hijri.invalid_month"},
		{"2024-01-00", ErrInvalidDate, "hijri.invalid_day"},
		{"2024-07-03 هـ", ErrOutOfRange, "hijri.year_out_of_range"}, // a Hijri year 2024
		{"1445-09-01 م", ErrOutOfRange, "hijri.year_out_of_range"},  // a Gregorian year 1445
		{"1445-09-01 AD", ErrOutOfRange, "hijri.year_out_of_range"},
	} {
		_, err := ParseAny(c.in)
		assert.ErrorIs(t, err, c.sentinel, "%q", c.in)
		assert.Equal(t, c.reason, fault.ReasonOf(err), "%q", c.in)
	}
	fe, ok := fault.As(func() error { _, err := ParseAny("2023-02-29"); return err }())
	require.True(t, ok)
	assert.Equal(t, "day 29 does not exist: February 2023 has 28 days", fe.Message.EN)
	assert.Equal(t, "اليوم 29 غير موجود: شهر فبراير 2023 م عدد أيامه 28", fe.Message.AR)
}

// TestParseAnyEveryDay parses every day of the range in both calendars and
// in all three orders.
func TestParseAnyEveryDay(t *testing.T) {
	for n := int64(firstDay); n <= int64(lastDay); n++ {
		d, err := fromDayNumber(n)
		require.NoError(t, err)
		g := d.Time()
		for _, s := range []string{d.String(), d.Format(Numeric)} {
			got, err := Parse(s)
			require.NoError(t, err, s)
			require.Equal(t, d, got, s)
		}
		for _, s := range []string{g.Format("2006-01-02"), g.Format("2/1/2006"), g.Format("2006/1/2") + " م", d.Format(GregorianNumeric)} {
			got, err := ParseAny(s)
			require.NoError(t, err, s)
			require.Equal(t, d, got, s)
		}
	}
}

func TestGregorianMonthDays(t *testing.T) {
	for y := 1900; y <= 2100; y++ {
		for m := 1; m <= 12; m++ {
			want := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			require.Equal(t, want, gregorianMonthDays(y, m), "%d-%d", y, m)
		}
	}
}

func TestParseAllocs(t *testing.T) {
	for _, s := range []string{"1445-09-01", "١٤٤٥/٩/١ هـ", "3/7/2024 م"} {
		allocs := testing.AllocsPerRun(100, func() {
			if _, err := ParseAny(s); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, allocs, s)
	}
	b := []byte("1445-09-01")
	var d Date
	allocs := testing.AllocsPerRun(100, func() {
		if err := d.UnmarshalText(b); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}
