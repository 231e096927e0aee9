package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

// decodeJSON reads r's body into v: application/json, one JSON value, no
// unknown field, within the body limit.
func decodeJSON(r *http.Request, v any) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return errMediaType
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if mbe, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return mbe
		}
		return bodyViolation("", "json.trailing_data", i18n.Text{
			EN: "the body must hold one JSON value", AR: "يجب أن يحوي المحتوى قيمة JSON واحدة"})
	}
	return nil
}

// jsonError turns a decoding error into a coded refusal naming the field.
func jsonError(err error) error {
	if mbe, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return mbe
	}
	if _, ok := fault.As(err); ok { // a domain type's UnmarshalJSON refused
		return err
	}
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		return bodyViolation(te.Field, "json.type", i18n.Text{
			EN: "the value has the wrong type (" + te.Value + ")", AR: "نوع القيمة غير صحيح (" + te.Value + ")"})
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		f, _ = strconv.Unquote(f)
		return bodyViolation(f, "json.unknown_field", i18n.Text{
			EN: "this field is not part of the request", AR: "هذا الحقل ليس من حقول الطلب"})
	}
	if errors.Is(err, io.EOF) {
		return bodyViolation("", "json.empty", i18n.Text{EN: "the request body is empty", AR: "محتوى الطلب فارغ"})
	}
	return bodyViolation("", "json.syntax", i18n.Text{EN: "the body is not valid JSON", AR: "المحتوى ليس JSON صحيحاً"})
}

// bodyViolation is an invalid-input refusal of the body's field.
func bodyViolation(field, reason string, msg i18n.Text) error {
	if field == "" {
		field = "body"
	}
	return fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: field, Reason: reason, Message: msg})
}

// marshalJSON encodes v without HTML escaping (the API's bodies are JSON,
// never embedded in HTML) and without a trailing newline.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := marshalJSON(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// encodeBody encodes rep's body, with its "gregorian" member when dated.
func encodeBody(rep reply) ([]byte, error) {
	b, err := marshalJSON(rep.body)
	if err != nil || !rep.dated {
		return b, err
	}
	g := map[string]string{}
	gregorianDates(reflect.ValueOf(rep.body), nil, g)
	if len(g) == 0 || len(b) < 2 || b[0] != '{' {
		return b, nil
	}
	gb, err := marshalJSON(g)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(b)+len(gb)+16)
	out = append(out, b[:len(b)-1]...)
	if len(b) > 2 {
		out = append(out, ',')
	}
	out = append(out, `"gregorian":`...)
	out = append(out, gb...)
	return append(out, '}'), nil
}

var dateType = reflect.TypeFor[hijri.Date]()

// datedTypes caches, by type, whether a value of it can hold a hijri.Date:
// the walk skips the subtrees that cannot.
var datedTypes sync.Map // reflect.Type → bool

// holdsDate reports whether a value of t can hold a hijri.Date.
func holdsDate(t reflect.Type) bool {
	if v, ok := datedTypes.Load(t); ok {
		return v.(bool)
	}
	datedTypes.Store(t, false) // a recursive type is settled by its other fields
	has := false
	switch t.Kind() {
	case reflect.Struct:
		if t == dateType {
			has = true
			break
		}
		for f := range t.Fields() {
			if f.IsExported() && holdsDate(f.Type) {
				has = true
				break
			}
		}
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map, reflect.Interface:
		has = t.Kind() == reflect.Interface || holdsDate(t.Elem())
	}
	datedTypes.Store(t, has)
	return has
}

// gregorianDates walks v as encoding/json encodes it and records the
// Gregorian date of every non-zero hijri.Date under its JSON pointer
// (path holds the pointer's tokens so far).
func gregorianDates(v reflect.Value, path []string, out map[string]string) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if !holdsDate(v.Type()) {
		return
	}
	if v.Type() == dateType {
		if d := v.Interface().(hijri.Date); !d.IsZero() {
			out["/"+strings.Join(path, "/")] = d.Time().Format(time.DateOnly)
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" && opts == "" {
				continue
			}
			if f.Anonymous && name == "" {
				gregorianDates(v.Field(i), path, out)
				continue
			}
			if name == "" {
				name = f.Name
			}
			gregorianDates(v.Field(i), append(path, escapePointer(name)), out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			gregorianDates(v.Index(i), append(path, strconv.Itoa(i)), out)
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		it := v.MapRange()
		for it.Next() {
			gregorianDates(it.Value(), append(path, escapePointer(it.Key().String())), out)
		}
	}
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
