package nafathtest_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/adapters/nafath/nafathtest"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

var sharedKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// call sends one raw request to the fake.
type caller struct {
	t   *testing.T
	srv *nafathtest.Server
}

func (c caller) do(method, path string, header map[string]string, body string) (int, map[string]any) {
	c.t.Helper()
	var r io.Reader
	if body != "" {
		r = bytes.NewReader([]byte(body))
	}
	req, err := http.NewRequest(method, c.srv.URL+path, r)
	require.NoError(c.t, err)
	h := map[string]string{"APP-ID": nafathtest.DefaultAppID, "APP-KEY": nafathtest.DefaultAppKey, "Content-Type": "application/json"}
	for k, v := range header {
		h[k] = v
	}
	for k, v := range h {
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

func (c caller) start(id identity.NationalID, requestID string) (int, map[string]any) {
	c.t.Helper()
	return c.do(http.MethodPost, "/api/v1/mfa/request?local=ar&requestId="+requestID, nil,
		`{"nationalId":"`+id.String()+`","service":"Login"}`)
}

var uuids = func() func() string {
	var mu sync.Mutex
	n := 0
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		n++
		return "5f0c7a2e-1b3d-4c5e-8f9a-" + padded(n)
	}
}()

func padded(n int) string {
	s := "000000000000"
	d := []byte(s)
	for i := len(d) - 1; n > 0; i-- {
		d[i] = byte('0' + n%10)
		n /= 10
	}
	return string(d)
}

func newServer(t *testing.T, o *nafathtest.Options) (*nafathtest.Server, *clock, caller) {
	c := &clock{t: time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)}
	opts := nafathtest.Options{}
	if o != nil {
		opts = *o
	}
	opts.Now = c.Now
	if opts.Key == nil {
		opts.Key = sharedKey()
	}
	srv := nafathtest.NewServer(t, &opts)
	return srv, c, caller{t: t, srv: srv}
}

func TestServerRequestAndStatus(t *testing.T) {
	srv, clk, c := newServer(t, nil)
	id := identitytest.NewGenerator(3).Citizen()

	status, body := c.start(id, uuids())
	require.Equal(t, http.StatusOK, status, body)
	transID, number := body["transId"].(string), body["random"].(string)
	assert.Regexp(t, `^[0-9a-f-]{36}$`, transID)
	assert.Regexp(t, `^\d\d$`, number)

	tx, ok := srv.ActiveTransaction(id)
	require.True(t, ok)
	assert.Equal(t, transID, tx.TransID)
	assert.Equal(t, number, tx.Number)
	assert.Equal(t, "Login", tx.Service)
	assert.Equal(t, "ar", tx.Locale)
	assert.Equal(t, nafathtest.Waiting, tx.State)
	assert.Equal(t, clk.Now().Add(nafathtest.DefaultLifetime), tx.ExpiresAt)

	poll := func(transID, number string) (int, map[string]any) {
		return c.do(http.MethodPost, "/api/v1/mfa/request/status", nil,
			`{"nationalId":"`+id.String()+`","transId":"`+transID+`","random":"`+number+`"}`)
	}
	status, body = poll(transID, number)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "WAITING", body["status"])

	// One active request per identity.
	status, body = c.start(id, uuids())
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "400-034-050", body["code"])
	assert.NotNil(t, body["reference"])

	// Wrong number or unknown transaction: not found.
	other := "00"
	if number == "00" {
		other = "01"
	}
	status, body = poll(transID, other)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "400-034-053", body["code"])
	status, body = poll("5f0c7a2e-0000-4000-8000-000000000000", number)
	assert.Equal(t, "400-034-053", body["code"])
	_ = status

	// Lifetime on the server's clock.
	clk.Advance(nafathtest.DefaultLifetime)
	status, body = poll(transID, number)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "EXPIRED", body["status"])
	_, ok = srv.ActiveTransaction(id)
	assert.False(t, ok)
	_, err := srv.Approve(transID)
	assert.ErrorIs(t, err, nafathtest.ErrNotWaiting)

	status, _ = c.start(id, uuids())
	assert.Equal(t, http.StatusOK, status, "a new request after expiry")
}

