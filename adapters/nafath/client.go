package nafath

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/masarhr/masar-go/identity"
)

// API paths under BaseURL (DOMAIN.md §7.3).
const (
	pathRequest = "/api/v1/mfa/request"
	pathStatus  = "/api/v1/mfa/request/status"
	pathJWKS    = "/api/v1/mfa/jwk"
)

// Response size limits: Nafath's answers are small; a larger body is not Nafath.
const (
	maxBody     = 64 << 10
	maxJWKSBody = 1 << 20
)

// Client calls Nafath's app-push API and verifies its callback tokens. It
// implements identity.Authenticator. A Client is safe for concurrent use;
// create one per Nafath environment and share it.
type Client struct {
	cfg  config
	keys keyCache
}

var _ identity.Authenticator = (*Client)(nil)

// New returns a Client for the Nafath environment at opts.BaseURL. It
// returns an error matching ErrInvalidOptions if a required field is
// missing or a field is out of range. It makes no network call; signing keys
// are fetched on the first VerifyCallback (or RefreshKeys).
func New(opts *Options) (*Client, error) {
	cfg, err := opts.config()
	if err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg}
	c.keys.init(c)
	return c, nil
}

type mfaRequest struct {
	NationalID string `json:"nationalId"`
	Service    string `json:"service"`
}

type mfaResponse struct {
	TransID flexString `json:"transId"`
	Random  flexString `json:"random"`
}

type statusRequest struct {
	NationalID string `json:"nationalId"`
	TransID    string `json:"transId"`
	Random     string `json:"random"`
}

type statusResponse struct {
	Status string `json:"status"`
}

// StartSignIn creates an app-push request for id (POST /api/v1/mfa/request
// with the query parameters local and requestId) and returns the number to
// show. ExpiresAt is Now plus Options.RequestLifetime, an estimate.
//
// Errors: identity.ErrSignInActive (400-034-050) if a request for id is
// already waiting in the app; identity.ErrAuthenticatorUnavailable for
// network failures, timeouts, cancellation, 5xx and 429 (reason
// "signin.timeout" for timeouts) and for refused credentials, HTTP 401 or
// 403 (reason "signin.credentials_rejected"); ErrUnexpectedResponse for
// anything else. Nafath's code and reference are in the *APIError cause.
func (c *Client) StartSignIn(ctx context.Context, id identity.NationalID) (identity.Challenge, error) {
	if id.IsZero() {
		return identity.Challenge{}, identity.ErrInvalidNationalID.WithOp("nafath.Client.StartSignIn")
	}
	now := c.cfg.now()
	requestID := c.cfg.newRequestID()
	q := url.Values{"local": {c.cfg.locale}, "requestId": {requestID}}
	var out mfaResponse
	err := c.call(ctx, "request", http.MethodPost, pathRequest+"?"+q.Encode(),
		mfaRequest{NationalID: id.String(), Service: c.cfg.service}, &out, maxBody,
		slog.String("national_id", id.Masked()), slog.String("request_id", requestID))
	if err != nil {
		return identity.Challenge{}, err
	}
	transID, number := string(out.TransID), string(out.Random)
	if transID == "" || !isNumber(number) {
		return identity.Challenge{}, ErrUnexpectedResponse.Wrap(errors.New("nafath request: the response has no transId or no numeric random"))
	}
	if len(number) == 1 {
		number = "0" + number
	}
	return identity.Challenge{
		NationalID: id,
		TransID:    transID,
		RequestID:  requestID,
		Number:     number,
		ExpiresAt:  now.Add(c.cfg.lifetime).UTC(),
	}, nil
}

