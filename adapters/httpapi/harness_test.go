package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/stretchr/testify/require"

	"gocloud.dev/blob/memblob"

	"github.com/masarhr/masar-go/adapters/documents"
	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/adapters/httpapi/httpapitest"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/idempotency"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/masar/masartest"
	"github.com/masarhr/masar-go/txn"
)

// harness is the API over a masartest.World, with a client that validates
// every request and every response against the OpenAPI document.
type harness struct {
	t      testing.TB
	w      *masartest.World
	api    *httpapi.API
	dir    *httpapitest.Directory
	router routers.Router
	docs   *documents.Store
}

// harnessOption changes the API's configuration.
type harnessOption func(*httpapi.Config)

// target is a store the endpoint tests run on.
type target struct {
	name string
	open func(t testing.TB) (*masartest.World, backing)
}

// backing is a World's stores seen whole: the idempotency store and the
// transactor the API keeps answers with.
type backing interface {
	idempotency.Store
	txn.Transactor
}

// targets returns memstore, SQLite and, with MASAR_TEST_POSTGRES_DSN,
// PostgreSQL.
func targets() []target {
	ts := []target{{name: "memstore", open: func(t testing.TB) (*masartest.World, backing) {
		w := newWorld(t)
		return w, w.Store
	}}}
	for _, tg := range sqlstoretest.Targets() {
		ts = append(ts, target{name: tg.Name, open: func(t testing.TB) (*masartest.World, backing) {
			s, _ := tg.Open(t)
			return newWorld(t, masartest.WithStores(masar.Stores{Records: s, Grievances: s, Promotions: s, Leaves: s, Separations: s, CVs: s, JobAudit: s, Outbox: s,
				Identity: s, Audit: s, Tx: s})), s
		}})
	}
	return ts
}

// newWorld returns a World in which anyone the fakes know may sign in, as on
// Masar's portal (Nafath only).
func newWorld(t testing.TB, opts ...masartest.Option) *masartest.World {
	opts = append(opts, masartest.WithConfig(func(c *masar.Config) { c.Identity.SignInWithoutRegistration = true }))
	return masartest.New(t, opts...)
}

// onEachStore runs fn on a harness over each target.
func onEachStore(t *testing.T, fn func(t *testing.T, h *harness), opts ...harnessOption) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			w, b := tg.open(t)
			fn(t, newHarness(t, w, b, opts...))
		})
	}
}

// newMemHarness returns the API over a World on memstore.
func newMemHarness(t testing.TB, opts ...harnessOption) *harness {
	w := newWorld(t)
	return newHarness(t, w, w.Store, opts...)
}

