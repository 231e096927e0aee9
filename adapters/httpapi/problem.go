package httpapi

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/text/language"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/masar"
)

// Problem is an error response: RFC 9457 problem details
// (application/problem+json) with masar-go's stable code and reason, the
// message in the request's language and the field violations.
type Problem struct {
	// Type is a URI naming the problem's reason: "urn:masar:problem:<reason>".
	Type string `json:"type"`
	// Title is the code's generic message, in the response language.
	Title string `json:"title"`
	// Status is the HTTP status.
	Status int `json:"status"`
	// Detail is the specific message, in the response language; for an
	// internal error it is the generic message: details are for operators.
	Detail string `json:"detail"`
	// Instance is the request's ID (as the X-Request-Id header), to quote
	// to support.
	Instance string `json:"instance,omitempty"`
	// Code is the masar.Code.
	Code masar.Code `json:"code"`
	// Reason is the stable machine-readable reason.
	Reason string `json:"reason"`
	// Lang is the language of Title, Detail and the field messages.
	Lang i18n.Lang `json:"lang"`
	// Fields are the field violations of an invalid input.
	Fields []ProblemField `json:"fields,omitempty"`
}

// ProblemField is one field violation of a Problem.
type ProblemField struct {
	// Field is the input's field path (JSON names, dotted).
	Field string `json:"field"`
	// Reason is the rule the field broke.
	Reason string `json:"reason"`
	// Message says what is wrong, in the response language.
	Message string `json:"message"`
}

// StatusOf returns the HTTP status of a masar.Code: the README's table.
func StatusOf(c masar.Code) int {
	switch c {
	case masar.Invalid:
		return http.StatusBadRequest
	case masar.NotFound:
		return http.StatusNotFound
	case masar.Conflict:
		return http.StatusConflict
	case masar.FailedPrecondition:
		return http.StatusUnprocessableEntity
	case masar.PermissionDenied:
		return http.StatusForbidden
	case masar.Unauthenticated:
		return http.StatusUnauthorized
	case masar.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// httpError is an error of the HTTP layer whose status is not its code's:
// a missing If-Match (428), a body too large (413), a rate limit (429).
type httpError struct {
	status int
	err    *fault.Error
	retry  time.Duration
}

func (e *httpError) Error() string { return e.err.Error() }
func (e *httpError) Unwrap() error { return e.err }

// staleVersion marks a conflict on an update sent with If-Match: 412.
type staleVersion struct{ err error }

func (e staleVersion) Error() string { return e.err.Error() }
func (e staleVersion) Unwrap() error { return e.err }

func newHTTPError(status int, code fault.Code, reason, en, ar string) *httpError {
	return &httpError{status: status, err: fault.New(code, reason, en, ar)}
}

// The HTTP layer's own refusals.
var (
	errNoRoute = newHTTPError(http.StatusNotFound, fault.NotFound, "http.no_route",
		"there is no such endpoint", "لا توجد نقطة وصول بهذا العنوان")
	errPreconditionRequired = newHTTPError(http.StatusPreconditionRequired, fault.FailedPrecondition, "http.if_match_required",
		"send the If-Match header with the resource's ETag", "أرسل ترويسة If-Match بوسم إصدار المورد")
	errBadIfMatch = newHTTPError(http.StatusBadRequest, fault.Invalid, "http.if_match_invalid",
		"the If-Match header must be one strong ETag of the resource", "يجب أن تحمل ترويسة If-Match وسم إصدار واحداً للمورد")
	errBodyTooLarge = newHTTPError(http.StatusRequestEntityTooLarge, fault.Invalid, "http.body_too_large",
		"the request body is too large", "حجم محتوى الطلب أكبر من المسموح")
	errMediaType = newHTTPError(http.StatusUnsupportedMediaType, fault.Invalid, "http.unsupported_media_type",
		"send the request body as application/json", "أرسل محتوى الطلب بصيغة application/json")
	errCrossOrigin = newHTTPError(http.StatusForbidden, fault.PermissionDenied, "http.cross_origin",
		"cross-site requests are not allowed", "الطلبات من مواقع أخرى غير مسموح بها")
	errPageSize = fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: "page_size", Reason: "range",
		Message: i18n.Text{EN: "page_size must be between 1 and 500", AR: "يجب أن يكون حجم الصفحة بين 1 و500"}})
	errPageToken = fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: "page_token", Reason: "page_token",
		Message: i18n.Text{EN: "page_token is not a token this API gave", AR: "رمز الصفحة غير صادر عن هذه الواجهة"}})
)

