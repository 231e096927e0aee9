// Package identity is who a person is in masar-go: validated Saudi national
// IDs and Iqama numbers, mobile numbers and email addresses.
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
// Every parse failure matches its sentinel with errors.Is (ErrInvalidNationalID,
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
// their canonical string, so input structs may use them with the tags of
// internal/validation: required, sa_id, sa_citizen_id, sa_mobile, email.
//
// # Logs
//
// Logs and audit trails show identity values through Masked, never String.
//
// Tests get valid and invalid numbers from package identitytest, never from
// real people.
package identity
