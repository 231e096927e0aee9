package masar_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/masar/masartest"
	"github.com/masarhr/masar-go/records"
)

// hostLayout is a host's statement layout: its own letterhead, signatory
// and verification page.
var hostLayout = records.StatementLayout{
	VerifyURL:  "https://hr.example.gov.sa/verify",
	Letterhead: []i18n.Text{{AR: "وزارة المثال — وكالة الموارد البشرية", EN: "Ministry of Example — HR Deputyship"}},
	Signatory:  i18n.Text{AR: "وكيل الوزارة للموارد البشرية", EN: "Deputy Minister for Human Resources"},
}

// failingWriter refuses every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("client went away") }

// IssueStatement prints the statement it issues in the host's
// StatementLayout (Config.Records.StatementLayout), in both languages, as
// HTML and text, in the one audited call; a print that fails issues
// nothing. On every Store.
func TestIssueStatementPrintsInHostLayout(t *testing.T) {
	for _, tg := range storeTargets() {
		t.Run(tg.name, func(t *testing.T) {
			store := tg.open(t)
			w := masartest.New(t, masartest.WithStores(storesOf(store)),
				masartest.WithConfig(func(c *masar.Config) { c.Records.StatementLayout = hostLayout }))
			emp := w.Employee()
			ctx := w.Ctx

			var arHTML, enHTML, arText bytes.Buffer
			st, err := w.Client.IssueStatement(ctx, emp.Actor, emp.ID, hijri.Date{},
				masar.PrintStatementHTML(&arHTML, masar.Arabic), masar.PrintStatementHTML(&enHTML, masar.English),
				masar.PrintStatementText(&arText, masar.Arabic))
			require.NoError(t, err)
			require.NotEmpty(t, st.Code)
			for lang, out := range map[masar.Lang]string{masar.Arabic: arHTML.String(), masar.English: enHTML.String()} {
				assert.Contains(t, out, `<html lang="`+string(lang)+`"`)
				assert.Contains(t, out, hostLayout.Letterhead[0].In(lang), "the host's letterhead")
				assert.Contains(t, out, hostLayout.Signatory.In(lang), "the host's signatory")
				assert.Contains(t, out, "https://hr.example.gov.sa/verify?code="+st.Code, "the host's verification page")
				assert.Contains(t, out, st.Code)
			}
			assert.Contains(t, arText.String(), hostLayout.Letterhead[0].AR)
			assert.Contains(t, arText.String(), st.Code)
			// The statement prints as the records Service prints it in that layout.
			want, err := st.RenderTextWith(masar.Arabic, &hostLayout)
			require.NoError(t, err)
			assert.Equal(t, want, arText.String())
			// And the issued statement verifies.
			got, err := w.Client.VerifyStatement(ctx, st.Code)
			require.NoError(t, err)
			assert.Equal(t, st.ID, got.ID)

			// A writer that fails: the call fails, nothing is issued, the
			// failure is audited.
			var ok bytes.Buffer
			failed, err := w.Client.IssueStatement(ctx, emp.Actor, emp.ID, hijri.Date{},
				masar.PrintStatementHTML(&ok, masar.Arabic), masar.PrintStatementHTML(failingWriter{}, masar.English))
			require.Error(t, err)
			assert.Zero(t, failed)
			code := codeIn(t, ok.String())
			_, err = w.Client.VerifyStatement(ctx, code)
			assert.ErrorIs(t, err, records.ErrStatementNotFound, "the statement whose print failed was not issued")
			trail, err := w.Client.AuditTrail(ctx, w.Staff("ministry", masar.RoleAuditor), masar.AuditQuery{Action: masar.UsePrintStatement})
			require.NoError(t, err)
			count := map[audit.Outcome]int{}
			for _, e := range trail.Items {
				count[e.Outcome]++
			}
			assert.Equal(t, map[audit.Outcome]int{audit.Succeeded: 1, audit.Failed: 1}, count)

			// A writer missing: invalid.
			_, err = w.Client.IssueStatement(ctx, emp.Actor, emp.ID, hijri.Date{}, masar.PrintStatementText(nil, masar.Arabic))
			assert.ErrorIs(t, err, fault.ErrInvalidInput)
		})
	}
}

// An unusable host layout fails the call that prints with it, and nothing
// is issued; issuing without a print still works.
func TestIssueStatementBadLayout(t *testing.T) {
	w := masartest.New(t, masartest.WithConfig(func(c *masar.Config) {
		c.Records.StatementLayout = records.StatementLayout{VerifyURL: "javascript:alert(1)"}
	}))
	emp := w.Employee()
	var html bytes.Buffer
	_, err := w.Client.IssueStatement(w.Ctx, emp.Actor, emp.ID, hijri.Date{}, masar.PrintStatementHTML(&html, masar.Arabic))
	require.ErrorIs(t, err, records.ErrStatementLayout)
	assert.Zero(t, html.Len(), "nothing is written")
	st, err := w.Client.IssueStatement(w.Ctx, emp.Actor, emp.ID, hijri.Date{})
	require.NoError(t, err)
	assert.NotEmpty(t, st.Code)
}

// codeIn finds the verification code a printed statement carries.
func codeIn(t *testing.T, html string) string {
	t.Helper()
	i := strings.Index(html, `<p class="code">`)
	require.GreaterOrEqual(t, i, 0, "a code in the print")
	rest := html[i+len(`<p class="code">`):]
	return rest[:strings.Index(rest, "<")]
}

// A print is part of the authorized call: an actor refused the statement
// (HR of another agency, the employee's peer) gets ErrDenied and nothing
// is written to its writer.
func TestIssueStatementPrintDenied(t *testing.T) {
	w := masartest.New(t, masartest.WithConfig(func(c *masar.Config) { c.Records.StatementLayout = hostLayout }))
	emp, peer := w.Employee(), w.Employee()
	for name, a := range map[string]masar.Actor{
		"other agency's HR": w.Agency("moh").Specialist,
		"a peer":            peer.Actor,
	} {
		t.Run(name, func(t *testing.T) {
			var html, text bytes.Buffer
			_, err := w.Client.IssueStatement(w.Ctx, a, emp.ID, hijri.Date{},
				masar.PrintStatementHTML(&html, masar.Arabic), masar.PrintStatementText(&text, masar.English))
			require.ErrorIs(t, err, masar.ErrDenied)
			assert.Zero(t, html.Len())
			assert.Zero(t, text.Len())
		})
	}
}
