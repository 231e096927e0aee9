// Package identity is who a person is in masar-go, and what they may use:
// validated Saudi national IDs and Iqama numbers, mobile numbers and email
// addresses; eligibility policies per Masar service; registration with a
// mobile code and an email token; sign-in through an Authenticator (Nafath);
// and consents that open parts of a person's file to an agency.
//
// # Eligibility
//
// Each Masar service (MasarService: promotions, grievances, my job data,
// service statement, job-data audit, CV) has a Policy: which of the
// conditions it requires — Saudi national, civil-service employment, an
// Absher account, a Nafath account, a permission on the service. Check is
// the pure rule: it returns a Decision listing every failed condition with a
// reason code and an Arabic and English message (about 20 ns and no
// allocation when allowed). Service.CheckEligibility gathers the Facts from
// ports the host plugs in (Registry, AccountDirectory, EmploymentLookup) and
// applies the policy. DefaultPolicies documents where each default comes
// from ([S1] for grievances, [INF] for the others); hosts pass their own.
//
// # Registration
//
// StartRegistration matches the ID and birth date (either calendar; the
// civil day is compared) against the Registry — a miss and a mismatch give
// the same error, so registration cannot probe who exists — refuses an ID
// already registered, and sends a 6-digit code (crypto/rand, no modulo bias)
// through the SMSSender and a single-use token through the Mailer. Codes and
// tokens are stored only as HMAC-SHA256 under Options.OTPKey and compared in
// constant time. A code lives 5 minutes; 5 wrong codes lock confirmation for
// 15 minutes and void the code; resends respect a cooldown and a send limit.
// A wrong code is counted (by compare-and-swap, so concurrent guesses cannot
// exceed the limit) even though the call fails: that is the one write a
// failing call keeps. If a send fails, the stored change is undone.
//
// Only the ID and the birth date are checked before codes are sent, so
// anyone who knows them can start a registration for that number. A start
// therefore never replaces the contact channels of an attempt under way: a
// start with the same mobile and email restarts that attempt (a resend, with
// its cooldown and limits), a start with another mobile or email is a
// separate attempt with its own ID, codes and token. Attempts run side by
// side (at most Options.MaxRegistrationAttempts, default 3, each lapsing
// EmailTokenTTL after it started); the first to confirm both its mobile and
// its email becomes the registration, and the others are deleted (a code or
// token of theirs then finds nothing). The Store keeps at most one active
// registration per number, so two attempts confirming at once cannot both
// win: the loser of such a race gets ErrAlreadyRegistered, a later code or
// token of a deleted attempt finds nothing, and starting again says
// ErrAlreadyRegistered — the same as if the other had registered first,
// which knowing the ID and birth date always allowed. The bound on attempts
// lets someone who knows the ID and birth date hold the number's attempts
// for a while; that is less than what the same knowledge already allows
// (registering), and each attempt lapses unless it is restarted, costing a
// text message and an email each time.
//
// # Sign-in
//
// StartSignIn asks the Authenticator to push a request and returns the
// two-digit number to show; CompleteSignIn verifies the signed callback and
// consumes the pending sign-in exactly once, returning a Session. Polling
// (SignInStatus) is never proof of identity. adapters/nafath implements the
// Authenticator against Nafath; identitytest.NewAuthenticator is an
// in-memory one.
//
// # Consent
//
// An owner grants an agency read access to named Parts of their file for a
// purpose over the instants [From, Until); revoking is idempotent. Allowed
// (pure) and Service.ConsentAllowed answer for one part at one instant;
// expired or revoked consents allow nothing.
//
// # Concurrency and time
//
// A Service is safe for concurrent use; aggregates are versioned and written
// by compare-and-swap. Options.Now is read once per operation; instants are
// stored in UTC at microsecond precision.
//
// # National IDs and Iqamas
//
// ParseNationalID normalises Arabic-Indic and Persian digits, spaces, dashes,
// underscores and invisible bidirectional marks, then checks the length (10
// digits), the first digit (1 citizen, 2 resident, 3 or 4 border number) and
// the Luhn check digit over all ten digits (DOMAIN.md §1.1–1.3). Canonical
// ASCII input is parsed without allocating. NationalID.Kind tells Citizen,
// Resident and Border apart.
//
// # Mobile numbers
//
// ParseMobile accepts 05XXXXXXXX, 5XXXXXXXX, +9665XXXXXXXX, 9665XXXXXXXX and
// 009665XXXXXXXX (and +966 05XXXXXXXX), in any of the three digit sets, and
// rejects national numbers outside the allocated mobile ranges
// (libphonenumber's pattern, DOMAIN.md §1.4: 052 and 0579[2-9] are not
// allocated). A Mobile holds the E.164 form +9665XXXXXXXX; National gives
// 05XXXXXXXX.
//
// # Email addresses
//
// ParseEmail accepts one bare address (net/mail's addr-spec, no display name,
// comment or quoted local part) with a dotted host name; an Email holds it
// trimmed with its domain lower-cased.
//
// # Errors
//
// Registration, sign-in and consent errors are coded sentinels of this
// package (ErrAlreadyRegistered, ErrDetailsMismatch, ErrOTPMismatch,
// ErrSignInActive, ErrInvalidToken, ErrConsentNotFound, …), each with its
// reason code and Arabic and English message. Every parse failure matches its sentinel with errors.Is (ErrInvalidNationalID,
// ErrInvalidMobile, ErrInvalidEmail, all of code invalid) and carries its own
// reason code and an Arabic and English message:
//
//   - national_id.length, national_id.characters, national_id.prefix,
//     national_id.checksum;
//   - mobile.length, mobile.characters, mobile.country (not +966),
//     mobile.prefix (not a mobile number), mobile.unallocated;
//   - email.format, email.display_name, email.length, email.domain;
//   - <type>.type when a JSON value is not a string.
//
// # Encoding
//
// NationalID, Mobile and Email are comparable values whose zero value is
// "absent" (IsZero). They marshal to JSON as their canonical string and the
// zero value as null (use the omitzero option to omit it); they unmarshal
// from a JSON string through their parser, so input is normalised and an
// invalid value fails the decode with its coded error; "" gives the zero
// value (leaving "missing" to a required rule) and null leaves the value
// unchanged. They implement encoding.TextMarshaler and TextUnmarshaler (for
// map keys and other encoders), driver.Valuer (the canonical string, NULL for
// the zero value) and sql.Scanner (NULL and "" give the zero value; a stored
// value that does not parse is its coded error).
//
// # Validation
//
// The three types implement go-playground/validator's Valuer, presenting
// their canonical string, so input structs may use them with the same
// validate tags as a string field: required, sa_id, sa_citizen_id,
// sa_mobile, email (the tags the Services check; a failure matches
// fault.ErrInvalidInput).
//
// # Logs
//
// Logs and audit trails show identity values through Masked, never String.
//
// Tests get valid and invalid numbers from package identitytest, never from
// real people.
package identity
