package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

var _ identity.Store = (*Store)(nil)

// Registrations.

type registrationRow struct {
	ID                  string                      `db:"id"`
	NationalID          identity.NationalID         `db:"national_id"`
	Attempt             int                         `db:"attempt"`
	BirthDate           hijri.Date                  `db:"birth_date"`
	Mobile              identity.Mobile             `db:"mobile"`
	Email               identity.Email              `db:"email"`
	Status              identity.RegistrationStatus `db:"status"`
	MobileConfirmedAt   instant                     `db:"mobile_confirmed_at"`
	EmailConfirmedAt    instant                     `db:"email_confirmed_at"`
	ActivatedAt         instant                     `db:"activated_at"`
	OTPHash             []byte                      `db:"otp_hash"`
	OTPSentAt           instant                     `db:"otp_sent_at"`
	OTPExpiresAt        instant                     `db:"otp_expires_at"`
	OTPAttempts         int                         `db:"otp_attempts"`
	OTPSends            int                         `db:"otp_sends"`
	OTPLockedUntil      instant                     `db:"otp_locked_until"`
	EmailTokenHash      []byte                      `db:"email_token_hash"`
	EmailTokenExpiresAt instant                     `db:"email_token_expires_at"`
	CreatedAt           instant                     `db:"created_at"`
	UpdatedAt           instant                     `db:"updated_at"`
	Version             int64                       `db:"version"`
}

const (
	registrationColumns = `id, national_id, attempt, birth_date, mobile, email, status, mobile_confirmed_at, email_confirmed_at,
	activated_at, otp_hash, otp_sent_at, otp_expires_at, otp_attempts, otp_sends, otp_locked_until, email_token_hash,
	email_token_expires_at, created_at, updated_at, version`
	registrationInsert = `INSERT INTO identity_registrations (` + registrationColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	// registrationCAS writes only if the version matches and, for an active
	// registration, no other registration of the person is active (the
	// partial unique index identity_registrations_active is the backstop
	// for two such writes racing).
	registrationCAS = `UPDATE identity_registrations SET birth_date = ?, mobile = ?, email = ?, status = ?,
	mobile_confirmed_at = ?, email_confirmed_at = ?, activated_at = ?, otp_hash = ?, otp_sent_at = ?,
	otp_expires_at = ?, otp_attempts = ?, otp_sends = ?, otp_locked_until = ?, email_token_hash = ?,
	email_token_expires_at = ?, updated_at = ?, version = version + 1
	WHERE id = ? AND version = ? AND (status = 'active' OR ? <> 'active' OR NOT EXISTS (
		SELECT 1 FROM identity_registrations o WHERE o.national_id = identity_registrations.national_id
		AND o.status = 'active' AND o.id <> identity_registrations.id))
	RETURNING national_id, attempt, created_at`
	registrationVersion = `SELECT version FROM identity_registrations WHERE id = ?`
)

func (r *registrationRow) registration() identity.Registration {
	return identity.Registration{
		ID: r.ID, NationalID: r.NationalID, Attempt: r.Attempt, BirthDate: r.BirthDate, Mobile: r.Mobile, Email: r.Email, Status: r.Status,
		MobileConfirmedAt: timeOf(r.MobileConfirmedAt), EmailConfirmedAt: timeOf(r.EmailConfirmedAt),
		ActivatedAt: timeOf(r.ActivatedAt),
		OTP: identity.OTP{Hash: nilIfEmpty(r.OTPHash), SentAt: timeOf(r.OTPSentAt), ExpiresAt: timeOf(r.OTPExpiresAt),
			Attempts: r.OTPAttempts, Sends: r.OTPSends, LockedUntil: timeOf(r.OTPLockedUntil)},
		EmailTokenHash: nilIfEmpty(r.EmailTokenHash), EmailTokenExpiresAt: timeOf(r.EmailTokenExpiresAt),
		CreatedAt: timeOf(r.CreatedAt), UpdatedAt: timeOf(r.UpdatedAt), Version: r.Version,
	}
}

// registrationValues returns r's mutable columns in registrationCAS order.
func registrationValues(r *identity.Registration) []any {
	return []any{r.BirthDate, r.Mobile, r.Email, string(r.Status), instant(r.MobileConfirmedAt),
		instant(r.EmailConfirmedAt), instant(r.ActivatedAt), bytesOrNull(r.OTP.Hash), instant(r.OTP.SentAt),
		instant(r.OTP.ExpiresAt), r.OTP.Attempts, r.OTP.Sends, instant(r.OTP.LockedUntil), bytesOrNull(r.EmailTokenHash),
		instant(r.EmailTokenExpiresAt), instant(r.UpdatedAt)}
}

