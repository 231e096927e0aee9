package identity_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

func ExampleParseNationalID() {
	// Arabic-Indic digits and separators are normalised.
	id, err := identity.ParseNationalID("١٠١ ٠١٠ ١٠١٠")
	if err != nil {
		panic(err)
	}
	fmt.Println(id, id.Kind(), id.Masked())

	iqama := identity.MustParseNationalID("2000000006")
	fmt.Println(iqama.Kind())

	// Each failure has a reason code and a message in Arabic and English.
	_, err = identity.ParseNationalID("1010101011")
	fmt.Println(errors.Is(err, identity.ErrInvalidNationalID), fault.ReasonOf(err))
	fmt.Println(fault.MessageOf(err, i18n.Arabic))
	fmt.Println(fault.MessageOf(err, i18n.English))
	// Output:
	// 1010101010 citizen 1*******10
	// resident
	// true national_id.checksum
	// رقم التحقق في رقم الهوية الوطنية أو الإقامة غير مطابق
	// the check digit of the national ID or Iqama number does not match
}

func ExampleParseMobile() {
	for _, s := range []string{"0551234567", "+966 55 123 4567", "00966551234567", "٠٥٥١٢٣٤٥٦٧"} {
		m, err := identity.ParseMobile(s)
		if err != nil {
			panic(err)
		}
		fmt.Println(m)
	}
	m := identity.MustParseMobile("551234567")
	fmt.Println(m.National(), m.Masked())

	_, err := identity.ParseMobile("0521234567")
	fmt.Println(fault.ReasonOf(err), "-", fault.MessageOf(err, i18n.Arabic))
	// Output:
	// +966551234567
	// +966551234567
	// +966551234567
	// +966551234567
	// 0551234567 +96655*****67
	// mobile.unallocated - رقم الجوال ليس ضمن نطاقات أرقام الجوال السعودية المخصصة
}

func ExampleParseEmail() {
	e, err := identity.ParseEmail("  Sara.Ali@Example.SA ")
	if err != nil {
		panic(err)
	}
	fmt.Println(e, e.Masked())

	_, err = identity.ParseEmail("Sara Ali <sara@example.sa>")
	fmt.Println(fault.ReasonOf(err))
	// Output:
	// Sara.Ali@example.sa S***@example.sa
	// email.display_name
}

// Identity values decode from JSON through their parsers: input is normalised,
// and an invalid value fails the decode with its coded error.
func ExampleNationalID_UnmarshalJSON() {
	var in struct {
		NationalID identity.NationalID `json:"national_id"`
		Mobile     identity.Mobile     `json:"mobile"`
	}
	err := json.Unmarshal([]byte(`{"national_id":"٢٠٠٠٠٠٠٠٠٦","mobile":"0551234567"}`), &in)
	fmt.Println(in.NationalID, in.Mobile, err)

	out, _ := json.Marshal(in)
	fmt.Println(string(out))

	err = json.Unmarshal([]byte(`{"national_id":"2000000007"}`), &in)
	fmt.Println(fault.ReasonOf(err))
	// Output:
	// 2000000006 +966551234567 <nil>
	// {"national_id":"2000000006","mobile":"+966551234567"}
	// national_id.checksum
}
