package nafath_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/adapters/nafath/nafathtest"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
)

func TestNewValidatesOptions(t *testing.T) {
	valid := func() *nafath.Options {
		return &nafath.Options{BaseURL: "https://nafath.example/stg", AppID: "id", AppKey: "very-secret-key", Audience: "sp"}
	}
	_, err := nafath.New(valid())
	require.NoError(t, err)

	cases := map[string]func(*nafath.Options){
		"relative URL":   func(o *nafath.Options) { o.BaseURL = "/stg" },
		"bad scheme":     func(o *nafath.Options) { o.BaseURL = "ftp://nafath.example" },
		"query":          func(o *nafath.Options) { o.BaseURL = "https://nafath.example/?x=1" },
		"no AppID":       func(o *nafath.Options) { o.AppID = "" },
		"no AppKey":      func(o *nafath.Options) { o.AppKey = "" },
		"no Audience":    func(o *nafath.Options) { o.Audience = "" },
		"unknown locale": func(o *nafath.Options) { o.Locale = "fr" },
	}
	for name, mod := range cases {
		t.Run(name, func(t *testing.T) {
			o := valid()
			mod(o)
			_, err := nafath.New(o)
			requireFault(t, err, nafath.ErrInvalidOptions, fault.Invalid, "nafath.invalid_options")
			assert.NotContains(t, err.Error(), "very-secret-key")
		})
	}
	_, err = nafath.New(nil)
	requireFault(t, err, nafath.ErrInvalidOptions, fault.Invalid, "")
}

func TestSignInStatuses(t *testing.T) {
	e := setup(t, nil, nil)
	ctx := context.Background()

	t.Run("waiting then completed", func(t *testing.T) {
		ch := e.start()
		assert.Regexp(t, `^\d\d$`, ch.Number)
		assert.NotEmpty(t, ch.TransID)
		assert.Equal(t, e.clock.Now().Add(nafath.DefaultRequestLifetime), ch.ExpiresAt)
		st, err := e.client.SignInStatus(ctx, ch)
		require.NoError(t, err)
		assert.Equal(t, identity.SignInWaiting, st)

		_, err = e.srv.Approve(ch.TransID)
		require.NoError(t, err)
		st, err = e.client.SignInStatus(ctx, ch)
		require.NoError(t, err)
		assert.Equal(t, identity.SignInCompleted, st)
	})
	t.Run("rejected", func(t *testing.T) {
		ch := e.start()
		require.NoError(t, e.srv.Reject(ch.TransID))
		st, err := e.client.SignInStatus(ctx, ch)
		require.NoError(t, err)
		assert.Equal(t, identity.SignInRejected, st)
	})
	t.Run("expired by control", func(t *testing.T) {
		ch := e.start()
		require.NoError(t, e.srv.Expire(ch.TransID))
		st, err := e.client.SignInStatus(ctx, ch)
		require.NoError(t, err)
		assert.Equal(t, identity.SignInExpired, st)
	})
	t.Run("expired by lifetime", func(t *testing.T) {
		ch := e.start()
		e.clock.Advance(199 * time.Second)
		st, err := e.client.SignInStatus(ctx, ch)
		require.NoError(t, err)
		assert.Equal(t, identity.SignInWaiting, st)
		e.clock.Advance(time.Second)
		st, err = e.client.SignInStatus(ctx, ch)
		require.NoError(t, err)
		assert.Equal(t, identity.SignInExpired, st)
		// The identity may start again.
		_, err = e.client.StartSignIn(ctx, ch.NationalID)
		require.NoError(t, err)
	})
	t.Run("expired as error 400-034-051", func(t *testing.T) {
		e := setup(t, &nafathtest.Options{ExpiredAsError: true}, nil)
		ch := e.start()
		require.NoError(t, e.srv.Expire(ch.TransID))
		_, err := e.client.SignInStatus(ctx, ch)
		requireFault(t, err, identity.ErrSignInExpired, fault.FailedPrecondition, "signin.expired")
	})
	t.Run("one active request per identity", func(t *testing.T) {
		ch := e.start()
		_, err := e.client.StartSignIn(ctx, ch.NationalID)
		requireFault(t, err, identity.ErrSignInActive, fault.FailedPrecondition, "signin.already_active")
		var apiErr *nafath.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, nafath.CodeAlreadyActive, apiErr.Code)
		assert.Equal(t, http.StatusBadRequest, apiErr.HTTPStatus)
		assert.NotEmpty(t, apiErr.Reference)
		assert.Equal(t, "request", apiErr.Op)
		// After an answer, a new request is allowed.
		require.NoError(t, e.srv.Reject(ch.TransID))
		_, err = e.client.StartSignIn(ctx, ch.NationalID)
		require.NoError(t, err)
	})
	t.Run("unknown transaction", func(t *testing.T) {
		ch := e.start()
		other := ch
		other.TransID = "7d3c1e9a-0000-4000-8000-000000000000"
		_, err := e.client.SignInStatus(ctx, other)
		requireFault(t, err, identity.ErrSignInNotFound, fault.NotFound, "signin.not_found")
		wrongNumber := ch
		wrongNumber.Number = fmt.Sprintf("%02d", (atoi(ch.Number)+1)%100)
		_, err = e.client.SignInStatus(ctx, wrongNumber)
		requireFault(t, err, identity.ErrSignInNotFound, fault.NotFound, "")
		_, err = e.client.SignInStatus(ctx, identity.Challenge{})
		requireFault(t, err, identity.ErrSignInNotFound, fault.NotFound, "")
	})
	t.Run("zero national ID", func(t *testing.T) {
		before := e.srv.RequestCount(nafathtest.EndpointRequest)
		_, err := e.client.StartSignIn(ctx, identity.NationalID{})
		requireFault(t, err, identity.ErrInvalidNationalID, fault.Invalid, "")
		assert.Equal(t, before, e.srv.RequestCount(nafathtest.EndpointRequest))
	})
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// headerRecorder records the header names exactly as the client set them.
type headerRecorder struct {
	mu    sync.Mutex
	names [][]string
	next  http.RoundTripper
}

