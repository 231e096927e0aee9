package records

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync/atomic"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

// Bulk import: the limits of one Import call.
const (
	// ImportBatchSize is the number of files Import validates and hands to
	// the Store in one call; one batch is in memory at a time.
	ImportBatchSize = 1000
	// MaxImportErrors is the number of rejected rows Import reports; at the
	// next one it stops reading the source (ImportReport.Stopped).
	MaxImportErrors = 100
)

// Import is one file of a bulk import as a BulkStore receives it: built and
// checked by the Service exactly as CreateEmployee builds and checks a new
// file (IDs of the file, its qualifications and events assigned, CreatedAt
// and UpdatedAt set, Job and ServiceEnd following from the history, Version 1).
type Import struct {
	Employee Employee       `json:"employee"`
	History  []HistoryEvent `json:"history"`
}

// ImportResult is what BulkStore.ImportEmployees reports of a batch it
// refused because of its keys.
type ImportResult struct {
	// Conflicts lists the items of the batch (Index: position in the batch,
	// from 0, ascending) whose keys are taken, each with the Store
	// contract's refinement of ErrConflict: ErrDuplicateEmployeeID,
	// ErrDuplicateNationalID or ErrDuplicateEventID.
	Conflicts []RowError `json:"conflicts,omitempty"`
}

// BulkStore is the optional bulk-write capability of a Store: the Service
// uses it, when the Store it was given implements it (a type assertion),
// to write Import's batches; otherwise Import stores one file at a time
// with CreateEmployee. Import calls ImportEmployees from a goroutine of its
// own, one call at a time, with the ctx of its transaction, while it checks
// the next batch. adapters/memstore and adapters/sqlstore implement it;
// recordstest.RunImport proves an implementation.
type BulkStore interface {
	// ImportEmployees stores every file of batch with version 1 and its
	// history, atomically: all of them or none. Like every Store method it
	// returns ctx.Err() when ctx is done before it starts, and stores
	// nothing when it returns an error.
	//
	// When some items' keys are taken — a file ID or national ID that a
	// stored file or an earlier item of the batch has, or an event ID that
	// a stored event or an earlier item's event has — it stores nothing and
	// returns an error matching ErrConflict together with a result listing
	// every such item it found (at least one).
	ImportEmployees(ctx context.Context, batch []Import) (ImportResult, error)
}

// RowError is the error of one row of an import: the row's position (from
// 0) and the coded error that refused it. It is an error itself, matching
// its cause with errors.Is; its JSON form is the position with the cause's
// code, reason, bilingual message and fields (an uncoded cause shows as an
// internal error: its text is for operators only).
type RowError struct {
	// Index is the row's position in the source (or, in an ImportResult, in the batch), from 0.
	Index int `json:"index"`
	// Err is the cause: a fault.Error such as fault.ErrInvalidInput,
	// ErrInvalidDate, ErrInvalidHistory or a refinement of ErrConflict.
	Err error `json:"-"`
	// NationalID is the row's national ID (zero if it had none) in an
	// ImportReport, so that the caller who supplied the row can tell which
	// person a refusal is about (a facade refines a duplicate with it); it
	// is in neither Error nor the JSON form. Import sets it; a BulkStore
	// need not.
	NationalID identity.NationalID `json:"-"`
}

// Error names the row and its cause (no personal data).
func (e RowError) Error() string { return fmt.Sprintf("records: import row %d: %v", e.Index, e.Err) }

// Unwrap returns the cause.
func (e RowError) Unwrap() error { return e.Err }

// rowErrorJSON is RowError's wire form.
type rowErrorJSON struct {
	Index   int                    `json:"index"`
	Code    fault.Code             `json:"code"`
	Reason  string                 `json:"reason"`
	Message i18n.Text              `json:"message"`
	Fields  []fault.FieldViolation `json:"fields,omitempty"`
}

