package cv

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/ids"
	"github.com/masarhr/masar-go/internal/validation"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/records"
)

// Ratings is the port to the host's performance-rating system. The SDK
// keeps no ratings; a CV shows them only when the host supplies them.
type Ratings interface {
	// Ratings returns the employee's ratings, in any order.
	Ratings(ctx context.Context, employeeID string) ([]Rating, error)
}

// Defaults of Options.
const (
	// DefaultShareLifetime is a share's lifetime when the input gives none [INF].
	DefaultShareLifetime = 30 * 24 * time.Hour
	// DefaultMaxShareLifetime is the longest lifetime allowed by default [INF].
	DefaultMaxShareLifetime = 180 * 24 * time.Hour
)

// Options configures a Service.
type Options struct {
	// Now returns the current time (default time.Now); it is read once per operation.
	Now func() time.Time
	// NewID returns a new unique ID (default: 128 random bits as 32 hex digits).
	NewID func() string
	// Location is the zone whose civil date a CV is dated by (default hijri.SaudiTime()).
	Location *time.Location
	// ShareKey keys the share codes' hashes: at least MinShareKeyLen
	// random bytes, secret and stable (changing it invalidates every share).
	// Required.
	ShareKey []byte
	// ShareLifetime is a share's lifetime when ShareInput.Lifetime is 0
	// (default DefaultShareLifetime).
	ShareLifetime time.Duration
	// MaxShareLifetime is the longest lifetime a share may have (default
	// DefaultMaxShareLifetime).
	MaxShareLifetime time.Duration
	// Ratings supplies the ratings (default none).
	Ratings Ratings
	// Documented tells which qualifications are documented and shown
	// (default: all).
	Documented func(records.Qualification) bool
}

// Service is the CV use cases: the employee's own sections, versioned; the
// CV assembled from the file and those sections for the parts a reader is
// allowed; and shares by verification code. A Service is safe for
// concurrent use.
type Service struct {
	store      Store
	recs       *records.Service
	now        func() time.Time
	newID      func() string
	loc        *time.Location
	key        []byte
	lifetime   time.Duration
	maxLife    time.Duration
	ratings    Ratings
	documented func(records.Qualification) bool
	v          *validation.Validator
}

// New returns a Service over store, reading files through recs
// (required). It fails with ErrShareKeyMissing when opts.ShareKey is
// shorter than MinShareKeyLen, and with fault.ErrInvalidInput when the
// lifetimes are not positive or the default exceeds the maximum.
func New(store Store, recs *records.Service, opts *Options) (*Service, error) {
	if opts == nil {
		opts = &Options{}
	}
	if store == nil || recs == nil {
		return nil, fault.ErrInvalidInput.Wrap(errors.New("cv: a store and a records service are required"))
	}
	if len(opts.ShareKey) < MinShareKeyLen {
		return nil, ErrShareKeyMissing
	}
	s := &Service{store: store, recs: recs, now: opts.Now, newID: opts.NewID, loc: opts.Location,
		key: append([]byte(nil), opts.ShareKey...), lifetime: opts.ShareLifetime, maxLife: opts.MaxShareLifetime,
		ratings: opts.Ratings, documented: opts.Documented, v: validation.Default()}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = ids.New
	}
	if s.loc == nil {
		s.loc = hijri.SaudiTime()
	}
	if s.lifetime == 0 {
		s.lifetime = DefaultShareLifetime
	}
	if s.maxLife == 0 {
		s.maxLife = DefaultMaxShareLifetime
	}
	if s.lifetime < 0 || s.maxLife < 0 || s.lifetime > s.maxLife {
		return nil, fault.ErrInvalidInput.Wrap(errors.New("cv: the share lifetimes must be positive, the default not above the maximum"))
	}
	if s.documented == nil {
		s.documented = func(records.Qualification) bool { return true }
	}
	return s, nil
}

// clock returns the operation's instant (UTC, microseconds) and its civil date.
func (s *Service) clock() (time.Time, hijri.Date, error) {
	now := s.now().UTC().Truncate(time.Microsecond)
	today, err := hijri.Today(now, s.loc)
	if err != nil {
		return time.Time{}, hijri.Date{}, fault.ErrInternal.Wrap(fmt.Errorf("cv: the clock is outside the Hijri table: %w", err))
	}
	return now, today, nil
}

func invalid(field, en, ar string) error {
	return fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: field, Reason: "invalid", Message: i18n.Text{EN: en, AR: ar}})
}

