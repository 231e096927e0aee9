package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/records"
)

// ImportItem is one employee file with its whole history, as
// ImportEmployees takes them.
type ImportItem struct {
	// Employee is the file as records.Service would store it: ID, CreatedAt
	// and UpdatedAt set, qualifications with IDs, Job and ServiceEnd as the
	// history gives them. Version is ignored: imported files have version 1.
	Employee records.Employee
	// History is the file's whole history, events with IDs (at least the
	// appointment).
	History []records.HistoryEvent
}

// ImportError is the error of ImportEmployees for one item of the source:
// an invalid or duplicate file, or a failure of the source itself. Err is
// the cause (errors.Is sees through ImportError).
type ImportError struct {
	// Index is the item's position in the source, from 0.
	Index int
	// EmployeeID and NationalID identify the item's file (zero for a source failure).
	EmployeeID string
	NationalID identity.NationalID
	Err        error
}

// Error names the item with its national ID masked.
func (e *ImportError) Error() string {
	if e.EmployeeID == "" && e.NationalID.IsZero() {
		return fmt.Sprintf("sqlstore: import item %d: %v", e.Index, e.Err)
	}
	return fmt.Sprintf("sqlstore: import item %d (file %q, national ID %s): %v", e.Index, e.EmployeeID, e.NationalID.Masked(), e.Err)
}

// Unwrap returns the cause.
func (e *ImportError) Unwrap() error { return e.Err }

// ErrInvalidImport is the error (code invalid) for an imported file that
// records.Service would not have stored: no ID, no timestamps, a
// qualification or event without an ID, or a current job or end of service
// that does not follow from the history. Malformed fields give
// fault.ErrInvalidInput and broken history invariants
// records.ErrInvalidHistory, as from records.Service.CreateEmployee.
var ErrInvalidImport = fault.New(fault.Invalid, "sqlstore.import.invalid",
	"the imported employee file is not consistent", "ملف الموظف المستورد غير متسق")

// Import batches: files and events written per round trip.
const (
	importBatchFiles  = 1000
	importBatchEvents = 20000
)

// ImportEmployees stores every file src yields, with its history, and
// returns how many it stored. It is for loading an agency's or a ministry's
// existing files; it streams (one batch of about a thousand files is in
// memory at a time).
//
// The import is all or nothing: it runs in one transaction (the caller's, if
// ctx carries one from InTx), and on any error it stores nothing and returns
// 0 and an *ImportError naming the item, whose cause is
//
//   - the error src yielded;
//   - fault.ErrInvalidInput, records.ErrInvalidDate,
//     records.ErrInvalidHistory or ErrInvalidImport for a file that
//     records.Service would not have stored;
//   - records.ErrDuplicateNationalID, or another refinement of
//     records.ErrConflict, for a file ID, national ID or event ID already
//     stored or given twice in the import.
//
// On PostgreSQL through pgx (its stdlib driver) the rows are written with
// COPY; otherwise with multi-row INSERTs. On SQLite the import holds the
// write lock throughout: other writers wait (up to the busy timeout) or fail.
func (s *Store) ImportEmployees(ctx context.Context, src iter.Seq2[ImportItem, error]) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if s.d == PostgreSQL && s.txFrom(ctx) == nil {
		if n, handled, err := s.importCopy(ctx, src); handled {
			return n, err
		}
	}
	var n int
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		var err error
		n, err = s.importAll(ctx, src, &sqlSink{s: s, q: q})
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// importCopy runs the import with COPY on a pgx connection, in a pgx
// transaction. handled is false when the driver is not pgx.
func (s *Store) importCopy(ctx context.Context, src iter.Seq2[ImportItem, error]) (n int, handled bool, err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, true, mapError(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		pc, ok := dc.(interface{ Conn() *pgx.Conn })
		if !ok {
			return nil
		}
		handled = true
		tx, err := pc.Conn().Begin(ctx)
		if err != nil {
			return mapPgxError(err)
		}
		// After a commit, Rollback is a no-op; it must run even when ctx is done.
		defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
		if n, err = s.importAll(ctx, src, &copySink{tx: tx}); err != nil {
			return err
		}
		return mapPgxError(tx.Commit(ctx))
	})
	if err != nil {
		return 0, handled, err
	}
	return n, handled, nil
}

