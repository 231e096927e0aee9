package main

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/examples/internal/demo"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
)

// correctionLang is what the correction journey types and reads in one
// language.
type correctionLang struct {
	// register with an Iqama (Arabic) or a national ID (English).
	resident bool
	// The words the pages show.
	pending, approved, rejected, withdrawn, active string
	otpWrong, terms, reasonRequired                string
	firstName                                      string // the English first name the employee asks for
	address, rejectReason                          string
	docName                                        string
	fieldFirstEN                                   string
}

// correctionLangs are the two languages' values.
var correctionLangs = map[i18n.Lang]correctionLang{
	i18n.Arabic: {resident: true,
		pending: "قيد المراجعة", approved: "مقبول", rejected: "مرفوض", withdrawn: "مسحوب", active: "مفعّل",
		otpWrong: "رمز التحقق غير صحيح", terms: "يجب الموافقة على الشروط", reasonRequired: "يجب ذكر سبب الرفض",
		firstName: "Faisal", address: "حي العليا، الرياض 12211", rejectReason: "المستند المرفق لا يثبت العنوان",
		docName: "إثبات-الاسم.pdf", fieldFirstEN: "الاسم الأول بالإنجليزية"},
	i18n.English: {
		pending: "Pending review", approved: "Approved", rejected: "Rejected", withdrawn: "Withdrawn", active: "active",
		otpWrong: "the verification code is not correct", terms: "you must accept the terms", reasonRequired: "a rejection must give its reason",
		firstName: "Turki", address: "Olaya district, Riyadh 12211", rejectReason: "The attached document does not show the address",
		docName: "name-proof.pdf", fieldFirstEN: "First name (English)"},
}

// correctionPDF is the supporting document the employee uploads.
const correctionPDF = "%PDF-1.4\n% masar-go portal test\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

// The correction journey: registration with the SMS code and the email's
// link (and a wrong code refused), an employee's correction requests with a
// supporting document, HR's queue approving one (the file changes) and
// rejecting another with a reason, and a stale decision (the employee
// withdrew meanwhile in their own tab) refused with the reload offer.
func TestJourneyCorrection(t *testing.T) {
	s := startPortal(t, nil)
	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		t.Run(string(lang), func(t *testing.T) {
			// Each person's tab keeps its screenshots in its own folder.
			shots := shotsDir(t, "correction-"+string(lang))
			w := correctionLangs[lang]
			correctionRegistration(t, s, lang, shots, w)
			correctionRequests(t, s, lang, shots, w)
		})
	}
}

// correctionRegistration registers a new person in lang.
func correctionRegistration(t *testing.T, s started, lang i18n.Lang, shots string, w correctionLang) {
	gen := s.World.Generator
	id := gen.Citizen()
	if w.resident {
		id = gen.Resident()
	}
	mobile, email := gen.Mobile(), gen.Email()
	birth := identitytest.DefaultProfile(id).DateOfBirth.String()

	tb := newTab(t, s.URL, lang, personShots(t, shots, "registrant"))
	tb.open("/", "home")
	tb.submit("#menu-register", "#register-form")
	tb.check("register")
	tb.fill("#national_id", id.String())
	tb.fill("#birth_date", birth)
	tb.fill("#mobile", mobile.National())
	tb.fill("#email", email.String())
	tb.submit("#register-submit", "#code")
	tb.check("register-mobile")
	require.Contains(t, tb.text("#sent-to"), mobile.Masked())
	mobilePage := tb.location()

	// The SMS, on the demo's outbox page.
	code := correctionSMSCode(t, s.World.Outbox, mobile)
	tb.open("/dev/outbox", "outbox-sms")
	require.Contains(t, tb.text("main"), code)
	tb.goTo(mobilePage, "main h1", "register-mobile-again")

	// A wrong code: the API's coded refusal, in the page's language.
	wrong := code[:5] + string('0'+(code[5]-'0'+1)%10)
	tb.fill("#code", wrong)
	tb.submit("#code-submit", "#problem")
	tb.check("register-mobile-refused")
	p := tb.text("#problem")
	require.Contains(t, p, "otp.mismatch")
	require.Contains(t, p, w.otpWrong)

	// The right code: on to the email.
	tb.fill("#code", code)
	tb.submit("#code-submit", "#mobile-done")
	tb.check("register-email")

	// The email's link, opened: the portal's page with its code.
	link := correctionEmailLink(t, s.World.Outbox, email)
	tb.open("/dev/outbox", "outbox-email")
	require.Contains(t, tb.text("main"), link)
	u, err := url.Parse(link)
	require.NoError(t, err)
	token := u.Query().Get("token")
	require.NotEmpty(t, token, link)
	tb.goTo(link, "main h1", "register-email-link")
	got, err := chromedp.Run(tb.ctx, chromedp.Value(chromedp.CSS("#token")))
	require.NoError(t, err)
	require.Equal(t, token, got)
	tb.submit("#token-submit", "#registration-status")
	tb.check("register-done")
	require.Equal(t, w.active, tb.text("#registration-status"))
	require.NotEmpty(t, tb.text("#registered"))
	tb.do(chromedp.WaitVisible(chromedp.CSS("#done-sign-in")))
}

