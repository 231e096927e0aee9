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

	"github.com/masarhr/masar-go/internal/fault"
)

// ErrInvalidInput is the sentinel of every shape-validation failure: code
// invalid, reason "validation.failed", with the violated fields in Fields.
var ErrInvalidInput = fault.New(fault.Invalid, "validation.failed",
	"some fields are not valid", "بعض الحقول غير صحيحة")

// Validator validates input structs and reports failures as coded, bilingual
// errors. It wraps one *validator.Validate; it is safe for concurrent use.
type Validator struct {
	v  *validator.Validate
	ar ut.Translator
	en ut.Translator
}

// New builds a Validator with required-struct validation enabled, JSON field
// names in error paths, the custom tags and Arabic and English translations.
// Build one and share it: it caches struct metadata.
func New() *Validator {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(jsonName)

	uni := ut.New(en.New(), en.New(), ar_SA.New())
	arT, _ := uni.GetTranslator("ar_SA")
	enT, _ := uni.GetTranslator("en")
	if err := artrans.RegisterDefaultTranslations(v, arT); err != nil {
		panic("validation: " + err.Error())
	}
	if err := entrans.RegisterDefaultTranslations(v, enT); err != nil {
		panic("validation: " + err.Error())
	}
	return &Validator{v: v, ar: arT, en: enT}
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

// Struct validates s. It returns nil, or an error matching ErrInvalidInput
// whose Fields hold one violation per failed rule in Arabic and English.
func (v *Validator) Struct(s any) error {
	return v.convert(v.v.Struct(s))
}

// Var validates a single value against tag, reporting it as field name.
func (v *Validator) Var(name string, value any, tag string) error {
	err := v.v.Var(value, tag)
	if err == nil {
		return nil
	}
	fe, ok := v.convert(err).(*fault.Error)
	if !ok {
		return err
	}
	for i := range fe.Fields {
		fe.Fields[i].Field = name
	}
	return fe
}

func (v *Validator) convert(err error) error {
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return fault.ErrInternal.Wrap(err)
	}
	fields := make([]fault.FieldViolation, 0, len(ves))
	for _, fe := range ves {
		fields = append(fields, fault.FieldViolation{
			Field:   fieldPath(fe.Namespace()),
			Reason:  fe.Tag(),
			Message: fault.Message{AR: fe.Translate(v.ar), EN: fe.Translate(v.en)},
		})
	}
	return ErrInvalidInput.WithFields(fields...)
}

// fieldPath drops the top-level struct name from a namespace: "Employee.name.ar" → "name.ar".
func fieldPath(ns string) string {
	if _, rest, ok := strings.Cut(ns, "."); ok {
		return rest
	}
	return ns
}
