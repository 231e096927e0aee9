package httpapi

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/masarhr/masar-go/fault"
)

// Rate is a token bucket: Burst requests at once, then one every Every.
type Rate struct {
	// Every is the time to earn one request back.
	Every time.Duration `json:"every"`
	// Burst is how many requests may come at once.
	Burst int `json:"burst"`
}

// Limits are the API's abuse limits. The defaults are [INF]: no published
// Masar figure; tune them to the host's traffic.
type Limits struct {
	// MaxJSONBody caps a JSON request body; default 64 KiB.
	MaxJSONBody int64 `json:"max_json_body"`
	// MaxDocument caps an uploaded document's body; default 10 MiB (the
	// documents adapter checks its own, by content).
	MaxDocument int64 `json:"max_document"`
	// PerClient limits each client address on each public endpoint
	// (OTP send and verify, registration, sign-in start); default 10 at
	// once, then one every 6 s.
	PerClient Rate `json:"per_client"`
	// PerIdentity limits each identity (national ID, registration) on each
	// public endpoint; default 5 at once, then one every 12 s.
	PerIdentity Rate `json:"per_identity"`
	// TrustForwardedFor takes the client address from the last
	// X-Forwarded-For entry, for an API behind a reverse proxy that sets
	// it. Default false: the connection's address.
	TrustForwardedFor bool `json:"trust_forwarded_for"`
}

func (l Limits) withDefaults() Limits {
	if l.MaxJSONBody <= 0 {
		l.MaxJSONBody = 64 << 10
	}
	if l.MaxDocument <= 0 {
		l.MaxDocument = 10 << 20
	}
	if l.PerClient.Every <= 0 || l.PerClient.Burst <= 0 {
		l.PerClient = Rate{Every: 6 * time.Second, Burst: 10}
	}
	if l.PerIdentity.Every <= 0 || l.PerIdentity.Burst <= 0 {
		l.PerIdentity = Rate{Every: 12 * time.Second, Burst: 5}
	}
	return l
}

// limitClass names a public endpoint's buckets.
type limitClass string

// The limited endpoints.
const (
	limitRegister limitClass = "register"
	limitOTPSend  limitClass = "otp_send"
	limitOTPCheck limitClass = "otp_verify"
	limitSignIn   limitClass = "sign_in"
)

// errRateLimited refuses a request over a limit: 429 with Retry-After.
var errRateLimited = fault.New(fault.Unavailable, "http.rate_limited",
	"too many requests; wait and try again", "طلبات كثيرة، انتظر ثم حاول مرة أخرى")

// limiters holds the token buckets, by class and key.
type limiters struct {
	limits Limits
	now    func() time.Time
	mu     sync.Mutex
	bucket map[string]*rate.Limiter
	calls  int
}

func newLimiters(l Limits, now func() time.Time) *limiters {
	return &limiters{limits: l, now: now, bucket: map[string]*rate.Limiter{}}
}

// allow takes one request from the client's bucket of class.
func (l *limiters) allow(class limitClass, client string) error {
	return l.take(string(class)+"|c|"+client, l.limits.PerClient)
}

// allowIdentity takes one request from the identity's bucket of class.
func (l *limiters) allowIdentity(class limitClass, identity string) error {
	return l.take(string(class)+"|i|"+identity, l.limits.PerIdentity)
}

func (l *limiters) take(key string, r Rate) error {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls++
	if l.calls%1024 == 0 {
		l.sweep(now)
	}
	b, ok := l.bucket[key]
	if !ok {
		b = rate.NewLimiter(rate.Every(r.Every), r.Burst)
		l.bucket[key] = b
	}
	res := b.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return &httpError{status: http.StatusTooManyRequests, err: errRateLimited, retry: d}
	}
	return nil
}

// sweep forgets the buckets that are full again: they limit nothing.
func (l *limiters) sweep(now time.Time) {
	for k, b := range l.bucket {
		if b.TokensAt(now) >= float64(b.Burst()) {
			delete(l.bucket, k)
		}
	}
}

// clientKey is the client's address for per-client limits.
func (a *API) clientKey(r *http.Request) string {
	if a.cfg.Limits.TrustForwardedFor {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if ip := strings.TrimSpace(last); ip != "" {
				return ip
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
