package sqlstore

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/masarhr/masar-go/fault"
)

type stateErr string

func (e stateErr) Error() string    { return "driver: " + string(e) }
func (e stateErr) SQLState() string { return string(e) }

func TestMapErrorSQLState(t *testing.T) {
	for state, want := range map[string]fault.Code{
		"22021": fault.Invalid,  // invalid byte sequence for encoding
		"22P05": fault.Invalid,  // unsupported Unicode escape sequence
		"54000": fault.Invalid,  // index row size exceeds maximum
		"23505": fault.Internal, // a unique violation the store did not expect
		"40001": fault.Internal,
	} {
		err := mapError(stateErr(state))
		assert.Equal(t, want, fault.CodeOf(err), state)
		assert.True(t, errors.Is(err, stateErr(state)), "the cause is kept for operators")
	}
	assert.ErrorIs(t, mapError(stateErr("22021")), ErrInvalidData)
}
