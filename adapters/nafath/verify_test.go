package nafath_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/adapters/nafath/nafathtest"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// signWith signs claims with any key and algorithm, with kid in the header.
func signWith(t *testing.T, alg jose.SignatureAlgorithm, key any, kid string, claims any) string {
	t.Helper()
	opts := (&jose.SignerOptions{}).WithType("JWT")
	if kid != "" {
		opts = opts.WithHeader(jose.HeaderKey("kid"), kid)
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, opts)
	require.NoError(t, err)
	tok, err := jwt.Signed(signer).Claims(claims).Serialize()
	require.NoError(t, err)
	return tok
}

func TestVerifyCallback(t *testing.T) {
	e := setup(t, nil, nil)
	ctx := context.Background()
	ch, cb := e.approved()

	claims, err := e.client.VerifyCallback(ctx, cb)
	require.NoError(t, err)
	p := identitytest.DefaultProfile(ch.NationalID)
	assert.Equal(t, ch.NationalID, claims.NationalID)
	assert.Equal(t, ch.TransID, claims.TransID)
	assert.Equal(t, p.FirstNameAR, claims.FirstNameAR)
	assert.Equal(t, p.FatherNameAR, claims.FatherNameAR)
	assert.Equal(t, p.GrandNameAR, claims.GrandNameAR)
	assert.Equal(t, p.FamilyNameAR, claims.FamilyNameAR)
	assert.Equal(t, p.FirstNameEN, claims.FirstNameEN)
	assert.Equal(t, p.FatherNameEN, claims.FatherNameEN)
	assert.Equal(t, p.GrandNameEN, claims.GrandNameEN)
	assert.Equal(t, p.FamilyNameEN, claims.FamilyNameEN)
	assert.Equal(t, "SA", claims.Nationality)
	assert.Equal(t, p.Gender, claims.Gender)
	assert.Equal(t, p.DateOfBirth, claims.DateOfBirth)
	assert.Equal(t, e.clock.Now(), claims.IssuedAt)
	assert.Equal(t, e.clock.Now().Add(nafathtest.DefaultTokenTTL), claims.ExpiresAt)
	assert.Equal(t, time.UTC, claims.ExpiresAt.Location())
	assert.Equal(t, "COMPLETED", payload(t, cb.Token)["status"])

	// Within the clock skew after exp, still valid; past it, expired.
	e.clock.Advance(nafathtest.DefaultTokenTTL + 59*time.Second)
	_, err = e.client.VerifyCallback(ctx, cb)
	require.NoError(t, err)
	e.clock.Advance(2 * time.Second)
	_, err = e.client.VerifyCallback(ctx, cb)
	requireFault(t, err, identity.ErrInvalidToken, fault.Unauthenticated, "signin.token_expired")
}

func TestVerifyCallbackIdentityKinds(t *testing.T) {
	gen := identitytest.NewGenerator(7)
	for _, id := range []identity.NationalID{gen.Citizen(), gen.Resident(), gen.Border()} {
		t.Run(id.Kind().String(), func(t *testing.T) {
			e := setup(t, nil, nil)
			dob := hijri.MustNew(1410, 9, 1)
			e.srv.SetProfile(id, identitytest.Profile{FirstNameAR: "ريم", FirstNameEN: "Reem", Nationality: "JO", Gender: "F", DateOfBirth: dob})
			ch, err := e.client.StartSignIn(context.Background(), id)
			require.NoError(t, err)
			cb, err := e.srv.Approve(ch.TransID)
			require.NoError(t, err)
			claim := map[identity.Kind]string{identity.Citizen: "nin", identity.Resident: "iqamaNumber", identity.Border: "borderNumber"}[id.Kind()]
			assert.Equal(t, id.String(), payload(t, cb.Token)[claim])

			claims, err := e.client.VerifyCallback(context.Background(), cb)
			require.NoError(t, err)
			assert.Equal(t, id, claims.NationalID)
			assert.Equal(t, "Reem", claims.FirstNameEN)
			assert.Equal(t, "JO", claims.Nationality)
			assert.Equal(t, dob, claims.DateOfBirth)
		})
	}
}

