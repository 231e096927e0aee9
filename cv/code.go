package cv

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"

	"github.com/masarhr/masar-go/records"
)

// MinShareKeyLen is the shortest ShareKey accepted, in bytes.
const MinShareKeyLen = 32

var codeEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// newCode returns a random code of 80 bits in the statement codes' form,
// "ABCD-EFGH-IJKL-MNOP".
func newCode() string {
	var b [10]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	raw := codeEncoding.EncodeToString(b[:])
	return raw[0:4] + "-" + raw[4:8] + "-" + raw[8:12] + "-" + raw[12:16]
}

// NormalizeCode returns code in the form Service.Share gives it, accepting
// what records.NormalizeCode accepts (lower case, Arabic-Indic digits,
// spaces, bidirectional marks, missing dashes); "" when code cannot be one.
func NormalizeCode(code string) string { return records.NormalizeCode(code) }

// HashCode returns the hex HMAC-SHA256 of the normalized code under key:
// the Share.CodeHash a Store is searched by. It returns "" for text that is
// not a code.
func HashCode(key []byte, code string) string {
	norm := NormalizeCode(code)
	if norm == "" {
		return ""
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(norm))
	return hex.EncodeToString(mac.Sum(nil))
}