// MarshalJSON encodes the row's position and its cause's public parts.
func (e RowError) MarshalJSON() ([]byte, error) {
	fe, ok := fault.As(e.Err)
	if !ok {
		fe = fault.ErrInternal
	}
	return json.Marshal(rowErrorJSON{Index: e.Index, Code: fe.Code, Reason: fe.Reason, Message: fe.Message, Fields: fe.Fields})
}

// ImportReport is the outcome of Import.
type ImportReport struct {
	// Read is the number of rows read from the source.
	Read int `json:"read"`
	// Imported is the number of files stored: Read on success, 0 when Import
	// failed (nothing is kept), except on a Store that is not a
	// txn.Transactor, where the files of the batches written before the
	// failure stay and are counted here.
	Imported int `json:"imported"`
	// Rejected lists the refused rows in source order, at most MaxImportErrors.
	Rejected []RowError `json:"rejected,omitempty"`
	// Stopped is set when Import stopped reading the source after
	// MaxImportErrors rejected rows: the rows after the last one listed were
	// not checked.
	Stopped bool `json:"stopped,omitempty"`
}

// ErrImportRejected is the error of an Import with rejected rows: nothing
// was stored, and ImportReport.Rejected lists the rows and their errors.
var ErrImportRejected = fault.New(fault.Invalid, "records.import.rejected",
	"the import was refused: some rows are not valid or already exist; nothing was stored",
	"تم رفض الاستيراد: بعض السجلات غير صحيحة أو موجودة مسبقاً؛ لم يُحفظ شيء")

// Rows returns a source for Import that yields the files of in.
func Rows(in []NewEmployee) iter.Seq2[NewEmployee, error] {
	return func(yield func(NewEmployee, error) bool) {
		for _, e := range in {
			if !yield(e, nil) {
				return
			}
		}
	}
}

// transactor is txn.Transactor: the Store's transactions, when it has them.
type transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Import creates the employee files that src yields, with their histories:
// an agency's or a ministry's existing files, loaded once. It streams: it
// reads, checks and builds batches of ImportBatchSize files, written through
// the Store's BulkStore capability when it has one, else one CreateEmployee
// per file.
//
// With a BulkStore, Import is a pipeline: it checks and builds the next
// batch while the Store writes the previous one, so at most three batches
// are in memory whatever the number of files. The Store's ImportEmployees
// runs on a goroutine of Import's own, one call at a time, with the ctx
// Import was given (or the transaction's, see below); src, Options.NewID and
// Options.Now are used on the caller's goroutine only. Import may read up
// to two batches of src further than the rows its report counts as read
// when it stops on an error or a refusal; the report is the one a batch-by-
// batch run gives.
//
// Every row is checked as CreateEmployee checks its input (shape, dates,
// qualifications, history invariants) and built as CreateEmployee builds a
// file (IDs assigned; CreatedAt and UpdatedAt the one instant of the call).
// A national ID already stored, or given twice in one batch, refuses the
// later row with ErrDuplicateNationalID.
//
// The import is all or nothing: on a Store that is a txn.Transactor it runs
// in one transaction (joining the caller's, if ctx carries one), which
// Import's error rolls back. Refused rows do not stop it at once: Import
// writes nothing after the first one but goes on reading and checking rows,
// so that the report lists every invalid row (up to MaxImportErrors) for the
// agency to correct in one go; rows after the first refusal are not checked
// against stored files, so a second run can refuse more duplicates. It then
// returns ErrImportRejected with the report.
//
// A source error ends the import: Import returns a RowError whose Index is
// the failing row and whose cause is the source's error. It also fails
// with ctx's error, or the Store's; Import returns only once the Store's
// last call has returned.
func (s *Service) Import(ctx context.Context, src iter.Seq2[NewEmployee, error]) (ImportReport, error) {
	if err := ctx.Err(); err != nil {
		return ImportReport{}, err
	}
	c, err := s.clock()
	if err != nil {
		return ImportReport{}, err
	}
	r := &importRun{s: s, at: c.at, limit: -1}
	r.bulk, _ = s.store.(BulkStore)
	r.nids = make(map[identity.NationalID]bool, ImportBatchSize)
	run := func(ctx context.Context) error { return r.run(ctx, src) }
	tx, atomic := s.store.(transactor)
	if atomic {
		err = tx.InTx(ctx, run)
	} else {
		err = run(ctx)
	}
	if err != nil && atomic {
		r.rep.Imported = 0
	}
	return r.rep, err
}

