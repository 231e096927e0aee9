package identitytest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/masarhr/masar-go/identity"
)

// Defaults of AuthenticatorOptions.
const (
	// DefaultSignInLifetime is how long a sign-in request waits for an
	// answer, as Nafath's (about 200 s).
	DefaultSignInLifetime = 200 * time.Second
	// DefaultTokenTTL is the validity of a callback token.
	DefaultTokenTTL = 5 * time.Minute
	// DefaultAudience is the "aud" of the tokens an Authenticator issues.
	DefaultAudience = "identitytest"
)

// ErrNotWaiting is returned by Approve, Reject and Expire for a request that
// was already approved, rejected or expired.
var ErrNotWaiting = errors.New("identitytest: the sign-in request is not waiting")

// AuthenticatorOptions configure an Authenticator; nil or zero fields mean
// the defaults.
type AuthenticatorOptions struct {
	// Now is the clock (default time.Now): request lifetimes and token
	// times are measured on it.
	Now func() time.Time
	// Lifetime is how long a request waits before it expires (default 200 s).
	Lifetime time.Duration
	// TokenTTL is the validity of callback tokens (default 5 min).
	TokenTTL time.Duration
	// Audience is the "aud" the tokens carry and VerifyCallback requires
	// (default "identitytest").
	Audience string
	// Profiles is the person data proven per identity; an identity not listed
	// gets DefaultProfile.
	Profiles map[identity.NationalID]Profile
}

// Authenticator is an in-memory identity.Authenticator with Nafath's flow,
// for development and tests: no network, no app. StartSignIn issues a
// transaction and a two-digit number, allowing one waiting request per
// identity (ErrSignInActive otherwise); a request expires after Lifetime
// unless Approve, Reject or Expire answers it first, standing in for the
// person's app. Approve returns the callback, whose token is an HS256 JWT
// signed with a secret random to this Authenticator, so VerifyCallback
// accepts only tokens it issued, unaltered, unexpired, for the callback's
// transaction.
//
// It is safe for concurrent use. It keeps every transaction in memory
// for its lifetime and never forgets one; it is not meant to run for long.
type Authenticator struct {
	now      func() time.Time
	lifetime time.Duration
	tokenTTL time.Duration
	audience string
	secret   []byte

	mu     sync.Mutex
	txns   map[string]*authTxn
	people map[identity.NationalID]Profile
}

var _ identity.Authenticator = (*Authenticator)(nil)

type authTxn struct {
	ch       identity.Challenge
	state    identity.SignInState
	callback *identity.Callback
}

