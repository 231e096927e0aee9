package pension

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/separation"
)

// PathPackages is the endpoint, under the base URL, that packages are
// POSTed to.
const PathPackages = "/v1/packages"

// HeaderIdempotencyKey carries the package's ID on every delivery.
const HeaderIdempotencyKey = "Idempotency-Key"

// Limits of the wire format.
const (
	// MaxResponseBytes is the largest answer read; a longer 2xx answer is
	// malformed.
	MaxResponseBytes = 64 << 10
	// MaxReferenceBytes is the longest receipt reference accepted.
	MaxReferenceBytes = 200
	// maxRetryAfter caps a Retry-After the agency asks for.
	maxRetryAfter = 24 * time.Hour
)

// Client delivers end-of-service packages to a pension agency over HTTP, in
// the wire format of the package doc. It implements
// separation.PensionAgency. A Client is safe for concurrent use; create one
// per agency and share it.
type Client struct {
	cfg config
}

var _ separation.PensionAgency = (*Client)(nil)

// New returns a Client for the agency whose API is rooted at baseURL (the
// packages endpoint is baseURL + PathPackages). opts may be nil. It returns
// an error matching ErrInvalidOptions for an unusable base URL or option,
// and makes no network call.
func New(baseURL string, opts *Options) (*Client, error) {
	cfg, err := newConfig(baseURL, opts)
	if err != nil {
		return nil, err
	}
	return &Client{cfg: cfg}, nil
}

