package identity

import (
	"context"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

// SignInState is the state of a sign-in request at the authenticator.
type SignInState string

// The states of a sign-in request, as Nafath reports them.
const (
	// SignInWaiting: the person has not answered in the app yet.
	SignInWaiting SignInState = "waiting"
	// SignInCompleted: the person approved in the app. This is not proof of
	// identity: identity comes only from a verified callback token.
	SignInCompleted SignInState = "completed"
	// SignInRejected: the person rejected the request in the app.
	SignInRejected SignInState = "rejected"
	// SignInExpired: the person did not answer in time (about 200 s for Nafath).
	SignInExpired SignInState = "expired"
)

var signInLabels = i18n.Labels[SignInState]{
	SignInWaiting:   {AR: "بانتظار الموافقة", EN: "waiting"},
	SignInCompleted: {AR: "مكتمل", EN: "completed"},
	SignInRejected:  {AR: "مرفوض", EN: "rejected"},
	SignInExpired:   {AR: "منتهي الصلاحية", EN: "expired"},
}

// Label returns the state's name in lang (the raw value for an unknown one).
func (s SignInState) Label(lang i18n.Lang) string { return signInLabels.Label(s, lang) }

// Challenge is a started sign-in: the number to show the person, who picks
// the same number in the authenticator app.
type Challenge struct {
	// NationalID is the identity the request was made for.
	NationalID NationalID `json:"national_id"`
	// TransID is the authenticator's transaction ID.
	TransID string `json:"trans_id"`
	// RequestID is the caller-side request ID sent with the request (a UUID for Nafath).
	RequestID string `json:"request_id"`
	// Number is the two-digit number to display ("07", "42").
	Number string `json:"number"`
	// ExpiresAt is when the request lapses if unanswered (UTC).
	ExpiresAt time.Time `json:"expires_at"`
	// Token is the session token of the sign-in, set by the Service (an
	// Authenticator leaves it empty): give it to the person who started
	// the sign-in only. It proves nothing until the sign-in's callback is
	// verified (CompleteSignIn); then Authenticate accepts it.
	Token string `json:"token,omitempty"`
}

// Callback is what the authenticator posts to the service provider when the
// person answers: a signed token and the transaction it belongs to. An
// authenticator's wire format is its adapter's business: Nafath's body
// ({"token","transId","requestId"}) is decoded by nafath.DecodeCallback.
type Callback struct {
	// Token is the authenticator's signed token.
	Token string `json:"token"`
	// TransID is the sign-in transaction the token answers.
	TransID string `json:"trans_id"`
	// RequestID is the request ID the sign-in was started with.
	RequestID string `json:"request_id"`
}

// Claims is a verified identity: what the authenticator's signed token says
// about the person. Only a Claims value returned by VerifyCallback is proof
// of identity.
type Claims struct {
	NationalID NationalID `json:"national_id"`
	TransID    string     `json:"trans_id"`
	// Names in Arabic and English, as the authenticator gave them (may be empty).
	FirstNameAR  string `json:"first_name_ar,omitempty"`
	FatherNameAR string `json:"father_name_ar,omitempty"`
	GrandNameAR  string `json:"grandfather_name_ar,omitempty"`
	FamilyNameAR string `json:"family_name_ar,omitempty"`
	FirstNameEN  string `json:"first_name_en,omitempty"`
	FatherNameEN string `json:"father_name_en,omitempty"`
	GrandNameEN  string `json:"grandfather_name_en,omitempty"`
	FamilyNameEN string `json:"family_name_en,omitempty"`
	// Nationality code as given (e.g. "SA" or a numeric code), empty if absent.
	Nationality string `json:"nationality,omitempty"`
	// Gender as given ("M"/"F"), empty if absent.
	Gender string `json:"gender,omitempty"`
	// DateOfBirth is the Hijri civil date of birth, zero if absent.
	DateOfBirth hijri.Date `json:"date_of_birth"`
	// IssuedAt and ExpiresAt are the token's own times (UTC).
	IssuedAt  time.Time `json:"issued_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Authenticator is the port to a national sign-in service with Nafath's
// app-push flow: start a request and show its number, poll its state, and
// verify the signed callback that carries the identity.
//
// adapters/nafath implements it against Nafath's API; an in-memory
// implementation serves development and tests.
type Authenticator interface {
	// StartSignIn asks the authenticator to push a sign-in request to the
	// person's app. It must return an error matching ErrSignInActive if a
	// request for id is already active, and one with code unavailable if the
	// authenticator cannot be reached or times out.
	StartSignIn(ctx context.Context, id NationalID) (Challenge, error)
	// SignInStatus returns the state of a started request. It must return an
	// error matching ErrSignInNotFound for an unknown transaction.
	SignInStatus(ctx context.Context, ch Challenge) (SignInState, error)
	// VerifyCallback verifies the callback's signed token (signature, issuer
	// key, audience, expiry, transaction) and returns the identity it proves.
	// It must return an error with code unauthenticated for any token that
	// fails verification.
	VerifyCallback(ctx context.Context, cb Callback) (Claims, error)
}

// Sign-in errors that Authenticator implementations return.
var (
	// ErrSignInActive: a sign-in request for this identity is already active (Nafath 400-034-050).
	ErrSignInActive = fault.New(fault.FailedPrecondition, "signin.already_active",
		"a sign-in request is already waiting in your Nafath app", "يوجد طلب دخول قائم بانتظار موافقتك في تطبيق نفاذ")
	// ErrSignInExpired: the sign-in request has expired (Nafath 400-034-051).
	ErrSignInExpired = fault.New(fault.FailedPrecondition, "signin.expired",
		"the sign-in request has expired; start again", "انتهت صلاحية طلب الدخول، ابدأ من جديد")
	// ErrSignInNotFound: the authenticator does not know the transaction (Nafath 400-034-053).
	ErrSignInNotFound = fault.New(fault.NotFound, "signin.not_found",
		"the sign-in request was not found", "طلب الدخول غير موجود")
	// ErrSignInRejected: the person rejected the request in the app.
	ErrSignInRejected = fault.New(fault.Unauthenticated, "signin.rejected",
		"the sign-in request was rejected in the Nafath app", "تم رفض طلب الدخول في تطبيق نفاذ")
	// ErrInvalidToken: a callback token failed verification.
	ErrInvalidToken = fault.New(fault.Unauthenticated, "signin.invalid_token",
		"the sign-in could not be verified", "تعذر التحقق من عملية الدخول")
	// ErrAuthenticatorUnavailable: the authenticator could not be reached, timed out or refused our credentials.
	ErrAuthenticatorUnavailable = fault.New(fault.Unavailable, "signin.unavailable",
		"the national sign-in service is unavailable; try again later", "خدمة النفاذ الوطني غير متاحة حالياً، حاول لاحقاً")
)
