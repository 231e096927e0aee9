package sqlstore

import (
	"encoding"
	"encoding/json"
	"unicode/utf8"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

// The JSON appenders below write what encoding/json writes for the
// stored documents (event details, candidates' facts) without reflection;
// the tests of import and of the promotion facts compare them byte for
// byte with json.Marshal.

// appendJSONDate appends d as hijri.Date.MarshalJSON does (d zero or valid).
func appendJSONDate(b []byte, d hijri.Date) []byte {
	if d.IsZero() {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b, _ = d.AppendText(b)
	return append(b, '"')
}

// appendJSONText appends t as an object of its two languages.
func appendJSONText(b []byte, t i18n.Text) []byte {
	b = appendJSONString(append(b, `{"ar":`...), t.AR)
	return append(appendJSONString(append(b, `,"en":`...), t.EN), '}')
}

// appendJSONField appends ,"name":"v" unless v is empty (omitempty).
func appendJSONField(b []byte, name, v string) []byte {
	if v == "" {
		return b
	}
	b = append(append(append(b, `,"`...), name...), `":`...)
	return appendJSONString(b, v)
}

// appendJSONString appends s quoted as encoding/json quotes it: text that
// needs no escape as it is, anything else (control characters, quotes,
// backslashes, the HTML characters <, > and &, invalid UTF-8, U+2028 and
// U+2029) through json.Marshal itself.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return appendMarshalled(b, s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return appendMarshalled(b, s)
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendMarshalled appends json.Marshal's encoding of s.
func appendMarshalled(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always encodes
	return append(b, q...)
}

// appendJSONValidDate appends d as appendJSONDate does, or returns the
// error hijri.Date gives for a date it cannot print.
func appendJSONValidDate(b []byte, d hijri.Date) ([]byte, error) {
	if !dateOK(d) {
		if _, err := d.AppendText(nil); err != nil {
			return nil, err
		}
	}
	return appendJSONDate(b, d), nil
}

// appendJSONCode appends v's text (a kind's code) as a JSON string.
func appendJSONCode(b []byte, v encoding.TextMarshaler) ([]byte, error) {
	t, err := v.MarshalText()
	if err != nil {
		return nil, err
	}
	return appendJSONString(b, string(t)), nil
}
