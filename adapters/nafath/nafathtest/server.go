package nafathtest

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// Defaults of Options.
const (
	// DefaultAppID and DefaultAppKey are the credentials the server expects
	// unless Options say otherwise.
	DefaultAppID  = "nafathtest-app-id"
	DefaultAppKey = "nafathtest-app-key"
	// DefaultAudience is the "aud" of the tokens the server signs.
	DefaultAudience = "nafathtest-sp"
	// DefaultLifetime is how long a request waits for an answer (about 200 s, as Nafath).
	DefaultLifetime = 200 * time.Second
	// DefaultTokenTTL is the validity of a signed callback token.
	DefaultTokenTTL = 5 * time.Minute
)

// CodeBadRequest is the error code this server answers a malformed request
// with (a missing header, a bad body, a requestId that is not a UUID or was
// used before). It is not one of Nafath's codes: Nafath's own codes for these
// cases are not known publicly.
const CodeBadRequest = "400-000-000"

// Endpoint names one of the API's endpoints.
type Endpoint string

// The endpoints the server serves, relative to its URL.
const (
	EndpointRequest Endpoint = "/api/v1/mfa/request"
	EndpointStatus  Endpoint = "/api/v1/mfa/request/status"
	EndpointJWKS    Endpoint = "/api/v1/mfa/jwk"
)

// State is a transaction's state, spelled as Nafath's status endpoint spells it.
type State string

// The states of a transaction.
const (
	Waiting   State = "WAITING"
	Completed State = "COMPLETED"
	Rejected  State = "REJECTED"
	Expired   State = "EXPIRED"
)

// Errors of the controls (Approve, Reject, Expire).
var (
	// ErrUnknownTransaction: no transaction has that ID.
	ErrUnknownTransaction = errors.New("nafathtest: unknown transaction")
	// ErrNotWaiting: the transaction was already approved, rejected or expired.
	ErrNotWaiting = errors.New("nafathtest: transaction is not waiting")
)

// Options configure a Server; nil or zero fields mean the defaults.
type Options struct {
	// AppID and AppKey are the credentials the server requires in the APP-ID
	// and APP-KEY headers of every call (default DefaultAppID, DefaultAppKey).
	AppID, AppKey string
	// Audience is the "aud" claim of signed tokens (default DefaultAudience).
	Audience string
	// Lifetime is how long a request waits before it expires (default 200 s),
	// measured on Now.
	Lifetime time.Duration
	// TokenTTL is the validity of signed tokens (default 5 min).
	TokenTTL time.Duration
	// Now is the server's clock (default time.Now). Share it with the client
	// under test to move time forward.
	Now func() time.Time
	// ExpiredAsError makes a status poll of an expired transaction answer
	// HTTP 400 with code 400-034-051 instead of {"status":"EXPIRED"}. Public
	// clients handle both; which one Nafath sends when is not documented.
	ExpiredAsError bool
	// CallbackURL, if set, receives a POST of {"token","transId","requestId"}
	// (JSON) when a transaction is approved, as Nafath's callback.
	CallbackURL string
	// CallbackClient posts callbacks (default: a client with a 5 s timeout).
	CallbackClient *http.Client
	// Profiles is the person data returned per identity; an identity not
	// listed gets identitytest.DefaultProfile. SetProfile adds more later.
	Profiles map[identity.NationalID]identitytest.Profile
	// Key is the first signing key. By default every Server in the process
	// starts with the same 2048-bit RSA key, generated once, because key
	// generation is slow (seconds under -race). Set Key, or call RotateKey,
	// for a Server whose tokens must not verify against another's keys.
	Key *rsa.PrivateKey
}

// Transaction is a request the server has received.
type Transaction struct {
	// TransID is the transaction ID the server issued.
	TransID string
	// RequestID is the client's requestId.
	RequestID string
	// NationalID is the identity the request was made for.
	NationalID identity.NationalID
	// Number is the two-digit number the person must pick in the app.
	Number string
	// Service and Locale are the request's "service" and "local".
	Service, Locale string
	// State is the state now (a waiting request past ExpiresAt is Expired).
	State State
	// CreatedAt and ExpiresAt are on the server's clock, in UTC.
	CreatedAt, ExpiresAt time.Time
}

// Request is a call the server received, recorded for assertions on its shape.
type Request struct {
	// Endpoint is the endpoint called.
	Endpoint Endpoint
	// Method is the HTTP method.
	Method string
	// Query is the URL's query.
	Query url.Values
	// Header is the request's header (canonical names, as net/http gives them).
	Header http.Header
	// Body is the raw body.
	Body []byte
}

