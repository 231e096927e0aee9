package identity

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"io"
	"strconv"
	"time"

	"github.com/masarhr/masar-go/fault"
)

// OTP is the state of a mobile confirmation code. The code itself is never
// stored: only Hash, an HMAC-SHA256 under Options.OTPKey of the registration
// ID and the code, so a copy of the database does not reveal it and cannot
// be searched for it without the key.
type OTP struct {
	// Hash is the keyed hash of the outstanding code; nil when no code is
	// outstanding (none sent, used, or voided by a lock).
	Hash []byte `json:"-"`
	// SentAt is when the outstanding (or last) code was sent; ExpiresAt
	// when it lapses. UTC.
	SentAt    time.Time `json:"sent_at,omitzero"`
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// Attempts counts the wrong codes entered against the outstanding code.
	Attempts int `json:"attempts"`
	// Sends counts the codes sent since the last reset (a reset happens when
	// a code is sent after the wait that follows OTPMaxSends codes).
	Sends int `json:"sends"`
	// LockedUntil, when in the future, refuses every code and every send:
	// set when Attempts reaches the limit.
	LockedUntil time.Time `json:"locked_until,omitzero"`
}

// OTP errors. Each refusal is coded; the messages say when to try again
// where a wait applies.
var (
	// ErrOTPMismatch: the code is not the one sent (the attempt counts, and
	// the message says how many are left), or it is not six digits (reason
	// otp.format; that attempt does not count).
	ErrOTPMismatch = fault.New(fault.Invalid, "otp.mismatch",
		"the verification code is not correct", "رمز التحقق غير صحيح")
	// ErrOTPExpired: the code has lapsed, was used, or was voided by a
	// lock; ask for a new one.
	ErrOTPExpired = fault.New(fault.FailedPrecondition, "otp.expired",
		"the verification code has expired; ask for a new one", "انتهت صلاحية رمز التحقق، اطلب رمزاً جديداً")
	// ErrOTPLocked: too many wrong codes; codes and sends are refused until
	// the lock ends. The wrong code that reaches the limit returns it with
	// reason otp.attempts_exhausted.
	ErrOTPLocked = fault.New(fault.FailedPrecondition, "otp.locked",
		"too many wrong codes; try again later", "تجاوزت عدد المحاولات المسموح بها، حاول لاحقاً")
	// ErrResendTooSoon: a code was sent less than ResendCooldown ago.
	ErrResendTooSoon = fault.New(fault.FailedPrecondition, "otp.resend_too_soon",
		"a code was sent a moment ago; wait before asking for another", "تم إرسال رمز قبل قليل، انتظر قبل طلب رمز آخر")
	// ErrOTPSendLimit: OTPMaxSends codes were sent; the next must wait
	// OTPLockDuration after the last.
	ErrOTPSendLimit = fault.New(fault.FailedPrecondition, "otp.send_limit",
		"too many codes were sent; try again later", "تم إرسال عدد كبير من الرموز، حاول لاحقاً")
)

var errOTPFormat = ErrOTPMismatch.Because("otp.format",
	"the verification code is six digits", "رمز التحقق مكون من ستة أرقام")

// waitError refines e with a message saying how many minutes to wait.
func waitError(e *fault.Error, reason string, wait time.Duration) error {
	m := strconv.Itoa(int((wait + time.Minute - 1) / time.Minute))
	return e.Because(reason,
		e.Message.EN+" (in "+m+" min)",
		e.Message.AR+" (بعد "+m+" دقيقة)")
}

// otpDigits is the number of digits of a code.
const otpDigits = 6

// newOTPCode returns a uniformly random code of six decimal digits read
// from r. It draws 32-bit values and rejects those at or above the largest
// multiple of 10⁶ below 2³², so that no code is likelier than another (no
// modulo bias).
func newOTPCode(r io.Reader) (string, error) {
	const n = 1_000_000
	const limit = (1 << 32) / n * n
	var b [4]byte
	for {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return "", err
		}
		if v := binary.BigEndian.Uint32(b[:]); v < limit {
			return formatOTP(v % n), nil
		}
	}
}

func formatOTP(v uint32) string {
	var b [otpDigits]byte
	for i := otpDigits - 1; i >= 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b[:])
}

