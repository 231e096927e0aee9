package nafathtest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/adapters/nafath/nafathtest"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// The fake behaves like Nafath: one waiting request per identity, a
// lifetime, controls standing in for the person's app, and injected
// failures. In a test, use NewServer(t, opts), which closes it at the end.
func ExampleServer() {
	now := time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)
	srv := nafathtest.New(&nafathtest.Options{Now: func() time.Time { return now }})
	defer srv.Close()
	client, err := nafath.New(srv.ClientOptions())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	id := identitytest.NewGenerator(2).Citizen()

	ch, err := client.StartSignIn(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.StartSignIn(ctx, id)
	fmt.Println("second request:", errors.Is(err, identity.ErrSignInActive))

	// A test that only sees the application's HTTP API finds the
	// transaction by national ID.
	tx, _ := srv.ActiveTransaction(id)
	fmt.Println("found:", tx.TransID == ch.TransID, tx.State)

	if err := srv.Reject(tx.TransID); err != nil {
		log.Fatal(err)
	}
	state, _ := client.SignInStatus(ctx, ch)
	fmt.Println("after Reject:", state)

	srv.FailNext(nafathtest.EndpointRequest, 503, "")
	_, err = client.StartSignIn(ctx, id)
	fmt.Println("injected 503:", errors.Is(err, identity.ErrAuthenticatorUnavailable))
	// Output:
	// second request: true
	// found: true WAITING
	// after Reject: rejected
	// injected 503: true
}
