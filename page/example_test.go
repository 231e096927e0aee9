package page_test

import (
	"fmt"

	"github.com/masarhr/masar-go/page"
)

func Example() {
	ids := []string{"a", "b", "c", "d", "e"}
	// A Store returns the items after the cursor, up to page.Fetch(limit).
	list := func(after string) (page.Page[string], error) {
		start := 0
		for i, id := range ids {
			if id == after {
				start = i + 1
			}
		}
		limit := 2
		end := min(start+page.Fetch(limit), len(ids))
		return page.New(ids[start:end], limit, func(s string) string { return s }), nil
	}
	p, _ := list("")
	fmt.Println(p.Items, p.Next)
	all, _ := page.All(list)
	fmt.Println(all)
	// Output:
	// [a b] b
	// [a b c d e]
}
