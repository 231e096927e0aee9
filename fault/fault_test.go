package fault_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var errThing = fault.New(fault.NotFound, "thing.not_found", "thing not found", "العنصر غير موجود")

func TestSentinelMatching(t *testing.T) {
	refined := errThing.Because("thing.gone", "the thing is gone", "العنصر محذوف")
	wrapped := fmt.Errorf("lookup 7: %w", refined)

	assert.ErrorIs(t, wrapped, refined)
	assert.ErrorIs(t, wrapped, errThing)
	assert.ErrorIs(t, wrapped, fault.ErrNotFound)
	assert.NotErrorIs(t, wrapped, fault.ErrConflict)
	assert.NotErrorIs(t, errThing, refined, "a sentinel does not match its refinements")

	assert.Equal(t, fault.NotFound, fault.CodeOf(wrapped))
	assert.Equal(t, "thing.gone", fault.ReasonOf(wrapped))
	assert.Equal(t, "العنصر محذوف", fault.MessageOf(wrapped, i18n.Arabic))
	assert.Equal(t, "the thing is gone", fault.MessageOf(wrapped, i18n.English))
}

func TestWrapKeepsCauseAndNeverDoubleWraps(t *testing.T) {
	err := errThing.Wrap(io.ErrUnexpectedEOF)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.ErrorIs(t, err, errThing)
	assert.Equal(t, "thing not found: unexpected EOF", err.Error())

	other := fault.New(fault.Conflict, "x.conflict", "conflict", "تعارض")
	again := other.Wrap(fmt.Errorf("ctx: %w", err))
	assert.Equal(t, fault.NotFound, fault.CodeOf(again), "an already coded error is returned as is")
	assert.NotErrorIs(t, again, other)

	assert.Equal(t, error(errThing), errThing.Wrap(nil))
}

func TestNonFaultErrorsAreInternal(t *testing.T) {
	raw := errors.New("pq: connection refused at 10.0.0.1")
	assert.Equal(t, fault.Internal, fault.CodeOf(raw))
	assert.Equal(t, "internal", fault.ReasonOf(raw))
	assert.Equal(t, "خطأ داخلي", fault.MessageOf(raw, i18n.Arabic))
	assert.NotContains(t, fault.MessageOf(raw, i18n.English), "10.0.0.1")
	assert.Equal(t, fault.Code(""), fault.CodeOf(nil))
	assert.Equal(t, "", fault.MessageOf(nil, i18n.English))
	assert.Equal(t, "", fault.ReasonOf(nil))
}

func TestOpAndFields(t *testing.T) {
	err := fault.ErrInvalid.WithOp("records.Create").WithFields(
		fault.FieldViolation{Field: "rank", Reason: "max", Message: i18n.Text{EN: "rank must be at most 15", AR: "يجب ألا تزيد المرتبة عن 15"}},
		fault.FieldViolation{Field: "rank", Reason: "required", Message: i18n.Text{EN: "again", AR: "مرة أخرى"}},
	)
	require.ErrorIs(t, err, fault.ErrInvalid)
	assert.Equal(t, "records.Create: the input is not valid (rank: rank must be at most 15; rank: again)", err.Error())
	assert.Equal(t, map[string]string{"rank": "يجب ألا تزيد المرتبة عن 15; مرة أخرى"}, err.FieldMessages(i18n.Arabic))
	fe, ok := fault.As(fmt.Errorf("x: %w", err))
	require.True(t, ok)
	assert.Equal(t, "records.Create", fe.Op)
	assert.Empty(t, fault.ErrInvalid.Fields, "WithFields does not touch the sentinel")

	refined := errThing.Because("thing.gone", "gone", "محذوف")
	withFields := refined.WithFields(fault.FieldViolation{Field: "x"}).WithOp("op")
	assert.ErrorIs(t, withFields, refined, "a copy of a refinement matches the refinement")
	assert.ErrorIs(t, withFields, errThing)
	assert.ErrorIs(t, withFields, fault.ErrNotFound)
	assert.Equal(t, "thing.gone", fault.ReasonOf(withFields))
}

func TestEveryCodeSentinelMatchesOnlyItsCode(t *testing.T) {
	sentinels := map[fault.Code]error{
		fault.Invalid: fault.ErrInvalid, fault.NotFound: fault.ErrNotFound, fault.Conflict: fault.ErrConflict,
		fault.FailedPrecondition: fault.ErrFailedPrecondition, fault.PermissionDenied: fault.ErrPermissionDenied,
		fault.Unauthenticated: fault.ErrUnauthenticated, fault.Unavailable: fault.ErrUnavailable, fault.Internal: fault.ErrInternal,
	}
	require.Len(t, sentinels, len(fault.Codes))
	for _, c := range fault.Codes {
		e := fault.New(c, "r", "en", "ar")
		for c2, s := range sentinels {
			assert.Equal(t, c == c2, errors.Is(e, s), "%s vs %s", c, c2)
		}
	}
}
