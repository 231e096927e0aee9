package identity

import (
	"context"
	"crypto/hmac"
	"errors"
	"strconv"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/internal/validation"
)

// RegistrationStatus is the state of a registration.
type RegistrationStatus string

// The registration states.
const (
	// RegistrationPending: started; the mobile, the email or both are not
	// confirmed yet.
	RegistrationPending RegistrationStatus = "pending"
	// RegistrationActive: both confirmed; the person is registered.
	RegistrationActive RegistrationStatus = "active"
)

var registrationLabels = i18n.Labels[RegistrationStatus]{
	RegistrationPending: {AR: "بانتظار التأكيد", EN: "pending"},
	RegistrationActive:  {AR: "مفعّل", EN: "active"},
}

// Label returns the status's name in lang (the raw value for an unknown one).
func (s RegistrationStatus) Label(lang i18n.Lang) string { return registrationLabels.Label(s, lang) }

// Registration is a person's account: their identity, matched against the
// civil registry, and their confirmed mobile number and email address.
// There is at most one active registration per NationalID; while none is,
// there may be several pending ones, each an attempt with its own contact
// channels (see Service.StartRegistration), told apart by Attempt.
//
// Its secrets (OTP.Hash, EmailTokenHash) are keyed hashes, never the codes
// themselves, and are left out of its JSON.
type Registration struct {
	ID         string     `json:"id"`
	NationalID NationalID `json:"national_id"`
	// Attempt numbers the person's attempts under way at once, from 1; a
	// Store keeps (NationalID, Attempt) unique. It never changes.
	Attempt int `json:"attempt"`
	// BirthDate is the civil date of birth as the registry gave it.
	BirthDate hijri.Date         `json:"birth_date"`
	Mobile    Mobile             `json:"mobile"`
	Email     Email              `json:"email"`
	Status    RegistrationStatus `json:"status"`
	// MobileConfirmedAt, EmailConfirmedAt, ActivatedAt: when the mobile and
	// the email were confirmed and the registration became active; zero
	// until then. UTC.
	MobileConfirmedAt time.Time `json:"mobile_confirmed_at,omitzero"`
	EmailConfirmedAt  time.Time `json:"email_confirmed_at,omitzero"`
	ActivatedAt       time.Time `json:"activated_at,omitzero"`
	// OTP is the state of the mobile confirmation code.
	OTP OTP `json:"otp"`
	// EmailTokenHash is the keyed hash of the outstanding email token; nil
	// once used (tokens are single use). EmailTokenExpiresAt is when it lapses.
	EmailTokenHash      []byte    `json:"-"`
	EmailTokenExpiresAt time.Time `json:"email_token_expires_at,omitzero"`
	CreatedAt           time.Time `json:"created_at"`
	UpdatedAt           time.Time `json:"updated_at"`
	Version             int64     `json:"version"`
}

// Active reports whether r is an active registration.
func (r Registration) Active() bool { return r.Status == RegistrationActive }

// Lapsed reports whether r is a pending attempt past its deadline at now:
// an attempt must be completed before its email token lapses
// (EmailTokenExpiresAt, Options.EmailTokenTTL after it started or
// restarted), whether or not the email was confirmed already.
func (r Registration) Lapsed(now time.Time) bool {
	return !r.Active() && !now.Before(r.EmailTokenExpiresAt)
}

