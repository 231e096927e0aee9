package identity_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// A member of the armed forces without a Nafath account asks to use the
// promotions service: every failed condition is listed, in Arabic here.
func ExampleCheck() {
	policy := identity.DefaultPolicies()[identity.Promotions]
	facts := identity.Facts{
		Saudi:            true,
		EmploymentSystem: identity.Military,
		HasNafath:        false,
		Permissions:      []identity.MasarService{identity.Promotions},
	}
	d := identity.Check(policy, facts)
	fmt.Println("allowed:", d.Allowed)
	for _, r := range d.Reasons {
		fmt.Printf("%s: %s\n", r.Code, r.Message.In(i18n.Arabic))
	}
	// Output:
	// allowed: false
	// eligibility.not_civil_service: هذه الخدمة متاحة لموظفي الخدمة المدنية فقط، ولا تشمل العسكريين وموظفي القطاع الخاص
	// eligibility.no_nafath: يلزم وجود حساب في النفاذ الوطني الموحد
}

// Registering: the registry confirms the ID and birth date, a code goes to
// the mobile by SMS and a token to the email; both confirmed, the
// registration is active. The fakes of identitytest stand in for the
// registry, the SMS gateway and the mail server.
func ExampleService_StartRegistration() {
	ctx := context.Background()
	id := identitytest.NewGenerator(1).Citizen()
	registry := identitytest.NewRegistry(identity.Person{
		NationalID: id, BirthDate: hijri.MustNew(1410, 9, 29), Nationality: "SA",
	})
	sms, mail := &identitytest.SMS{}, &identitytest.Mail{}

	key := make([]byte, identity.MinOTPKeyLen) // in production: a secret from the host's key store
	if _, err := rand.Read(key); err != nil {
		log.Fatal(err)
	}
	svc, err := identity.New(memstore.New(nil), identity.Ports{Registry: registry, SMS: sms, Mail: mail},
		&identity.Options{OTPKey: key})
	if err != nil {
		log.Fatal(err)
	}

	// The birth date may be written in either calendar: 24/4/1990 is 29/9/1410 AH.
	r, err := svc.StartRegistration(ctx, identity.RegisterInput{
		NationalID: id.String(), BirthDate: "24/4/1990", Mobile: "0551234567", Email: "noura@example.sa",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Status, "— code sent to", r.Mobile.Masked(), "valid for", r.OTP.ExpiresAt.Sub(r.OTP.SentAt))

	code, _ := sms.LastCode(r.Mobile)                       // what the person reads on their phone
	typo := string(rune('0'+(code[0]-'0'+1)%10)) + code[1:] // a mistyped first digit
	_, err = svc.VerifyMobile(ctx, r.ID, typo)
	if errors.Is(err, identity.ErrOTPMismatch) {
		fmt.Println(fault.MessageOf(err, i18n.English))
	}
	if _, err := svc.VerifyMobile(ctx, r.ID, code); err != nil {
		log.Fatal(err)
	}
	token, _ := mail.LastToken(r.Email) // what the person finds in their mailbox
	r, err = svc.ConfirmEmail(ctx, token)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Status)

	_, err = svc.StartRegistration(ctx, identity.RegisterInput{
		NationalID: id.String(), BirthDate: "1410-09-29", Mobile: "0551234567", Email: "noura@example.sa",
	})
	fmt.Println(fault.ReasonOf(err))
	// Output:
	// pending — code sent to +96655*****67 valid for 5m0s
	// the verification code is not correct; attempts left: 4
	// active
	// registration.already_registered
}