// newHarness returns the API over w, whose stores are b, with an in-memory
// document bucket.
func newHarness(t testing.TB, w *masartest.World, b backing, opts ...harnessOption) *harness {
	t.Helper()
	h := &harness{t: t, w: w, dir: httpapitest.NewDirectory(), docs: documents.New(memblob.OpenBucket(nil), nil)}
	cfg := httpapi.Config{Client: w.Client, Directory: h.dir, Now: w.Clock.Now, Idempotency: b, Tx: b,
		Documents: h.docs, Cookie: httpapi.CookieOptions{Insecure: true}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, o := range opts {
		o(&cfg)
	}
	api, err := httpapi.New(cfg)
	require.NoError(t, err)
	h.api = api
	doc, err := httpapi.Spec()
	require.NoError(t, err)
	h.router, err = legacy.NewRouter(doc)
	require.NoError(t, err)
	return h
}

// login tells the directory who a acts as, signs a.NationalID in through
// the facade (start, the fake Nafath's approval, the verified callback) and
// returns the session token.
func (h *harness) login(a masar.Actor) string {
	h.t.Helper()
	h.dir.Set(a)
	ch, err := h.w.Client.StartSignIn(h.w.Ctx, a.NationalID)
	require.NoError(h.t, err)
	cb, err := h.w.Auth.Approve(ch.TransID)
	require.NoError(h.t, err)
	_, err = h.w.Client.CompleteSignIn(h.w.Ctx, cb)
	require.NoError(h.t, err)
	return ch.Token
}

// call is one request to make.
type call struct {
	method, path string
	body         []byte
	contentType  string
	header       http.Header
	cookies      []*http.Cookie
	// unchecked skips the request's validation: the request breaks the
	// contract on purpose, to see the API refuse it.
	unchecked bool
}

// callOption changes a call.
type callOption func(*call)

// body sends v as JSON.
func body(v any) callOption {
	return func(c *call) {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		c.body, c.contentType = b, "application/json"
	}
}

// rawBody sends b as contentType.
func rawBody(contentType string, b []byte) callOption {
	return func(c *call) { c.body, c.contentType = b, contentType }
}

// header sets a request header.
func header(k, v string) callOption { return func(c *call) { c.header.Set(k, v) } }

// bearer authenticates the call with token.
func bearer(token string) callOption { return header("Authorization", "Bearer "+token) }

// cookie sends a cookie.
func cookie(ck *http.Cookie) callOption { return func(c *call) { c.cookies = append(c.cookies, ck) } }

// ifMatch sends If-Match with etag.
func ifMatch(etag string) callOption { return header("If-Match", etag) }

// unchecked skips request validation.
func unchecked() callOption { return func(c *call) { c.unchecked = true } }

// result is a response.
type result struct {
	t      testing.TB
	Status int
	Header http.Header
	Body   []byte
}

// decode decodes the body into v.
func (r *result) decode(v any) {
	r.t.Helper()
	require.NoError(r.t, json.Unmarshal(r.Body, v), "body: %s", r.Body)
}

// problem decodes the body as a problem.
func (r *result) problem() httpapi.Problem {
	r.t.Helper()
	require.Equal(r.t, "application/problem+json", r.Header.Get("Content-Type"), "body: %s", r.Body)
	var p httpapi.Problem
	r.decode(&p)
	return p
}

// do makes a request, validating it (unless unchecked) and its response
// against the OpenAPI document.
func (h *harness) do(method, path string, opts ...callOption) *result {
	h.t.Helper()
	c := &call{method: method, path: path, header: http.Header{}}
	for _, o := range opts {
		o(c)
	}
	newReq := func() *http.Request {
		r := httptest.NewRequest(c.method, c.path, bytes.NewReader(c.body))
		r.Header = c.header.Clone()
		if c.contentType != "" {
			r.Header.Set("Content-Type", c.contentType)
		}
		for _, ck := range c.cookies {
			r.AddCookie(ck)
		}
		r.RemoteAddr = "192.0.2.10:4711"
		return r
	}
	ctx := context.Background()
	vreq := newReq()
	route, params, err := h.router.FindRoute(vreq)
	var input *openapi3filter.RequestValidationInput
	if err == nil {
		input = &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
		if !c.unchecked {
			require.NoError(h.t, openapi3filter.ValidateRequest(ctx, input), "%s %s breaks the contract", method, path)
		}
	} else if !c.unchecked {
		h.t.Fatalf("%s %s is not in the OpenAPI document: %v", method, path, err)
	}
	rec := httptest.NewRecorder()
	h.api.ServeHTTP(rec, newReq())
	res := &result{t: h.t, Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	if input != nil {
		input.Request = newReq() // ValidateRequest consumed the body
		rv := &openapi3filter.ResponseValidationInput{RequestValidationInput: input, Status: res.Status,
			Header: res.Header, Body: io.NopCloser(bytes.NewReader(res.Body)),
			Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
		require.NoError(h.t, openapi3filter.ValidateResponse(ctx, rv),
			"%s %s answered %d outside the contract: %s", method, path, res.Status, res.Body)
	}
	return res
}

// expect asserts res's status, failing with its body.
func (r *result) expect(status int) *result {
	r.t.Helper()
	require.Equal(r.t, status, r.Status, "body: %s", r.Body)
	return r
}

func init() {
	// The API's bodies that are not JSON: printable statements, documents
	// and the import's lines, validated as strings.
	for _, ct := range []string{"text/html", "application/pdf", "image/png", "image/jpeg", "application/x-ndjson"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.PlainBodyDecoder)
	}
}
