package ids_test

import (
	"fmt"

	"github.com/masarhr/masar-go/internal/ids"
)

func ExampleNew() {
	a, b := ids.New(), ids.New()
	fmt.Println(len(a), a != b)
	// Output: 32 true
}
