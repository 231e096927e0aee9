package grievance_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/grievance"
)

func TestParseTrackingNumber(t *testing.T) {
	ok := []struct {
		in   string
		want grievance.TrackingNumber
	}{
		{"GRV-1447-000123", grievance.TrackingNumber{Year: 1447, Seq: 123}},
		{"grv-1447-000001", grievance.TrackingNumber{Year: 1447, Seq: 1}},
		{"Grv-1356-999999", grievance.TrackingNumber{Year: 1356, Seq: 999999}},
		{"GRV-1500-1000000", grievance.TrackingNumber{Year: 1500, Seq: 1000000}},
		{"GRV-1447-999999999", grievance.TrackingNumber{Year: 1447, Seq: 999999999}},
		{"  GRV-1447-000123\t", grievance.TrackingNumber{Year: 1447, Seq: 123}},
		{"\u200fGRV-١٤٤٧-٠٠٠١٢٣\u00a0", grievance.TrackingNumber{Year: 1447, Seq: 123}},
		{"GRV-۱۴۴۷-۰۰۰۰۴۲", grievance.TrackingNumber{Year: 1447, Seq: 42}},
		{"GRV-14٤7-000123", grievance.TrackingNumber{Year: 1447, Seq: 123}}, // mixed scripts
	}
	for _, tc := range ok {
		got, err := grievance.ParseTrackingNumber(tc.in)
		require.NoError(t, err, "%q", tc.in)
		assert.Equal(t, tc.want, got, "%q", tc.in)
	}
	bad := []string{
		"", "GRV", "GRV-", "GRV-1447", "GRV-1447-", "GRV-1447-123", "GRV-1447-00123",
		"GRV-1447-0000123", // seven digits with a leading zero: not canonical
		"GRV-1447-000000", "GRV-1355-000001", "GRV-1501-000001", "GRV-447-000001", "GRV-01447-000001",
		"GRV-1447-1000000000", "GRV 1447 000123", "GRV_1447_000123", "GRX-1447-000123", "GRV1447000123",
		"GRV-1447-000123-", "GRV-1447-000123x", "xGRV-1447-000123", "GRV-1447--000123", "GRV-+447-000123",
		"GRV-1447-00012a", "GRV-1447-000 123", "ＧＲＶ-1447-000123", "GRV-1447-" + strings.Repeat("0", 60) + "1",
		"GRV\u200f-1447-000123",
	}
	for _, in := range bad {
		_, err := grievance.ParseTrackingNumber(in)
		assert.ErrorIs(t, err, grievance.ErrInvalidTrackingNumber, "%q", in)
	}
}

func TestTrackingNumberText(t *testing.T) {
	n := grievance.TrackingNumber{Year: 1447, Seq: 123}
	assert.Equal(t, "GRV-1447-000123", n.String())
	assert.Equal(t, "GRV-1447-1234567", grievance.TrackingNumber{Year: 1447, Seq: 1234567}.String())
	assert.Equal(t, "", grievance.TrackingNumber{}.String())

	b, err := json.Marshal(struct{ N grievance.TrackingNumber }{n})
	require.NoError(t, err)
	assert.JSONEq(t, `{"N":"GRV-1447-000123"}`, string(b))
	var back struct{ N grievance.TrackingNumber }
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, n, back.N)

	require.NoError(t, json.Unmarshal([]byte(`{"N":""}`), &back))
	assert.True(t, back.N.IsZero())
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"N":"GRV-1"}`), &back), grievance.ErrInvalidTrackingNumber)
	_, err = grievance.TrackingNumber{Year: 1, Seq: 1}.MarshalText()
	assert.ErrorIs(t, err, grievance.ErrInvalidTrackingNumber)
}

// FuzzParseTrackingNumber checks that the parser never panics, that what it
// accepts is valid and prints canonically, and that the canonical form parses
// back to the same value. The seed corpus is in
// testdata/fuzz/FuzzParseTrackingNumber.
func FuzzParseTrackingNumber(f *testing.F) {
	for _, s := range []string{"GRV-1447-000123", "grv-١٤٤٧-٠٠٠٠٠١", "GRV-1500-999999999", " GRV-1356-000001 ", "GRV-1447-0000123", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := grievance.ParseTrackingNumber(s)
		if err != nil {
			if n != (grievance.TrackingNumber{}) {
				t.Fatalf("%q: error %v with a non-zero value %+v", s, err, n)
			}
			return
		}
		if !n.IsValid() {
			t.Fatalf("%q: accepted an invalid value %+v", s, n)
		}
		c := n.String()
		if !utf8.ValidString(c) || !strings.HasPrefix(c, "GRV-") || len(c) < len("GRV-1447-000001") {
			t.Fatalf("%q: bad canonical form %q", s, c)
		}
		back, err := grievance.ParseTrackingNumber(c)
		if err != nil || back != n {
			t.Fatalf("%q: canonical %q parses to %+v, %v", s, c, back, err)
		}
		if len(s) > 64 {
			t.Fatalf("%q: accepted more than 64 bytes", s)
		}
	})
}