func isNumber(s string) bool {
	if len(s) == 0 || len(s) > 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// SignInStatus polls a started request (POST /api/v1/mfa/request/status).
// COMPLETED means the person approved in the app; it is not proof of
// identity, which comes only from VerifyCallback.
//
// An expired request may be reported either as the state
// identity.SignInExpired or as an error matching identity.ErrSignInExpired
// (Nafath's 400-034-051); treat both alike. Other errors:
// identity.ErrSignInNotFound (400-034-053) and the errors of StartSignIn.
func (c *Client) SignInStatus(ctx context.Context, ch identity.Challenge) (identity.SignInState, error) {
	if ch.TransID == "" || ch.NationalID.IsZero() {
		return "", identity.ErrSignInNotFound.WithOp("nafath.Client.SignInStatus")
	}
	var out statusResponse
	err := c.call(ctx, "status", http.MethodPost, pathStatus,
		statusRequest{NationalID: ch.NationalID.String(), TransID: ch.TransID, Random: ch.Number}, &out, maxBody,
		slog.String("national_id", ch.NationalID.Masked()), slog.String("trans_id", ch.TransID))
	if err != nil {
		return "", err
	}
	switch strings.ToUpper(strings.TrimSpace(out.Status)) {
	case "WAITING":
		return identity.SignInWaiting, nil
	case "COMPLETED":
		return identity.SignInCompleted, nil
	case "REJECTED":
		return identity.SignInRejected, nil
	case "EXPIRED":
		return identity.SignInExpired, nil
	}
	return "", ErrUnexpectedResponse.Wrap(errors.New("nafath status: unknown status " + truncate(out.Status, 40)))
}

// call sends one request to Nafath and decodes a 2xx JSON answer into out.
// It logs one record per call and maps every failure to a coded error.
func (c *Client) call(ctx context.Context, op, method, path string, in, out any, limit int64, attrs ...slog.Attr) (err error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.timeout)
	defer cancel()

	start := time.Now()
	status := 0
	var apiErr *APIError
	defer func() {
		level := slog.LevelInfo
		if err != nil {
			level = slog.LevelWarn
		}
		if !c.cfg.log.Enabled(ctx, level) {
			return
		}
		a := make([]slog.Attr, 0, len(attrs)+6)
		a = append(a, slog.String("op", op), slog.Int("http_status", status), slog.Duration("duration", time.Since(start)))
		a = append(a, attrs...)
		if errors.As(err, &apiErr) {
			a = append(a, slog.String("code", apiErr.Code), slog.String("reference", apiErr.Reference))
		}
		if err != nil {
			a = append(a, slog.String("error", err.Error()))
		}
		c.cfg.log.LogAttrs(ctx, level, "nafath "+op, a...)
	}()

	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return ErrUnexpectedResponse.Wrap(err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.cfg.base+path, body)
	if err != nil {
		return ErrInvalidOptions.Wrap(err)
	}
	// Set with Nafath's spelling; Go would otherwise send App-Id and App-Key.
	req.Header["APP-ID"] = []string{c.cfg.appID}
	req.Header["APP-KEY"] = []string{string(*c.cfg.appKey)}
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.cfg.forwardedFor != nil {
		if v := c.cfg.forwardedFor(ctx); v != "" {
			req.Header.Set("X-Forwarded-For", v)
		}
	}

	resp, err := c.cfg.hc.Do(req)
	if err != nil {
		return transportError(err)
	}
	defer resp.Body.Close()
	status = resp.StatusCode
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return transportError(err)
	}
	if int64(len(data)) > limit {
		return ErrUnexpectedResponse.Wrap(errors.New("nafath " + op + ": response body too large"))
	}
	if status < 200 || status > 299 {
		return mapError(op, status, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return ErrUnexpectedResponse.Wrap(errors.New("nafath " + op + ": malformed response: " + err.Error()))
	}
	return nil
}

// transportError maps a failure to send or read: timeouts (the per-call
// Timeout, the caller's deadline, the HTTP client's own) and everything else
// (refused connection, DNS, TLS, cancellation) are unavailable. The cause
// stays in the chain, so errors.Is(err, context.Canceled) works.
func transportError(err error) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return errTimeout.Wrap(err)
	}
	return identity.ErrAuthenticatorUnavailable.Wrap(err)
}
