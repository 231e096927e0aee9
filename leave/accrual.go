package leave

import (
	"context"
	"errors"
	"fmt"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/records"
)

// AccrualBatch is the number of files Accrue reads and writes at a time.
const AccrualBatch = 1000

// AccrualResult counts what Accrue did.
type AccrualResult struct {
	// Files read; Written balances stored; Skipped files out of service on
	// AsOf or without an appointment.
	Files   int `json:"files"`
	Written int `json:"written"`
	Skipped int `json:"skipped"`
}

// Accrue is the year-end accrual: it computes the annual balance of every
// file in service on asOf and stores it (Store.PutBalances), AccrualBatch
// files at a time read through scan (the records store's FileScanner), so
// its memory does not grow with the number of files. Each batch is written
// in its own transaction; a failure stops the run with the batches before
// it stored, and running it again for the same asOf replaces them, so a
// rerun finishes the job.
func (s *Service) Accrue(ctx context.Context, scan records.FileScanner, asOf hijri.Date) (AccrualResult, error) {
	if !asOf.IsValid() {
		return AccrualResult{}, invalid("as_of", "the date is not valid", "التاريخ غير صحيح")
	}
	now, _, err := s.clock()
	if err != nil {
		return AccrualResult{}, err
	}
	var res AccrualResult
	buf := make([]YearBalance, 0, 64)
	bs := make([]Balance, 0, AccrualBatch)
	after := ""
	for {
		files, err := scan.ScanFiles(ctx, after, AccrualBatch)
		if err != nil {
			return res, fmt.Errorf("leave: accrue: scan: %w", err)
		}
		if len(files) == 0 {
			return res, nil
		}
		after = files[len(files)-1].Employee.ID
		bs = bs[:0]
		for i := range files {
			fh := &files[i]
			res.Files++
			if !fh.Employee.ServiceEnd.IsZero() && fh.Employee.ServiceEnd.Before(asOf) {
				res.Skipped++
				continue
			}
			f := facts{e: fh.Employee, h: fh.History}
			if f.leaves, err = s.store.ListLeaves(ctx, Filter{EmployeeID: f.e.ID}); err != nil {
				return res, err
			}
			if f.ext, err = s.store.ListExtensions(ctx, f.e.ID); err != nil {
				return res, err
			}
			l, _, err := s.ledger(&f, asOf, "", false, false)
			if errors.Is(err, records.ErrNoAppointment) {
				res.Skipped++
				continue
			} else if err != nil {
				return res, err
			}
			st := s.statement(&l, asOf, buf)
			b := Balance{EmployeeID: f.e.ID, AsOf: asOf, Years: len(st.Years), Available: st.Available, At: now}
			for _, y := range st.Years {
				b.Entitled += y.Entitled
				b.Taken += y.Taken
				b.Expired += y.Expired
			}
			bs = append(bs, b)
		}
		if err := s.inTx(ctx, func(ctx context.Context) error { return s.store.PutBalances(ctx, bs) }); err != nil {
			return res, fmt.Errorf("leave: accrue: %w", err)
		}
		res.Written += len(bs)
	}
}

// GetBalance returns the balance Accrue stored for the file on asOf.
//
// Errors: ErrNotFound.
func (s *Service) GetBalance(ctx context.Context, employeeID string, asOf hijri.Date) (Balance, error) {
	return s.store.GetBalance(ctx, employeeID, asOf)
}
