package validation_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/validation"
)

// violations validates in and returns field → reason, or nil when in is valid.
func violations(t *testing.T, in any) map[string]string {
	t.Helper()
	err := validation.Default().Struct(in)
	if err == nil {
		return nil
	}
	require.ErrorIs(t, err, fault.ErrInvalidInput)
	require.ErrorIs(t, err, fault.ErrInvalid)
	fe, ok := fault.As(err)
	require.True(t, ok)
	out := map[string]string{}
	for _, f := range fe.Fields {
		out[f.Field] = f.Reason
		assert.NotEmpty(t, f.Message.AR, f.Field)
		assert.NotEmpty(t, f.Message.EN, f.Field)
	}
	return out
}

func TestIDTagsOnStrings(t *testing.T) {
	type in struct {
		Any     string `json:"any" validate:"sa_id"`
		Citizen string `json:"citizen" validate:"sa_citizen_id"`
	}
	for _, tc := range []struct {
		name string
		in   in
		want map[string]string
	}{
		{"citizen in both", in{"1000000008", "1000000008"}, nil},
		{"Arabic-Indic digits", in{"٢٠٠٠٠٠٠٠٠٦", "١٠٥٨٥٢٩٩٤٠"}, nil},
		{"Persian digits and dashes", in{"۳۰۰۰-۰۰۰-۰۰۴", "1-058-529-940"}, nil},
		{"resident is not a citizen", in{"2000000006", "2000000006"}, map[string]string{"citizen": "sa_citizen_id"}},
		{"border is not a citizen", in{"3000000004", "3000000004"}, map[string]string{"citizen": "sa_citizen_id"}},
		{"checksum", in{"1000000000", "1058529941"}, map[string]string{"any": "sa_id", "citizen": "sa_citizen_id"}},
		{"prefix", in{"5000000002", "5000000002"}, map[string]string{"any": "sa_id", "citizen": "sa_citizen_id"}},
		{"length", in{"100000000", "10000000081"}, map[string]string{"any": "sa_id", "citizen": "sa_citizen_id"}},
		{"characters", in{"10000x0008", ""}, map[string]string{"any": "sa_id", "citizen": "sa_citizen_id"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, violations(t, tc.in))
		})
	}
}

func TestMobileTagOnStrings(t *testing.T) {
	type in struct {
		Mobile string `json:"mobile" validate:"omitempty,sa_mobile"`
	}
	for _, ok := range []string{"", "0551234567", "551234567", "+966551234567", "966551234567", "00966551234567", "٠٥٥١٢٣٤٥٦٧", "0579012345"} {
		assert.Nil(t, violations(t, in{ok}), ok)
	}
	for _, bad := range []string{"0521234567", "0579212345", "0112345678", "+971501234567", "055123456", "05512345678", "05x1234567"} {
		assert.Equal(t, map[string]string{"mobile": "sa_mobile"}, violations(t, in{bad}), bad)
	}
}

// Identity types reach the tags as their canonical strings (validator.Valuer),
// so required, omitempty and the sa_* tags work on them as on strings.
func TestTagsOnIdentityTypes(t *testing.T) {
	type in struct {
		ID      identity.NationalID   `json:"national_id" validate:"required,sa_citizen_id"`
		Mobile  identity.Mobile       `json:"mobile" validate:"required,sa_mobile"`
		Email   identity.Email        `json:"email" validate:"required,email"`
		Sponsor *identity.NationalID  `json:"sponsor" validate:"omitempty,sa_id"`
		Other   *identity.Mobile      `json:"other" validate:"required,sa_mobile"`
		Family  []identity.NationalID `json:"family" validate:"dive,sa_citizen_id"`
	}
	valid := in{
		ID:     identity.MustParseNationalID("1058529940"),
		Mobile: identity.MustParseMobile("0551234567"),
		Email:  identity.MustParseEmail("sara@example.com"),
		Other:  new(identity.MustParseMobile("0501234567")),
	}
	assert.Nil(t, violations(t, valid))

	assert.Equal(t, map[string]string{"national_id": "required", "mobile": "required", "email": "required", "other": "required"},
		violations(t, in{}))

	resident := valid
	resident.ID = identity.MustParseNationalID("2172323137")
	resident.Sponsor = new(identity.MustParseNationalID("1001244019"))
	resident.Family = []identity.NationalID{identity.MustParseNationalID("1000000008"), identity.MustParseNationalID("2000000006")}
	assert.Equal(t, map[string]string{"national_id": "sa_citizen_id", "family[1]": "sa_citizen_id"}, violations(t, resident))

	v := validation.Default()
	assert.NoError(t, v.Var("mobile", identity.MustParseMobile("+966581234567"), "required,sa_mobile"))
	err := v.Var("national_id", identity.NationalID{}, "required,sa_id")
	assert.Equal(t, map[string]string{"national_id": "حقل national_id مطلوب"}, validation.Messages(err, i18n.Arabic))
}