// Registration errors.
var (
	// ErrRegistrationNotFound: no registration has the ID (or the national ID).
	ErrRegistrationNotFound = ErrNotFound.Because("registration.not_found",
		"the registration was not found", "لم يتم العثور على طلب التسجيل")
	// ErrDetailsMismatch: the identity number and birth date do not match the
	// civil registry, or the registry does not know the number. One error
	// for every case, so that registration cannot be used to learn which
	// numbers exist or whose birth date is what.
	ErrDetailsMismatch = fault.New(fault.FailedPrecondition, "registration.details_mismatch",
		"the identity number and date of birth do not match the civil registry",
		"رقم الهوية وتاريخ الميلاد غير مطابقين لبيانات السجل المدني")
	// ErrAlreadyRegistered: the identity number has an active registration.
	ErrAlreadyRegistered = fault.New(fault.Conflict, "registration.already_registered",
		"this identity number is already registered; sign in instead",
		"رقم الهوية مسجل مسبقاً، سجل الدخول بدلاً من ذلك")
	// ErrMobileAlreadyConfirmed: the registration's mobile is confirmed
	// already (or the registration is active): no code is needed.
	ErrMobileAlreadyConfirmed = fault.New(fault.FailedPrecondition, "registration.mobile_confirmed",
		"the mobile number is already confirmed", "تم تأكيد رقم الجوال مسبقاً")
	// ErrInvalidEmailToken: the email token is malformed, unknown or used.
	ErrInvalidEmailToken = fault.New(fault.Invalid, "registration.email_token_invalid",
		"the email confirmation code is not valid or was already used",
		"رمز تأكيد البريد الإلكتروني غير صحيح أو سبق استخدامه")
	// ErrEmailTokenExpired: the email token has lapsed; start again to get
	// a new one.
	ErrEmailTokenExpired = fault.New(fault.FailedPrecondition, "registration.email_token_expired",
		"the email confirmation code has expired; register again to get a new one",
		"انتهت صلاحية رمز تأكيد البريد الإلكتروني، أعد التسجيل للحصول على رمز جديد")
	// ErrRegistrationExpired: the attempt was not completed in time
	// (Registration.Lapsed); start again.
	ErrRegistrationExpired = fault.New(fault.FailedPrecondition, "registration.expired",
		"the registration was not completed in time; register again",
		"انتهت مهلة إكمال التسجيل، أعد التسجيل")
	// ErrTooManyRegistrationAttempts: Options.MaxRegistrationAttempts
	// attempts with other contact channels are under way for the number; the
	// message says when the first lapses.
	ErrTooManyRegistrationAttempts = fault.New(fault.FailedPrecondition, "registration.too_many_attempts",
		"too many registrations for this identity number are under way; try again later",
		"توجد طلبات تسجيل عديدة قيد الإكمال لرقم الهوية هذا، حاول لاحقاً")
	// ErrRegistryUnavailable: the civil registry could not be reached.
	ErrRegistryUnavailable = fault.New(fault.Unavailable, "registration.registry_unavailable",
		"the civil registry is unavailable; try again later", "السجل المدني غير متاح حالياً، حاول لاحقاً")
	// ErrSMSUnavailable: the text message could not be sent.
	ErrSMSUnavailable = fault.New(fault.Unavailable, "registration.sms_unavailable",
		"the verification code could not be sent; try again later", "تعذر إرسال رمز التحقق، حاول لاحقاً")
	// ErrMailUnavailable: the email could not be sent.
	ErrMailUnavailable = fault.New(fault.Unavailable, "registration.mail_unavailable",
		"the confirmation email could not be sent; try again later", "تعذر إرسال رسالة التأكيد إلى البريد الإلكتروني، حاول لاحقاً")
)

// RegisterInput starts a registration. Every field is text as a person types
// it; StartRegistration parses and checks all of them and reports every bad
// field at once.
type RegisterInput struct {
	// NationalID is a citizen's national ID or a resident's Iqama number
	// (border numbers cannot register).
	NationalID string `json:"national_id" validate:"required,sa_id" ar:"رقم الهوية الوطنية أو الإقامة"`
	// BirthDate is the date of birth, Hijri or Gregorian, in any form
	// hijri.ParseAny accepts.
	BirthDate string `json:"birth_date" validate:"required,max=64" ar:"تاريخ الميلاد"`
	// Mobile is a Saudi mobile number in any form ParseMobile accepts.
	Mobile string `json:"mobile" validate:"required,sa_mobile" ar:"رقم الجوال"`
	// Email is the email address.
	Email string `json:"email" validate:"required,max=254" ar:"البريد الإلكتروني"`
}

