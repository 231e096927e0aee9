package validation

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/go-playground/validator/v10"
	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/internal/saudi"
)

// customTag is one project tag: its check and its message in both languages
// ({0} is the field, {1} the tag's parameter). New registers the check and
// both translations for every entry, so a tag cannot exist without its
// messages.
type customTag struct {
	tag    string
	fn     validator.Func
	ar, en string
}

// customTags lists every project tag.
//
// Identity types (identity.NationalID, identity.Mobile, identity.Email)
// implement validator.Valuer (ValidatorValue() any, returning their canonical
// string), so these tags, like required, work on them exactly as on string
// fields, without this package importing identity. The checks themselves
// live in internal/saudi, which identity also uses: one rule, no import cycle
// (identity's services import this package).
var customTags = []customTag{
	{
		tag: "sa_id", fn: isNationalID,
		ar: "يجب أن يكون {0} رقم هوية وطنية أو إقامة أو رقم حدود صحيحاً",
		en: "{0} must be a valid Saudi national ID, Iqama or border number",
	},
	{
		tag: "sa_citizen_id", fn: isCitizenID,
		ar: "يجب أن يكون {0} رقم هوية وطنية صحيحاً لمواطن سعودي",
		en: "{0} must be a valid national ID of a Saudi citizen",
	},
	{
		tag: "sa_mobile", fn: isMobile,
		ar: "يجب أن يكون {0} رقم جوال سعودي صحيحاً",
		en: "{0} must be a valid Saudi mobile number",
	},
	{
		tag: "dgt", fn: decimalCmp("dgt", func(c int) bool { return c > 0 }),
		ar: "يجب أن يكون {0} أكبر من {1}",
		en: "{0} must be greater than {1}",
	},
	{
		tag: "dgte", fn: decimalCmp("dgte", func(c int) bool { return c >= 0 }),
		ar: "يجب أن يكون {0} أكبر من أو يساوي {1}",
		en: "{0} must be greater than or equal to {1}",
	},
	{
		tag: "dlt", fn: decimalCmp("dlt", func(c int) bool { return c < 0 }),
		ar: "يجب أن يكون {0} أصغر من {1}",
		en: "{0} must be less than {1}",
	},
	{
		tag: "dlte", fn: decimalCmp("dlte", func(c int) bool { return c <= 0 }),
		ar: "يجب أن يكون {0} أصغر من أو يساوي {1}",
		en: "{0} must be less than or equal to {1}",
	},
	{
		tag: "hijri_date", fn: isHijriDate,
		ar: "يجب أن يكون {0} تاريخاً هجرياً أو ميلادياً صحيحاً ضمن تقويم أم القرى (1356–1500 هـ)",
		en: "{0} must be a valid Hijri or Gregorian date within the Umm al-Qura calendar (1356–1500 AH)",
	},
}

// stringField returns the string a sa_* tag checks. Identity types arrive as
// strings through validator.Valuer; any other kind is a misuse of the tag.
func stringField(fl validator.FieldLevel) string {
	f := fl.Field()
	if f.Kind() != reflect.String {
		panic(fmt.Sprintf("validation: tag %s on a %s field (%s); use string or an identity type",
			fl.GetTag(), f.Kind(), fl.StructFieldName()))
	}
	return f.String()
}

// isNationalID is sa_id: a valid national ID, Iqama or border number in any
// form identity.ParseNationalID accepts.
func isNationalID(fl validator.FieldLevel) bool {
	_, p := saudi.NationalID(stringField(fl))
	return p == saudi.OK
}

// isCitizenID is sa_citizen_id: a valid national ID whose first digit is 1.
func isCitizenID(fl validator.FieldLevel) bool {
	id, p := saudi.NationalID(stringField(fl))
	return p == saudi.OK && id[0] == '1'
}

// isMobile is sa_mobile: a number identity.ParseMobile accepts.
func isMobile(fl validator.FieldLevel) bool {
	_, p := saudi.Mobile(stringField(fl))
	return p == saudi.OK
}

// isHijriDate is hijri_date: text hijri.ParseAny accepts (a Hijri or
// Gregorian civil date in the supported range), or a valid hijri.Date, which
// arrives as its ISO text through validator.Valuer. Combine with omitempty
// for optional fields: the empty string is not a date.
func isHijriDate(fl validator.FieldLevel) bool {
	_, err := hijri.ParseAny(stringField(fl))
	return err == nil
}

// decimalCmp builds dgt, dgte, dlt and dlte: the field compared with the
// tag's parameter as exact decimals. The field may be a decimal.Decimal,
// *decimal.Decimal or decimal.NullDecimal (mapped to their text by New), a
// string holding a decimal (text that does not parse fails the rule) or an
// integer. Floats are refused: a float field is a bug (CONTRIBUTING: money
// and scores are decimal.Decimal), and the check panics to say so, as it does
// for a parameter that is not a decimal.
func decimalCmp(tag string, ok func(cmp int) bool) validator.Func {
	return func(fl validator.FieldLevel) bool {
		bound := param(tag, fl.Param())
		f := fl.Field()
		var d decimal.Decimal
		switch f.Kind() {
		case reflect.String:
			var err error
			if d, err = decimal.NewFromString(f.String()); err != nil {
				return false
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			d = decimal.NewFromInt(f.Int())
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			d = decimal.NewFromUint64(f.Uint())
		default:
			panic(fmt.Sprintf("validation: tag %s on a %s field (%s); use decimal.Decimal, a decimal string or an integer",
				tag, f.Kind(), fl.StructFieldName()))
		}
		return ok(d.Cmp(bound))
	}
}

// params caches parsed decimal tag parameters (tags are few and fixed).
var params sync.Map // "dgt=0" → decimal.Decimal

func param(tag, p string) decimal.Decimal {
	key := tag + "=" + p
	if d, ok := params.Load(key); ok {
		return d.(decimal.Decimal)
	}
	d, err := decimal.NewFromString(p)
	if err != nil {
		panic(fmt.Sprintf("validation: %s: the parameter is not a decimal", key))
	}
	params.Store(key, d)
	return d
}
