package validation

import (
	"reflect"
	"strings"
)

// Arabic field labels.
//
// Validator's messages name a field by its JSON name ({0}). Domain packages
// give each input field its Arabic label in an ar:"…" struct tag, next to the
// json and validate tags:
//
//	type FileGrievance struct {
//		NationalID string `json:"national_id" validate:"required,sa_id" ar:"رقم الهوية"`
//	}
//
// For an Arabic message, arLabel finds the field the error is about by
// walking the validated struct's type along the error's StructNamespace, and
// substituteLabel puts the label where the JSON name appears. A field without
// a label keeps its JSON name.

// arLabel returns the ar tag of the field that structNS ("Form.Items[2].Amount",
// "Form.ByKey[k].Name") names, starting from top, the validated value's type.
// Pointers, slices, arrays and maps are followed; "" when top is nil, the
// path cannot be followed or the field has no label.
func arLabel(top reflect.Type, structNS string) string {
	if top == nil {
		return ""
	}
	_, rest, ok := strings.Cut(structNS, ".") // drop the top-level type name
	if !ok {
		return ""
	}
	t := top
	var field reflect.StructField
	for rest != "" {
		name := rest
		if i := strings.IndexAny(rest, ".["); i >= 0 {
			name, rest = rest[:i], rest[i:]
		} else {
			rest = ""
		}
		t = deref(t)
		if t.Kind() != reflect.Struct {
			return ""
		}
		f, ok := t.FieldByName(name)
		if !ok {
			return ""
		}
		field, t = f, f.Type
		// Index or key suffixes: "[0]", "[k]", "[0][1]".
		for strings.HasPrefix(rest, "[") {
			j := strings.IndexByte(rest, ']')
			if j < 0 {
				return ""
			}
			rest = rest[j+1:]
			switch t = deref(t); t.Kind() {
			case reflect.Slice, reflect.Array, reflect.Map:
				t = t.Elem()
			default:
				return ""
			}
		}
		if rest != "" {
			if rest[0] != '.' {
				return ""
			}
			rest = rest[1:]
		}
	}
	return field.Tag.Get("ar")
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// substituteLabel replaces the first whole-word occurrence of the field's
// JSON name in msg with label. field is validator's Field(): the JSON name,
// with an index for a collection element ("tags[1]"), which is kept.
func substituteLabel(msg, field, label string) string {
	if field == "" {
		return msg
	}
	var index string
	if i := strings.IndexByte(field, '['); i >= 0 {
		index = field[i:]
	}
	for from := 0; ; {
		i := strings.Index(msg[from:], field)
		if i < 0 {
			return msg
		}
		i += from
		end := i + len(field)
		if (i == 0 || !isWordByte(msg[i-1])) && (end == len(msg) || !isWordByte(msg[end])) {
			return msg[:i] + label + index + msg[end:]
		}
		from = end
	}
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
