package masar

import (
	"context"
	"time"

	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/page"
)

// Public use cases: made before anyone is signed in, audited under the
// identity they concern.
const (
	UseRegister       UseCase = "identity.register"
	UseVerifyMobile   UseCase = "identity.verify_mobile"
	UseResendOTP      UseCase = "identity.resend_otp"
	UseConfirmEmail   UseCase = "identity.confirm_email"
	UseStartSignIn    UseCase = "identity.start_sign_in"
	UseCompleteSignIn UseCase = "identity.complete_sign_in"
	UseSignOut        UseCase = "identity.sign_out"
)

// public runs a pre-authentication flow through the one runner (do): a
// single identity call whose own contract says what it keeps when it fails
// (a wrong mobile code is counted even though the call fails, so brute force
// locks); its outcome and its audit entry are committed together either way.
func (c *Client) public(ctx context.Context, uc UseCase, subject identity.NationalID, fn func(ctx context.Context, cl *call) error) error {
	return c.do(ctx, Actor{NationalID: subject}, uc, func(ctx context.Context, cl *call) error {
		cl.tg.subject = subject
		return fn(ctx, cl)
	})
}

// StartRegistration registers a person: their ID and birth date are matched
// against the civil registry, a code is sent to their mobile and a link to
// their email. See identity.Service.StartRegistration.
func (c *Client) StartRegistration(ctx context.Context, in identity.RegisterInput) (identity.Registration, error) {
	var out identity.Registration
	id, _ := identity.ParseNationalID(in.NationalID)
	err := c.public(ctx, UseRegister, id, func(ctx context.Context, cl *call) error {
		r, err := c.identity.StartRegistration(ctx, in)
		out = r
		cl.resource = r.ID
		return err
	})
	return out, err
}

// VerifyMobile confirms a registration's mobile with the code sent by SMS.
// Wrong codes are counted; the fifth locks the confirmation.
func (c *Client) VerifyMobile(ctx context.Context, registrationID, code string) (identity.Registration, error) {
	return c.onRegistration(ctx, UseVerifyMobile, registrationID, func(ctx context.Context) (identity.Registration, error) {
		return c.identity.VerifyMobile(ctx, registrationID, code)
	})
}

// ResendOTP sends a new mobile code, subject to the cooldown and send limit.
func (c *Client) ResendOTP(ctx context.Context, registrationID string) (identity.Registration, error) {
	return c.onRegistration(ctx, UseResendOTP, registrationID, func(ctx context.Context) (identity.Registration, error) {
		return c.identity.ResendOTP(ctx, registrationID)
	})
}

// ConfirmEmail confirms a registration's email with its single-use token.
func (c *Client) ConfirmEmail(ctx context.Context, token string) (identity.Registration, error) {
	var out identity.Registration
	err := c.public(ctx, UseConfirmEmail, identity.NationalID{}, func(ctx context.Context, cl *call) error {
		r, err := c.identity.ConfirmEmail(ctx, token)
		out = r
		cl.resource = r.ID
		cl.tg.subject = r.NationalID
		return err
	})
	return out, err
}

func (c *Client) onRegistration(ctx context.Context, uc UseCase, id string, fn func(ctx context.Context) (identity.Registration, error)) (identity.Registration, error) {
	var out identity.Registration
	err := c.public(ctx, uc, identity.NationalID{}, func(ctx context.Context, cl *call) error {
		cl.resource = id
		if r, err := c.identity.Registration(ctx, id); err == nil {
			cl.tg.subject = r.NationalID
			cl.actor.NationalID = r.NationalID
		}
		r, err := fn(ctx)
		out = r
		return err
	})
	return out, err
}

// StartSignIn starts a Nafath sign-in for id and returns the number to show
// and the session token (Challenge.Token): give the token to the person
// who started, only; it proves nothing until CompleteSignIn verifies the
// sign-in's callback.
func (c *Client) StartSignIn(ctx context.Context, id identity.NationalID) (identity.Challenge, error) {
	var out identity.Challenge
	err := c.public(ctx, UseStartSignIn, id, func(ctx context.Context, cl *call) error {
		ch, err := c.identity.StartSignIn(ctx, id)
		out = ch
		cl.resource = ch.TransID
		return err
	})
	return out, err
}

// SignInStatus reports a started sign-in's state. It is not proof of
// identity: that comes only from CompleteSignIn.
func (c *Client) SignInStatus(ctx context.Context, transID string) (identity.SignInState, error) {
	return c.identity.SignInStatus(ctx, transID)
}

