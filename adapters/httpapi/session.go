package httpapi

import (
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
)

// errNoSession refuses a signed-in route without a session.
var errNoSession = newHTTPError(http.StatusUnauthorized, fault.Unauthenticated, "session.missing",
	"sign in first", "سجل الدخول أولاً")

// errDirectory is the refusal when the directory cannot say who the person is.
var errDirectory = fault.New(fault.Unavailable, "directory.unavailable",
	"your roles could not be read; try again later", "تعذرت قراءة صلاحياتك، حاول لاحقاً")

// sessionToken returns the request's session token: the Authorization
// bearer token, else the session cookie. fromCookie says which.
func (a *API) sessionToken(r *http.Request) (token string, fromCookie bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		if t, ok := strings.CutPrefix(h, "Bearer "); ok {
			return strings.TrimSpace(t), false
		}
		return "", false
	}
	if c, err := r.Cookie(a.cfg.Cookie.Name); err == nil {
		return c.Value, true
	}
	return "", false
}

// authenticate establishes the session and the actor of r. A
// cookie-authenticated request that changes something must come from the
// API's own origin (cross-site request forgery).
func (a *API) authenticate(r *http.Request) (identity.Session, masar.Actor, error) {
	token, fromCookie := a.sessionToken(r)
	if token == "" {
		return identity.Session{}, masar.Actor{}, errNoSession
	}
	if fromCookie {
		if err := a.csrf.Check(r); err != nil {
			return identity.Session{}, masar.Actor{}, errCrossOrigin
		}
	}
	s, ok := a.sessions.get(token)
	if !ok {
		var err error
		if s, err = a.cfg.Sessions.Authenticate(r.Context(), token); err != nil {
			return identity.Session{}, masar.Actor{}, err
		}
		a.sessions.put(token, s)
	}
	actor, err := a.cfg.Directory.Actor(r.Context(), s)
	if err != nil {
		switch fault.CodeOf(err) {
		case fault.Unauthenticated, fault.PermissionDenied:
			return identity.Session{}, masar.Actor{}, err
		}
		return identity.Session{}, masar.Actor{}, errDirectory.Wrap(err)
	}
	// The person is who the session proved, whatever the directory says.
	actor.NationalID = s.NationalID
	return s, actor, nil
}

// sessionCookie is the cookie carrying token: a browser-session cookie,
// the session's own expiry being checked on every request.
func (a *API) sessionCookie(token string) *http.Cookie {
	return &http.Cookie{
		Name: a.cfg.Cookie.Name, Value: token, Path: a.cfg.Cookie.Path,
		HttpOnly: true, Secure: !a.cfg.Cookie.Insecure, SameSite: http.SameSiteLaxMode,
	}
}

// clearCookie removes the session cookie.
func (a *API) clearCookie() *http.Cookie {
	return &http.Cookie{Name: a.cfg.Cookie.Name, Value: "", Path: a.cfg.Cookie.Path, MaxAge: -1,
		HttpOnly: true, Secure: !a.cfg.Cookie.Insecure, SameSite: http.SameSiteLaxMode}
}

// sessionCache keeps verified sessions for a short while, by token.
type sessionCache struct {
	ttl time.Duration
	now func() time.Time
	mu  sync.Mutex
	m   map[string]cachedSession
}

type cachedSession struct {
	s     identity.Session
	until time.Time
}

// maxCachedSessions bounds the cache: past it, it starts over.
const maxCachedSessions = 1 << 16

func newSessionCache(ttl time.Duration, now func() time.Time) *sessionCache {
	return &sessionCache{ttl: ttl, now: now, m: map[string]cachedSession{}}
}

// get returns the session of token if it was verified less than the TTL
// ago and has not expired since.
func (c *sessionCache) get(token string) (identity.Session, bool) {
	if c.ttl <= 0 {
		return identity.Session{}, false
	}
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[token]
	if !ok || !now.Before(e.until) || (!e.s.ExpiresAt.IsZero() && !now.Before(e.s.ExpiresAt)) {
		delete(c.m, token)
		return identity.Session{}, false
	}
	return e.s, true
}

func (c *sessionCache) put(token string, s identity.Session) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedSessions {
		clear(c.m)
	}
	c.m[token] = cachedSession{s: s, until: c.now().Add(c.ttl)}
}

// forget drops token: it was signed out.
func (c *sessionCache) forget(token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, token)
}
