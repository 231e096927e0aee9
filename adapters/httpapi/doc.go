// Package httpapi is the HTTP API over the masar facade: the reference
// adapter a host mounts to serve portals and programs. It holds no domain
// logic: every endpoint is one or more masar.Client calls, authorized by the
// facade's authorization table and audited by it.
//
// # Contract
//
// openapi.yaml, embedded and served at /openapi.json, is the API's source of
// truth (OpenAPI 3.0.3); the tests validate every request and response
// against it. Paths are resource-oriented (/v1/employees/{national_id}/file,
// /v1/grievances/{tracking_number}, /v1/rounds/{id}/candidates, …), JSON is
// the domain types' snake_case JSON, and Hijri dates are printed as the
// hijri package prints them; a response a person reads carries a
// "gregorian" object with the Gregorian date of each Hijri date, by JSON
// pointer.
//
// # Errors
//
// Every refusal is an RFC 9457 problem (application/problem+json, type
// Problem) carrying the masar.Code, the stable reason, the message in the
// language Accept-Language chooses (Arabic by default) and the field
// violations. The status of each code is StatusOf's (the README's table); an
// internal error never shows its details, which are logged with the
// request's ID for operators.
//
// # Concurrency and retries
//
// A resource's version is its strong ETag; every update requires If-Match
// (428 without it, 412 on a stale version). Creating calls (registration,
// correction requests, grievances, consents, promotion rounds, leave
// requests, end-of-service requests and cases) honour an
// Idempotency-Key header: the key is reserved, the call made and its answer
// kept in one store transaction (Config.Idempotency and Config.Tx), so a
// retry with the same key and body gets the first answer (marked
// Idempotent-Replayed: true) and the call happens once; the same key with
// another body is refused with 422. Keys are scoped to the signed-in person,
// or to the client address before sign-in, and kept Config.IdempotencyTTL;
// hosts delete the expired ones from time to time with
// idempotency.Service.Purge, as they purge sessions with
// masar.Client.PurgeSessions.
//
// # Documents
//
// POST /v1/documents uploads a supporting document to the Documents port
// (adapters/documents over gocloud.dev/blob), which checks its size and
// type by content and records its SHA-256; the metadata it answers is what
// a correction, a grievance or a qualification then cites, and the API
// checks that each cited document was uploaded by the actor and is
// unchanged. A document downloads through the record it belongs to, read
// through the facade (so under the same authorization), verified against
// its digest.
//
// # Paging
//
// Every list takes page_size (1–500, default 50) and page_token and answers
// List: items and next_page_token, absent on the last page. Tokens are
// opaque.
//
// # Sessions
//
// POST /v1/sign-ins starts a Nafath sign-in: it answers the number to show
// and the session token, and sets it as the session cookie (HttpOnly,
// Secure, SameSite=Lax); the token proves nothing until Nafath posts its
// signed callback to POST /v1/sign-ins/callback (decoded by the nafath
// adapter, verified by the facade). Programs send the token as a bearer
// token; DELETE /v1/session signs out. The session gives the person; the host's Directory port says
// who they act as (roles, agency, permitted services). Cookie-authenticated
// writes must come from the API's own origin (http.CrossOriginProtection).
//
// # Abuse limits and operations
//
// The public endpoints (registration, OTP send and verify, sign-in start)
// are rate limited per client address and per identity (Limits; 429 with
// Retry-After). Request bodies are capped, JSON is decoded strictly (an
// unknown field is refused) and Server sets the timeouts. Each request gets
// an X-Request-Id and one structured log line (log/slog) with national IDs
// masked; Metrics serves Prometheus metrics (requests and latency by route
// and status) for a separate listener; /healthz and /readyz report liveness
// and whether the stores are reachable.
package httpapi
