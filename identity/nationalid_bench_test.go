package identity_test

import (
	"testing"

	"github.com/masarhr/masar-go/identity"
)

var (
	sinkID     identity.NationalID
	sinkMobile identity.Mobile
	sinkEmail  identity.Email
	sinkErr    error
)

// BenchmarkParseNationalID is the ASCII fast path: target < 25 ns/op, 0 allocs/op.
func BenchmarkParseNationalID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkID, sinkErr = identity.ParseNationalID("1058529940")
	}
}

// BenchmarkParseNationalIDArabicIndic normalises Arabic-Indic digits (one allocation for the result).
func BenchmarkParseNationalIDArabicIndic(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkID, sinkErr = identity.ParseNationalID("١٠٥٨٥٢٩٩٤٠")
	}
}

// BenchmarkParseNationalIDInvalid rejects a bad check digit.
func BenchmarkParseNationalIDInvalid(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkID, sinkErr = identity.ParseNationalID("1058529941")
	}
}
