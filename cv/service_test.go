package cv_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

var key = []byte("0123456789abcdef0123456789abcdef")

type fakeRatings map[string][]cv.Rating

func (f fakeRatings) Ratings(_ context.Context, id string) ([]cv.Rating, error) { return f[id], nil }

type env struct {
	svc   *cv.Service
	now   *time.Time
	empID string
	other string
}

func newEnv(t *testing.T, opts *cv.Options) env {
	t.Helper()
	ctx := context.Background()
	st := memstore.New(nil)
	recs := records.New(st, nil)
	gen := identitytest.NewGenerator(7)
	e, err := recs.CreateEmployee(ctx, recordstest.NewEmployee(gen).Input())
	require.NoError(t, err)
	o, err := recs.CreateEmployee(ctx, recordstest.NewEmployee(gen).Input())
	require.NoError(t, err)
	now := at
	if opts == nil {
		opts = &cv.Options{}
	}
	opts.ShareKey = key
	opts.Now = func() time.Time { return now }
	svc, err := cv.New(st, recs, opts)
	require.NoError(t, err)
	return env{svc: svc, now: &now, empID: e.ID, other: o.ID}
}

func profileInput(id string, version int64) cv.SaveProfileInput {
	return cv.SaveProfileInput{
		EmployeeID: id, Summary: "أخصائي موارد بشرية — HR specialist", Skills: []string{"التخطيط", "Excel"},
		Languages:  []cv.Language{{Name: "العربية", Level: cv.LevelNative}},
		Experience: []cv.Experience{{Employer: "شركة", Title: "محلل", From: hijri.MustNew(1428, 1, 1), To: hijri.MustNew(1430, 1, 1)}},
		Version:    version, By: "1000000008",
	}
}

func TestNewRequiresKey(t *testing.T) {
	st := memstore.New(nil)
	_, err := cv.New(st, records.New(st, nil), &cv.Options{ShareKey: []byte("short")})
	assert.ErrorIs(t, err, cv.ErrShareKeyMissing)
	_, err = cv.New(st, records.New(st, nil), &cv.Options{ShareKey: key, ShareLifetime: 200 * 24 * time.Hour})
	assert.ErrorIs(t, err, fault.ErrInvalidInput)
}