func TestServerRejectsMalformedCalls(t *testing.T) {
	_, _, c := newServer(t, nil)
	id := identitytest.NewGenerator(4).Citizen()
	good := `{"nationalId":"` + id.String() + `","service":"Login"}`
	path := func(q string) string { return "/api/v1/mfa/request?" + q }

	cases := []struct {
		name   string
		method string
		path   string
		header map[string]string
		body   string
		status int
		code   string
	}{
		{"no APP-KEY", "POST", path("local=ar&requestId=" + uuids()), map[string]string{"APP-KEY": ""}, good, 403, ""},
		{"wrong APP-ID", "POST", path("local=ar&requestId=" + uuids()), map[string]string{"APP-ID": "x"}, good, 403, ""},
		{"GET", "GET", path("local=ar&requestId=" + uuids()), nil, "", 405, nafathtest.CodeBadRequest},
		{"no Content-Type", "POST", path("local=ar&requestId=" + uuids()), map[string]string{"Content-Type": ""}, good, 400, nafathtest.CodeBadRequest},
		{"locale spelled locale", "POST", path("locale=ar&requestId=" + uuids()), nil, good, 400, nafathtest.CodeBadRequest},
		{"unknown local", "POST", path("local=fr&requestId=" + uuids()), nil, good, 400, nafathtest.CodeBadRequest},
		{"requestId not a UUID", "POST", path("local=ar&requestId=1"), nil, good, 400, nafathtest.CodeBadRequest},
		{"field nationalID", "POST", path("local=ar&requestId=" + uuids()), nil, `{"nationalID":"` + id.String() + `","service":"Login"}`, 400, nafathtest.CodeBadRequest},
		{"extra field", "POST", path("local=ar&requestId=" + uuids()), nil, `{"nationalId":"` + id.String() + `","service":"Login","x":"y"}`, 400, nafathtest.CodeBadRequest},
		{"nationalId a number", "POST", path("local=ar&requestId=" + uuids()), nil, `{"nationalId":` + id.String() + `,"service":"Login"}`, 400, nafathtest.CodeBadRequest},
		{"invalid nationalId", "POST", path("local=ar&requestId=" + uuids()), nil, `{"nationalId":"1000000009","service":"Login"}`, 400, nafathtest.CodeBadRequest},
		{"empty service", "POST", path("local=ar&requestId=" + uuids()), nil, `{"nationalId":"` + id.String() + `","service":""}`, 400, nafathtest.CodeBadRequest},
		{"unknown path", "GET", "/api/v2/oidc/jwk", nil, "", 404, ""},
		{"status body fields", "POST", "/api/v1/mfa/request/status", nil, `{"nationalId":"` + id.String() + `","transId":"x"}`, 400, nafathtest.CodeBadRequest},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := c.do(tc.method, tc.path, tc.header, tc.body)
			assert.Equal(t, tc.status, status, body)
			if tc.code != "" {
				assert.Equal(t, tc.code, body["code"])
			}
		})
	}
	t.Run("reused requestId", func(t *testing.T) {
		rid := uuids()
		status, _ := c.start(identitytest.NewGenerator(5).Citizen(), rid)
		require.Equal(t, 200, status)
		status, body := c.start(identitytest.NewGenerator(6).Citizen(), rid)
		assert.Equal(t, 400, status)
		assert.Equal(t, nafathtest.CodeBadRequest, body["code"])
	})
}

