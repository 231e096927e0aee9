package sqlstore

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// instantLayout is how instants are written: fixed-width UTC with
// microseconds, so that text comparison in SQLite orders them correctly and
// PostgreSQL parses it into TIMESTAMPTZ.
const instantLayout = "2006-01-02T15:04:05.000000Z"

// instant is a time.Time column: TEXT in SQLite, TIMESTAMPTZ in PostgreSQL.
// The zero time is stored as NULL.
type instant time.Time

// Value implements driver.Valuer.
func (t instant) Value() (driver.Value, error) {
	tt := time.Time(t)
	if tt.IsZero() {
		return nil, nil
	}
	return tt.UTC().Format(instantLayout), nil
}

// Scan implements sql.Scanner.
func (t *instant) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*t = instant(time.Time{})
	case time.Time:
		*t = instant(v.UTC())
	case string:
		return t.parse(v)
	case []byte:
		return t.parse(string(v))
	default:
		return fmt.Errorf("sqlstore: cannot scan %T into an instant", src)
	}
	return nil
}

func (t *instant) parse(s string) error {
	for _, layout := range []string{instantLayout, time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999Z07:00"} {
		if tt, err := time.Parse(layout, s); err == nil {
			*t = instant(tt.UTC())
			return nil
		}
	}
	return fmt.Errorf("sqlstore: cannot parse instant %q", s)
}

// jsonValue is a column holding a JSON document (TEXT in SQLite, JSONB in
// PostgreSQL) for nested values that are always read and written whole.
type jsonValue[T any] struct{ V T }

// Value implements driver.Valuer.
func (j jsonValue[T]) Value() (driver.Value, error) {
	b, err := json.Marshal(j.V)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan implements sql.Scanner.
func (j *jsonValue[T]) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		var zero T
		j.V = zero
		return nil
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("sqlstore: cannot scan %T into JSON", src)
	}
	return json.Unmarshal(b, &j.V)
}