type signingKey struct {
	kid  string
	priv *rsa.PrivateKey
}

type failure struct {
	status int
	code   string
}

type txn struct {
	Transaction
	callback *identity.Callback
}

// Server is a fake Nafath app-push API on a loopback httptest server. It
// checks the credentials and the shape of every call, issues transactions
// with a two-digit number, allows one waiting request per identity (a second
// gets 400-034-050), expires requests after Lifetime, signs callback tokens
// (RS256, with a kid) on Approve and serves its keys at the JWKS endpoint.
// It is safe for concurrent use.
type Server struct {
	// URL is the server's base URL, to use as nafath.Options.BaseURL.
	URL string

	srv  *httptest.Server
	opts Options
	hc   *http.Client

	mu        sync.Mutex
	keys      []signingKey // the last signs
	txns      map[string]*txn
	requestID map[string]bool
	people    map[identity.NationalID]identitytest.Profile
	fail      map[Endpoint][]failure
	latency   time.Duration
	requests  []Request
	reference int
}

// NewServer starts a Server configured by opts (nil means defaults) and
// closes it when tb's test ends.
func NewServer(tb testing.TB, opts *Options) *Server {
	tb.Helper()
	s := New(opts)
	tb.Cleanup(s.Close)
	return s
}

// New starts a Server configured by opts (nil means defaults), as
// httptest.NewServer does; the caller must Close it. Prefer NewServer in
// tests. New panics if it cannot generate a key or listen.
func New(opts *Options) *Server {
	s := &Server{
		txns:      map[string]*txn{},
		requestID: map[string]bool{},
		people:    map[identity.NationalID]identitytest.Profile{},
		fail:      map[Endpoint][]failure{},
		reference: 100000,
	}
	if opts != nil {
		s.opts = *opts
	}
	o := &s.opts
	if o.AppID == "" {
		o.AppID = DefaultAppID
	}
	if o.AppKey == "" {
		o.AppKey = DefaultAppKey
	}
	if o.Audience == "" {
		o.Audience = DefaultAudience
	}
	if o.Lifetime <= 0 {
		o.Lifetime = DefaultLifetime
	}
	if o.TokenTTL <= 0 {
		o.TokenTTL = DefaultTokenTTL
	}
	s.hc = o.CallbackClient
	if s.hc == nil {
		s.hc = &http.Client{Timeout: 5 * time.Second}
	}
	for id, p := range o.Profiles {
		s.people[id] = p
	}
	key := o.Key
	if key == nil {
		var err error
		if key, err = defaultKey(); err != nil {
			panic("nafathtest: generate key: " + err.Error())
		}
	}
	s.keys = []signingKey{{kid: keyID(key), priv: key}}

	mux := http.NewServeMux()
	mux.HandleFunc(string(EndpointRequest), s.handle(EndpointRequest, http.MethodPost, s.handleRequest))
	mux.HandleFunc(string(EndpointStatus), s.handle(EndpointStatus, http.MethodPost, s.handleStatus))
	mux.HandleFunc(string(EndpointJWKS), s.handle(EndpointJWKS, http.MethodGet, s.handleJWKS))
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "No Mapping Rule matched"})
	})
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL
	return s
}

// Close shuts the server down, waiting for calls in progress (a delayed call
// ends as soon as its client gives up). It is safe to call more than once.
func (s *Server) Close() { s.srv.Close() }

// ClientOptions returns options for a nafath.Client talking to this server:
// its URL, credentials, audience and clock. Adjust the copy as needed.
func (s *Server) ClientOptions() *nafath.Options {
	return &nafath.Options{
		BaseURL:    s.URL,
		AppID:      s.opts.AppID,
		AppKey:     s.opts.AppKey,
		Audience:   s.opts.Audience,
		Now:        s.opts.Now,
		HTTPClient: s.srv.Client(),
	}
}

func (s *Server) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

// ---- controls ----

