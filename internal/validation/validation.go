package validation

import (
	"errors"
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/locales/ar_SA"
	"github.com/go-playground/locales/en"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	artrans "github.com/go-playground/validator/v10/translations/ar"
	entrans "github.com/go-playground/validator/v10/translations/en"
	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
)

// Validator validates input structs and reports failures as coded, bilingual
// errors. It wraps one *validator.Validate; it is safe for concurrent use.
type Validator struct {
	v  *validator.Validate
	ar ut.Translator
	en ut.Translator
}

// New builds a Validator with required-struct validation enabled, JSON field
// names in error paths, the custom tags (see the package documentation) and
// Arabic and English translations for every tag. Build one and share it: it
// caches struct metadata.
func New() *Validator {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(jsonName)

	// decimal.Decimal is a struct; map it to its exact decimal text so that
	// the decimal tags (and Var) see a value rather than a nested struct.
	// Nothing converts through float64.
	v.RegisterCustomTypeFunc(func(f reflect.Value) any {
		return f.Interface().(decimal.Decimal).String()
	}, decimal.Decimal{})
	v.RegisterCustomTypeFunc(func(f reflect.Value) any {
		if d := f.Interface().(decimal.NullDecimal); d.Valid {
			return d.Decimal.String()
		}
		return nil
	}, decimal.NullDecimal{})

	uni := ut.New(en.New(), en.New(), ar_SA.New())
	arT, _ := uni.GetTranslator("ar_SA")
	enT, _ := uni.GetTranslator("en")
	must(artrans.RegisterDefaultTranslations(v, arT))
	must(entrans.RegisterDefaultTranslations(v, enT))
	for _, ct := range customTags {
		must(v.RegisterValidation(ct.tag, ct.fn))
		must(v.RegisterTranslation(ct.tag, arT, addTranslation(ct.tag, ct.ar), translate))
		must(v.RegisterTranslation(ct.tag, enT, addTranslation(ct.tag, ct.en), translate))
	}
	return &Validator{v: v, ar: arT, en: enT}
}

func must(err error) {
	if err != nil {
		panic("validation: " + err.Error())
	}
}

func addTranslation(tag, text string) validator.RegisterTranslationsFunc {
	return func(t ut.Translator) error { return t.Add(tag, text, true) }
}

// translate fills a custom tag's message: {0} is the field, {1} the tag's parameter.
func translate(t ut.Translator, fe validator.FieldError) string {
	msg, err := t.T(fe.Tag(), fe.Field(), fe.Param())
	if err != nil {
		return fe.Error()
	}
	return msg
}

var defaultValidator = sync.OnceValue(New)

// Default returns the process-wide Validator, built on first use. It is the
// one instance services use unless they are given another.
func Default() *Validator { return defaultValidator() }

// jsonName names a field by its json tag ("-" hides it).
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	if name == "" {
		return f.Name
	}
	return name
}

// Struct validates s, a struct or a pointer to one. It returns nil, or an
// error matching fault.ErrInvalidInput whose Fields hold one violation per failed
// rule: Field is the JSON path ("contact.mobile", "items[0].amount"), Reason
// the tag, and the Arabic message names the field by its ar:"…" label. A
// value that is not a struct is a programming error, reported as internal.
//
// Every string field, tagged or not, must also be valid UTF-8 without a NUL
// byte, and at most MaxText bytes when it has no max tag of its own
// (reasons text_utf8, text_nul, text_length), so that every store holds
// exactly what another would.
func (v *Validator) Struct(s any) error {
	err := v.convert(v.v.Struct(s), reflect.TypeOf(s), "")
	rv := reflect.ValueOf(s)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return err
	}
	bad := texts(rv, "", MaxText, nil)
	if len(bad) == 0 {
		return err
	}
	switch fe, _ := fault.As(err); {
	case err == nil:
		return fault.ErrInvalidInput.WithFields(bad...)
	case errors.Is(err, fault.ErrInvalidInput):
		return fault.ErrInvalidInput.WithFields(append(fe.Fields, bad...)...)
	}
	return err
}

// Var validates a single value against tag (for example "required,sa_mobile"),
// reporting it as field name in the error and in its messages.
func (v *Validator) Var(name string, value any, tag string) error {
	return v.convert(v.v.VarWithKey(name, value, tag), nil, name)
}

// convert turns validator's errors into fault.ErrInvalidInput with bilingual field
// violations. top is the validated struct's type (for ar labels); name, when
// set, replaces the field path (Var).
func (v *Validator) convert(err error, top reflect.Type, name string) error {
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return fault.ErrInternal.Wrap(err)
	}
	fields := make([]fault.FieldViolation, 0, len(ves))
	for _, fe := range ves {
		path := name
		if path == "" {
			path = fieldPath(fe.Namespace())
		}
		ar := v.message(fe, v.ar, i18n.Arabic)
		if label := arLabel(top, fe.StructNamespace()); label != "" {
			ar = substituteLabel(ar, fe.Field(), label)
		}
		fields = append(fields, fault.FieldViolation{
			Field:   path,
			Reason:  fe.Tag(),
			Message: i18n.Text{AR: ar, EN: v.message(fe, v.en, i18n.English)},
		})
	}
	return fault.ErrInvalidInput.WithFields(fields...)
}

// message translates fe. A tag without a translation (a built-in tag that
// validator's translation packages miss) gets a generic message rather than
// validator's English diagnostic.
func (v *Validator) message(fe validator.FieldError, t ut.Translator, lang i18n.Lang) string {
	msg := fe.Translate(t)
	if msg != fe.Error() {
		return msg
	}
	if lang == i18n.English {
		return fe.Field() + " is not valid"
	}
	return "قيمة " + fe.Field() + " غير صحيحة"
}

// fieldPath drops the top-level struct name from a namespace: "Employee.name.ar" → "name.ar".
func fieldPath(ns string) string {
	if _, rest, ok := strings.Cut(ns, "."); ok {
		return rest
	}
	return ns
}

// Messages maps each violated field of err to its message in lang, for
// responses and forms. It works on any error carrying a *fault.Error with
// field violations (as Struct and Var return), wrapped or not, and returns
// nil for any other error, including nil.
func Messages(err error, lang i18n.Lang) map[string]string {
	fe, ok := fault.As(err)
	if !ok || len(fe.Fields) == 0 {
		return nil
	}
	return fe.FieldMessages(lang)
}
