package separation_test

import (
	"errors"
	"testing"

	"github.com/masarhr/masar-go/separation"
)

// FuzzParseBirthDate checks that ParseBirthDate never panics, that every
// error is ErrBirthDate, and that a date it returns is valid and reads
// back the same when written out in full.
func FuzzParseBirthDate(f *testing.F) {
	for _, s := range []string{"1400", "1400-07", "1400-07-15", "1400/07/15", "1400-00-00", "1400/0/0", "1445-13-01", "", "١٤٠٠"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := separation.ParseBirthDate(s)
		if err != nil {
			if !errors.Is(err, separation.ErrBirthDate) {
				t.Fatalf("ParseBirthDate(%q): error %v is not ErrBirthDate", s, err)
			}
			return
		}
		if !d.IsValid() {
			t.Fatalf("ParseBirthDate(%q) = %v, not a valid date", s, d)
		}
		again, err := separation.ParseBirthDate(d.String())
		if err != nil || again != d {
			t.Fatalf("ParseBirthDate(%q) = %v, but its text reads back as %v, %v", s, d, again, err)
		}
	})
}
