package nafath

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults of Options.
const (
	// DefaultService is the Nafath service name for a sign-in.
	DefaultService = "Login"
	// DefaultLocale is the language of the push message in the Nafath app.
	DefaultLocale = "ar"
	// DefaultTimeout bounds each call to Nafath.
	DefaultTimeout = 10 * time.Second
	// DefaultRequestLifetime is how long Nafath keeps a request open (about
	// 200 s per public client code; not from an official specification).
	DefaultRequestLifetime = 200 * time.Second
	// DefaultJWKSCacheTTL is how long fetched signing keys are trusted before
	// they are fetched again.
	DefaultJWKSCacheTTL = 24 * time.Hour
	// DefaultKeyRefreshInterval is the least time between two fetches of the
	// signing keys.
	DefaultKeyRefreshInterval = 10 * time.Second
	// DefaultClockSkew is the leeway allowed on a token's exp, nbf and iat.
	DefaultClockSkew = 60 * time.Second
)

// Options configure a Client. BaseURL, AppID, AppKey and Audience are
// required; every other zero field means its default.
//
// Options holds a secret (AppKey): its String, GoString and LogValue methods
// redact it, but do not marshal Options to JSON or copy AppKey into logs.
type Options struct {
	// BaseURL is Nafath's environment root, without the "/api/v1/…" path,
	// e.g. "https://nafath.api.elm.sa/stg" (pre-production) or
	// "https://nafath.api.elm.sa" (production). Elm gives the URL with the
	// credentials; DOMAIN.md §7.3 lists the hosts seen in public code.
	BaseURL string
	// AppID is the application ID Elm issued on Rabet for this
	// environment, sent as the APP-ID header.
	AppID string
	// AppKey is the secret key issued with AppID, sent as the APP-KEY
	// header. The client never logs it and never puts it in an error.
	AppKey string
	// Audience is the service-provider name registered on Rabet. A callback
	// token is accepted only if its "aud" claim contains it.
	Audience string
	// Service is the Nafath service requested (default "Login").
	Service string
	// Locale is the language of the push message, "ar" (default) or "en",
	// sent as the query parameter "local".
	Locale string
	// HTTPClient sends the requests (default: a client with no timeout of
	// its own; Timeout bounds each call). The client never follows
	// redirects, whichever HTTPClient is given, so the APP-KEY header is
	// never sent anywhere but BaseURL.
	HTTPClient *http.Client
	// Timeout bounds each call to Nafath, including reading the response
	// (default 10 s). The caller's context may end a call sooner.
	Timeout time.Duration
	// Now is the clock (default time.Now). It dates challenges and checks
	// token times and the key cache.
	Now func() time.Time
	// NewRequestID returns the requestId of a new request (default: a random
	// UUID version 4 from crypto/rand). Nafath expects a UUID unique per request.
	NewRequestID func() string
	// RequestLifetime is the lifetime Challenge.ExpiresAt is computed with
	// (default 200 s). Nafath does not return it; it is an estimate.
	RequestLifetime time.Duration
	// JWKSCacheTTL is how long fetched signing keys are used before they are
	// fetched again (default 24 h).
	JWKSCacheTTL time.Duration
	// KeyRefreshInterval is the least time between two fetches of the
	// signing keys (default 10 s). A token signed with an unknown key ID
	// triggers a fetch, and this bound keeps a flood of forged key IDs from
	// turning into a flood of requests to Nafath.
	KeyRefreshInterval time.Duration
	// ClockSkew is the leeway on a token's exp, nbf and iat (default 60 s).
	ClockSkew time.Duration
	// ForwardedFor, if set, returns the X-Forwarded-For value for a call,
	// typically "<end-user IP>, <server IP>" (public clients say Nafath
	// requires it). It reads the host's own request-scoped data from ctx; an
	// empty result sends no header.
	ForwardedFor func(ctx context.Context) string
	// Logger receives one record per call to Nafath and per key refresh
	// (nil: no logging). Records carry the operation, HTTP status, Nafath's
	// code and reference, the duration and the masked national ID; never the
	// APP-KEY, a token, or a full national ID.
	Logger *slog.Logger
}