func TestServerControls(t *testing.T) {
	srv, _, c := newServer(t, nil)
	gen := identitytest.NewGenerator(8)
	start := func() string {
		_, body := c.start(gen.Citizen(), uuids())
		return body["transId"].(string)
	}
	_, err := srv.Approve("nope")
	assert.ErrorIs(t, err, nafathtest.ErrUnknownTransaction)
	assert.ErrorIs(t, srv.Reject("nope"), nafathtest.ErrUnknownTransaction)
	assert.ErrorIs(t, srv.Expire("nope"), nafathtest.ErrUnknownTransaction)

	a := start()
	cb, err := srv.Approve(a)
	require.NoError(t, err)
	got, ok := srv.Callback(a)
	require.True(t, ok)
	assert.Equal(t, cb, got)
	tx, _ := srv.Transaction(a)
	assert.Equal(t, nafathtest.Completed, tx.State)
	assert.Equal(t, tx.RequestID, cb.RequestID)
	_, err = srv.Approve(a)
	assert.ErrorIs(t, err, nafathtest.ErrNotWaiting)

	r := start()
	require.NoError(t, srv.Reject(r))
	assert.ErrorIs(t, srv.Expire(r), nafathtest.ErrNotWaiting)
	_, ok = srv.Callback(r)
	assert.False(t, ok, "no callback on rejection")

	x := start()
	require.NoError(t, srv.Expire(x))
	tx, _ = srv.Transaction(x)
	assert.Equal(t, nafathtest.Expired, tx.State)
	_, ok = srv.Transaction("nope")
	assert.False(t, ok)
}

func TestServerTokensAndKeys(t *testing.T) {
	srv, clk, c := newServer(t, &nafathtest.Options{Audience: "my-sp", TokenTTL: time.Minute})
	id := identitytest.NewGenerator(9).Resident()
	person := identitytest.Profile{FirstNameAR: "أمل", FirstNameEN: "Amal", Gender: "F", Nationality: "JO"}
	srv.SetProfile(id, person)
	_, body := c.start(id, uuids())
	cb, err := srv.Approve(body["transId"].(string))
	require.NoError(t, err)

	jwks := func() jose.JSONWebKeySet {
		req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/mfa/jwk", nil)
		require.NoError(t, err)
		req.Header.Set("APP-ID", nafathtest.DefaultAppID)
		req.Header.Set("APP-KEY", nafathtest.DefaultAppKey)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, 200, resp.StatusCode)
		var set jose.JSONWebKeySet
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&set))
		return set
	}
	set := jwks()
	require.Len(t, set.Keys, 1)
	assert.Equal(t, srv.KeyID(), set.Keys[0].KeyID)
	assert.True(t, set.Keys[0].IsPublic())
	assert.Equal(t, "RS256", set.Keys[0].Algorithm)

	tok, err := jwt.ParseSigned(cb.Token, []jose.SignatureAlgorithm{jose.RS256})
	require.NoError(t, err)
	assert.Equal(t, srv.KeyID(), tok.Headers[0].KeyID)
	var claims map[string]any
	var std jwt.Claims
	require.NoError(t, tok.Claims(&set, &claims, &std))
	assert.Equal(t, id.String(), claims["iqamaNumber"])
	assert.Equal(t, "Amal", claims["englishFirstName"])
	assert.Equal(t, "أمل", claims["firstName"])
	assert.Equal(t, cb.TransID, claims["transId"])
	assert.Equal(t, "COMPLETED", claims["status"])
	assert.Equal(t, jwt.Audience{"my-sp"}, std.Audience)
	assert.Equal(t, clk.Now().Add(time.Minute).Unix(), std.Expiry.Time().Unix())
	assert.NotContains(t, claims, "dateOfBirthG", "a zero date of birth is not sent")

	oldKid := srv.KeyID()
	newKid, err := srv.RotateKey()
	require.NoError(t, err)
	assert.NotEqual(t, oldKid, newKid)
	assert.Equal(t, newKid, srv.KeyID())
	set = jwks()
	assert.Len(t, set.Keys, 2)
	signed, err := srv.SignToken(map[string]any{"x": 1})
	require.NoError(t, err)
	tok, err = jwt.ParseSigned(signed, []jose.SignatureAlgorithm{jose.RS256})
	require.NoError(t, err)
	assert.Equal(t, newKid, tok.Headers[0].KeyID)
	require.NoError(t, tok.Claims(&set, &claims))

	srv.RetireOldKeys()
	set = jwks()
	require.Len(t, set.Keys, 1)
	assert.Equal(t, newKid, set.Keys[0].KeyID)
}

