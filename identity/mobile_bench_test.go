package identity_test

import (
	"testing"

	"github.com/masarhr/masar-go/identity"
)

// BenchmarkParseMobile parses the national form 05XXXXXXXX.
func BenchmarkParseMobile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkMobile, sinkErr = identity.ParseMobile("0551234567")
	}
}

// BenchmarkParseMobileCanonical parses the E.164 form: no allocation.
func BenchmarkParseMobileCanonical(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkMobile, sinkErr = identity.ParseMobile("+966551234567")
	}
}

// BenchmarkParseMobileArabicIndic parses Arabic-Indic digits with spaces.
func BenchmarkParseMobileArabicIndic(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkMobile, sinkErr = identity.ParseMobile("٠٥٥ ١٢٣ ٤٥٦٧")
	}
}
