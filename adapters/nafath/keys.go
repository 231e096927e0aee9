package nafath

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
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
// pointer to an immutable set); fetches are serialised by sem, and at most
// one is attempted per refreshEvery, whatever triggers it: an empty cache, an
// expired TTL or an unknown kid.
type keyCache struct {
	c   *Client
	set atomic.Pointer[keySet]
	sem chan struct{} // capacity 1: the right to fetch

	// Guarded by sem.
	lastAttempt time.Time
	lastErr     error
}

func (k *keyCache) init(c *Client) {
	k.c = c
	k.sem = make(chan struct{}, 1)
}

// key returns the public key for kid, fetching the JWKS if the cache is
// empty or expired or does not know kid, within the rate limit. It returns
// errTokenKey if kid is still unknown, and an unavailable (or unexpected
// response) error if keys are needed but cannot be fetched.
func (k *keyCache) key(ctx context.Context, kid string, now time.Time) (*rsa.PublicKey, error) {
	cfg := &k.c.cfg
	if s := k.set.Load(); s != nil && now.Before(s.fetchedAt.Add(cfg.cacheTTL)) {
		if pub := s.lookup(kid); pub != nil {
			return pub, nil
		}
	}
	select {
	case k.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, transportError(ctx.Err())
	}
	defer func() { <-k.sem }()

	// Another goroutine may have fetched while this one waited.
	s := k.set.Load()
	if s != nil && now.Before(s.fetchedAt.Add(cfg.cacheTTL)) {
		if pub := s.lookup(kid); pub != nil {
			return pub, nil
		}
	}
	if !k.lastAttempt.IsZero() && now.Sub(k.lastAttempt) < cfg.refreshEvery {
		// Too soon to ask Nafath again: answer from what is known.
		if s != nil {
			if pub := s.lookup(kid); pub != nil {
				return pub, nil // expired, but the refresh failed moments ago
			}
		}
		if k.lastErr != nil {
			return nil, k.lastErr // unknown, and Nafath could not be asked
		}
		return nil, errTokenKey
	}
	err := k.fetchLocked(ctx, now)
	s = k.set.Load()
	if s != nil {
		if pub := s.lookup(kid); pub != nil {
			if err != nil {
				cfg.log.LogAttrs(ctx, slog.LevelWarn, "nafath keys: refresh failed; using the expired key set",
					slog.String("error", err.Error()))
			}
			return pub, nil
		}
	}
	if err != nil {
		return nil, err
	}
	return nil, errTokenKey
}

// fetchLocked fetches the JWKS and publishes it. The caller holds sem.
func (k *keyCache) fetchLocked(ctx context.Context, now time.Time) error {
	set, err := k.c.fetchKeys(ctx)
	if err != nil && ctx.Err() != nil {
		// The caller gave up; that says nothing about Nafath.
		return err
	}
	k.lastAttempt = now
	k.lastErr = err
	if err != nil {
		return err
	}
	set.fetchedAt = now
	k.set.Store(set)
	return nil
}

// RefreshKeys fetches Nafath's signing keys now, whatever the cache holds and
// whatever the rate limit, and replaces the cache if the fetch succeeds. Call
// it at start-up to fail fast on a wrong BaseURL or credentials, or after
// Nafath announces a key rotation. It returns the errors of StartSignIn, and
// ErrUnexpectedResponse if the set holds no usable RSA signing key.
func (c *Client) RefreshKeys(ctx context.Context) error {
	select {
	case c.keys.sem <- struct{}{}:
	case <-ctx.Done():
		return transportError(ctx.Err())
	}
	defer func() { <-c.keys.sem }()
	return c.keys.fetchLocked(ctx, c.cfg.now())
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