func TestServerFailuresLatencyAndRecords(t *testing.T) {
	srv, _, c := newServer(t, nil)
	gen := identitytest.NewGenerator(10)
	srv.FailNext(nafathtest.EndpointRequest, 503, "")
	srv.FailNext(nafathtest.EndpointRequest, 400, "400-034-051")
	status, body := c.start(gen.Citizen(), uuids())
	assert.Equal(t, 503, status)
	assert.NotContains(t, body, "code")
	status, body = c.start(gen.Citizen(), uuids())
	assert.Equal(t, 400, status)
	assert.Equal(t, "400-034-051", body["code"])
	status, _ = c.start(gen.Citizen(), uuids())
	assert.Equal(t, 200, status)

	srv.SetLatency(300 * time.Millisecond)
	begin := time.Now()
	c.start(gen.Citizen(), uuids())
	assert.GreaterOrEqual(t, time.Since(begin), 300*time.Millisecond)
	// A client that gives up ends the delayed call.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	srv.SetLatency(time.Hour)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/v1/mfa/jwk", nil)
	_, err := http.DefaultClient.Do(req)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	srv.SetLatency(0)

	reqs := srv.Requests()
	assert.Len(t, reqs, 5)
	assert.Equal(t, 4, srv.RequestCount(nafathtest.EndpointRequest))
	assert.Equal(t, 1, srv.RequestCount(nafathtest.EndpointJWKS))
	reqs[0].Header.Set("APP-KEY", "changed")
	assert.Equal(t, nafathtest.DefaultAppKey, srv.Requests()[0].Header.Get("APP-KEY"), "Requests returns copies")
}

func TestServerCallbackDelivery(t *testing.T) {
	var mu sync.Mutex
	var got []identity.Callback
	fail := false
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cb, err := nafath.DecodeCallback(r.Body)
		if r.Header.Get("Content-Type") != "application/json" || err != nil {
			w.WriteHeader(400)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if fail {
			w.WriteHeader(500)
			return
		}
		got = append(got, cb)
	}))
	t.Cleanup(hook.Close)
	srv, _, c := newServer(t, &nafathtest.Options{CallbackURL: hook.URL})
	gen := identitytest.NewGenerator(11)

	_, body := c.start(gen.Citizen(), uuids())
	cb, err := srv.Approve(body["transId"].(string))
	require.NoError(t, err)
	mu.Lock()
	require.Len(t, got, 1)
	assert.Equal(t, cb, got[0])
	assert.NotEmpty(t, got[0].RequestID)
	fail = true
	mu.Unlock()

	_, body = c.start(gen.Citizen(), uuids())
	cb, err = srv.Approve(body["transId"].(string))
	assert.Error(t, err, "a failed delivery is reported")
	assert.NotEmpty(t, cb.Token, "the callback is still returned")
}

func TestServerConcurrentUse(t *testing.T) {
	srv, _, _ := newServer(t, nil)
	gen := identitytest.NewGenerator(12)
	client, err := nafath.New(srv.ClientOptions())
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := range 16 {
		id := gen.Citizen()
		wg.Go(func() {
			ch, err := client.StartSignIn(context.Background(), id)
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := srv.Approve(ch.TransID); err != nil {
				t.Error(err)
			}
		})
		if i%6 == 0 {
			wg.Go(func() { _, _ = srv.RotateKey() })
		}
		wg.Go(func() { srv.Requests() })
	}
	wg.Wait()
	assert.Equal(t, 16, srv.RequestCount(nafathtest.EndpointRequest))
}
