package records_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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

// tenEventStatement is a signed statement whose history shows 10 events,
// with long decision numbers in the forms agencies write them.
func tenEventStatement(t *testing.T) records.Statement {
	t.Helper()
	b := recordstest.NewEmployee(identitytest.NewGenerator(2024)).
		Leave(records.ExceptionalLeave, d(1444, 3, 1), d(1444, 4, 30)).
		Transfer(d(1445, 7, 1), recordstest.MinistryOfHealth).
		Secondment(records.HostGovernment, d(1445, 9, 1), d(1445, 11, 29))
	b.Event(records.HistoryEvent{Kind: records.KindAssignment, Start: d(1446, 3, 1), End: d(1446, 5, 29),
		Subject:  "تكليف بالإشراف على مشروع التحول الرقمي للخدمات الصحية في المنطقة الشرقية",
		Decision: records.Decision{Number: "1446/12/1234567", Date: d(1446, 2, 25)}})
	b.Event(records.HistoryEvent{Kind: records.KindTraining, Start: d(1446, 6, 1), End: d(1446, 6, 20),
		Location: records.OutsideKingdom, Institution: "Institute of Leadership and Management, London", Subject: "Strategic workforce planning",
		Outcome: records.Achieved, Decision: records.Decision{Number: "HR-1446-000987654", Date: d(1446, 5, 20)}})
	e := b.Employee("emp-ten", time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC))
	st, err := records.BuildStatement(e, b.History(), d(1446, 9, 1), nil)
	require.NoError(t, err)
	require.Len(t, st.Lines, 10, "the fixture shows 10 events")
	st.ID = "7f3c9a2e41d84b6f9e0a5c3d2b1f8e47"
	st.IssuedAt = time.Date(2025, 3, 1, 10, 30, 0, 0, time.UTC)
	st.IssuedOn = d(1446, 9, 1)
	require.NoError(t, st.Sign(testKey))
	return st
}

// chromium finds a Chromium to print with: $MASAR_CHROMIUM, or chromium,
// chromium-browser or google-chrome on PATH.
func chromium() string {
	if p := os.Getenv("MASAR_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// printPDF prints html to an A4 PDF with headless Chromium and returns its path.
func printPDF(t *testing.T, browser string, html []byte) string {
	t.Helper()
	dir := t.TempDir()
	page := filepath.Join(dir, "statement.html")
	require.NoError(t, os.WriteFile(page, html, 0o600))
	pdf := filepath.Join(dir, "statement.pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--no-first-run",
		"--no-pdf-header-footer", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--print-to-pdf="+pdf, "file://"+page)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "chromium: %s", out)
	info, err := os.Stat(pdf)
	require.NoError(t, err, "chromium wrote no PDF: %s", out)
	require.NotZero(t, info.Size())
	if keep := os.Getenv("MASAR_STATEMENT_PDF_DIR"); keep != "" {
		// To look at what was printed: MASAR_STATEMENT_PDF_DIR=/tmp/pdf go test ./records -run Prints
		name := strings.NewReplacer("/", "_").Replace(t.Name())
		b, err := os.ReadFile(pdf)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(keep, name+".pdf"), b, 0o644))
	}
	return pdf
}

func pdfPages(t *testing.T, pdf string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", pdf).Output()
	require.NoError(t, err, "pdfinfo (poppler-utils)")
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	require.NotNil(t, m, "pdfinfo: %s", out)
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// pdfWords returns every word of pdf with its page's width and its box, from
// pdftotext -bbox.
type pdfWord struct {
	Page, Text           string
	XMin, XMax, PageWide float64
}

func pdfWords(t *testing.T, pdf string) (text string, words []pdfWord) {
	t.Helper()
	raw, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	require.NoError(t, err, "pdftotext (poppler-utils)")
	box, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-").Output()
	require.NoError(t, err)
	dec := xml.NewDecoder(bytes.NewReader(box))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var width float64
	page := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, os.ErrClosed) || err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := func(name string) float64 {
			for _, a := range se.Attr {
				if a.Name.Local == name {
					f, _ := strconv.ParseFloat(a.Value, 64)
					return f
				}
			}
			return 0
		}
		switch se.Name.Local {
		case "page":
			page++
			width = attr("width")
		case "word":
			var w string
			if err := dec.DecodeElement(&w, &se); err == nil {
				words = append(words, pdfWord{Page: strconv.Itoa(page), Text: w, XMin: attr("xMin"), XMax: attr("xMax"), PageWide: width})
			}
		}
	}
	return string(raw), words
}

