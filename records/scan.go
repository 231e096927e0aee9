package records

import "context"

// FileHistory is an employee file with its whole history.
type FileHistory struct {
	Employee Employee       `json:"employee"`
	History  []HistoryEvent `json:"history"`
}

// FileScanner is an optional Store capability for batch jobs over every
// file (the leave year-end accrual): files with their histories, a page at
// a time, ordered by ID (byte order), starting strictly after the file
// named after ("" starts at the first; an after that names no file is not
// an error: the page starts at the next ID), at most limit files (limit ≥ 1).
// Each file's history is ordered by Start then ID, as ListHistoryEvents
// returns it. An empty page means the scan is done. A SQL adapter reads a
// page in a fixed number of queries, whatever its size.
type FileScanner interface {
	ScanFiles(ctx context.Context, after string, limit int) ([]FileHistory, error)
}
