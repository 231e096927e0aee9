package masar_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/masar"
)

func TestNewRejectsAnIncompleteConfig(t *testing.T) {
	good := masar.Config{Store: memstore.New(nil), AuditKey: auditKey, StatementKey: statementKey, OTPKey: otpKey}
	_, err := masar.New(good)
	require.NoError(t, err)
	short := bytes.Repeat([]byte("k"), masar.MinKeyLen-1)
	for name, mutate := range map[string]func(*masar.Config){
		"no store":            func(c *masar.Config) { c.Store = nil },
		"short audit key":     func(c *masar.Config) { c.AuditKey = short },
		"short statement key": func(c *masar.Config) { c.StatementKey = short },
		"no OTP key":          func(c *masar.Config) { c.OTPKey = nil },
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
// but never as staff on their own grievance: the refusal is
// permission_denied and audited as a denial.
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
		assert.Equal(t, "grievance.own_grievance", masar.ErrorReason(err))
	})
	assert.Equal(t, audit.Denied, e.Outcome)
	stored, err := w.Store.GetGrievance(w.Ctx, g.ID)
	require.NoError(t, err)
	assert.Equal(t, g.Version, stored.Version)
}