// String describes o with AppKey redacted.
func (o Options) String() string {
	return fmt.Sprintf("nafath.Options{BaseURL:%q AppID:%q AppKey:%s Audience:%q Service:%q Locale:%q}",
		o.BaseURL, o.AppID, redact(o.AppKey), o.Audience, o.Service, o.Locale)
}

// GoString is String, so %#v does not print AppKey either.
func (o Options) GoString() string { return o.String() }

// LogValue logs o with AppKey redacted.
func (o Options) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", o.BaseURL),
		slog.String("app_id", o.AppID),
		slog.String("app_key", redact(o.AppKey)),
		slog.String("audience", o.Audience),
	)
}

func redact(s string) string {
	if s == "" {
		return `""`
	}
	return "[REDACTED]"
}

// secret holds the APP-KEY so that printing a Client never shows it: fmt
// prints a nested pointer as an address, and the methods redact it wherever
// it is formatted directly.
type secret string

func newSecret(s string) *secret { return (*secret)(&s) }

// String redacts the secret.
func (secret) String() string { return "[REDACTED]" }

// GoString redacts the secret.
func (secret) GoString() string { return "[REDACTED]" }

// config is Options validated and with defaults applied.
type config struct {
	base         string // without a trailing slash
	appID        string
	appKey       *secret // a pointer, so that printing a Client shows an address
	audience     string
	service      string
	locale       string
	hc           *http.Client
	timeout      time.Duration
	now          func() time.Time
	newRequestID func() string
	lifetime     time.Duration
	cacheTTL     time.Duration
	refreshEvery time.Duration
	skew         time.Duration
	forwardedFor func(context.Context) string
	log          *slog.Logger
}

func (o *Options) config() (config, error) {
	if o == nil {
		return config{}, ErrInvalidOptions.Wrap(errors.New("nafath: Options are required (BaseURL, AppID, AppKey, Audience)"))
	}
	bad := func(msg string) (config, error) {
		return config{}, ErrInvalidOptions.Wrap(errors.New("nafath: " + msg))
	}
	u, err := url.Parse(o.BaseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return bad("BaseURL must be an absolute http(s) URL without query, e.g. https://nafath.api.elm.sa/stg")
	}
	if o.AppID == "" || o.AppKey == "" {
		return bad("AppID and AppKey are required")
	}
	if o.Audience == "" {
		return bad("Audience (the service-provider name registered on Rabet) is required")
	}
	c := config{
		base:         strings.TrimRight(o.BaseURL, "/"),
		appID:        o.AppID,
		appKey:       newSecret(o.AppKey),
		audience:     o.Audience,
		service:      o.Service,
		locale:       o.Locale,
		timeout:      o.Timeout,
		now:          o.Now,
		newRequestID: o.NewRequestID,
		lifetime:     o.RequestLifetime,
		cacheTTL:     o.JWKSCacheTTL,
		refreshEvery: o.KeyRefreshInterval,
		skew:         o.ClockSkew,
		forwardedFor: o.ForwardedFor,
		log:          o.Logger,
	}
	if c.service == "" {
		c.service = DefaultService
	}
	switch c.locale {
	case "":
		c.locale = DefaultLocale
	case "ar", "en":
	default:
		return bad(`Locale must be "ar" or "en"`)
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.newRequestID == nil {
		c.newRequestID = newUUID
	}
	if c.lifetime <= 0 {
		c.lifetime = DefaultRequestLifetime
	}
	if c.cacheTTL <= 0 {
		c.cacheTTL = DefaultJWKSCacheTTL
	}
	if c.refreshEvery <= 0 {
		c.refreshEvery = DefaultKeyRefreshInterval
	}
	if c.skew <= 0 {
		c.skew = DefaultClockSkew
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	// Copy the HTTP client so that redirects are never followed: a redirect
	// would carry the APP-KEY header to whatever host it names.
	hc := &http.Client{}
	if o.HTTPClient != nil {
		*hc = *o.HTTPClient
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.hc = hc
	return c, nil
}

// newUUID returns a random UUID version 4 (RFC 9562) from crypto/rand.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
