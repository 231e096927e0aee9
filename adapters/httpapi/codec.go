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
	if err != nil || !rep.dated || len(b) < 2 || b[0] != '{' {
		return b, err
	}
	w := dateWriter{path: make([]byte, 0, 64), out: b[:len(b)-1], empty: len(b) == 2}
	w.walk(reflect.ValueOf(rep.body))
	if !w.any {
		return b, nil
	}
	return append(w.out, '}', '}'), nil
}

var dateType = reflect.TypeFor[hijri.Date]()

// datedField is a struct field whose value can hold a hijri.Date: its index,
// its JSON pointer token (escaped), and whether it is embedded without a
// name (its fields are the parent's).
type datedField struct {
	index  int
	token  string
	inline bool
}

// typePlan is what the walk needs of a type, settled once: whether a value
// of it can hold a hijri.Date, and for a struct the fields that can.
type typePlan struct {
	dated  bool
	fields []datedField
}

// plans caches typePlans by type.
var plans sync.Map // reflect.Type → *typePlan

// planOf returns t's plan.
func planOf(t reflect.Type) *typePlan {
	if p, ok := plans.Load(t); ok {
		return p.(*typePlan)
	}
	p := &typePlan{}
	plans.Store(t, p) // a recursive type is settled by its other fields
	switch t.Kind() {
	case reflect.Struct:
		if t == dateType {
			p.dated = true
			break
		}
		var fields []datedField
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || !planOf(f.Type).dated {
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" && opts == "" {
				continue
			}
			inline := f.Anonymous && name == ""
			if name == "" {
				name = f.Name
			}
			fields = append(fields, datedField{index: i, token: escapePointer(name), inline: inline})
		}
		p.dated, p.fields = len(fields) > 0, fields
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		p.dated = planOf(t.Elem()).dated
	case reflect.Interface:
		p.dated = true
	}
	return p
}

// dateWriter walks a value as encoding/json encodes it and appends the
// Gregorian date of every non-zero hijri.Date, under its JSON pointer, to
// the "gregorian" member it opens in out on the first date.
type dateWriter struct {
	path  []byte // the pointer so far
	out   []byte // the body without its closing brace, then the member
	empty bool   // the body is {}
	any   bool   // a date was written
}

func (w *dateWriter) walk(v reflect.Value) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	t := v.Type()
	if t == dateType {
		if d, _ := reflect.TypeAssert[hijri.Date](v); !d.IsZero() {
			w.date(d)
		}
		return
	}
	p := planOf(t)
	if !p.dated {
		return
	}
	n := len(w.path)
	switch v.Kind() {
	case reflect.Struct:
		for _, f := range p.fields {
			if !f.inline {
				w.path = append(append(w.path, '/'), f.token...)
			}
			w.walk(v.Field(f.index))
			w.path = w.path[:n]
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			w.path = strconv.AppendInt(append(w.path, '/'), int64(i), 10)
			w.walk(v.Index(i))
			w.path = w.path[:n]
		}
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return
		}
		it := v.MapRange()
		for it.Next() {
			w.path = append(append(w.path, '/'), escapePointer(it.Key().String())...)
			w.walk(it.Value())
			w.path = w.path[:n]
		}
	}
}

// date appends the member for d at the current pointer.
func (w *dateWriter) date(d hijri.Date) {
	switch {
	case w.any:
		w.out = append(w.out, ',')
	case w.empty:
		w.out = append(w.out, `"gregorian":{`...)
	default:
		w.out = append(w.out, `,"gregorian":{`...)
	}
	w.any = true
	w.out = appendJSONString(w.out, w.path)
	w.out = append(w.out, ':', '"')
	w.out = d.Time().AppendFormat(w.out, time.DateOnly)
	w.out = append(w.out, '"')
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it (without HTML escaping).
func appendJSONString(dst, s []byte) []byte {
	for _, c := range s {
		if c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(string(s))
			return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
