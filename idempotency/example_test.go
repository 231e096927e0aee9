package idempotency_test

import (
	"fmt"

	"github.com/masarhr/masar-go/idempotency"
)

func Example() {
	fmt.Println(idempotency.ValidateKey("8e2f6c1a-retry-1"))
	fmt.Println(idempotency.ValidateKey("") != nil)
	a := idempotency.HashRequest("POST", "/v1/grievances", []byte(`{"kind":"administrative_decision"}`))
	b := idempotency.HashRequest("POST", "/v1/grievances", []byte(`{"kind":"rights_claim"}`))
	fmt.Println(len(a), a == b)
	// Output:
	// <nil>
	// true
	// 64 false
}