// NewAuthenticator returns an empty Authenticator configured by opts (nil
// means defaults).
func NewAuthenticator(opts *AuthenticatorOptions) *Authenticator {
	var o AuthenticatorOptions
	if opts != nil {
		o = *opts
	}
	a := &Authenticator{
		now:      o.Now,
		lifetime: o.Lifetime,
		tokenTTL: o.TokenTTL,
		audience: o.Audience,
		secret:   make([]byte, 32),
		txns:     map[string]*authTxn{},
		people:   map[identity.NationalID]Profile{},
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.lifetime <= 0 {
		a.lifetime = DefaultSignInLifetime
	}
	if a.tokenTTL <= 0 {
		a.tokenTTL = DefaultTokenTTL
	}
	if a.audience == "" {
		a.audience = DefaultAudience
	}
	_, _ = rand.Read(a.secret) // crypto/rand.Read never fails (Go 1.24+)
	for id, p := range o.Profiles {
		a.people[id] = p
	}
	return a
}

// StartSignIn starts a request for id and returns its number. It returns
// identity.ErrSignInActive if a request for id is still waiting,
// identity.ErrInvalidNationalID for the zero ID, and an error matching
// identity.ErrAuthenticatorUnavailable (and ctx's error) if ctx is done.
func (a *Authenticator) StartSignIn(ctx context.Context, id identity.NationalID) (identity.Challenge, error) {
	if err := ctx.Err(); err != nil {
		return identity.Challenge{}, identity.ErrAuthenticatorUnavailable.Wrap(err)
	}
	if id.IsZero() {
		return identity.Challenge{}, identity.ErrInvalidNationalID.WithOp("identitytest.Authenticator.StartSignIn")
	}
	now := a.now()
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, t := range a.txns {
		if t.ch.NationalID == id && a.stateLocked(t, now) == identity.SignInWaiting {
			return identity.Challenge{}, identity.ErrSignInActive.WithOp("identitytest.Authenticator.StartSignIn")
		}
	}
	n, _ := rand.Int(rand.Reader, big.NewInt(100))
	ch := identity.Challenge{
		NationalID: id,
		TransID:    newSignInID(),
		RequestID:  newSignInID(),
		Number:     fmt.Sprintf("%02d", n.Int64()),
		ExpiresAt:  now.Add(a.lifetime).UTC(),
	}
	a.txns[ch.TransID] = &authTxn{ch: ch, state: identity.SignInWaiting}
	return ch, nil
}

// SignInStatus returns the request's state. It returns
// identity.ErrSignInNotFound unless ch names a request this Authenticator
// started, with the same national ID and number.
func (a *Authenticator) SignInStatus(ctx context.Context, ch identity.Challenge) (identity.SignInState, error) {
	if err := ctx.Err(); err != nil {
		return "", identity.ErrAuthenticatorUnavailable.Wrap(err)
	}
	now := a.now()
	a.mu.Lock()
	defer a.mu.Unlock()
	t, ok := a.txns[ch.TransID]
	if !ok || t.ch.NationalID != ch.NationalID || t.ch.Number != ch.Number {
		return "", identity.ErrSignInNotFound.WithOp("identitytest.Authenticator.SignInStatus")
	}
	return a.stateLocked(t, now), nil
}

// stateLocked returns t's state, expiring it if its lifetime has passed.
func (a *Authenticator) stateLocked(t *authTxn, now time.Time) identity.SignInState {
	if t.state == identity.SignInWaiting && !now.Before(t.ch.ExpiresAt) {
		t.state = identity.SignInExpired
	}
	return t.state
}

// Approve answers a waiting request as the person approving it in the app
// and returns the callback the authenticator would post. It returns
// identity.ErrSignInNotFound for an unknown transaction and ErrNotWaiting
// for one already answered or expired.
func (a *Authenticator) Approve(transID string) (identity.Callback, error) {
	now := a.now()
	a.mu.Lock()
	defer a.mu.Unlock()
	t, err := a.waitingLocked(transID, now)
	if err != nil {
		return identity.Callback{}, err
	}
	p, ok := a.people[t.ch.NationalID]
	if !ok {
		p = DefaultProfile(t.ch.NationalID)
	}
	token, err := a.sign(authTokenClaims{
		Claims: jwt.Claims{
			Audience: jwt.Audience{a.audience},
			IssuedAt: jwt.NewNumericDate(now),
			Expiry:   jwt.NewNumericDate(now.Add(a.tokenTTL)),
		},
		TransID:    transID,
		NationalID: t.ch.NationalID.String(),
		Profile:    p,
	})
	if err != nil {
		return identity.Callback{}, err
	}
	t.state = identity.SignInCompleted
	cb := identity.Callback{Token: token, TransID: transID, RequestID: t.ch.RequestID}
	t.callback = &cb
	return cb, nil
}

// Reject answers a waiting request as the person rejecting it.
func (a *Authenticator) Reject(transID string) error {
	now := a.now()
	a.mu.Lock()
	defer a.mu.Unlock()
	t, err := a.waitingLocked(transID, now)
	if err != nil {
		return err
	}
	t.state = identity.SignInRejected
	return nil
}

// Expire makes a waiting request expire now.
func (a *Authenticator) Expire(transID string) error {
	now := a.now()
	a.mu.Lock()
	defer a.mu.Unlock()
	t, err := a.waitingLocked(transID, now)
	if err != nil {
		return err
	}
	t.state = identity.SignInExpired
	return nil
}

func (a *Authenticator) waitingLocked(transID string, now time.Time) (*authTxn, error) {
	t, ok := a.txns[transID]
	if !ok {
		return nil, identity.ErrSignInNotFound.WithOp("identitytest.Authenticator")
	}
	if st := a.stateLocked(t, now); st != identity.SignInWaiting {
		return nil, fmt.Errorf("%w (%s)", ErrNotWaiting, st)
	}
	return t, nil
}

// Active returns the waiting request for id, if any: what a development
// page standing in for the app would show.
func (a *Authenticator) Active(id identity.NationalID) (identity.Challenge, bool) {
	now := a.now()
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, t := range a.txns {
		if t.ch.NationalID == id && a.stateLocked(t, now) == identity.SignInWaiting {
			return t.ch, true
		}
	}
	return identity.Challenge{}, false
}

// Callback returns the callback of an approved request.
func (a *Authenticator) Callback(transID string) (identity.Callback, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	t, ok := a.txns[transID]
	if !ok || t.callback == nil {
		return identity.Callback{}, false
	}
	return *t.callback, true
}

// SetProfile sets the person data proven for id by later approvals.
func (a *Authenticator) SetProfile(id identity.NationalID, p Profile) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.people[id] = p
}