// CompleteSignIn verifies the authenticator's signed callback and returns the
// proven identity. From then on the session token StartSignIn gave
// (Challenge.Token) is accepted by Authenticate, until it expires or
// SignOut revokes it.
func (c *Client) CompleteSignIn(ctx context.Context, cb identity.Callback) (identity.Session, error) {
	var out identity.Session
	err := c.public(ctx, UseCompleteSignIn, identity.NationalID{}, func(ctx context.Context, cl *call) error {
		cl.resource = cb.TransID
		s, err := c.identity.CompleteSignIn(ctx, cb)
		out = s
		cl.tg.subject = s.NationalID
		cl.actor.NationalID = s.NationalID
		return err
	})
	return out, err
}

// ServiceEligibility decides whether subject may use a Masar service, with
// every failed condition (the actor on themself, or HR of their agency).
// granted are the services the subject's agency has given them a
// permission on.
func (c *Client) ServiceEligibility(ctx context.Context, a Actor, subject identity.NationalID, svc identity.MasarService, granted []identity.MasarService) (identity.Decision, error) {
	var out identity.Decision
	err := c.do(ctx, a, UseServiceEligibility, func(ctx context.Context, cl *call) error {
		tg, err := c.personTarget(ctx, subject)
		if err != nil {
			return err
		}
		if err := cl.authorize(ctx, tg); err != nil {
			return err
		}
		d, err := c.identity.CheckEligibility(ctx, subject, svc, granted)
		out = d
		return err
	})
	return only(out, err)
}

// GrantConsentInput is what an owner gives to open parts of their file to an agency.
type GrantConsentInput struct {
	Grantee string          `json:"grantee"`
	Parts   []identity.Part `json:"parts"`
	Purpose string          `json:"purpose"`
	From    time.Time       `json:"from,omitzero"`
	Until   time.Time       `json:"until"`
}

// GrantConsent lets an agency read named parts of the actor's own file
// until a time.
func (c *Client) GrantConsent(ctx context.Context, a Actor, in GrantConsentInput) (identity.Consent, error) {
	var out identity.Consent
	err := c.do(ctx, a, UseGrantConsent, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{subject: a.NationalID}); err != nil {
			return err
		}
		g, err := c.identity.GrantConsent(ctx, identity.GrantInput{
			Owner: a.NationalID, Grantee: in.Grantee, Parts: in.Parts, Purpose: in.Purpose, From: in.From, Until: in.Until,
		})
		out = g
		cl.resource = g.ID
		cl.tg.agency = in.Grantee
		return err
	})
	return only(out, err)
}

// RevokeConsent revokes one of the actor's consents; revoking twice is a no-op.
func (c *Client) RevokeConsent(ctx context.Context, a Actor, consentID string) (identity.Consent, error) {
	var out identity.Consent
	err := c.do(ctx, a, UseRevokeConsent, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{subject: a.NationalID}); err != nil {
			return err
		}
		cl.resource = consentID
		g, err := c.identity.RevokeConsent(ctx, a.NationalID, consentID)
		out = g
		return err
	})
	return only(out, err)
}

// MyConsents lists the consents the actor has given, oldest first.
func (c *Client) MyConsents(ctx context.Context, a Actor) ([]identity.Consent, error) {
	var out []identity.Consent
	err := c.do(ctx, a, UseListConsents, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{subject: a.NationalID}); err != nil {
			return err
		}
		cs, err := page.All(func(after string) (page.Page[identity.Consent], error) {
			return c.identity.ListConsents(ctx, identity.ConsentFilter{Owner: a.NationalID, After: after})
		})
		out = cs
		return err
	})
	return only(out, err)
}

// Authenticate returns the live session token names (see
// identity.Service.Authenticate). It is not audited: it reads no one's file
// and changes nothing; the calls the session's person then makes are.
func (c *Client) Authenticate(ctx context.Context, token string) (identity.Session, error) {
	return c.identity.Authenticate(ctx, token)
}

// SignOut revokes the session token names, audited under its person. A
// token that names no session is refused (and audited under no one).
func (c *Client) SignOut(ctx context.Context, token string) (identity.Session, error) {
	var out identity.Session
	err := c.public(ctx, UseSignOut, identity.NationalID{}, func(ctx context.Context, cl *call) error {
		s, err := c.identity.SignOut(ctx, token)
		out = s
		cl.resource = s.ID
		cl.tg.subject = s.NationalID
		cl.actor.NationalID = s.NationalID
		return err
	})
	return out, err
}

// PurgeSessions deletes the sessions that have expired, signed out or not,
// and returns how many: the host's scheduled housekeeping, like the
// grievance sweep. It reads no one's file and is not audited.
func (c *Client) PurgeSessions(ctx context.Context) (int, error) {
	return c.identity.PurgeSessions(ctx)
}