type registerFields struct {
	id     NationalID
	birth  hijri.Date
	mobile Mobile
	email  Email
}

func (s *Service) parseRegisterInput(in RegisterInput) (registerFields, error) {
	var out registerFields
	var fields []fault.FieldViolation
	if err := s.v.Struct(in); err != nil {
		fe, ok := fault.As(err)
		if !ok {
			return out, err
		}
		fields = append(fields, fe.Fields...)
	}
	failed := func(field string) bool {
		for _, f := range fields {
			if f.Field == field {
				return true
			}
		}
		return false
	}
	violation := func(field string, err error) {
		fe, _ := fault.As(err)
		v := fault.FieldViolation{Field: field, Reason: fault.ReasonOf(err)}
		if fe != nil {
			v.Message = fe.Message
		}
		fields = append(fields, v)
	}
	var err error
	if !failed("national_id") {
		if out.id, err = ParseNationalID(in.NationalID); err != nil {
			violation("national_id", err)
		} else if k := out.id.Kind(); k != Citizen && k != Resident {
			fields = append(fields, fault.FieldViolation{Field: "national_id", Reason: "registration.id_kind",
				Message: i18n.Text{EN: "only a national ID or an Iqama number can register",
					AR: "التسجيل متاح برقم الهوية الوطنية أو رقم الإقامة فقط"}})
		}
	}
	if !failed("birth_date") {
		if out.birth, err = hijri.ParseAny(in.BirthDate); err != nil {
			violation("birth_date", err)
		}
	}
	if !failed("mobile") {
		if out.mobile, err = ParseMobile(in.Mobile); err != nil {
			violation("mobile", err)
		}
	}
	if !failed("email") {
		if out.email, err = ParseEmail(in.Email); err != nil {
			violation("email", err)
		}
	}
	if len(fields) > 0 {
		return out, fault.ErrInvalidInput.WithFields(fields...)
	}
	return out, nil
}