// Approve answers a waiting transaction as the person approving it in the
// app: its status becomes COMPLETED and the server signs a callback token
// (claims as Nafath sends them: the identity number, names, nationality,
// gender, dateOfBirthG, transId, status, aud, iat, exp) with its current
// key. If Options.CallbackURL is set the callback is posted there before
// Approve returns; its error, if any, is returned with the callback. It
// returns ErrUnknownTransaction or ErrNotWaiting for a transaction it cannot
// approve.
func (s *Server) Approve(transID string) (identity.Callback, error) {
	s.mu.Lock()
	t, err := s.waitingLocked(transID)
	if err != nil {
		s.mu.Unlock()
		return identity.Callback{}, err
	}
	token, err := s.signLocked(s.claimsLocked(t))
	if err != nil {
		s.mu.Unlock()
		return identity.Callback{}, err
	}
	t.State = Completed
	cb := identity.Callback{Token: token, TransID: t.TransID, RequestID: t.RequestID}
	t.callback = &cb
	s.mu.Unlock()

	if s.opts.CallbackURL != "" {
		if err := s.deliver(cb); err != nil {
			return cb, err
		}
	}
	return cb, nil
}

// Reject answers a waiting transaction as the person rejecting it: its
// status becomes REJECTED. No callback is sent.
func (s *Server) Reject(transID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.waitingLocked(transID)
	if err != nil {
		return err
	}
	t.State = Rejected
	return nil
}

// Expire makes a waiting transaction expire now, as if its lifetime had
// passed; a new request for the same identity is then allowed.
func (s *Server) Expire(transID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.waitingLocked(transID)
	if err != nil {
		return err
	}
	t.State = Expired
	return nil
}

// Callback returns the callback signed when transID was approved.
func (s *Server) Callback(transID string) (identity.Callback, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[transID]
	if !ok || t.callback == nil {
		return identity.Callback{}, false
	}
	return *t.callback, true
}

// Transaction returns the transaction transID with its current state.
func (s *Server) Transaction(transID string) (Transaction, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[transID]
	if !ok {
		return Transaction{}, false
	}
	s.refreshLocked(t)
	return t.Transaction, true
}

// ActiveTransaction returns the waiting transaction for id, if any: the way
// for a test that drives an application over HTTP to find what to approve.
func (s *Server) ActiveTransaction(id identity.NationalID) (Transaction, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.activeLocked(id); t != nil {
		return t.Transaction, true
	}
	return Transaction{}, false
}

// SetProfile sets the person data signed into tokens for id.
func (s *Server) SetProfile(id identity.NationalID, p identitytest.Profile) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.people[id] = p
}

// KeyID returns the kid of the current signing key.
func (s *Server) KeyID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keys[len(s.keys)-1].kid
}

// RotateKey generates a new signing key and returns its kid. Tokens are
// signed with it from now on; the JWKS serves it alongside the older keys
// until RetireOldKeys, so tokens already issued still verify.
func (s *Server) RotateKey() (string, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = append(s.keys, signingKey{kid: keyID(key), priv: key})
	return s.keys[len(s.keys)-1].kid, nil
}

// RetireOldKeys drops every key but the current one from the JWKS.
func (s *Server) RetireOldKeys() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = s.keys[len(s.keys)-1:]
}

// SignToken signs claims as a compact RS256 JWT with the current key and its
// kid, as the server signs callbacks. Tests use it to build tokens Nafath
// would never send (a wrong aud, a past exp, another transId) that are still
// correctly signed.
func (s *Server) SignToken(claims map[string]any) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.signLocked(claims)
}

// FailNext makes the next call to e answer with HTTP status and a Nafath
// error body {"code","message","reference"} (no "code" if code is empty).
// Calls queue: each FailNext fails one more call.
func (s *Server) FailNext(e Endpoint, status int, code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail[e] = append(s.fail[e], failure{status: status, code: code})
}

// SetLatency delays every answer by d (0: no delay), to test timeouts. A
// delayed call ends early if its client goes away.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// Requests returns the calls received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		out[i] = r
		out[i].Query = cloneValues(r.Query)
		out[i].Header = r.Header.Clone()
		out[i].Body = bytes.Clone(r.Body)
	}
	return out
}

// RequestCount returns how many calls e has received.
func (s *Server) RequestCount(e Endpoint) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r.Endpoint == e {
			n++
		}
	}
	return n
}

// ---- state ----

// refreshLocked expires a waiting transaction whose lifetime has passed.
func (s *Server) refreshLocked(t *txn) {
	if t.State == Waiting && !s.now().Before(t.ExpiresAt) {
		t.State = Expired
	}
}