func (h *headerRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	var names []string
	for k := range r.Header {
		names = append(names, k)
	}
	h.mu.Lock()
	h.names = append(h.names, names)
	h.mu.Unlock()
	return h.next.RoundTrip(r)
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestRequestShape(t *testing.T) {
	rec := &headerRecorder{next: http.DefaultTransport}
	e := setup(t, nil, func(o *nafath.Options) {
		o.Locale = "en"
		o.Service = "DigitalServiceEnrollmentWithoutBio"
		o.HTTPClient = &http.Client{Transport: rec}
		o.ForwardedFor = func(context.Context) string { return "198.51.100.7, 203.0.113.10" }
	})
	ch := e.start()
	_, err := e.client.SignInStatus(context.Background(), ch)
	require.NoError(t, err)

	reqs := e.srv.Requests()
	require.Len(t, reqs, 2)
	start, status := reqs[0], reqs[1]

	assert.Equal(t, nafathtest.EndpointRequest, start.Endpoint)
	assert.Equal(t, http.MethodPost, start.Method)
	assert.Equal(t, "en", start.Query.Get("local"))
	assert.Regexp(t, uuidV4, start.Query.Get("requestId"))
	assert.Equal(t, ch.RequestID, start.Query.Get("requestId"))
	assert.Len(t, start.Query, 2)
	assert.JSONEq(t, fmt.Sprintf(`{"nationalId":%q,"service":"DigitalServiceEnrollmentWithoutBio"}`, ch.NationalID), string(start.Body))

	assert.Equal(t, nafathtest.EndpointStatus, status.Endpoint)
	assert.Equal(t, http.MethodPost, status.Method)
	assert.Empty(t, status.Query)
	assert.JSONEq(t, fmt.Sprintf(`{"nationalId":%q,"transId":%q,"random":%q}`, ch.NationalID, ch.TransID, ch.Number), string(status.Body))

	for _, r := range reqs {
		assert.Equal(t, nafathtest.DefaultAppID, r.Header.Get("APP-ID"))
		assert.Equal(t, nafathtest.DefaultAppKey, r.Header.Get("APP-KEY"))
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		assert.Equal(t, "198.51.100.7, 203.0.113.10", r.Header.Get("X-Forwarded-For"))
	}
	// Nafath's spelling of the header names, not Go's canonical App-Id.
	for _, names := range rec.names {
		assert.Contains(t, names, "APP-ID")
		assert.Contains(t, names, "APP-KEY")
	}

	// requestIds are fresh per request.
	ch2 := e.start()
	assert.NotEqual(t, ch.RequestID, ch2.RequestID)

	// The JWKS is fetched with GET and the same credentials.
	require.NoError(t, e.client.RefreshKeys(context.Background()))
	reqs = e.srv.Requests()
	last := reqs[len(reqs)-1]
	assert.Equal(t, nafathtest.EndpointJWKS, last.Endpoint)
	assert.Equal(t, http.MethodGet, last.Method)
	assert.Equal(t, nafathtest.DefaultAppKey, last.Header.Get("APP-KEY"))
}

func TestDefaultLocaleAndService(t *testing.T) {
	e := setup(t, nil, nil)
	e.start()
	r := e.srv.Requests()[0]
	assert.Equal(t, "ar", r.Query.Get("local"))
	assert.Contains(t, string(r.Body), `"service":"Login"`)
}

func TestErrorCodes(t *testing.T) {
	cases := []struct {
		status   int
		code     string
		sentinel error
		fcode    fault.Code
		reason   string
	}{
		{400, nafath.CodeAlreadyActive, identity.ErrSignInActive, fault.FailedPrecondition, "signin.already_active"},
		{400, nafath.CodeExpired, identity.ErrSignInExpired, fault.FailedPrecondition, "signin.expired"},
		{400, nafath.CodeNotFound, identity.ErrSignInNotFound, fault.NotFound, "signin.not_found"},
		{401, "", identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.credentials_rejected"},
		{403, "", identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.credentials_rejected"},
		{408, "", identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.timeout"},
		{429, "", identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.unavailable"},
		{500, "500-000-001", identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.unavailable"},
		{502, "", identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.unavailable"},
		{503, "", identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.unavailable"},
		{504, "", identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.timeout"},
		{400, "400-034-099", nafath.ErrUnexpectedResponse, fault.Internal, "nafath.unexpected_response"},
		{404, "", nafath.ErrUnexpectedResponse, fault.Internal, "nafath.unexpected_response"},
		{409, "", nafath.ErrUnexpectedResponse, fault.Internal, "nafath.unexpected_response"},
	}
	e := setup(t, nil, nil)
	ctx := context.Background()
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%d %s", tc.status, tc.code), func(t *testing.T) {
			e.srv.FailNext(nafathtest.EndpointRequest, tc.status, tc.code)
			_, err := e.client.StartSignIn(ctx, e.gen.Citizen())
			requireFault(t, err, tc.sentinel, tc.fcode, tc.reason)
			var apiErr *nafath.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.HTTPStatus)
			assert.Equal(t, tc.code, apiErr.Code)
			assert.NotEmpty(t, apiErr.Reference, "Nafath's reference is kept for operators")
			assert.Contains(t, err.Error(), apiErr.Reference)

			ch := e.start()
			e.srv.FailNext(nafathtest.EndpointStatus, tc.status, tc.code)
			_, err = e.client.SignInStatus(ctx, ch)
			requireFault(t, err, tc.sentinel, tc.fcode, tc.reason)
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "status", apiErr.Op)
			require.NoError(t, e.srv.Reject(ch.TransID))
		})
	}
}

func TestWrongCredentials(t *testing.T) {
	e := setup(t, nil, func(o *nafath.Options) { o.AppKey = "not-the-key" })
	_, err := e.client.StartSignIn(context.Background(), e.gen.Citizen())
	requireFault(t, err, identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.credentials_rejected")
	assert.NotContains(t, err.Error(), "not-the-key")
	assert.NotContains(t, e.logs.String(), "not-the-key")
}

// rawServer answers every call with h.
func rawServer(t *testing.T, h http.HandlerFunc) *nafath.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := nafath.New(&nafath.Options{BaseURL: srv.URL, AppID: "id", AppKey: "key", Audience: "sp"})
	require.NoError(t, err)
	return c
}

func TestUnexpectedAnswers(t *testing.T) {
	ctx := context.Background()
	id := identity.MustParseNationalID("1000000008")
	ch := identity.Challenge{NationalID: id, TransID: "t", Number: "12"}
	cases := map[string]http.HandlerFunc{
		"HTML 200": func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte("<html>maintenance</html>"))
		},
		"no transId": func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"random":"12","status":"SOMETHING"}`))
		},
		"non-numeric random": func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"transId":"t","random":"ab","status":"PENDING"}`))
		},
		"huge body": func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"transId":"` + strings.Repeat("x", 100<<10) + `"}`))
		},
		"HTML 400": func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(400)
			_, _ = w.Write([]byte("<html>bad</html>"))
		},
	}
	for name, h := range cases {
		t.Run(name, func(t *testing.T) {
			c := rawServer(t, h)
			_, err := c.StartSignIn(ctx, id)
			requireFault(t, err, nafath.ErrUnexpectedResponse, fault.Internal, "")
			_, err = c.SignInStatus(ctx, ch)
			requireFault(t, err, nafath.ErrUnexpectedResponse, fault.Internal, "")
		})
	}
	t.Run("numeric random and reference", func(t *testing.T) {
		c := rawServer(t, func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/status") {
				w.WriteHeader(400)
				_, _ = w.Write([]byte(`{"code":"400-034-053","reference":77}`))
				return
			}
			_, _ = w.Write([]byte(`{"transId":"t-1","random":7}`))
		})
		got, err := c.StartSignIn(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, "07", got.Number)
		_, err = c.SignInStatus(ctx, got)
		var apiErr *nafath.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, "77", apiErr.Reference)
	})
	t.Run("long message is truncated on a rune boundary", func(t *testing.T) {
		c := rawServer(t, func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`{"code":"400-034-053","message":"` + strings.Repeat("خطأ ", 100) + `"}`))
		})
		_, err := c.SignInStatus(ctx, ch)
		var apiErr *nafath.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.True(t, utf8.ValidString(apiErr.Message))
		assert.LessOrEqual(t, len(apiErr.Message), 200+len("…"))
		assert.True(t, strings.HasSuffix(apiErr.Message, "…"))
	})
	t.Run("status spelled in lower case", func(t *testing.T) {
		c := rawServer(t, func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"status":"completed"}`))
		})
		st, err := c.SignInStatus(ctx, ch)
		require.NoError(t, err)
		assert.Equal(t, identity.SignInCompleted, st)
	})
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	var leaked atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		if r.Header.Get("APP-KEY") != "" {
			leaked.Add(1)
		}
	}))
	t.Cleanup(elsewhere.Close)
	c := rawServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+r.URL.Path, http.StatusTemporaryRedirect)
	})
	_, err := c.StartSignIn(context.Background(), identity.MustParseNationalID("1000000008"))
	requireFault(t, err, nafath.ErrUnexpectedResponse, fault.Internal, "")
	assert.Zero(t, leaked.Load(), "the APP-KEY must not follow a redirect")
}

