package identity

import (
	"database/sql/driver"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/internal/saudi"
)

// Kind is the kind of person a 10-digit identity number belongs to, from its first digit.
type Kind int

// The kinds of identity number.
const (
	// Citizen: a Saudi national ID, first digit 1.
	Citizen Kind = 1
	// Resident: a resident's Iqama number, first digit 2.
	Resident Kind = 2
	// Border: a border (visitor) number, first digit 3 or 4.
	Border Kind = 3
)

// String returns "citizen", "resident" or "border".
func (k Kind) String() string {
	switch k {
	case Citizen:
		return "citizen"
	case Resident:
		return "resident"
	case Border:
		return "border"
	}
	return "unknown"
}

// ErrInvalidNationalID is the sentinel every national ID or Iqama parse
// failure matches. Its refinements carry the reasons
// national_id.length, national_id.characters, national_id.prefix,
// national_id.checksum and, for JSON that is not a string, national_id.type.
var ErrInvalidNationalID = fault.New(fault.Invalid, "national_id.invalid",
	"invalid national ID or Iqama number", "رقم الهوية الوطنية أو الإقامة غير صحيح")

var (
	errIDLength = ErrInvalidNationalID.Because("national_id.length",
		"a national ID or Iqama number has exactly 10 digits", "يتكون رقم الهوية الوطنية أو الإقامة من 10 أرقام")
	errIDChars = ErrInvalidNationalID.Because("national_id.characters",
		"a national ID or Iqama number contains digits only", "يجب أن يحتوي رقم الهوية الوطنية أو الإقامة على أرقام فقط")
	errIDPrefix = ErrInvalidNationalID.Because("national_id.prefix",
		"a national ID starts with 1, an Iqama with 2, a border number with 3 or 4", "يبدأ رقم الهوية الوطنية بالرقم 1 والإقامة بالرقم 2 ورقم الحدود بالرقم 3 أو 4")
	errIDChecksum = ErrInvalidNationalID.Because("national_id.checksum",
		"the check digit of the national ID or Iqama number does not match", "رقم التحقق في رقم الهوية الوطنية أو الإقامة غير مطابق")
	errIDType = ErrInvalidNationalID.Because("national_id.type",
		"a national ID or Iqama number must be given as text", "يجب إدخال رقم الهوية الوطنية أو الإقامة نصاً")
)

// NationalID is a parsed, validated 10-digit Saudi identity number: a
// citizen's national ID, a resident's Iqama, or a border number. The zero
// value is the empty ID; IsZero reports it. NationalID values are comparable.
//
// It encodes as its 10 digits in JSON, text and SQL; the zero value is JSON
// null and SQL NULL (see MarshalJSON and Value).
type NationalID struct {
	s string
}

// ParseNationalID parses s as a national ID or Iqama number. It accepts
// Arabic-Indic (٠–٩) and Persian (۰–۹) digits and ignores spaces, tabs,
// no-break spaces, dashes, underscores and the invisible bidirectional marks
// (U+200E, U+200F, U+061C) that copying from right-to-left text adds; the
// result is exactly 10 digits whose first digit is 1, 2, 3 or 4 and whose
// last digit is the Luhn check digit over the other nine. Every failure
// matches ErrInvalidNationalID and names its reason.
//
// Canonical input (10 ASCII digits) is parsed without allocating.
func ParseNationalID(s string) (NationalID, error) {
	c, p := saudi.NationalID(s)
	if p != saudi.OK {
		return NationalID{}, idError(p)
	}
	return NationalID{s: c}, nil
}

func idError(p saudi.Problem) error {
	switch p {
	case saudi.Length:
		return errIDLength
	case saudi.Characters:
		return errIDChars
	case saudi.Prefix:
		return errIDPrefix
	case saudi.Checksum:
		return errIDChecksum
	}
	return ErrInvalidNationalID
}

// MustParseNationalID is like ParseNationalID but panics on error. It is
// meant for constants and tests.
func MustParseNationalID(s string) NationalID {
	id, err := ParseNationalID(s)
	if err != nil {
		panic(err)
	}
	return id
}

// LuhnCheckDigit returns the Luhn (mod 10) check digit, as a number 0–9, of
// the ASCII digits in s, counting positions from the left as the Saudi
// numbering does: the 1st, 3rd, 5th … digits are doubled. Given the first
// nine digits of an ID it returns the tenth. It is exported for generators of
// test data.
func LuhnCheckDigit(s string) byte { return saudi.LuhnCheckDigit(s) }

// String returns the 10 ASCII digits, or "" for the zero ID.
func (id NationalID) String() string { return id.s }

// IsZero reports whether id is the zero (empty) ID. encoding/json's
// omitzero option uses it.
func (id NationalID) IsZero() bool { return id.s == "" }

// Kind returns Citizen, Resident or Border; 0 for the zero ID.
func (id NationalID) Kind() Kind {
	if id.s == "" {
		return 0
	}
	switch id.s[0] {
	case '1':
		return Citizen
	case '2':
		return Resident
	}
	return Border
}

// Masked returns the ID with all but its first and last two digits hidden,
// e.g. "1*******08", for logs and audit trails; "" for the zero ID.
func (id NationalID) Masked() string {
	if id.s == "" {
		return ""
	}
	return id.s[:1] + "*******" + id.s[8:]
}

// ValidatorValue returns the ID's digits ("" for the zero ID). It lets
// go-playground/validator (and so the Services' input checks) check a
// NationalID field with the same tags as a string field: required, sa_id,
// sa_citizen_id.
func (id NationalID) ValidatorValue() any { return id.s }

// MarshalJSON encodes the ID as a JSON string of its 10 digits, and the zero
// ID as null (omit it with the omitzero option).
func (id NationalID) MarshalJSON() ([]byte, error) { return marshalJSONString(id.s), nil }

// UnmarshalJSON decodes a JSON string with ParseNationalID. "" gives the zero
// ID (so that a required rule, not the decoder, reports a missing ID); null
// leaves id unchanged, as encoding/json does for other types. Any other JSON
// value, or a string that does not parse, is an error matching
// ErrInvalidNationalID.
func (id *NationalID) UnmarshalJSON(data []byte) error {
	s, null, ok := unmarshalJSONString(data)
	switch {
	case null:
		return nil
	case !ok:
		return errIDType
	}
	return id.UnmarshalText([]byte(s))
}

// MarshalText returns the 10 digits ("" for the zero ID).
func (id NationalID) MarshalText() ([]byte, error) { return []byte(id.s), nil }

// UnmarshalText parses text with ParseNationalID; empty text gives the zero ID.
func (id *NationalID) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*id = NationalID{}
		return nil
	}
	v, err := ParseNationalID(string(text))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// Value implements driver.Valuer: the 10 digits as a string, or NULL for the
// zero ID.
func (id NationalID) Value() (driver.Value, error) {
	if id.s == "" {
		return nil, nil
	}
	return id.s, nil
}

// Scan implements sql.Scanner. It accepts NULL and "" (the zero ID), a
// string or []byte (parsed with ParseNationalID) and an int64 (a number
// column). A stored value that does not parse is an error matching
// ErrInvalidNationalID.
func (id *NationalID) Scan(src any) error {
	return scanText(src, "NationalID", true, id.UnmarshalText)
}