// SaveProfileInput is the input of SaveProfile: the whole of the employee's
// sections, replacing the previous version's.
type SaveProfileInput struct {
	EmployeeID   string        `json:"employee_id" validate:"required,max=200" ar:"معرف الملف"`
	Summary      string        `json:"summary,omitempty" validate:"max=2000" ar:"النبذة"`
	Skills       []string      `json:"skills,omitempty" validate:"max=50,dive,required,max=100" ar:"المهارات"`
	Languages    []Language    `json:"languages,omitempty" validate:"max=20,dive" ar:"اللغات"`
	Experience   []Experience  `json:"experience,omitempty" validate:"max=30,dive" ar:"الخبرات"`
	Certificates []Certificate `json:"certificates,omitempty" validate:"max=50,dive" ar:"الشهادات"`
	// Version is the version the change is based on: 0 for the first save.
	Version int64 `json:"version" validate:"min=0" ar:"الإصدار"`
	// By identifies the actor saving.
	By string `json:"by,omitempty" validate:"max=100" ar:"المستخدم"`
	// Authorize, if set, sees the file before anything is written.
	Authorize func(e records.Employee) error `json:"-" validate:"-"`
}

// SaveProfile stores the employee's sections as a new version
// (compare-and-swap on in.Version) and returns it.
//
// Errors: fault.ErrInvalidInput; records.ErrEmployeeNotFound; ErrConflict
// for a stale version; ErrNotFound when in.Version is not 0 and nothing
// was saved; what Authorize returns.
func (s *Service) SaveProfile(ctx context.Context, in SaveProfileInput) (Profile, error) {
	if err := s.v.Struct(in); err != nil {
		return Profile{}, err
	}
	for i, l := range in.Languages {
		if !l.Level.Valid() {
			return Profile{}, invalid(fmt.Sprintf("languages[%d].level", i), "unknown language level", "مستوى لغة غير معروف")
		}
	}
	for i, x := range in.Experience {
		if x.From.IsZero() {
			return Profile{}, invalid(fmt.Sprintf("experience[%d].from", i), "the start date is required", "تاريخ البداية مطلوب")
		}
		if !x.To.IsZero() && x.To.Before(x.From) {
			return Profile{}, invalid(fmt.Sprintf("experience[%d].to", i), "the end is before the start", "تاريخ النهاية قبل تاريخ البداية")
		}
	}
	e, err := s.recs.GetEmployee(ctx, in.EmployeeID)
	if err != nil {
		return Profile{}, err
	}
	if in.Authorize != nil {
		if err := in.Authorize(e.Clone()); err != nil {
			return Profile{}, err
		}
	}
	now, _, err := s.clock()
	if err != nil {
		return Profile{}, err
	}
	p := Profile{EmployeeID: e.ID, Summary: in.Summary, Skills: in.Skills, Languages: in.Languages,
		Experience: in.Experience, Certificates: in.Certificates, UpdatedBy: in.By, Version: in.Version, UpdatedAt: now}
	return s.store.PutProfile(ctx, p.Clone())
}

// Profile returns the employee's current sections.
//
// Errors: ErrNotFound.
func (s *Service) Profile(ctx context.Context, employeeID string) (Profile, error) {
	if err := validation.ID("employee_id", employeeID); err != nil {
		return Profile{}, err
	}
	return s.store.GetProfile(ctx, employeeID)
}

// ProfileVersion returns version n of the employee's sections.
//
// Errors: ErrNotFound.
func (s *Service) ProfileVersion(ctx context.Context, employeeID string, n int64) (Profile, error) {
	if err := validation.ID("employee_id", employeeID); err != nil {
		return Profile{}, err
	}
	if n < 1 {
		return Profile{}, ErrNotFound
	}
	return s.store.GetProfileVersion(ctx, employeeID, n)
}

// Versions returns a page of the employee's profile versions, oldest
// first; the page's Next is the last version's number. f.Limit is capped
// by page.Limit.
//
// Errors: ErrCursorNotFound.
func (s *Service) Versions(ctx context.Context, f VersionFilter) (page.Page[Profile], error) {
	if err := validation.ID("employee_id", f.EmployeeID); err != nil {
		return page.Page[Profile]{}, err
	}
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	ps, err := s.store.ListProfileVersions(ctx, f)
	if err != nil {
		return page.Page[Profile]{}, err
	}
	return page.New(ps, limit, func(p Profile) string { return strconv.FormatInt(p.Version, 10) }), nil
}

