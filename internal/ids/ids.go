package ids

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// New returns a random 128-bit identifier as 32 lowercase hex digits, from
// crypto/rand. Services use it unless their Options supply another generator.
func New() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// NewOrdered returns a 128-bit identifier for something made at t, as 32
// lowercase hex digits laid out as a version 7 UUID (RFC 9562): t's Unix
// milliseconds in the first 48 bits, then 74 random bits from crypto/rand.
// IDs made later sort after earlier ones (to the millisecond), so an index
// on them grows at its end instead of at random places: the audit trail's
// IDs, whose index holds every entry ever written, use it. Unlike New, an
// ordered ID tells when it was made.
func NewOrdered(t time.Time) string {
	var b [16]byte
	_, _ = rand.Read(b[6:])
	ms := uint64(max(t.UnixMilli(), 0))
	for i := range 6 {
		b[i] = byte(ms >> (40 - 8*i))
	}
	b[6] = 0x70 | b[6]&0x0f // version 7
	b[8] = 0x80 | b[8]&0x3f // the RFC 9562 variant
	return hex.EncodeToString(b[:])
}