func (s *Server) waitingLocked(transID string) (*txn, error) {
	t, ok := s.txns[transID]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownTransaction, transID)
	}
	s.refreshLocked(t)
	if t.State != Waiting {
		return nil, fmt.Errorf("%w: %s is %s", ErrNotWaiting, transID, t.State)
	}
	return t, nil
}

func (s *Server) activeLocked(id identity.NationalID) *txn {
	for _, t := range s.txns {
		if t.NationalID == id {
			s.refreshLocked(t)
			if t.State == Waiting {
				return t
			}
		}
	}
	return nil
}

func (s *Server) profileLocked(id identity.NationalID) identitytest.Profile {
	if p, ok := s.people[id]; ok {
		return p
	}
	return identitytest.DefaultProfile(id)
}

func (s *Server) claimsLocked(t *txn) map[string]any {
	p := s.profileLocked(t.NationalID)
	now := s.now()
	c := map[string]any{
		"transId":           t.TransID,
		"requestId":         t.RequestID,
		"status":            string(Completed),
		"aud":               s.opts.Audience,
		"iat":               now.Unix(),
		"exp":               now.Add(s.opts.TokenTTL).Unix(),
		"firstName":         p.FirstNameAR,
		"fatherName":        p.FatherNameAR,
		"grandFatherName":   p.GrandNameAR,
		"familyName":        p.FamilyNameAR,
		"englishFirstName":  p.FirstNameEN,
		"englishSecondName": p.FatherNameEN,
		"englishThirdName":  p.GrandNameEN,
		"englishLastName":   p.FamilyNameEN,
		"nationality":       p.Nationality,
		"gender":            p.Gender,
	}
	switch t.NationalID.Kind() {
	case identity.Citizen:
		c["nin"] = t.NationalID.String()
	case identity.Resident:
		c["iqamaNumber"] = t.NationalID.String()
	default:
		c["borderNumber"] = t.NationalID.String()
	}
	if !p.DateOfBirth.IsZero() {
		y, m, d := p.DateOfBirth.Gregorian()
		c["dateOfBirthG"] = fmt.Sprintf("%04d-%02d-%02d", y, int(m), d)
	}
	return c
}

func (s *Server) signLocked(claims map[string]any) (string, error) {
	k := s.keys[len(s.keys)-1]
	signer, err := jose.NewSigner(
		jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: k.priv, KeyID: k.kid}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return "", err
	}
	return jwt.Signed(signer).Claims(claims).Serialize()
}

