package nafath_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/nafath/nafathtest"
	"github.com/masarhr/masar-go/identity"
)

// benchSetup returns a client with a warm key cache and a valid callback.
func benchSetup(b *testing.B) (*env, identity.Callback) {
	b.Helper()
	c := newClock()
	srv := nafathtest.NewServer(b, &nafathtest.Options{Now: c.Now, Key: sharedKey()})
	opts := srv.ClientOptions()
	client, err := newClient(opts)
	require.NoError(b, err)
	ch, err := client.StartSignIn(context.Background(), identity.MustParseNationalID("1000000008"))
	require.NoError(b, err)
	cb, err := srv.Approve(ch.TransID)
	require.NoError(b, err)
	_, err = client.VerifyCallback(context.Background(), cb)
	require.NoError(b, err)
	return &env{srv: srv, client: client, clock: c}, cb
}

// BenchmarkVerifyCallback measures verifying a callback token with the
// signing key already cached: parse, RS256 (2048-bit) signature check,
// claims decoding and checks.
func BenchmarkVerifyCallback(b *testing.B) {
	e, cb := benchSetup(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.client.VerifyCallback(ctx, cb); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyCallbackParallel is BenchmarkVerifyCallback from
// GOMAXPROCS goroutines sharing one client and its cache.
func BenchmarkVerifyCallbackParallel(b *testing.B) {
	e, cb := benchSetup(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := e.client.VerifyCallback(ctx, cb); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkVerifyCallbackForged measures rejecting a token whose signature
// does not verify (the cost an attacker can impose per request).
func BenchmarkVerifyCallbackForged(b *testing.B) {
	e, cb := benchSetup(b)
	forged := cb
	forged.Token = cb.Token[:len(cb.Token)-4] + "AAAA"
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.client.VerifyCallback(ctx, forged); err == nil {
			b.Fatal("forged token accepted")
		}
	}
}
