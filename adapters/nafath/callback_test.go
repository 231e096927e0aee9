package nafath_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/identity"
)

func TestDecodeCallback(t *testing.T) {
	cb, err := nafath.DecodeCallback(strings.NewReader(`{"token":"t.k.n","transId":"tx-1","requestId":"rq-1"}`))
	require.NoError(t, err)
	assert.Equal(t, identity.Callback{Token: "t.k.n", TransID: "tx-1", RequestID: "rq-1"}, cb)

	for name, body := range map[string]string{
		"empty":       ``,
		"not json":    `token=x`,
		"array":       `[1]`,
		"no token":    `{"transId":"tx-1"}`,
		"no trans":    `{"token":"t"}`,
		"two objects": `{"token":"t","transId":"x"}{"token":"t","transId":"y"}`,
		"too large":   `{"token":"` + strings.Repeat("a", nafath.MaxCallbackBytes) + `","transId":"x"}`,
		"snake case":  `{"token":"t","trans_id":"x"}`,
	} {
		_, err := nafath.DecodeCallback(strings.NewReader(body))
		assert.ErrorIs(t, err, nafath.ErrInvalidCallback, name)
	}
}

func TestCallbackBodyRoundTrip(t *testing.T) {
	cb := identity.Callback{Token: "a", TransID: "b", RequestID: "c"}
	raw, err := json.Marshal(nafath.BodyOf(cb))
	require.NoError(t, err)
	assert.JSONEq(t, `{"token":"a","transId":"b","requestId":"c"}`, string(raw), "Nafath's field names")
	back, err := nafath.DecodeCallback(strings.NewReader(string(raw)))
	require.NoError(t, err)
	assert.Equal(t, cb, back)
}

func FuzzDecodeCallback(f *testing.F) {
	f.Add(`{"token":"t.k.n","transId":"tx-1","requestId":"rq-1"}`)
	f.Add(`{"token":"","transId":""}`)
	f.Add(`[]`)
	f.Add(`{"token":"a","transId":"b"} x`)
	f.Fuzz(func(t *testing.T, body string) {
		cb, err := nafath.DecodeCallback(strings.NewReader(body))
		if err != nil {
			assert.ErrorIs(t, err, nafath.ErrInvalidCallback)
			return
		}
		assert.NotEmpty(t, cb.Token)
		assert.NotEmpty(t, cb.TransID)
	})
}
