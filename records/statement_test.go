package records_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var testKey = []byte("statement-key-for-tests-only-32b!")

// goldenStatement is a signed statement with a realistic history, an
// excluded period and text that must be escaped in HTML.
func goldenStatement(t *testing.T) records.Statement {
	t.Helper()
	b := recordstest.NewEmployee(identitytest.NewGenerator(2024)).
		Leave(records.ExceptionalLeave, d(1444, 3, 1), d(1444, 4, 30)).
		Transfer(d(1445, 7, 1), recordstest.MinistryOfHealth).
		Leave(records.AnnualLeave, d(1446, 2, 1), d(1446, 2, 10))
	b.Event(records.HistoryEvent{Kind: records.KindAssignment, Start: d(1446, 3, 1), End: d(1446, 5, 29),
		Subject: `تكليف بمشروع <"المنصة" & 'البوابة'>`})
	e := b.Employee("emp-golden", time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC))
	st, err := records.BuildStatement(e, b.History(), d(1446, 9, 1), nil)
	require.NoError(t, err)
	st.ID = "st-golden"
	st.IssuedAt = time.Date(2025, 3, 1, 10, 30, 0, 0, time.UTC)
	st.IssuedOn = d(1446, 9, 1)
	require.NoError(t, st.Sign(testKey))
	return st
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./records -run Golden -update to create it")
	assert.Equal(t, string(want), string(got), "%s differs; if the change is intended, rerun with -update", name)
}

func TestStatementGolden(t *testing.T) {
	st := goldenStatement(t)
	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		txt, err := st.RenderText(lang)
		require.NoError(t, err)
		golden(t, "statement_"+string(lang)+".txt.golden", []byte(txt))
		var buf bytes.Buffer
		require.NoError(t, st.RenderHTML(&buf, lang))
		golden(t, "statement_"+string(lang)+".html.golden", buf.Bytes())
	}
}

func TestStatementContent(t *testing.T) {
	st := goldenStatement(t)
	assert.Equal(t, "moh", st.Job.Agency.ID, "the job held on AsOf")
	var kinds []records.EventKind
	for _, l := range st.Lines {
		kinds = append(kinds, l.Kind)
	}
	assert.NotContains(t, kinds, records.KindPenalty)
	for _, l := range st.Lines {
		if l.Kind == records.KindLeave {
			assert.NotEqual(t, "إجازة عادية", l.Detail.AR, "annual leave is not listed")
		}
	}
	// Job lines carry real end dates.
	assert.Equal(t, d(1436, 4, 30), st.Lines[0].To)
	require.Len(t, st.Service.Excluded, 1)
	assert.Equal(t, st.Service.GrossDays-st.Service.ExcludedDays, st.Service.Days)

	var ar bytes.Buffer
	require.NoError(t, st.RenderHTML(&ar, i18n.Arabic))
	assert.Contains(t, ar.String(), `<html lang="ar" dir="rtl">`)
	assert.NotContains(t, ar.String(), `<"المنصة"`, "text is escaped")
	assert.Contains(t, ar.String(), `&lt;&#34;المنصة&#34; &amp; &#39;البوابة&#39;&gt;`)
	assert.Contains(t, ar.String(), st.Code)
	var en bytes.Buffer
	require.NoError(t, st.RenderHTML(&en, i18n.English))
	assert.Contains(t, en.String(), `<html lang="en" dir="ltr">`)
	assert.Contains(t, en.String(), "@page")
}

func TestVerifyStatement(t *testing.T) {
	st := goldenStatement(t)
	require.NoError(t, records.VerifyStatement(testKey, st))
	assert.Regexp(t, `^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$`, st.Code)

	// A code typed by hand still verifies.
	typed := st.Clone()
	typed.Code = strings.ToLower(strings.ReplaceAll(st.Code, "-", " "))
	assert.NoError(t, records.VerifyStatement(testKey, typed))

	tamper := map[string]func(s *records.Statement){
		"name":              func(s *records.Statement) { s.Name.AR.First = "خالد" },
		"english name":      func(s *records.Statement) { s.Name.EN.Family = "X" },
		"national ID":       func(s *records.Statement) { s.NationalID = "1000000008" },
		"birth date":        func(s *records.Statement) { s.BirthDate = d(1400, 1, 1) },
		"rank":              func(s *records.Statement) { s.Job.Rank++ },
		"agency":            func(s *records.Statement) { s.Job.Agency.Name.EN = "Other" },
		"line date":         func(s *records.Statement) { s.Lines[1].From = d(1433, 9, 1) },
		"line job":          func(s *records.Statement) { s.Lines[3].Job.Step = 9 },
		"line removed":      func(s *records.Statement) { s.Lines = s.Lines[1:] },
		"decision number":   func(s *records.Statement) { s.Lines[0].Decision.Number = "1" },
		"days":              func(s *records.Statement) { s.Service.Days += 30 },
		"period":            func(s *records.Statement) { s.Service.Period.Years++ },
		"exclusion":         func(s *records.Statement) { s.Service.Excluded = nil },
		"exclusion cause":   func(s *records.Statement) { s.Service.Excluded[0].Causes[0].Basis = "x" },
		"as of":             func(s *records.Statement) { s.AsOf = d(1446, 9, 2) },
		"issued at":         func(s *records.Statement) { s.IssuedAt = s.IssuedAt.Add(time.Microsecond) },
		"ID":                func(s *records.Statement) { s.ID = "other" },
		"code":              func(s *records.Statement) { s.Code = "AAAA-AAAA-AAAA-AAAA" },
		"employment system": func(s *records.Statement) { s.EmploymentSystem = records.Military },
	}
	for name, f := range tamper {
		t.Run(name, func(t *testing.T) {
			s := st.Clone()
			f(&s)
			assert.ErrorIs(t, records.VerifyStatement(testKey, s), records.ErrStatementNotVerified)
		})
	}
	other := []byte("another-key-another-key-another-key")
	assert.ErrorIs(t, records.VerifyStatement(other, st), records.ErrStatementNotVerified)
	assert.ErrorIs(t, records.VerifyStatement([]byte("short"), st), records.ErrStatementKeyMissing)
	assert.ErrorIs(t, st.Sign(nil), records.ErrStatementKeyMissing)
}

func TestNormalizeCode(t *testing.T) {
	assert.Equal(t, "ABCD-EFGH-IJKL-MN23", records.NormalizeCode(" abcd efgh-ijklmn23 "))
	assert.Equal(t, "", records.NormalizeCode("ABCD-EFGH-IJKL-MN2"))
	assert.Equal(t, "", records.NormalizeCode("ABCD-EFGH-IJKL-MN231"))
	assert.Equal(t, "", records.NormalizeCode("ABCD-EFGH-IJKL-MN18"), "0, 1, 8 and 9 are not base-32 digits")
	assert.Equal(t, "ABCD-EFGH-IJKL-MN23", records.NormalizeCode("\u200fABCD-EFGH-IJKL-MN٢٣\u200f"))
}