// TestStatementPrintsOnA4 prints a 10-event statement in both languages in
// headless Chromium and checks what the issue found wrong: at most 2 A4
// pages, every word inside the page (no decision column off the page or
// clipped), the decision numbers, the statement number and the code in the
// PDF's text, the nationality as a name, and the QR code of the
// verification URL.
func TestStatementPrintsOnA4(t *testing.T) {
	browser := chromium()
	if browser == "" {
		t.Skip("chromium not found (install Debian's chromium and poppler-utils, as .ci/run does, or set MASAR_CHROMIUM)")
	}
	st := tenEventStatement(t)
	layout := &records.StatementLayout{VerifyURL: "https://hr.example.gov.sa/statements/verify"}
	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		t.Run(string(lang), func(t *testing.T) {
			var html bytes.Buffer
			require.NoError(t, st.RenderHTMLWith(&html, lang, layout))
			assert.Contains(t, html.String(), `<svg xmlns="http://www.w3.org/2000/svg" class="qr"`)
			assert.Contains(t, html.String(), "https://hr.example.gov.sa/statements/verify?code="+st.Code)

			pdf := printPDF(t, browser, html.Bytes())
			pages := pdfPages(t, pdf)
			assert.LessOrEqual(t, pages, 2, "a 10-event statement fits on 2 A4 pages")
			text, words := pdfWords(t, pdf)
			require.NotEmpty(t, words)
			for _, w := range words {
				assert.True(t, w.XMin >= 0 && w.XMax <= w.PageWide+0.5,
					"%q on page %s at x %.1f–%.1f lies outside the page (width %.1f)", w.Text, w.Page, w.XMin, w.XMax, w.PageWide)
			}
			flat := flatText(text)
			for _, l := range st.Lines {
				assert.Contains(t, flat, l.Decision.Number, "decision number of %s", l.Kind)
			}
			assert.Contains(t, flat, st.Code, "the verification code")
			assert.Contains(t, flat, st.ID, "the statement number")
			assert.Contains(t, flat, i18n.CountryName("SA", lang), "nationality as a name")
			assert.NotContains(t, flat, " SA ", "no nationality code")
			last := lastPageText(t, pdf, pages)
			assert.Greater(t, len(strings.Fields(last)), 40, "the last page is not the code alone")
		})
	}
}

// flatText is text with the bidirectional controls pdftotext writes around
// right-to-left runs removed and white space collapsed.
func flatText(text string) string {
	text = strings.Map(func(r rune) rune {
		if r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' || r == '\u200e' || r == '\u200f' {
			return -1
		}
		return r
	}, text)
	return strings.Join(strings.Fields(text), " ")
}

func lastPageText(t *testing.T, pdf string, page int) string {
	t.Helper()
	p := strconv.Itoa(page)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-f", p, "-l", p, pdf, "-").Output()
	require.NoError(t, err)
	return string(out)
}

// TestStatementHostLayoutPrints prints a statement with a host's letterhead
// and logo through the Service's Options.
func TestStatementHostLayoutPrints(t *testing.T) {
	browser := chromium()
	if browser == "" {
		t.Skip("chromium not found (install Debian's chromium and poppler-utils, as .ci/run does, or set MASAR_CHROMIUM)")
	}
	svc := records.New(nil, &records.Options{StatementKey: testKey, StatementLayout: records.StatementLayout{
		Letterhead: []i18n.Text{{AR: "المملكة العربية السعودية", EN: "Kingdom of Saudi Arabia"}, {AR: "وزارة الصحة — تجمع الرياض الصحي الأول", EN: "Ministry of Health — Riyadh First Health Cluster"}},
		Logo:       []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#0b5e3c"/></svg>`),
		LogoType:   "image/svg+xml",
		Signatory:  i18n.Text{AR: "المدير التنفيذي للموارد البشرية", EN: "Executive Director of Human Resources"},
		VerifyURL:  "https://cluster1.example.sa/verify?src=print",
	}})
	st := tenEventStatement(t)
	var html bytes.Buffer
	require.NoError(t, svc.RenderStatementHTML(&html, st, i18n.English))
	pdf := printPDF(t, browser, html.Bytes())
	assert.LessOrEqual(t, pdfPages(t, pdf), 2)
	text, _ := pdfWords(t, pdf)
	flat := flatText(text)
	assert.Contains(t, flat, "Riyadh First Health")
	assert.Contains(t, flat, "Executive Director of Human Resources")
	assert.Contains(t, flat, st.Code)
}