func TestDecimalTags(t *testing.T) {
	type in struct {
		D    decimal.Decimal     `json:"d" validate:"dgt=0"`
		P    *decimal.Decimal    `json:"p" validate:"omitempty,dgte=-0.01"`
		N    decimal.NullDecimal `json:"n" validate:"omitempty,dlte=1e3"`
		S    string              `json:"s" validate:"dlt=100.5"`
		I    int                 `json:"i" validate:"dgte=1"`
		U    uint8               `json:"u" validate:"dlte=15"`
		Zero decimal.Decimal     `json:"zero" validate:"dgte=0,dlte=0"`
	}
	dec := decimal.RequireFromString
	valid := in{D: dec("0.0001"), S: "100.49", I: 1, U: 15}
	assert.Nil(t, violations(t, valid))

	for _, tc := range []struct {
		name string
		edit func(*in)
		want map[string]string
	}{
		{"dgt=0 rejects 0", func(x *in) { x.D = decimal.Zero }, map[string]string{"d": "dgt"}},
		{"dgt=0 rejects 0.00", func(x *in) { x.D = dec("0.00") }, map[string]string{"d": "dgt"}},
		{"dgt=0 rejects the zero Decimal", func(x *in) { x.D = decimal.Decimal{} }, map[string]string{"d": "dgt"}},
		{"dgt=0 rejects negatives", func(x *in) { x.D = dec("-5") }, map[string]string{"d": "dgt"}},
		{"dgte=-0.01 accepts -0.01", func(x *in) { x.P = new(dec("-0.010")) }, nil},
		{"dgte=-0.01 rejects -0.011", func(x *in) { x.P = new(dec("-0.011")) }, map[string]string{"p": "dgte"}},
		{"dlte=1e3 accepts 1000", func(x *in) { x.N = decimal.NewNullDecimal(dec("1000")) }, nil},
		{"dlte=1e3 rejects 1000.01", func(x *in) { x.N = decimal.NewNullDecimal(dec("1000.01")) }, map[string]string{"n": "dlte"}},
		{"dlt=100.5 rejects 100.5", func(x *in) { x.S = "100.50" }, map[string]string{"s": "dlt"}},
		{"a string that is not a decimal fails", func(x *in) { x.S = "abc" }, map[string]string{"s": "dlt"}},
		{"an empty string fails", func(x *in) { x.S = "" }, map[string]string{"s": "dlt"}},
		{"an exponent string is a decimal", func(x *in) { x.S = "1e2" }, nil},
		{"dgte=1 on an int", func(x *in) { x.I = 0 }, map[string]string{"i": "dgte"}},
		{"dlte=15 on a uint8", func(x *in) { x.U = 16 }, map[string]string{"u": "dlte"}},
		{"a non-zero value breaks dgte=0,dlte=0", func(x *in) { x.Zero = dec("0.1") }, map[string]string{"zero": "dlte"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := valid
			tc.edit(&x)
			assert.Equal(t, tc.want, violations(t, x))
		})
	}

	t.Run("a float field is a programming error", func(t *testing.T) {
		type bad struct {
			F float64 `json:"f" validate:"dgt=0"`
		}
		assert.PanicsWithValue(t, "validation: tag dgt on a float64 field (F); use decimal.Decimal, a decimal string or an integer",
			func() { _ = validation.New().Struct(bad{F: 1}) })
	})
	t.Run("a parameter that is not a decimal is a programming error", func(t *testing.T) {
		type bad struct {
			D decimal.Decimal `json:"d" validate:"dgt=zero"`
		}
		assert.Panics(t, func() { _ = validation.New().Struct(bad{}) })
	})
	t.Run("Var with a decimal", func(t *testing.T) {
		err := validation.Default().Var("amount", dec("-1"), "dgte=0")
		assert.Equal(t, map[string]string{"amount": "amount must be greater than or equal to 0"},
			validation.Messages(err, i18n.English))
		assert.Equal(t, map[string]string{"amount": "يجب أن يكون amount أكبر من أو يساوي 0"},
			validation.Messages(err, i18n.Arabic))
	})
}

