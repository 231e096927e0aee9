package masar

import (
	"context"
	"errors"
	"iter"
	"strconv"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/records"
)

// ImportEmployees loads existing employee files with their histories into
// the actor's agency (records.Service.Import: streamed, all or nothing,
// every refused row reported). The actor is HR of the agency, and every
// file's current job (its history's last job) must be in that agency and
// not be the actor's own: the first row outside that ends the import with
// ErrDenied (a RowError naming the row) and nothing is stored. A row whose
// person already has a file is refused as CreateEmployee refuses it:
// records.ErrDuplicateNationalID when the file is the actor's agency's,
// ErrFileInOtherAgency when another agency holds it (no more than that). One
// audit entry records the call: resource "import", and on success the
// numbers of rows read and files imported.
func (c *Client) ImportEmployees(ctx context.Context, a Actor, src iter.Seq2[records.NewEmployee, error]) (records.ImportReport, error) {
	var out records.ImportReport
	err := c.do(ctx, a, UseImportEmployees, func(ctx context.Context, cl *call) error {
		cl.resource = "import"
		// The call as a whole: HR of the actor's agency.
		agencyWide := target{agency: a.Agency}
		if err := cl.authorize(ctx, agencyWide); err != nil {
			return err
		}
		rep, err := c.records.Import(ctx, c.authorizedRows(ctx, cl, src))
		out = rep
		if err != nil {
			if errors.Is(err, records.ErrImportRejected) {
				if derr := c.duplicateRows(ctx, out.Rejected, a.Agency); derr != nil {
					return derr
				}
			}
			return err
		}
		cl.tg = agencyWide
		cl.changes = []audit.Change{
			{Field: "read", New: strconv.Itoa(rep.Read)},
			{Field: "imported", New: strconv.Itoa(rep.Imported)},
		}
		return nil
	})
	return out, err
}

// authorizedRows yields src's rows, each authorized as a file the actor
// creates; a denial is yielded as the row's error, which ends the import.
func (c *Client) authorizedRows(ctx context.Context, cl *call, src iter.Seq2[records.NewEmployee, error]) iter.Seq2[records.NewEmployee, error] {
	return func(yield func(records.NewEmployee, error) bool) {
		for in, err := range src {
			if err == nil {
				tg := target{subject: in.NationalID}
				if segs := records.JobSegments(in.History); len(segs) > 0 && segs[len(segs)-1].Event.Job != nil {
					tg.agency = segs[len(segs)-1].Event.Job.Agency.ID
				}
				err = cl.authorize(ctx, tg)
			}
			if !yield(in, err) || err != nil {
				return
			}
		}
	}
}