// correctionSMSCode is the six-digit code of the last SMS to m.
func correctionSMSCode(t *testing.T, o *demo.Outbox, m identity.Mobile) string {
	t.Helper()
	sent := o.Sent()
	for i := len(sent) - 1; i >= 0; i-- {
		if sent[i].Kind == "SMS" && sent[i].To == m.Masked() {
			code := regexp.MustCompile(`[0-9]{6}`).FindString(sent[i].Body)
			require.NotEmpty(t, code, sent[i].Body)
			return code
		}
	}
	t.Fatalf("no SMS to %s", m.Masked())
	return ""
}

// correctionEmailLink is the portal link of the last email to e: the
// body's line with the address of /register/email.
func correctionEmailLink(t *testing.T, o *demo.Outbox, e identity.Email) string {
	t.Helper()
	sent := o.Sent()
	for i := len(sent) - 1; i >= 0; i-- {
		if sent[i].Kind == "email" && sent[i].To == e.Masked() {
			link := regexp.MustCompile(`http://\S+/register/email\?token=\S+`).FindString(sent[i].Body)
			require.NotEmpty(t, link, sent[i].Body)
			return link
		}
	}
	t.Fatalf("no email to %s", e.Masked())
	return ""
}

// correctionProblem is the page's problem, "" if it shows none.
func (tb *tab) correctionProblem() string {
	tb.t.Helper()
	p, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`document.querySelector("#problem")?.innerText ?? ""`))
	require.NoError(tb.t, err)
	return p
}

// correctionRequest fills the request form on the page and submits it; doc,
// if set, is uploaded; the terms are accepted when accept is set.
func (tb *tab) correctionRequest(field, value, reason, doc string, accept bool, wait string) {
	tb.t.Helper()
	tb.do(chromedp.SetValue(chromedp.CSS("#field"), field))
	tb.fill("#value", value)
	tb.fill("#justification", reason)
	if doc != "" {
		tb.upload("#document", doc)
	}
	if accept {
		tb.do(chromedp.Click(chromedp.CSS("#accept_terms")))
	}
	tb.submit("#correction-submit", wait)
}