// StartRegistration starts (or restarts) a registration attempt for
// in.NationalID and sends a six-digit code to in.Mobile and a confirmation
// token to in.Email. It returns the attempt, pending; pass its ID to
// VerifyMobile and ResendOTP.
//
// The identity number and birth date must match the Registry. The birth
// date may be given in either calendar, citizens' and residents' alike: any
// Gregorian date converts exactly to one Hijri day, so the civil day is
// compared, whatever calendar it was written in.
//
// Knowing the ID and birth date is all a start needs, so a start never
// touches an attempt someone else may be completing:
//
//   - a pending attempt with the same mobile and email is restarted in
//     place (same ID; new code and token; confirmations reset), as if the
//     code were resent: the resend cooldown, the send limit and an attempt
//     lock apply, so restarting cannot bypass them;
//   - otherwise a separate attempt is started (a new ID and Attempt number),
//     leaving the others as they are. At most Options.MaxRegistrationAttempts
//     may be under way (ErrTooManyRegistrationAttempts); a lapsed attempt
//     (Registration.Lapsed) no longer counts and its number is reused, the
//     lapsed attempt deleted.
//
// The first attempt to confirm both its mobile and its email becomes the
// person's registration (VerifyMobile, ConfirmEmail); the others are then
// deleted.
//
// The attempt is stored first and the messages sent after; if a send
// fails, the stored change is undone (deleted, or the previous state put
// back) before the error is returned, so a failed call leaves the
// attempt as it was. (A code that went out before a later failure
// never verifies.)
//
// Errors: ErrNotConfigured without Registry, SMS and Mail ports;
// fault.ErrInvalidInput listing every bad field (a border number has
// reason registration.id_kind); ErrDetailsMismatch; ErrRegistryUnavailable;
// ErrAlreadyRegistered; ErrOTPLocked, ErrResendTooSoon or ErrOTPSendLimit on
// a restart; ErrTooManyRegistrationAttempts; ErrConflict if another start
// for the number ran concurrently; ErrSMSUnavailable, ErrMailUnavailable;
// store errors.
func (s *Service) StartRegistration(ctx context.Context, in RegisterInput) (Registration, error) {
	if s.ports.Registry == nil || s.ports.SMS == nil || s.ports.Mail == nil {
		return Registration{}, ErrNotConfigured
	}
	now := s.clock()
	f, err := s.parseRegisterInput(in)
	if err != nil {
		return Registration{}, err
	}
	person, err := s.ports.Registry.LookUp(ctx, f.id)
	switch {
	case errors.Is(err, ErrNotInRegistry):
		return Registration{}, ErrDetailsMismatch
	case err != nil:
		return Registration{}, ErrRegistryUnavailable.Wrap(err)
	case person.BirthDate != f.birth:
		return Registration{}, ErrDetailsMismatch
	}
	existing, fresh, err := s.attemptFor(ctx, f, now)
	if err != nil {
		return Registration{}, err
	}
	sends := 0
	if !fresh {
		if sends, err = s.checkSend(existing.OTP, now); err != nil {
			return Registration{}, err
		}
	}
	code, token, err := secrets(true)
	if err != nil {
		return Registration{}, err
	}
	r := existing
	r.BirthDate, r.Mobile, r.Email = f.birth, f.mobile, f.email
	r.Status = RegistrationPending
	r.MobileConfirmedAt, r.EmailConfirmedAt, r.ActivatedAt = time.Time{}, time.Time{}, time.Time{}
	r.OTP = s.newOTP(r.ID, code, now, sends)
	r.EmailTokenHash = s.emailTokenHash(token)
	r.EmailTokenExpiresAt = now.Add(s.emailTokenTTL)
	r.UpdatedAt = now

	var stored Registration
	var undo func(context.Context)
	if fresh {
		stored, err = s.store.CreateRegistration(ctx, r)
		undo = func(ctx context.Context) { _ = s.store.DeleteRegistration(ctx, stored.ID, stored.Version) }
	} else {
		stored, err = s.store.UpdateRegistration(ctx, r)
		undo = func(ctx context.Context) {
			prev := existing
			prev.Version = stored.Version
			_, _ = s.store.UpdateRegistration(ctx, prev)
		}
	}
	if errors.Is(err, ErrConflict) || errors.Is(err, ErrNotFound) {
		return Registration{}, ErrConflict
	}
	if err != nil {
		return Registration{}, err
	}
	if err := s.sendCode(ctx, stored.Mobile, code); err != nil {
		undo(context.WithoutCancel(ctx))
		return Registration{}, err
	}
	subject, body := s.emailText(token, s.emailTokenTTL)
	if err := s.ports.Mail.Send(ctx, stored.Email, subject, body); err != nil {
		undo(context.WithoutCancel(ctx))
		return Registration{}, ErrMailUnavailable.Wrap(err)
	}
	return stored, nil
}