// bytesOrNull returns b, or nil (SQL NULL) for an empty slice.
func bytesOrNull(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

// cloneRegistrationBytes gives r hash slices of its own, empty ones as nil.
func cloneRegistrationBytes(r identity.Registration) identity.Registration {
	r.OTP.Hash = nilIfEmpty(append([]byte(nil), r.OTP.Hash...))
	r.EmailTokenHash = nilIfEmpty(append([]byte(nil), r.EmailTokenHash...))
	return r
}

// CreateRegistration implements identity.Store. The insert's ON CONFLICT DO
// NOTHING covers the primary key, the unique (national ID, attempt) and the
// one active registration per national ID.
func (s *Store) CreateRegistration(ctx context.Context, r identity.Registration) (identity.Registration, error) {
	if err := ctx.Err(); err != nil {
		return identity.Registration{}, err
	}
	r = cloneRegistrationBytes(r)
	r.Version = 1
	v := registrationValues(&r)
	args := append([]any{r.ID, r.NationalID.String(), r.Attempt}, v[:len(v)-1]...) // up to email_token_expires_at
	args = append(args, instant(r.CreatedAt), instant(r.UpdatedAt), r.Version)
	n, err := s.exec(ctx, s.ext(ctx), registrationInsert, args...)
	if err != nil {
		return identity.Registration{}, err
	}
	if n == 0 {
		return identity.Registration{}, identity.ErrConflict
	}
	return cloneRegistrationBytes(r), nil
}

const (
	registrationByID         = `SELECT ` + registrationColumns + ` FROM identity_registrations WHERE id = ?`
	registrationByNationalID = `SELECT ` + registrationColumns + ` FROM identity_registrations WHERE national_id = ?
	ORDER BY CASE WHEN status = 'active' THEN 0 ELSE 1 END, updated_at DESC, id DESC LIMIT 1`
	registrationsByNationalID = `SELECT ` + registrationColumns + ` FROM identity_registrations WHERE national_id = ?
	ORDER BY attempt, id`
	registrationByEmailToken = `SELECT ` + registrationColumns + ` FROM identity_registrations WHERE email_token_hash = ?`
)

func (s *Store) getRegistration(ctx context.Context, query string, arg any) (identity.Registration, error) {
	if err := ctx.Err(); err != nil {
		return identity.Registration{}, err
	}
	var row registrationRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &row, s.rebind(query), arg)
	if errors.Is(err, sql.ErrNoRows) {
		return identity.Registration{}, identity.ErrNotFound
	}
	if err != nil {
		return identity.Registration{}, mapError(err)
	}
	return row.registration(), nil
}

// GetRegistration implements identity.Store.
func (s *Store) GetRegistration(ctx context.Context, id string) (identity.Registration, error) {
	return s.getRegistration(ctx, registrationByID, id)
}

// GetRegistrationByNationalID implements identity.Store.
func (s *Store) GetRegistrationByNationalID(ctx context.Context, id identity.NationalID) (identity.Registration, error) {
	return s.getRegistration(ctx, registrationByNationalID, id.String())
}

// ListRegistrationsByNationalID implements identity.Store.
func (s *Store) ListRegistrationsByNationalID(ctx context.Context, id identity.NationalID) ([]identity.Registration, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var rows []registrationRow
	if err := sqlx.SelectContext(ctx, s.ext(ctx), &rows, s.rebind(registrationsByNationalID), id.String()); err != nil {
		return nil, mapError(err)
	}
	var out []identity.Registration
	for i := range rows {
		out = append(out, rows[i].registration())
	}
	return out, nil
}

// GetRegistrationByEmailToken implements identity.Store.
func (s *Store) GetRegistrationByEmailToken(ctx context.Context, hash []byte) (identity.Registration, error) {
	if err := ctx.Err(); err != nil {
		return identity.Registration{}, err
	}
	if len(hash) == 0 {
		return identity.Registration{}, identity.ErrNotFound
	}
	return s.getRegistration(ctx, registrationByEmailToken, hash)
}

