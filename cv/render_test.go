package cv_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/cv/cvtest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var at = time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)

// handBuilt is a file with a realistic career, a scholarship, a transfer,
// ratings and the employee's sections.
func handBuilt(t *testing.T) cv.Source {
	t.Helper()
	b := recordstest.NewEmployee(identitytest.NewGenerator(19)).
		Scholarship(records.OutsideKingdom, hijri.MustNew(1441, 1, 1), hijri.MustNew(1442, 12, 29), records.Achieved).
		Transfer(hijri.MustNew(1444, 1, 1), recordstest.MinistryOfHealth)
	h := b.History()
	for i := range h {
		if h[i].Kind == records.KindTraining || h[i].Kind == records.KindScholarship {
			h[i].Institution, h[i].Subject = "معهد الإدارة العامة", "تحليل البيانات <المتقدم>"
		}
	}
	p := cvtest.NewFixture(19).Profile("emp-1", 3, at)
	p.Skills = append(p.Skills, `<script>alert("x")</script>`)
	return cv.Source{
		Employee: b.Employee("emp-1", at), History: h, Profile: &p, At: at, OnDay: hijri.MustNew(1447, 1, 6),
		Ratings: []cv.Rating{
			{Year: 1445, Score: 92, Grade: i18n.Text{AR: "ممتاز", EN: "Excellent"}},
			{Year: 1446, Score: 88, Grade: i18n.Text{AR: "جيد جداً", EN: "Very good"}},
		},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./cv -run Golden -update")
	assert.Equal(t, string(want), string(got), name)
}

func TestRenderGolden(t *testing.T) {
	c, err := cv.BuildFor(handBuilt(t), identity.Parts())
	require.NoError(t, err)
	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		golden(t, "cv_"+string(lang)+".txt.golden", []byte(cv.RenderText(c, lang)))
		html, err := cv.RenderHTML(c, lang)
		require.NoError(t, err)
		golden(t, "cv_"+string(lang)+".html.golden", html)
	}
}

func TestRenderHTMLEscapesAndDirection(t *testing.T) {
	c, err := cv.BuildFor(handBuilt(t), identity.Parts())
	require.NoError(t, err)
	ar, err := cv.RenderHTML(c, i18n.Arabic)
	require.NoError(t, err)
	assert.Contains(t, string(ar), `<html lang="ar" dir="rtl">`)
	assert.Contains(t, string(ar), "@page")
	assert.NotContains(t, string(ar), "<script>")
	assert.Contains(t, string(ar), "&lt;script&gt;")
	assert.Contains(t, string(ar), "&lt;المتقدم&gt;")
	en, err := cv.RenderHTML(c, i18n.English)
	require.NoError(t, err)
	assert.Contains(t, string(en), `<html lang="en" dir="ltr">`)
	assert.Contains(t, string(en), "Curriculum vitae")
}

func TestBuildForShowsOnlyTheParts(t *testing.T) {
	src := handBuilt(t)
	all, err := cv.BuildFor(src, identity.Parts())
	require.NoError(t, err)
	require.NotNil(t, all.Person)
	require.NotNil(t, all.Job)
	require.NotNil(t, all.Profile)
	assert.Len(t, all.History, 4, "appointment, two promotions, a transfer")
	assert.Len(t, all.Training, 3)
	assert.Len(t, all.Qualifications, 1)
	assert.Nil(t, all.Qualifications[0].Documents, "attachments are never shown")
	assert.Equal(t, 1446, all.Ratings[0].Year, "ratings newest first")

	cases := []struct {
		parts []identity.Part
		check func(t *testing.T, c cv.CV)
	}{
		{nil, func(t *testing.T, c cv.CV) {
			assert.Equal(t, cv.CV{EmployeeID: "emp-1", Parts: []identity.Part{}, GeneratedAt: at, GeneratedOn: src.OnDay}, c)
		}},
		{[]identity.Part{identity.PartQualifications}, func(t *testing.T, c cv.CV) {
			assert.Len(t, c.Qualifications, 1)
			assert.Nil(t, c.Person)
			assert.Nil(t, c.Profile)
			assert.Nil(t, c.Job)
			assert.Empty(t, c.History)
			assert.Empty(t, c.Ratings)
			assert.Empty(t, c.Training)
		}},
		{[]identity.Part{identity.PartTraining, identity.PartJob}, func(t *testing.T, c cv.CV) {
			assert.Equal(t, []identity.Part{identity.PartJob, identity.PartTraining}, c.Parts)
			assert.Len(t, c.Training, 3)
			assert.NotNil(t, c.Job)
			assert.Nil(t, c.Person)
			assert.Empty(t, c.History)
			assert.Empty(t, c.Qualifications)
		}},
		{[]identity.Part{identity.PartPersonal}, func(t *testing.T, c cv.CV) {
			assert.NotNil(t, c.Person)
			assert.NotNil(t, c.Profile)
			assert.Nil(t, c.Job)
			text := cv.RenderText(c, i18n.English)
			assert.NotContains(t, text, "Job history")
			assert.NotContains(t, text, "Qualifications")
		}},
		{[]identity.Part{identity.PartHistory}, func(t *testing.T, c cv.CV) {
			assert.Len(t, c.History, 4)
			assert.Len(t, c.Ratings, 2)
			assert.Nil(t, c.Person)
			assert.Nil(t, c.Profile)
			for _, h := range c.History {
				assert.True(t, h.Kind.IsJob())
			}
		}},
	}
	for _, tc := range cases {
		c, err := cv.BuildFor(src, tc.parts)
		require.NoError(t, err)
		tc.check(t, c)
	}
	_, err = cv.BuildFor(src, []identity.Part{"medical"})
	assert.ErrorIs(t, err, cv.ErrUnknownPart)
}

func TestBuildForDocumented(t *testing.T) {
	src := handBuilt(t)
	src.Documented = func(q records.Qualification) bool { return q.Degree == records.Master }
	c, err := cv.BuildFor(src, identity.Parts())
	require.NoError(t, err)
	assert.Empty(t, c.Qualifications)
}

func TestCVJSONIsSnakeCase(t *testing.T) {
	c, err := cv.BuildFor(handBuilt(t), identity.Parts())
	require.NoError(t, err)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	for _, k := range []string{`"employee_id"`, `"generated_on"`, `"qualifications"`, `"training"`, `"profile"`, `"birth_date"`} {
		assert.Contains(t, string(b), k)
	}
	assert.False(t, strings.Contains(string(b), `"EmployeeID"`))
	var back cv.CV
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, c.EmployeeID, back.EmployeeID)
	assert.Equal(t, c.Profile.Skills, back.Profile.Skills)
}
