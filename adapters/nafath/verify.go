package nafath

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

// maxTokenLen bounds the callback token accepted for parsing.
const maxTokenLen = 16 << 10

// rs256 is the only signature algorithm accepted: "none", HS256 (which would
// let anyone holding the public key forge tokens) and every other algorithm
// are refused before any key is looked up.
var rs256 = []jose.SignatureAlgorithm{jose.RS256}

// tokenClaims is the payload of Nafath's callback token. Names follow public
// client code (DOMAIN.md §7.3); they differ by document type.
type tokenClaims struct {
	jwt.Claims

	TransID flexString `json:"transId"`
	Status  flexString `json:"status"`

	NIN          flexString `json:"nin"`
	IqamaNumber  flexString `json:"iqamaNumber"`
	BorderNumber flexString `json:"borderNumber"`
	VisaNumber   flexString `json:"visaNumber"`

	FirstName       string `json:"firstName"`
	FatherName      string `json:"fatherName"`
	SecondName      string `json:"secondName"`
	GrandFatherName string `json:"grandFatherName"`
	ThirdName       string `json:"thirdName"`
	FamilyName      string `json:"familyName"`
	LastName        string `json:"lastName"`

	EnglishFirstName  string `json:"englishFirstName"`
	EnglishSecondName string `json:"englishSecondName"`
	EnglishThirdName  string `json:"englishThirdName"`
	EnglishLastName   string `json:"englishLastName"`

	TranslatedFirstName  string `json:"translatedFirstName"`
	TranslatedSecondName string `json:"translatedSecondName"`
	TranslatedThirdName  string `json:"translatedThirdName"`
	TranslatedLastName   string `json:"translatedLastName"`

	Nationality     flexString `json:"nationality"`
	NationalityCode flexString `json:"nationalityCode"`
	Gender          flexString `json:"gender"`
	DateOfBirthG    flexString `json:"dateOfBirthG"`
	BirthgDate      flexString `json:"birthgDate"`
}

