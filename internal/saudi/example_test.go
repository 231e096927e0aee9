package saudi_test

import (
	"fmt"

	"github.com/masarhr/masar-go/internal/saudi"
)

// NationalID normalises digits and separators and reports the first problem
// found; callers map it to their own coded error.
func ExampleNationalID() {
	for _, s := range []string{"1000000008", "٢٠٠٠ ٠٠٠ ٠٠٦", "1000000000", "5000000002", "10000x0008"} {
		id, p := saudi.NationalID(s)
		if p != saudi.OK {
			fmt.Println("rejected:", p)
			continue
		}
		fmt.Println(id)
	}
	// Output:
	// 1000000008
	// 2000000006
	// rejected: checksum
	// rejected: prefix
	// rejected: characters
}

// Mobile accepts the usual ways of writing a Saudi mobile number and returns
// its E.164 form.
func ExampleMobile() {
	for _, s := range []string{"0551234567", "+966 55 123 4567", "٠٥٥١٢٣٤٥٦٧", "0521234567", "0114567890", "+971501234567"} {
		m, p := saudi.Mobile(s)
		if p != saudi.OK {
			fmt.Println("rejected:", p)
			continue
		}
		fmt.Println(m)
	}
	// Output:
	// +966551234567
	// +966551234567
	// +966551234567
	// rejected: unallocated
	// rejected: prefix
	// rejected: country
}

// The tenth digit of an identity number is the Luhn check digit of the first
// nine.
func ExampleLuhnCheckDigit() {
	fmt.Println(saudi.LuhnCheckDigit("100000000"), saudi.LuhnCheckDigit("200000000"))
	// Output: 8 6
}
