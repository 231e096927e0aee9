package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/masarhr/masar-go/idempotency"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/txn"
)

// Directory is the host's port that says who a signed-in person acts as:
// their roles, the agency they act for and the Masar services their agency
// has given them a permission on. HR roles come from the agency's own
// directory, never from the person. httpapitest.Directory is a fake.
type Directory interface {
	// Actor returns the actor the person of s acts as. An error coded
	// unauthenticated or permission_denied refuses the request with it;
	// any other error is reported as unavailable.
	Actor(ctx context.Context, s identity.Session) (masar.Actor, error)
}

// Sessions verifies session tokens. *masar.Client is the implementation
// hosts use; tests may give another.
type Sessions interface {
	// Authenticate returns the live session a token names, or an error
	// coded unauthenticated.
	Authenticate(ctx context.Context, token string) (identity.Session, error)
}

// Config configures an API. Client and Directory are required.
type Config struct {
	// Client is the facade every handler calls.
	Client *masar.Client
	// Sessions verifies session tokens; default Client.
	Sessions Sessions
	// SessionCache is how long a verified session is trusted without
	// asking Sessions again: default DefaultSessionCache; negative for
	// never. Signing out through this API forgets the session at once; a
	// session revoked elsewhere (another instance, the host) still works
	// here for at most SessionCache, and an expired one never does.
	SessionCache time.Duration
	// Directory says who a signed-in person acts as.
	Directory Directory
	// Idempotency keeps the answers of creating calls sent with an
	// Idempotency-Key header, and Tx runs each such call and the keeping of
	// its answer in one transaction: both must be the stores' own (memstore
	// or sqlstore, and masar.Stores.Tx). Without them such a call is
	// refused with 501.
	Idempotency idempotency.Store
	// Tx is the stores' transactor (masar.Stores.Tx).
	Tx txn.Transactor
	// IdempotencyTTL is how long an answer is replayed; default
	// idempotency.DefaultTTL.
	IdempotencyTTL time.Duration
	// Documents stores supporting documents (adapters/documents); without
	// it uploads and downloads answer 503 and document metadata is taken
	// as the caller gives it.
	Documents Documents
	// Ready reports whether the stores are reachable, for /readyz; nil
	// means always ready.
	Ready func(ctx context.Context) error
	// Logger receives one structured line per request, national IDs
	// masked. Default slog.Default().
	Logger *slog.Logger
	// Registerer receives the API's Prometheus metrics; default a new
	// registry, served by Metrics.
	Registerer prometheus.Registerer
	// Limits are the abuse limits; zero fields mean their defaults.
	Limits Limits
	// Cookie configures the session cookie.
	Cookie CookieOptions
	// TrustedOrigins are origins (scheme://host[:port]) allowed to make
	// cross-origin cookie-authenticated writes; by default none.
	TrustedOrigins []string
	// Now returns the current instant; default time.Now.
	Now func() time.Time
}

// CookieOptions configures the session cookie.
type CookieOptions struct {
	// Name of the cookie; default "masar_session".
	Name string
	// Insecure drops the Secure attribute, for plain-HTTP development
	// servers on loopback only. Default false: the cookie is Secure.
	Insecure bool
	// Path of the cookie; default "/".
	Path string
}

// API is the HTTP API over a masar.Client: an http.Handler with the routes
// of its OpenAPI document.
type API struct {
	cfg      Config
	mux      *http.ServeMux
	handler  http.Handler
	metrics  *metrics
	gatherer prometheus.Gatherer
	limiter  *limiters
	csrf     *http.CrossOriginProtection
	log      *slog.Logger
	now      func() time.Time
	routes   []route
	keys     *idempotency.Service
	sessions *sessionCache
}

// DefaultSessionCache is Config.SessionCache's default: 2 seconds ([INF]:
// a revocation reaches every instance within it, and a busy client's
// requests do not each cost a store read).
const DefaultSessionCache = 2 * time.Second

// ErrConfig is returned by New for a missing Client or Directory.
var ErrConfig = errors.New("httpapi: Config.Client and Config.Directory are required")

// New returns the API for cfg.
func New(cfg Config) (*API, error) {
	if cfg.Client == nil || cfg.Directory == nil {
		return nil, ErrConfig
	}
	if _, err := Spec(); err != nil {
		return nil, err
	}
	if cfg.Sessions == nil {
		cfg.Sessions = cfg.Client
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Cookie.Name == "" {
		cfg.Cookie.Name = "masar_session"
	}
	if cfg.Cookie.Path == "" {
		cfg.Cookie.Path = "/"
	}
	cfg.Limits = cfg.Limits.withDefaults()
	a := &API{cfg: cfg, mux: http.NewServeMux(), log: cfg.Logger, now: cfg.Now}
	reg := cfg.Registerer
	if reg == nil {
		r := prometheus.NewRegistry()
		reg, a.gatherer = r, r
	} else if g, ok := reg.(prometheus.Gatherer); ok {
		a.gatherer = g
	}
	m, err := newMetrics(reg)
	if err != nil {
		return nil, err
	}
	a.metrics = m
	a.limiter = newLimiters(cfg.Limits, cfg.Now)
	a.csrf = http.NewCrossOriginProtection()
	for _, o := range cfg.TrustedOrigins {
		if err := a.csrf.AddTrustedOrigin(o); err != nil {
			return nil, err
		}
	}
	a.csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.problem(w, r, errCrossOrigin)
	}))
	if cfg.SessionCache == 0 {
		cfg.SessionCache = DefaultSessionCache
	}
	a.sessions = newSessionCache(cfg.SessionCache, cfg.Now)
	if cfg.Idempotency != nil {
		a.keys = idempotency.New(cfg.Idempotency, &idempotency.Options{Now: cfg.Now, TTL: cfg.IdempotencyTTL})
	}
	a.routes = a.table()
	for _, rt := range a.routes {
		a.mux.Handle(rt.method+" "+rt.path, a.wrap(rt))
	}
	a.mux.HandleFunc("GET /openapi.json", a.serveSpec)
	a.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	a.mux.HandleFunc("GET /readyz", a.ready)
	a.mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.problem(w, r, errNoRoute)
	}))
	a.handler = a.observe(a.mux)
	return a, nil
}

// ServeHTTP serves the API.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.handler.ServeHTTP(w, r) }

// Metrics returns the handler of the API's Prometheus metrics, to be served
// on a separate, internal listener.
func (a *API) Metrics() http.Handler {
	if a.gatherer == nil {
		return http.NotFoundHandler()
	}
	return promhttpHandler(a.gatherer)
}

// ready answers /readyz.
func (a *API) ready(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Ready != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := a.cfg.Ready(ctx); err != nil {
			a.log.LogAttrs(r.Context(), slog.LevelWarn, "readyz", slog.String("error", err.Error()))
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// Server returns an http.Server for h on addr with the API's timeouts set:
// slow clients cannot hold connections open.
func Server(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}
