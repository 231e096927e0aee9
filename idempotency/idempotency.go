package idempotency

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"time"
)

// MaxKeyLen is the longest Idempotency-Key accepted, in characters
// (bytes: a key is ASCII).
const MaxKeyLen = 255

// KeyField is the field name a key's violation carries: the HTTP header.
const KeyField = "Idempotency-Key"

// Record is one idempotency key's state: the request that reserved it and,
// once that request completed, the response to replay.
type Record struct {
	// Scope names who sent the key: the signed-in person's audit reference,
	// or "public:<client>" for an unauthenticated caller. Keys of different
	// scopes never meet.
	Scope string `json:"scope"`
	// Key is the client's Idempotency-Key (see ValidateKey).
	Key string `json:"key"`
	// RequestHash fingerprints the request that reserved the key
	// (HashRequest): a retry must match it.
	RequestHash string `json:"request_hash"`
	// Status is the response's HTTP status; 0 while the request is in
	// progress (not Completed).
	Status int `json:"status,omitempty"`
	// Header holds the response headers to replay (Content-Type, ETag,
	// Location), canonical names as keys.
	Header map[string]string `json:"header,omitempty"`
	// Body is the response body, byte for byte.
	Body []byte `json:"body,omitempty"`
	// CreatedAt is when the key was reserved (UTC).
	CreatedAt time.Time `json:"created_at"`
	// ExpiresAt is the end of the retry window: from then on the record no
	// longer answers, and a new request with the key replaces it.
	ExpiresAt time.Time `json:"expires_at"`
}

// Completed reports whether r holds the response of its request (its
// Status is not 0).
func (r Record) Completed() bool { return r.Status != 0 }

// Live reports whether r still answers at the instant at: at is before its
// ExpiresAt.
func (r Record) Live(at time.Time) bool { return at.Before(r.ExpiresAt) }

// Clone returns a copy of r that shares no memory with it (Header and Body
// copied; empty ones nil). Adapters use it to keep their copies their own.
func (r Record) Clone() Record {
	r.Header = maps.Clone(r.Header)
	if len(r.Header) == 0 {
		r.Header = nil
	}
	r.Body = slices.Clone(r.Body)
	if len(r.Body) == 0 {
		r.Body = nil
	}
	return r
}

// ValidateKey checks an Idempotency-Key: 1 to MaxKeyLen characters, each
// printable ASCII (space to tilde). It returns nil or ErrInvalidKey.
func ValidateKey(key string) error {
	ok := len(key) >= 1 && len(key) <= MaxKeyLen
	for i := 0; ok && i < len(key); i++ {
		ok = key[i] >= 0x20 && key[i] <= 0x7e
	}
	if ok {
		return nil
	}
	return ErrInvalidKey
}

// HashRequest returns the fingerprint of a request: the hex SHA-256 of the
// method, a NUL byte, the path, a NUL byte and the body. Pass the method as
// received and the path as routed (with its query, if the query changes
// what the call creates); neither holds a NUL byte, so different requests
// never share an input.
func HashRequest(method, path string, body []byte) string {
	h := sha256.New()
	h.Write([]byte(method))
	h.Write([]byte{0})
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}