// mapPgxError is mapError for errors from pgx itself, with a unique
// violation (a concurrent writer took a key after the import checked it)
// as a conflict.
func mapPgxError(err error) error {
	var st interface{ SQLState() string }
	if errors.As(err, &st) && st.SQLState() == "23505" {
		return records.ErrConflict
	}
	return mapError(err)
}

// importSink writes import batches.
type importSink interface {
	// taken returns which of the given keys are already stored.
	taken(ctx context.Context, ids, nationalIDs, eventIDs []string) (keySet, error)
	// write stores the rows.
	write(ctx context.Context, emps []employeeRec, evs []eventRec) error
}

// keySet holds stored keys: file IDs, national IDs, event IDs.
type keySet struct{ ids, nationalIDs, eventIDs map[string]bool }

// importBatch is the files of one batch, encoded, with their keys.
type importBatch struct {
	items []batchItem
	emps  []employeeRec
	evs   []eventRec
	// keys of the batch → the item holding them
	ids, nationalIDs, eventIDs map[string]int
}

type batchItem struct {
	index        int
	id           string
	nationalID   identity.NationalID
	firstEv, nEv int
}

func (b *importBatch) reset() {
	b.items, b.emps, b.evs = b.items[:0], b.emps[:0], b.evs[:0]
	b.ids, b.nationalIDs, b.eventIDs = map[string]int{}, map[string]int{}, map[string]int{}
}

func (b *importBatch) full() bool {
	return len(b.items) >= importBatchFiles || len(b.evs) >= importBatchEvents
}

func (it *batchItem) fail(err error) error {
	return &ImportError{Index: it.index, EmployeeID: it.id, NationalID: it.nationalID, Err: err}
}

// add checks and encodes one item.
func (b *importBatch) add(index int, in *ImportItem) error {
	e := &in.Employee
	it := batchItem{index: index, id: e.ID, nationalID: e.NationalID, firstEv: len(b.evs), nEv: len(in.History)}
	if err := validateImport(e, in.History); err != nil {
		return it.fail(err)
	}
	if _, dup := b.ids[e.ID]; dup {
		return it.fail(records.ErrDuplicateEmployeeID)
	}
	if _, dup := b.nationalIDs[e.NationalID.String()]; dup {
		return it.fail(records.ErrDuplicateNationalID)
	}
	for i := range in.History {
		if _, dup := b.eventIDs[in.History[i].ID]; dup {
			return it.fail(records.ErrDuplicateEventID)
		}
	}
	r, err := encodeEmployee(e, 1)
	if err != nil {
		return it.fail(mapError(err))
	}
	for i := range in.History {
		ev, err := encodeEvent(e.ID, &in.History[i])
		if err != nil {
			return it.fail(mapError(err))
		}
		b.evs = append(b.evs, ev)
		b.eventIDs[ev.id] = len(b.items)
	}
	b.ids[e.ID] = len(b.items)
	b.nationalIDs[r.nationalID] = len(b.items)
	b.emps = append(b.emps, r)
	b.items = append(b.items, it)
	return nil
}

// flush checks the batch's keys against the stored ones and writes it.
func (b *importBatch) flush(ctx context.Context, sink importSink) error {
	if len(b.items) == 0 {
		return nil
	}
	ids := make([]string, len(b.emps))
	nids := make([]string, len(b.emps))
	for i := range b.emps {
		ids[i], nids[i] = b.emps[i].id, b.emps[i].nationalID
	}
	evIDs := make([]string, len(b.evs))
	for i := range b.evs {
		evIDs[i] = b.evs[i].id
	}
	taken, err := sink.taken(ctx, ids, nids, evIDs)
	if err != nil {
		return err
	}
	for i := range b.items {
		it := &b.items[i]
		switch {
		case taken.ids[it.id]:
			return it.fail(records.ErrDuplicateEmployeeID)
		case taken.nationalIDs[it.nationalID.String()]:
			return it.fail(records.ErrDuplicateNationalID)
		}
		for _, ev := range b.evs[it.firstEv : it.firstEv+it.nEv] {
			if taken.eventIDs[ev.id] {
				return it.fail(records.ErrDuplicateEventID)
			}
		}
	}
	if err := sink.write(ctx, b.emps, b.evs); err != nil {
		return err
	}
	b.reset()
	return nil
}