// source reads what a CV is assembled from; profileVersion 0 means the
// current profile, if any. When e is not nil it is the file, already read.
func (s *Service) source(ctx context.Context, employeeID string, e *records.Employee, profileVersion int64) (Source, error) {
	now, today, err := s.clock()
	if err != nil {
		return Source{}, err
	}
	if e == nil {
		f, err := s.recs.GetEmployee(ctx, employeeID)
		if err != nil {
			return Source{}, err
		}
		e = &f
	}
	h, err := s.recs.ListHistory(ctx, e.ID)
	if err != nil {
		return Source{}, err
	}
	src := Source{Employee: *e, History: h, Documented: s.documented, At: now, OnDay: today}
	var p Profile
	if profileVersion > 0 {
		p, err = s.store.GetProfileVersion(ctx, e.ID, profileVersion)
	} else {
		p, err = s.store.GetProfile(ctx, e.ID)
	}
	switch {
	case err == nil:
		src.Profile = &p
	case !errors.Is(err, ErrNotFound):
		return Source{}, err
	}
	if s.ratings != nil {
		rs, err := s.ratings.Ratings(ctx, e.ID)
		if err != nil {
			return Source{}, err
		}
		src.Ratings = rs
	}
	return src, nil
}

// Build assembles the employee's CV showing only what parts cover (see
// BuildFor): the facade passes every part for the employee or HR, and a
// consent's parts for a grantee.
//
// Errors: ErrUnknownPart; records.ErrEmployeeNotFound; the Ratings' errors.
func (s *Service) Build(ctx context.Context, employeeID string, parts []identity.Part) (CV, error) {
	return s.BuildWith(ctx, BuildInput{EmployeeID: employeeID, Parts: parts})
}

// BuildInput is the input of BuildWith.
type BuildInput struct {
	EmployeeID string          `json:"employee_id" validate:"required,max=200" ar:"معرف الملف"`
	Parts      []identity.Part `json:"parts,omitempty" validate:"max=16" ar:"أجزاء الملف"`
	// Authorize, if set, sees the file and the parts asked for before
	// anything else is read, and returns the parts the reader may see
	// (for a grantee, those its consents cover): the CV shows those.
	Authorize func(e records.Employee, parts []identity.Part) ([]identity.Part, error) `json:"-" validate:"-"`
}

// BuildWith is Build with an Authorize hook, so that the facade authorizes
// on the file read once.
//
// Errors: as Build, and what Authorize returns.
func (s *Service) BuildWith(ctx context.Context, in BuildInput) (CV, error) {
	if err := s.v.Struct(in); err != nil {
		return CV{}, err
	}
	parts, err := normParts(in.Parts)
	if err != nil {
		return CV{}, err
	}
	e, err := s.recs.GetEmployee(ctx, in.EmployeeID)
	if err != nil {
		return CV{}, err
	}
	if in.Authorize != nil {
		if parts, err = in.Authorize(e.Clone(), slices.Clone(parts)); err != nil {
			return CV{}, err
		}
		if parts, err = normParts(parts); err != nil {
			return CV{}, err
		}
	}
	src, err := s.source(ctx, e.ID, &e, 0)
	if err != nil {
		return CV{}, err
	}
	return BuildFor(src, parts)
}

// ShareInput is the input of Share.
type ShareInput struct {
	EmployeeID string `json:"employee_id" validate:"required,max=200" ar:"معرف الملف"`
	// Parts are the parts shown: at least one.
	Parts []identity.Part `json:"parts" validate:"required,min=1,max=16" ar:"أجزاء الملف"`
	// Lifetime is how long the code opens the CV (0: Options.ShareLifetime).
	Lifetime time.Duration `json:"lifetime,omitempty" ar:"مدة المشاركة"`
	Note     string        `json:"note,omitempty" validate:"max=300" ar:"ملاحظة"`
	By       string        `json:"by,omitempty" validate:"max=100" ar:"المستخدم"`
	// Authorize, if set, sees the file before anything is written.
	Authorize func(e records.Employee) error `json:"-" validate:"-"`
}

