package identitytest_test

import (
	"errors"
	"testing"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

func TestGeneratedIDsParse(t *testing.T) {
	g := identitytest.NewGenerator(1)
	for i := 0; i < 500; i++ {
		for want, id := range map[identity.Kind]identity.NationalID{identity.Citizen: g.Citizen(), identity.Resident: g.Resident(), identity.Border: g.Border()} {
			back, err := identity.ParseNationalID(id.String())
			if err != nil || back != id || back.Kind() != want {
				t.Fatalf("%s: %v %v", id, back.Kind(), err)
			}
		}
	}
}

func TestInvalidIDsFailForTheirReason(t *testing.T) {
	g := identitytest.NewGenerator(2)
	for i := 0; i < 200; i++ {
		for _, k := range identitytest.InvalidKinds {
			s := g.Invalid(k)
			_, err := identity.ParseNationalID(s)
			if !errors.Is(err, identity.ErrInvalidNationalID) || fault.ReasonOf(err) != k.Reason() {
				t.Fatalf("%q (%v): got %v (%s)", s, k, err, fault.ReasonOf(err))
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := identitytest.NewGenerator(7), identitytest.NewGenerator(7)
	for i := 0; i < 10; i++ {
		if a.Citizen() != b.Citizen() {
			t.Fatal("same seed, different IDs")
		}
	}
}
