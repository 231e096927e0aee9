// Package nafathtest provides a fake Nafath app-push API for tests: an
// httptest server that behaves like Nafath as far as public client code
// shows (DOMAIN.md §7.3; the official specification is not public).
//
// What it does:
//
//   - checks the APP-ID and APP-KEY headers of every call (403 otherwise),
//     the exact JSON field names, the Content-Type, the query parameters
//     "local" (ar or en) and "requestId" (a UUID, never reused);
//   - answers a request with a transId (a UUID) and a two-digit random
//     number, allows one waiting request per identity (a second gets HTTP
//     400 with code 400-034-050), and lets a request expire after Lifetime
//     (200 s) measured on its own clock, Options.Now;
//   - answers status polls with WAITING, COMPLETED, REJECTED or EXPIRED, and
//     400-034-053 for an unknown transaction (or one polled with another
//     national ID or number);
//   - on Approve, signs a callback token (RS256 JWT, kid in the header, the
//     claims Nafath sends: nin / iqamaNumber / borderNumber, Arabic and
//     English names, nationality, gender, dateOfBirthG, transId, status,
//     aud, iat, exp), posts it to Options.CallbackURL if set, and keeps it
//     for Callback;
//   - serves its public keys at /api/v1/mfa/jwk; RotateKey and
//     RetireOldKeys rotate them;
//   - injects failures (FailNext) and latency (SetLatency), and records
//     every call (Requests) for assertions on its shape.
//
// The controls Approve, Reject and Expire stand in for the person's app.
// A test that drives an application over HTTP finds the transaction to
// answer with ActiveTransaction.
//
// Limits: the person data is made up (identitytest.DefaultProfile) unless
// set; the formats of dateOfBirthG and of error bodies follow public client
// code, not Nafath's documents; codes Nafath may send for other cases (an
// identity with no Nafath account, a malformed request) are not known, and
// the server uses CodeBadRequest for malformed requests; no callback is sent
// on rejection; the web (OIDC-like) flow is not served. Tokens are signed
// with test keys (by default one key per process, shared by every Server not
// given Options.Key): never trust them outside tests.
//
// A Server is safe for concurrent use.
package nafathtest