// normalizeOTP maps Arabic-Indic and Persian digits to ASCII and drops
// spaces; it reports false unless the result is six digits.
func normalizeOTP(s string) (string, bool) {
	var b [otpDigits]byte
	n := 0
	for _, r := range s {
		var d rune
		switch {
		case r >= '0' && r <= '9':
			d = r - '0'
		case r >= '٠' && r <= '٩':
			d = r - '٠'
		case r >= '۰' && r <= '۹':
			d = r - '۰'
		case r == ' ' || r == '\t' || r == '\u00a0' || r == '-':
			continue
		default:
			return "", false
		}
		if n == otpDigits {
			return "", false
		}
		b[n] = byte('0' + d)
		n++
	}
	return string(b[:n]), n == otpDigits
}

// emailTokenBytes is the entropy of an email token: 256 bits, written as 43
// characters of URL-safe base64 without padding.
const emailTokenBytes = 32

func newEmailToken(r io.Reader) (string, error) {
	var b [emailTokenBytes]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// validEmailToken reports whether s has the shape of an email token.
func validEmailToken(s string) bool {
	if len(s) != base64.RawURLEncoding.EncodedLen(emailTokenBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}

// otpHash is the keyed hash stored for code sent for registration regID.
// Binding the registration ID means a hash copied to another registration
// does not verify there.
func (s *Service) otpHash(regID, code string) []byte {
	m := hmac.New(sha256.New, s.otpKey)
	m.Write([]byte("masar-otp\x00"))
	m.Write([]byte(regID))
	m.Write([]byte{0})
	m.Write([]byte(code))
	return m.Sum(nil)
}

// emailTokenHash is the keyed hash stored for an email token; it is also the
// key the registration is found by.
func (s *Service) emailTokenHash(token string) []byte {
	m := hmac.New(sha256.New, s.otpKey)
	m.Write([]byte("masar-email\x00"))
	m.Write([]byte(token))
	return m.Sum(nil)
}

// newOTP returns the state of a fresh code sent now, after sends earlier ones.
func (s *Service) newOTP(regID, code string, now time.Time, sends int) OTP {
	return OTP{Hash: s.otpHash(regID, code), SentAt: now, ExpiresAt: now.Add(s.otpTTL), Sends: sends + 1}
}

// checkSend decides whether a new code may be sent now, given the current
// state o, and returns the number of earlier sends to count on.
func (s *Service) checkSend(o OTP, now time.Time) (int, error) {
	if now.Before(o.LockedUntil) {
		return 0, waitError(ErrOTPLocked, ErrOTPLocked.Reason, o.LockedUntil.Sub(now))
	}
	sends := o.Sends
	if sends >= s.otpMaxSends {
		if wait := o.SentAt.Add(s.otpLock).Sub(now); wait > 0 {
			return 0, waitError(ErrOTPSendLimit, ErrOTPSendLimit.Reason, wait)
		}
		sends = 0
	}
	if !o.SentAt.IsZero() {
		if wait := o.SentAt.Add(s.resendCooldown).Sub(now); wait > 0 {
			return 0, ErrResendTooSoon
		}
	}
	return sends, nil
}

// secrets draws a new code and email token from crypto/rand.
func secrets(withToken bool) (code, token string, err error) {
	if code, err = newOTPCode(rand.Reader); err != nil {
		return "", "", fault.ErrInternal.Wrap(err)
	}
	if withToken {
		if token, err = newEmailToken(rand.Reader); err != nil {
			return "", "", fault.ErrInternal.Wrap(err)
		}
	}
	return code, token, nil
}

// DefaultSMSText is the default Options.SMSText: the code, its validity and
// a warning not to share it, in Arabic then English.
func DefaultSMSText(code string, ttl time.Duration) string {
	m := strconv.Itoa(int((ttl + time.Minute - 1) / time.Minute))
	return "رمز التحقق للتسجيل في مسار: " + code + "\n" +
		"صالح لمدة " + m + " دقائق. لا تشاركه مع أحد.\n" +
		"Masar registration code: " + code + "\n" +
		"Valid for " + m + " minutes. Do not share it."
}

// DefaultEmailText is the default Options.EmailText: a bilingual subject, and
// a body with the token on its own line, in Arabic then English.
func DefaultEmailText(token string, ttl time.Duration) (subject, body string) {
	h := strconv.Itoa(int((ttl + time.Hour - 1) / time.Hour))
	return "تأكيد البريد الإلكتروني | Confirm your email",
		"لتأكيد بريدك الإلكتروني في مسار أدخل الرمز التالي خلال " + h + " ساعة:\n\n" + token + "\n\n" +
			"To confirm your email address for Masar, enter this code within " + h + " hours:\n\n" + token + "\n\n" +
			"إن لم تطلب التسجيل فتجاهل هذه الرسالة. If you did not register, ignore this message.\n"
}
