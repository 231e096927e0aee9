package nafath_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/adapters/nafath/nafathtest"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// sharedKey saves generating a 2048-bit key for every test server.
var sharedKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// clock is a settable clock shared by the fake server and the client.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2025, time.March, 10, 9, 0, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// logBuffer is a concurrency-safe buffer for a slog handler.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type env struct {
	t      *testing.T
	srv    *nafathtest.Server
	client *nafath.Client
	clock  *clock
	opts   *nafath.Options
	gen    *identitytest.Generator
	logs   *logBuffer
}

// setup starts a fake Nafath and a client for it sharing one clock. mod, if
// not nil, adjusts the fake's options before it starts and the client's
// options before the client is built.
func setup(t *testing.T, srvOpts *nafathtest.Options, mod func(*nafath.Options)) *env {
	t.Helper()
	c := newClock()
	so := nafathtest.Options{}
	if srvOpts != nil {
		so = *srvOpts
	}
	so.Now = c.Now
	if so.Key == nil {
		so.Key = sharedKey()
	}
	srv := nafathtest.NewServer(t, &so)
	logs := &logBuffer{}
	opts := srv.ClientOptions()
	opts.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if mod != nil {
		mod(opts)
	}
	client, err := nafath.New(opts)
	require.NoError(t, err)
	return &env{t: t, srv: srv, client: client, clock: c, opts: opts, gen: identitytest.NewGenerator(uint64(len(t.Name()))), logs: logs}
}

// start starts a sign-in for a fresh citizen.
func (e *env) start() identity.Challenge {
	e.t.Helper()
	ch, err := e.client.StartSignIn(context.Background(), e.gen.Citizen())
	require.NoError(e.t, err)
	return ch
}

// approved starts a sign-in and approves it, returning its callback.
func (e *env) approved() (identity.Challenge, identity.Callback) {
	e.t.Helper()
	ch := e.start()
	cb, err := e.srv.Approve(ch.TransID)
	require.NoError(e.t, err)
	return ch, cb
}

// claims returns the standard claims of a valid token for transID and id.
func (e *env) claims(transID string, id identity.NationalID) map[string]any {
	now := e.clock.Now()
	return map[string]any{
		"nin":       id.String(),
		"transId":   transID,
		"aud":       nafathtest.DefaultAudience,
		"iat":       now.Unix(),
		"exp":       now.Add(5 * time.Minute).Unix(),
		"firstName": "محمد",
	}
}

func (e *env) sign(claims map[string]any) string {
	e.t.Helper()
	tok, err := e.srv.SignToken(claims)
	require.NoError(e.t, err)
	return tok
}

// requireFault asserts err matches sentinel, with code and (if not empty) reason.
func requireFault(t *testing.T, err error, sentinel error, code fault.Code, reason string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, sentinel)
	assert.Equal(t, code, fault.CodeOf(err), "code of %v", err)
	if reason != "" {
		assert.Equal(t, reason, fault.ReasonOf(err), "reason of %v", err)
	}
}

// b64 is base64url without padding.
func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// payload decodes a compact JWT's payload without verifying it.
func payload(t *testing.T, token string) map[string]any {
	t.Helper()
	parts := strings.Split(token, ".")
	require.Len(t, parts, 3)
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

func newJSONLogger(w *logBuffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, nil))
}

func newClient(opts *nafath.Options) (*nafath.Client, error) { return nafath.New(opts) }
