package identity

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Encoding helpers shared by NationalID, Mobile and Email.

// marshalJSONString returns s as a JSON string, or null for "".
func marshalJSONString(s string) []byte {
	if s == "" {
		return []byte("null")
	}
	// The identity types hold ASCII digits, '+' or an email address: only an
	// email can need escaping.
	b, _ := json.Marshal(s)
	return b
}

// unmarshalJSONString decodes a JSON string. null reports null; any other
// JSON value (or malformed JSON) reports !ok.
func unmarshalJSONString(data []byte) (s string, null, ok bool) {
	if string(data) == "null" {
		return "", true, false
	}
	if len(data) < 2 || data[0] != '"' {
		return "", false, false
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return "", false, false
	}
	return s, false, true
}

// scanText implements sql.Scanner for a text-like type: NULL and "" give the
// zero value (set through set with empty text), strings and []byte go
// through set, and an int64 too when ints is true.
func scanText(src any, typ string, ints bool, set func([]byte) error) error {
	var text []byte
	switch v := src.(type) {
	case nil:
	case string:
		text = []byte(v)
	case []byte:
		text = v
	case int64:
		if !ints {
			return fmt.Errorf("identity: cannot scan %T into %s", src, typ)
		}
		text = strconv.AppendInt(nil, v, 10)
	default:
		return fmt.Errorf("identity: cannot scan %T into %s", src, typ)
	}
	if err := set(text); err != nil {
		return fmt.Errorf("identity: scan %s: %w", typ, err)
	}
	return nil
}
