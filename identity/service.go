package identity

import (
	"fmt"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/internal/ids"
	"github.com/masarhr/masar-go/internal/validation"
)

// Defaults of Options.
const (
	// DefaultOTPTTL is how long a mobile confirmation code is valid.
	DefaultOTPTTL = 5 * time.Minute
	// DefaultOTPMaxAttempts is how many wrong codes lock the confirmation.
	DefaultOTPMaxAttempts = 5
	// DefaultOTPLockDuration is how long a lock lasts, and how long to wait
	// after DefaultOTPMaxSends codes were sent.
	DefaultOTPLockDuration = 15 * time.Minute
	// DefaultResendCooldown is the least time between two codes sent for one
	// registration.
	DefaultResendCooldown = 60 * time.Second
	// DefaultOTPMaxSends is how many codes may be sent for one registration
	// before a wait of the lock duration.
	DefaultOTPMaxSends = 5
	// DefaultEmailTokenTTL is how long an email confirmation token is valid.
	DefaultEmailTokenTTL = 24 * time.Hour
	// DefaultMaxRegistrationAttempts is how many registration attempts one
	// identity number may have under way at once ([INF]: the rules are
	// silent; see Options.MaxRegistrationAttempts).
	DefaultMaxRegistrationAttempts = 3
	// DefaultSignInLifetime is the lifetime of a sign-in request whose
	// Challenge gives no expiry (Nafath's is about 200 s).
	DefaultSignInLifetime = 200 * time.Second
	// DefaultCallbackGrace is how long after a sign-in request's expiry its
	// callback is still accepted (network delays).
	DefaultCallbackGrace = time.Minute
	// MinOTPKeyLen is the least length in bytes of Options.OTPKey.
	MinOTPKeyLen = 32
)

// Options configures a Service. Nil options, and zero fields, mean the
// defaults, except OTPKey, which is required.
type Options struct {
	// Now returns the current instant; read once per operation. Default time.Now.
	Now func() time.Time
	// NewID returns new registration and consent IDs. Default: random
	// 128-bit IDs from crypto/rand, as 32 lowercase hex digits.
	NewID func() string

	// OTPKey is the secret key of the keyed hashes (HMAC-SHA256) under which
	// mobile codes and email tokens are stored: at least 32 random bytes,
	// kept out of the database. Required: New fails without it. Changing it
	// invalidates the codes and tokens outstanding.
	OTPKey []byte
	// OTPTTL is the validity of a mobile code. Default 5 minutes.
	OTPTTL time.Duration
	// OTPMaxAttempts wrong codes lock the confirmation. Default 5.
	OTPMaxAttempts int
	// OTPLockDuration is how long a lock lasts; the code is void after a
	// lock, so a new one must be sent when it ends. It is also the wait
	// after OTPMaxSends codes. Default 15 minutes.
	OTPLockDuration time.Duration
	// ResendCooldown is the least time between two codes sent for one
	// registration (resend or restart). Default 60 seconds.
	ResendCooldown time.Duration
	// OTPMaxSends is how many codes may be sent, each at least
	// ResendCooldown after the last, before the next must wait
	// OTPLockDuration after the last. Default 5.
	OTPMaxSends int
	// SMSText writes the text message carrying code, valid for ttl. Default
	// DefaultSMSText (Arabic and English).
	SMSText func(code string, ttl time.Duration) string
	// EmailTokenTTL is the validity of an email confirmation token. Default
	// 24 hours.
	EmailTokenTTL time.Duration
	// EmailText writes the subject and body of the confirmation email
	// carrying token. Default DefaultEmailText (Arabic and English, the
	// token on its own line); a host that confirms by link builds its link
	// here.
	EmailText func(token string, ttl time.Duration) (subject, body string)
	// MaxRegistrationAttempts is how many registration attempts with
	// different contact channels one identity number may have under way at
	// once (see StartRegistration). A further start with new channels is
	// refused (ErrTooManyRegistrationAttempts) until one lapses, EmailTokenTTL
	// after it started. Default 3 ([INF]: no rule sets it).
	MaxRegistrationAttempts int

	// Policies are the eligibility conditions per service. Default
	// DefaultPolicies(). The Service keeps a copy.
	Policies Policies

	// SignInWithoutRegistration lets any identity the Authenticator knows
	// sign in, as Masar's portal does (Nafath only). By default only a
	// person with an active registration may start a sign-in.
	SignInWithoutRegistration bool
	// CallbackGrace is how long after a sign-in request's expiry its
	// callback is still accepted. Default 1 minute.
	CallbackGrace time.Duration

	// SessionKey is the secret key of the keyed hashes (HMAC-SHA256) under
	// which session secrets are stored: at least 32 random bytes if set.
	// Default: a key derived from OTPKey. Changing it ends every session.
	SessionKey []byte
	// SessionTTL is a session's lifetime from its sign-in. Default
	// DefaultSessionTTL (8 hours, [INF]).
	SessionTTL time.Duration
}

