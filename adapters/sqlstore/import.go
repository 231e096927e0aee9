package sqlstore

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
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
// caller's, under a savepoint, if ctx carries one from InTx), it writes the
// batch's files and events with multi-row INSERTs within the dialect's
// placeholder limit, or with Options.BulkCopier. The database's unique keys
// catch a taken key: the write is then rolled back, and a second look reads
// which of the batch's keys are stored and refuses the batch listing every
// item whose keys are stored or taken by an earlier item (a valid batch pays
// no look-up). A key that no such look-up finds taken (a concurrent writer
// took it and rolled back) gives records.ErrConflict with no items listed.
// On SQLite the import holds the write lock until its transaction ends.
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
	err = s.InTx(ctx, func(ctx context.Context) error {
		return s.writeBatch(ctx, s.stateFrom(ctx), emps, evs)
	})
	if err == nil || !errors.Is(err, records.ErrConflict) {
		return records.ImportResult{}, err
	}
	// A key is taken: list the items whose keys are.
	var res records.ImportResult
	if lookErr := s.InTx(ctx, func(ctx context.Context) error {
		taken, err := s.takenKeys(ctx, s.stateFrom(ctx).tx, emps, evs)
		res.Conflicts = importConflicts(batch, taken)
		return err
	}); lookErr != nil {
		return records.ImportResult{}, lookErr
	}
	if len(res.Conflicts) > 0 {
		return res, records.ErrConflict
	}
	return records.ImportResult{}, err
}

// stateFrom returns the transaction ctx carries.
func (s *Store) stateFrom(ctx context.Context) *txState {
	t, _ := ctx.Value(txKey{}).(*txState)
	return t
}

// encodeBatch encodes the batch's rows: the files with encodeEmployee, the
// events with appendEventDetails (the bytes encodeEvent's json.Marshal
// gives, without reflection).
func encodeBatch(batch []records.Import) ([]employeeRec, []eventRec, error) {
	emps := make([]employeeRec, 0, len(batch))
	n := 0
	for i := range batch {
		n += len(batch[i].History)
	}
	evs := make([]eventRec, 0, n)
	var buf []byte
	for i := range batch {
		e := &batch[i].Employee
		r, err := encodeEmployee(e, 1)
		if err != nil {
			return nil, nil, mapError(err)
		}
		emps = append(emps, r)
		for k := range batch[i].History {
			ev := &batch[i].History[k]
			var ok bool
			if buf, ok = appendEventDetails(buf[:0], ev); !ok || !dateOK(ev.Start) || !dateOK(ev.End) {
				rec, err := encodeEvent(e.ID, ev) // an invalid date: encodeEvent's error
				if err != nil {
					return nil, nil, mapError(err)
				}
				evs = append(evs, rec)
				continue
			}
			rec := eventRec{id: ev.ID, employeeID: e.ID, kind: string(ev.Kind), details: string(buf)}
			if !ev.Start.IsZero() {
				rec.start = ev.Start.String()
			}
			if !ev.End.IsZero() {
				rec.end = ev.End.String()
			}
			evs = append(evs, rec)
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

// appendEventDetails appends the details column of ev, byte for byte what
// encodeEvent's json.Marshal of the event without its ID, kind and dates
// gives, and reports true; it reports false, having appended an unfinished
// document, when a date of ev is not valid (json.Marshal fails on it). A
// test holds it to json.Marshal field for field.
func appendEventDetails(b []byte, ev *records.HistoryEvent) ([]byte, bool) {
	if !dateOK(ev.Decision.Date) || ev.Job != nil && !dateOK(ev.Job.StartDate) {
		return b, false
	}
	b = append(b, `{"id":"","kind":"","start":null,"decision":{`...)
	if ev.Decision.Number != "" {
		b = appendJSONString(append(b, `"number":`...), ev.Decision.Number)
	}
	if !ev.Decision.Date.IsZero() {
		if ev.Decision.Number != "" {
			b = append(b, ',')
		}
		b = appendJSONDate(append(b, `"date":`...), ev.Decision.Date)
	}
	b = append(b, '}')
	if j := ev.Job; j != nil {
		b = appendJSONString(append(b, `,"job":{"agency":{"id":`...), j.Agency.ID)
		b = appendJSONText(append(b, `,"name":`...), j.Agency.Name)
		b = appendJSONText(append(b, `},"title":`...), j.Title)
		b = appendJSONField(b, "classification_code", j.ClassificationCode)
		b = appendJSONField(b, "job_number", j.JobNumber)
		b = appendJSONField(b, "salary_scale", j.SalaryScale)
		b = strconv.AppendInt(append(b, `,"rank":`...), int64(j.Rank), 10)
		b = strconv.AppendInt(append(b, `,"step":`...), int64(j.Step), 10)
		b = append(appendJSONDate(append(b, `,"start_date":`...), j.StartDate), '}')
	}
	b = appendJSONField(b, "leave", string(ev.Leave))
	b = appendJSONField(b, "host", string(ev.Host))
	b = appendJSONField(b, "location", string(ev.Location))
	b = appendJSONField(b, "institution", ev.Institution)
	b = appendJSONField(b, "subject", ev.Subject)
	b = appendJSONField(b, "outcome", string(ev.Outcome))
	b = appendJSONField(b, "penalty", string(ev.Penalty))
	if ev.PenaltyDays != 0 {
		b = strconv.AppendInt(append(b, `,"penalty_days":`...), int64(ev.PenaltyDays), 10)
	}
	b = appendJSONField(b, "end_reason", string(ev.EndReason))
	if ev.Exceptional {
		b = append(b, `,"exceptional":true`...)
	}
	b = appendJSONField(b, "note", ev.Note)
	return append(b, '}'), true
}

// dateOK reports whether json.Marshal encodes d: zero or valid.
func dateOK(d hijri.Date) bool { return d.IsZero() || d.IsValid() }
