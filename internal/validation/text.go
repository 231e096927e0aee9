package validation

import (
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
)

// MaxText is the length cap, in bytes, of every string field that has no
// max tag of its own: free text longer than this is refused before it
// reaches a store.
const MaxText = 10_000

// MaxID is the length cap, in bytes, of an identifier passed on its own
// (a record ID, an agency code, a cursor): see ID.
const MaxID = 200

// textViolation describes a string no store may hold alike: invalid UTF-8 or
// a NUL byte (PostgreSQL refuses both), or a length past its cap.
func textViolation(path, s string, limit int) (fault.FieldViolation, bool) {
	switch {
	case !utf8.ValidString(s):
		return fault.FieldViolation{Field: path, Reason: "text_utf8", Message: i18n.Text{
			EN: path + " is not valid UTF-8 text", AR: "النص في الحقل " + path + " ليس نصاً صالحاً"}}, true
	case strings.IndexByte(s, 0) >= 0:
		return fault.FieldViolation{Field: path, Reason: "text_nul", Message: i18n.Text{
			EN: path + " contains a NUL character", AR: "يحتوي الحقل " + path + " على محرف غير مسموح به"}}, true
	case limit > 0 && len(s) > limit:
		n := strconv.Itoa(limit)
		return fault.FieldViolation{Field: path, Reason: "text_length", Message: i18n.Text{
			EN: path + " is longer than " + n + " bytes", AR: "يتجاوز طول الحقل " + path + " الحد المسموح (" + n + " بايت)"}}, true
	}
	return fault.FieldViolation{}, false
}

// ID checks one identifier given outside a struct (a record ID, an agency
// code, a cursor): valid UTF-8, no NUL byte, at most MaxID bytes. It
// returns nil or an error matching fault.ErrInvalidInput naming field.
func ID(field, s string) error {
	if v, bad := textViolation(field, s, MaxID); bad {
		return fault.ErrInvalidInput.WithFields(v)
	}
	return nil
}

// texts walks v and reports every string that textViolation refuses: the
// text rule every input struct passes, whatever its tags. A string field
// without a max tag is capped at MaxText.
func texts(v reflect.Value, path string, limit int, out []fault.FieldViolation) []fault.FieldViolation {
	switch v.Kind() {
	case reflect.String:
		if f, bad := textViolation(path, v.String(), limit); bad {
			out = append(out, f)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			out = texts(v.Elem(), path, limit, out)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return out // bytes, not text
		}
		for i := range v.Len() {
			out = texts(v.Index(i), path+"["+strconv.Itoa(i)+"]", limit, out)
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			k := it.Key()
			kp := path + "[" + k.String() + "]"
			if k.Kind() == reflect.String {
				if f, bad := textViolation(path+" key", k.String(), MaxID); bad {
					out = append(out, f)
					kp = path + "[?]"
				}
			}
			out = texts(it.Value(), kp, limit, out)
		}
	case reflect.Struct:
		out = structTexts(v, path, out)
	}
	return out
}

func structTexts(v reflect.Value, path string, out []fault.FieldViolation) []fault.FieldViolation {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() && !sf.Anonymous {
			continue
		}
		name := jsonName(sf)
		if name == "" {
			continue
		}
		p := name
		if sf.Anonymous && sf.Tag.Get("json") == "" {
			p = path // inlined
		} else if path != "" {
			p = path + "." + name
		}
		out = texts(v.Field(i), p, fieldLimit(sf), out)
	}
	return out
}

// fieldLimit is the length cap of a string field: MaxText, or none when its
// validate tag sets its own max (the validator reports that one).
func fieldLimit(sf reflect.StructField) int {
	for _, rule := range strings.Split(sf.Tag.Get("validate"), ",") {
		if strings.HasPrefix(rule, "max=") || strings.HasPrefix(rule, "len=") {
			return 0
		}
		if rule == "dive" {
			break // the rules after dive are the elements'
		}
	}
	return MaxText
}
