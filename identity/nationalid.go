package identity

import (
	"github.com/masarhr/masar-go/internal/fault"
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
// national_id.length, national_id.characters, national_id.prefix and
// national_id.checksum.
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
)

// NationalID is a parsed, validated 10-digit Saudi identity number: a
// citizen's national ID, a resident's Iqama, or a border number. The zero
// value is the empty ID; IsZero reports it. NationalID values are comparable.
type NationalID struct {
	s string
}

// ParseNationalID parses s as a national ID or Iqama number. It accepts
// Arabic-Indic (٠–٩) and Persian (۰–۹) digits and ignores spaces, dashes and
// underscores; the result is exactly 10 digits whose first digit is 1, 2, 3 or
// 4 and whose last digit is the Luhn check digit over the other nine. Every
// failure matches ErrInvalidNationalID and names its reason.
func ParseNationalID(s string) (NationalID, error) {
	if len(s) == 10 && isASCIIDigits(s) {
		// Fast path: already canonical; no allocation.
		if err := checkID(s); err != nil {
			return NationalID{}, err
		}
		return NationalID{s: s}, nil
	}
	var buf [10]byte
	n := 0
	for _, r := range s {
		var d byte
		switch {
		case r >= '0' && r <= '9':
			d = byte(r - '0')
		case r >= '٠' && r <= '٩':
			d = byte(r - '٠')
		case r >= '۰' && r <= '۹':
			d = byte(r - '۰')
		case r == ' ' || r == '-' || r == '_' || r == '\u00a0' || r == '\t':
			continue
		default:
			return NationalID{}, errIDChars
		}
		if n == 10 {
			return NationalID{}, errIDLength
		}
		buf[n] = '0' + d
		n++
	}
	if n != 10 {
		return NationalID{}, errIDLength
	}
	if err := checkID(string(buf[:])); err != nil {
		return NationalID{}, err
	}
	return NationalID{s: string(buf[:])}, nil
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

func isASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkID checks the prefix and the Luhn check digit of 10 ASCII digits.
func checkID(s string) error {
	if s[0] < '1' || s[0] > '4' {
		return errIDPrefix
	}
	if LuhnCheckDigit(s[:9]) != s[9]-'0' {
		return errIDChecksum
	}
	return nil
}

// LuhnCheckDigit returns the Luhn (mod 10) check digit of the ASCII digits in
// s, counting positions from the left as the Saudi numbering does: the 1st,
// 3rd, 5th … digits are doubled. It is exported for generators of test data.
func LuhnCheckDigit(s string) byte {
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[i] - '0')
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return byte((10 - sum%10) % 10)
}

// String returns the 10 ASCII digits, or "" for the zero ID.
func (id NationalID) String() string { return id.s }

// IsZero reports whether id is the zero (empty) ID.
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
// e.g. "1*******08", for logs and audit trails.
func (id NationalID) Masked() string {
	if id.s == "" {
		return ""
	}
	return id.s[:1] + "*******" + id.s[8:]
}
