package grievance_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
)

func faultOf(t *testing.T, err error) *fault.Error {
	t.Helper()
	fe, ok := fault.As(err)
	require.True(t, ok, "want a *fault.Error, got %v", err)
	return fe
}
