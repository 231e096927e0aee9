package hijri

import (
	"bytes"
	"database/sql/driver"
	"encoding"
	"encoding/json"
	"fmt"
	"time"
)

var (
	_ json.Marshaler           = Date{}
	_ json.Unmarshaler         = (*Date)(nil)
	_ encoding.TextMarshaler   = Date{}
	_ encoding.TextAppender    = Date{}
	_ encoding.TextUnmarshaler = (*Date)(nil)
	_ driver.Valuer            = Date{}
)

// MarshalJSON encodes d as a JSON string in the ISO form, "1445-09-01", and
// the zero Date as null. It fails with ErrInvalidDate for any other invalid
// date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	if !d.IsValid() {
		return nil, errMarshalInvalid
	}
	b := make([]byte, 0, 12)
	b = append(b, '"')
	b = d.appendISO(b)
	return append(b, '"'), nil
}

// UnmarshalJSON decodes a JSON string holding anything ParseAny accepts, so
// a Hijri or a Gregorian date in any supported form, with JSON escapes
// allowed. The empty string "" sets the zero Date. As the encoding/json
// convention asks, null is a no-op: it leaves d unchanged (the zero Date when
// decoding into a new value). On error d is unchanged.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' || len(b) > 6*maxInput+2 {
		return ErrSyntax
	}
	s := b[1 : len(b)-1]
	if bytes.IndexByte(s, '\\') >= 0 {
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return ErrSyntax
		}
		return d.UnmarshalText([]byte(str))
	}
	return d.UnmarshalText(s)
}

// MarshalText encodes d in the ISO form, "1445-09-01", and the zero Date as
// empty text. It fails with ErrInvalidDate for any other invalid date.
func (d Date) MarshalText() ([]byte, error) {
	return d.AppendText(nil)
}

// AppendText is like MarshalText but appends to b (encoding.TextAppender).
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d.IsZero() {
		if b == nil {
			b = []byte{}
		}
		return b, nil
	}
	if !d.IsValid() {
		return b, errMarshalInvalid
	}
	return d.appendISO(b), nil
}

// UnmarshalText decodes anything ParseAny accepts; empty text sets the zero
// Date. On error d is unchanged.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := parseAny(b)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value implements driver.Valuer: the ISO string "1445-09-01", or SQL NULL
// for the zero Date. It fails with ErrInvalidDate for any other invalid date.
//
// Store the value in a text column (CHAR(10), VARCHAR or TEXT), which sorts
// in date order. Never bind it to a DATE column: the database would read
// 1445-09-01 as a Gregorian date of the year 1445. For a DATE column bind
// d.Time() instead; Scan reads it back.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	if !d.IsValid() {
		return nil, errMarshalInvalid
	}
	return d.String(), nil
}

// Scan implements sql.Scanner. It accepts:
//
//   - nil (SQL NULL): the zero Date;
//   - a string or []byte: anything ParseAny accepts, the empty string giving
//     the zero Date, and also a Gregorian timestamp as SQLite and PostgreSQL
//     drivers write one ("2024-07-03 10:00:00+03:00", "2024-07-03T10:00:00Z"),
//     whose written date is taken;
//   - a time.Time (a DATE or TIMESTAMP column): its civil date in its own
//     location, as FromTime.
//
// Other types fail with ErrInvalidDate (reason "hijri.scan_type"). On error
// d is unchanged.
func (d *Date) Scan(src any) error {
	var (
		v   Date
		err error
	)
	switch src := src.(type) {
	case nil:
	case string:
		v, err = scanText(src)
	case []byte:
		v, err = scanText(src)
	case time.Time:
		v, err = FromTime(src)
	default:
		return errScanType.Wrap(fmt.Errorf("hijri: cannot scan %T into a Date", src))
	}
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// timestampLayouts are the textual timestamps of SQL drivers, tried by Scan
// when the text is not a plain date.
var timestampLayouts = [...]string{
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999Z07",
	"2006-01-02T15:04:05.999999999Z07",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
}

func scanText[S ~string | ~[]byte](s S) (Date, error) {
	if len(s) == 0 {
		return Date{}, nil
	}
	d, err := parseAny(s)
	if err == nil || len(s) <= 10 || (s[10] != ' ' && s[10] != 'T') || len(s) > maxInput {
		return d, err
	}
	str := string(s)
	for _, layout := range timestampLayouts {
		if t, perr := time.Parse(layout, str); perr == nil {
			return FromTime(t)
		}
	}
	return Date{}, err
}
