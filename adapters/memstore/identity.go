package memstore

import (
	"bytes"
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/masarhr/masar-go/identity"
)

var _ identity.Store = (*Store)(nil)

// identityData holds the identity contract's state.
type identityData struct {
	regs     map[string]identity.Registration  // by ID
	regByNID map[identity.NationalID][]string  // national ID → its registration IDs (replaced whole, never edited)
	regByTok map[string]string                 // email token hash → registration ID
	signIns  map[string]identity.SignIn        // by TransID
	consents map[string]identity.Consent       // by ID
	sessions map[string]identity.SessionRecord // by ID
	sessByTx map[string]string                 // sign-in TransID → session ID
}

func (d *identityData) init() {
	d.regs = map[string]identity.Registration{}
	d.regByNID = map[identity.NationalID][]string{}
	d.regByTok = map[string]string{}
	d.signIns = map[string]identity.SignIn{}
	d.consents = map[string]identity.Consent{}
	d.sessions = map[string]identity.SessionRecord{}
	d.sessByTx = map[string]string{}
}

func cloneIdnBytes(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return bytes.Clone(b)
}

func cloneRegistration(r identity.Registration) identity.Registration {
	r.OTP.Hash = cloneIdnBytes(r.OTP.Hash)
	r.EmailTokenHash = cloneIdnBytes(r.EmailTokenHash)
	return r
}

func cloneConsent(c identity.Consent) identity.Consent {
	c.Parts = slices.Clone(c.Parts)
	return c
}

// CreateRegistration implements identity.Store.
func (s *Store) CreateRegistration(ctx context.Context, r identity.Registration) (identity.Registration, error) {
	r = cloneRegistration(r)
	r.Version = 1
	err := s.update(ctx, func(u *undoLog) error {
		if _, dup := s.idn.regs[r.ID]; dup {
			return identity.ErrConflict
		}
		for _, id := range s.idn.regByNID[r.NationalID] {
			o := s.idn.regs[id]
			if o.Attempt == r.Attempt || (r.Active() && o.Active()) {
				return identity.ErrConflict
			}
		}
		put(u, s.idn.regs, r.ID, r)
		put(u, s.idn.regByNID, r.NationalID, append(slices.Clone(s.idn.regByNID[r.NationalID]), r.ID))
		if len(r.EmailTokenHash) > 0 {
			put(u, s.idn.regByTok, string(r.EmailTokenHash), r.ID)
		}
		return nil
	})
	if err != nil {
		return identity.Registration{}, err
	}
	return cloneRegistration(r), nil
}

// GetRegistration implements identity.Store.
func (s *Store) GetRegistration(ctx context.Context, id string) (identity.Registration, error) {
	var out identity.Registration
	err := s.view(ctx, func() error {
		r, ok := s.idn.regs[id]
		if !ok {
			return identity.ErrNotFound
		}
		out = cloneRegistration(r)
		return nil
	})
	return out, err
}

// GetRegistrationByNationalID implements identity.Store.
func (s *Store) GetRegistrationByNationalID(ctx context.Context, id identity.NationalID) (identity.Registration, error) {
	var out identity.Registration
	err := s.view(ctx, func() error {
		ids := s.idn.regByNID[id]
		if len(ids) == 0 {
			return identity.ErrNotFound
		}
		best := s.idn.regs[ids[0]]
		for _, rid := range ids[1:] {
			if r := s.idn.regs[rid]; registrationBefore(best, r) {
				best = r
			}
		}
		out = cloneRegistration(best)
		return nil
	})
	return out, err
}

// registrationBefore reports whether b is preferred to a as a person's
// registration: active first, then the latest UpdatedAt, then the greatest ID.
func registrationBefore(a, b identity.Registration) bool {
	if a.Active() != b.Active() {
		return b.Active()
	}
	if c := a.UpdatedAt.Compare(b.UpdatedAt); c != 0 {
		return c < 0
	}
	return a.ID < b.ID
}

// ListRegistrationsByNationalID implements identity.Store.
func (s *Store) ListRegistrationsByNationalID(ctx context.Context, id identity.NationalID) ([]identity.Registration, error) {
	var out []identity.Registration
	err := s.view(ctx, func() error {
		for _, rid := range s.idn.regByNID[id] {
			out = append(out, cloneRegistration(s.idn.regs[rid]))
		}
		slices.SortFunc(out, func(a, b identity.Registration) int {
			return cmp.Or(cmp.Compare(a.Attempt, b.Attempt), cmp.Compare(a.ID, b.ID))
		})
		return nil
	})
	return out, err
}

// GetRegistrationByEmailToken implements identity.Store.
func (s *Store) GetRegistrationByEmailToken(ctx context.Context, hash []byte) (identity.Registration, error) {
	var out identity.Registration
	err := s.view(ctx, func() error {
		if len(hash) == 0 {
			return identity.ErrNotFound
		}
		rid, ok := s.idn.regByTok[string(hash)]
		if !ok {
			return identity.ErrNotFound
		}
		out = cloneRegistration(s.idn.regs[rid])
		return nil
	})
	return out, err
}

