package pension

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultTimeout bounds each delivery unless Options.Timeout says otherwise.
const DefaultTimeout = 10 * time.Second

// DefaultUserAgent is sent unless Options.UserAgent says otherwise.
const DefaultUserAgent = "masar-go-pension/1"

// Options configure a Client; nil or zero fields mean the defaults.
//
// Options may hold a secret (Token): String and GoString redact it, but do
// not marshal Options to JSON or copy Token into logs.
type Options struct {
	// HTTPClient sends the requests (default: a client with no timeout of
	// its own; Timeout bounds each call). Redirects are never followed,
	// whichever client is given, so credentials go only to the base URL.
	HTTPClient *http.Client
	// Timeout bounds each delivery, including reading the answer (default
	// 10 s). The caller's context may end it sooner.
	Timeout time.Duration
	// Token, if set, is sent as "Authorization: Bearer <Token>".
	Token string
	// Authorize, if set, is called on every request after the client's own
	// headers are set and may add or replace any of them (an OAuth token
	// from a token source, a signature, an API-key header). An error stops
	// the delivery with a temporary error of code CodeAuthorize.
	Authorize func(*http.Request) error
	// UserAgent is the User-Agent header (default DefaultUserAgent).
	UserAgent string
}

// String describes o with Token redacted.
func (o Options) String() string {
	tok := `""`
	if o.Token != "" {
		tok = "[REDACTED]"
	}
	return fmt.Sprintf("pension.Options{Timeout:%v Token:%s Authorize:%t UserAgent:%q}",
		o.Timeout, tok, o.Authorize != nil, o.UserAgent)
}

// GoString is String, so %#v does not print Token either.
func (o Options) GoString() string { return o.String() }

// secret holds the bearer token so that printing a Client never shows it.
type secret string

// String redacts the secret.
func (secret) String() string { return "[REDACTED]" }

// GoString redacts the secret.
func (secret) GoString() string { return "[REDACTED]" }

// config is the base URL and Options validated, with defaults applied.
type config struct {
	endpoint  string // {base}/v1/packages
	hc        *http.Client
	timeout   time.Duration
	token     *secret // a pointer, so that printing a Client shows an address
	authorize func(*http.Request) error
	userAgent string
}

func newConfig(baseURL string, o *Options) (config, error) {
	if o == nil {
		o = &Options{}
	}
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return config{}, ErrInvalidOptions.Wrap(errors.New("pension: the base URL must be an absolute http(s) URL without credentials, query or fragment, e.g. https://pension.example/api"))
	}
	if !headerText(o.Token) || !headerText(o.UserAgent) {
		return config{}, ErrInvalidOptions.Wrap(errors.New("pension: Token and UserAgent may not contain control characters"))
	}
	c := config{
		endpoint:  strings.TrimRight(baseURL, "/") + PathPackages,
		timeout:   o.Timeout,
		authorize: o.Authorize,
		userAgent: o.UserAgent,
	}
	if o.Token != "" {
		t := secret(o.Token)
		c.token = &t
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	hc := &http.Client{}
	if o.HTTPClient != nil {
		*hc = *o.HTTPClient
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.hc = hc
	return c, nil
}

// headerText reports whether s has no control characters (tab aside), as a
// header value must not.
func headerText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}