// attemptFor returns the attempt a start with f's channels works on: the
// pending attempt with the same mobile and email (fresh false), or a new one
// (fresh true, not stored yet) under the lowest Attempt number no attempt
// under way holds, deleting a lapsed attempt that held it.
func (s *Service) attemptFor(ctx context.Context, f registerFields, now time.Time) (Registration, bool, error) {
	attempts, err := s.store.ListRegistrationsByNationalID(ctx, f.id)
	if err != nil {
		return Registration{}, false, err
	}
	held := make(map[int]Registration, len(attempts))
	live := 0
	var firstLapse time.Time
	for _, a := range attempts {
		if a.Active() {
			return Registration{}, false, ErrAlreadyRegistered
		}
		if a.Mobile == f.mobile && a.Email == f.email {
			return a, false, nil
		}
		held[a.Attempt] = a
		if !a.Lapsed(now) {
			live++
			if firstLapse.IsZero() || a.EmailTokenExpiresAt.Before(firstLapse) {
				firstLapse = a.EmailTokenExpiresAt
			}
		}
	}
	if live >= s.maxAttempts {
		return Registration{}, false, waitError(ErrTooManyRegistrationAttempts, ErrTooManyRegistrationAttempts.Reason, firstLapse.Sub(now))
	}
	n := 1
	for ; ; n++ {
		a, ok := held[n]
		if !ok {
			break
		}
		if a.Lapsed(now) {
			if err := s.store.DeleteRegistration(ctx, a.ID, a.Version); err != nil {
				if errors.Is(err, ErrConflict) || errors.Is(err, ErrNotFound) {
					return Registration{}, false, ErrConflict
				}
				return Registration{}, false, err
			}
			break
		}
	}
	return Registration{ID: s.newID(), NationalID: f.id, Attempt: n, CreatedAt: now, Version: 1}, true, nil
}

func (s *Service) sendCode(ctx context.Context, to Mobile, code string) error {
	if err := s.ports.SMS.Send(ctx, to, s.smsText(code, s.otpTTL)); err != nil {
		return ErrSMSUnavailable.Wrap(err)
	}
	return nil
}

// VerifyMobile checks code against the code sent for registration id and,
// if it matches, confirms the mobile number (activating the registration if
// the email is confirmed too) and returns the registration. The code may be
// written with Arabic-Indic digits.
//
// Codes are compared in constant time on their keyed hashes. A wrong code
// counts as an attempt, recorded by compare-and-swap before the answer is
// given, so concurrent guesses cannot exceed the limit: the
// Options.OTPMaxAttempts-th wrong code locks the confirmation for
// Options.OTPLockDuration and voids the code. Recording the attempt is the
// one change a call that returns an error makes.
//
// If the code completes the registration, the person's other attempts are
// deleted; if another attempt completed first, the answer is
// ErrAlreadyRegistered.
//
// Errors: ErrRegistrationNotFound; ErrMobileAlreadyConfirmed;
// ErrRegistrationExpired for a lapsed attempt; ErrAlreadyRegistered;
// ErrOTPLocked (reason otp.attempts_exhausted for the wrong code that reaches the limit);
// ErrOTPExpired; ErrOTPMismatch (reason otp.format, not counted, unless the
// code is six digits); ErrConflict if the registration kept changing
// concurrently; store errors.
func (s *Service) VerifyMobile(ctx context.Context, id, code string) (Registration, error) {
	now := s.clock()
	code, wellFormed := normalizeOTP(code)
	for range s.maxCASRetries {
		r, err := s.getRegistration(ctx, id)
		if err != nil {
			return Registration{}, err
		}
		if r.Active() || !r.MobileConfirmedAt.IsZero() {
			return Registration{}, ErrMobileAlreadyConfirmed
		}
		if r.Lapsed(now) {
			return Registration{}, ErrRegistrationExpired
		}
		if now.Before(r.OTP.LockedUntil) {
			return Registration{}, waitError(ErrOTPLocked, ErrOTPLocked.Reason, r.OTP.LockedUntil.Sub(now))
		}
		if len(r.OTP.Hash) == 0 || !now.Before(r.OTP.ExpiresAt) {
			return Registration{}, ErrOTPExpired
		}
		if !wellFormed {
			return Registration{}, errOTPFormat
		}
		match := hmac.Equal(s.otpHash(r.ID, code), r.OTP.Hash)
		if match {
			r.OTP.Hash = nil
			r.MobileConfirmedAt = now
			s.activate(&r, now)
		} else {
			r.OTP.Attempts++
			if r.OTP.Attempts >= s.otpMaxAttempts {
				r.OTP.Hash = nil
				r.OTP.LockedUntil = now.Add(s.otpLock)
			}
		}
		r.UpdatedAt = now
		stored, err := s.store.UpdateRegistration(ctx, r)
		if errors.Is(err, ErrConflict) {
			if s.outrun(ctx, r) {
				return Registration{}, ErrAlreadyRegistered
			}
			continue
		}
		if errors.Is(err, ErrNotFound) {
			return Registration{}, ErrRegistrationNotFound
		}
		if err != nil {
			return Registration{}, err
		}
		switch {
		case match:
			s.dropOtherAttempts(ctx, stored)
			return stored, nil
		case !stored.OTP.LockedUntil.IsZero() && now.Before(stored.OTP.LockedUntil):
			return Registration{}, waitError(ErrOTPLocked, "otp.attempts_exhausted", s.otpLock)
		}
		left := strconv.Itoa(max(0, s.otpMaxAttempts-stored.OTP.Attempts))
		return Registration{}, ErrOTPMismatch.Because(ErrOTPMismatch.Reason,
			ErrOTPMismatch.Message.EN+"; attempts left: "+left,
			ErrOTPMismatch.Message.AR+"، المحاولات المتبقية: "+left)
	}
	return Registration{}, ErrConflict
}