// Service registers people, confirms their mobile and email, signs them in
// through an Authenticator, decides their eligibility for Masar's services
// and keeps their consents. It is safe for concurrent use.
type Service struct {
	store Store
	ports Ports
	now   func() time.Time
	newID func() string
	v     *validation.Validator

	otpKey         []byte
	otpTTL         time.Duration
	otpMaxAttempts int
	otpLock        time.Duration
	resendCooldown time.Duration
	otpMaxSends    int
	smsText        func(string, time.Duration) string
	emailTokenTTL  time.Duration
	emailText      func(string, time.Duration) (string, string)
	maxAttempts    int
	policies       Policies
	signInAnyone   bool
	callbackGrace  time.Duration
	signInLifetime time.Duration
	maxCASRetries  int
	sessionKey     []byte
	sessionTTL     time.Duration
}

// ErrInvalidOptions is returned by New for options it cannot work with: a
// missing or short OTPKey, a negative duration or count, a policy filed
// under another service.
var ErrInvalidOptions = fault.New(fault.Internal, "identity.invalid_options",
	"the identity service is misconfigured", "إعدادات خدمة الهوية غير صحيحة")

// New returns a Service over store and ports. Nil opts mean the defaults,
// but Options.OTPKey is required: New returns an error matching
// ErrInvalidOptions without a key of at least 32 bytes, and for negative
// durations or counts.
func New(store Store, ports Ports, opts *Options) (*Service, error) {
	if opts == nil {
		opts = &Options{}
	}
	if store == nil {
		return nil, ErrInvalidOptions.Wrap(fmt.Errorf("identity: nil Store"))
	}
	if len(opts.OTPKey) < MinOTPKeyLen {
		return nil, ErrInvalidOptions.Wrap(fmt.Errorf("identity: Options.OTPKey must hold at least %d bytes, has %d", MinOTPKeyLen, len(opts.OTPKey)))
	}
	if opts.OTPTTL < 0 || opts.OTPMaxAttempts < 0 || opts.OTPLockDuration < 0 || opts.ResendCooldown < 0 ||
		opts.OTPMaxSends < 0 || opts.EmailTokenTTL < 0 || opts.CallbackGrace < 0 || opts.MaxRegistrationAttempts < 0 ||
		opts.SessionTTL < 0 {
		return nil, ErrInvalidOptions.Wrap(fmt.Errorf("identity: negative duration or count in Options"))
	}
	s := &Service{
		store: store, ports: ports, now: opts.Now, newID: opts.NewID, v: validation.Default(),
		otpKey:         append([]byte(nil), opts.OTPKey...),
		otpTTL:         or(opts.OTPTTL, DefaultOTPTTL),
		otpMaxAttempts: or(opts.OTPMaxAttempts, DefaultOTPMaxAttempts),
		otpLock:        or(opts.OTPLockDuration, DefaultOTPLockDuration),
		resendCooldown: or(opts.ResendCooldown, DefaultResendCooldown),
		otpMaxSends:    or(opts.OTPMaxSends, DefaultOTPMaxSends),
		smsText:        opts.SMSText,
		emailTokenTTL:  or(opts.EmailTokenTTL, DefaultEmailTokenTTL),
		emailText:      opts.EmailText,
		maxAttempts:    or(opts.MaxRegistrationAttempts, DefaultMaxRegistrationAttempts),
		signInAnyone:   opts.SignInWithoutRegistration,
		callbackGrace:  or(opts.CallbackGrace, DefaultCallbackGrace),
		signInLifetime: DefaultSignInLifetime,
		maxCASRetries:  8,
		sessionTTL:     or(opts.SessionTTL, DefaultSessionTTL),
	}
	switch {
	case opts.SessionKey == nil:
		s.sessionKey = deriveSessionKey(opts.OTPKey)
	case len(opts.SessionKey) < MinOTPKeyLen:
		return nil, ErrInvalidOptions.Wrap(fmt.Errorf("identity: Options.SessionKey must hold at least %d bytes, has %d", MinOTPKeyLen, len(opts.SessionKey)))
	default:
		s.sessionKey = append([]byte(nil), opts.SessionKey...)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = ids.New
	}
	if s.smsText == nil {
		s.smsText = DefaultSMSText
	}
	if s.emailText == nil {
		s.emailText = DefaultEmailText
	}
	if opts.Policies == nil {
		s.policies = DefaultPolicies()
	} else {
		for k, p := range opts.Policies {
			if p.Service != k {
				return nil, ErrInvalidOptions.Wrap(fmt.Errorf("identity: policy for %q is filed under %q", p.Service, k))
			}
		}
		s.policies = opts.Policies.clone()
	}
	return s, nil
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// clock returns the operation's instant: UTC, truncated to microseconds.
func (s *Service) clock() time.Time {
	return s.now().UTC().Truncate(time.Microsecond)
}

// Policies returns a copy of the eligibility policies the Service applies.
func (s *Service) Policies() Policies { return s.policies.clone() }
