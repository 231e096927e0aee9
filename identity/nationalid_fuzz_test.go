package identity_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
)

// normaliseRef is an independent, slow statement of the normalisation rule:
// Arabic-Indic and Persian digits to ASCII, separators dropped.
func normaliseRef(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + r - '٠'
		case r >= '۰' && r <= '۹':
			return '0' + r - '۰'
		case strings.ContainsRune(" \t\u00a0-_\u200e\u200f\u061c", r):
			return -1
		}
		return r
	}, s)
}

// nationalIDRef is an independent, slow statement of DOMAIN.md §1.2.
func nationalIDRef(s string) (string, bool) {
	s = normaliseRef(s)
	if len(s) != 10 || strings.Trim(s, "0123456789") != "" || !strings.ContainsRune("1234", rune(s[0])) {
		return "", false
	}
	sum := 0
	for i := range 10 {
		d := int(s[i] - '0')
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return s, sum%10 == 0
}

func FuzzParseNationalID(f *testing.F) {
	for _, s := range []string{
		"1000000008", "2000000006", "1010101010", "1058529940", "1001244019", "2172323137", "3000000004",
		"١٠٠٠٠٠٠٠٠٨", "۱۰۵۸۵۲۹۹۴۰", "1-058 529_940", "\u200f4000000002",
		"1234567890", "1000000000", "1058529941", "2000000007", "3000000002", "100000000", "5000000002",
		"", "10000x0008", "10000000081", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := identity.ParseNationalID(s)
		want, ok := nationalIDRef(s)
		if err != nil {
			if ok {
				t.Fatalf("%q rejected (%v), the reference accepts it", s, err)
			}
			if !errors.Is(err, identity.ErrInvalidNationalID) || fault.CodeOf(err) != fault.Invalid {
				t.Fatalf("%q: error %v does not match ErrInvalidNationalID", s, err)
			}
			switch fault.ReasonOf(err) {
			case "national_id.length", "national_id.characters", "national_id.prefix", "national_id.checksum":
			default:
				t.Fatalf("%q: unexpected reason %q", s, fault.ReasonOf(err))
			}
			if !id.IsZero() {
				t.Fatalf("%q: rejected but returned %q", s, id)
			}
			return
		}
		if !ok || id.String() != want {
			t.Fatalf("%q accepted as %q, the reference says %q %v", s, id, want, ok)
		}
		back, err := identity.ParseNationalID(id.String())
		if err != nil || back != id {
			t.Fatalf("%q: String %q re-parses to %q, %v", s, id, back, err)
		}
		if len(s) == 10 && strings.Trim(s, "0123456789") == "" && id.String() != s {
			t.Fatalf("canonical %q became %q", s, id)
		}
		if k := id.Kind(); k != identity.Citizen && k != identity.Resident && k != identity.Border {
			t.Fatalf("%q: kind %v", s, k)
		}
		if m := id.Masked(); len(m) != 10 || m[0] != id.String()[0] || m[8:] != id.String()[8:] {
			t.Fatalf("%q: masked %q", s, m)
		}
	})
}