// UpdateRegistration implements identity.Store.
func (s *Store) UpdateRegistration(ctx context.Context, r identity.Registration) (identity.Registration, error) {
	if err := ctx.Err(); err != nil {
		return identity.Registration{}, err
	}
	r = cloneRegistrationBytes(r)
	var stored struct {
		NationalID identity.NationalID `db:"national_id"`
		Attempt    int                 `db:"attempt"`
		CreatedAt  instant             `db:"created_at"`
	}
	q := s.ext(ctx)
	args := append(registrationValues(&r), r.ID, r.Version, string(r.Status))
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		return sqlx.GetContext(ctx, q, &stored, s.rebind(registrationCAS), args...)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return identity.Registration{}, s.versionMiss(ctx, q, registrationVersion, r.ID, identity.ErrNotFound, identity.ErrConflict)
	}
	if isUniqueViolation(err) { // another activation of the person won the race
		return identity.Registration{}, identity.ErrConflict
	}
	if err != nil {
		return identity.Registration{}, mapError(err)
	}
	r.NationalID, r.Attempt, r.CreatedAt = stored.NationalID, stored.Attempt, timeOf(stored.CreatedAt)
	r.Version++
	return r, nil
}

// DeleteRegistration implements identity.Store.
func (s *Store) DeleteRegistration(ctx context.Context, id string, version int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	q := s.ext(ctx)
	n, err := s.exec(ctx, q, `DELETE FROM identity_registrations WHERE id = ? AND version = ?`, id, version)
	if err != nil {
		return err
	}
	if n == 0 {
		return s.versionMiss(ctx, q, registrationVersion, id, identity.ErrNotFound, identity.ErrConflict)
	}
	return nil
}

// Sign-ins.

type signInRow struct {
	TransID    string              `db:"trans_id"`
	RequestID  string              `db:"request_id"`
	NationalID identity.NationalID `db:"national_id"`
	Number     string              `db:"number"`
	StartedAt  instant             `db:"started_at"`
	ExpiresAt  instant             `db:"expires_at"`
	ConsumedAt instant             `db:"consumed_at"`
}

const signInColumns = `trans_id, request_id, national_id, number, started_at, expires_at, consumed_at`

func (r *signInRow) signIn() identity.SignIn {
	return identity.SignIn{TransID: r.TransID, RequestID: r.RequestID, NationalID: r.NationalID, Number: r.Number,
		StartedAt: timeOf(r.StartedAt), ExpiresAt: timeOf(r.ExpiresAt), ConsumedAt: timeOf(r.ConsumedAt)}
}