// ResendOTP sends a new code for registration id, voiding the previous one
// and resetting the attempts, and returns the registration.
//
// The new state is stored first (so concurrent resends cannot both pass the
// cooldown) and put back if the text message cannot be sent.
//
// Errors: ErrRegistrationNotFound; ErrMobileAlreadyConfirmed;
// ErrRegistrationExpired for a lapsed attempt; ErrOTPLocked; ErrResendTooSoon; ErrOTPSendLimit; ErrConflict for a concurrent change;
// ErrSMSUnavailable; ErrNotConfigured without an SMS port; store errors.
func (s *Service) ResendOTP(ctx context.Context, id string) (Registration, error) {
	if s.ports.SMS == nil {
		return Registration{}, ErrNotConfigured
	}
	now := s.clock()
	prev, err := s.getRegistration(ctx, id)
	if err != nil {
		return Registration{}, err
	}
	if prev.Active() || !prev.MobileConfirmedAt.IsZero() {
		return Registration{}, ErrMobileAlreadyConfirmed
	}
	if prev.Lapsed(now) {
		return Registration{}, ErrRegistrationExpired
	}
	sends, err := s.checkSend(prev.OTP, now)
	if err != nil {
		return Registration{}, err
	}
	code, _, err := secrets(false)
	if err != nil {
		return Registration{}, err
	}
	r := prev
	r.OTP = s.newOTP(r.ID, code, now, sends)
	r.UpdatedAt = now
	stored, err := s.store.UpdateRegistration(ctx, r)
	if errors.Is(err, ErrConflict) {
		return Registration{}, ErrConflict
	}
	if errors.Is(err, ErrNotFound) {
		return Registration{}, ErrRegistrationNotFound
	}
	if err != nil {
		return Registration{}, err
	}
	if err := s.sendCode(ctx, stored.Mobile, code); err != nil {
		prev.Version = stored.Version
		_, _ = s.store.UpdateRegistration(context.WithoutCancel(ctx), prev)
		return Registration{}, err
	}
	return stored, nil
}