// VerifyCallback verifies the token of a callback Nafath posted and returns
// the identity it proves. Every check must hold:
//
//   - the token is a compact JWS signed with RS256 (never "none" or HS256);
//   - its signature verifies with the Nafath key named by its "kid" header,
//     from the JWKS at /api/v1/mfa/jwk (cached for JWKSCacheTTL, fetched
//     again when the kid is unknown, at most once per KeyRefreshInterval);
//     a token without kid is accepted only if the set holds exactly one key;
//   - "exp" is present and not past, "nbf" and "iat" are not in the future
//     (each with ClockSkew);
//   - "aud" (a string or an array) contains Options.Audience;
//   - "transId" equals cb.TransID (which must not be empty);
//   - "status", if present, is COMPLETED;
//   - the identity number ("nin", "iqamaNumber", "borderNumber" or
//     "visaNumber", the first present) is a valid identity.NationalID.
//
// Failures match identity.ErrInvalidToken (code unauthenticated) with
// reasons signin.token_malformed, signin.token_algorithm,
// signin.token_key_unknown, signin.token_signature, signin.token_audience,
// signin.token_expired, signin.token_not_yet_valid, signin.token_trans_id,
// signin.token_status and signin.token_identity; a signed "status" of
// REJECTED gives identity.ErrSignInRejected (also unauthenticated) and
// EXPIRED the reason signin.token_expired. If the keys are needed but Nafath cannot be
// reached, the error matches identity.ErrAuthenticatorUnavailable: the token
// was not judged.
//
// The caller must still check that cb.TransID is a transaction it started,
// for the national ID it started it for, and must accept a transaction's
// callback only once: a valid token can be replayed until it expires.
//
// Names, nationality and gender are copied as given; the Gregorian date of
// birth ("dateOfBirthG" or "birthgDate", as yyyy-mm-dd, dd-mm-yyyy,
// yyyy/mm/dd or dd/mm/yyyy) becomes a hijri.Date, left zero if absent or in
// another format.
func (c *Client) VerifyCallback(ctx context.Context, cb identity.Callback) (identity.Claims, error) {
	now := c.cfg.now()
	if cb.Token == "" || len(cb.Token) > maxTokenLen {
		return identity.Claims{}, errTokenMalformed
	}
	sig, err := jose.ParseSignedCompact(cb.Token, rs256)
	if err != nil {
		if alg := peekAlg(cb.Token); alg != "" && alg != string(jose.RS256) {
			return identity.Claims{}, errTokenAlgorithm.Wrap(err)
		}
		return identity.Claims{}, errTokenMalformed.Wrap(err)
	}
	pub, err := c.keys.key(ctx, sig.Signatures[0].Header.KeyID, now)
	if err != nil {
		return identity.Claims{}, err
	}
	payload, err := sig.Verify(pub)
	if err != nil {
		return identity.Claims{}, errTokenSignature.Wrap(err)
	}
	var cl tokenClaims
	if err := json.Unmarshal(payload, &cl); err != nil {
		return identity.Claims{}, errTokenMalformed.Wrap(err)
	}
	if cl.Expiry == nil {
		return identity.Claims{}, errTokenMalformed.Wrap(errors.New("the token has no exp claim"))
	}
	err = cl.ValidateWithLeeway(jwt.Expected{AnyAudience: jwt.Audience{c.cfg.audience}, Time: now}, c.cfg.skew)
	switch {
	case err == nil:
	case errors.Is(err, jwt.ErrInvalidAudience):
		return identity.Claims{}, errTokenAudience
	case errors.Is(err, jwt.ErrExpired):
		return identity.Claims{}, errTokenExpired
	case errors.Is(err, jwt.ErrNotValidYet), errors.Is(err, jwt.ErrIssuedInTheFuture):
		return identity.Claims{}, errTokenNotYetValid.Wrap(err)
	default:
		return identity.Claims{}, errTokenMalformed.Wrap(err)
	}
	if cb.TransID == "" || string(cl.TransID) != cb.TransID {
		return identity.Claims{}, errTokenTransID
	}
	switch strings.ToUpper(string(cl.Status)) {
	case "", "COMPLETED":
	case "REJECTED":
		return identity.Claims{}, identity.ErrSignInRejected.WithOp("nafath.Client.VerifyCallback")
	case "EXPIRED":
		return identity.Claims{}, errTokenExpired
	default:
		return identity.Claims{}, errTokenStatus
	}
	number := first(string(cl.NIN), string(cl.IqamaNumber), string(cl.BorderNumber), string(cl.VisaNumber))
	id, err := identity.ParseNationalID(number)
	if err != nil {
		return identity.Claims{}, errTokenIdentity.Wrap(errors.New(err.Error()))
	}
	out := identity.Claims{
		NationalID:   id,
		TransID:      cb.TransID,
		FirstNameAR:  cl.FirstName,
		FatherNameAR: first(cl.FatherName, cl.SecondName),
		GrandNameAR:  first(cl.GrandFatherName, cl.ThirdName),
		FamilyNameAR: first(cl.FamilyName, cl.LastName),
		FirstNameEN:  first(cl.EnglishFirstName, cl.TranslatedFirstName),
		FatherNameEN: first(cl.EnglishSecondName, cl.TranslatedSecondName),
		GrandNameEN:  first(cl.EnglishThirdName, cl.TranslatedThirdName),
		FamilyNameEN: first(cl.EnglishLastName, cl.TranslatedLastName),
		Nationality:  first(string(cl.Nationality), string(cl.NationalityCode)),
		Gender:       string(cl.Gender),
		ExpiresAt:    cl.Expiry.Time().UTC(),
	}
	if cl.IssuedAt != nil {
		out.IssuedAt = cl.IssuedAt.Time().UTC()
	}
	if dob := first(string(cl.DateOfBirthG), string(cl.BirthgDate)); dob != "" {
		if d, ok := parseGregorian(dob); ok {
			out.DateOfBirth = d
		} else {
			c.cfg.log.LogAttrs(ctx, slog.LevelWarn, "nafath callback: date of birth in an unknown format; left empty",
				slog.String("trans_id", cb.TransID), slog.Int("length", len(dob)))
		}
	}
	return out, nil
}

// first returns the first non-empty, trimmed string.
func first(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// gregorianLayouts are the date shapes accepted for dateOfBirthG. Nafath's
// format is not documented publicly.
var gregorianLayouts = []string{"2006-01-02", "02-01-2006", "2006/01/02", "02/01/2006"}

// parseGregorian parses a Gregorian civil date (a time part, if any, is
// ignored) and converts it to its Umm al-Qura date.
func parseGregorian(s string) (hijri.Date, bool) {
	if i := strings.IndexAny(s, "T "); i > 0 {
		s = s[:i]
	}
	for _, layout := range gregorianLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		d, err := hijri.FromGregorian(t.Date())
		return d, err == nil
	}
	return hijri.Date{}, false
}

// peekAlg returns the unverified "alg" of a compact JWS header, to say why a
// token was refused; "" if the header cannot be read.
func peekAlg(token string) string {
	head, _, ok := strings.Cut(token, ".")
	if !ok || len(head) > 4096 {
		return ""
	}
	b, err := base64.RawURLEncoding.DecodeString(head)
	if err != nil {
		return ""
	}
	var h struct {
		Alg string `json:"alg"`
	}
	if json.Unmarshal(b, &h) != nil {
		return ""
	}
	return h.Alg
}
