package hijri

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
)

// More seeds live in testdata/fuzz/<FuzzName>/.
var parseSeeds = []string{
	"1445-09-01", "1445/9/1", "1/9/1445", "١٤٤٥/٩/١ هـ", "۱۴۴۵-۰۹-۰۱", "8 / 04 / 1441 هـ",
	"\u200f1445/9/1\u200f", "1445-01-30", "1445-13-01", "1355-12-29", "1501-01-01",
	"2024-07-03", "3/7/2024 م", "2024-07-03 AD", "2023-02-29", "1937-03-13", "2077-11-17",
	"", " ", "-", "1445--01", "1445-09-01x", "9999-99-99", "0/0/0000", "\xd9", "\xe2\x80",
}

// checkErr fails unless err is one of the package's errors.
func checkErr(t *testing.T, in any, err error) {
	t.Helper()
	if !errors.Is(err, ErrInvalidDate) && !errors.Is(err, ErrOutOfRange) {
		t.Fatalf("%q: error %v is neither ErrInvalidDate nor ErrOutOfRange", in, err)
	}
	if fault.CodeOf(err) != fault.Invalid || fault.MessageOf(err, i18n.Arabic) == "" || fault.MessageOf(err, i18n.English) == "" {
		t.Fatalf("%q: error %v has no code or messages", in, err)
	}
}

// checkDate fails unless d is valid and round-trips through Time, String,
// Format and the encodings.
func checkDate(t *testing.T, in any, d Date) {
	t.Helper()
	if !d.IsValid() {
		t.Fatalf("%q: accepted invalid %v", in, d)
	}
	if back, err := FromTime(d.Time()); err != nil || back != d {
		t.Fatalf("%q: %v.Time() = %v, back %v, %v", in, d, d.Time(), back, err)
	}
	if back, err := Parse(d.String()); err != nil || back != d {
		t.Fatalf("%q: Parse(%q) = %v, %v", in, d.String(), back, err)
	}
	if back, err := ParseAny(d.Format(GregorianISO)); err != nil || back != d {
		t.Fatalf("%q: ParseAny(%q) = %v, %v", in, d.Format(GregorianISO), back, err)
	}
	b, err := d.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var j Date
	if err := j.UnmarshalJSON(b); err != nil || j != d {
		t.Fatalf("%q: JSON %s = %v, %v", in, b, j, err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			checkErr(t, s, err)
			if !d.IsZero() {
				t.Fatalf("%q: non-zero %v with error", s, d)
			}
			return
		}
		checkDate(t, s, d)
		// ParseAny accepts what Parse does, with the same meaning.
		if a, err := ParseAny(s); err != nil || a != d {
			t.Fatalf("%q: Parse = %v but ParseAny = %v, %v", s, d, a, err)
		}
	})
}

func FuzzParseAny(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseAny(s)
		// The decoders accept what ParseAny does, except empty text, which
		// they read as the zero Date.
		var txt, scanned Date
		terr := txt.UnmarshalText([]byte(s))
		serr := scanned.Scan(s)
		if err != nil {
			checkErr(t, s, err)
			if s != "" && terr == nil {
				t.Fatalf("%q: ParseAny fails (%v) but UnmarshalText gives %v", s, err, txt)
			}
			if serr != nil {
				checkErr(t, s, serr)
			} else if s != "" && !scanned.IsValid() {
				t.Fatalf("%q: Scan accepted invalid %v", s, scanned)
			}
			return
		}
		checkDate(t, s, d)
		if terr != nil || txt != d || serr != nil || scanned != d {
			t.Fatalf("%q: ParseAny = %v; UnmarshalText = %v, %v; Scan = %v, %v", s, d, txt, terr, scanned, serr)
		}
	})
}

func FuzzNew(f *testing.F) {
	for _, c := range [][3]int{
		{1445, 9, 1}, {1445, 1, 30}, {1445, 13, 1}, {1356, 1, 1}, {1500, 12, 30}, {1355, 12, 30},
		{1501, 1, 1}, {0, 0, 0}, {-1, -1, -1}, {1364, 8, 29}, {1 << 62, 1 << 62, 1 << 62}, {2024, 7, 3},
	} {
		f.Add(c[0], c[1], c[2])
	}
	f.Fuzz(func(t *testing.T, y, m, d int) {
		in := [3]int{y, m, d}
		date, err := New(y, m, d)
		raw := Date{y, Month(m), d}
		if err != nil {
			checkErr(t, in, err)
			if raw.IsValid() || !raw.Time().IsZero() {
				t.Fatalf("%v: New fails but the Date is valid", in)
			}
			_ = raw.String()
			_ = raw.Format(ArabicLong)
			_ = raw.Weekday()
			_ = Between(raw, MustNew(1445, 1, 1))
		} else {
			if date != raw || DaysInMonth(y, Month(m)) < d {
				t.Fatalf("%v: New = %v", in, date)
			}
			checkDate(t, in, date)
			if _, err := date.AddDays(d * m); err != nil && !errors.Is(err, ErrOutOfRange) {
				t.Fatalf("%v: AddDays: %v", in, err)
			}
		}
		// FromGregorian normalises as time.Date does, and never overflows.
		g, err := FromGregorian(y, time.Month(m), d)
		if err != nil {
			checkErr(t, in, err)
			return
		}
		checkDate(t, in, g)
		if -1<<20 < y && y < 1<<20 && -1<<20 < m && m < 1<<20 && -1<<30 < d && d < 1<<30 {
			want := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
			if !g.Time().Equal(want) {
				t.Fatalf("%v: FromGregorian = %v (%v), time.Date = %v", in, g, g.Time(), want)
			}
		}
	})
}

func FuzzUnmarshalJSON(f *testing.F) {
	for _, s := range parseSeeds {
		b, _ := json.Marshal(s)
		f.Add(b)
	}
	for _, s := range []string{`null`, `""`, `"\u0661\u0664\u0664\u0665-09-01"`, `14450901`, `{}`, `"\ud800"`, `"1445\/9\/1"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		before := MustNew(1440, 1, 1)
		d := before
		err := d.UnmarshalJSON(b)
		if err != nil {
			checkErr(t, b, err)
			if d != before {
				t.Fatalf("%q: changed to %v on error", b, d)
			}
			return
		}
		if d.IsZero() || d == before {
			return // null, "" or the same date
		}
		checkDate(t, b, d)
		// encoding/json agrees.
		var via struct{ D Date }
		if err := json.Unmarshal(append(append([]byte(`{"D":`), b...), '}'), &via); err == nil && via.D != d {
			t.Fatalf("%q: json.Unmarshal gives %v, UnmarshalJSON %v", b, via.D, d)
		}
	})
}
