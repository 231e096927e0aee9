package fault

import (
	"errors"
	"strings"

	"github.com/masarhr/masar-go/i18n"
)

// Code classifies an error. The set is closed: callers and transports may
// switch on it exhaustively.
type Code string

// The codes. Their string values are stable and part of the public API.
const (
	// Invalid: the input is malformed or breaks a shape rule; retrying the
	// same input will fail again.
	Invalid Code = "invalid"
	// NotFound: the named thing does not exist (or the actor may not know that it does).
	NotFound Code = "not_found"
	// Conflict: the operation lost a race (stale version) or would create a duplicate.
	Conflict Code = "conflict"
	// FailedPrecondition: the input is well formed but the system is not in a
	// state that allows the operation (a closed filing window, an ineligible candidate).
	FailedPrecondition Code = "failed_precondition"
	// PermissionDenied: the actor is known but may not do this.
	PermissionDenied Code = "permission_denied"
	// Unauthenticated: the actor could not be established.
	Unauthenticated Code = "unauthenticated"
	// Unavailable: a dependency is down or timed out; retrying may succeed.
	Unavailable Code = "unavailable"
	// Internal: a bug or an unclassified failure. Its details are for operators only.
	Internal Code = "internal"
)

// Codes lists every code, in a stable order.
var Codes = []Code{Invalid, NotFound, Conflict, FailedPrecondition, PermissionDenied, Unauthenticated, Unavailable, Internal}

// FieldViolation is one field's failure within an invalid input.
type FieldViolation struct {
	// Field is the input's field path as the caller spelled it (JSON names,
	// dotted for nesting: "contact.mobile").
	Field string `json:"field"`
	// Reason is a stable machine-readable rule name ("required", "sa_id", …).
	Reason string `json:"reason"`
	// Message says what is wrong, in both languages.
	Message i18n.Text `json:"message"`
}

// Error is the coded error of masar-go. Create sentinels with New and refine
// them with Because; do not build an Error literal with a nil kind unless it
// is meant to be its own sentinel.
type Error struct {
	// Code classifies the error.
	Code Code `json:"code"`
	// Reason is the stable machine-readable reason, e.g. "grievance.window_closed".
	Reason string `json:"reason"`
	// Message is safe to show to an end user, in Arabic and English.
	Message i18n.Text `json:"message"`
	// Op names the operation that failed, e.g. "records.Service.UpdateEmployee".
	Op string `json:"-"`
	// Fields lists field-level violations of an invalid input, if any.
	Fields []FieldViolation `json:"fields,omitempty"`
	// Err is the underlying cause, for operators; never shown to end users.
	Err error `json:"-"`

	kind     *Error // the sentinel this error refines; nil for a sentinel
	codeOnly bool   // a code-level sentinel: matches any *Error of its code
}

// New returns a sentinel error with the given code, reason and messages.
func New(code Code, reason, en, ar string) *Error {
	return &Error{Code: code, Reason: reason, Message: i18n.Text{AR: ar, EN: en}}
}

// Because returns a new error that refines e with a more specific reason and
// message. It keeps e's code and matches e with errors.Is.
func (e *Error) Because(reason, en, ar string) *Error {
	return &Error{Code: e.Code, Reason: reason, Message: i18n.Text{AR: ar, EN: en}, kind: e}
}

// Wrap returns a copy of e (matching e with errors.Is) whose cause is err.
// If err already carries a *Error, Wrap returns err unchanged, so a coded
// error is never wrapped in another.
func (e *Error) Wrap(err error) error {
	if err == nil {
		return e
	}
	var fe *Error
	if errors.As(err, &fe) {
		return err
	}
	c := e.clone()
	c.Err = err
	return c
}

// WithOp returns a copy of e naming the operation that failed.
func (e *Error) WithOp(op string) *Error {
	c := e.clone()
	c.Op = op
	return c
}

// WithFields returns a copy of e carrying field-level violations.
func (e *Error) WithFields(fields ...FieldViolation) *Error {
	c := e.clone()
	c.Fields = append([]FieldViolation(nil), fields...)
	return c
}

