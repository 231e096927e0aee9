package saudi_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/masarhr/masar-go/internal/saudi"
)

func TestNationalID(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		p    saudi.Problem
	}{
		{"1000000008", "1000000008", saudi.OK},
		{"١٠٠٠٠٠٠٠٠٨", "1000000008", saudi.OK},
		{"\u200e1000 000-008", "1000000008", saudi.OK},
		{"1000000000", "", saudi.Checksum},
		{"5000000002", "", saudi.Prefix},
		{"100000000", "", saudi.Length},
		{"10000000081", "", saudi.Length},
		{"10000x0008", "", saudi.Characters},
	} {
		got, p := saudi.NationalID(tc.in)
		assert.Equal(t, tc.p, p, tc.in)
		if p == saudi.OK {
			assert.Equal(t, tc.want, got, tc.in)
		}
	}
}

func TestLuhnCheckDigit(t *testing.T) {
	assert.Equal(t, byte(8), saudi.LuhnCheckDigit("100000000"))
	assert.Equal(t, byte(0), saudi.LuhnCheckDigit("105852994"))
	assert.Equal(t, byte(7), saudi.LuhnCheckDigit("217232313"))
}

// TestMobilePatternExhaustive checks the hand-coded range test against
// libphonenumber's pattern for every four-digit national-number prefix.
func TestMobilePatternExhaustive(t *testing.T) {
	re := regexp.MustCompile(`^(?:579[01]\d{5}|5(?:[013-689]\d|7[0-8])\d{6})$`)
	for p := 0; p < 10000; p++ {
		nsn := []byte("000000000")
		nsn[0], nsn[1], nsn[2], nsn[3] = '0'+byte(p/1000), '0'+byte(p/100%10), '0'+byte(p/10%10), '0'+byte(p%10)
		_, prob := saudi.Mobile(string(nsn))
		assert.Equal(t, re.Match(nsn), prob == saudi.OK, string(nsn))
	}
}

func TestProblemString(t *testing.T) {
	for p, want := range map[saudi.Problem]string{
		saudi.OK: "ok", saudi.Length: "length", saudi.Characters: "characters", saudi.Prefix: "prefix",
		saudi.Checksum: "checksum", saudi.Country: "country", saudi.Unallocated: "unallocated", 99: "unknown",
	} {
		assert.Equal(t, want, p.String())
	}
}