func (s *Server) deliver(cb identity.Callback) error {
	body, err := json.Marshal(nafath.BodyOf(cb))
	if err != nil {
		return err
	}
	resp, err := s.hc.Post(s.opts.CallbackURL, "application/json", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("nafathtest: deliver callback: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("nafathtest: deliver callback: HTTP %d", resp.StatusCode)
	}
	return nil
}

// ---- HTTP ----

type apiError struct {
	status int
	code   string
	msg    string
}

func (s *Server) handle(e Endpoint, method string, h func(*http.Request, []byte) (any, *apiError)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		s.mu.Lock()
		s.requests = append(s.requests, Request{
			Endpoint: e, Method: r.Method, Query: cloneValues(r.URL.Query()), Header: r.Header.Clone(), Body: body,
		})
		latency := s.latency
		var injected *failure
		if q := s.fail[e]; len(q) > 0 {
			injected = &q[0]
			s.fail[e] = q[1:]
		}
		s.mu.Unlock()

		if latency > 0 {
			timer := time.NewTimer(latency)
			select {
			case <-timer.C:
			case <-r.Context().Done():
				timer.Stop()
				return
			}
		}
		if injected != nil {
			s.writeError(w, &apiError{status: injected.status, code: injected.code, msg: "injected failure"})
			return
		}
		if r.Header.Get("APP-ID") != s.opts.AppID || r.Header.Get("APP-KEY") != s.opts.AppKey {
			writeJSON(w, http.StatusForbidden, map[string]any{"message": "Authentication failed"})
			return
		}
		if r.Method != method {
			s.writeError(w, &apiError{status: http.StatusMethodNotAllowed, code: CodeBadRequest, msg: "method not allowed"})
			return
		}
		if method == http.MethodPost && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			s.writeError(w, badRequest("Content-Type must be application/json"))
			return
		}
		out, apiErr := h(r, body)
		if apiErr != nil {
			s.writeError(w, apiErr)
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

func badRequest(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: CodeBadRequest, msg: msg}
}

func (s *Server) writeError(w http.ResponseWriter, e *apiError) {
	s.mu.Lock()
	s.reference++
	ref := s.reference
	s.mu.Unlock()
	body := map[string]any{"message": e.msg, "reference": ref}
	if e.code != "" {
		body["code"] = e.code
	}
	writeJSON(w, e.status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// decodeExact decodes a JSON object whose keys are exactly names (spelled
// exactly, as Nafath's gateway is not known to be lenient) with string values.
func decodeExact(body []byte, names ...string) (map[string]string, *apiError) {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, badRequest("body is not a JSON object")
	}
	if len(m) != len(names) {
		return nil, badRequest("body must have exactly the fields " + strings.Join(names, ", "))
	}
	out := make(map[string]string, len(names))
	for _, n := range names {
		v, ok := m[n].(string)
		if !ok {
			return nil, badRequest("field " + n + " is missing or not a string")
		}
		out[n] = v
	}
	return out, nil
}

func (s *Server) handleRequest(r *http.Request, body []byte) (any, *apiError) {
	q := r.URL.Query()
	locale, requestID := q.Get("local"), q.Get("requestId")
	if locale != "ar" && locale != "en" {
		return nil, badRequest(`query parameter "local" must be ar or en`)
	}
	if !uuidRE.MatchString(requestID) {
		return nil, badRequest(`query parameter "requestId" must be a UUID`)
	}
	in, apiErr := decodeExact(body, "nationalId", "service")
	if apiErr != nil {
		return nil, apiErr
	}
	id, err := identity.ParseNationalID(in["nationalId"])
	if err != nil || id.String() != in["nationalId"] {
		return nil, badRequest("nationalId must be 10 ASCII digits of a valid identity number")
	}
	if in["service"] == "" {
		return nil, badRequest("service is required")
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.requestID[requestID] {
		return nil, badRequest("requestId was already used")
	}
	if s.activeLocked(id) != nil {
		return nil, &apiError{status: http.StatusBadRequest, code: nafath.CodeAlreadyActive, msg: "there is an active transaction for this identity"}
	}
	s.requestID[requestID] = true
	now := s.now()
	t := &txn{Transaction: Transaction{
		TransID:    newUUID(),
		RequestID:  requestID,
		NationalID: id,
		Number:     fmt.Sprintf("%02d", randInt(100)),
		Service:    in["service"],
		Locale:     locale,
		State:      Waiting,
		CreatedAt:  now.UTC(),
		ExpiresAt:  now.Add(s.opts.Lifetime).UTC(),
	}}
	s.txns[t.TransID] = t
	return map[string]string{"transId": t.TransID, "random": t.Number}, nil
}

func (s *Server) handleStatus(_ *http.Request, body []byte) (any, *apiError) {
	in, apiErr := decodeExact(body, "nationalId", "transId", "random")
	if apiErr != nil {
		return nil, apiErr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[in["transId"]]
	if !ok || t.NationalID.String() != in["nationalId"] || t.Number != in["random"] {
		return nil, &apiError{status: http.StatusBadRequest, code: nafath.CodeNotFound, msg: "transaction not found"}
	}
	s.refreshLocked(t)
	if t.State == Expired && s.opts.ExpiredAsError {
		return nil, &apiError{status: http.StatusBadRequest, code: nafath.CodeExpired, msg: "transaction expired"}
	}
	return map[string]string{"status": string(t.State)}, nil
}

func (s *Server) handleJWKS(*http.Request, []byte) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	set := jose.JSONWebKeySet{}
	for _, k := range s.keys {
		set.Keys = append(set.Keys, jose.JSONWebKey{Key: &k.priv.PublicKey, KeyID: k.kid, Algorithm: string(jose.RS256), Use: "sig"})
	}
	return set, nil
}

// defaultKey is the first signing key of Servers not given one, generated
// once per process.
var defaultKey = sync.OnceValues(func() (*rsa.PrivateKey, error) {
	return rsa.GenerateKey(rand.Reader, 2048)
})

// keyID is the key's RFC 7638 thumbprint, base64url, as a kid.
func keyID(k *rsa.PrivateKey) string {
	tp, err := (&jose.JSONWebKey{Key: &k.PublicKey}).Thumbprint(crypto.SHA256)
	if err != nil {
		panic("nafathtest: thumbprint: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(tp)
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func randInt(n int64) int64 {
	v, err := rand.Int(rand.Reader, big.NewInt(n))
	if err != nil {
		panic(err)
	}
	return v.Int64()
}
