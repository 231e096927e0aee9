package identity_test

import (
	"errors"
	"regexp"
	"testing"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
)

var (
	// mobileFormRef: the accepted written forms after normalisation, with the
	// nine-digit national number captured (DOMAIN.md §1.4, plus the national
	// 0 after the country code).
	mobileFormRef = regexp.MustCompile(`^(?:(?:\+|00)?966)?0?(5\d{8})$`)
	// mobileNSNRef: libphonenumber's Saudi mobile pattern.
	mobileNSNRef = regexp.MustCompile(`^(?:579[01]\d{5}|5(?:[013-689]\d|7[0-8])\d{6})$`)
	e164         = regexp.MustCompile(`^\+9665\d{8}$`)
)

func mobileRef(s string) (string, bool) {
	m := mobileFormRef.FindStringSubmatch(normaliseRef(s))
	if m == nil || !mobileNSNRef.MatchString(m[1]) {
		return "", false
	}
	return "+966" + m[1], true
}

func FuzzParseMobile(f *testing.F) {
	for _, s := range []string{
		"0551234567", "551234567", "+966551234567", "966551234567", "00966551234567",
		"+966 055 123 4567", "٠٥٥١٢٣٤٥٦٧", "۰۵۵۱۲۳۴۵۶۷", "055-123-4567", "\u200e+966 55 123 4567",
		"0579012345", "0579212345", "0521234567", "0112345678", "+971501234567", "055123456",
		"", "+", "00", "++966551234567", "055+1234567", "(055) 1234567", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := identity.ParseMobile(s)
		want, ok := mobileRef(s)
		if err != nil {
			if ok {
				t.Fatalf("%q rejected (%v), the reference accepts it as %s", s, err, want)
			}
			if !errors.Is(err, identity.ErrInvalidMobile) || fault.CodeOf(err) != fault.Invalid {
				t.Fatalf("%q: error %v does not match ErrInvalidMobile", s, err)
			}
			switch fault.ReasonOf(err) {
			case "mobile.length", "mobile.characters", "mobile.country", "mobile.prefix", "mobile.unallocated":
			default:
				t.Fatalf("%q: unexpected reason %q", s, fault.ReasonOf(err))
			}
			if !m.IsZero() {
				t.Fatalf("%q: rejected but returned %q", s, m)
			}
			return
		}
		if !ok || m.String() != want {
			t.Fatalf("%q accepted as %q, the reference says %q %v", s, m, want, ok)
		}
		if !e164.MatchString(m.String()) {
			t.Fatalf("%q: %q is not E.164", s, m)
		}
		for _, form := range []string{m.String(), m.National()} {
			back, err := identity.ParseMobile(form)
			if err != nil || back != m {
				t.Fatalf("%q: %q re-parses to %q, %v", s, form, back, err)
			}
		}
	})
}