func TestVerifyCallbackClaimVariants(t *testing.T) {
	e := setup(t, nil, nil)
	ctx := context.Background()
	id := e.gen.Citizen()
	dob, err := hijri.FromGregorian(1988, time.July, 14)
	require.NoError(t, err)

	cases := map[string]struct {
		set   map[string]any
		check func(t *testing.T, c identity.Claims)
	}{
		"nin as a number, aud as an array": {
			set: map[string]any{"nin": json10(id), "aud": []string{"other", nafathtest.DefaultAudience}},
			check: func(t *testing.T, c identity.Claims) {
				assert.Equal(t, id, c.NationalID)
			},
		},
		"translated names, second/third/lastName, nationalityCode, birthgDate dd-mm-yyyy": {
			set: map[string]any{
				"translatedFirstName": "Fahad", "translatedSecondName": "Saud", "translatedThirdName": "Nasser", "translatedLastName": "Alharbi",
				"secondName": "سعود", "thirdName": "ناصر", "lastName": "الحربي",
				"nationalityCode": 113, "birthgDate": "14-07-1988", "gender": "M",
			},
			check: func(t *testing.T, c identity.Claims) {
				assert.Equal(t, "Fahad", c.FirstNameEN)
				assert.Equal(t, "Saud", c.FatherNameEN)
				assert.Equal(t, "Nasser", c.GrandNameEN)
				assert.Equal(t, "Alharbi", c.FamilyNameEN)
				assert.Equal(t, "سعود", c.FatherNameAR)
				assert.Equal(t, "ناصر", c.GrandNameAR)
				assert.Equal(t, "الحربي", c.FamilyNameAR)
				assert.Equal(t, "113", c.Nationality)
				assert.Equal(t, dob, c.DateOfBirth)
			},
		},
		"dateOfBirthG with a time, slashes": {
			set: map[string]any{"dateOfBirthG": "1988/07/14 00:00:00"},
			check: func(t *testing.T, c identity.Claims) {
				assert.Equal(t, dob, c.DateOfBirth)
			},
		},
		"unknown date format is left empty": {
			set: map[string]any{"dateOfBirthG": "14 July 1988"},
			check: func(t *testing.T, c identity.Claims) {
				assert.True(t, c.DateOfBirth.IsZero())
			},
		},
		"no status, no iat": {
			set: map[string]any{"iat": nil},
			check: func(t *testing.T, c identity.Claims) {
				assert.True(t, c.IssuedAt.IsZero())
			},
		},
		"status COMPLETED in lower case": {
			set:   map[string]any{"status": "completed"},
			check: func(*testing.T, identity.Claims) {},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c := e.claims("trans-1", id)
			for k, v := range tc.set {
				if v == nil {
					delete(c, k)
					continue
				}
				c[k] = v
			}
			got, err := e.client.VerifyCallback(ctx, identity.Callback{Token: e.sign(c), TransID: "trans-1"})
			require.NoError(t, err)
			tc.check(t, got)
		})
	}
}

// json10 is id as a JSON number.
type json10 identity.NationalID

func (j json10) MarshalJSON() ([]byte, error) { return []byte(identity.NationalID(j).String()), nil }