// importInFlight is the number of batches handed to the Store's writer and
// not yet reported back: one being written, one waiting.
const importInFlight = 2

// importRun is one Import call in progress.
type importRun struct {
	s    *Service
	at   time.Time
	bulk BulkStore // nil: one CreateEmployee per file
	rep  ImportReport
	// failed is set at the first refused row: nothing is written after it.
	failed bool
	// limit is, once a written batch's conflicts stopped the import, the
	// number of rows a batch-by-batch run reads; -1 before.
	limit int

	// The current batch: the number of rows read into it (written or not),
	// the files to write, their rows in the source, their inputs (for
	// CreateEmployee, without a BulkStore) and their national IDs.
	n     int
	batch []Import
	rows  []int
	ins   []NewEmployee
	nids  map[identity.NationalID]bool

	// The writer: batches go out on jobs and come back, in order, on done.
	jobs     chan *importJob
	done     chan *importJob
	inFlight int
	free     []*importJob
	abort    atomic.Bool // set when Import returns: the writer writes no more
	werr     error       // the Store's error, once a batch came back with it
	werrRead int         // the rows read when that batch was handed over
}

// importJob is one batch handed to the writer, and what the Store said.
type importJob struct {
	batch []Import
	rows  []int
	read  int  // rows read from the source when the batch was handed over
	final bool // the batch at the end of the source
	res   ImportResult
	err   error
	// skipped: not written, because an earlier batch failed or Import returned.
	skipped bool
	panic   any
}

func (r *importRun) reset() {
	clear(r.batch)
	clear(r.ins)
	clear(r.nids)
	r.n, r.batch, r.rows, r.ins = 0, r.batch[:0], r.rows[:0], r.ins[:0]
}

// storeErr returns the Store's error, with the report's Read as a
// batch-by-batch run leaves it: the rows read up to the batch that failed.
func (r *importRun) storeErr() error {
	r.rep.Read = r.werrRead
	return r.werr
}

// stopped reports whether a batch-by-batch run would have stopped before
// reading row i.
func (r *importRun) stopped(i int) bool { return r.limit >= 0 && i >= r.limit }

// run reads src to its end (or to MaxImportErrors refusals), batch by batch.
func (r *importRun) run(ctx context.Context, src iter.Seq2[NewEmployee, error]) error {
	defer r.stopWriter()
	for in, err := range src {
		i := r.rep.Read
		if err != nil {
			if r.drain(); r.werr != nil {
				return r.storeErr()
			}
			if r.stopped(i) {
				break
			}
			return RowError{Index: i, Err: err}
		}
		if r.stopped(i) {
			break
		}
		r.add(i, in)
		r.rep.Read++
		if r.werr != nil {
			return r.storeErr()
		}
		if r.rep.Stopped {
			break
		}
		if r.n >= ImportBatchSize {
			if err := r.flush(ctx, false); err != nil {
				return err
			}
		}
	}
	if err := r.flush(ctx, true); err != nil {
		return err
	}
	if r.drain(); r.werr != nil {
		return r.storeErr()
	}
	if r.limit >= 0 && r.rep.Read > r.limit {
		r.rep.Read = r.limit
	}
	if len(r.rep.Rejected) > 0 {
		return ErrImportRejected
	}
	return nil
}

