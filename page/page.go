package page

// Page is one page of a list, in the list's order.
type Page[T any] struct {
	// Items are the page's items, at most the request's limit.
	Items []T `json:"items"`
	// Next is the cursor of the next page (the filter's After), or "" on
	// the last page.
	Next string `json:"next,omitempty"`
}

// Default page sizes, used by every Service unless its documentation says otherwise.
const (
	// DefaultLimit is the page size when a filter's Limit is 0.
	DefaultLimit = 50
	// MaxLimit is the largest page a Service returns.
	MaxLimit = 500
)

// Limit returns the effective page size of a requested limit: def for 0 or
// a negative limit, max for one above max.
func Limit(n, def, max int) int {
	switch {
	case n <= 0:
		return def
	case n > max:
		return max
	}
	return n
}

// Fetch is the number of items to ask a Store for to fill a page of limit
// items and know whether another follows.
func Fetch(limit int) int { return limit + 1 }

// New returns the page of items fetched with Fetch(limit): the first limit
// items, and Next set to the cursor of the last of them when more were
// fetched. A limit of 0 or less takes every item as one page.
func New[T any](items []T, limit int, cursor func(T) string) Page[T] {
	if items == nil {
		items = []T{}
	}
	if limit <= 0 || len(items) <= limit {
		return Page[T]{Items: items}
	}
	items = items[:limit:limit]
	return Page[T]{Items: items, Next: cursor(items[limit-1])}
}

// All collects every item of a paged list by calling list with each page's
// cursor in turn, starting from "".
func All[T any](list func(after string) (Page[T], error)) ([]T, error) {
	var out []T
	after := ""
	for {
		p, err := list(after)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if p.Next == "" {
			return out, nil
		}
		after = p.Next
	}
}