func TestForgedTokensAreRejected(t *testing.T) {
	e := setup(t, nil, nil)
	ctx := context.Background()
	ch, cb := e.approved()
	_, err := e.client.VerifyCallback(ctx, cb) // warm the key cache
	require.NoError(t, err)
	kid := e.srv.KeyID()
	good := e.claims(ch.TransID, ch.NationalID)

	attacker, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	pubDER, err := x509.MarshalPKIXPublicKey(&sharedKey().PublicKey)
	require.NoError(t, err)
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})

	with := func(k string, v any) map[string]any {
		c := map[string]any{}
		for kk, vv := range good {
			c[kk] = vv
		}
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
		return c
	}
	parts := strings.Split(cb.Token, ".")
	tampered := func(claims map[string]any) string {
		return parts[0] + "." + b64(mustJSON(t, claims)) + "." + parts[2]
	}
	now := e.clock.Now()

	cases := []struct {
		name     string
		token    string
		transID  string
		sentinel error
		reason   string
	}{
		{"wrong key, known kid", signWith(t, jose.RS256, attacker, kid, good), "", identity.ErrInvalidToken, "signin.token_signature"},
		{"wrong key, unknown kid", signWith(t, jose.RS256, attacker, "attacker-kid", good), "", identity.ErrInvalidToken, "signin.token_key_unknown"},
		{"wrong aud", e.sign(with("aud", "another-sp")), "", identity.ErrInvalidToken, "signin.token_audience"},
		{"aud array without ours", e.sign(with("aud", []string{"a", "b"})), "", identity.ErrInvalidToken, "signin.token_audience"},
		{"no aud", e.sign(with("aud", nil)), "", identity.ErrInvalidToken, "signin.token_audience"},
		{"expired", e.sign(with("exp", now.Add(-2*time.Minute).Unix())), "", identity.ErrInvalidToken, "signin.token_expired"},
		{"no exp", e.sign(with("exp", nil)), "", identity.ErrInvalidToken, "signin.token_malformed"},
		{"nbf in the future", e.sign(with("nbf", now.Add(5*time.Minute).Unix())), "", identity.ErrInvalidToken, "signin.token_not_yet_valid"},
		{"iat in the future", e.sign(with("iat", now.Add(5*time.Minute).Unix())), "", identity.ErrInvalidToken, "signin.token_not_yet_valid"},
		{"alg none", b64([]byte(`{"alg":"none","typ":"JWT","kid":"`+kid+`"}`)) + "." + b64(mustJSON(t, good)) + ".", "", identity.ErrInvalidToken, "signin.token_algorithm"},
		{"alg None", b64([]byte(`{"alg":"None","typ":"JWT"}`)) + "." + b64(mustJSON(t, good)) + ".", "", identity.ErrInvalidToken, "signin.token_algorithm"},
		{"HS256 keyed with the public key (DER)", signWith(t, jose.HS256, pubDER, kid, good), "", identity.ErrInvalidToken, "signin.token_algorithm"},
		{"HS256 keyed with the public key (PEM)", signWith(t, jose.HS256, pubPEM, kid, good), "", identity.ErrInvalidToken, "signin.token_algorithm"},
		{"RS512 with Nafath's key", signWith(t, jose.RS512, sharedKey(), kid, good), "", identity.ErrInvalidToken, "signin.token_algorithm"},
		{"PS256 with Nafath's key", signWith(t, jose.PS256, sharedKey(), kid, good), "", identity.ErrInvalidToken, "signin.token_algorithm"},
		{"tampered payload (another nin)", tampered(with("nin", e.gen.Citizen().String())), "", identity.ErrInvalidToken, "signin.token_signature"},
		{"tampered payload (longer exp)", tampered(with("exp", now.Add(time.Hour).Unix())), "", identity.ErrInvalidToken, "signin.token_signature"},
		{"signature cut off", parts[0] + "." + parts[1] + ".", "", identity.ErrInvalidToken, "signin.token_signature"},
		{"mismatched transId", e.sign(with("transId", "another-trans")), "", identity.ErrInvalidToken, "signin.token_trans_id"},
		{"no transId claim", e.sign(with("transId", nil)), "", identity.ErrInvalidToken, "signin.token_trans_id"},
		{"callback without transId", cb.Token, "-", identity.ErrInvalidToken, "signin.token_trans_id"},
		{"no identity number", e.sign(with("nin", nil)), "", identity.ErrInvalidToken, "signin.token_identity"},
		{"bad identity checksum", e.sign(with("nin", "1000000009")), "", identity.ErrInvalidToken, "signin.token_identity"},
		{"status REJECTED", e.sign(with("status", "REJECTED")), "", identity.ErrSignInRejected, "signin.rejected"},
		{"status EXPIRED", e.sign(with("status", "EXPIRED")), "", identity.ErrInvalidToken, "signin.token_expired"},
		{"status WAITING", e.sign(with("status", "WAITING")), "", identity.ErrInvalidToken, "signin.token_status"},
		{"empty", "", "", identity.ErrInvalidToken, "signin.token_malformed"},
		{"garbage", "not.a.jwt", "", identity.ErrInvalidToken, "signin.token_malformed"},
		{"two parts", parts[0] + "." + parts[1], "", identity.ErrInvalidToken, "signin.token_malformed"},
		{"JSON serialization", `{"payload":"` + parts[1] + `","protected":"` + parts[0] + `","signature":"` + parts[2] + `"}`, "", identity.ErrInvalidToken, "signin.token_malformed"},
		{"too long", cb.Token + strings.Repeat("A", 20<<10), "", identity.ErrInvalidToken, "signin.token_malformed"},
		{"payload not JSON", e.signRaw(t, []byte("not json")), "", identity.ErrInvalidToken, "signin.token_malformed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			transID := ch.TransID
			switch tc.transID {
			case "-":
				transID = ""
			case "":
			default:
				transID = tc.transID
			}
			claims, err := e.client.VerifyCallback(ctx, identity.Callback{Token: tc.token, TransID: transID})
			requireFault(t, err, tc.sentinel, fault.Unauthenticated, tc.reason)
			assert.Zero(t, claims)
		})
	}
	// The genuine token still verifies, and the cross-transaction case is caught.
	_, err = e.client.VerifyCallback(ctx, cb)
	require.NoError(t, err)
	_, cb2 := e.approved()
	_, err = e.client.VerifyCallback(ctx, identity.Callback{Token: cb2.Token, TransID: cb.TransID})
	requireFault(t, err, identity.ErrInvalidToken, fault.Unauthenticated, "signin.token_trans_id")
}