// ConfirmEmail confirms the email address of the registration that token
// was sent for (activating it if the mobile is confirmed too) and returns
// the registration. A token works once. As with VerifyMobile, completing
// deletes the person's other attempts, and an attempt another outran gets
// ErrAlreadyRegistered.
//
// Errors: ErrInvalidEmailToken for a malformed, unknown or used token;
// ErrEmailTokenExpired; ErrAlreadyRegistered; ErrConflict if the registration kept changing
// concurrently; store errors.
func (s *Service) ConfirmEmail(ctx context.Context, token string) (Registration, error) {
	now := s.clock()
	if !validEmailToken(token) {
		return Registration{}, ErrInvalidEmailToken
	}
	hash := s.emailTokenHash(token)
	for range s.maxCASRetries {
		r, err := s.store.GetRegistrationByEmailToken(ctx, hash)
		if errors.Is(err, ErrNotFound) {
			return Registration{}, ErrInvalidEmailToken
		}
		if err != nil {
			return Registration{}, err
		}
		if !hmac.Equal(hash, r.EmailTokenHash) {
			return Registration{}, ErrInvalidEmailToken
		}
		if !now.Before(r.EmailTokenExpiresAt) {
			return Registration{}, ErrEmailTokenExpired
		}
		r.EmailTokenHash = nil
		r.EmailConfirmedAt = now
		s.activate(&r, now)
		r.UpdatedAt = now
		stored, err := s.store.UpdateRegistration(ctx, r)
		if errors.Is(err, ErrConflict) {
			if s.outrun(ctx, r) {
				return Registration{}, ErrAlreadyRegistered
			}
			continue
		}
		if errors.Is(err, ErrNotFound) {
			return Registration{}, ErrInvalidEmailToken
		}
		if err != nil {
			return Registration{}, err
		}
		s.dropOtherAttempts(ctx, stored)
		return stored, nil
	}
	return Registration{}, ErrConflict
}

// activate makes r active if both its mobile and email are confirmed.
func (s *Service) activate(r *Registration, now time.Time) {
	if !r.MobileConfirmedAt.IsZero() && !r.EmailConfirmedAt.IsZero() {
		r.Status = RegistrationActive
		r.ActivatedAt = now
		r.EmailTokenHash = nil
		r.OTP.Hash = nil
	}
}

// outrun reports whether r was to become active but another attempt of the
// same person is active already (the Store refused a second one).
func (s *Service) outrun(ctx context.Context, r Registration) bool {
	if !r.Active() {
		return false
	}
	other, err := s.store.GetRegistrationByNationalID(ctx, r.NationalID)
	return err == nil && other.Active() && other.ID != r.ID
}

// dropOtherAttempts deletes the person's other attempts once r is active:
// they lost. Best effort: one that stays can never become active (the Store
// keeps one active registration per number), so a failure is not the
// caller's.
func (s *Service) dropOtherAttempts(ctx context.Context, r Registration) {
	if !r.Active() {
		return
	}
	attempts, err := s.store.ListRegistrationsByNationalID(ctx, r.NationalID)
	if err != nil {
		return
	}
	for _, a := range attempts {
		if a.ID != r.ID && !a.Active() {
			_ = s.store.DeleteRegistration(ctx, a.ID, a.Version)
		}
	}
}

// Registration returns the registration id.
//
// Errors: fault.ErrInvalidInput (field "id") for an ID no store could hold (a
// NUL byte, invalid UTF-8 or over 200 bytes); ErrRegistrationNotFound; store
// errors.
func (s *Service) Registration(ctx context.Context, id string) (Registration, error) {
	return s.getRegistration(ctx, id)
}

// RegistrationByNationalID returns the registration of id: the active one,
// or while there is none the pending attempt changed last.
//
// Errors: ErrRegistrationNotFound; store errors.
func (s *Service) RegistrationByNationalID(ctx context.Context, id NationalID) (Registration, error) {
	r, err := s.store.GetRegistrationByNationalID(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return Registration{}, ErrRegistrationNotFound
	}
	return r, err
}

// getRegistration reads registration id; an ID no store could hold (a NUL
// byte, invalid UTF-8 or over 200 bytes) is refused as invalid input (field
// "id") before any store sees it.
func (s *Service) getRegistration(ctx context.Context, id string) (Registration, error) {
	if err := validation.ID("id", id); err != nil {
		return Registration{}, err
	}
	r, err := s.store.GetRegistration(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return Registration{}, ErrRegistrationNotFound
	}
	return r, err
}
