// Package nafath implements identity.Authenticator against Nafath (النفاذ
// الوطني), the Saudi national single sign-on run by Elm, with its app-push
// ("MFA") flow:
//
//  1. StartSignIn: POST {BaseURL}/api/v1/mfa/request?local=ar&requestId=<UUID>
//     with {"nationalId","service"}; Nafath answers {"transId","random"} and
//     pushes a request to the person's Nafath app. Show Challenge.Number: the
//     person picks the same number in the app.
//  2. SignInStatus: POST {BaseURL}/api/v1/mfa/request/status with
//     {"nationalId","transId","random"}; Nafath answers WAITING, COMPLETED,
//     REJECTED or EXPIRED (after about 200 s).
//  3. Nafath POSTs {"token","transId","requestId"} to the callback URL
//     registered on Rabet; the host decodes it with DecodeCallback and
//     calls VerifyCallback, which checks the RS256 token against the keys at
//     {BaseURL}/api/v1/mfa/jwk and returns the identity.Claims.
//
// # Sources
//
// Nafath's service-provider specification is not public. This package
// follows public client code (hamada-emam-tech/nafath-php, Shank-001/nafath,
// devman00/sumou; see DOMAIN.md §7.3): the paths, the "local" spelling, the
// header names, the error codes 400-034-050/051/053, the claim names and the
// ~200 s lifetime all come from there. Check them against the document Elm
// gives with your credentials; the things that vary are configurable
// (BaseURL, Service, Locale, Audience, RequestLifetime, ForwardedFor).
//
// # Security
//
// Identity comes only from a verified callback token. A COMPLETED status is
// an unsigned string saying the person approved; it never says who they are.
// VerifyCallback accepts only RS256 (never "none", never HS256 keyed with the
// public key), checks the signature with the key named by "kid", the
// audience, exp/nbf/iat with ClockSkew, that the token's transId is the
// callback's, and that the identity number is valid. The host must also
// check that the transaction is one it started for that national ID, and use
// each callback once.
//
// The APP-KEY is sent only in the APP-KEY header to BaseURL (redirects are
// never followed) and never appears in logs, errors, or the output of %v.
// Logs show national IDs masked.
//
// # Errors
//
// Every error is a coded error matching one of identity's sentinels (or
// ErrUnexpectedResponse, code internal):
//
//	400-034-050                → identity.ErrSignInActive     (failed_precondition)
//	400-034-051                → identity.ErrSignInExpired    (failed_precondition)
//	400-034-053                → identity.ErrSignInNotFound   (not_found)
//	HTTP 401, 403              → identity.ErrAuthenticatorUnavailable, reason signin.credentials_rejected
//	timeouts, HTTP 408, 504    → identity.ErrAuthenticatorUnavailable, reason signin.timeout
//	network, cancellation, 429, 5xx → identity.ErrAuthenticatorUnavailable
//	any other answer           → ErrUnexpectedResponse       (internal)
//	a token failing a check    → identity.ErrInvalidToken     (unauthenticated), reason signin.token_*
//
// Refused credentials are unavailable, not unauthenticated: they are this
// service's credentials, not the person's, and retrying after an operator
// fixes them succeeds. Nafath's code and trace reference are kept in an
// *APIError in the chain, for operators and support tickets.
//
// # Concurrency
//
// A Client is safe for concurrent use. The signing keys are cached for
// JWKSCacheTTL (24 h); verification with a cached key takes no lock. A token
// whose kid is unknown triggers one fetch of the JWKS (concurrent callers
// share it), and fetches happen at most once per KeyRefreshInterval, so a
// flood of forged kids costs Nafath at most one request per interval. A
// fetch is counted when it is sent and runs detached from the caller that
// triggered it (bounded by Options.Timeout): a caller that hangs up gets an
// unavailable error, but the fetch goes on, fills the cache and still
// counts, so callers that hang up cannot drive more fetches. At most one
// fetch is in flight at any time, RefreshKeys included. If a refresh fails,
// the expired keys keep verifying until a later refresh succeeds.
//
// # Time
//
// Each call is bounded by Options.Timeout (10 s) and by its context. Token
// times are checked against Options.Now with Options.ClockSkew.
//
// # Testing
//
// Package nafathtest is a fake Nafath server for tests of this client and of
// any code that signs people in with Nafath.
package nafath
