package identity

import (
	"context"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
)

// Person is what the civil registry knows about the holder of an identity
// number.
type Person struct {
	NationalID NationalID `json:"national_id"`
	// BirthDate is the civil date of birth.
	BirthDate hijri.Date `json:"birth_date"`
	// Nationality is an ISO 3166-1 alpha-2 code, "SA" for Saudi nationals.
	Nationality string `json:"nationality"`
	// NameAR and NameEN are the full names, as the registry gives them.
	NameAR string `json:"name_ar,omitempty"`
	NameEN string `json:"name_en,omitempty"`
}

// Saudi reports whether p is a Saudi national: a citizen's ID (first digit
// 1) and nationality SA.
func (p Person) Saudi() bool {
	return p.NationalID.Kind() == Citizen && p.Nationality == "SA"
}

// ErrNotInRegistry is what a Registry returns for an identity number it does
// not know.
var ErrNotInRegistry = fault.New(fault.NotFound, "registry.not_found",
	"the identity number is not in the civil registry", "رقم الهوية غير موجود في السجل المدني")

// Registry is the port to the civil registry (Yakeen, Absher or the host's
// own source): who holds an identity number.
type Registry interface {
	// LookUp returns the person holding id. It must return an error matching
	// ErrNotInRegistry if the registry does not know id, and one with code
	// unavailable if the registry cannot be reached or times out.
	LookUp(ctx context.Context, id NationalID) (Person, error)
}

// Accounts says which national digital accounts a person has.
type Accounts struct {
	// Absher: the person has an Absher account.
	Absher bool `json:"absher"`
	// Nafath: the person has a Nafath (National SSO) account.
	Nafath bool `json:"nafath"`
}

// AccountDirectory is the port that knows whether a person has Absher and
// Nafath accounts.
type AccountDirectory interface {
	// Accounts returns the accounts of id: the zero Accounts, and no error,
	// for a person it does not know. It must return an error with code
	// unavailable if the directory cannot be reached or times out.
	Accounts(ctx context.Context, id NationalID) (Accounts, error)
}

// EmploymentLookup is the port to the employee records: which regime a
// person works under. The masar facade backs it with package records.
type EmploymentLookup interface {
	// EmploymentSystem returns the system id works under: UnknownSystem, and
	// no error, for a person without an employee file. It must return an
	// error with code unavailable if the records cannot be reached.
	EmploymentSystem(ctx context.Context, id NationalID) (EmploymentSystem, error)
}

// SMSSender is the port that sends text messages.
type SMSSender interface {
	// Send sends text to the mobile number to. The Service writes text in
	// Arabic and English. An error means the message was not accepted for
	// delivery.
	Send(ctx context.Context, to Mobile, text string) error
}

// Mailer is the port that sends email.
type Mailer interface {
	// Send sends a plain-text email to the address to. An error means the
	// message was not accepted for delivery.
	Send(ctx context.Context, to Email, subject, body string) error
}

// Ports are the Service's outside dependencies. Each is needed only by the
// operations that use it; an operation whose port is nil returns
// ErrNotConfigured.
type Ports struct {
	// Registry: registration (identity and birth-date match) and
	// eligibility (nationality).
	Registry Registry
	// Accounts: eligibility (Absher and Nafath accounts).
	Accounts AccountDirectory
	// Employment: eligibility (civil-service employment).
	Employment EmploymentLookup
	// SMS: registration (mobile confirmation codes).
	SMS SMSSender
	// Mail: registration (email confirmation tokens).
	Mail Mailer
	// Authenticator: sign-in.
	Authenticator Authenticator
}

// ErrNotConfigured is returned by an operation whose port was not given to
// New. It is a programming error of the host (code internal).
var ErrNotConfigured = fault.New(fault.Internal, "identity.not_configured",
	"the identity service is not configured for this operation", "خدمة الهوية غير مهيأة لهذه العملية")
