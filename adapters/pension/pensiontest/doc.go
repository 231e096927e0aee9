// Package pensiontest provides a fake pension agency for tests: an
// httptest server that speaks the wire format of adapters/pension (POST
// /v1/packages with an Idempotency-Key) and behaves as an agency that
// deduplicates would.
//
// What it does:
//
//   - stores each package once, under its Idempotency-Key (which must equal
//     the body's "id"), and answers 201 Created with a receipt the first
//     time and 200 OK with the same receipt after (or 409 Conflict with the
//     receipt in the problem, with Options.DuplicateStatus 409); a
//     different package under a key already used gets 422
//     idempotency_key_reused;
//   - validates the request: POST only (405), the path (404), the bearer
//     token if Options.Token is set (401), application/json (415), at most
//     MaxBodyBytes (413), a JSON object (400 malformed_request), the
//     Idempotency-Key header (400), and the required fields id,
//     national_id (a valid identity number), last_day (a valid Hijri date)
//     and cause (one of separation.Causes) (422 invalid_package, with the
//     fields in "errors"); every error body is application/problem+json;
//   - injects faults, queued in the order injected: FailNext (answer a
//     status), TimeoutNext (hang until the client gives up, storing
//     nothing), AnswerTwice (store, then drop the connection: the answer is
//     lost and the retry is a duplicate), DuplicateAfterStore (store, then
//     answer 500); Down and Up take the whole agency down (connections
//     refused, or a status with Options.DownStatus) and back on the same URL;
//   - reports what it holds: Packages (each once), Receipt, Received (the
//     requests per ID, whatever their answer) and Requests.
//
// Receipt references are "PPA-" and a sequence number ("PPA-00000001"), so
// examples and tests can print them.
//
// A Server is safe for concurrent use.
package pensiontest
