package nafath_test

import (
	"context"
	"strings"
	"testing"

	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/adapters/nafath/nafathtest"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
)

// FuzzVerifyCallback feeds arbitrary tokens to a client with a warm key
// cache. No input may panic, and the only token that may verify is one
// signed by the fake Nafath for its one transaction.
func FuzzVerifyCallback(f *testing.F) {
	c := newClock()
	srv := nafathtest.NewServer(f, &nafathtest.Options{Now: c.Now, Key: sharedKey()})
	client, err := nafath.New(srv.ClientOptions())
	if err != nil {
		f.Fatal(err)
	}
	id := identity.MustParseNationalID("1000000008")
	ch, err := client.StartSignIn(context.Background(), id)
	if err != nil {
		f.Fatal(err)
	}
	cb, err := srv.Approve(ch.TransID)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := client.VerifyCallback(context.Background(), cb); err != nil {
		f.Fatal(err)
	}
	parts := strings.Split(cb.Token, ".")
	f.Add(cb.Token)
	f.Add(parts[0] + "." + parts[1] + ".")
	f.Add(parts[0] + ".e30." + parts[2])
	f.Add("eyJhbGciOiJub25lIn0." + parts[1] + ".")
	f.Add(strings.Repeat(".", 5))

	f.Fuzz(func(t *testing.T, token string) {
		got, err := client.VerifyCallback(context.Background(), identity.Callback{Token: token, TransID: ch.TransID})
		if err == nil {
			if got.NationalID != id || got.TransID != ch.TransID {
				t.Fatalf("accepted a token for %v / %q", got.NationalID, got.TransID)
			}
			return
		}
		if code := fault.CodeOf(err); code != fault.Unauthenticated {
			t.Fatalf("code %q for %v", code, err)
		}
	})
}