// importAll reads src to the end, writing it batch by batch through sink.
func (s *Store) importAll(ctx context.Context, src iter.Seq2[ImportItem, error], sink importSink) (int, error) {
	var b importBatch
	b.reset()
	n := 0
	for item, err := range src {
		if err != nil {
			return 0, &ImportError{Index: n, Err: err}
		}
		if err := b.add(n, &item); err != nil {
			return 0, err
		}
		n++
		if b.full() {
			if err := b.flush(ctx, sink); err != nil {
				return 0, err
			}
		}
	}
	if err := b.flush(ctx, sink); err != nil {
		return 0, err
	}
	return n, nil
}

// validateImport checks e and h as records.Service.CreateEmployee checks
// its input, and that the fields the Service sets are set as it would.
func validateImport(e *records.Employee, h []records.HistoryEvent) error {
	invalid := func(reason, en, ar string) error {
		return ErrInvalidImport.Because("sqlstore.import."+reason, en, ar)
	}
	if e.ID == "" {
		return invalid("missing_id", "the file has no ID", "الملف بلا معرف")
	}
	if e.CreatedAt.IsZero() || e.UpdatedAt.IsZero() {
		return invalid("missing_time", "the file has no creation or update time", "الملف بلا وقت إنشاء أو تحديث")
	}
	in := records.NewEmployee{
		NationalID: e.NationalID, Name: e.Name, BirthDate: e.BirthDate, Gender: e.Gender, Nationality: e.Nationality,
		Contact: e.Contact, EmploymentSystem: e.EmploymentSystem, Qualifications: e.Qualifications, History: h,
	}
	if err := in.Validate(); err != nil {
		return err
	}
	seen := make(map[string]bool, len(e.Qualifications))
	for _, q := range e.Qualifications {
		if q.ID == "" || seen[q.ID] {
			return invalid("qualification_id", "every qualification needs an ID of its own", "يجب أن يكون لكل مؤهل معرف خاص به")
		}
		seen[q.ID] = true
	}
	for i := range h {
		if h[i].ID == "" {
			return invalid("event_id", "every history event needs an ID", "يجب أن يكون لكل حدث معرف")
		}
		if h[i].Job != nil && h[i].Job.StartDate != h[i].Start {
			return invalid("job_start", "a job's start date must be its event's start", "يجب أن يكون تاريخ مباشرة الوظيفة تاريخ بداية الحدث")
		}
	}
	if err := records.ValidateHistory(h); err != nil {
		return err
	}
	derived := *e
	derived.ApplyHistory(h)
	if e.Job != derived.Job {
		return invalid("job", "the current job is not the job of the latest job event", "الوظيفة الحالية لا تطابق وظيفة آخر حدث وظيفي")
	}
	if e.ServiceEnd != derived.ServiceEnd {
		return invalid("service_end", "the end of service is not the date of the history's end-of-service event",
			"تاريخ انتهاء الخدمة لا يطابق تاريخ حدث انتهاء الخدمة في السجل")
	}
	return nil
}

// sqlSink writes batches with multi-row INSERTs through database/sql.
type sqlSink struct {
	s *Store
	q sqlx.ExtContext
}