func TestSaveProfileVersions(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	p1, err := e.svc.SaveProfile(ctx, profileInput(e.empID, 0))
	require.NoError(t, err)
	assert.Equal(t, int64(1), p1.Version)
	assert.Equal(t, at, p1.UpdatedAt)

	_, err = e.svc.SaveProfile(ctx, profileInput(e.empID, 0))
	assert.ErrorIs(t, err, cv.ErrConflict)

	in := profileInput(e.empID, 1)
	in.Summary = "ملخص جديد"
	p2, err := e.svc.SaveProfile(ctx, in)
	require.NoError(t, err)
	assert.Equal(t, int64(2), p2.Version)
	_, err = e.svc.SaveProfile(ctx, in)
	assert.ErrorIs(t, err, cv.ErrConflict, "stale version")

	cur, err := e.svc.Profile(ctx, e.empID)
	require.NoError(t, err)
	assert.Equal(t, "ملخص جديد", cur.Summary)
	v1, err := e.svc.ProfileVersion(ctx, e.empID, 1)
	require.NoError(t, err)
	assert.Equal(t, p1.Summary, v1.Summary)
	_, err = e.svc.ProfileVersion(ctx, e.empID, 9)
	assert.ErrorIs(t, err, cv.ErrNotFound)

	pg, err := e.svc.Versions(ctx, cv.VersionFilter{EmployeeID: e.empID, Limit: 1})
	require.NoError(t, err)
	require.Len(t, pg.Items, 1)
	assert.Equal(t, "1", pg.Next)
	pg, err = e.svc.Versions(ctx, cv.VersionFilter{EmployeeID: e.empID, After: 1, Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, int64(2), pg.Items[0].Version)
	assert.Empty(t, pg.Next)
	_, err = e.svc.Versions(ctx, cv.VersionFilter{EmployeeID: e.empID, After: 5})
	assert.ErrorIs(t, err, cv.ErrCursorNotFound)
}

func TestSaveProfileValidates(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	for name, mod := range map[string]func(*cv.SaveProfileInput){
		"level":      func(in *cv.SaveProfileInput) { in.Languages[0].Level = "fluent" },
		"long":       func(in *cv.SaveProfileInput) { in.Summary = string(make([]rune, 2001)) },
		"empty":      func(in *cv.SaveProfileInput) { in.Skills = []string{""} },
		"to":         func(in *cv.SaveProfileInput) { in.Experience[0].To = hijri.MustNew(1427, 1, 1) },
		"from":       func(in *cv.SaveProfileInput) { in.Experience[0].From = hijri.Date{} },
		"employer":   func(in *cv.SaveProfileInput) { in.Experience[0].Employer = "" },
		"no file id": func(in *cv.SaveProfileInput) { in.EmployeeID = "" },
	} {
		in := profileInput(e.empID, 0)
		mod(&in)
		_, err := e.svc.SaveProfile(ctx, in)
		assert.ErrorIs(t, err, fault.ErrInvalidInput, name)
	}
	_, err := e.svc.SaveProfile(ctx, profileInput("no-such-file", 0))
	assert.ErrorIs(t, err, records.ErrEmployeeNotFound)
	denied := errors.New("denied")
	in := profileInput(e.empID, 0)
	in.Authorize = func(f records.Employee) error {
		assert.Equal(t, e.empID, f.ID)
		return denied
	}
	_, err = e.svc.SaveProfile(ctx, in)
	assert.ErrorIs(t, err, denied)
	_, err = e.svc.Profile(ctx, e.empID)
	assert.ErrorIs(t, err, cv.ErrNotFound, "nothing saved")
}

func TestBuildWithRatingsAndParts(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, &cv.Options{})
	c, err := e.svc.Build(ctx, e.empID, []identity.Part{identity.PartHistory})
	require.NoError(t, err)
	assert.Empty(t, c.Ratings)
	assert.Len(t, c.History, 3)

	e = newEnv(t, &cv.Options{Ratings: fakeRatings{}})
	_, err = e.svc.SaveProfile(ctx, profileInput(e.empID, 0))
	require.NoError(t, err)
	c, err = e.svc.Build(ctx, e.empID, identity.Parts())
	require.NoError(t, err)
	assert.NotNil(t, c.Profile)
	assert.Equal(t, hijri.MustNew(1447, 1, 6), c.GeneratedOn)
	_, err = e.svc.Build(ctx, e.empID, []identity.Part{"leave"})
	assert.ErrorIs(t, err, cv.ErrUnknownPart)
	_, err = e.svc.Build(ctx, "nobody", identity.Parts())
	assert.ErrorIs(t, err, records.ErrEmployeeNotFound)
}

