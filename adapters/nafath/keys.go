package nafath

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// keySet is one fetched JWKS, immutable once published.
type keySet struct {
	keys      map[string]*rsa.PublicKey // by kid
	only      *rsa.PublicKey            // the key, when the set has exactly one (tokens without kid)
	fetchedAt time.Time
}

func (s *keySet) lookup(kid string) *rsa.PublicKey {
	if kid == "" && s.only != nil {
		return s.only
	}
	return s.keys[kid]
}

// keyCache holds Nafath's signing keys. Reads are lock-free (an atomic
// pointer to an immutable set). A fetch is counted the moment it is sent
// and runs detached from the caller that started it (bounded by
// Options.Timeout only), so a caller hanging up neither cancels it nor makes
// it free: at most one fetch is in flight, and at most one is started per
// refreshEvery, whatever triggers it (an empty cache, an expired TTL or an
// unknown kid). Callers that need the fetch wait for it, or for their own
// context, whichever ends first.
type keyCache struct {
	c   *Client
	set atomic.Pointer[keySet]

	mu          sync.Mutex
	inflight    *keyFetch // the fetch under way, nil if none
	lastAttempt time.Time // when the last fetch was started
	lastErr     error     // how the last finished fetch ended
}

// keyFetch is one fetch of the JWKS; err is set before done is closed.
type keyFetch struct {
	done chan struct{}
	err  error
}

func (k *keyCache) init(c *Client) {
	k.c = c
}

// fresh returns the key for kid from s if s has not expired.
func (k *keyCache) fresh(s *keySet, kid string, now time.Time) *rsa.PublicKey {
	if s == nil || !now.Before(s.fetchedAt.Add(k.c.cfg.cacheTTL)) {
		return nil
	}
	return s.lookup(kid)
}

// key returns the public key for kid, fetching the JWKS if the cache is
// empty or expired or does not know kid, within the rate limit. It returns
// errTokenKey if kid is still unknown, and an unavailable (or unexpected
// response) error if keys are needed but cannot be fetched, or if ctx ends
// while the fetch is under way (the fetch goes on and fills the cache).
func (k *keyCache) key(ctx context.Context, kid string, now time.Time) (*rsa.PublicKey, error) {
	if pub := k.fresh(k.set.Load(), kid, now); pub != nil {
		return pub, nil
	}
	k.mu.Lock()
	s := k.set.Load()
	if pub := k.fresh(s, kid, now); pub != nil { // fetched while this one waited for mu
		k.mu.Unlock()
		return pub, nil
	}
	f := k.inflight
	if f == nil {
		if !k.lastAttempt.IsZero() && now.Sub(k.lastAttempt) < k.c.cfg.refreshEvery {
			// Too soon to ask Nafath again: answer from what is known.
			lastErr := k.lastErr
			k.mu.Unlock()
			if s != nil {
				if pub := s.lookup(kid); pub != nil {
					return pub, nil // expired, but the refresh failed moments ago
				}
			}
			if lastErr != nil {
				return nil, lastErr // unknown, and Nafath could not be asked
			}
			return nil, errTokenKey
		}
		f = k.startLocked(ctx, now)
	}
	k.mu.Unlock()

	if err := wait(ctx, f); err != nil {
		return nil, err
	}
	if s := k.set.Load(); s != nil {
		if pub := s.lookup(kid); pub != nil {
			if f.err != nil {
				k.c.cfg.log.LogAttrs(ctx, slog.LevelWarn, "nafath keys: refresh failed; using the expired key set",
					slog.String("error", f.err.Error()))
			}
			return pub, nil
		}
	}
	if f.err != nil {
		return nil, f.err
	}
	return nil, errTokenKey
}

// startLocked starts a fetch, counting it as the last attempt at once. The
// caller holds mu and no fetch is in flight. The fetch keeps ctx's values
// (ForwardedFor, the logger's) but not its cancellation or deadline.
func (k *keyCache) startLocked(ctx context.Context, now time.Time) *keyFetch {
	f := &keyFetch{done: make(chan struct{})}
	k.inflight = f
	k.lastAttempt = now
	detached := context.WithoutCancel(ctx)
	go func() {
		set, err := k.c.fetchKeys(detached)
		k.mu.Lock()
		if err == nil {
			set.fetchedAt = now
			k.set.Store(set)
		}
		k.lastErr = err
		f.err = err
		k.inflight = nil
		k.mu.Unlock()
		close(f.done)
	}()
	return f
}

// wait waits for f to finish or ctx to end; it returns ctx's error as a
// transport error in the second case.
func wait(ctx context.Context, f *keyFetch) error {
	select {
	case <-f.done:
		return nil
	case <-ctx.Done():
		return transportError(ctx.Err())
	}
}

// RefreshKeys fetches Nafath's signing keys now, whatever the cache holds and
// whatever the rate limit, and replaces the cache if the fetch succeeds. Call
// it at start-up to fail fast on a wrong BaseURL or credentials, or after
// Nafath announces a key rotation. If a fetch is already in flight it waits
// for it first and then fetches again, so at most one fetch is ever in
// flight and the answer reflects a fetch started after the call. If ctx ends
// first it returns an unavailable error and the fetch goes on. It returns
// the errors of StartSignIn, and ErrUnexpectedResponse if the set holds no
// usable RSA signing key.
func (c *Client) RefreshKeys(ctx context.Context) error {
	k := &c.keys
	for {
		k.mu.Lock()
		f := k.inflight
		if f == nil {
			f = k.startLocked(ctx, c.cfg.now())
			k.mu.Unlock()
			if err := wait(ctx, f); err != nil {
				return err
			}
			return f.err
		}
		k.mu.Unlock()
		if err := wait(ctx, f); err != nil {
			return err
		}
	}
}

type jwksBody struct {
	Keys []json.RawMessage `json:"keys"`
}

// fetchKeys GETs the JWKS and keeps its RSA signature keys. Keys of other
// types or uses are skipped, so one odd key does not break the set.
func (c *Client) fetchKeys(ctx context.Context) (*keySet, error) {
	var body jwksBody
	if err := c.call(ctx, "jwk", http.MethodGet, pathJWKS, nil, &body, maxJWKSBody); err != nil {
		return nil, err
	}
	set := &keySet{keys: make(map[string]*rsa.PublicKey, len(body.Keys))}
	var last *rsa.PublicKey
	for _, raw := range body.Keys {
		var jwk jose.JSONWebKey
		if err := jwk.UnmarshalJSON(raw); err != nil {
			continue
		}
		pub, ok := jwk.Key.(*rsa.PublicKey)
		if !ok || (jwk.Use != "" && jwk.Use != "sig") || (jwk.Algorithm != "" && jwk.Algorithm != string(jose.RS256)) {
			continue
		}
		if _, dup := set.keys[jwk.KeyID]; dup {
			continue
		}
		set.keys[jwk.KeyID] = pub
		last = pub
	}
	if len(set.keys) == 0 {
		return nil, ErrUnexpectedResponse.Wrap(errors.New("nafath jwk: the key set holds no RSA signing key"))
	}
	if len(set.keys) == 1 {
		set.only = last
	}
	kids := make([]string, 0, len(set.keys))
	for kid := range set.keys {
		kids = append(kids, kid)
	}
	c.cfg.log.LogAttrs(ctx, slog.LevelInfo, "nafath keys refreshed", slog.Any("kids", kids))
	return set, nil
}