// add checks and builds row i and puts it in the batch, or refuses it.
func (r *importRun) add(i int, in NewEmployee) {
	r.n++
	e, h, err := r.s.newFile(in, r.at)
	if err != nil {
		r.reject(i, in.NationalID, err)
		return
	}
	if r.nids[in.NationalID] {
		r.reject(i, in.NationalID, ErrDuplicateNationalID)
		return
	}
	r.nids[in.NationalID] = true
	if r.failed {
		return // checked; never written
	}
	r.batch = append(r.batch, Import{Employee: e, History: h})
	r.rows = append(r.rows, i)
	if r.bulk == nil {
		r.ins = append(r.ins, in)
	}
}

// reject records the refusal of row i, whose national ID is id, once the
// batches written before it have come back (their conflicts come first in
// source order).
func (r *importRun) reject(i int, id identity.NationalID, err error) {
	if r.drain(); r.werr != nil || r.stopped(i) {
		return
	}
	r.refuse(i, id, err)
}

// flush hands the batch to the writer (or, without a BulkStore, writes it),
// unless a row was refused, and starts a new one. final marks the batch at
// the end of the source.
func (r *importRun) flush(ctx context.Context, final bool) error {
	defer r.reset()
	if err := ctx.Err(); err != nil {
		return err
	}
	if r.failed || len(r.batch) == 0 {
		return nil
	}
	if r.bulk == nil {
		return r.createEach(ctx)
	}
	for r.inFlight >= importInFlight {
		if r.collect(); r.werr != nil {
			return r.storeErr()
		}
	}
	if r.failed {
		return nil // a written batch's conflicts refused rows: this one is never written
	}
	if r.jobs == nil {
		r.jobs = make(chan *importJob, importInFlight)
		r.done = make(chan *importJob, importInFlight)
		go r.write(ctx)
	}
	j := r.job()
	j.batch, r.batch = r.batch, j.batch
	j.rows, r.rows = r.rows, j.rows
	j.read, j.final = r.rep.Read, final
	r.jobs <- j
	r.inFlight++
	return nil
}

// job returns a spare job, its batch buffers ready for reuse.
func (r *importRun) job() *importJob {
	if n := len(r.free); n > 0 {
		j := r.free[n-1]
		r.free = r.free[:n-1]
		clear(j.batch)
		*j = importJob{batch: j.batch[:0], rows: j.rows[:0]}
		return j
	}
	return &importJob{batch: make([]Import, 0, ImportBatchSize), rows: make([]int, 0, ImportBatchSize)}
}

// write is the writer goroutine: it writes the batches in order until one
// fails or Import returns, and hands every batch back.
func (r *importRun) write(ctx context.Context) {
	defer close(r.done)
	stop := false
	for j := range r.jobs {
		if stop || r.abort.Load() {
			j.skipped = true
		} else {
			r.writeJob(ctx, j)
			stop = j.err != nil || j.panic != nil
		}
		r.done <- j
	}
}

// writeJob writes one batch, catching a panic of the Store for Import to
// raise again on its own goroutine.
func (r *importRun) writeJob(ctx context.Context, j *importJob) {
	defer func() {
		if p := recover(); p != nil {
			j.panic = p
		}
	}()
	j.res, j.err = r.bulk.ImportEmployees(ctx, j.batch)
}

// drain waits for every batch handed to the writer and applies what the
// Store said of each.
func (r *importRun) drain() {
	for r.inFlight > 0 && r.werr == nil {
		r.collect()
	}
}