// signRaw signs arbitrary bytes with the fake's key and kid.
func (e *env) signRaw(t *testing.T, payload []byte) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: sharedKey(), KeyID: e.srv.KeyID()}}, nil)
	require.NoError(t, err)
	jws, err := signer.Sign(payload)
	require.NoError(t, err)
	s, err := jws.CompactSerialize()
	require.NoError(t, err)
	return s
}

func TestKeyRotation(t *testing.T) {
	e := setup(t, nil, nil)
	ctx := context.Background()
	fetches := func() int { return e.srv.RequestCount(nafathtest.EndpointJWKS) }

	_, old := e.approved()
	_, err := e.client.VerifyCallback(ctx, old)
	require.NoError(t, err)
	require.Equal(t, 1, fetches())

	oldKid := e.srv.KeyID()
	newKid, err := e.srv.RotateKey()
	require.NoError(t, err)
	require.NotEqual(t, oldKid, newKid)
	_, fresh := e.approved()

	// Within KeyRefreshInterval of the last fetch, an unknown kid is not fetched again.
	_, err = e.client.VerifyCallback(ctx, fresh)
	requireFault(t, err, identity.ErrInvalidToken, fault.Unauthenticated, "signin.token_key_unknown")
	assert.Equal(t, 1, fetches())

	// After it, the unknown kid triggers one refetch, and the new key verifies.
	e.clock.Advance(nafath.DefaultKeyRefreshInterval)
	_, err = e.client.VerifyCallback(ctx, fresh)
	require.NoError(t, err)
	assert.Equal(t, 2, fetches())

	// During the overlap the old key still verifies, from the cache.
	_, err = e.client.VerifyCallback(ctx, old)
	require.NoError(t, err)
	assert.Equal(t, 2, fetches())

	// Once Nafath retires the old key and the cache is refreshed, old tokens fail.
	e.srv.RetireOldKeys()
	require.NoError(t, e.client.RefreshKeys(ctx))
	oldTok := e.sign(e.claims("t", e.gen.Citizen())) // signed with the new key: fine
	_, err = e.client.VerifyCallback(ctx, identity.Callback{Token: oldTok, TransID: "t"})
	require.NoError(t, err)
	_, err = e.client.VerifyCallback(ctx, old)
	requireFault(t, err, identity.ErrInvalidToken, fault.Unauthenticated, "signin.token_key_unknown")
}

func TestUnknownKidFloodFetchesOnce(t *testing.T) {
	e := setup(t, nil, nil)
	ctx := context.Background()
	_, cb := e.approved()
	_, err := e.client.VerifyCallback(ctx, cb)
	require.NoError(t, err)
	e.clock.Advance(time.Hour) // any earlier fetch is long past

	attacker, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	claims := e.claims(cb.TransID, e.gen.Citizen())
	var wg sync.WaitGroup
	for i := range 50 {
		tok := signWith(t, jose.RS256, attacker, fmt.Sprintf("bogus-%d", i), claims)
		wg.Go(func() {
			_, err := e.client.VerifyCallback(ctx, identity.Callback{Token: tok, TransID: cb.TransID})
			assert.ErrorIs(t, err, identity.ErrInvalidToken)
		})
	}
	wg.Wait()
	assert.Equal(t, 2, e.srv.RequestCount(nafathtest.EndpointJWKS), "50 unknown kids, one refetch")
}

