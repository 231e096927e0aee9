package memstore

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/masarhr/masar-go/cv"
)

var _ cv.Store = (*Store)(nil)

// cvData holds the cv contract's state.
type cvData struct {
	profiles map[string][]cv.Profile // employee ID → versions, oldest first
	shares   map[string]cv.Share     // by ID
	byCode   map[string]string       // code hash → share ID
}

func (d *cvData) init() {
	d.profiles = make(map[string][]cv.Profile)
	d.shares = make(map[string]cv.Share)
	d.byCode = make(map[string]string)
}

// PutProfile implements cv.Store.
func (s *Store) PutProfile(ctx context.Context, p cv.Profile) (cv.Profile, error) {
	p = p.Clone()
	err := s.update(ctx, func(u *undoLog) error {
		vs := s.cv.profiles[p.EmployeeID]
		switch {
		case p.Version == 0 && len(vs) > 0:
			return cv.ErrConflict
		case p.Version > 0 && len(vs) == 0:
			return cv.ErrNotFound
		case p.Version > 0 && vs[len(vs)-1].Version != p.Version:
			return cv.ErrConflict
		}
		p.Version++
		put(u, s.cv.profiles, p.EmployeeID, append(slices.Clip(vs), p))
		return nil
	})
	if err != nil {
		return cv.Profile{}, err
	}
	return p.Clone(), nil
}

// GetProfile implements cv.Store.
func (s *Store) GetProfile(ctx context.Context, employeeID string) (cv.Profile, error) {
	var out cv.Profile
	err := s.view(ctx, func() error {
		vs := s.cv.profiles[employeeID]
		if len(vs) == 0 {
			return cv.ErrNotFound
		}
		out = vs[len(vs)-1].Clone()
		return nil
	})
	return out, err
}

// GetProfileVersion implements cv.Store.
func (s *Store) GetProfileVersion(ctx context.Context, employeeID string, n int64) (cv.Profile, error) {
	var out cv.Profile
	err := s.view(ctx, func() error {
		vs := s.cv.profiles[employeeID]
		if n < 1 || n > int64(len(vs)) {
			return cv.ErrNotFound
		}
		out = vs[n-1].Clone()
		return nil
	})
	return out, err
}

// ListProfileVersions implements cv.Store.
func (s *Store) ListProfileVersions(ctx context.Context, f cv.VersionFilter) ([]cv.Profile, error) {
	var out []cv.Profile
	err := s.view(ctx, func() error {
		vs := s.cv.profiles[f.EmployeeID]
		if f.After < 0 || f.After > int64(len(vs)) {
			return cv.ErrCursorNotFound
		}
		for _, p := range vs[f.After:] {
			if f.Limit > 0 && len(out) == f.Limit {
				break
			}
			out = append(out, p.Clone())
		}
		return nil
	})
	return out, err
}

// CreateShare implements cv.Store.
func (s *Store) CreateShare(ctx context.Context, sh cv.Share) (cv.Share, error) {
	sh = sh.Clone()
	err := s.update(ctx, func(u *undoLog) error {
		if _, ok := s.cv.shares[sh.ID]; ok {
			return cv.ErrConflict
		}
		if _, ok := s.cv.byCode[sh.CodeHash]; ok {
			return cv.ErrConflict
		}
		sh.Version = 1
		put(u, s.cv.shares, sh.ID, sh)
		put(u, s.cv.byCode, sh.CodeHash, sh.ID)
		return nil
	})
	if err != nil {
		return cv.Share{}, err
	}
	return sh.Clone(), nil
}

// GetShare implements cv.Store.
func (s *Store) GetShare(ctx context.Context, codeHash string) (cv.Share, error) {
	var out cv.Share
	err := s.view(ctx, func() error {
		id, ok := s.cv.byCode[codeHash]
		if !ok {
			return cv.ErrNotFound
		}
		out = s.cv.shares[id].Clone()
		return nil
	})
	return out, err
}

// RevokeShare implements cv.Store.
func (s *Store) RevokeShare(ctx context.Context, id string, version int64, at time.Time) (cv.Share, error) {
	var out cv.Share
	err := s.update(ctx, func(u *undoLog) error {
		sh, ok := s.cv.shares[id]
		switch {
		case !ok:
			return cv.ErrNotFound
		case sh.Version != version:
			return cv.ErrConflict
		}
		sh = sh.Clone()
		sh.RevokedAt = at
		sh.Version++
		put(u, s.cv.shares, id, sh)
		out = sh.Clone()
		return nil
	})
	return out, err
}

// ListShares implements cv.Store: the employee's shares in (CreatedAt, ID)
// order, sorted at query time.
func (s *Store) ListShares(ctx context.Context, f cv.ShareFilter) ([]cv.Share, error) {
	var out []cv.Share
	err := s.view(ctx, func() error {
		var after *cv.Share
		if f.After != "" {
			sh, ok := s.cv.shares[f.After]
			if !ok || sh.EmployeeID != f.EmployeeID {
				return cv.ErrCursorNotFound
			}
			after = &sh
		}
		for _, sh := range s.cv.shares {
			if sh.EmployeeID == f.EmployeeID && (after == nil || compareShares(after, &sh) < 0) {
				out = append(out, sh)
			}
		}
		slices.SortFunc(out, func(a, b cv.Share) int { return compareShares(&a, &b) })
		if f.Limit > 0 && len(out) > f.Limit {
			out = out[:f.Limit]
		}
		for i := range out {
			out[i] = out[i].Clone()
		}
		return nil
	})
	return out, err
}

func compareShares(a, b *cv.Share) int {
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}
