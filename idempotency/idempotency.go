package idempotency

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
)

// DefaultTTL is how long a record is kept: a day of retries.
const DefaultTTL = 24 * time.Hour

// MaxKeyLen is the longest key.
const MaxKeyLen = 255

// Record is a reserved key and, once completed, the answer to replay.
type Record struct {
	// Scope is whose key it is: "person:<national ID>" or "public:<client>".
	Scope string `json:"scope"`
	// Key is the client's idempotency key.
	Key string `json:"key"`
	// RequestHash is HashRequest of the request that reserved the key.
	RequestHash string `json:"request_hash"`
	// Status, Header and Body are the answer (Status 0 until completed).
	Status int               `json:"status"`
	Header map[string]string `json:"header,omitempty"`
	Body   []byte            `json:"body,omitempty"`
	// CreatedAt is when the key was reserved; ExpiresAt when the record
	// lapses. UTC.
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Completed reports whether r holds an answer.
func (r Record) Completed() bool { return r.Status != 0 }

// Clone returns a deep copy of r.
func (r Record) Clone() Record {
	r.Header = maps.Clone(r.Header)
	r.Body = slices.Clone(r.Body)
	return r
}

// Store keeps records. Every method is safe for concurrent use; inside a
// store transaction (txn.Transactor) its writes are undone with it.
type Store interface {
	// ReserveIdempotencyKey stores r, unless a live record (ExpiresAt after
	// r.CreatedAt) has its Scope and Key: then it returns that record and
	// true, storing nothing. An expired record is replaced.
	ReserveIdempotencyKey(ctx context.Context, r Record) (Record, bool, error)

	// CompleteIdempotencyKey stores the answer of the record (scope, key)
	// and returns it as stored.
	//
	// Errors: ErrNotFound if there is none.
	CompleteIdempotencyKey(ctx context.Context, scope, key string, status int, header map[string]string, body []byte) (Record, error)

	// GetIdempotencyKey returns the record (scope, key), expired or not.
	//
	// Errors: ErrNotFound if there is none.
	GetIdempotencyKey(ctx context.Context, scope, key string) (Record, error)

	// PurgeIdempotencyKeys deletes every record whose ExpiresAt is
	// strictly before before and returns how many it deleted.
	PurgeIdempotencyKeys(ctx context.Context, before time.Time) (int, error)
}

// The errors.
var (
	// ErrNotFound: no record has the scope and key.
	ErrNotFound = fault.New(fault.NotFound, "idempotency.not_found",
		"no request was made with this key", "لم يُرسل طلب بهذا المفتاح")
	// ErrInvalidKey: the key is not 1–255 printable ASCII characters.
	ErrInvalidKey = fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: "Idempotency-Key", Reason: "idempotency_key",
		Message: i18n.Text{EN: "the Idempotency-Key must be 1 to 255 printable ASCII characters",
			AR: "يجب أن يتكون مفتاح عدم التكرار من 1 إلى 255 حرفاً مطبوعاً من ASCII"}})
)

// ValidateKey checks a key: 1–255 printable ASCII characters.
func ValidateKey(key string) error {
	if key == "" || len(key) > MaxKeyLen {
		return ErrInvalidKey
	}
	for i := range len(key) {
		if key[i] < 0x20 || key[i] > 0x7e {
			return ErrInvalidKey
		}
	}
	return nil
}

// HashRequest returns the hex SHA-256 of a request's method, target and
// body: what tells a retry from another request reusing a key.
func HashRequest(method, target string, body []byte) string {
	h := sha256.New()
	h.Write([]byte(method))
	h.Write([]byte{0})
	h.Write([]byte(target))
	h.Write([]byte{0})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}
