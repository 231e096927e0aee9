package httpapi

import (
	"net/http"

	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
)

// codeRequest carries a mobile code.
type codeRequest struct {
	Code string `json:"code"`
}

// tokenRequest carries an email confirmation token.
type tokenRequest struct {
	Token string `json:"token"`
}

// signInRequest starts a sign-in.
type signInRequest struct {
	NationalID string `json:"national_id"`
}

// SignInStatus is a sign-in's state as the API reports it.
type SignInStatus struct {
	// TransID is the sign-in's transaction.
	TransID string `json:"trans_id"`
	// State is waiting, completed, rejected or expired.
	State identity.SignInState `json:"state"`
}

// SessionInfo is the signed-in person's session and who they act as.
type SessionInfo struct {
	// Session is the session (without its token).
	Session identity.Session `json:"session"`
	// Actor is who the directory says the person acts as.
	Actor masar.Actor `json:"actor"`
}

// identityRoutes returns the registration, sign-in and session endpoints.
func (a *API) identityRoutes() []route {
	return []route{
		{method: "POST", path: "/v1/registrations", public: true, limit: limitRegister, create: true, uses: uses(masar.UseRegister), do: a.startRegistration},
		{method: "POST", path: "/v1/registrations/{id}/mobile-verification", public: true, limit: limitOTPCheck, uses: uses(masar.UseVerifyMobile), do: a.verifyMobile},
		{method: "POST", path: "/v1/registrations/{id}/otp", public: true, limit: limitOTPSend, uses: uses(masar.UseResendOTP), do: a.resendOTP},
		{method: "POST", path: "/v1/email-confirmations", public: true, limit: limitOTPCheck, uses: uses(masar.UseConfirmEmail), do: a.confirmEmail},
		{method: "POST", path: "/v1/sign-ins", public: true, limit: limitSignIn, uses: uses(masar.UseStartSignIn), do: a.startSignIn},
		{method: "GET", path: "/v1/sign-ins/{trans_id}", public: true, do: a.signInStatus},
		{method: "POST", path: "/v1/sign-ins/callback", public: true, maxBody: nafath.MaxCallbackBytes, uses: uses(masar.UseCompleteSignIn), do: a.completeSignIn},
		{method: "GET", path: "/v1/session", do: a.currentSession},
		{method: "DELETE", path: "/v1/session", uses: uses(masar.UseSignOut), do: a.signOut},
	}
}

func (a *API) startRegistration(rq *request) (reply, error) {
	var in identity.RegisterInput
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	if err := a.limiter.allowIdentity(limitRegister, in.NationalID); err != nil {
		return reply{}, err
	}
	r, err := a.cfg.Client.StartRegistration(rq.ctx(), in)
	if err != nil {
		return reply{}, err
	}
	return created(r, r.Version, ""), nil
}

func (a *API) verifyMobile(rq *request) (reply, error) {
	id := rq.r.PathValue("id")
	if err := a.limiter.allowIdentity(limitOTPCheck, id); err != nil {
		return reply{}, err
	}
	var in codeRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	r, err := a.cfg.Client.VerifyMobile(rq.ctx(), id, in.Code)
	if err != nil {
		return reply{}, err
	}
	return versioned(r, r.Version), nil
}

func (a *API) resendOTP(rq *request) (reply, error) {
	id := rq.r.PathValue("id")
	if err := a.limiter.allowIdentity(limitOTPSend, id); err != nil {
		return reply{}, err
	}
	r, err := a.cfg.Client.ResendOTP(rq.ctx(), id)
	if err != nil {
		return reply{}, err
	}
	return versioned(r, r.Version), nil
}

func (a *API) confirmEmail(rq *request) (reply, error) {
	var in tokenRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	r, err := a.cfg.Client.ConfirmEmail(rq.ctx(), in.Token)
	if err != nil {
		return reply{}, err
	}
	return versioned(r, r.Version), nil
}

// startSignIn starts a Nafath sign-in: the answer shows the number to pick
// in the app and carries the session token, also set as the session cookie;
// the token works once Nafath's callback is verified.
func (a *API) startSignIn(rq *request) (reply, error) {
	var in signInRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	id, err := identity.ParseNationalID(in.NationalID)
	if err != nil {
		return reply{}, invalidParam("national_id", err)
	}
	if err := a.limiter.allowIdentity(limitSignIn, id.String()); err != nil {
		return reply{}, err
	}
	ch, err := a.cfg.Client.StartSignIn(rq.ctx(), id)
	if err != nil {
		return reply{}, err
	}
	ck := a.sessionCookie(ch.Token)
	return reply{status: http.StatusCreated, body: ch, location: "/v1/sign-ins/" + ch.TransID,
		headers: map[string]string{"Set-Cookie": ck.String(), "Cache-Control": "no-store"}}, nil
}

func (a *API) signInStatus(rq *request) (reply, error) {
	st, err := a.cfg.Client.SignInStatus(rq.ctx(), rq.r.PathValue("trans_id"))
	if err != nil {
		return reply{}, err
	}
	return ok(SignInStatus{TransID: rq.r.PathValue("trans_id"), State: st}), nil
}

// completeSignIn is the callback Nafath posts; the nafath adapter decodes
// it and the facade verifies its signed token.
func (a *API) completeSignIn(rq *request) (reply, error) {
	cb, err := nafath.DecodeCallback(rq.r.Body)
	if err != nil {
		return reply{}, err
	}
	if _, err := a.cfg.Client.CompleteSignIn(rq.ctx(), cb); err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusNoContent, raw: []byte{}}, nil
}

func (a *API) currentSession(rq *request) (reply, error) {
	return ok(SessionInfo{Session: rq.session, Actor: rq.actor}), nil
}

func (a *API) signOut(rq *request) (reply, error) {
	token, _ := a.sessionToken(rq.r)
	a.sessions.forget(token)
	s, err := a.cfg.Client.SignOut(rq.ctx(), token)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusOK, body: s, headers: map[string]string{"Set-Cookie": a.clearCookie().String()}}, nil
}
