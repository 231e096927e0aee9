package memstore

import (
	"context"

	"github.com/masarhr/masar-go/records"
)

var _ records.BulkStore = (*Store)(nil)

// ImportEmployees implements records.BulkStore: it checks every item's keys
// against the stored files and the batch's earlier items, then stores the
// whole batch (deep copies, version 1) or, on any conflict, nothing.
func (s *Store) ImportEmployees(ctx context.Context, batch []records.Import) (records.ImportResult, error) {
	var res records.ImportResult
	err := s.update(ctx, func(u *undoLog) error {
		d := &s.rec
		if res.Conflicts = d.importConflicts(batch); len(res.Conflicts) > 0 {
			return records.ErrConflict
		}
		for i := range batch {
			e := batch[i].Employee.Clone()
			e.Version = 1
			put(u, d.employees, e.ID, e)
			put(u, d.byNID, e.NationalID.String(), e.ID)
			h := records.CloneHistory(batch[i].History)
			for _, ev := range h {
				put(u, d.eventOwner, ev.ID, e.ID)
			}
			put(u, d.history, e.ID, &h)
		}
		return nil
	})
	if err != nil && len(res.Conflicts) == 0 {
		return records.ImportResult{}, err
	}
	return res, err
}

// importConflicts lists the items of batch whose file ID, national ID or
// event IDs are stored or taken by an earlier item.
func (d *recordsData) importConflicts(batch []records.Import) []records.RowError {
	var out []records.RowError
	ids := make(map[string]bool, len(batch))
	nids := make(map[string]bool, len(batch))
	events := make(map[string]bool, len(batch)*8)
	for i := range batch {
		e := &batch[i].Employee
		var err error
		nid := e.NationalID.String()
		_, stored := d.employees[e.ID]
		_, nidStored := d.byNID[nid]
		switch {
		case stored || ids[e.ID]:
			err = records.ErrDuplicateEmployeeID
		case nidStored || nids[nid]:
			err = records.ErrDuplicateNationalID
		}
		ids[e.ID], nids[nid] = true, true
		for _, ev := range batch[i].History {
			if _, owned := d.eventOwner[ev.ID]; (owned || events[ev.ID]) && err == nil {
				err = records.ErrDuplicateEventID
			}
			events[ev.ID] = true
		}
		if err != nil {
			out = append(out, records.RowError{Index: i, Err: err})
		}
	}
	return out
}