// CreateSignIn implements identity.Store.
func (s *Store) CreateSignIn(ctx context.Context, si identity.SignIn) (identity.SignIn, error) {
	if err := ctx.Err(); err != nil {
		return identity.SignIn{}, err
	}
	n, err := s.exec(ctx, s.ext(ctx), `INSERT INTO identity_sign_ins (`+signInColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO NOTHING`, si.TransID, si.RequestID, si.NationalID, si.Number, instant(si.StartedAt),
		instant(si.ExpiresAt), instant(si.ConsumedAt))
	if err != nil {
		return identity.SignIn{}, err
	}
	if n == 0 {
		return identity.SignIn{}, identity.ErrConflict
	}
	return si, nil
}

// GetSignIn implements identity.Store.
func (s *Store) GetSignIn(ctx context.Context, transID string) (identity.SignIn, error) {
	if err := ctx.Err(); err != nil {
		return identity.SignIn{}, err
	}
	var row signInRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &row, s.rebind(`SELECT `+signInColumns+` FROM identity_sign_ins WHERE trans_id = ?`), transID)
	if errors.Is(err, sql.ErrNoRows) {
		return identity.SignIn{}, identity.ErrNotFound
	}
	if err != nil {
		return identity.SignIn{}, mapError(err)
	}
	return row.signIn(), nil
}

// ConsumeSignIn implements identity.Store: one UPDATE guarded by
// consumed_at IS NULL, so of concurrent calls exactly one matches.
func (s *Store) ConsumeSignIn(ctx context.Context, transID string, at time.Time) (identity.SignIn, error) {
	if err := ctx.Err(); err != nil {
		return identity.SignIn{}, err
	}
	q := s.ext(ctx)
	var row signInRow
	err := sqlx.GetContext(ctx, q, &row, s.rebind(`UPDATE identity_sign_ins SET consumed_at = ?
	WHERE trans_id = ? AND consumed_at IS NULL RETURNING `+signInColumns), instant(at), transID)
	if errors.Is(err, sql.ErrNoRows) {
		var n int
		err := sqlx.GetContext(ctx, q, &n, s.rebind(`SELECT count(*) FROM identity_sign_ins WHERE trans_id = ?`), transID)
		switch {
		case err != nil:
			return identity.SignIn{}, mapError(err)
		case n == 0:
			return identity.SignIn{}, identity.ErrNotFound
		}
		return identity.SignIn{}, identity.ErrConflict
	}
	if err != nil {
		return identity.SignIn{}, mapError(err)
	}
	return row.signIn(), nil
}

// PurgeSignIns implements identity.Store.
func (s *Store) PurgeSignIns(ctx context.Context, before time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if before.IsZero() {
		return 0, nil // nothing expires before the zero time
	}
	// A sign-in without ExpiresAt (NULL) expired at the zero time, as in Go.
	n, err := s.exec(ctx, s.ext(ctx), `DELETE FROM identity_sign_ins WHERE expires_at < ? OR expires_at IS NULL`, instant(before))
	return int(n), err
}

// Consents.

type consentRow struct {
	ID        string                     `db:"id"`
	Owner     identity.NationalID        `db:"owner"`
	Grantee   string                     `db:"grantee"`
	Parts     jsonValue[[]identity.Part] `db:"parts"`
	Purpose   string                     `db:"purpose"`
	From      instant                    `db:"from_at"`
	Until     instant                    `db:"until_at"`
	CreatedAt instant                    `db:"created_at"`
	RevokedAt instant                    `db:"revoked_at"`
	Version   int64                      `db:"version"`
}

const (
	consentColumns = `id, owner, grantee, parts, purpose, from_at, until_at, created_at, revoked_at, version`
	consentVersion = `SELECT version FROM identity_consents WHERE id = ?`
)

func (r *consentRow) consent() identity.Consent {
	return identity.Consent{ID: r.ID, Owner: r.Owner, Grantee: r.Grantee, Parts: nilIfEmpty(r.Parts.V), Purpose: r.Purpose,
		From: timeOf(r.From), Until: timeOf(r.Until), CreatedAt: timeOf(r.CreatedAt), RevokedAt: timeOf(r.RevokedAt),
		Version: r.Version}
}

func cloneParts(ps []identity.Part) []identity.Part {
	return nilIfEmpty(append([]identity.Part(nil), ps...))
}

// CreateConsent implements identity.Store.
func (s *Store) CreateConsent(ctx context.Context, c identity.Consent) (identity.Consent, error) {
	if err := ctx.Err(); err != nil {
		return identity.Consent{}, err
	}
	c.Parts = cloneParts(c.Parts)
	c.Version = 1
	n, err := s.exec(ctx, s.ext(ctx), `INSERT INTO identity_consents (`+consentColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO NOTHING`, c.ID, c.Owner, c.Grantee, jsonValue[[]identity.Part]{c.Parts}, c.Purpose, instant(c.From),
		instant(c.Until), instant(c.CreatedAt), instant(c.RevokedAt), c.Version)
	if err != nil {
		return identity.Consent{}, err
	}
	if n == 0 {
		return identity.Consent{}, identity.ErrConflict
	}
	c.Parts = cloneParts(c.Parts)
	return c, nil
}

// GetConsent implements identity.Store.
func (s *Store) GetConsent(ctx context.Context, id string) (identity.Consent, error) {
	if err := ctx.Err(); err != nil {
		return identity.Consent{}, err
	}
	var row consentRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &row, s.rebind(`SELECT `+consentColumns+` FROM identity_consents WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return identity.Consent{}, identity.ErrNotFound
	}
	if err != nil {
		return identity.Consent{}, mapError(err)
	}
	return row.consent(), nil
}

// UpdateConsent implements identity.Store.
func (s *Store) UpdateConsent(ctx context.Context, c identity.Consent) (identity.Consent, error) {
	if err := ctx.Err(); err != nil {
		return identity.Consent{}, err
	}
	c.Parts = cloneParts(c.Parts)
	var stored struct {
		Owner     identity.NationalID `db:"owner"`
		Grantee   string              `db:"grantee"`
		CreatedAt instant             `db:"created_at"`
	}
	q := s.ext(ctx)
	err := sqlx.GetContext(ctx, q, &stored, s.rebind(`UPDATE identity_consents SET parts = ?, purpose = ?, from_at = ?,
	until_at = ?, revoked_at = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING owner, grantee, created_at`),
		jsonValue[[]identity.Part]{c.Parts}, c.Purpose, instant(c.From), instant(c.Until), instant(c.RevokedAt), c.ID, c.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return identity.Consent{}, s.versionMiss(ctx, q, consentVersion, c.ID, identity.ErrNotFound, identity.ErrConflict)
	}
	if err != nil {
		return identity.Consent{}, mapError(err)
	}
	c.Owner, c.Grantee, c.CreatedAt = stored.Owner, stored.Grantee, timeOf(stored.CreatedAt)
	c.Version++
	return c, nil
}

// ListConsents implements identity.Store. A cursor is resolved to its
// consent's creation instant first; the page is then the rows after
// (created_at, id) in index order.
func (s *Store) ListConsents(ctx context.Context, f identity.ConsentFilter) ([]identity.Consent, error) {
	if f.Limit < 0 {
		return nil, identity.ErrInvalidConsentFilter
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	after, err := s.consentCursor(ctx, f.After)
	if err != nil {
		return nil, err
	}
	query, args := s.consentListQuery(f, after)
	var rows []consentRow
	if err := sqlxSelect(ctx, s.ext(ctx), &rows, query, args...); err != nil {
		return nil, err
	}
	out := make([]identity.Consent, len(rows))
	for i := range rows {
		out[i] = rows[i].consent()
	}
	return out, nil
}

// consentPosition is a consent's position in ListConsents's order.
type consentPosition struct {
	createdAt instant
	id        string
}

// consentCursor resolves the cursor id to its consent's position: nil for
// "", ErrCursorNotFound for an ID no consent has.
func (s *Store) consentCursor(ctx context.Context, id string) (*consentPosition, error) {
	if id == "" {
		return nil, nil
	}
	var at instant
	err := sqlx.GetContext(ctx, s.ext(ctx), &at, s.rebind(`SELECT created_at FROM identity_consents WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, identity.ErrCursorNotFound
	}
	if err != nil {
		return nil, mapError(err)
	}
	return &consentPosition{createdAt: at, id: id}, nil
}

// consentListQuery returns ListConsents's query, in the dialect's bind style,
// and its arguments, for the consents after the position after (nil: from
// the start).
func (s *Store) consentListQuery(f identity.ConsentFilter, after *consentPosition) (string, []any) {
	var w conds
	if !f.Owner.IsZero() {
		w.add(`owner = ?`, f.Owner.String())
	}
	if f.Grantee != "" {
		w.add(`grantee = ?`, f.Grantee)
	}
	if !f.LiveAt.IsZero() {
		// Consent.LiveAt: From ≤ t < Until and not revoked at or before t (a
		// zero From does not restrict; a zero Until is never live).
		t := instant(f.LiveAt)
		w.add(`(from_at IS NULL OR from_at <= ?) AND until_at > ? AND (revoked_at IS NULL OR revoked_at > ?)`, t, t, t)
	}
	if after != nil {
		w.add(`(created_at, id) > (?, ?)`, after.createdAt, after.id)
	}
	query := `SELECT ` + consentColumns + ` FROM identity_consents` + w.String() + ` ORDER BY created_at, id`
	if f.Limit > 0 {
		query += ` LIMIT ?`
		w.args = append(w.args, f.Limit)
	}
	return s.rebind(query), w.args
}

// isUniqueViolation reports whether err is a unique-constraint violation:
// SQLSTATE 23505 on PostgreSQL, SQLITE_CONSTRAINT_UNIQUE (2067) or
// SQLITE_CONSTRAINT_PRIMARYKEY (1555) on SQLite.
func isUniqueViolation(err error) bool {
	var st sqlState
	if errors.As(err, &st) {
		return st.SQLState() == "23505"
	}
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		c := coded.Code()
		return c == 2067 || c == 1555
	}
	return false
}