func TestShareOpenExpireRevoke(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	_, err := e.svc.SaveProfile(ctx, profileInput(e.empID, 0))
	require.NoError(t, err)
	code, sh, err := e.svc.Share(ctx, cv.ShareInput{EmployeeID: e.empID,
		Parts: []identity.Part{identity.PartQualifications, identity.PartPersonal, identity.PartPersonal}})
	require.NoError(t, err)
	assert.Regexp(t, `^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$`, code)
	assert.NotContains(t, sh.CodeHash, code, "the clear code is not stored")
	assert.Equal(t, cv.HashCode(key, code), sh.CodeHash)
	assert.Equal(t, []identity.Part{identity.PartPersonal, identity.PartQualifications}, sh.Parts)
	assert.Equal(t, at.Add(cv.DefaultShareLifetime), sh.ExpiresAt)
	assert.Equal(t, int64(1), sh.ProfileVersion)

	// A later profile version is not what was shared.
	in := profileInput(e.empID, 1)
	in.Summary = "بعد المشاركة"
	_, err = e.svc.SaveProfile(ctx, in)
	require.NoError(t, err)

	c, err := e.svc.OpenShared(ctx, " "+toLowerDashless(code)+" ")
	require.NoError(t, err)
	assert.Equal(t, e.empID, c.EmployeeID)
	assert.NotNil(t, c.Person)
	assert.Len(t, c.Qualifications, 1)
	assert.Nil(t, c.Job, "not shared")
	assert.Empty(t, c.History, "not shared")
	assert.Empty(t, c.Training, "not shared")
	require.NotNil(t, c.Profile)
	assert.Equal(t, int64(1), c.Profile.Version)
	assert.NotContains(t, cv.RenderText(c, i18n.Arabic), "السجل الوظيفي")

	_, err = e.svc.OpenShared(ctx, "AAAA-BBBB-CCCC-DDDD")
	assert.ErrorIs(t, err, cv.ErrShareNotFound)
	_, err = e.svc.OpenShared(ctx, "not a code")
	assert.ErrorIs(t, err, cv.ErrShareNotFound)

	*e.now = sh.ExpiresAt.Add(-time.Microsecond)
	_, err = e.svc.OpenShared(ctx, code)
	require.NoError(t, err)
	*e.now = sh.ExpiresAt
	_, err = e.svc.OpenShared(ctx, code)
	assert.ErrorIs(t, err, cv.ErrShareExpired)

	*e.now = at
	_, err = e.svc.Revoke(ctx, cv.RevokeInput{CodeHash: sh.CodeHash, Version: 1,
		Authorize: func(s cv.Share, f records.Employee) error {
			if f.ID != e.empID || s.ID != sh.ID {
				return errors.New("wrong share")
			}
			return nil
		}})
	require.NoError(t, err)
	_, err = e.svc.OpenShared(ctx, code)
	assert.ErrorIs(t, err, cv.ErrShareRevoked)
	_, err = e.svc.Revoke(ctx, cv.RevokeInput{CodeHash: sh.CodeHash, Version: 2})
	assert.ErrorIs(t, err, cv.ErrShareRevoked)
	_, err = e.svc.Revoke(ctx, cv.RevokeInput{CodeHash: "nope", Version: 1})
	assert.ErrorIs(t, err, cv.ErrShareNotFound)

	pg, err := e.svc.Shares(ctx, cv.ShareFilter{EmployeeID: e.empID})
	require.NoError(t, err)
	require.Len(t, pg.Items, 1)
	assert.False(t, pg.Items[0].RevokedAt.IsZero())
	pg, err = e.svc.Shares(ctx, cv.ShareFilter{EmployeeID: e.other})
	require.NoError(t, err)
	assert.Empty(t, pg.Items)
}

func toLowerDashless(code string) string {
	out := make([]rune, 0, len(code))
	for _, r := range code {
		switch {
		case r == '-':
		case r >= 'A' && r <= 'Z':
			out = append(out, r+'a'-'A')
		default:
			out = append(out, r)
		}
	}
	return string(out)
}

