package validation_test

import (
	"fmt"
	"maps"
	"slices"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/internal/validation"
)

// A service validates its input and returns the error; the transport shows
// the messages in the caller's language. Arabic messages name each field by
// its ar:"…" label.
func Example() {
	type registerInput struct {
		NationalID string `json:"national_id" validate:"required,sa_citizen_id" ar:"رقم الهوية الوطنية"`
		Mobile     string `json:"mobile" validate:"required,sa_mobile" ar:"رقم الجوال"`
		Salary     string `json:"salary" validate:"omitempty,dgte=0" ar:"الراتب"`
	}

	err := validation.Default().Struct(registerInput{
		NationalID: "2000000006", // an Iqama, not a citizen's ID
		Mobile:     "0521234567", // 052 is not allocated
		Salary:     "-0.01",
	})

	fmt.Println(fault.CodeOf(err), fault.ReasonOf(err))
	msgs := validation.Messages(err, i18n.Arabic)
	for _, field := range slices.Sorted(maps.Keys(msgs)) {
		fmt.Printf("%s: %s\n", field, msgs[field])
	}
	fmt.Println(validation.Messages(err, i18n.English)["mobile"])
	// Output:
	// invalid validation.failed
	// mobile: يجب أن يكون رقم الجوال رقم جوال سعودي صحيحاً
	// national_id: يجب أن يكون رقم الهوية الوطنية رقم هوية وطنية صحيحاً لمواطن سعودي
	// salary: يجب أن يكون الراتب أكبر من أو يساوي 0
	// mobile must be a valid Saudi mobile number
}
