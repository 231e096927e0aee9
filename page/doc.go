// Package page holds masar-go's one paging convention: keyset pages of a
// list in a fixed order, continued by an opaque cursor.
//
// A Service's List method takes a filter with After (the cursor, "" for the
// first page) and Limit, and returns a Page. The cursor is the key of the
// last item of the previous page (an ID, or a composite key for items that
// have none); a Store's list method starts strictly after the item that
// cursor names, and returns an error matching its contract's ErrNotFound when
// the cursor names no item. A page is full-sized unless it is the last;
// Next is "" on the last page, so a caller loops until Next is empty.
//
// Services ask their Store for one item more than the page holds (Fetch), so
// that Next is set exactly when another page follows (New).
package page