func TestShareLifetimeAndInput(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, &cv.Options{MaxShareLifetime: 60 * 24 * time.Hour})
	_, sh, err := e.svc.Share(ctx, cv.ShareInput{EmployeeID: e.empID, Parts: []identity.Part{identity.PartJob}, Lifetime: time.Hour})
	require.NoError(t, err)
	assert.Equal(t, at.Add(time.Hour), sh.ExpiresAt)
	assert.Zero(t, sh.ProfileVersion, "no profile saved")
	_, _, err = e.svc.Share(ctx, cv.ShareInput{EmployeeID: e.empID, Parts: []identity.Part{identity.PartJob}, Lifetime: 61 * 24 * time.Hour})
	assert.ErrorIs(t, err, cv.ErrLifetime)
	_, _, err = e.svc.Share(ctx, cv.ShareInput{EmployeeID: e.empID})
	assert.ErrorIs(t, err, fault.ErrInvalidInput)
	_, _, err = e.svc.Share(ctx, cv.ShareInput{EmployeeID: e.empID, Parts: []identity.Part{"x"}})
	assert.ErrorIs(t, err, cv.ErrUnknownPart)
	_, _, err = e.svc.Share(ctx, cv.ShareInput{EmployeeID: "nobody", Parts: []identity.Part{identity.PartJob}})
	assert.ErrorIs(t, err, records.ErrEmployeeNotFound)
	denied := errors.New("denied")
	_, _, err = e.svc.Share(ctx, cv.ShareInput{EmployeeID: e.empID, Parts: []identity.Part{identity.PartJob},
		Authorize: func(records.Employee) error { return denied }})
	assert.ErrorIs(t, err, denied)
	pg, err := e.svc.Shares(ctx, cv.ShareFilter{EmployeeID: e.empID})
	require.NoError(t, err)
	assert.Len(t, pg.Items, 1)

	c, err := e.svc.Build(ctx, e.empID, []identity.Part{identity.PartJob})
	require.NoError(t, err)
	assert.Nil(t, c.Profile)
}

func TestBuildWithAuthorizeNarrowsParts(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	c, err := e.svc.BuildWith(ctx, cv.BuildInput{EmployeeID: e.empID, Parts: identity.Parts(),
		Authorize: func(f records.Employee, parts []identity.Part) ([]identity.Part, error) {
			assert.Equal(t, e.empID, f.ID)
			assert.Equal(t, identity.Parts(), parts)
			return []identity.Part{identity.PartJob}, nil
		}})
	require.NoError(t, err)
	assert.Equal(t, []identity.Part{identity.PartJob}, c.Parts)
	assert.NotNil(t, c.Job)
	assert.Nil(t, c.Person)
	denied := errors.New("denied")
	_, err = e.svc.BuildWith(ctx, cv.BuildInput{EmployeeID: e.empID, Parts: identity.Parts(),
		Authorize: func(records.Employee, []identity.Part) ([]identity.Part, error) { return nil, denied }})
	assert.ErrorIs(t, err, denied)
	_, err = e.svc.BuildWith(ctx, cv.BuildInput{EmployeeID: e.empID,
		Authorize: func(records.Employee, []identity.Part) ([]identity.Part, error) { return []identity.Part{"bad"}, nil }})
	assert.ErrorIs(t, err, cv.ErrUnknownPart)
}

type failingRatings struct{ err error }

func (f failingRatings) Ratings(context.Context, string) ([]cv.Rating, error) { return nil, f.err }

func TestServiceOptionsHooks(t *testing.T) {
	ctx := context.Background()
	down := errors.New("ratings down")
	e := newEnv(t, &cv.Options{Ratings: failingRatings{down}})
	_, err := e.svc.Build(ctx, e.empID, identity.Parts())
	assert.ErrorIs(t, err, down)

	e = newEnv(t, &cv.Options{
		Ratings:    fakeRatings{},
		Documented: func(q records.Qualification) bool { return q.Degree == records.Doctorate },
	})
	c, err := e.svc.Build(ctx, e.empID, identity.Parts())
	require.NoError(t, err)
	assert.Empty(t, c.Qualifications, "only documented qualifications are shown")

	e = newEnv(t, &cv.Options{Ratings: fakeRatings{}})
	_, _, err = e.svc.Share(ctx, cv.ShareInput{EmployeeID: e.empID, Parts: []identity.Part{identity.PartJob}, Lifetime: -time.Hour})
	assert.ErrorIs(t, err, cv.ErrLifetime)
	_, err = e.svc.Build(ctx, "", identity.Parts())
	assert.ErrorIs(t, err, fault.ErrInvalidInput)
	_, err = e.svc.OpenShared(ctx, "a\x00b")
	assert.ErrorIs(t, err, fault.ErrInvalidInput)
}
