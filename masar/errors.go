package masar

import (
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
)

// Error is the coded error every masar-go call returns: a Code, a stable
// Reason, a Message in Arabic and English, and optionally the failed
// operation, field violations and an operator-only cause.
type Error = fault.Error

// Code classifies an Error.
type Code = fault.Code

// Lang selects the language of user-facing messages.
type Lang = i18n.Lang

// FieldViolation is one field's failure within an invalid input.
type FieldViolation = fault.FieldViolation

// The error codes.
const (
	Invalid            = fault.Invalid
	NotFound           = fault.NotFound
	Conflict           = fault.Conflict
	FailedPrecondition = fault.FailedPrecondition
	PermissionDenied   = fault.PermissionDenied
	Unauthenticated    = fault.Unauthenticated
	Unavailable        = fault.Unavailable
	Internal           = fault.Internal
)

// The languages.
const (
	Arabic  = i18n.Arabic
	English = i18n.English
)

// Code-level sentinels: errors.Is(err, masar.ErrNotFound) holds for every
// error of that code, whichever package returned it.
var (
	ErrInvalid            = fault.ErrInvalid
	ErrNotFound           = fault.ErrNotFound
	ErrConflict           = fault.ErrConflict
	ErrFailedPrecondition = fault.ErrFailedPrecondition
	ErrPermissionDenied   = fault.ErrPermissionDenied
	ErrUnauthenticated    = fault.ErrUnauthenticated
	ErrUnavailable        = fault.ErrUnavailable
	ErrInternal           = fault.ErrInternal
)

// ErrorCode returns err's code: "" for nil, Internal for an error that is
// not a masar-go error.
func ErrorCode(err error) Code { return fault.CodeOf(err) }

// ErrorReason returns err's stable machine-readable reason.
func ErrorReason(err error) string { return fault.ReasonOf(err) }

// ErrorMessage returns err's user-facing message in lang. Errors that are not
// masar-go errors give a generic message: their text is for operators.
func ErrorMessage(err error, lang Lang) string { return fault.MessageOf(err, lang) }

// FieldMessages returns the field → message map of an invalid-input error in
// lang (empty for other errors).
func FieldMessages(err error, lang Lang) map[string]string {
	if fe, ok := fault.As(err); ok {
		return fe.FieldMessages(lang)
	}
	return map[string]string{}
}
