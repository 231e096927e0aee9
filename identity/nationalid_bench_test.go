package identity_test

import (
	"strings"
	"testing"

	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

var (
	sinkID     identity.NationalID
	sinkMobile identity.Mobile
	sinkEmail  identity.Email
	sinkErr    error
)

// benchIDs is how many distinct inputs a ParseNationalID benchmark cycles
// through: enough that no one input's branch pattern is learnt; a power of
// two, so that picking the next costs a mask, not a division.
const benchIDs = 1024

// benchNationalIDs returns benchIDs generated IDs, citizens' national IDs
// and residents' Iqamas alternately, in ASCII digits, generated before the
// benchmark's timer starts.
func benchNationalIDs() []string {
	g := identitytest.NewGenerator(1447)
	out := make([]string, benchIDs)
	for i := range out {
		if i%2 == 0 {
			out[i] = g.Citizen().String()
		} else {
			out[i] = g.Resident().String()
		}
	}
	return out
}

// arabicIndic writes the ASCII digits of s as Arabic-Indic digits (٠–٩).
var arabicIndic = strings.NewReplacer("0", "٠", "1", "١", "2", "٢", "3", "٣", "4", "٤",
	"5", "٥", "6", "٦", "7", "٧", "8", "٨", "9", "٩")

// benchParse parses the benchIDs ids in turn, checking that each is
// accepted (or, with valid false, refused).
func benchParse(b *testing.B, ids []string, valid bool) {
	if len(ids) != benchIDs {
		b.Fatalf("%d inputs, want %d", len(ids), benchIDs)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		in := ids[i&(benchIDs-1)]
		sinkID, sinkErr = identity.ParseNationalID(in)
		if (sinkErr == nil) != valid {
			b.Fatalf("ParseNationalID(%q): %v", in, sinkErr)
		}
		i++
	}
}

// BenchmarkParseNationalID is the ASCII fast path over varied national IDs
// and Iqamas: target < 25 ns/op, 0 allocs/op.
func BenchmarkParseNationalID(b *testing.B) {
	benchParse(b, benchNationalIDs(), true)
}

// BenchmarkParseNationalIDArabicIndic normalises the same IDs written in
// Arabic-Indic digits (one allocation for the result).
func BenchmarkParseNationalIDArabicIndic(b *testing.B) {
	ids := benchNationalIDs()
	for i := range ids {
		ids[i] = arabicIndic.Replace(ids[i])
	}
	benchParse(b, ids, true)
}

// BenchmarkParseNationalIDInvalid rejects varied IDs of every invalid kind
// the generator makes (bad check digit, prefix, length, character).
func BenchmarkParseNationalIDInvalid(b *testing.B) {
	g := identitytest.NewGenerator(1448)
	ids := make([]string, benchIDs)
	for i := range ids {
		ids[i] = g.Invalid(identitytest.InvalidKinds[i%len(identitytest.InvalidKinds)])
	}
	benchParse(b, ids, false)
}
