package identity

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/masarhr/masar-go/fault"
)

// DefaultSessionTTL is a session's lifetime from its sign-in: a working
// day ([INF]: no published Masar figure).
const DefaultSessionTTL = 8 * time.Hour

// SessionState is where a session stands.
type SessionState string

// The session states.
const (
	// SessionPending: the sign-in it belongs to has not been completed by a
	// verified callback yet; the token proves nothing.
	SessionPending SessionState = "pending"
	// SessionActive: the sign-in was completed; the token proves the person.
	SessionActive SessionState = "active"
	// SessionExpired: past ExpiresAt.
	SessionExpired SessionState = "expired"
	// SessionRevoked: signed out.
	SessionRevoked SessionState = "revoked"
)

// SessionRecord is a session as the Store keeps it. Its token is
// "<ID>.<secret>"; the Store holds only SecretHash, the secret's keyed hash
// under the session key, never the token.
type SessionRecord struct {
	// ID identifies the session (22 base64url characters, 128 random bits).
	ID string `json:"id"`
	// TransID is the sign-in the session was started with.
	TransID string `json:"trans_id"`
	// NationalID is the person the sign-in was started for.
	NationalID NationalID `json:"national_id"`
	// SecretHash is HMAC-SHA256(session key, secret).
	SecretHash []byte `json:"secret_hash"`
	// Claims are what the verified callback proved (zero while pending).
	Claims Claims `json:"claims,omitzero"`
	// CreatedAt is when the sign-in started; ActivatedAt when its callback
	// was verified (zero while pending); ExpiresAt when the session lapses
	// (the sign-in's expiry while pending, then ActivatedAt + the session
	// lifetime); RevokedAt when it was signed out (zero until then). UTC.
	CreatedAt   time.Time `json:"created_at"`
	ActivatedAt time.Time `json:"activated_at,omitzero"`
	ExpiresAt   time.Time `json:"expires_at"`
	RevokedAt   time.Time `json:"revoked_at,omitzero"`
	// Version counts the record's changes (compare-and-swap).
	Version int64 `json:"version"`
}

// State returns the record's state at now.
func (r SessionRecord) State(now time.Time) SessionState {
	switch {
	case !r.RevokedAt.IsZero():
		return SessionRevoked
	case !now.Before(r.ExpiresAt):
		return SessionExpired
	case r.ActivatedAt.IsZero():
		return SessionPending
	}
	return SessionActive
}

// session returns the Session the record proves.
func (r SessionRecord) session() Session {
	return Session{ID: r.ID, NationalID: r.NationalID, Claims: r.Claims, IssuedAt: r.ActivatedAt, ExpiresAt: r.ExpiresAt}
}

// The session errors.
var (
	// ErrSessionInvalid: the token is not one this service issued (forged,
	// tampered or malformed) or its session is unknown.
	ErrSessionInvalid = fault.New(fault.Unauthenticated, "session.invalid",
		"the session is not valid; sign in again", "الجلسة غير صالحة، سجل الدخول مجدداً")
	// ErrSessionExpired: the session lapsed.
	ErrSessionExpired = ErrSessionInvalid.Because("session.expired",
		"the session has expired; sign in again", "انتهت صلاحية الجلسة، سجل الدخول مجدداً")
	// ErrSessionRevoked: the session was signed out.
	ErrSessionRevoked = ErrSessionInvalid.Because("session.revoked",
		"the session was signed out; sign in again", "تم إنهاء الجلسة، سجل الدخول مجدداً")
	// ErrSessionPending: the sign-in of the session is not completed yet.
	ErrSessionPending = ErrSessionInvalid.Because("session.pending",
		"the sign-in is not completed yet; approve it in the Nafath app", "لم تكتمل عملية الدخول بعد، وافق عليها في تطبيق نفاذ")
)

const (
	sessionIDBytes     = 16
	sessionSecretBytes = 32
)

var b64 = base64.RawURLEncoding

// ParseSessionToken splits a session token into its session ID and secret.
// It checks the shape only: "<22 base64url characters>.<43 base64url
// characters>".
//
// Errors: ErrSessionInvalid.
func ParseSessionToken(token string) (id string, secret []byte, err error) {
	id, s, ok := strings.Cut(token, ".")
	if !ok || len(id) != b64.EncodedLen(sessionIDBytes) || len(s) != b64.EncodedLen(sessionSecretBytes) {
		return "", nil, ErrSessionInvalid
	}
	raw, err := b64.DecodeString(id)
	if err != nil || len(raw) != sessionIDBytes || b64.EncodeToString(raw) != id {
		return "", nil, ErrSessionInvalid
	}
	secret, err = b64.DecodeString(s)
	if err != nil || len(secret) != sessionSecretBytes || b64.EncodeToString(secret) != s {
		return "", nil, ErrSessionInvalid
	}
	return id, secret, nil
}

