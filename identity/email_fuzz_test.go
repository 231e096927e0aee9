package identity_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
)

func FuzzParseEmail(f *testing.F) {
	for _, s := range []string{
		"sara@example.com", "  Sara.Ali@Example.COM ", "s.ali+hr@mail.moe.gov.sa", "سارة@مثال.السعودية",
		"Sara <sara@example.com>", "<a@b.sa>", `"a b"@x.sa`, "a@b.sa (c)", "a@localhost", "a@[192.0.2.1]",
		"a@-x.sa", "a..b@x.sa", "", "@", "a@b@c.sa", "A@İ.COM", "\xff@x.sa",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := identity.ParseEmail(s)
		if err != nil {
			if !errors.Is(err, identity.ErrInvalidEmail) || fault.CodeOf(err) != fault.Invalid {
				t.Fatalf("%q: error %v does not match ErrInvalidEmail", s, err)
			}
			if !e.IsZero() {
				t.Fatalf("%q: rejected but returned %q", s, e)
			}
			return
		}
		back, err := identity.ParseEmail(e.String())
		if err != nil || back != e {
			t.Fatalf("%q: %q re-parses to %q, %v", s, e, back, err)
		}
		if e.String() != strings.TrimSpace(e.String()) || !utf8.ValidString(e.String()) {
			t.Fatalf("%q: not normalised: %q", s, e)
		}
		if e.Domain() != strings.ToLower(e.Domain()) || e.Local()+"@"+e.Domain() != e.String() {
			t.Fatalf("%q: local %q domain %q of %q", s, e.Local(), e.Domain(), e)
		}
	})
}
