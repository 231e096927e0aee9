package pension

import (
	"errors"
	"net/http"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/masarhr/masar-go/fault"
)

// FuzzDecodeReceipt feeds arbitrary answers (status, Retry-After, body) to
// the decoder of the agency's responses, an untrusted input. No input may
// panic; a receipt is accepted only from 200, 201 or 409 and only when
// valid; every error carries a clean *Error with the temporariness its
// status implies.
func FuzzDecodeReceipt(f *testing.F) {
	const id = "case-0001"
	f.Add(201, "", []byte(`{"package_id":"case-0001","reference":"PPA-00000001","received_at":"2025-12-21T08:00:00Z"}`))
	f.Add(200, "", []byte(`{"package_id":"case-0001","reference":"PPA-00000001","received_at":"2025-12-21T11:00:00+03:00"}`))
	f.Add(409, "", []byte(`{"status":409,"code":"already_received","receipt":{"package_id":"case-0001","reference":"R","received_at":"2025-12-21T08:00:00Z"}}`))
	f.Add(422, "", []byte(`{"status":422,"code":"invalid_package","errors":[{"field":"national_id","reason":"required"}]}`))
	f.Add(503, "120", []byte(`<html>down</html>`))
	f.Add(429, "Sun, 21 Dec 2025 08:00:00 GMT", []byte(`{"code":"slow_down","detail":"\u0007bell"}`))
	f.Add(201, "", []byte(`{"package_id":"case-0001","reference":"\u0000","received_at":"2025-12-21T08:00:00Z"}`))
	f.Add(302, "", []byte(``))

	f.Fuzz(func(t *testing.T, status int, retry string, body []byte) {
		h := http.Header{}
		if retry != "" {
			h.Set("Retry-After", retry)
		}
		r, err := decodeResponse(status, h, body, id)
		if err == nil {
			if status != 200 && status != 201 && status != 409 {
				t.Fatalf("a receipt from HTTP %d", status)
			}
			if r.Reference == "" || len(r.Reference) > MaxReferenceBytes || cleanText(r.Reference) != r.Reference {
				t.Fatalf("reference %q", r.Reference)
			}
			if r.ReceivedAt.IsZero() || r.ReceivedAt.Location() != time.UTC {
				t.Fatalf("received_at %v", r.ReceivedAt)
			}
			if r.Duplicate != (status != 201) {
				t.Fatalf("HTTP %d: duplicate %v", status, r.Duplicate)
			}
			return
		}
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("no *Error in %v", err)
		}
		if c := fault.CodeOf(err); c != fault.Unavailable && c != fault.Invalid && c != fault.Internal {
			t.Fatalf("code %q", c)
		}
		if pe.Status != status {
			t.Fatalf("status %d, want %d", pe.Status, status)
		}
		if status >= 500 && status <= 599 && !pe.Temporary() {
			t.Fatalf("HTTP %d is permanent", status)
		}
		if status >= 400 && status <= 499 && status != 408 && status != 409 && status != 429 && pe.Temporary() {
			t.Fatalf("HTTP %d is temporary", status)
		}
		for _, s := range []string{pe.Code, pe.Message, err.Error()} {
			if !utf8.ValidString(s) || cleanText(s) != s {
				t.Fatalf("unclean text %q", s)
			}
		}
		if len(pe.Message) > 200+len("…") || len(pe.Fields) > 20 {
			t.Fatalf("unbounded: %d bytes, %d fields", len(pe.Message), len(pe.Fields))
		}
		if pe.RetryAfter < 0 || pe.RetryAfter > maxRetryAfter {
			t.Fatalf("retry after %v", pe.RetryAfter)
		}
	})
}

func TestRetryAfterHeader(t *testing.T) {
	date := "Sun, 21 Dec 2025 08:00:00 GMT"
	for v, want := range map[string]time.Duration{
		"": 0, "0": 0, "-5": 0, "x": 0, "90": 90 * time.Second, "99999999999": maxRetryAfter,
		"Sun, 21 Dec 2025 08:02:00 GMT": 2 * time.Minute,
		"Sun, 21 Dec 2025 07:00:00 GMT": 0,
		"Mon, 22 Dec 2025 09:00:00 GMT": maxRetryAfter,
	} {
		h := http.Header{"Date": {date}}
		if v != "" {
			h.Set("Retry-After", v)
		}
		if got := retryAfter(h); got != want {
			t.Errorf("Retry-After %q: %v, want %v", v, got, want)
		}
	}
}
