package identity_test

import (
	"testing"

	"github.com/masarhr/masar-go/identity"
)

// BenchmarkParseEmail parses an address with an upper-case domain.
func BenchmarkParseEmail(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkEmail, sinkErr = identity.ParseEmail("Sara.Ali@Example.COM")
	}
}