func TestJWKSCacheTTL(t *testing.T) {
	e := setup(t, &nafathtest.Options{TokenTTL: 48 * time.Hour}, func(o *nafath.Options) { o.JWKSCacheTTL = time.Hour })
	ctx := context.Background()
	fetches := func() int { return e.srv.RequestCount(nafathtest.EndpointJWKS) }
	_, cb := e.approved()

	_, err := e.client.VerifyCallback(ctx, cb)
	require.NoError(t, err)
	assert.Equal(t, 1, fetches())
	e.clock.Advance(59 * time.Minute)
	_, err = e.client.VerifyCallback(ctx, cb)
	require.NoError(t, err)
	assert.Equal(t, 1, fetches(), "within the TTL the cache answers")

	e.clock.Advance(2 * time.Minute)
	_, err = e.client.VerifyCallback(ctx, cb)
	require.NoError(t, err)
	assert.Equal(t, 2, fetches(), "after the TTL the keys are fetched again")

	// After the TTL, a failed refresh falls back to the expired keys.
	e.clock.Advance(2 * time.Hour)
	e.srv.FailNext(nafathtest.EndpointJWKS, 503, "")
	_, err = e.client.VerifyCallback(ctx, cb)
	require.NoError(t, err)
	assert.Equal(t, 3, fetches())
	assert.Contains(t, e.logs.String(), "refresh failed")
	// and does not retry before KeyRefreshInterval,
	_, err = e.client.VerifyCallback(ctx, cb)
	require.NoError(t, err)
	assert.Equal(t, 3, fetches())
	// then does.
	e.clock.Advance(nafath.DefaultKeyRefreshInterval)
	_, err = e.client.VerifyCallback(ctx, cb)
	require.NoError(t, err)
	assert.Equal(t, 4, fetches())
}

func TestJWKSUnavailable(t *testing.T) {
	e := setup(t, nil, nil)
	ctx := context.Background()
	_, cb := e.approved()

	e.srv.FailNext(nafathtest.EndpointJWKS, 503, "")
	_, err := e.client.VerifyCallback(ctx, cb)
	requireFault(t, err, identity.ErrAuthenticatorUnavailable, fault.Unavailable, "")
	assert.NotErrorIs(t, err, identity.ErrInvalidToken, "a token that could not be checked was not judged")

	// Rate-limited: the same answer without asking Nafath again.
	_, err = e.client.VerifyCallback(ctx, cb)
	assert.ErrorIs(t, err, identity.ErrAuthenticatorUnavailable)
	assert.Equal(t, 1, e.srv.RequestCount(nafathtest.EndpointJWKS))

	e.clock.Advance(nafath.DefaultKeyRefreshInterval)
	_, err = e.client.VerifyCallback(ctx, cb)
	require.NoError(t, err)

	e.srv.FailNext(nafathtest.EndpointJWKS, 403, "")
	err = e.client.RefreshKeys(ctx)
	requireFault(t, err, identity.ErrAuthenticatorUnavailable, fault.Unavailable, "signin.credentials_rejected")
	_, err = e.client.VerifyCallback(ctx, cb) // the cache survives a failed refresh
	require.NoError(t, err)
}

