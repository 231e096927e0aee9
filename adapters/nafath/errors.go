package nafath

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
)

// Nafath's error codes that the client maps to identity's sentinels. They come
// from public client code (DOMAIN.md §7.3), not from an official specification.
const (
	// CodeAlreadyActive: a request for this identity is already active (identity.ErrSignInActive).
	CodeAlreadyActive = "400-034-050"
	// CodeExpired: the request has expired (identity.ErrSignInExpired).
	CodeExpired = "400-034-051"
	// CodeNotFound: the transaction is unknown (identity.ErrSignInNotFound).
	CodeNotFound = "400-034-053"
)

// ErrUnexpectedResponse is returned (code internal) when Nafath answers in a
// way the client does not understand: an error code it does not know, a
// status outside the four states, a malformed body, a redirect, an HTTP
// status such as 404 that points to a wrong BaseURL. The cause is an
// *APIError or the decoding error, for operators.
var ErrUnexpectedResponse = fault.New(fault.Internal, "nafath.unexpected_response",
	"the national sign-in service gave an unexpected answer", "أعادت خدمة النفاذ الوطني استجابة غير متوقعة")

// ErrInvalidOptions is returned by New for unusable Options; its cause says
// which field is wrong.
var ErrInvalidOptions = fault.New(fault.Invalid, "nafath.invalid_options",
	"the Nafath client is misconfigured", "إعدادات عميل نفاذ غير صحيحة")

// Refinements of identity's sentinels. Their reasons are stable.
var (
	errCredentials = identity.ErrAuthenticatorUnavailable.Because("signin.credentials_rejected",
		"the national sign-in service refused this service's credentials; try again later",
		"رفضت خدمة النفاذ الوطني بيانات اعتماد هذه الخدمة، حاول لاحقاً")
	errTimeout = identity.ErrAuthenticatorUnavailable.Because("signin.timeout",
		"the national sign-in service did not answer in time; try again",
		"لم تستجب خدمة النفاذ الوطني في الوقت المحدد، حاول مرة أخرى")

	errTokenMalformed = identity.ErrInvalidToken.Because("signin.token_malformed",
		"the sign-in confirmation is malformed", "تأكيد الدخول غير صالح")
	errTokenAlgorithm = identity.ErrInvalidToken.Because("signin.token_algorithm",
		"the sign-in confirmation is not signed as required", "تأكيد الدخول غير موقع بالطريقة المطلوبة")
	errTokenKey = identity.ErrInvalidToken.Because("signin.token_key_unknown",
		"the sign-in confirmation is signed with an unknown key", "تأكيد الدخول موقع بمفتاح غير معروف")
	errTokenSignature = identity.ErrInvalidToken.Because("signin.token_signature",
		"the sign-in confirmation's signature is not valid", "توقيع تأكيد الدخول غير صحيح")
	errTokenAudience = identity.ErrInvalidToken.Because("signin.token_audience",
		"the sign-in confirmation was issued for another service", "تأكيد الدخول صادر لخدمة أخرى")
	errTokenExpired = identity.ErrInvalidToken.Because("signin.token_expired",
		"the sign-in confirmation has expired; sign in again", "انتهت صلاحية تأكيد الدخول، سجل الدخول مرة أخرى")
	errTokenNotYetValid = identity.ErrInvalidToken.Because("signin.token_not_yet_valid",
		"the sign-in confirmation is not valid yet", "تأكيد الدخول غير ساري بعد")
	errTokenTransID = identity.ErrInvalidToken.Because("signin.token_trans_id",
		"the sign-in confirmation belongs to another sign-in request", "تأكيد الدخول يخص طلب دخول آخر")
	errTokenIdentity = identity.ErrInvalidToken.Because("signin.token_identity",
		"the sign-in confirmation does not carry a valid identity number", "تأكيد الدخول لا يحمل رقم هوية صحيحاً")
	errTokenStatus = identity.ErrInvalidToken.Because("signin.token_status",
		"the sign-in confirmation does not confirm an approved sign-in", "تأكيد الدخول لا يثبت الموافقة على الدخول")
)

// APIError is the cause carried by the coded errors the client returns when
// Nafath answers a call with an error. It keeps what an operator needs to
// raise a ticket with Elm (the HTTP status, Nafath's code and its trace
// reference) and never holds the APP-KEY or the national ID.
//
// Retrieve it with errors.As:
//
//	var apiErr *nafath.APIError
//	if errors.As(err, &apiErr) { log(apiErr.Code, apiErr.Reference) }
type APIError struct {
	// Op is the call: "request", "status" or "jwk".
	Op string
	// HTTPStatus is the response's HTTP status code.
	HTTPStatus int
	// Code is Nafath's error code ("400-034-050"), empty if the body had none.
	Code string
	// Reference is Nafath's trace reference, empty if the body had none.
	Reference string
	// Message is Nafath's own message, truncated to 200 bytes, for operators.
	Message string
}

// Error describes the failure for operators.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("nafath ")
	b.WriteString(e.Op)
	b.WriteString(": HTTP ")
	b.WriteString(strconv.Itoa(e.HTTPStatus))
	if e.Code != "" {
		b.WriteString(" code ")
		b.WriteString(e.Code)
	}
	if e.Reference != "" {
		b.WriteString(" reference ")
		b.WriteString(e.Reference)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// errorBody is the JSON error body Nafath sends: {"code","message","reference"}.
// Field matching is case-insensitive, so the older {"Code","Message"} shape
// decodes too.
type errorBody struct {
	Code      flexString `json:"code"`
	Message   flexString `json:"message"`
	Reference flexString `json:"reference"`
}

// mapError turns a non-2xx response into the coded error the port promises.
func mapError(op string, status int, body []byte) error {
	var eb errorBody
	_ = json.Unmarshal(body, &eb) // best effort: many gateways answer with HTML
	apiErr := &APIError{
		Op:         op,
		HTTPStatus: status,
		Code:       truncate(string(eb.Code), 40),
		Reference:  truncate(string(eb.Reference), 80),
		Message:    truncate(string(eb.Message), 200),
	}
	switch {
	case apiErr.Code == CodeAlreadyActive:
		return identity.ErrSignInActive.Wrap(apiErr)
	case apiErr.Code == CodeExpired:
		return identity.ErrSignInExpired.Wrap(apiErr)
	case apiErr.Code == CodeNotFound:
		return identity.ErrSignInNotFound.Wrap(apiErr)
	case status == 401 || status == 403:
		return errCredentials.Wrap(apiErr)
	case status == 408 || status == 504:
		return errTimeout.Wrap(apiErr)
	case status == 429 || status >= 500:
		return identity.ErrAuthenticatorUnavailable.Wrap(apiErr)
	}
	return ErrUnexpectedResponse.Wrap(apiErr)
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// flexString decodes a JSON string or number as a string; Nafath's public
// clients read "reference", "random" and some claims either way.
type flexString string

// UnmarshalJSON accepts a string, a number, or null.
func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*f = ""
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*f = flexString(n.String())
	return nil
}
