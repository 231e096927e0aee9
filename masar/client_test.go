package masar_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

func TestNewRejectsAnIncompleteConfig(t *testing.T) {
	good := masar.Config{Stores: storesOf(memstore.New(nil)), AuditKey: auditKey,
		Records: records.Options{StatementKey: statementKey}, Identity: identity.Options{OTPKey: otpKey}}
	_, err := masar.New(good)
	require.NoError(t, err)
	short := bytes.Repeat([]byte("k"), masar.MinKeyLen-1)
	for name, mutate := range map[string]func(*masar.Config){
		"no store":            func(c *masar.Config) { c.Stores = masar.Stores{} },
		"no audit store":      func(c *masar.Config) { c.Stores.Audit = nil },
		"no transactions":     func(c *masar.Config) { c.Stores.Tx = nil },
		"short audit key":     func(c *masar.Config) { c.AuditKey = short },
		"short statement key": func(c *masar.Config) { c.Records.StatementKey = short },
		"no OTP key":          func(c *masar.Config) { c.Identity.OTPKey = nil },
	} {
		t.Run(name, func(t *testing.T) {
			cfg := good
			mutate(&cfg)
			c, err := masar.New(cfg)
			assert.Nil(t, c)
			assert.ErrorIs(t, err, masar.ErrConfig)
			assert.Equal(t, masar.Internal, masar.ErrorCode(err))
		})
	}
}

// A person who is both an employee and HR of their agency acts as either,
// but never as staff on their own grievance: the facade's table refuses it
// (NotSelf) before the grievance service's own check would, and the refusal
// is audited as a denial.
func TestStaffOnTheirOwnGrievance(t *testing.T) {
	w := newClient(t, memstore.New(nil))
	both := w.MOH.Peer.Actor
	both.Roles = append(both.Roles, masar.RoleHRSpecialist, masar.RoleHRManager)
	both.Agency = moh
	g, err := w.Client.FileGrievance(w.Ctx, both, w.grievanceInput(moh, grievance.KindDecision))
	require.NoError(t, err)
	seen, err := w.Client.Grievance(w.Ctx, both, g.ID)
	require.NoError(t, err)
	assert.Equal(t, g.ID, seen.ID)
	e := w.oneEntry(func() {
		_, err = w.Client.StartGrievanceReview(w.Ctx, both, masar.GrievanceAction{ID: g.ID, Version: g.Version})
		assert.ErrorIs(t, err, masar.ErrPermissionDenied)
		assert.Equal(t, "masar.permission_denied", masar.ErrorReason(err))
	})
	assert.Equal(t, audit.Denied, e.Outcome)
	stored, err := w.Store.GetGrievance(w.Ctx, g.ID)
	require.NoError(t, err)
	assert.Equal(t, g.Version, stored.Version)
}

// Staff may not decide on or write into their own file: an HR manager who
// is also an employee of the agency cannot approve their own correction
// request, nor record events in their own history; a colleague can.
func TestStaffOnTheirOwnFile(t *testing.T) {
	w := newClient(t, memstore.New(nil))
	both := w.MOH.Peer.Actor
	both.Roles = append(both.Roles, masar.RoleHRSpecialist, masar.RoleHRManager)
	both.Agency = moh
	req, err := w.Client.RequestCorrection(w.Ctx, both, masar.CorrectionInput{
		Changes:     []records.ProposedChange{{Field: records.FieldNameARFamily, New: "آل سعود"}},
		AcceptTerms: true, TermsVersion: "2025-01",
	})
	require.NoError(t, err)
	before := w.file(both.NationalID)

	e := w.oneEntry(func() {
		_, err = w.Client.ApproveCorrection(w.Ctx, both, masar.CorrectionAction{ID: req.ID, Version: req.Version})
		assert.ErrorIs(t, err, masar.ErrPermissionDenied)
	})
	assert.Equal(t, audit.Denied, e.Outcome)
	e = w.oneEntry(func() {
		_, _, err = w.Client.AddHistoryEvents(w.Ctx, both, records.HistoryChange{
			EmployeeID: before.ID, Version: before.Version,
			Events: []records.HistoryEvent{{Kind: records.KindTraining, Start: before.Job.StartDate, End: before.Job.StartDate, Location: records.InsideKingdom}},
		})
		assert.ErrorIs(t, err, masar.ErrPermissionDenied)
	})
	assert.Equal(t, audit.Denied, e.Outcome)
	assert.Equal(t, before.Version, w.file(both.NationalID).Version, "nothing changed")

	approved, err := w.Client.ApproveCorrection(w.Ctx, w.MOH.Manager, masar.CorrectionAction{ID: req.ID, Version: req.Version})
	require.NoError(t, err, "a colleague decides instead")
	assert.Equal(t, records.CorrectionApproved, approved.Status)
}
