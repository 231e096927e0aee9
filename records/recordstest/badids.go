package recordstest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
)

// badIDs are identifiers no store can hold alike: a NUL byte (PostgreSQL
// refuses it), invalid UTF-8, and one longer than validation.MaxID bytes.
var badIDs = map[string]string{
	"nul":          "emp\x00-1",
	"invalid utf8": "emp-\xff\xfe",
	"over long":    strings.Repeat("e", 201),
}

// testServiceBadIDs calls every records.Service method that takes an
// identifier, cursor or filter value on its own with each of badIDs, over
// the store under test, and checks that each answers the same on every
// Store: fault.ErrInvalidInput (code invalid) with a violation of the
// field, and nothing stored; a well-formed unknown ID is still not found.
func testServiceBadIDs(t *testing.T, s records.Store) {
	ctx := context.Background()
	svc := records.New(s, &records.Options{
		Now:          func() time.Time { return base },
		StatementKey: []byte("recordstest-statement-key-32-bytes!"),
	})
	b := NewEmployee(identitytest.NewGenerator(13))
	emp, err := svc.CreateEmployee(ctx, b.Input())
	require.NoError(t, err)
	pending, err := svc.RequestCorrection(ctx, records.CorrectionRequest{EmployeeID: emp.ID, RequestedBy: emp.NationalID.String(),
		Changes: []records.ProposedChange{{Field: records.FieldMobile, New: "0551234567"}}, AcceptTerms: true})
	require.NoError(t, err)

	calls := map[string]struct {
		field string
		call  func(id string) error
	}{
		"GetEmployee": {"employee_id", func(id string) error { return errOf(svc.GetEmployee(ctx, id)) }},
		"ListHistory": {"employee_id", func(id string) error { return errOf(svc.ListHistory(ctx, id)) }},
		"ServiceDuration": {"employee_id", func(id string) error {
			return errOf(svc.ServiceDuration(ctx, id, records.PurposeTotal, d(1446, 1, 1)))
		}},
		"ListEmployees.After": {"after", func(id string) error {
			return errOf(svc.ListEmployees(ctx, records.EmployeeFilter{After: id}))
		}},
		"ListEmployees.AgencyID": {"agency_id", func(id string) error {
			return errOf(svc.ListEmployees(ctx, records.EmployeeFilter{AgencyID: id}))
		}},
		"GetCorrection": {"correction_id", func(id string) error { return errOf(svc.GetCorrection(ctx, id)) }},
		"ListCorrections.After": {"after", func(id string) error {
			return errOf(svc.ListCorrections(ctx, records.CorrectionFilter{After: id}))
		}},
		"ListCorrections.EmployeeID": {"employee_id", func(id string) error {
			return errOf(svc.ListCorrections(ctx, records.CorrectionFilter{EmployeeID: id}))
		}},
		"ListCorrections.FileAgencyID": {"file_agency_id", func(id string) error {
			return errOf(svc.ListCorrections(ctx, records.CorrectionFilter{FileAgencyID: id}))
		}},
		"VerifyStatementCode": {"code", func(id string) error { return errOf(svc.VerifyStatementCode(ctx, id)) }},
		"IssueStatement": {"employee_id", func(id string) error {
			return errOf(svc.IssueStatement(ctx, records.StatementRequest{EmployeeID: id}))
		}},
		"UpdateEmployee": {"id", func(id string) error {
			return errOf(svc.UpdateEmployee(ctx, records.EmployeeUpdate{ID: id, Version: emp.Version}))
		}},
		"RemoveHistoryEvents": {"event_ids[0]", func(id string) error {
			_, _, err := svc.RemoveHistoryEvents(ctx, records.HistoryRemoval{EmployeeID: emp.ID, Version: emp.Version, EventIDs: []string{id}})
			return err
		}},
		"UpdateHistoryEvents": {"events[0].id", func(id string) error {
			_, _, err := svc.UpdateHistoryEvents(ctx, records.HistoryChange{EmployeeID: emp.ID, Version: emp.Version,
				Events: []records.HistoryEvent{{ID: id, Kind: records.KindAbsence, Start: d(1440, 1, 1), End: d(1440, 1, 2)}}})
			return err
		}},
		"WithdrawCorrection": {"correction_id", func(id string) error {
			return errOf(svc.WithdrawCorrection(ctx, records.CorrectionDecision{CorrectionID: id, Version: 1, By: "x"}))
		}},
	}
	for name, c := range calls {
		for kind, bad := range badIDs {
			t.Run(name+"/"+kind, func(t *testing.T) {
				err := c.call(bad)
				require.Error(t, err)
				assert.ErrorIs(t, err, fault.ErrInvalidInput)
				fe, ok := fault.As(err)
				require.True(t, ok, "a coded error: %v", err)
				assert.Equal(t, fault.Invalid, fe.Code)
				var fields []string
				for _, f := range fe.Fields {
					fields = append(fields, f.Field)
				}
				assert.Contains(t, fields, c.field)
			})
		}
	}

	// Well-formed unknown IDs are not found, as before.
	assert.ErrorIs(t, errOf(svc.GetEmployee(ctx, "emp-unknown")), records.ErrEmployeeNotFound)
	assert.ErrorIs(t, errOf(svc.GetCorrection(ctx, "c-unknown")), records.ErrCorrectionNotFound)
	assert.ErrorIs(t, errOf(svc.ListEmployees(ctx, records.EmployeeFilter{After: "emp-unknown"})), records.ErrNotFound)
	assert.ErrorIs(t, errOf(svc.VerifyStatementCode(ctx, "AAAA-BBBB-CCCC-DDDD")), records.ErrStatementNotFound)
	assert.ErrorIs(t, errOf(svc.VerifyStatementCode(ctx, "not a code")), records.ErrStatementNotFound)

	// Nothing changed.
	cur, err := svc.GetEmployee(ctx, emp.ID)
	require.NoError(t, err)
	assert.Equal(t, emp.Version, cur.Version)
	cr, err := svc.GetCorrection(ctx, pending.ID)
	require.NoError(t, err)
	assert.Equal(t, records.CorrectionPending, cr.Status)
	assert.False(t, errors.Is(err, fault.ErrInvalidInput))
}
