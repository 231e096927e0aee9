// Package pension implements separation.PensionAgency over HTTP: it hands
// an end-of-service package to the pension agency (the Public Pension
// Agency, now merged into GOSI) and returns the agency's receipt.
// separation.HandoverSink puts it behind the transactional outbox, as the
// sink of outbox.TopicPension (masar.Config.Pension does it), so a package is delivered after the end of service
// commits, retried until the agency has it, and recorded with its receipt.
//
// # Wire format
//
// The real Bayan link's payload and API were not found [NF] (SERVICES.md
// §1.3). The format below is the SDK's own, stable, and spoken by the fake
// agency in package pensiontest; an integration with the real agency puts
// a translating gateway in front of it, or replaces this client.
//
// Request:
//
//	POST {base}/v1/packages
//	Content-Type: application/json
//	Accept: application/json, application/problem+json
//	Idempotency-Key: <package id>
//	Authorization: Bearer <token>        (Options.Token; or Options.Authorize)
//	User-Agent: masar-go-pension/1
//
//	<separation.Package as JSON: snake_case names, Hijri dates "1447-06-30",
//	 decimals as strings, instants RFC 3339>
//
// The Idempotency-Key is the package's ID (the case's ID), and is the
// same on every attempt: the agency stores a package once per key. The
// fields id, national_id, last_day and cause are required.
//
// Answers:
//
//	201 Created   {"package_id","reference","received_at"}   a new receipt
//	200 OK        the same body                               Duplicate: received before
//	409 Conflict  a problem with "receipt": {...}             Duplicate as well
//	other         a problem (RFC 9457, application/problem+json):
//	              {"type","title","status","detail","code","errors":[{"field","reason"}]}
//
// A receipt must name the package delivered (package_id), carry a
// reference (at most 200 bytes, printable) and received_at; otherwise the
// answer is malformed. An answer is read up to 64 KiB.
//
// # Errors
//
// Every error of Deliver wraps an *Error (errors.As), which has the HTTP
// status, the agency's code and message, its field errors, the
// Retry-After delay, and Temporary:
//
//	timeouts (Options.Timeout, ctx), HTTP 408, 504  → ErrUnavailable, reason pension.timeout  temporary
//	refused or broken connections, ctx cancelled    → ErrUnavailable                          temporary
//	HTTP 5xx, 429, 409 without a receipt           → ErrUnavailable                          temporary
//	2xx without a valid receipt, other statuses     → ErrUnexpectedResponse                   temporary
//	HTTP 401, 403                                   → ErrMisconfigured, reason pension.credentials_rejected  permanent
//	HTTP 404, 405, 3xx (never followed)             → ErrMisconfigured                        permanent
//	other 4xx (400, 413, 415, 422, …)               → ErrRejected                             permanent
//	a package without an ID, or that cannot encode  → ErrRejected                             permanent
//	Options.Authorize failing                       → ErrUnavailable                          temporary
//
// A different package sent under an ID the agency already holds is refused
// (the fake answers 422 idempotency_key_reused): a package is immutable once
// delivered.
//
// Temporary and RetryAfter read an error without errors.As. Retry-After is
// read as delay-seconds or an HTTP-date (measured from the answer's Date),
// capped at 24 h.
//
// # Retries and time
//
// The client makes one attempt per Deliver: retries, backoff and
// Retry-After are the caller's (the outbox relay retries every error, with
// its backoff; a host reads Temporary to alert on the permanent ones).
// Each attempt is bounded by Options.Timeout (10 s) and by ctx. Retrying is
// always safe: the key makes a second delivery a duplicate, never a second
// package. net/http may itself resend a request once when a reused
// connection breaks before an answer, which the key makes safe too.
//
// # Security
//
// The token goes only in the Authorization header to the base URL
// (redirects are never followed) and never appears in errors or in the
// output of %v. Errors carry the agency's code and message, cleaned of
// control characters and truncated, never the package's personal data.
//
// # Concurrency
//
// A Client is safe for concurrent use, and holds no state between calls.
package pension
