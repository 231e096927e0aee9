package masar

// PageRequest asks a facade list for one page. Every list of the Client
// takes one and returns a page.Page: its Items, in the list's documented
// order, and Next, the cursor of the following page ("" on the last page).
// A caller passes Next back as After until it is empty.
type PageRequest struct {
	// After is the cursor of the page to read: "" for the first page, then
	// the previous page's Next. A cursor that names no item of the list is
	// refused with the list's not-found error.
	After string `json:"after,omitempty"`
	// Limit is the page size: 0 (or less) means page.DefaultLimit, and
	// anything above page.MaxLimit is capped to it.
	Limit int `json:"limit,omitempty"`
}
