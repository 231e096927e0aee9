package identity

import (
	"context"
	"errors"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/internal/validation"
)

// SignIn is a sign-in request the Service started and is waiting to
// complete: which identity a transaction of the Authenticator belongs to.
// Its callback is accepted once.
type SignIn struct {
	// TransID is the Authenticator's transaction ID (the key).
	TransID string `json:"trans_id"`
	// RequestID is the caller-side request ID of the transaction.
	RequestID string `json:"request_id"`
	// NationalID is the identity the sign-in was started for.
	NationalID NationalID `json:"national_id"`
	// Number is the two-digit number shown to the person.
	Number string `json:"number"`
	// StartedAt and ExpiresAt bound the request; ConsumedAt is when its
	// callback was accepted (zero until then). UTC.
	StartedAt  time.Time `json:"started_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	ConsumedAt time.Time `json:"consumed_at,omitzero"`
}

// Challenge returns the Challenge s was started with.
func (s SignIn) Challenge() Challenge {
	return Challenge{NationalID: s.NationalID, TransID: s.TransID, RequestID: s.RequestID, Number: s.Number, ExpiresAt: s.ExpiresAt}
}

// Session is a completed sign-in: the identity the authenticator proved,
// and the session its token (Challenge.Token) carries from then on.
type Session struct {
	// ID identifies the session.
	ID         string     `json:"id"`
	NationalID NationalID `json:"national_id"`
	// Claims are the verified identity claims.
	Claims Claims `json:"claims"`
	// IssuedAt is when the sign-in completed (UTC).
	IssuedAt time.Time `json:"issued_at"`
	// ExpiresAt is when the session lapses (UTC).
	ExpiresAt time.Time `json:"expires_at,omitzero"`
}

// Sign-in errors of the Service, besides those of authenticator.go.
var (
	// ErrNotRegistered: the identity has no active registration, and the
	// Service requires one to sign in (Options.SignInWithoutRegistration).
	ErrNotRegistered = fault.New(fault.FailedPrecondition, "signin.not_registered",
		"this identity number is not registered; register first", "رقم الهوية غير مسجل، سجل أولاً")
	// ErrSignInReplayed: the sign-in's callback was accepted already.
	ErrSignInReplayed = ErrInvalidToken.Because("signin.replayed",
		"this sign-in was already completed; start again", "تم إكمال عملية الدخول هذه مسبقاً، ابدأ من جديد")
	// ErrSignInMismatch: the verified token is for another identity or
	// transaction than the sign-in.
	ErrSignInMismatch = ErrInvalidToken.Because("signin.identity_mismatch",
		"the sign-in could not be verified", "تعذر التحقق من عملية الدخول")
)

// StartSignIn starts a sign-in for id through the Authenticator and returns
// the challenge: show its Number, which the person picks in the app. The
// pending sign-in is stored under the challenge's TransID.
//
// Unless Options.SignInWithoutRegistration is set, id must have an active
// registration.
//
// Errors: ErrNotConfigured without an Authenticator; ErrInvalidNationalID
// for the zero ID; ErrNotRegistered; the Authenticator's errors
// (ErrSignInActive, ErrAuthenticatorUnavailable …; an uncoded one is
// reported as ErrAuthenticatorUnavailable); store errors. If storing fails
// after the Authenticator started, the request lapses on its own.
func (s *Service) StartSignIn(ctx context.Context, id NationalID) (Challenge, error) {
	if s.ports.Authenticator == nil {
		return Challenge{}, ErrNotConfigured
	}
	if id.IsZero() {
		return Challenge{}, ErrInvalidNationalID
	}
	now := s.clock()
	if !s.signInAnyone {
		r, err := s.store.GetRegistrationByNationalID(ctx, id)
		if errors.Is(err, ErrNotFound) || (err == nil && !r.Active()) {
			return Challenge{}, ErrNotRegistered
		}
		if err != nil {
			return Challenge{}, err
		}
	}
	ch, err := s.ports.Authenticator.StartSignIn(ctx, id)
	if err != nil {
		return Challenge{}, ErrAuthenticatorUnavailable.Wrap(err)
	}
	if ch.TransID == "" || ch.NationalID != id {
		return Challenge{}, ErrAuthenticatorUnavailable.Wrap(errors.New("identity: the authenticator returned a challenge for another identity or without a transaction"))
	}
	ch.ExpiresAt = ch.ExpiresAt.UTC().Truncate(time.Microsecond)
	if ch.ExpiresAt.IsZero() {
		ch.ExpiresAt = now.Add(s.signInLifetime)
	}
	si := SignIn{TransID: ch.TransID, RequestID: ch.RequestID, NationalID: id, Number: ch.Number,
		StartedAt: now, ExpiresAt: ch.ExpiresAt}
	if _, err := s.store.CreateSignIn(ctx, si); err != nil {
		return Challenge{}, err
	}
	if ch.Token, err = s.startSession(ctx, si); err != nil {
		return Challenge{}, err
	}
	return ch, nil
}

// SignInStatus returns the state of the sign-in transID: SignInCompleted once
// its callback was accepted, SignInExpired after its expiry, else what the
// Authenticator says. Completed at the Authenticator is not proof of
// identity: only CompleteSignIn gives a Session.
//
// Errors: fault.ErrInvalidInput (field "trans_id") for a transaction ID no
// store could hold (a NUL byte, invalid UTF-8 or over 200 bytes);
// ErrSignInNotFound for an unknown transaction; the Authenticator's errors.
func (s *Service) SignInStatus(ctx context.Context, transID string) (SignInState, error) {
	if s.ports.Authenticator == nil {
		return "", ErrNotConfigured
	}
	if err := validation.ID("trans_id", transID); err != nil {
		return "", err
	}
	now := s.clock()
	si, err := s.store.GetSignIn(ctx, transID)
	if errors.Is(err, ErrNotFound) {
		return "", ErrSignInNotFound
	}
	if err != nil {
		return "", err
	}
	switch {
	case !si.ConsumedAt.IsZero():
		return SignInCompleted, nil
	case !now.Before(si.ExpiresAt):
		return SignInExpired, nil
	}
	st, err := s.ports.Authenticator.SignInStatus(ctx, si.Challenge())
	if err != nil {
		return "", ErrAuthenticatorUnavailable.Wrap(err)
	}
	return st, nil
}

// CompleteSignIn accepts the Authenticator's callback for a pending sign-in
// and returns the session it proves. The token is verified by the
// Authenticator; its identity must be the one the sign-in was started for;
// the sign-in is then consumed, so the same callback (or another for the
// same transaction) is refused afterwards. A callback that fails
// verification consumes nothing, so a forged one cannot block the real one.
//
// Errors: fault.ErrInvalidInput (field "trans_id") for a transaction ID no
// store could hold (a NUL byte, invalid UTF-8 or over 200 bytes);
// ErrSignInNotFound for an unknown transaction; ErrSignInExpired when the
// callback comes later than Options.CallbackGrace after the request's expiry;
// the Authenticator's ErrInvalidToken; ErrSignInMismatch; ErrSignInReplayed;
// store errors.
func (s *Service) CompleteSignIn(ctx context.Context, cb Callback) (Session, error) {
	if s.ports.Authenticator == nil {
		return Session{}, ErrNotConfigured
	}
	if err := validation.ID("trans_id", cb.TransID); err != nil {
		return Session{}, err
	}
	now := s.clock()
	si, err := s.store.GetSignIn(ctx, cb.TransID)
	if errors.Is(err, ErrNotFound) {
		return Session{}, ErrSignInNotFound
	}
	if err != nil {
		return Session{}, err
	}
	if !si.ConsumedAt.IsZero() {
		return Session{}, ErrSignInReplayed
	}
	if now.After(si.ExpiresAt.Add(s.callbackGrace)) {
		return Session{}, ErrSignInExpired
	}
	claims, err := s.ports.Authenticator.VerifyCallback(ctx, cb)
	if err != nil {
		return Session{}, ErrInvalidToken.Wrap(err)
	}
	if claims.NationalID != si.NationalID || (claims.TransID != "" && claims.TransID != si.TransID) {
		return Session{}, ErrSignInMismatch
	}
	if _, err := s.store.ConsumeSignIn(ctx, si.TransID, now); err != nil {
		if errors.Is(err, ErrConflict) {
			return Session{}, ErrSignInReplayed
		}
		if errors.Is(err, ErrNotFound) {
			return Session{}, ErrSignInNotFound
		}
		return Session{}, err
	}
	return s.activateSession(ctx, si, claims, now)
}

// PurgeSignIns deletes the sign-ins that expired more than
// Options.CallbackGrace ago, completed or not, and returns how many. Hosts
// run it from time to time.
func (s *Service) PurgeSignIns(ctx context.Context) (int, error) {
	return s.store.PurgeSignIns(ctx, s.clock().Add(-s.callbackGrace))
}