// invalidParam is the refusal of a malformed parameter.
func invalidParam(name string, err error) error {
	msg := i18n.Text{EN: "the value of " + name + " is not valid", AR: "قيمة " + name + " غير صحيحة"}
	if fe, ok := fault.As(err); ok && !fe.Message.IsZero() {
		msg = fe.Message
	}
	return fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: name, Reason: "format", Message: msg})
}

// statusOf returns err's status.
func statusOf(err error) int {
	if he, ok := errors.AsType[*httpError](err); ok {
		return he.status
	}
	if _, ok := errors.AsType[staleVersion](err); ok {
		return http.StatusPreconditionFailed
	}
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return http.StatusRequestEntityTooLarge
	}
	return StatusOf(fault.CodeOf(err))
}

// problemOf builds err's problem in lang.
func problemOf(err error, lang i18n.Lang, requestID string) Problem {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		err = errBodyTooLarge
	}
	status := statusOf(err)
	code := fault.CodeOf(err)
	p := Problem{Status: status, Code: code, Lang: lang, Instance: requestID}
	fe, ok := fault.As(err)
	if !ok || code == fault.Internal {
		p.Reason = string(fault.Internal)
		p.Title = fault.ErrInternal.Message.In(lang)
		p.Detail = p.Title
	} else {
		p.Reason = fe.Reason
		p.Title = codeTitle(code, lang)
		p.Detail = fe.Message.In(lang)
		for _, f := range fe.Fields {
			p.Fields = append(p.Fields, ProblemField{Field: f.Field, Reason: f.Reason, Message: f.Message.In(lang)})
		}
	}
	p.Type = "urn:masar:problem:" + p.Reason
	return p
}

// codeTitle is the generic message of code.
func codeTitle(c fault.Code, lang i18n.Lang) string {
	for _, s := range []*fault.Error{fault.ErrInvalid, fault.ErrNotFound, fault.ErrConflict, fault.ErrFailedPrecondition,
		fault.ErrPermissionDenied, fault.ErrUnauthenticated, fault.ErrUnavailable} {
		if s.Code == c {
			return s.Message.In(lang)
		}
	}
	return fault.ErrInternal.Message.In(lang)
}

// problem writes err as a problem response and logs internal errors for
// operators.
func (a *API) problem(w http.ResponseWriter, r *http.Request, err error) {
	rep := a.problemReply(r, err)
	h := w.Header()
	for k, v := range rep.headers {
		h.Set(k, v)
	}
	h.Set("Content-Type", rep.contentType)
	w.WriteHeader(rep.status)
	_, _ = w.Write(rep.raw)
}

// problemReply renders err as a problem reply, logging internal and
// unavailable errors with the request's ID.
func (a *API) problemReply(r *http.Request, err error) reply {
	lang := langOf(r)
	p := problemOf(err, lang, requestID(r.Context()))
	if p.Code == fault.Internal || p.Code == fault.Unavailable {
		a.log.LogAttrs(r.Context(), slog.LevelError, "request failed",
			slog.String("request_id", p.Instance), slog.String("error", maskIDs(err.Error())))
	}
	h := map[string]string{"Content-Language": string(lang)}
	if he, ok := errors.AsType[*httpError](err); ok && he.retry > 0 {
		h["Retry-After"] = strconv.Itoa(int((he.retry + time.Second - 1) / time.Second))
	}
	if p.Status == http.StatusUnauthorized {
		h["WWW-Authenticate"] = `Bearer realm="masar"`
	}
	b, _ := marshalJSON(p)
	return reply{status: p.Status, raw: b, contentType: "application/problem+json", headers: h}
}

// langMatcher matches Accept-Language to the two languages, Arabic first.
var langMatcher = language.NewMatcher([]language.Tag{language.Arabic, language.English})

// langOf returns the response language: the best match of Accept-Language,
// Arabic by default.
func langOf(r *http.Request) i18n.Lang {
	h := r.Header.Get("Accept-Language")
	if h == "" {
		return i18n.Arabic
	}
	tags, _, err := language.ParseAcceptLanguage(h)
	if err != nil || len(tags) == 0 {
		return i18n.Arabic
	}
	_, idx, conf := langMatcher.Match(tags...)
	if conf == language.No || idx == 0 {
		return i18n.Arabic
	}
	return i18n.English
}
