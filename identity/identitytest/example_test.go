package identitytest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// A test generates the identity numbers it needs instead of using real
// people's; the same seed gives the same numbers, run after run.
func ExampleGenerator() {
	g := identitytest.NewGenerator(42)
	citizen, resident, border := g.Citizen(), g.Resident(), g.Border()
	fmt.Println(citizen.Kind(), resident.Kind(), border.Kind())

	_, err := identity.ParseNationalID(citizen.String())
	fmt.Println("parses:", err == nil)
	fmt.Println("same seed, same ID:", identitytest.NewGenerator(42).Citizen() == citizen)
	// Output:
	// citizen resident border
	// parses: true
	// same seed, same ID: true
}

// Invalid numbers for negative tests, one per reason code a parser reports.
func ExampleGenerator_Invalid() {
	g := identitytest.NewGenerator(1)
	for _, k := range identitytest.InvalidKinds {
		_, err := identity.ParseNationalID(g.Invalid(k))
		fmt.Println(k.Reason(), errors.Is(err, identity.ErrInvalidNationalID) && fault.ReasonOf(err) == k.Reason())
	}
	// Output:
	// national_id.checksum true
	// national_id.prefix true
	// national_id.length true
	// national_id.length true
	// national_id.characters true
}

// Valid mobile numbers are in allocated ranges; invalid ones fail for a
// known reason.
func ExampleGenerator_Mobile() {
	g := identitytest.NewGenerator(1)
	_, err := identity.ParseMobile(g.Mobile().National())
	fmt.Println("valid:", err == nil)
	for _, k := range identitytest.InvalidMobileKinds {
		_, err := identity.ParseMobile(g.InvalidMobile(k))
		fmt.Println(k, fault.ReasonOf(err) == k.Reason())
	}
	// Output:
	// valid: true
	// MobileTooShort true
	// MobileTooLong true
	// MobileBadCharacter true
	// MobileForeign true
	// MobileLandline true
	// MobileUnallocated true
}

// SMS records the texts a service sends; LastCode reads back the one-time
// code the person would type.
func ExampleSMS() {
	sms := &identitytest.SMS{}
	var sender identity.SMSSender = sms // what identity.Ports.SMS takes
	to := identitytest.NewGenerator(1).Mobile()
	if err := sender.Send(context.Background(), to, identity.DefaultSMSText("482913", 5*time.Minute)); err != nil {
		log.Fatal(err)
	}
	code, ok := sms.LastCode(to)
	fmt.Println(code, ok, len(sms.Messages()))

	sms.Fail(errors.New("gateway down"))
	fmt.Println(sender.Send(context.Background(), to, "x"), len(sms.Messages()))
	// Output:
	// 482913 true 1
	// gateway down 1
}

// The Registry fake knows the people a test adds; DefaultProfile makes up
// their data, the same the fake Authenticator proves at sign-in.
func ExampleRegistry() {
	ctx := context.Background()
	g := identitytest.NewGenerator(7)
	known, stranger := g.Citizen(), g.Resident()
	registry := identitytest.NewRegistry(identitytest.DefaultProfile(known).Person(known))

	p, err := registry.LookUp(ctx, known)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.NationalID == known, p.Nationality, p.Saudi())
	_, err = registry.LookUp(ctx, stranger)
	fmt.Println(errors.Is(err, identity.ErrNotInRegistry), registry.Calls())
	// Output:
	// true SA true
	// true 2
}

// Options fix the clock and the person data a sign-in proves.
func ExampleNewAuthenticator() {
	ctx := context.Background()
	now := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	id := identitytest.NewGenerator(3).Citizen()
	auth := identitytest.NewAuthenticator(&identitytest.AuthenticatorOptions{
		Now: func() time.Time { return now },
		Profiles: map[identity.NationalID]identitytest.Profile{id: {
			FirstNameEN: "Noura", FamilyNameEN: "Alqahtani", Nationality: "SA", Gender: "F",
			DateOfBirth: hijri.MustNew(1410, 9, 29),
		}},
	})

	ch, err := auth.StartSignIn(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("expires after", ch.ExpiresAt.Sub(now))
	cb, err := auth.Approve(ch.TransID)
	if err != nil {
		log.Fatal(err)
	}
	claims, err := auth.VerifyCallback(ctx, cb)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(claims.FirstNameEN, claims.FamilyNameEN, claims.DateOfBirth, claims.ExpiresAt.Sub(now))
	// Output:
	// expires after 3m20s
	// Noura Alqahtani 1410-09-29 5m0s
}