// collect waits for the next batch back from the writer and applies it:
// files counted, conflicts refusing their rows, or the Store's error kept
// in werr.
func (r *importRun) collect() {
	j := <-r.done
	r.inFlight--
	defer func() { r.free = append(r.free, j) }()
	switch {
	case j.panic != nil:
		panic(j.panic)
	case j.skipped:
	case j.err == nil:
		r.rep.Imported += len(j.batch)
	case len(j.res.Conflicts) == 0 || !errors.Is(j.err, ErrConflict):
		r.werr, r.werrRead = j.err, j.read
	default:
		conflicts := slices.Clone(j.res.Conflicts)
		slices.SortFunc(conflicts, func(a, b RowError) int { return a.Index - b.Index })
		for _, c := range conflicts {
			if c.Index >= 0 && c.Index < len(j.rows) {
				r.refuse(j.rows[c.Index], j.batch[c.Index].Employee.NationalID, c.Err)
			}
		}
		r.failed = true
		if r.rep.Stopped {
			// A batch-by-batch run reads one more row, if there is one, and stops.
			r.limit = j.read
			if !j.final {
				r.limit++
			}
		}
	}
}

// refuse records the refusal of row i of a written batch.
func (r *importRun) refuse(i int, id identity.NationalID, err error) {
	r.failed = true
	if len(r.rep.Rejected) == MaxImportErrors {
		r.rep.Stopped = true
		return
	}
	r.rep.Rejected = append(r.rep.Rejected, RowError{Index: i, Err: err, NationalID: id})
}

// stopWriter ends the writer goroutine, if one started: no batch is written
// after it returns. Files of batches written but not collected are counted.
func (r *importRun) stopWriter() {
	if r.jobs == nil {
		return
	}
	r.abort.Store(true)
	close(r.jobs)
	for j := range r.done {
		if !j.skipped && j.err == nil && j.panic == nil {
			r.rep.Imported += len(j.batch)
		}
	}
	r.jobs = nil
}

// createEach stores the batch one file at a time, for a Store without
// BulkStore; a conflict refuses its row.
func (r *importRun) createEach(ctx context.Context) error {
	for k, in := range r.ins {
		if _, err := r.s.CreateEmployee(ctx, in); err != nil {
			if !errors.Is(err, ErrConflict) {
				return err
			}
			r.reject(r.rows[k], in.NationalID, err)
			return nil
		}
		r.rep.Imported++
	}
	return nil
}

// newFile checks in and builds the file and history CreateEmployee would
// store, created at at.
func (s *Service) newFile(in NewEmployee, at time.Time) (Employee, []HistoryEvent, error) {
	if err := validateNew(in); err != nil {
		return Employee{}, nil, err
	}
	history := s.prepareEvents(in.History, false)
	if err := ValidateHistory(history); err != nil {
		return Employee{}, nil, err
	}
	e := Employee{
		ID: s.newID(), NationalID: in.NationalID, Name: in.Name, BirthDate: in.BirthDate, Gender: in.Gender,
		Nationality: in.Nationality, Contact: in.Contact, EmploymentSystem: in.EmploymentSystem,
		Version: 1, CreatedAt: at, UpdatedAt: at,
	}
	for _, q := range in.Qualifications {
		q = q.Clone()
		q.ID = s.newID()
		e.Qualifications = append(e.Qualifications, q)
	}
	e.ApplyHistory(history)
	return e, history, nil
}

// oneEvent stands for a history in validateNew.
var oneEvent = []HistoryEvent{{}}

// validateNew is in.Validate() at a lower cost: NewEmployee's validate tag
// on History checks only its length (no dive), and the validator's text
// rule walks every string of every event by reflection. When the history's
// length passes and its every string passes the text rule (checked in plain
// Go), one zero event stands for it, which changes nothing in the result;
// otherwise in.Validate() runs on the history as given. A test holds the two
// to the same answer.
func validateNew(in NewEmployee) error {
	if n := len(in.History); n >= 1 && n <= maxHistoryEvents {
		clean := true
		for i := range in.History {
			if !eventTextsOK(&in.History[i]) {
				clean = false
				break
			}
		}
		if clean {
			in.History = oneEvent
		}
	}
	return in.Validate()
}

// maxHistoryEvents is the max of NewEmployee.History's validate tag.
const maxHistoryEvents = 1000