func TestTimeoutsAndCancellation(t *testing.T) {
	ctx := context.Background()

	t.Run("slow server and the client's Timeout", func(t *testing.T) {
		e := setup(t, nil, func(o *nafath.Options) { o.Timeout = 100 * time.Millisecond })
		e.srv.SetLatency(5 * time.Second)
		begin := time.Now()
		_, err := e.client.StartSignIn(ctx, e.gen.Citizen())
		requireFault(t, err, identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.timeout")
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Less(t, time.Since(begin), 4*time.Second)
	})
	t.Run("slow server and the caller's deadline", func(t *testing.T) {
		e := setup(t, nil, nil)
		e.srv.SetLatency(5 * time.Second)
		ctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		_, err := e.client.SignInStatus(ctx, identity.Challenge{NationalID: e.gen.Citizen(), TransID: "t", Number: "01"})
		requireFault(t, err, identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.timeout")
	})
	t.Run("slow server and the HTTP client's own timeout", func(t *testing.T) {
		e := setup(t, nil, func(o *nafath.Options) { o.HTTPClient = &http.Client{Timeout: 100 * time.Millisecond} })
		e.srv.SetLatency(5 * time.Second)
		_, err := e.client.StartSignIn(ctx, e.gen.Citizen())
		requireFault(t, err, identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.timeout")
	})
	t.Run("slow JWKS while verifying", func(t *testing.T) {
		e := setup(t, nil, func(o *nafath.Options) { o.Timeout = 100 * time.Millisecond })
		_, cb := e.approved()
		e.srv.SetLatency(5 * time.Second)
		_, err := e.client.VerifyCallback(ctx, cb)
		requireFault(t, err, identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.timeout")
	})
	t.Run("caller cancels", func(t *testing.T) {
		e := setup(t, nil, nil)
		e.srv.SetLatency(5 * time.Second)
		ctx, cancel := context.WithCancel(ctx)
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := e.client.StartSignIn(ctx, e.gen.Citizen())
		requireFault(t, err, identity.ErrAuthenticatorUnavailable, fault.Unavailable, "")
		assert.ErrorIs(t, err, context.Canceled)
	})
	t.Run("already cancelled", func(t *testing.T) {
		e := setup(t, nil, nil)
		ctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := e.client.StartSignIn(ctx, e.gen.Citizen())
		assert.ErrorIs(t, err, identity.ErrAuthenticatorUnavailable)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Zero(t, e.srv.RequestCount(nafathtest.EndpointRequest))
	})
	t.Run("server down", func(t *testing.T) {
		e := setup(t, nil, nil)
		e.srv.Close()
		_, err := e.client.StartSignIn(ctx, e.gen.Citizen())
		requireFault(t, err, identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.unavailable")
	})
}

func TestSecretsNeverLogged(t *testing.T) {
	const key = "k3y-that-must-never-leak"
	e := setup(t, &nafathtest.Options{AppKey: key}, func(o *nafath.Options) { o.Timeout = 100 * time.Millisecond })
	ctx := context.Background()
	var errs []error
	collect := func(_ any, err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}

	ch, cb := e.approved()
	collect(e.client.SignInStatus(ctx, ch))
	collect(e.client.VerifyCallback(ctx, cb))
	collect(e.client.VerifyCallback(ctx, identity.Callback{Token: cb.Token, TransID: "other"}))
	collect(e.client.StartSignIn(ctx, ch.NationalID))
	for _, status := range []int{401, 403, 500} {
		e.srv.FailNext(nafathtest.EndpointRequest, status, "")
		collect(e.client.StartSignIn(ctx, e.gen.Citizen()))
	}
	e.srv.SetLatency(time.Second)
	collect(e.client.StartSignIn(ctx, e.gen.Citizen()))
	e.srv.SetLatency(0)

	bad, err := nafath.New(&nafath.Options{BaseURL: e.srv.URL, AppID: nafathtest.DefaultAppID, AppKey: "wrong-" + key, Audience: "x",
		Logger: e.opts.Logger})
	require.NoError(t, err)
	collect(bad.StartSignIn(ctx, e.gen.Citizen()))
	collect(nafath.New(&nafath.Options{AppKey: key}))

	require.GreaterOrEqual(t, len(errs), 7)
	logs := e.logs.String()
	require.NotEmpty(t, logs)
	assert.NotContains(t, logs, key)
	assert.NotContains(t, logs, ch.NationalID.String(), "national IDs are logged masked")
	assert.Contains(t, logs, ch.NationalID.Masked())
	assert.NotContains(t, logs, cb.Token)
	for _, err := range errs {
		assert.NotContains(t, err.Error(), key)
		assert.NotContains(t, fmt.Sprintf("%+v %#v", err, err), key)
	}
	// Printing the options or the client does not show the key either.
	for _, s := range []string{
		fmt.Sprintf("%v %+v %#v %s", *e.opts, *e.opts, *e.opts, e.opts),
		fmt.Sprintf("%v %+v %#v", e.client, e.client, e.client),
	} {
		assert.NotContains(t, s, key)
	}
	var buf logBuffer
	logger := newJSONLogger(&buf)
	logger.Info("config", "options", *e.opts, "client", e.client)
	assert.NotContains(t, buf.String(), key)
}

func TestLogsRecordCalls(t *testing.T) {
	e := setup(t, nil, nil)
	e.start()
	e.srv.FailNext(nafathtest.EndpointRequest, 400, nafath.CodeAlreadyActive)
	_, _ = e.client.StartSignIn(context.Background(), e.gen.Citizen())

	var records []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(e.logs.String()), "\n") {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m))
		records = append(records, m)
	}
	require.Len(t, records, 2)
	assert.Equal(t, "INFO", records[0]["level"])
	assert.Equal(t, "request", records[0]["op"])
	assert.EqualValues(t, 200, records[0]["http_status"])
	assert.Equal(t, "WARN", records[1]["level"])
	assert.Equal(t, nafath.CodeAlreadyActive, records[1]["code"])
	assert.NotEmpty(t, records[1]["reference"])
}

func TestConcurrentSignIns(t *testing.T) {
	e := setup(t, nil, nil)
	ctx := context.Background()
	ids := make([]identity.NationalID, 20)
	for i := range ids {
		ids[i] = e.gen.Citizen()
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	for _, id := range ids {
		wg.Go(func() {
			ch, err := e.client.StartSignIn(ctx, id)
			if err != nil {
				errs <- err
				return
			}
			cb, err := e.srv.Approve(ch.TransID)
			if err != nil {
				errs <- err
				return
			}
			claims, err := e.client.VerifyCallback(ctx, cb)
			if err != nil {
				errs <- err
				return
			}
			if claims.NationalID != id {
				errs <- errors.New("wrong identity")
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
}