// authTokenClaims is the payload of this Authenticator's tokens.
type authTokenClaims struct {
	jwt.Claims
	TransID    string  `json:"transId"`
	NationalID string  `json:"nin"`
	Profile    Profile `json:"profile"`
}

var authTokenAlgs = []jose.SignatureAlgorithm{jose.HS256}

func (a *Authenticator) sign(c authTokenClaims) (string, error) {
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: a.secret}, (&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return "", err
	}
	return jwt.Signed(signer).Claims(c).Serialize()
}

// VerifyCallback verifies a callback's token: signed by this Authenticator
// (HS256 with its secret; any other algorithm, key or change is refused), for
// its audience, not expired (no leeway), for cb.TransID. It returns the
// identity the token proves, or an error matching identity.ErrInvalidToken.
func (a *Authenticator) VerifyCallback(ctx context.Context, cb identity.Callback) (identity.Claims, error) {
	if err := ctx.Err(); err != nil {
		return identity.Claims{}, identity.ErrAuthenticatorUnavailable.Wrap(err)
	}
	now := a.now()
	tok, err := jwt.ParseSigned(cb.Token, authTokenAlgs)
	if err != nil {
		return identity.Claims{}, identity.ErrInvalidToken.Wrap(err)
	}
	var c authTokenClaims
	if err := tok.Claims(a.secret, &c); err != nil {
		return identity.Claims{}, identity.ErrInvalidToken.Wrap(err)
	}
	if c.Expiry == nil {
		return identity.Claims{}, identity.ErrInvalidToken.Wrap(errors.New("identitytest: token has no exp"))
	}
	if err := c.ValidateWithLeeway(jwt.Expected{AnyAudience: jwt.Audience{a.audience}, Time: now}, 0); err != nil {
		return identity.Claims{}, identity.ErrInvalidToken.Wrap(err)
	}
	if cb.TransID == "" || c.TransID != cb.TransID {
		return identity.Claims{}, identity.ErrInvalidToken.Wrap(errors.New("identitytest: token is for another transaction"))
	}
	id, err := identity.ParseNationalID(c.NationalID)
	if err != nil {
		return identity.Claims{}, identity.ErrInvalidToken.Wrap(errors.New(err.Error()))
	}
	p := c.Profile
	return identity.Claims{
		NationalID:   id,
		TransID:      c.TransID,
		FirstNameAR:  p.FirstNameAR,
		FatherNameAR: p.FatherNameAR,
		GrandNameAR:  p.GrandNameAR,
		FamilyNameAR: p.FamilyNameAR,
		FirstNameEN:  p.FirstNameEN,
		FatherNameEN: p.FatherNameEN,
		GrandNameEN:  p.GrandNameEN,
		FamilyNameEN: p.FamilyNameEN,
		Nationality:  p.Nationality,
		Gender:       p.Gender,
		DateOfBirth:  p.DateOfBirth,
		IssuedAt:     c.IssuedAt.Time().UTC(),
		ExpiresAt:    c.Expiry.Time().UTC(),
	}, nil
}

func newSignInID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
