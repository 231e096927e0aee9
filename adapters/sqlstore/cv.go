package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/identity"
)

var _ cv.Store = (*Store)(nil)

// ---- profiles ----

const (
	profileColumns = `employee_id, version, body, updated_by, updated_at`
	profileInsert  = `INSERT INTO cv_profiles (` + profileColumns + `) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	profileCurrent = `SELECT ` + profileColumns + ` FROM cv_profiles WHERE employee_id = ? ORDER BY version DESC LIMIT 1`
	profileVersion = `SELECT ` + profileColumns + ` FROM cv_profiles WHERE employee_id = ? AND version = ?`
	profileMax     = `SELECT COALESCE(MAX(version), 0) FROM cv_profiles WHERE employee_id = ?`
	profileList    = `SELECT ` + profileColumns + ` FROM cv_profiles WHERE employee_id = ? AND version > ? ORDER BY version`
)

// profileBody is the JSON document of a version's sections.
type profileBody struct {
	Summary      string           `json:"summary,omitempty"`
	Skills       []string         `json:"skills,omitempty"`
	Languages    []cv.Language    `json:"languages,omitempty"`
	Experience   []cv.Experience  `json:"experience,omitempty"`
	Certificates []cv.Certificate `json:"certificates,omitempty"`
}

type profileRow struct {
	EmployeeID string                 `db:"employee_id"`
	Version    int64                  `db:"version"`
	Body       jsonValue[profileBody] `db:"body"`
	UpdatedBy  string                 `db:"updated_by"`
	UpdatedAt  instant                `db:"updated_at"`
}

func (r *profileRow) profile() cv.Profile {
	b := r.Body.V
	return cv.Profile{EmployeeID: r.EmployeeID, Summary: b.Summary, Skills: b.Skills, Languages: b.Languages,
		Experience: b.Experience, Certificates: b.Certificates, UpdatedBy: r.UpdatedBy, Version: r.Version,
		UpdatedAt: timeOf(r.UpdatedAt)}
}

// PutProfile implements cv.Store: in one write, a read of the current
// version and the insert of the next, which the primary key (employee_id,
// version) refuses to a concurrent writer on the same version.
func (s *Store) PutProfile(ctx context.Context, p cv.Profile) (cv.Profile, error) {
	if err := ctx.Err(); err != nil {
		return cv.Profile{}, err
	}
	body := profileBody{Summary: p.Summary, Skills: p.Skills, Languages: p.Languages, Experience: p.Experience,
		Certificates: p.Certificates}
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		var cur int64
		if err := sqlx.GetContext(ctx, q, &cur, s.rebind(profileMax), p.EmployeeID); err != nil {
			return mapError(err)
		}
		switch {
		case p.Version == 0 && cur > 0:
			return cv.ErrConflict
		case p.Version > 0 && cur == 0:
			return cv.ErrNotFound
		case cur != p.Version:
			return cv.ErrConflict
		}
		n, err := s.exec(ctx, q, profileInsert, p.EmployeeID, p.Version+1, jsonValue[profileBody]{body}, p.UpdatedBy,
			instant(p.UpdatedAt))
		if err != nil {
			return err
		}
		if n == 0 {
			return cv.ErrConflict
		}
		return nil
	})
	if err != nil {
		return cv.Profile{}, err
	}
	p = p.Clone()
	p.Version++
	p.UpdatedAt = storedInstant(p.UpdatedAt)
	p.Skills, p.Languages = nilIfEmpty(p.Skills), nilIfEmpty(p.Languages)
	p.Experience, p.Certificates = nilIfEmpty(p.Experience), nilIfEmpty(p.Certificates)
	return p, nil
}

func (s *Store) getProfile(ctx context.Context, query string, args ...any) (cv.Profile, error) {
	if err := ctx.Err(); err != nil {
		return cv.Profile{}, err
	}
	var r profileRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &r, s.rebind(query), args...)
	if errors.Is(err, sql.ErrNoRows) {
		return cv.Profile{}, cv.ErrNotFound
	}
	if err != nil {
		return cv.Profile{}, mapError(err)
	}
	return r.profile(), nil
}

// GetProfile implements cv.Store: the highest version, on the primary key.
func (s *Store) GetProfile(ctx context.Context, employeeID string) (cv.Profile, error) {
	return s.getProfile(ctx, profileCurrent, employeeID)
}

// GetProfileVersion implements cv.Store.
func (s *Store) GetProfileVersion(ctx context.Context, employeeID string, n int64) (cv.Profile, error) {
	return s.getProfile(ctx, profileVersion, employeeID, n)
}

// ListProfileVersions implements cv.Store: a keyset query on the primary key.
func (s *Store) ListProfileVersions(ctx context.Context, f cv.VersionFilter) ([]cv.Profile, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.After != 0 {
		ok, err := s.exists(ctx, s.ext(ctx), `SELECT 1 FROM cv_profiles WHERE employee_id = ? AND version = ?`, f.EmployeeID, f.After)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, cv.ErrCursorNotFound
		}
	}
	query, args := profilesQuery(&f)
	var rows []profileRow
	if err := sqlxSelect(ctx, s.ext(ctx), &rows, s.rebind(query), args...); err != nil {
		return nil, err
	}
	out := make([]cv.Profile, len(rows))
	for i := range rows {
		out[i] = rows[i].profile()
	}
	return out, nil
}

func profilesQuery(f *cv.VersionFilter) (string, []any) {
	query, args := profileList, []any{f.EmployeeID, f.After}
	if f.Limit > 0 {
		query += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	return query, args
}

// ---- shares ----

const (
	shareColumns = `id, code_hash, employee_id, profile_version, parts, note, created_by, expires_at, created_at,
	revoked_at, version`
	shareInsert    = `INSERT INTO cv_shares (` + shareColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	shareByCode    = `SELECT ` + shareColumns + ` FROM cv_shares WHERE code_hash = ?`
	shareRevoke    = `UPDATE cv_shares SET revoked_at = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING ` + shareColumns
	shareVersionOf = `SELECT version FROM cv_shares WHERE id = ?`
)

type shareRow struct {
	ID             string                     `db:"id"`
	CodeHash       string                     `db:"code_hash"`
	EmployeeID     string                     `db:"employee_id"`
	ProfileVersion int64                      `db:"profile_version"`
	Parts          jsonValue[[]identity.Part] `db:"parts"`
	Note           string                     `db:"note"`
	CreatedBy      string                     `db:"created_by"`
	ExpiresAt      instant                    `db:"expires_at"`
	CreatedAt      instant                    `db:"created_at"`
	RevokedAt      instant                    `db:"revoked_at"`
	Version        int64                      `db:"version"`
}

func (r *shareRow) share() cv.Share {
	return cv.Share{ID: r.ID, CodeHash: r.CodeHash, EmployeeID: r.EmployeeID, ProfileVersion: r.ProfileVersion,
		Parts: nilIfEmpty(r.Parts.V), Note: r.Note, CreatedBy: r.CreatedBy, ExpiresAt: timeOf(r.ExpiresAt),
		CreatedAt: timeOf(r.CreatedAt), RevokedAt: timeOf(r.RevokedAt), Version: r.Version}
}

// CreateShare implements cv.Store: one insert the primary key or the
// unique code hash refuses.
func (s *Store) CreateShare(ctx context.Context, sh cv.Share) (cv.Share, error) {
	if err := ctx.Err(); err != nil {
		return cv.Share{}, err
	}
	parts := sh.Parts
	if parts == nil {
		parts = []identity.Part{}
	}
	n, err := s.exec(ctx, s.ext(ctx), shareInsert, sh.ID, sh.CodeHash, sh.EmployeeID, sh.ProfileVersion,
		jsonValue[[]identity.Part]{parts}, sh.Note, sh.CreatedBy, instant(sh.ExpiresAt), instant(sh.CreatedAt),
		instant(sh.RevokedAt), int64(1))
	if err != nil {
		return cv.Share{}, err
	}
	if n == 0 {
		return cv.Share{}, cv.ErrConflict
	}
	sh = sh.Clone()
	sh.Version = 1
	sh.Parts = nilIfEmpty(sh.Parts)
	sh.ExpiresAt, sh.CreatedAt, sh.RevokedAt = storedInstant(sh.ExpiresAt), storedInstant(sh.CreatedAt), storedInstant(sh.RevokedAt)
	return sh, nil
}

// GetShare implements cv.Store, on the unique code hash.
func (s *Store) GetShare(ctx context.Context, codeHash string) (cv.Share, error) {
	if err := ctx.Err(); err != nil {
		return cv.Share{}, err
	}
	var r shareRow
	err := sqlx.GetContext(ctx, s.ext(ctx), &r, s.rebind(shareByCode), codeHash)
	if errors.Is(err, sql.ErrNoRows) {
		return cv.Share{}, cv.ErrNotFound
	}
	if err != nil {
		return cv.Share{}, mapError(err)
	}
	return r.share(), nil
}

// RevokeShare implements cv.Store: one compare-and-swap UPDATE returning
// the row; when it matches nothing, a read of the version tells not found
// from conflict.
func (s *Store) RevokeShare(ctx context.Context, id string, version int64, at time.Time) (cv.Share, error) {
	if err := ctx.Err(); err != nil {
		return cv.Share{}, err
	}
	var r shareRow
	err := s.write(ctx, func(q sqlx.ExtContext) error {
		err := sqlx.GetContext(ctx, q, &r, s.rebind(shareRevoke), instant(at), id, version)
		if errors.Is(err, sql.ErrNoRows) {
			return s.versionMiss(ctx, q, shareVersionOf, id, cv.ErrNotFound, cv.ErrConflict)
		}
		return mapError(err)
	})
	if err != nil {
		return cv.Share{}, err
	}
	return r.share(), nil
}

// ListShares implements cv.Store: a read of the cursor's position (which
// must be a share of the employee), then one keyset query on
// cv_shares_employee in its order.
func (s *Store) ListShares(ctx context.Context, f cv.ShareFilter) ([]cv.Share, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	after, err := s.shareCursor(ctx, &f)
	if err != nil {
		return nil, err
	}
	query, args := sharesQuery(&f, after)
	var rows []shareRow
	if err := sqlxSelect(ctx, s.ext(ctx), &rows, s.rebind(query), args...); err != nil {
		return nil, err
	}
	out := make([]cv.Share, len(rows))
	for i := range rows {
		out[i] = rows[i].share()
	}
	return out, nil
}

func (s *Store) shareCursor(ctx context.Context, f *cv.ShareFilter) (*cursor, error) {
	if f.After == "" {
		return nil, nil
	}
	var at instant
	err := sqlx.GetContext(ctx, s.ext(ctx), &at, s.rebind(`SELECT created_at FROM cv_shares WHERE id = ? AND employee_id = ?`),
		f.After, f.EmployeeID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, cv.ErrCursorNotFound
	}
	if err != nil {
		return nil, mapError(err)
	}
	return &cursor{at: timeOf(at), id: f.After}, nil
}

func sharesQuery(f *cv.ShareFilter, after *cursor) (string, []any) {
	return listQuery(shareColumns, `cv_shares`, []string{`employee_id = ?`}, []any{f.EmployeeID}, after, f.Limit)
}
