package identitytest_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// The in-memory Authenticator plays Nafath without a network: Approve
// stands in for the person's app and returns the signed callback.
func ExampleAuthenticator() {
	var auth identity.Authenticator = identitytest.NewAuthenticator(nil)
	fake := auth.(*identitytest.Authenticator)
	ctx := context.Background()
	id := identitytest.NewGenerator(1).Citizen()

	ch, err := auth.StartSignIn(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	_, err = auth.StartSignIn(ctx, id)
	fmt.Println("second request refused:", errors.Is(err, identity.ErrSignInActive))

	cb, err := fake.Approve(ch.TransID)
	if err != nil {
		log.Fatal(err)
	}
	state, _ := auth.SignInStatus(ctx, ch)
	fmt.Println("status:", state)

	claims, err := auth.VerifyCallback(ctx, cb)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("verified:", claims.NationalID.Masked(), claims.FirstNameEN, claims.FamilyNameEN)

	cb.Token += "x"
	_, err = auth.VerifyCallback(ctx, cb)
	fmt.Println("tampered token refused:", errors.Is(err, identity.ErrInvalidToken))
	// Output:
	// second request refused: true
	// status: completed
	// verified: 1*******65 Turki Al-Qahtani
	// tampered token refused: true
}
