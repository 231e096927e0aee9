package sqlstore

import (
	"context"
	"errors"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/records"
)

var _ records.BulkStore = (*Store)(nil)

// Copier writes rows in bulk on the driver's own connection, faster than
// multi-row INSERTs: PostgreSQL's COPY through pgx, from package
// adapters/sqlstore/pgcopy (sqlstore imports no driver, so it cannot do it
// itself). Set it with Options.BulkCopier.
type Copier interface {
	// CopyRows writes rows (values in columns' order) into table and returns
	// how many it wrote. driverConn is the connection of the Store's open
	// transaction, as database/sql's Conn.Raw hands it over; the rows join
	// that transaction. It returns an error matching ErrCopyUnsupported,
	// having written nothing, when driverConn is not a connection it can use:
	// the Store then writes with INSERTs.
	CopyRows(ctx context.Context, driverConn any, table string, columns []string, rows [][]any) (int64, error)
}

// ErrCopyUnsupported is the error of a Copier given a connection it cannot use.
var ErrCopyUnsupported = fault.New(fault.Internal, "sqlstore.copy_unsupported",
	"bulk copy is not supported by this database driver", "النسخ المجمع غير مدعوم في مشغل قاعدة البيانات هذا")

// ImportEmployees implements records.BulkStore: in one transaction (the
// caller's, under a savepoint, if ctx carries one from InTx), it reads which
// of the batch's keys are stored, refuses the batch listing every item whose
// keys are stored or taken by an earlier item, and otherwise writes the
// files and events with multi-row INSERTs within the dialect's placeholder
// limit, or with Options.BulkCopier. A key that a concurrent writer takes
// between the check and the write gives records.ErrConflict with no items
// listed. On SQLite the import holds the write lock until its transaction
// ends.
func (s *Store) ImportEmployees(ctx context.Context, batch []records.Import) (records.ImportResult, error) {
	if err := ctx.Err(); err != nil {
		return records.ImportResult{}, err
	}
	if len(batch) == 0 {
		return records.ImportResult{}, nil
	}
	emps, evs, err := encodeBatch(batch)
	if err != nil {
		return records.ImportResult{}, err
	}
	var res records.ImportResult
	err = s.InTx(ctx, func(ctx context.Context) error {
		t := s.stateFrom(ctx)
		taken, err := s.takenKeys(ctx, t.tx, emps, evs)
		if err != nil {
			return err
		}
		if res.Conflicts = importConflicts(batch, taken); len(res.Conflicts) > 0 {
			return records.ErrConflict
		}
		return s.writeBatch(ctx, t, emps, evs)
	})
	if err != nil && len(res.Conflicts) == 0 {
		return records.ImportResult{}, err
	}
	return res, err
}

// stateFrom returns the transaction ctx carries.
func (s *Store) stateFrom(ctx context.Context) *txState {
	t, _ := ctx.Value(txKey{}).(*txState)
	return t
}

// encodeBatch encodes the batch's rows.
func encodeBatch(batch []records.Import) ([]employeeRec, []eventRec, error) {
	emps := make([]employeeRec, 0, len(batch))
	var evs []eventRec
	for i := range batch {
		e := &batch[i].Employee
		r, err := encodeEmployee(e, 1)
		if err != nil {
			return nil, nil, mapError(err)
		}
		emps = append(emps, r)
		for k := range batch[i].History {
			ev, err := encodeEvent(e.ID, &batch[i].History[k])
			if err != nil {
				return nil, nil, mapError(err)
			}
			evs = append(evs, ev)
		}
	}
	return emps, evs, nil
}

// keySet holds stored keys: file IDs, national IDs, event IDs.
type keySet struct{ ids, nationalIDs, eventIDs map[string]bool }