// newSessionToken returns a new session ID, its token and the secret's hash.
func (s *Service) newSessionToken() (id, token string, hash []byte, err error) {
	var b [sessionIDBytes + sessionSecretBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", nil, err
	}
	id = b64.EncodeToString(b[:sessionIDBytes])
	token = id + "." + b64.EncodeToString(b[sessionIDBytes:])
	return id, token, s.sessionHash(b[sessionIDBytes:]), nil
}

// sessionHash is the keyed hash of a session secret.
func (s *Service) sessionHash(secret []byte) []byte {
	m := hmac.New(sha256.New, s.sessionKey)
	m.Write(secret)
	return m.Sum(nil)
}

// deriveSessionKey derives the session key from the OTP key when
// Options.SessionKey is not set: HMAC-SHA256(OTPKey, label), a key that
// reveals nothing of the OTP key.
func deriveSessionKey(otpKey []byte) []byte {
	m := hmac.New(sha256.New, otpKey)
	m.Write([]byte("masar-go identity session key v1"))
	return m.Sum(nil)
}

// startSession stores the pending session of a sign-in being started and
// returns its token.
func (s *Service) startSession(ctx context.Context, si SignIn) (string, error) {
	id, token, hash, err := s.newSessionToken()
	if err != nil {
		return "", err
	}
	_, err = s.store.CreateSession(ctx, SessionRecord{ID: id, TransID: si.TransID, NationalID: si.NationalID,
		SecretHash: hash, CreatedAt: si.StartedAt, ExpiresAt: si.ExpiresAt.Add(s.callbackGrace)})
	if err != nil {
		return "", err
	}
	return token, nil
}

// activateSession makes the pending session of the completed sign-in si
// active with claims, and returns the Session. A sign-in started before
// sessions existed has none: its Session has no ID.
func (s *Service) activateSession(ctx context.Context, si SignIn, claims Claims, now time.Time) (Session, error) {
	r, err := s.store.GetSessionByTransID(ctx, si.TransID)
	if errors.Is(err, ErrNotFound) {
		return Session{NationalID: si.NationalID, Claims: claims, IssuedAt: now}, nil
	}
	if err != nil {
		return Session{}, err
	}
	r.Claims, r.ActivatedAt, r.ExpiresAt = claims, now, now.Add(s.sessionTTL)
	r, err = s.store.UpdateSession(ctx, r)
	if err != nil {
		return Session{}, err
	}
	return r.session(), nil
}

// Authenticate returns the live session token names: one issued by
// StartSignIn whose sign-in was completed by a verified callback, not
// expired and not signed out. It changes nothing.
//
// Errors: ErrSessionInvalid for a malformed, forged or unknown token;
// ErrSessionPending, ErrSessionExpired, ErrSessionRevoked; store errors.
func (s *Service) Authenticate(ctx context.Context, token string) (Session, error) {
	r, err := s.sessionOf(ctx, token)
	if err != nil {
		return Session{}, err
	}
	switch r.State(s.clock()) {
	case SessionPending:
		return Session{}, ErrSessionPending
	case SessionExpired:
		return Session{}, ErrSessionExpired
	case SessionRevoked:
		return Session{}, ErrSessionRevoked
	}
	return r.session(), nil
}

// sessionOf returns the record token names, its secret checked in constant
// time.
func (s *Service) sessionOf(ctx context.Context, token string) (SessionRecord, error) {
	id, secret, err := ParseSessionToken(token)
	if err != nil {
		return SessionRecord{}, err
	}
	r, err := s.store.GetSession(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return SessionRecord{}, ErrSessionInvalid
	}
	if err != nil {
		return SessionRecord{}, err
	}
	if !hmac.Equal(s.sessionHash(secret), r.SecretHash) {
		return SessionRecord{}, ErrSessionInvalid
	}
	return r, nil
}

// SignOut revokes the session token names (pending or active) and returns
// it. Signing out a session that was signed out, or has expired, changes
// nothing and is not an error: the token is dead either way.
//
// Errors: ErrSessionInvalid for a malformed, forged or unknown token;
// store errors (ErrConflict when a concurrent change won: retry).
func (s *Service) SignOut(ctx context.Context, token string) (Session, error) {
	r, err := s.sessionOf(ctx, token)
	if err != nil {
		return Session{}, err
	}
	now := s.clock()
	switch r.State(now) {
	case SessionPending, SessionActive:
		r.RevokedAt = now
		if r, err = s.store.UpdateSession(ctx, r); err != nil {
			return Session{}, err
		}
	}
	return r.session(), nil
}

// PurgeSessions deletes the sessions that expired before now, signed out or
// not, and returns how many. Hosts run it from time to time.
func (s *Service) PurgeSessions(ctx context.Context) (int, error) {
	return s.store.PurgeSessions(ctx, s.clock())
}
