package masar_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/internal/validation"
)

// badIDs are identifiers no store holds alike: PostgreSQL refuses a NUL
// byte and invalid UTF-8, and an over-long key (past validation.MaxID) has
// no place in an index. Without a check at the Service's entry memstore and
// SQLite answered not_found and PostgreSQL invalid.
func badIDs() map[string]string {
	return map[string]string{
		"nul":       "7f3a\x00",
		"bad utf-8": "\xff\xfe\xfd",
		"over-long": strings.Repeat("م", validation.MaxID/2+1), // MaxID+2 bytes
	}
}

// assertInvalidID checks that err is the coded invalid input error of
// validation.ID, naming exactly field, with a message in both languages.
func assertInvalidID(t *testing.T, err error, field, name string) {
	t.Helper()
	fe, ok := fault.As(err)
	if !assert.True(t, ok, "%s %s: want a coded error, got %v", field, name, err) {
		return
	}
	assert.Equal(t, fault.Invalid, fe.Code, "%s %s: %v", field, name, err)
	assert.True(t, errors.Is(err, fault.ErrInvalidInput), "%s %s: %v", field, name, err)
	if assert.Len(t, fe.Fields, 1, "%s %s: %v", field, name, err) {
		assert.Equal(t, field, fe.Fields[0].Field, name)
		assert.NotEmpty(t, fe.Fields[0].Message.AR, name)
		assert.NotEmpty(t, fe.Fields[0].Message.EN, name)
	}
}

// The grievance Service refuses, at its entry, an ID, tracking number,
// cursor or filter string no store could hold, with the same coded invalid
// and field violation on every Store; a well-formed unknown ID is still
// not found (issue 13, item 6).
func TestGrievanceServiceRefusesBadIDs(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			w := newClient(t, st.open(t))
			ctx := w.Ctx
			g, err := w.Client.FileGrievance(ctx, w.MOH.Emp.Actor, w.grievanceInput(moh, grievance.KindDecision))
			require.NoError(t, err)
			svc := grievance.New(w.Store, &grievance.Options{Now: w.Clock.Now})
			before := w.fingerprint()

			for name, bad := range badIDs() {
				_, err := svc.Get(ctx, bad)
				assertInvalidID(t, err, "id", name)
				_, err = svc.GetByTrackingNumber(ctx, bad)
				assertInvalidID(t, err, "tracking_number", name)
				_, err = svc.List(ctx, grievance.Filter{After: bad})
				assertInvalidID(t, err, "after", name)
				_, err = svc.List(ctx, grievance.Filter{Agency: bad})
				assertInvalidID(t, err, "agency", name)
				_, err = svc.List(ctx, grievance.Filter{Kinds: []grievance.Kind{grievance.KindDecision, grievance.Kind(bad)}})
				assertInvalidID(t, err, "kinds[1]", name)
				_, err = svc.List(ctx, grievance.Filter{Statuses: []grievance.Status{grievance.Status(bad)}})
				assertInvalidID(t, err, "statuses[0]", name)
				_, err = svc.StartReview(ctx, grievance.Command{ID: bad, Actor: grievance.Actor{Role: grievance.RoleSystem}})
				assert.True(t, errors.Is(err, fault.ErrInvalidInput), "a command's ID: %s: %v", name, err)
			}
			assert.Equal(t, before, w.fingerprint(), "nothing changed")

			// What a store can hold goes on to the store as before.
			got, err := svc.Get(ctx, g.ID)
			require.NoError(t, err)
			assert.Equal(t, g.TrackingNumber, got.TrackingNumber)
			_, err = svc.Get(ctx, "0123456789abcdef0123456789abcdef")
			assert.ErrorIs(t, err, grievance.ErrNotFound)
			_, err = svc.List(ctx, grievance.Filter{After: "0123456789abcdef0123456789abcdef"})
			assert.ErrorIs(t, err, grievance.ErrNotFound)
			_, err = svc.GetByTrackingNumber(ctx, "GRV-1447-999999")
			assert.ErrorIs(t, err, grievance.ErrNotFound)
			p, err := svc.List(ctx, grievance.Filter{Agency: moh, Kinds: []grievance.Kind{grievance.KindDecision}})
			require.NoError(t, err)
			assert.Len(t, p.Items, 1)
		})
	}
}
