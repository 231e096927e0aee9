package nafath_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/adapters/nafath/nafathtest"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// A whole sign-in against the fake Nafath: start, show the number, the
// person approves in the app, poll, verify the callback, read the identity.
func Example() {
	// In production BaseURL, AppID, AppKey and Audience come from Elm's Rabet
	// registration; here they come from the fake.
	srv := nafathtest.New(nil)
	defer srv.Close()
	client, err := nafath.New(srv.ClientOptions())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	id := identitytest.NewGenerator(1).Citizen()

	ch, err := client.StartSignIn(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("show the person a %d-digit number\n", len(ch.Number))

	// The person picks the number in the Nafath app and approves; Nafath
	// posts the callback to the service provider.
	cb, err := srv.Approve(ch.TransID)
	if err != nil {
		log.Fatal(err)
	}

	// Polling says the person approved: not who they are.
	state, err := client.SignInStatus(ctx, ch)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("status:", state)

	// Only the verified callback proves the identity.
	claims, err := client.VerifyCallback(ctx, cb)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("same person:", claims.NationalID == ch.NationalID)
	fmt.Println("name:", claims.FirstNameEN, claims.FamilyNameEN)
	fmt.Println("born:", claims.DateOfBirth)
	// Output:
	// show the person a 2-digit number
	// status: completed
	// same person: true
	// name: Turki Al-Qahtani
	// born: 1396-07-01
}

// The callback endpoint a host mounts: Nafath POSTs {"token","transId",
// "requestId"}; the handler verifies it and answers quickly.
func Example_callbackHandler() {
	var client *nafath.Client
	callbacks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cb, err := nafath.DecodeCallback(r.Body) // Nafath's body, read up to MaxCallbackBytes
		if err != nil {
			http.Error(w, "bad callback", http.StatusBadRequest)
			return
		}
		claims, err := client.VerifyCallback(r.Context(), cb)
		if err != nil {
			http.Error(w, "rejected", http.StatusUnauthorized)
			return
		}
		// A real host now checks that cb.TransID is a sign-in it started for
		// claims.NationalID, marks it used, and signs the person in.
		fmt.Println("callback verified for", claims.NationalID.Masked())
		w.WriteHeader(http.StatusOK)
	}))
	defer callbacks.Close()

	srv := nafathtest.New(&nafathtest.Options{CallbackURL: callbacks.URL})
	defer srv.Close()
	var err error
	if client, err = nafath.New(srv.ClientOptions()); err != nil {
		log.Fatal(err)
	}

	ch, err := client.StartSignIn(context.Background(), identity.MustParseNationalID("1000000008"))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := srv.Approve(ch.TransID); err != nil { // posts the callback
		log.Fatal(err)
	}
	// Output:
	// callback verified for 1*******08
}