// UpdateRegistration implements identity.Store.
func (s *Store) UpdateRegistration(ctx context.Context, r identity.Registration) (identity.Registration, error) {
	r = cloneRegistration(r)
	err := s.update(ctx, func(u *undoLog) error {
		old, ok := s.idn.regs[r.ID]
		if !ok {
			return identity.ErrNotFound
		}
		if old.Version != r.Version {
			return identity.ErrConflict
		}
		if r.Active() {
			for _, id := range s.idn.regByNID[old.NationalID] {
				if id != r.ID && s.idn.regs[id].Active() {
					return identity.ErrConflict
				}
			}
		}
		r.NationalID, r.Attempt, r.CreatedAt = old.NationalID, old.Attempt, old.CreatedAt
		r.Version++
		if !bytes.Equal(old.EmailTokenHash, r.EmailTokenHash) {
			if len(old.EmailTokenHash) > 0 {
				remove(u, s.idn.regByTok, string(old.EmailTokenHash))
			}
			if len(r.EmailTokenHash) > 0 {
				put(u, s.idn.regByTok, string(r.EmailTokenHash), r.ID)
			}
		}
		put(u, s.idn.regs, r.ID, r)
		return nil
	})
	if err != nil {
		return identity.Registration{}, err
	}
	return cloneRegistration(r), nil
}

// DeleteRegistration implements identity.Store.
func (s *Store) DeleteRegistration(ctx context.Context, id string, version int64) error {
	return s.update(ctx, func(u *undoLog) error {
		old, ok := s.idn.regs[id]
		if !ok {
			return identity.ErrNotFound
		}
		if old.Version != version {
			return identity.ErrConflict
		}
		remove(u, s.idn.regs, id)
		if rest := slices.DeleteFunc(slices.Clone(s.idn.regByNID[old.NationalID]), func(x string) bool { return x == id }); len(rest) > 0 {
			put(u, s.idn.regByNID, old.NationalID, rest)
		} else {
			remove(u, s.idn.regByNID, old.NationalID)
		}
		if len(old.EmailTokenHash) > 0 {
			remove(u, s.idn.regByTok, string(old.EmailTokenHash))
		}
		return nil
	})
}

// CreateSignIn implements identity.Store.
func (s *Store) CreateSignIn(ctx context.Context, si identity.SignIn) (identity.SignIn, error) {
	err := s.update(ctx, func(u *undoLog) error {
		if _, dup := s.idn.signIns[si.TransID]; dup {
			return identity.ErrConflict
		}
		put(u, s.idn.signIns, si.TransID, si)
		return nil
	})
	if err != nil {
		return identity.SignIn{}, err
	}
	return si, nil
}

// GetSignIn implements identity.Store.
func (s *Store) GetSignIn(ctx context.Context, transID string) (identity.SignIn, error) {
	var out identity.SignIn
	err := s.view(ctx, func() error {
		si, ok := s.idn.signIns[transID]
		if !ok {
			return identity.ErrNotFound
		}
		out = si
		return nil
	})
	return out, err
}

// ConsumeSignIn implements identity.Store.
func (s *Store) ConsumeSignIn(ctx context.Context, transID string, at time.Time) (identity.SignIn, error) {
	var out identity.SignIn
	err := s.update(ctx, func(u *undoLog) error {
		si, ok := s.idn.signIns[transID]
		if !ok {
			return identity.ErrNotFound
		}
		if !si.ConsumedAt.IsZero() {
			return identity.ErrConflict
		}
		si.ConsumedAt = at
		put(u, s.idn.signIns, transID, si)
		out = si
		return nil
	})
	return out, err
}

// PurgeSignIns implements identity.Store.
func (s *Store) PurgeSignIns(ctx context.Context, before time.Time) (int, error) {
	n := 0
	err := s.update(ctx, func(u *undoLog) error {
		for id, si := range s.idn.signIns {
			if si.ExpiresAt.Before(before) {
				remove(u, s.idn.signIns, id)
				n++
			}
		}
		return nil
	})
	return n, err
}

// CreateConsent implements identity.Store.
func (s *Store) CreateConsent(ctx context.Context, c identity.Consent) (identity.Consent, error) {
	c = cloneConsent(c)
	c.Version = 1
	err := s.update(ctx, func(u *undoLog) error {
		if _, dup := s.idn.consents[c.ID]; dup {
			return identity.ErrConflict
		}
		put(u, s.idn.consents, c.ID, c)
		return nil
	})
	if err != nil {
		return identity.Consent{}, err
	}
	return cloneConsent(c), nil
}

// GetConsent implements identity.Store.
func (s *Store) GetConsent(ctx context.Context, id string) (identity.Consent, error) {
	var out identity.Consent
	err := s.view(ctx, func() error {
		c, ok := s.idn.consents[id]
		if !ok {
			return identity.ErrNotFound
		}
		out = cloneConsent(c)
		return nil
	})
	return out, err
}