// Share creates a share of the employee's CV, pinned to the current profile
// version, and returns the clear code (given once: only its hash is
// stored) and the share.
//
// Errors: fault.ErrInvalidInput; ErrUnknownPart; ErrLifetime;
// records.ErrEmployeeNotFound; what Authorize returns.
func (s *Service) Share(ctx context.Context, in ShareInput) (string, Share, error) {
	if err := s.v.Struct(in); err != nil {
		return "", Share{}, err
	}
	parts, err := normParts(in.Parts)
	if err != nil {
		return "", Share{}, err
	}
	life := in.Lifetime
	if life == 0 {
		life = s.lifetime
	}
	if life < 0 || life > s.maxLife {
		return "", Share{}, ErrLifetime
	}
	e, err := s.recs.GetEmployee(ctx, in.EmployeeID)
	if err != nil {
		return "", Share{}, err
	}
	if in.Authorize != nil {
		if err := in.Authorize(e.Clone()); err != nil {
			return "", Share{}, err
		}
	}
	now, _, err := s.clock()
	if err != nil {
		return "", Share{}, err
	}
	var version int64
	switch p, err := s.store.GetProfile(ctx, e.ID); {
	case err == nil:
		version = p.Version
	case !errors.Is(err, ErrNotFound):
		return "", Share{}, err
	}
	code := newCode()
	sh := Share{ID: s.newID(), CodeHash: HashCode(s.key, code), EmployeeID: e.ID, ProfileVersion: version,
		Parts: parts, Note: in.Note, CreatedBy: in.By, ExpiresAt: now.Add(life), CreatedAt: now}
	sh, err = s.store.CreateShare(ctx, sh)
	if err != nil {
		return "", Share{}, err
	}
	return code, sh, nil
}

// OpenShared returns the CV a code opens: the parts its share covers, the
// file as it is now and the profile as it was when shared [INF].
//
// Errors: ErrShareNotFound (also for text that is no code); ErrShareRevoked;
// ErrShareExpired; fault.ErrInvalidInput for text no code could be (a NUL
// byte, invalid UTF-8, too long).
func (s *Service) OpenShared(ctx context.Context, code string) (CV, error) {
	if err := validation.ID("code", code); err != nil {
		return CV{}, err
	}
	h := HashCode(s.key, code)
	if h == "" {
		return CV{}, ErrShareNotFound
	}
	sh, err := s.store.GetShare(ctx, h)
	if errors.Is(err, ErrNotFound) {
		return CV{}, ErrShareNotFound
	}
	if err != nil {
		return CV{}, err
	}
	now, _, err := s.clock()
	if err != nil {
		return CV{}, err
	}
	switch {
	case !sh.RevokedAt.IsZero():
		return CV{}, ErrShareRevoked
	case !now.Before(sh.ExpiresAt):
		return CV{}, ErrShareExpired
	}
	src, err := s.source(ctx, sh.EmployeeID, nil, sh.ProfileVersion)
	if err != nil {
		return CV{}, err
	}
	return BuildFor(src, sh.Parts)
}

// RevokeInput is the input of Revoke.
type RevokeInput struct {
	// CodeHash is the share's CodeHash, as Shares lists it.
	CodeHash string `json:"code_hash" validate:"required,max=128" ar:"الرمز"`
	// Version is the share's version.
	Version int64 `json:"version" validate:"min=1" ar:"الإصدار"`
	// Authorize, if set, sees the share and the file before anything is written.
	Authorize func(sh Share, e records.Employee) error `json:"-" validate:"-"`
}

// Revoke revokes a share: its code opens nothing from then on.
//
// Errors: ErrShareNotFound; ErrShareRevoked if already revoked;
// ErrConflict for a stale version; what Authorize returns.
func (s *Service) Revoke(ctx context.Context, in RevokeInput) (Share, error) {
	if err := s.v.Struct(in); err != nil {
		return Share{}, err
	}
	sh, err := s.store.GetShare(ctx, in.CodeHash)
	if errors.Is(err, ErrNotFound) {
		return Share{}, ErrShareNotFound
	}
	if err != nil {
		return Share{}, err
	}
	if in.Authorize != nil {
		e, err := s.recs.GetEmployee(ctx, sh.EmployeeID)
		if err != nil {
			return Share{}, err
		}
		if err := in.Authorize(sh.Clone(), e); err != nil {
			return Share{}, err
		}
	}
	if !sh.RevokedAt.IsZero() {
		return Share{}, ErrShareRevoked
	}
	now, _, err := s.clock()
	if err != nil {
		return Share{}, err
	}
	return s.store.RevokeShare(ctx, sh.ID, in.Version, now)
}

// Shares returns a page of the employee's shares, oldest first.
//
// Errors: ErrCursorNotFound.
func (s *Service) Shares(ctx context.Context, f ShareFilter) (page.Page[Share], error) {
	if err := validation.ID("employee_id", f.EmployeeID); err != nil {
		return page.Page[Share]{}, err
	}
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	ss, err := s.store.ListShares(ctx, f)
	if err != nil {
		return page.Page[Share]{}, err
	}
	return page.New(ss, limit, func(sh Share) string { return sh.ID }), nil
}