// clone copies e so that the copy still matches e (and e's own sentinel).
func (e *Error) clone() *Error {
	c := *e
	c.Fields = append([]FieldViolation(nil), e.Fields...)
	if !e.codeOnly {
		c.kind = e // the copy refines e, and so matches e and whatever e matches
	}
	c.codeOnly = false
	return &c
}

// Error returns the operator-facing text: op, English message and cause.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	if e.Message.EN != "" {
		b.WriteString(e.Message.EN)
	} else {
		b.WriteString(string(e.Code))
	}
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(" (")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(f.Field)
		b.WriteString(": ")
		b.WriteString(f.Message.EN)
		if i == len(e.Fields)-1 {
			b.WriteString(")")
		}
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the sentinel e refines and its cause, for errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	var out []error
	if e.kind != nil {
		out = append(out, e.kind)
	}
	if e.Err != nil {
		out = append(out, e.Err)
	}
	return out
}

// Is reports whether target is the code-level sentinel of e's code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.codeOnly && t.Code == e.Code
}

// FieldMessages maps each violated field to its message in lang.
func (e *Error) FieldMessages(lang i18n.Lang) map[string]string {
	m := make(map[string]string, len(e.Fields))
	for _, f := range e.Fields {
		if prev, ok := m[f.Field]; ok {
			m[f.Field] = prev + "; " + f.Message.In(lang)
			continue
		}
		m[f.Field] = f.Message.In(lang)
	}
	return m
}

func codeSentinel(c Code, en, ar string) *Error {
	return &Error{Code: c, Reason: string(c), Message: i18n.Text{AR: ar, EN: en}, codeOnly: true}
}

// Code-level sentinels: errors.Is(err, ErrNotFound) is true for every *Error
// with code NotFound, whichever package produced it.
var (
	ErrInvalid            = codeSentinel(Invalid, "the input is not valid", "المدخلات غير صحيحة")
	ErrNotFound           = codeSentinel(NotFound, "not found", "غير موجود")
	ErrConflict           = codeSentinel(Conflict, "the record was changed by someone else; reload and try again", "تم تعديل السجل من قبل مستخدم آخر، أعد التحميل وحاول مرة أخرى")
	ErrFailedPrecondition = codeSentinel(FailedPrecondition, "the operation is not allowed in the current state", "العملية غير مسموح بها في الحالة الحالية")
	ErrPermissionDenied   = codeSentinel(PermissionDenied, "you do not have permission to do this", "ليست لديك صلاحية للقيام بهذا الإجراء")
	ErrUnauthenticated    = codeSentinel(Unauthenticated, "sign-in is required", "يلزم تسجيل الدخول")
	ErrUnavailable        = codeSentinel(Unavailable, "the service is temporarily unavailable; try again later", "الخدمة غير متاحة مؤقتاً، حاول لاحقاً")
	ErrInternal           = codeSentinel(Internal, "internal error", "خطأ داخلي")
)

// As returns the outermost *Error in err's chain.
func As(err error) (*Error, bool) {
	var fe *Error
	ok := errors.As(err, &fe)
	return fe, ok
}

// CodeOf returns the code of the outermost *Error in err's chain: "" for a nil
// error and Internal for an error that carries no *Error.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	if fe, ok := As(err); ok {
		return fe.Code
	}
	return Internal
}

// ReasonOf returns the reason of the outermost *Error in err's chain: "" for a
// nil error and "internal" for an error that carries no *Error.
func ReasonOf(err error) string {
	if err == nil {
		return ""
	}
	if fe, ok := As(err); ok {
		return fe.Reason
	}
	return string(Internal)
}

// MessageOf returns the user-facing message of err in lang. An error that
// carries no *Error gives the generic internal message: its text is for
// operators only.
func MessageOf(err error, lang i18n.Lang) string {
	if err == nil {
		return ""
	}
	if fe, ok := As(err); ok {
		return fe.Message.In(lang)
	}
	return ErrInternal.Message.In(lang)
}

// ErrInvalidInput is the sentinel of every shape-validation failure: code
// invalid, reason "validation.failed", with the violated fields in Fields.
// Every Service's input validation returns errors matching it.
var ErrInvalidInput = New(Invalid, "validation.failed",
	"some fields are not valid", "بعض الحقول غير صحيحة")
