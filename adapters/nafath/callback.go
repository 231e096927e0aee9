package nafath

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/identity"
)

// CallbackBody is the body Nafath POSTs to the callback URL when the person
// answers, in Nafath's own field names.
type CallbackBody struct {
	Token     string `json:"token"`
	TransID   string `json:"transId"`
	RequestID string `json:"requestId"`
}

// Callback returns b as the identity.Callback that VerifyCallback (and
// masar.Client.CompleteSignIn) take.
func (b CallbackBody) Callback() identity.Callback {
	return identity.Callback{Token: b.Token, TransID: b.TransID, RequestID: b.RequestID}
}

// BodyOf returns the body Nafath posts for cb (what nafathtest delivers).
func BodyOf(cb identity.Callback) CallbackBody {
	return CallbackBody{Token: cb.Token, TransID: cb.TransID, RequestID: cb.RequestID}
}

// MaxCallbackBytes is the largest callback body DecodeCallback reads.
const MaxCallbackBytes = 64 << 10

// ErrInvalidCallback is returned by DecodeCallback for a body that is not
// one JSON object of Nafath's callback with a token and a transaction ID.
var ErrInvalidCallback = fault.New(fault.Invalid, "nafath.invalid_callback",
	"the sign-in callback is not valid", "استجابة تسجيل الدخول غير صحيحة")

// DecodeCallback reads Nafath's callback body from r (at most
// MaxCallbackBytes) and returns it as an identity.Callback. It checks the
// shape only: pass the result to VerifyCallback, which checks the token.
func DecodeCallback(r io.Reader) (identity.Callback, error) {
	dec := json.NewDecoder(io.LimitReader(r, MaxCallbackBytes+1))
	var b CallbackBody
	if err := dec.Decode(&b); err != nil {
		return identity.Callback{}, ErrInvalidCallback.Wrap(err)
	}
	if dec.More() {
		return identity.Callback{}, ErrInvalidCallback.Wrap(errors.New("trailing data"))
	}
	if _, err := dec.Token(); err != io.EOF {
		return identity.Callback{}, ErrInvalidCallback.Wrap(errors.New("trailing data"))
	}
	if b.Token == "" || b.TransID == "" {
		return identity.Callback{}, ErrInvalidCallback.Because("nafath.callback_incomplete",
			"the sign-in callback has no token or transaction", "استجابة تسجيل الدخول ناقصة")
	}
	return b.Callback(), nil
}