func (k *sqlSink) taken(ctx context.Context, ids, nationalIDs, eventIDs []string) (keySet, error) {
	set := keySet{ids: map[string]bool{}, nationalIDs: map[string]bool{}, eventIDs: map[string]bool{}}
	per := k.s.d.maxVariables() / 2
	for len(ids) > 0 {
		m := min(len(ids), per)
		var rows []struct {
			ID         string `db:"id"`
			NationalID string `db:"national_id"`
		}
		q := `SELECT id, national_id FROM employees WHERE id IN (` + placeholders(m) + `) OR national_id IN (` + placeholders(m) + `)`
		args := make([]any, 0, 2*m)
		for _, v := range ids[:m] {
			args = append(args, v)
		}
		for _, v := range nationalIDs[:m] {
			args = append(args, v)
		}
		if err := sqlxSelect(ctx, k.q, &rows, k.s.rebind(q), args...); err != nil {
			return set, err
		}
		for _, r := range rows {
			set.ids[r.ID], set.nationalIDs[r.NationalID] = true, true
		}
		ids, nationalIDs = ids[m:], nationalIDs[m:]
	}
	per = k.s.d.maxVariables()
	for len(eventIDs) > 0 {
		m := min(len(eventIDs), per)
		var found []string
		args := make([]any, m)
		for i, v := range eventIDs[:m] {
			args[i] = v
		}
		if err := sqlxSelect(ctx, k.q, &found, k.s.rebind(`SELECT id FROM history_events WHERE id IN (`+placeholders(m)+`)`), args...); err != nil {
			return set, err
		}
		for _, id := range found {
			set.eventIDs[id] = true
		}
		eventIDs = eventIDs[m:]
	}
	return set, nil
}

func (k *sqlSink) write(ctx context.Context, emps []employeeRec, evs []eventRec) error {
	args := make([]any, 0, len(emps)*employeeColumnCount)
	for i := range emps {
		args = append(args, emps[i].args()...)
	}
	n, err := k.s.insertValues(ctx, k.q, `INSERT INTO employees (`+employeeColumns+`) VALUES `, employeeColumnCount, args, ` ON CONFLICT DO NOTHING`)
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
	n, err = k.s.insertValues(ctx, k.q, `INSERT INTO history_events (`+eventColumns+`) VALUES `, eventColumnCount, args, ` ON CONFLICT DO NOTHING`)
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

// copySink writes batches with COPY in a pgx transaction.
type copySink struct{ tx pgx.Tx }

func (k *copySink) taken(ctx context.Context, ids, nationalIDs, eventIDs []string) (keySet, error) {
	set := keySet{ids: map[string]bool{}, nationalIDs: map[string]bool{}, eventIDs: map[string]bool{}}
	rows, err := k.tx.Query(ctx, `SELECT id, national_id FROM employees WHERE id = ANY($1) OR national_id = ANY($2)`, ids, nationalIDs)
	if err != nil {
		return set, mapPgxError(err)
	}
	for rows.Next() {
		var id, nid string
		if err := rows.Scan(&id, &nid); err != nil {
			rows.Close()
			return set, mapPgxError(err)
		}
		set.ids[id], set.nationalIDs[nid] = true, true
	}
	if err := rows.Err(); err != nil {
		return set, mapPgxError(err)
	}
	rows, err = k.tx.Query(ctx, `SELECT id FROM history_events WHERE id = ANY($1)`, eventIDs)
	if err != nil {
		return set, mapPgxError(err)
	}
	found, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return set, mapPgxError(err)
	}
	for _, id := range found {
		set.eventIDs[id] = true
	}
	return set, nil
}

func (k *copySink) write(ctx context.Context, emps []employeeRec, evs []eventRec) error {
	_, err := k.tx.CopyFrom(ctx, pgx.Identifier{"employees"}, strings.Split(employeeColumns, ", "),
		pgx.CopyFromSlice(len(emps), func(i int) ([]any, error) { return emps[i].copyRow(), nil }))
	if err != nil {
		return mapPgxError(err)
	}
	_, err = k.tx.CopyFrom(ctx, pgx.Identifier{"history_events"}, strings.Split(eventColumns, ", "),
		pgx.CopyFromSlice(len(evs), func(i int) ([]any, error) { return evs[i].copyRow(), nil }))
	return mapPgxError(err)
}