// Deliver POSTs p to the agency with p.ID as the Idempotency-Key and
// returns its receipt: a new receipt on 201 Created; Duplicate set on 200
// OK, or on 409 Conflict whose body carries the receipt (the agency had
// the package already, from an earlier attempt whose answer was lost).
// Calling it again with the same package is always safe. p.ID must be
// printable ASCII of at most 255 bytes, without surrounding spaces (it is
// sent as a header); otherwise Deliver sends nothing and returns
// ErrRejected.
//
// Every error wraps an *Error (errors.As) and matches one of
// ErrUnavailable, ErrUnexpectedResponse (both temporary), ErrRejected or
// ErrMisconfigured (both permanent); see the package doc. A call is
// bounded by Options.Timeout and by ctx: when either ends it first the
// error matches context.DeadlineExceeded or context.Canceled.
func (c *Client) Deliver(ctx context.Context, p separation.Package) (separation.Receipt, error) {
	if p.ID == "" || !validHeaderValue(p.ID) {
		return separation.Receipt{}, ErrRejected.Wrap(&Error{Code: CodeInvalidPackage,
			Message: "the package has no ID, or an ID that cannot be sent as the Idempotency-Key"})
	}
	body, err := json.Marshal(p)
	if err != nil {
		return separation.Receipt{}, ErrRejected.Wrap(&Error{Code: CodeInvalidPackage,
			Message: "the package does not encode", Err: opaque(err)})
	}

	ctx, cancel := context.WithTimeout(ctx, c.cfg.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.endpoint, bytes.NewReader(body))
	if err != nil {
		return separation.Receipt{}, ErrInvalidOptions.Wrap(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, application/problem+json")
	req.Header.Set(HeaderIdempotencyKey, p.ID)
	req.Header.Set("User-Agent", c.cfg.userAgent)
	if c.cfg.token != nil {
		req.Header.Set("Authorization", "Bearer "+string(*c.cfg.token))
	}
	if c.cfg.authorize != nil {
		if err := c.cfg.authorize(req); err != nil {
			return separation.Receipt{}, ErrUnavailable.Wrap(&Error{Code: CodeAuthorize,
				Message: "Options.Authorize failed", Err: opaque(err), temporary: true})
		}
	}

	resp, err := c.cfg.hc.Do(req)
	if err != nil {
		return separation.Receipt{}, transportError(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	if err != nil {
		return separation.Receipt{}, transportError(err)
	}
	return decodeResponse(resp.StatusCode, resp.Header, data, p.ID)
}

// wireReceipt is the body of a 200 or 201 answer, and the "receipt" member
// of a 409 problem.
type wireReceipt struct {
	PackageID  string    `json:"package_id"`
	Reference  string    `json:"reference"`
	ReceivedAt time.Time `json:"received_at"`
}

// problem is an error answer: RFC 9457 members and this format's own.
type problem struct {
	Type    string       `json:"type"`
	Title   string       `json:"title"`
	Status  int          `json:"status"`
	Detail  string       `json:"detail"`
	Code    string       `json:"code"`
	Errors  []FieldError `json:"errors"`
	Receipt *wireReceipt `json:"receipt"`
}

// decodeResponse turns the agency's answer to the delivery of package id
// into a receipt or an error. It is the parser of untrusted input (fuzzed).
func decodeResponse(status int, h http.Header, body []byte, id string) (separation.Receipt, error) {
	if status == http.StatusCreated || status == http.StatusOK {
		if len(body) > MaxResponseBytes {
			return separation.Receipt{}, malformed(status, "the receipt is too large", nil)
		}
		var w wireReceipt
		if err := json.Unmarshal(body, &w); err != nil {
			return separation.Receipt{}, malformed(status, "the receipt is not valid JSON", err)
		}
		r, err := w.receipt(id)
		if err != nil {
			return separation.Receipt{}, malformed(status, err.Error(), nil)
		}
		r.Duplicate = status == http.StatusOK
		return r, nil
	}

	var pb problem
	if len(body) <= MaxResponseBytes {
		_ = json.Unmarshal(body, &pb) // best effort: gateways answer with HTML
	}
	if status == http.StatusConflict && pb.Receipt != nil {
		r, err := pb.Receipt.receipt(id)
		if err != nil {
			return separation.Receipt{}, malformed(status, err.Error(), nil)
		}
		r.Duplicate = true
		return r, nil
	}

	e := &Error{
		Status:     status,
		Code:       truncate(cleanText(pb.Code), 60),
		Message:    truncate(cleanText(firstNonEmpty(pb.Detail, pb.Title)), 200),
		Fields:     cleanFields(pb.Errors),
		RetryAfter: retryAfter(h),
	}
	if e.Code == "" {
		e.Code = strings.ReplaceAll(strings.ToLower(http.StatusText(status)), " ", "_")
		if e.Code == "" {
			e.Code = "http_" + strconv.Itoa(status)
		}
	}
	if status >= 300 && status <= 399 {
		e.Code, e.Message = CodeRedirect, truncate(cleanText("redirect to "+h.Get("Location")), 200)
	}
	kind, temporary := classify(status)
	e.temporary = temporary
	return separation.Receipt{}, kind.Wrap(e)
}

// classify maps an HTTP status other than a receipt's to the sentinel its
// error matches, and whether it is temporary.
func classify(status int) (*fault.Error, bool) {
	switch {
	case status >= 300 && status <= 399:
		return ErrMisconfigured, false
	case status == 401 || status == 403:
		return errCredentials, false
	case status == 404 || status == 405:
		return ErrMisconfigured, false
	case status == 408 || status == 504:
		return errTimeout, true
	case status == 409 || status == 429 || (status >= 500 && status <= 599):
		return ErrUnavailable, true
	case status >= 400 && status <= 499:
		return ErrRejected, false
	}
	return ErrUnexpectedResponse, true // 1xx, other 2xx, nonsense
}

// receipt validates w as the receipt of package id.
func (w *wireReceipt) receipt(id string) (separation.Receipt, error) {
	switch {
	case w.PackageID != id:
		return separation.Receipt{}, errors.New("the receipt names another package")
	case w.Reference == "" || len(w.Reference) > MaxReferenceBytes || cleanText(w.Reference) != w.Reference:
		return separation.Receipt{}, errors.New("the receipt has no valid reference")
	case w.ReceivedAt.IsZero():
		return separation.Receipt{}, errors.New("the receipt has no received_at")
	}
	return separation.Receipt{Reference: w.Reference, ReceivedAt: w.ReceivedAt.UTC()}, nil
}

func malformed(status int, msg string, err error) error {
	return ErrUnexpectedResponse.Wrap(&Error{Status: status, Code: CodeMalformedResponse,
		Message: msg, Err: err, temporary: true})
}

// transportError maps a failure to send or read: all are temporary.
func transportError(err error) error {
	e := &Error{Err: opaque(err), temporary: true, Message: truncate(err.Error(), 200)}
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		e.Code = CodeCanceled
		return ErrUnavailable.Wrap(e)
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		e.Code = CodeTimeout
		return errTimeout.Wrap(e)
	}
	e.Code = CodeUnreachable
	return ErrUnavailable.Wrap(e)
}

// retryAfter reads Retry-After: delay-seconds, or an HTTP-date measured
// from the answer's Date (or now). It is capped at 24 h; 0 if absent or
// unreadable.
func retryAfter(h http.Header) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	var d time.Duration
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		now := time.Now()
		if date, err := http.ParseTime(h.Get("Date")); err == nil {
			now = date
		}
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}

// cleanText drops control characters and invalid UTF-8, so the agency's
// text is safe in logs and outbox records.
func cleanText(s string) string {
	ok := utf8.ValidString(s)
	for _, r := range s {
		if unicode.IsControl(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

func cleanFields(fs []FieldError) []FieldError {
	if len(fs) == 0 {
		return nil
	}
	if len(fs) > 20 {
		fs = fs[:20]
	}
	out := make([]FieldError, len(fs))
	for i, f := range fs {
		out[i] = FieldError{Field: truncate(cleanText(f.Field), 60), Reason: truncate(cleanText(f.Reason), 60)}
	}
	return out
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// validHeaderValue reports whether s can be sent as a header value as is.
func validHeaderValue(s string) bool {
	if len(s) > 255 || strings.TrimSpace(s) != s {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			return false
		}
	}
	return true
}
