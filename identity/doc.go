// Package identity is who a person is in masar-go: validated Saudi national
// IDs and Iqama numbers, mobile numbers and email addresses.
//
// # National IDs and Iqamas
//
// ParseNationalID normalises Arabic-Indic and Persian digits, spaces and
// dashes, then checks the length (10 digits), the first digit (1 citizen,
// 2 resident, 3 or 4 border number) and the Luhn check digit. Every failure
// matches ErrInvalidNationalID with errors.Is and carries its own reason code
// (national_id.length, national_id.characters, national_id.prefix,
// national_id.checksum) and an Arabic and English message.
//
// Logs and audit trails show an ID through Masked.
package identity