func TestSATagsOnOtherKindsPanic(t *testing.T) {
	type bad struct {
		ID int64 `json:"id" validate:"sa_id"`
	}
	assert.Panics(t, func() { _ = validation.New().Struct(bad{ID: 1000000008}) })
}

type address struct {
	City   string `json:"city" validate:"required" ar:"المدينة"`
	Street string `json:"street" validate:"required"`
}

type line struct {
	Amount decimal.Decimal `json:"amount" validate:"dgt=0" ar:"المبلغ"`
}

type application struct {
	NationalID string              `json:"national_id" validate:"required,sa_id" ar:"رقم الهوية"`
	Mobile     string              `json:"mobile" validate:"required,sa_mobile" ar:"رقم الجوال"`
	Name       string              `json:"name" validate:"required"`
	Home       address             `json:"home" ar:"العنوان"`
	Work       *address            `json:"work" validate:"required"`
	Lines      []line              `json:"lines" validate:"dive"`
	Fixed      [2]line             `json:"fixed" validate:"dive"`
	ByCode     map[string]*line    `json:"by_code" validate:"dive"`
	Tags       []string            `json:"tags" validate:"dive,required" ar:"الوسم"`
	Nested     [][]address         `json:"nested" validate:"dive,dive"`
	Unicode    string              `json:"unicode" validate:"omitempty,alphaunicode" ar:"الاسم"`
	Sponsor    identity.NationalID `json:"sponsor" validate:"required" ar:"رقم هوية الكفيل"`
}

func validApplication() application {
	return application{
		NationalID: "1000000008", Mobile: "0551234567", Name: "Sara",
		Home: address{City: "Riyadh", Street: "King Fahd"}, Work: &address{City: "Jeddah", Street: "Tahlia"},
		Lines: []line{{Amount: decimal.NewFromInt(1)}}, Fixed: [2]line{{decimal.NewFromInt(1)}, {decimal.NewFromInt(2)}},
		ByCode: map[string]*line{"a.b": {Amount: decimal.NewFromInt(3)}}, Tags: []string{"x"},
		Nested:  [][]address{{{City: "Makkah", Street: "Ajyad"}}},
		Sponsor: identity.MustParseNationalID("1010101010"),
	}
}

func TestArabicLabelsAndPaths(t *testing.T) {
	in := validApplication()
	assert.NoError(t, validation.Default().Struct(&in))

	in.NationalID = "1000000000"
	in.Name = ""
	in.Home.City = ""
	in.Work.Street = ""
	in.Lines = append(in.Lines, line{Amount: decimal.NewFromInt(-1)})
	in.Fixed[1].Amount = decimal.Zero
	in.ByCode["a.b"].Amount = decimal.Zero
	in.Tags = []string{"x", ""}
	in.Nested[0][0].City = ""
	in.Unicode = "Sara!"
	in.Sponsor = identity.NationalID{}

	err := validation.Default().Struct(&in)
	require.ErrorIs(t, err, fault.ErrInvalidInput)

	assert.Equal(t, map[string]string{
		"national_id":         "يجب أن يكون رقم الهوية رقم هوية وطنية أو إقامة أو رقم حدود صحيحاً",
		"name":                "حقل name مطلوب", // no ar label: the JSON name stays
		"home.city":           "حقل المدينة مطلوب",
		"work.street":         "حقل street مطلوب",
		"lines[1].amount":     "يجب أن يكون المبلغ أكبر من 0",
		"fixed[1].amount":     "يجب أن يكون المبلغ أكبر من 0",
		"by_code[a.b].amount": "يجب أن يكون المبلغ أكبر من 0",
		"tags[1]":             "حقل الوسم[1] مطلوب",
		"nested[0][0].city":   "حقل المدينة مطلوب",
		"unicode":             "قيمة الاسم غير صحيحة", // alphaunicode has no Arabic translation upstream
		"sponsor":             "حقل رقم هوية الكفيل مطلوب",
	}, validation.Messages(err, i18n.Arabic))

	assert.Equal(t, map[string]string{
		"national_id":         "national_id must be a valid Saudi national ID, Iqama or border number",
		"name":                "name is a required field",
		"home.city":           "city is a required field",
		"work.street":         "street is a required field",
		"lines[1].amount":     "amount must be greater than 0",
		"fixed[1].amount":     "amount must be greater than 0",
		"by_code[a.b].amount": "amount must be greater than 0",
		"tags[1]":             "tags[1] is a required field",
		"nested[0][0].city":   "city is a required field",
		"unicode":             "unicode can only contain unicode alphabetic characters",
		"sponsor":             "sponsor is a required field",
	}, validation.Messages(err, i18n.English))

	in.Work = nil
	assert.Equal(t, "حقل work مطلوب", validation.Messages(validation.Default().Struct(in), i18n.Arabic)["work"])
}

