// Package validation holds masar-go's one input validator: go-playground's
// validator with JSON field names, the project's custom tags and Arabic and
// English messages. Failures become coded invalid errors (package fault)
// whose Fields list every violated field in both languages.
//
// Validation covers the shape of input only. Business rules (eligibility,
// deadlines, transitions) are plain Go in the domain packages.
//
// # Use
//
// Input structs carry validate and json tags and, for Arabic messages, the
// field's Arabic label in an ar tag:
//
//	type RegisterInput struct {
//		NationalID identity.NationalID `json:"national_id" validate:"required,sa_citizen_id" ar:"رقم الهوية الوطنية"`
//		Mobile     string              `json:"mobile" validate:"required,sa_mobile" ar:"رقم الجوال"`
//		Salary     decimal.Decimal     `json:"salary" validate:"dgte=0" ar:"الراتب"`
//	}
//
// A service calls Default().Struct(in) (or Var for a single value) and
// returns the error as is: it matches fault.ErrInvalidInput and fault.ErrInvalid,
// and each fault.FieldViolation has the field's JSON path ("home.city",
// "lines[1].amount"), the failed tag as its Reason and a message in both
// languages. Messages(err, lang) gives field → message for a response.
//
// # Tags
//
// Besides validator's built-in tags:
//
//   - sa_id: a national ID, Iqama or border number, in any form
//     identity.ParseNationalID accepts (Arabic-Indic digits, separators).
//   - sa_citizen_id: the same, and the ID of a Saudi citizen (first digit 1).
//   - sa_mobile: a Saudi mobile number in any form identity.ParseMobile accepts.
//   - dgt=N, dgte=N, dlt=N, dlte=N: greater than, at least, less than, at
//     most N, compared as exact decimals (N is parsed with
//     decimal.NewFromString, so "0", "-0.01" and "1e3" all work). The field
//     may be decimal.Decimal, *decimal.Decimal, decimal.NullDecimal, a string
//     holding a decimal (one that does not parse fails) or an integer; a float
//     field or a malformed N panics, as validator does for misused tags.
//
// The sa_* tags work on string fields and on identity.NationalID,
// identity.Mobile and identity.Email (and pointers to them): those types
// implement validator.Valuer and present their canonical string, so required
// and omitempty behave as on strings (the zero value is empty). A
// decimal.Decimal is presented as its exact text, so required always holds
// for a non-pointer Decimal; use *decimal.Decimal to require presence.
//
// # Design: no import cycle
//
// identity's services validate their input with this package, so this
// package must not import identity. The rules behind sa_id, sa_citizen_id and
// sa_mobile live in the leaf package internal/saudi, which both import;
// identity's types reach the tags through validator.Valuer, an interface they
// satisfy without importing validator.
//
// # Messages
//
// Validator's own translations (translations/ar on a locales/ar_SA translator,
// translations/en) cover the built-in tags; every custom tag registers its own
// message in both languages. In an Arabic message the field's JSON name is
// replaced by its ar label, found by walking the validated struct's type
// along the error's namespace through nested structs, pointers, slices,
// arrays and maps; a field without a label keeps its JSON name. English
// messages use JSON names. A tag without a translation gets a generic
// message rather than validator's English diagnostic.
//
// # Concurrency
//
// A Validator is safe for concurrent use. Default builds one on first use;
// build others with New only if you need a separate cache.
package validation
