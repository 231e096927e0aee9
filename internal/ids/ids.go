package ids

import (
	"crypto/rand"
	"encoding/hex"
)

// New returns a random 128-bit identifier as 32 lowercase hex digits, from
// crypto/rand. Services use it unless their Options supply another generator.
func New() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}