func TestLabelsThroughEmbeddedStructs(t *testing.T) {
	type Base struct {
		NationalID string `json:"national_id" validate:"required" ar:"رقم الهوية"`
	}
	type in struct {
		Base
		Note string `json:"note" validate:"required" ar:"الملاحظة"`
	}
	msgs := validation.Messages(validation.Default().Struct(in{}), i18n.Arabic)
	assert.Len(t, msgs, 2)
	for field, msg := range msgs {
		assert.NotContains(t, msg, "national_id", field)
		assert.NotContains(t, msg, "note", field)
	}
}

// The label replaces the field's name, not the other field named in the parameter.
func TestLabelWithFieldParameter(t *testing.T) {
	type in struct {
		ID      string `json:"id" validate:"sa_id" ar:"الهوية"`
		IDMatch string `json:"id2" validate:"eqfield=ID" ar:"تأكيد الهوية"`
	}
	err := validation.Default().Struct(in{ID: "1000000008", IDMatch: "1010101010"})
	msgs := validation.Messages(err, i18n.Arabic)
	assert.Equal(t, "يجب أن يكون تأكيد الهوية مساويا ل ID", msgs["id2"])
}

func TestVar(t *testing.T) {
	v := validation.Default()
	assert.NoError(t, v.Var("mobile", "0551234567", "required,sa_mobile"))
	err := v.Var("contact.mobile", "0521234567", "required,sa_mobile")
	require.ErrorIs(t, err, fault.ErrInvalidInput)
	fe, _ := fault.As(err)
	require.Len(t, fe.Fields, 1)
	assert.Equal(t, fault.FieldViolation{Field: "contact.mobile", Reason: "sa_mobile", Message: i18n.Text{
		AR: "يجب أن يكون contact.mobile رقم جوال سعودي صحيحاً",
		EN: "contact.mobile must be a valid Saudi mobile number",
	}}, fe.Fields[0])
}

func TestNotAStructIsInternal(t *testing.T) {
	err := validation.Default().Struct(42)
	assert.Equal(t, fault.Internal, fault.CodeOf(err))
	assert.NotErrorIs(t, err, fault.ErrInvalidInput)
	assert.Nil(t, validation.Messages(err, i18n.Arabic))
}

func TestMessages(t *testing.T) {
	assert.Nil(t, validation.Messages(nil, i18n.Arabic))
	assert.Nil(t, validation.Messages(errors.New("boom"), i18n.Arabic))
	assert.Nil(t, validation.Messages(identity.ErrInvalidNationalID, i18n.Arabic), "a coded error without fields")

	err := fmt.Errorf("register: %w", validation.Default().Var("mobile", "123", "sa_mobile"))
	assert.Equal(t, map[string]string{"mobile": "mobile must be a valid Saudi mobile number"}, validation.Messages(err, i18n.English))
	assert.Equal(t, map[string]string{"mobile": "يجب أن يكون mobile رقم جوال سعودي صحيحاً"}, validation.Messages(err, i18n.Arabic))
}

func TestConcurrentUse(t *testing.T) {
	v := validation.Default()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 200 {
				in := validApplication()
				if i%2 == 0 {
					in.Tags = []string{""}
				}
				err := v.Struct(in)
				assert.Equal(t, i%2 == 0, err != nil)
			}
		})
	}
	wg.Wait()
}