// UpdateConsent implements identity.Store.
func (s *Store) UpdateConsent(ctx context.Context, c identity.Consent) (identity.Consent, error) {
	c = cloneConsent(c)
	err := s.update(ctx, func(u *undoLog) error {
		old, ok := s.idn.consents[c.ID]
		if !ok {
			return identity.ErrNotFound
		}
		if old.Version != c.Version {
			return identity.ErrConflict
		}
		c.Owner, c.Grantee, c.CreatedAt = old.Owner, old.Grantee, old.CreatedAt
		c.Version++
		put(u, s.idn.consents, c.ID, c)
		return nil
	})
	if err != nil {
		return identity.Consent{}, err
	}
	return cloneConsent(c), nil
}

// consentKey is a consent's position in ListConsents's order.
type consentKey struct {
	at time.Time
	id string
}

func consentKeyOf(c identity.Consent) consentKey { return consentKey{c.CreatedAt, c.ID} }

func (k consentKey) compare(l consentKey) int {
	if c := k.at.Compare(l.at); c != 0 {
		return c
	}
	return cmp.Compare(k.id, l.id)
}

// ListConsents implements identity.Store.
func (s *Store) ListConsents(ctx context.Context, f identity.ConsentFilter) ([]identity.Consent, error) {
	if f.Limit < 0 {
		return nil, identity.ErrInvalidConsentFilter
	}
	var out []identity.Consent
	err := s.view(ctx, func() error {
		var after *consentKey
		if f.After != "" {
			c, ok := s.idn.consents[f.After]
			if !ok {
				return identity.ErrCursorNotFound
			}
			k := consentKeyOf(c)
			after = &k
		}
		for _, c := range s.idn.consents {
			if f.Match(c) && (after == nil || after.compare(consentKeyOf(c)) < 0) {
				out = append(out, cloneConsent(c))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b identity.Consent) int { return consentKeyOf(a).compare(consentKeyOf(b)) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit:f.Limit]
	}
	return out, nil
}

func cloneSession(r identity.SessionRecord) identity.SessionRecord {
	r.SecretHash = cloneIdnBytes(r.SecretHash)
	return r
}

// CreateSession implements identity.Store.
func (s *Store) CreateSession(ctx context.Context, r identity.SessionRecord) (identity.SessionRecord, error) {
	r = cloneSession(r)
	r.Version = 1
	err := s.update(ctx, func(u *undoLog) error {
		if _, dup := s.idn.sessions[r.ID]; dup {
			return identity.ErrConflict
		}
		if _, dup := s.idn.sessByTx[r.TransID]; dup {
			return identity.ErrConflict
		}
		put(u, s.idn.sessions, r.ID, r)
		put(u, s.idn.sessByTx, r.TransID, r.ID)
		return nil
	})
	if err != nil {
		return identity.SessionRecord{}, err
	}
	return cloneSession(r), nil
}

// GetSession implements identity.Store.
func (s *Store) GetSession(ctx context.Context, id string) (identity.SessionRecord, error) {
	var out identity.SessionRecord
	err := s.view(ctx, func() error {
		r, ok := s.idn.sessions[id]
		if !ok {
			return identity.ErrNotFound
		}
		out = cloneSession(r)
		return nil
	})
	return out, err
}

// GetSessionByTransID implements identity.Store.
func (s *Store) GetSessionByTransID(ctx context.Context, transID string) (identity.SessionRecord, error) {
	var out identity.SessionRecord
	err := s.view(ctx, func() error {
		id, ok := s.idn.sessByTx[transID]
		if !ok {
			return identity.ErrNotFound
		}
		out = cloneSession(s.idn.sessions[id])
		return nil
	})
	return out, err
}

// UpdateSession implements identity.Store.
func (s *Store) UpdateSession(ctx context.Context, r identity.SessionRecord) (identity.SessionRecord, error) {
	var out identity.SessionRecord
	err := s.update(ctx, func(u *undoLog) error {
		cur, ok := s.idn.sessions[r.ID]
		if !ok {
			return identity.ErrNotFound
		}
		if cur.Version != r.Version {
			return identity.ErrConflict
		}
		cur.Claims, cur.ActivatedAt, cur.ExpiresAt, cur.RevokedAt = r.Claims, r.ActivatedAt, r.ExpiresAt, r.RevokedAt
		cur.Version++
		put(u, s.idn.sessions, cur.ID, cur)
		out = cloneSession(cur)
		return nil
	})
	return out, err
}

// PurgeSessions implements identity.Store.
func (s *Store) PurgeSessions(ctx context.Context, before time.Time) (int, error) {
	n := 0
	err := s.update(ctx, func(u *undoLog) error {
		for id, r := range s.idn.sessions {
			if r.ExpiresAt.Before(before) {
				remove(u, s.idn.sessions, id)
				remove(u, s.idn.sessByTx, r.TransID)
				n++
			}
		}
		return nil
	})
	return n, err
}