// importConflicts lists the items of batch whose file ID, national ID or
// event IDs are in taken or taken by an earlier item.
func importConflicts(batch []records.Import, taken keySet) []records.RowError {
	var out []records.RowError
	ids := make(map[string]bool, len(batch))
	nids := make(map[string]bool, len(batch))
	events := make(map[string]bool, len(batch)*8)
	for i := range batch {
		e := &batch[i].Employee
		var err error
		nid := e.NationalID.String()
		switch {
		case taken.ids[e.ID] || ids[e.ID]:
			err = records.ErrDuplicateEmployeeID
		case taken.nationalIDs[nid] || nids[nid]:
			err = records.ErrDuplicateNationalID
		}
		ids[e.ID], nids[nid] = true, true
		for _, ev := range batch[i].History {
			if (taken.eventIDs[ev.ID] || events[ev.ID]) && err == nil {
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

// takenKeys returns which of the rows' keys are stored.
func (s *Store) takenKeys(ctx context.Context, q sqlx.QueryerContext, emps []employeeRec, evs []eventRec) (keySet, error) {
	set := keySet{ids: map[string]bool{}, nationalIDs: map[string]bool{}, eventIDs: map[string]bool{}}
	per := s.d.maxVariables() / 2
	for len(emps) > 0 {
		m := min(len(emps), per)
		var rows []struct {
			ID         string `db:"id"`
			NationalID string `db:"national_id"`
		}
		args := make([]any, 2*m)
		for i := range emps[:m] {
			args[i], args[m+i] = emps[i].id, emps[i].nationalID
		}
		query := `SELECT id, national_id FROM employees WHERE id IN (` + placeholders(m) + `) OR national_id IN (` + placeholders(m) + `)`
		if err := sqlxSelect(ctx, q, &rows, s.rebind(query), args...); err != nil {
			return set, err
		}
		for _, r := range rows {
			set.ids[r.ID], set.nationalIDs[r.NationalID] = true, true
		}
		emps = emps[m:]
	}
	per = s.d.maxVariables()
	for len(evs) > 0 {
		m := min(len(evs), per)
		args := make([]any, m)
		for i := range evs[:m] {
			args[i] = evs[i].id
		}
		var found []string
		if err := sqlxSelect(ctx, q, &found, s.rebind(`SELECT id FROM history_events WHERE id IN (`+placeholders(m)+`)`), args...); err != nil {
			return set, err
		}
		for _, id := range found {
			set.eventIDs[id] = true
		}
		evs = evs[m:]
	}
	return set, nil
}

// writeBatch writes the rows in the transaction t: with the Copier when the
// Store has one that can use the connection, else with INSERTs.
func (s *Store) writeBatch(ctx context.Context, t *txState, emps []employeeRec, evs []eventRec) error {
	if s.copier != nil && t.conn != nil {
		err := s.copyBatch(ctx, t, emps, evs)
		if !errors.Is(err, ErrCopyUnsupported) {
			return err
		}
	}
	return s.insertBatch(ctx, t.tx, emps, evs)
}

// copyBatch writes the rows with the Copier.
func (s *Store) copyBatch(ctx context.Context, t *txState, emps []employeeRec, evs []eventRec) error {
	return t.conn.Raw(func(dc any) error {
		rows := make([][]any, len(emps))
		for i := range emps {
			rows[i] = emps[i].copyRow()
		}
		n, err := s.copier.CopyRows(ctx, dc, "employees", strings.Split(employeeColumns, ", "), rows)
		if err != nil {
			return err
		}
		if n != int64(len(emps)) {
			return records.ErrConflict
		}
		rows = make([][]any, len(evs))
		for i := range evs {
			rows[i] = evs[i].copyRow()
		}
		n, err = s.copier.CopyRows(ctx, dc, "history_events", strings.Split(eventColumns, ", "), rows)
		if err != nil {
			return err
		}
		if n != int64(len(evs)) {
			return records.ErrConflict
		}
		return nil
	})
}

// insertBatch writes the rows with multi-row INSERTs.
func (s *Store) insertBatch(ctx context.Context, q sqlx.ExtContext, emps []employeeRec, evs []eventRec) error {
	args := make([]any, 0, len(emps)*employeeColumnCount)
	for i := range emps {
		args = append(args, emps[i].args()...)
	}
	n, err := s.insertValues(ctx, q, `INSERT INTO employees (`+employeeColumns+`) VALUES `, employeeColumnCount, args, ` ON CONFLICT DO NOTHING`)
	if err != nil {
		return err
	}
	if n != int64(len(emps)) {
		return records.ErrConflict // a concurrent writer took a key after the check
	}
	args = make([]any, 0, len(evs)*eventColumnCount)
	for i := range evs {
		args = append(args, evs[i].args()...)
	}
	n, err = s.insertValues(ctx, q, `INSERT INTO history_events (`+eventColumns+`) VALUES `, eventColumnCount, args, ` ON CONFLICT DO NOTHING`)
	if err != nil {
		return err
	}
	if n != int64(len(evs)) {
		return records.ErrConflict
	}
	return nil
}

// placeholders returns n question marks separated by commas.
func placeholders(n int) string {
	if n == 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}