// Sessions.

type sessionRow struct {
	ID          string                     `db:"id"`
	TransID     string                     `db:"trans_id"`
	NationalID  identity.NationalID        `db:"national_id"`
	SecretHash  []byte                     `db:"secret_hash"`
	Claims      jsonValue[identity.Claims] `db:"claims"`
	CreatedAt   instant                    `db:"created_at"`
	ActivatedAt instant                    `db:"activated_at"`
	ExpiresAt   instant                    `db:"expires_at"`
	RevokedAt   instant                    `db:"revoked_at"`
	Version     int64                      `db:"version"`
}

const (
	sessionColumns = `id, trans_id, national_id, secret_hash, claims, created_at, activated_at, expires_at, revoked_at, version`
	sessionVersion = `SELECT version FROM identity_sessions WHERE id = ?`
)

func (r *sessionRow) session() identity.SessionRecord {
	return identity.SessionRecord{ID: r.ID, TransID: r.TransID, NationalID: r.NationalID,
		SecretHash: bytes.Clone(r.SecretHash), Claims: r.Claims.V, CreatedAt: timeOf(r.CreatedAt),
		ActivatedAt: timeOf(r.ActivatedAt), ExpiresAt: timeOf(r.ExpiresAt), RevokedAt: timeOf(r.RevokedAt),
		Version: r.Version}
}

