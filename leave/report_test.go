package leave_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/leave"
)

func TestVerifyReport(t *testing.T) {
	g := identitytest.NewGenerator(17)
	r := leave.DefaultReportRules()
	patient := g.Citizen()
	ok := leave.Report{Number: "SL-2025-0001", Facility: "clinic", Patient: patient, From: d(1446, 2, 1), To: must(d(1446, 2, 1).AddDays(29)), Days: 30,
		Category: leave.Ordinary, Certifier: leave.Doctor}
	require.NoError(t, r.Verify(&ok), "30 days by a doctor")

	long := ok
	long.To, long.Days = must(d(1446, 2, 1).AddDays(30)), 31
	require.ErrorIs(t, r.Verify(&long), leave.ErrReportRefused)
	assert.Equal(t, []string{"leave.report.needs_certification"}, reportReasons(t, r.Verify(&long)))
	long.Certifier = leave.GMA
	assert.NoError(t, r.Verify(&long))

	bad := ok
	bad.Number, bad.Days, bad.Abroad, bad.Companion, bad.Category = "-x", 3, true, patient, "flu"
	assert.ElementsMatch(t, []string{"leave.report.number", "leave.report.days", "leave.report.not_attested",
		"leave.report.companion_is_patient", "leave.report.category"}, reportReasons(t, r.Verify(&bad)))
}

func reportReasons(t *testing.T, err error) []string {
	t.Helper()
	fe, ok := fault.As(err)
	require.True(t, ok)
	var out []string
	for _, f := range fe.Fields {
		out = append(out, f.Reason)
	}
	return out
}

func TestParseReportNumber(t *testing.T) {
	n, err := leave.ParseReportNumber("  sl-12ab ")
	require.NoError(t, err)
	assert.Equal(t, "SL-12AB", n)
	for _, s := range []string{"", "-1", "1-", "a b", "رقم", "12345678901234567890123456789012345678901"} {
		_, err := leave.ParseReportNumber(s)
		assert.ErrorIs(t, err, leave.ErrInvalidReportNumber, s)
	}
}

func FuzzParseReportNumber(f *testing.F) {
	f.Add("SL-2025-0001")
	f.Add(" sl-1 ")
	f.Add("-")
	f.Fuzz(func(t *testing.T, s string) {
		n, err := leave.ParseReportNumber(s)
		if err != nil {
			if !errors.Is(err, leave.ErrInvalidReportNumber) {
				t.Fatal(err)
			}
			return
		}
		again, err := leave.ParseReportNumber(n)
		if err != nil || again != n {
			t.Fatalf("%q normalised to %q does not parse to itself", s, n)
		}
	})
}