func TestJWKSWithoutUsableKeys(t *testing.T) {
	cases := map[string]string{
		"empty":            `{"keys":[]}`,
		"only an EC key":   `{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"ec"}]}`,
		"only an enc key":  `{"keys":[{"kty":"RSA","use":"enc","kid":"r","n":"` + b64(sharedKey().N.Bytes()) + `","e":"AQAB"}]}`,
		"not JSON":         `<html/>`,
		"keys not a list":  `{"keys":{}}`,
		"malformed RSA":    `{"keys":[{"kty":"RSA","kid":"r","n":"!!","e":"AQAB"}]}`,
		"private key only": `{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"h"}]}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			c := rawServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) })
			err := c.RefreshKeys(context.Background())
			requireFault(t, err, nafath.ErrUnexpectedResponse, fault.Internal, "")
		})
	}
	t.Run("odd keys are skipped, the RSA key is kept", func(t *testing.T) {
		e := setup(t, nil, nil)
		_, cb := e.approved()
		good := `{"kty":"RSA","use":"sig","alg":"RS256","kid":"` + e.srv.KeyID() + `","n":"` + b64(sharedKey().N.Bytes()) + `","e":"AQAB"}`
		body := `{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"ec"},{"kty":"weird"},` + good + `]}`
		c := rawServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) })
		_, err := c.VerifyCallback(context.Background(), cb)
		requireFault(t, err, identity.ErrInvalidToken, fault.Unauthenticated, "signin.token_audience") // the raw client's audience is "sp"
	})
}

func TestTokenWithoutKid(t *testing.T) {
	e := setup(t, nil, nil)
	ctx := context.Background()
	ch := e.start()
	tok := signWith(t, jose.RS256, sharedKey(), "", e.claims(ch.TransID, ch.NationalID))

	// One key in the set: it is the key.
	_, err := e.client.VerifyCallback(ctx, identity.Callback{Token: tok, TransID: ch.TransID})
	require.NoError(t, err)

	// Several keys: a token must say which.
	_, err = e.srv.RotateKey()
	require.NoError(t, err)
	e.clock.Advance(nafath.DefaultKeyRefreshInterval)
	require.NoError(t, e.client.RefreshKeys(ctx))
	_, err = e.client.VerifyCallback(ctx, identity.Callback{Token: tok, TransID: ch.TransID})
	requireFault(t, err, identity.ErrInvalidToken, fault.Unauthenticated, "signin.token_key_unknown")
}

func TestVerifyCallbackCancelledWhileFetchingKeys(t *testing.T) {
	e := setup(t, nil, nil)
	_, cb := e.approved()
	e.srv.SetLatency(300 * time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err := e.client.VerifyCallback(ctx, cb)
	assert.ErrorIs(t, err, identity.ErrAuthenticatorUnavailable)
	assert.ErrorIs(t, err, context.Canceled)

	// The fetch was not the caller's: it goes on, fills the cache and counts.
	// The next caller shares it (or finds its keys) without asking again.
	_, err = e.client.VerifyCallback(context.Background(), cb)
	require.NoError(t, err)
	assert.Equal(t, 1, e.srv.RequestCount(nafathtest.EndpointJWKS))
}

// Callers that hang up before the key set arrives must not each cost Nafath a
// fetch: 100 forged kids from callers giving up after 10 ms are one request.
func TestHangingUpCallersFetchOnce(t *testing.T) {
	e := setup(t, nil, nil)
	_, cb := e.approved()
	attacker, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	claims := e.claims(cb.TransID, e.gen.Citizen())
	e.srv.SetLatency(200 * time.Millisecond)

	toks := make([]string, 100)
	for i := range toks {
		toks[i] = signWith(t, jose.RS256, attacker, fmt.Sprintf("forged-%d", i), claims)
	}
	verify := func(i int) error {
		tok := toks[i]
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		_, err := e.client.VerifyCallback(ctx, identity.Callback{Token: tok, TransID: cb.TransID})
		return err
	}
	for i := range 50 { // one after the other
		assert.Error(t, verify(i))
	}
	var wg sync.WaitGroup
	for i := range 50 { // and all at once
		wg.Go(func() { assert.Error(t, verify(50+i)) })
	}
	wg.Wait()
	assert.Equal(t, 1, e.srv.RequestCount(nafathtest.EndpointJWKS), "100 forged kids from callers that hang up: one fetch")

	// Once the interval has passed, a genuine token triggers the next fetch.
	e.srv.SetLatency(0)
	e.clock.Advance(nafath.DefaultKeyRefreshInterval)
	_, err = e.client.VerifyCallback(context.Background(), cb)
	require.NoError(t, err)
	assert.LessOrEqual(t, e.srv.RequestCount(nafathtest.EndpointJWKS), 2)
}

// At most one fetch of the key set is in flight, whoever asks: callers with
// unknown kids after the interval and forced RefreshKeys alike.
func TestAtMostOneKeyFetchInFlight(t *testing.T) {
	key := sharedKey()
	jwks := `{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"k","n":"` + b64(key.N.Bytes()) + `","e":"AQAB"}]}`
	var inFlight, most, total atomic.Int32
	c := rawServer(t, func(w http.ResponseWriter, _ *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		total.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		_, _ = w.Write([]byte(jwks))
	})
	tok := signWith(t, jose.RS256, key, "other", map[string]any{"aud": "sp", "exp": time.Now().Add(time.Minute).Unix()})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { assert.NoError(t, c.RefreshKeys(context.Background())) })
		wg.Go(func() {
			_, err := c.VerifyCallback(context.Background(), identity.Callback{Token: tok, TransID: "t"})
			assert.ErrorIs(t, err, identity.ErrInvalidToken)
		})
	}
	wg.Wait()
	assert.Equal(t, int32(1), most.Load(), "never two fetches at once")
	assert.GreaterOrEqual(t, total.Load(), int32(8), "every RefreshKeys fetched after it was called")
}
