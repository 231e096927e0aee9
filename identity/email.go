package identity

import (
	"database/sql/driver"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/masarhr/masar-go/fault"
)

// ErrInvalidEmail is the sentinel every email address parse failure matches.
// Its refinements carry the reasons email.format, email.display_name,
// email.length, email.domain and, for JSON that is not a string, email.type.
var ErrInvalidEmail = fault.New(fault.Invalid, "email.invalid",
	"invalid email address", "البريد الإلكتروني غير صحيح")

var (
	errEmailFormat = ErrInvalidEmail.Because("email.format",
		"an email address looks like name@example.com",
		"يكون البريد الإلكتروني بالصيغة name@example.com")
	errEmailDisplayName = ErrInvalidEmail.Because("email.display_name",
		"enter the email address only, without a name or angle brackets",
		"أدخل عنوان البريد الإلكتروني فقط، دون اسم أو أقواس زاوية")
	errEmailLength = ErrInvalidEmail.Because("email.length",
		"an email address has at most 254 characters, and at most 64 before the @",
		"لا يزيد البريد الإلكتروني عن 254 حرفاً، ولا يزيد ما قبل @ عن 64 حرفاً")
	errEmailDomain = ErrInvalidEmail.Because("email.domain",
		"the domain of the email address (after the @) is not valid",
		"نطاق البريد الإلكتروني (ما بعد @) غير صحيح")
	errEmailType = ErrInvalidEmail.Because("email.type",
		"an email address must be given as text",
		"يجب إدخال البريد الإلكتروني نصاً")
)

// Email is a parsed, validated email address in normalised form: surrounding
// white space trimmed and the domain lower-cased; the local part keeps its
// case, which RFC 5321 leaves to the receiving server. The zero value is the
// empty address; IsZero reports it. Email values are comparable.
//
// It encodes as the address in JSON, text and SQL; the zero value is JSON
// null and SQL NULL.
type Email struct {
	s string
}

// ParseEmail parses s as one bare email address (an RFC 5322 addr-spec) with
// net/mail. It rejects display names and angle brackets ("Name <a@b.sa>"),
// comments and quoted local parts; the domain must be a host name with at
// least one dot (no IP literals) whose labels do not begin or end with a
// dash. An address is at most 254 characters, its local part at most 64.
// Every failure matches ErrInvalidEmail and names its reason.
func ParseEmail(s string) (Email, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Email{}, errEmailFormat
	}
	if utf8.RuneCountInString(s) > 254 {
		return Email{}, errEmailLength
	}
	addr, err := mail.ParseAddress(s)
	if err != nil {
		if strings.ContainsAny(s, "<>") {
			return Email{}, errEmailDisplayName
		}
		return Email{}, errEmailFormat
	}
	if addr.Name != "" || strings.ContainsAny(s, "<>") {
		return Email{}, errEmailDisplayName
	}
	if addr.Address != s {
		// A comment, a quoted local part or folding white space: valid
		// RFC 5322, but not a plain address.
		return Email{}, errEmailFormat
	}
	at := strings.LastIndexByte(s, '@')
	local, domain := s[:at], s[at+1:]
	if utf8.RuneCountInString(local) > 64 {
		return Email{}, errEmailLength
	}
	if !validDomain(domain) {
		return Email{}, errEmailDomain
	}
	return Email{s: local + "@" + strings.ToLower(domain)}, nil
}

// validDomain checks a dot-atom domain that net/mail accepted: at least two
// labels, none beginning or ending with a dash, no domain literal.
func validDomain(d string) bool {
	if strings.HasPrefix(d, "[") || !strings.Contains(d, ".") {
		return false
	}
	for label := range strings.SplitSeq(d, ".") {
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
	}
	return true
}

// MustParseEmail is like ParseEmail but panics on error. It is meant for
// constants and tests.
func MustParseEmail(s string) Email {
	e, err := ParseEmail(s)
	if err != nil {
		panic(err)
	}
	return e
}

// String returns the normalised address, or "" for the zero address.
func (e Email) String() string { return e.s }

// IsZero reports whether e is the zero (empty) address. encoding/json's
// omitzero option uses it.
func (e Email) IsZero() bool { return e.s == "" }

// Local returns the part before the @ ("" for the zero address).
func (e Email) Local() string {
	if e.s == "" {
		return ""
	}
	return e.s[:strings.LastIndexByte(e.s, '@')]
}

// Domain returns the lower-cased part after the @ ("" for the zero address).
func (e Email) Domain() string {
	if e.s == "" {
		return ""
	}
	return e.s[strings.LastIndexByte(e.s, '@')+1:]
}

// Masked returns the address with all but the first character of its local
// part hidden, e.g. "a***@example.com", for logs and audit trails; "" for the
// zero address.
func (e Email) Masked() string {
	if e.s == "" {
		return ""
	}
	_, n := utf8.DecodeRuneInString(e.s)
	return e.s[:n] + "***@" + e.Domain()
}

// ValidatorValue returns the address ("" for the zero address), so that
// go-playground/validator checks an Email field with the same tags as a
// string field (required, email).
func (e Email) ValidatorValue() any { return e.s }

// MarshalJSON encodes the address as a JSON string, and the zero address as
// null (omit it with the omitzero option).
func (e Email) MarshalJSON() ([]byte, error) { return marshalJSONString(e.s), nil }

// UnmarshalJSON decodes a JSON string with ParseEmail. "" gives the zero
// address; null leaves e unchanged. Any other JSON value, or a string that
// does not parse, is an error matching ErrInvalidEmail.
func (e *Email) UnmarshalJSON(data []byte) error {
	s, null, ok := unmarshalJSONString(data)
	switch {
	case null:
		return nil
	case !ok:
		return errEmailType
	}
	return e.UnmarshalText([]byte(s))
}

// MarshalText returns the address ("" for the zero address).
func (e Email) MarshalText() ([]byte, error) { return []byte(e.s), nil }

// UnmarshalText parses text with ParseEmail; empty text gives the zero address.
func (e *Email) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*e = Email{}
		return nil
	}
	v, err := ParseEmail(string(text))
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// Value implements driver.Valuer: the address as a string, or NULL for the
// zero address.
func (e Email) Value() (driver.Value, error) {
	if e.s == "" {
		return nil, nil
	}
	return e.s, nil
}

// Scan implements sql.Scanner. It accepts NULL and "" (the zero address) and a
// string or []byte parsed with ParseEmail. A stored value that does not parse
// is an error matching ErrInvalidEmail.
func (e *Email) Scan(src any) error {
	return scanText(src, "Email", false, e.UnmarshalText)
}