// correctionRequests runs the requests and their review in lang.
func correctionRequests(t *testing.T, s started, lang i18n.Lang, shots string, w correctionLang) {
	pe := s.World.People
	doc := filepath.Join(t.TempDir(), w.docName)
	require.NoError(t, os.WriteFile(doc, []byte(correctionPDF), 0o644))

	// The employee asks for three corrections.
	emp := newTab(t, s.URL, lang, personShots(t, shots, "employee"))
	emp.signIn(pe.Employee.String())
	emp.submit("#menu-correction-new", "#correction-form")
	emp.check("correction-new")
	require.Equal(t, pe.EmployeeName.AR.Full(), emp.text("#file-name-ar"))
	oldFirst := strings.Fields(emp.text("#file-name-en"))[0]

	// Without accepting the terms: the API's refusal, the form kept.
	emp.correctionRequest("name.en.first", w.firstName, "name-"+string(lang), doc, false, "#problem")
	emp.check("correction-new-refused")
	p := emp.text("#problem")
	require.Contains(t, p, "records.correction.terms_not_accepted")
	require.Contains(t, p, w.terms)
	got, err := chromedp.Run(emp.ctx, chromedp.Value(chromedp.CSS("#value")))
	require.NoError(t, err)
	require.Equal(t, w.firstName, got)

	// Accepted, with the document: the request's page.
	emp.correctionRequest("name.en.first", w.firstName, "name-"+string(lang), doc, true, "#created")
	emp.check("correction-created")
	idA := emp.text("#correction-id")
	require.Equal(t, idA, emp.text("#created-id"))
	require.Equal(t, w.pending, emp.text("#correction-status"))
	changes := emp.text("#changes")
	require.Contains(t, changes, w.fieldFirstEN)
	require.Contains(t, changes, oldFirst)
	require.Contains(t, changes, w.firstName)
	require.Contains(t, emp.text("#documents"), w.docName)
	// The document downloads through the portal, as uploaded.
	body, err := chromedp.Run(emp.ctx, chromedp.Evaluate[[]string](`fetch(document.querySelector("a.document").href).then(async r => [String(r.status), r.headers.get("content-type"), await r.text()])`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	require.Equal(t, []string{"200", "application/pdf", correctionPDF}, body)

	emp.submit(`a[href="/corrections"]`, "#corrections")
	emp.check("correction-list")
	emp.submit("#correction-new", "#correction-form")
	emp.correctionRequest("contact.address", w.address, "address-"+string(lang), "", true, "#created")
	emp.check("correction-created-address")
	idB := emp.text("#correction-id")
	emp.open("/corrections/new", "correction-new-email")
	newEmail := s.World.Generator.Email().String()
	emp.correctionRequest("contact.email", newEmail, "email-"+string(lang), "", true, "#created")
	emp.check("correction-created-email")
	idC := emp.text("#correction-id")
	emp.open("/corrections", "correction-list-pending")
	for _, id := range []string{idA, idB, idC} {
		require.Equal(t, w.pending, emp.text(`tr[data-id="`+id+`"] .tag`), id)
	}

	// HR's queue: approve A, and the file changes.
	hr := newTab(t, s.URL, lang, personShots(t, shots, "hr"))
	hr.signIn(pe.HR.String())
	hr.submit("#menu-correction-queue", "#queue-filter")
	hr.check("correction-queue")
	for _, id := range []string{idA, idB, idC} {
		require.Equal(t, w.pending, hr.text(`tr[data-id="`+id+`"] .tag`), id)
	}
	require.Contains(t, hr.text(`tr[data-id="`+idA+`"]`), pe.Employee.String())
	hr.submit(`a.open[href="/corrections/`+idA+`"]`, "#approve")
	hr.check("correction-hr-open")
	require.Contains(t, hr.text("#changes"), w.firstName)
	require.Contains(t, hr.text("#file-name-en"), oldFirst)
	require.Contains(t, hr.text("#documents"), w.docName)
	hr.submit("#approve", "#decision, #problem")
	hr.check("correction-approved")
	require.Empty(t, hr.correctionProblem(), "the approval")
	require.Equal(t, w.approved, hr.text("#correction-status"))
	require.Equal(t, w.firstName, strings.Fields(hr.text("#file-name-en"))[0])

	// Reject B: first without a reason (refused), then with one.
	hr.submit(`a[href="/agency/corrections"]`, "#queue-filter")
	hr.check("correction-queue-after-approval")
	hr.do(chromedp.WaitNotPresent(chromedp.CSS(`tr[data-id="` + idA + `"]`)))
	hr.submit(`a.open[href="/corrections/`+idB+`"]`, "#reject")
	hr.check("correction-hr-open-address")
	hr.submit("#reject", "#problem")
	hr.check("correction-reject-refused")
	p = hr.text("#problem")
	require.Contains(t, p, "records.correction.reason_required")
	require.Contains(t, p, w.reasonRequired)
	hr.fill("#reject-note", w.rejectReason)
	hr.submit("#reject", "#decision-note")
	hr.check("correction-rejected")
	require.Equal(t, w.rejected, hr.text("#correction-status"))
	require.Equal(t, w.rejectReason, hr.text("#decision-note"))
	require.NotContains(t, hr.text("#file-address"), w.address)

	// The stale decision: HR opens C; meanwhile the employee withdraws it
	// in their tab; HR's approval is refused as stale, and the reload shows
	// the request as it is now.
	hr.open("/agency/corrections", "correction-queue-stale")
	hr.submit(`a.open[href="/corrections/`+idC+`"]`, "#approve")
	hr.check("correction-hr-open-email")
	emp.open("/corrections", "correction-list-withdraw")
	emp.submit(`a.open[href="/corrections/`+idC+`"]`, "#withdraw")
	emp.check("correction-withdraw")
	emp.submit("#withdraw", "#decision")
	emp.check("correction-withdrawn")
	require.Equal(t, w.withdrawn, emp.text("#correction-status"))
	hr.submit("#approve", "#conflict")
	hr.check("correction-stale")
	p = hr.text("#problem")
	require.Contains(t, p, "records.stale_version")
	require.Contains(t, hr.text("#conflict"), label("conflict.changed", lang))
	hr.do(chromedp.WaitNotPresent(chromedp.CSS("#approve")), chromedp.WaitNotPresent(chromedp.CSS("#correction-status")))
	hr.submit("#reload", "#decision")
	hr.check("correction-reloaded")
	require.Equal(t, w.withdrawn, hr.text("#correction-status"))
	require.NotContains(t, hr.text("#file-email"), newEmail)
	hr.do(chromedp.WaitNotPresent(chromedp.CSS("#problem")), chromedp.WaitNotPresent(chromedp.CSS("#approve")))

	// The queue's filter: the approved requests.
	hr.open("/agency/corrections", "correction-queue-final")
	hr.do(chromedp.SetValue(chromedp.CSS("#status"), "approved"))
	hr.submit("#queue-show", `tr[data-id="`+idA+`"]`)
	hr.check("correction-queue-approved")
	require.Equal(t, w.approved, hr.text(`tr[data-id="`+idA+`"] .tag`))

	// The employee's list: each request's outcome.
	emp.open("/corrections", "correction-list-final")
	for id, want := range map[string]string{idA: w.approved, idB: w.rejected, idC: w.withdrawn} {
		require.Equal(t, want, emp.text(`tr[data-id="`+id+`"] .tag`), id)
	}
}