// CreateSession implements identity.Store.
func (s *Store) CreateSession(ctx context.Context, r identity.SessionRecord) (identity.SessionRecord, error) {
	if err := ctx.Err(); err != nil {
		return identity.SessionRecord{}, err
	}
	r.SecretHash = bytes.Clone(r.SecretHash)
	r.Version = 1
	n, err := s.exec(ctx, s.ext(ctx), `INSERT INTO identity_sessions (`+sessionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO NOTHING`, r.ID, r.TransID, r.NationalID, r.SecretHash, jsonValue[identity.Claims]{r.Claims},
		instant(r.CreatedAt), instant(r.ActivatedAt), instant(r.ExpiresAt), instant(r.RevokedAt), r.Version)
	if err != nil {
		return identity.SessionRecord{}, err
	}
	if n == 0 {
		return identity.SessionRecord{}, identity.ErrConflict
	}
	r.SecretHash = bytes.Clone(r.SecretHash)
	return r, nil
}

func (s *Store) getSession(ctx context.Context, where string, arg string) (identity.SessionRecord, error) {
	if err := ctx.Err(); err != nil {
		return identity.SessionRecord{}, err
	}
	var row sessionRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &row, s.rebind(`SELECT `+sessionColumns+` FROM identity_sessions WHERE `+where+` = ?`), arg)
	if errors.Is(err, sql.ErrNoRows) {
		return identity.SessionRecord{}, identity.ErrNotFound
	}
	if err != nil {
		return identity.SessionRecord{}, mapError(err)
	}
	return row.session(), nil
}

// GetSession implements identity.Store.
func (s *Store) GetSession(ctx context.Context, id string) (identity.SessionRecord, error) {
	return s.getSession(ctx, "id", id)
}

// GetSessionByTransID implements identity.Store.
func (s *Store) GetSessionByTransID(ctx context.Context, transID string) (identity.SessionRecord, error) {
	return s.getSession(ctx, "trans_id", transID)
}

// UpdateSession implements identity.Store: one UPDATE guarded by the version.
func (s *Store) UpdateSession(ctx context.Context, r identity.SessionRecord) (identity.SessionRecord, error) {
	if err := ctx.Err(); err != nil {
		return identity.SessionRecord{}, err
	}
	q := s.ext(ctx)
	var row sessionRow
	err := sqlx.GetContext(ctx, q, &row, s.rebind(`UPDATE identity_sessions SET claims = ?, activated_at = ?, expires_at = ?,
	revoked_at = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING `+sessionColumns),
		jsonValue[identity.Claims]{r.Claims}, instant(r.ActivatedAt), instant(r.ExpiresAt), instant(r.RevokedAt), r.ID, r.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return identity.SessionRecord{}, s.versionMiss(ctx, q, sessionVersion, r.ID, identity.ErrNotFound, identity.ErrConflict)
	}
	if err != nil {
		return identity.SessionRecord{}, mapError(err)
	}
	return row.session(), nil
}

// PurgeSessions implements identity.Store.
func (s *Store) PurgeSessions(ctx context.Context, before time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if before.IsZero() {
		return 0, nil
	}
	n, err := s.exec(ctx, s.ext(ctx), `DELETE FROM identity_sessions WHERE expires_at < ? OR expires_at IS NULL`, instant(before))
	return int(n), err
}
