package idempotency

import (
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
)

// Errors of the idempotency Store contract. Adapters return errors matching
// them (errors.Is).
var (
	// ErrNotFound: no record has the scope and key.
	ErrNotFound = fault.New(fault.NotFound, "idempotency.not_found",
		"the idempotency key was not found", "مفتاح عدم التكرار غير موجود")
	// ErrConflict: the record's response is stored already (Complete was
	// called twice).
	ErrConflict = fault.New(fault.Conflict, "idempotency.completed",
		"the response of this idempotency key is stored already", "استجابة مفتاح عدم التكرار محفوظة مسبقاً")
)

// Errors of the rules (Service and ValidateKey).
var (
	// ErrInvalidKey: the Idempotency-Key is empty, longer than MaxKeyLen or
	// holds a character outside printable ASCII. It is an input-shape
	// failure like every other (fault.ErrInvalidInput, reason
	// "validation.failed"), with one field violation on KeyField whose
	// reason is "idempotency.invalid_key".
	ErrInvalidKey = fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: KeyField, Reason: "idempotency.invalid_key",
		Message: i18n.Text{EN: "the Idempotency-Key must be 1 to 255 printable ASCII characters",
			AR: "يجب أن يتكون مفتاح عدم التكرار (Idempotency-Key) من 1 إلى 255 محرفاً من محارف ASCII القابلة للطباعة"}})
	// ErrKeyReused: the key was used before, within its retry window, for
	// another request (another method, path or body).
	ErrKeyReused = fault.New(fault.FailedPrecondition, "idempotency.key_reused",
		"this Idempotency-Key was already used for a different request",
		"استُخدم مفتاح عدم التكرار هذا من قبل لطلب مختلف")
	// ErrInProgress: the first request with the key has not completed yet;
	// retry later.
	ErrInProgress = fault.New(fault.Conflict, "idempotency.in_progress",
		"a request with this Idempotency-Key is still in progress; try again later",
		"طلب بمفتاح عدم التكرار هذا ما زال قيد المعالجة، حاول لاحقاً")
	// ErrInvalidRecord: Complete was given a status outside 100–599, or
	// the Service an empty scope or request hash: a bug of the caller.
	ErrInvalidRecord = fault.New(fault.Internal, "idempotency.invalid_record",
		"the idempotency record is not valid", "سجل عدم التكرار غير صالح")
)
