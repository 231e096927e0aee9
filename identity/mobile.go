package identity

import (
	"database/sql/driver"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/internal/saudi"
)

// ErrInvalidMobile is the sentinel every mobile number parse failure
// matches. Its refinements carry the reasons mobile.length,
// mobile.characters, mobile.country, mobile.prefix, mobile.unallocated and,
// for JSON that is not a string, mobile.type.
var ErrInvalidMobile = fault.New(fault.Invalid, "mobile.invalid",
	"invalid Saudi mobile number", "رقم الجوال السعودي غير صحيح")

var (
	errMobileLength = ErrInvalidMobile.Because("mobile.length",
		"a Saudi mobile number has 10 digits starting with 05, or +966 followed by 9 digits",
		"يتكون رقم الجوال السعودي من 10 أرقام تبدأ بـ 05، أو من +966 متبوعاً بـ 9 أرقام")
	errMobileChars = ErrInvalidMobile.Because("mobile.characters",
		"a mobile number contains digits only, optionally after a leading +",
		"يجب أن يحتوي رقم الجوال على أرقام فقط، مع علامة + اختيارية في أوله")
	errMobileCountry = ErrInvalidMobile.Because("mobile.country",
		"only Saudi mobile numbers (+966) are accepted",
		"تقبل أرقام الجوال السعودية (+966) فقط")
	errMobilePrefix = ErrInvalidMobile.Because("mobile.prefix",
		"a Saudi mobile number starts with 05",
		"يبدأ رقم الجوال السعودي بـ 05")
	errMobileUnallocated = ErrInvalidMobile.Because("mobile.unallocated",
		"this mobile number is not in an allocated Saudi mobile range",
		"رقم الجوال ليس ضمن نطاقات أرقام الجوال السعودية المخصصة")
	errMobileType = ErrInvalidMobile.Because("mobile.type",
		"a mobile number must be given as text",
		"يجب إدخال رقم الجوال نصاً")
)

// Mobile is a parsed, validated Saudi mobile number, held in its canonical
// E.164 form "+9665XXXXXXXX". The zero value is the empty number; IsZero
// reports it. Mobile values are comparable.
//
// It encodes as its E.164 form in JSON, text and SQL; the zero value is JSON
// null and SQL NULL.
type Mobile struct {
	s string
}

// ParseMobile parses s as a Saudi mobile number. It accepts 05XXXXXXXX,
// 5XXXXXXXX, +9665XXXXXXXX, 9665XXXXXXXX and 009665XXXXXXXX (and the national
// 0 after the country code, +966 05XXXXXXXX), in ASCII, Arabic-Indic or
// Persian digits, ignoring the separators ParseNationalID ignores. The
// national number must be in an allocated mobile range (libphonenumber's
// 579[01]\d{5}|5(?:[013-689]\d|7[0-8])\d{6}; 052 and 0579[2-9] are not).
// Every failure matches ErrInvalidMobile and names its reason.
//
// Canonical input (+9665XXXXXXXX) is parsed without allocating.
func ParseMobile(s string) (Mobile, error) {
	c, p := saudi.Mobile(s)
	if p != saudi.OK {
		return Mobile{}, mobileError(p)
	}
	return Mobile{s: c}, nil
}

func mobileError(p saudi.Problem) error {
	switch p {
	case saudi.Length:
		return errMobileLength
	case saudi.Characters:
		return errMobileChars
	case saudi.Country:
		return errMobileCountry
	case saudi.Prefix:
		return errMobilePrefix
	case saudi.Unallocated:
		return errMobileUnallocated
	}
	return ErrInvalidMobile
}

// MustParseMobile is like ParseMobile but panics on error. It is meant for
// constants and tests.
func MustParseMobile(s string) Mobile {
	m, err := ParseMobile(s)
	if err != nil {
		panic(err)
	}
	return m
}

// String returns the E.164 form "+9665XXXXXXXX", or "" for the zero number.
func (m Mobile) String() string { return m.s }

// National returns the national form "05XXXXXXXX", or "" for the zero number.
func (m Mobile) National() string {
	if m.s == "" {
		return ""
	}
	return "0" + m.s[4:]
}

// IsZero reports whether m is the zero (empty) number. encoding/json's
// omitzero option uses it.
func (m Mobile) IsZero() bool { return m.s == "" }

// Masked returns the number with all but its operator digits and last two
// digits hidden, e.g. "+96655*****67", for logs and audit trails; "" for the
// zero number.
func (m Mobile) Masked() string {
	if m.s == "" {
		return ""
	}
	return m.s[:6] + "*****" + m.s[11:]
}

// ValidatorValue returns the E.164 form ("" for the zero number), so that
// go-playground/validator checks a Mobile field with the same tags as a
// string field: required, sa_mobile.
func (m Mobile) ValidatorValue() any { return m.s }

// MarshalJSON encodes the number as a JSON string in E.164 form, and the zero
// number as null (omit it with the omitzero option).
func (m Mobile) MarshalJSON() ([]byte, error) { return marshalJSONString(m.s), nil }

// UnmarshalJSON decodes a JSON string with ParseMobile. "" gives the zero
// number; null leaves m unchanged. Any other JSON value, or a string that
// does not parse, is an error matching ErrInvalidMobile.
func (m *Mobile) UnmarshalJSON(data []byte) error {
	s, null, ok := unmarshalJSONString(data)
	switch {
	case null:
		return nil
	case !ok:
		return errMobileType
	}
	return m.UnmarshalText([]byte(s))
}

// MarshalText returns the E.164 form ("" for the zero number).
func (m Mobile) MarshalText() ([]byte, error) { return []byte(m.s), nil }

// UnmarshalText parses text with ParseMobile; empty text gives the zero number.
func (m *Mobile) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*m = Mobile{}
		return nil
	}
	v, err := ParseMobile(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Value implements driver.Valuer: the E.164 form as a string, or NULL for
// the zero number.
func (m Mobile) Value() (driver.Value, error) {
	if m.s == "" {
		return nil, nil
	}
	return m.s, nil
}

// Scan implements sql.Scanner. It accepts NULL and "" (the zero number) and a
// string or []byte parsed with ParseMobile. A stored value that does not parse
// is an error matching ErrInvalidMobile.
func (m *Mobile) Scan(src any) error {
	return scanText(src, "Mobile", false, m.UnmarshalText)
}
