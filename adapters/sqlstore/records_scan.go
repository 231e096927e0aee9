package sqlstore

import (
	"context"

	"github.com/masarhr/masar-go/records"
)

var _ records.FileScanner = (*Store)(nil)

// scanEventRow is a history event row with its file's ID, as ScanFiles
// reads the histories of a page of files.
type scanEventRow struct {
	EmployeeID string `db:"employee_id"`
	eventRow
}

const (
	// scanFilesQuery reads a page of files on the primary key, in its order.
	scanFilesQuery = `SELECT ` + employeeColumns + ` FROM employees WHERE id > ? ORDER BY id`
	// scanHistoryQuery reads the histories of the files whose IDs are in a
	// range (a page's first to last: exactly the page's files), in the
	// order of history_events_employee (employee_id, start_date, id), as
	// ListHistoryEvents reads one file's.
	scanHistoryQuery = `SELECT employee_id, id, start_date, kind, end_date, details FROM history_events
	WHERE employee_id >= ? AND employee_id <= ? ORDER BY employee_id, start_date, id`
)

// ScanFiles implements records.FileScanner: two queries in one read
// transaction (so that the files and their histories are one snapshot),
// whatever the page's size: the page of files on the primary key, then
// their events on history_events_employee's range from the page's first
// file to its last, merged by file in Go.
func (s *Store) ScanFiles(ctx context.Context, after string, limit int) ([]records.FileHistory, error) {
	var out []records.FileHistory
	err := s.InReadTx(ctx, func(ctx context.Context) error {
		q := s.ext(ctx)
		query, args := scanFilesQuery, []any{after}
		if limit > 0 {
			query += ` LIMIT ?`
			args = append(args, limit)
		}
		var files []employeeRow
		if err := sqlxSelect(ctx, q, &files, s.rebind(query), args...); err != nil {
			return err
		}
		if len(files) == 0 {
			return nil
		}
		var events []scanEventRow
		if err := sqlxSelect(ctx, q, &events, s.rebind(scanHistoryQuery), files[0].ID, files[len(files)-1].ID); err != nil {
			return err
		}
		out = make([]records.FileHistory, len(files))
		history := make([]records.HistoryEvent, 0, len(events))
		k := 0
		for i := range files {
			id := files[i].ID
			for k < len(events) && events[k].EmployeeID < id {
				k++ // an event of no file of the page (none while the foreign key holds)
			}
			start := len(history)
			for ; k < len(events) && events[k].EmployeeID == id; k++ {
				history = append(history, events[k].event())
			}
			out[i] = records.FileHistory{Employee: files[i].employee(), History: history[start:len(history):len(history)]}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
