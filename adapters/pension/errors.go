package pension

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/masarhr/masar-go/fault"
)

// The sentinels a delivery's error matches (errors.Is). Each wraps an
// *Error, which says whether the failure is temporary and carries the
// agency's status, code, message and Retry-After.
var (
	// ErrUnavailable (code unavailable): the agency did not take the
	// package this time: a timeout, a refused or broken connection, a
	// cancelled context, HTTP 5xx, 408, 429, or a 409 without a receipt
	// (another request with the same key is being processed). Temporary:
	// a retry may succeed, and is safe.
	ErrUnavailable = fault.New(fault.Unavailable, "pension.unavailable",
		"the pension agency is not available now; try again later",
		"جهة التقاعد غير متاحة حالياً، حاول لاحقاً")
	// ErrRejected (code invalid): the agency refused the package (HTTP 400,
	// 413, 415, 422 and any other 4xx not named elsewhere), or the package
	// cannot be sent at all (no ID, a value that does not encode, an outbox
	// payload that does not decode). Permanent: the same package will be
	// refused again.
	ErrRejected = fault.New(fault.Invalid, "pension.rejected",
		"the pension agency rejected the end-of-service package",
		"رفضت جهة التقاعد ملف انتهاء الخدمة")
	// ErrMisconfigured (code internal): the request never reached the
	// packages endpoint as this client means it: HTTP 401 or 403 (reason
	// pension.credentials_rejected), 404, 405 or a redirect (a wrong base
	// URL). Permanent until an operator fixes the configuration; then a
	// retry succeeds.
	ErrMisconfigured = fault.New(fault.Internal, "pension.misconfigured",
		"the connection to the pension agency is misconfigured",
		"إعدادات الربط مع جهة التقاعد غير صحيحة")
	// ErrUnexpectedResponse (code internal): a 2xx answer whose receipt is
	// malformed, or names another package. Temporary: the agency may or may
	// not hold the package, and a retry (deduplicated by the key) finds out.
	ErrUnexpectedResponse = fault.New(fault.Internal, "pension.unexpected_response",
		"the pension agency gave an unexpected answer",
		"أعادت جهة التقاعد استجابة غير متوقعة")
	// ErrInvalidOptions (code invalid) is returned by New for an unusable
	// base URL or Options.
	ErrInvalidOptions = fault.New(fault.Invalid, "pension.invalid_options",
		"the pension agency client is misconfigured",
		"إعدادات عميل جهة التقاعد غير صحيحة")

	errTimeout = ErrUnavailable.Because("pension.timeout",
		"the pension agency did not answer in time; try again later",
		"لم تستجب جهة التقاعد في الوقت المحدد، حاول لاحقاً")
	errCredentials = ErrMisconfigured.Because("pension.credentials_rejected",
		"the pension agency refused this service's credentials",
		"رفضت جهة التقاعد بيانات اعتماد هذه الخدمة")
)

// Codes the client itself puts in Error.Code when the agency gave no
// problem code of its own (or no answer at all).
const (
	// CodeTimeout: Options.Timeout or the caller's deadline ran out.
	CodeTimeout = "timeout"
	// CodeCanceled: the caller's context was cancelled.
	CodeCanceled = "canceled"
	// CodeUnreachable: no answer: the connection was refused, reset or
	// closed before a response arrived.
	CodeUnreachable = "unreachable"
	// CodeAuthorize: Options.Authorize failed.
	CodeAuthorize = "authorize_failed"
	// CodeRedirect: the agency answered with a redirect, which is never
	// followed (it would carry the credentials elsewhere).
	CodeRedirect = "redirect"
	// CodeMalformedResponse: a 2xx answer without a valid receipt.
	CodeMalformedResponse = "malformed_response"
	// CodeInvalidPackage: the package cannot be sent (no ID, or a value
	// that does not encode).
	CodeInvalidPackage = "invalid_package"
)

// Error is the cause carried by every error Deliver (and the Sink) returns:
// what an operator needs to see, and whether retrying can help. Retrieve it
// with errors.As:
//
//	var pe *pension.Error
//	if errors.As(err, &pe) && !pe.Temporary() { alert(pe.Status, pe.Code) }
//
// It never holds the bearer token or the package's personal data.
type Error struct {
	// Status is the HTTP status of the agency's answer; 0 when there was
	// none (a timeout, a connection failure, a package that could not be
	// sent).
	Status int `json:"status"`
	// Code is the agency's problem code ("invalid_package") or, when it
	// gave none, one of the client's Code constants.
	Code string `json:"code"`
	// Message is the agency's detail (or the failure's text), truncated
	// to 200 bytes, for operators.
	Message string `json:"message"`
	// Fields lists the agency's field-level violations (HTTP 422).
	Fields []FieldError `json:"fields,omitempty"`
	// RetryAfter is the agency's Retry-After, as a delay; 0 if it sent none.
	RetryAfter time.Duration `json:"retry_after,omitempty"`
	// Err is the underlying failure (a *url.Error, context.DeadlineExceeded,
	// a JSON error), if any.
	Err error `json:"-"`

	temporary bool
}

// FieldError is one field-level violation the agency reported.
type FieldError struct {
	// Field is the JSON name of the field, e.g. "national_id".
	Field string `json:"field"`
	// Reason is the rule broken, e.g. "required".
	Reason string `json:"reason"`
}

// Temporary reports whether retrying the same package may succeed without
// anyone changing anything: true for timeouts, connection failures,
// cancellation, HTTP 5xx, 408, 429, a 409 without a receipt and a malformed
// 2xx answer; false for other 4xx, redirects and packages that cannot be
// sent. The outbox relay retries every error anyway; a host reads this to
// alert on the permanent ones.
func (e *Error) Temporary() bool { return e.temporary }

// Error describes the failure for operators.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("pension: ")
	if e.Status != 0 {
		b.WriteString("HTTP ")
		b.WriteString(strconv.Itoa(e.Status))
		b.WriteString(" ")
	}
	b.WriteString(e.Code)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(" (")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(f.Field)
		b.WriteString(": ")
		b.WriteString(f.Reason)
		if i == len(e.Fields)-1 {
			b.WriteString(")")
		}
	}
	if e.RetryAfter > 0 {
		b.WriteString("; retry after ")
		b.WriteString(e.RetryAfter.String())
	}
	if e.Err != nil && e.Message == "" {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying failure, so that errors.Is(err,
// context.DeadlineExceeded) works.
func (e *Error) Unwrap() error { return e.Err }

// Temporary reports whether err is worth retrying unchanged: false for nil
// and for an error carrying a permanent *Error, true for any other error
// (an error this package did not make is assumed temporary, the safe
// default of a retry loop).
func Temporary(err error) bool {
	if err == nil {
		return false
	}
	var pe *Error
	if errors.As(err, &pe) {
		return pe.Temporary()
	}
	return true
}

// RetryAfter returns the delay the agency asked for in Retry-After, if err
// carries one.
func RetryAfter(err error) (time.Duration, bool) {
	var pe *Error
	if errors.As(err, &pe) && pe.RetryAfter > 0 {
		return pe.RetryAfter, true
	}
	return 0, false
}

// opaque returns err, or its text alone if it carries a coded error:
// fault's errors are never wrapped in one another, and the sentinel this
// package wraps around an *Error must stay the outermost.
func opaque(err error) error {
	if _, ok := fault.As(err); ok {
		return errors.New(err.Error())
	}
	return err
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
