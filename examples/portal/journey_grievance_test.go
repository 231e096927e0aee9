package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
)

// grvPDF is a minimal PDF the documents store takes (it sniffs the type).
const grvPDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

// grvFetch fetches the href of the link sel with the tab's cookies and
// returns the body's first n bytes as text.
func (tb *tab) grvFetch(sel string, n int) string {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`fetch(document.querySelector(`+strconv.Quote(sel)+`).href)
		.then(r => r.ok ? r.text() : "HTTP " + r.status).then(t => t.slice(0, `+strconv.Itoa(n)+`))`, chromedp.EvalAwaitPromise))
	require.NoError(tb.t, err)
	return s
}

// grvOpenFromList clicks the grievance numbered tn in the list on the page.
func (tb *tab) grvOpenFromList(tn, name string) {
	tb.t.Helper()
	tb.submit(`tr[data-tn="`+tn+`"] a.grv-open`, "#grv-history")
	tb.check(name)
	require.Equal(tb.t, tn, tb.text("#grv-tn-value"))
}

// The grievance journey, clicked through in Arabic and in English: the
// employee files a grievance with a document (a refusal first), finds it in
// their list and follows it by its tracking number (a refused number
// first); the HR specialist opens it from the inbox while the HR manager
// starts the review, so the specialist's own start is a stale edit (412)
// that offers to reload; the specialist returns it for information, the
// employee answers with a further document, the manager's reasonless
// rejection is refused and the reasoned one recorded, and the employee
// sees it. The committee member decides a performance-rating grievance,
// the only kind their list shows.
func TestJourneyGrievance(t *testing.T) {
	s := startPortal(t, nil)
	pe := s.World.People
	riyadh := time.FixedZone("AST", 3*3600)
	today, err := hijri.Today(time.Now(), riyadh)
	require.NoError(t, err)
	docs := t.TempDir()
	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		t.Run(string(lang), func(t *testing.T) {
			say := func(ar, en string) string {
				if lang == i18n.English {
					return en
				}
				return ar
			}
			shots := shotsDir(t, "grievance-"+string(lang))
			decision := say("قرار الحسم", "deduction-decision") + ".pdf"
			copyOf := say("صورة القرار", "decision-copy") + ".pdf"
			for i, name := range []string{decision, copyOf} {
				require.NoError(t, os.WriteFile(filepath.Join(docs, name), []byte(grvPDF+strings.Repeat("%", i+1)+"\n"), 0o644))
			}
			// The dates as people type them: Hijri in Arabic, Gregorian in English.
			decided, learnt := today, today
			decided, err = decided.AddDays(-10)
			require.NoError(t, err)
			learnt, err = learnt.AddDays(-3)
			require.NoError(t, err)
			typed := func(d hijri.Date) string {
				if lang == i18n.English {
					y, m, dd := d.Gregorian()
					return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
				}
				return d.String()
			}

			// The employee files a grievance: first without its description,
			// which the API refuses with its coded message, field by field.
			emp := numberedTab(t, s.URL, lang, shots, 0)
			emp.signIn(pe.Employee.String())
			emp.submit("#grv-menu-new", "#grv-file-form")
			emp.check("grievance-new")
			require.Contains(t, emp.text("#grv-agency"), pe.Agency)
			subject := say("الحسم من الراتب", "Deduction from my salary")
			emp.fill("#grv-number", "1447/4471")
			emp.fill("#grv-date", typed(decided))
			emp.fill("#grv-learnt", typed(learnt))
			emp.fill("#grv-subject", subject)
			emp.upload("#grv-document", filepath.Join(docs, decision))
			emp.submit("#grv-file-submit", "#problem")
			emp.check("grievance-new-refused")
			p := emp.text("#problem")
			require.Contains(t, p, "invalid")
			require.Contains(t, p, "description")
			kept, err := chromedp.Run(emp.ctx, chromedp.Value(chromedp.CSS("#grv-subject")))
			require.NoError(t, err)
			require.Equal(t, subject, kept, "the typed subject is kept")

			emp.fill("#grv-description", say("تم الحسم من راتبي دون إبلاغي بقرار الحسم", "My salary was cut without notice of the decision"))
			emp.upload("#grv-document", filepath.Join(docs, decision))
			emp.submit("#grv-file-submit", "#grv-filed")
			emp.check("grievance-filed")
			tn := emp.text("#grv-filed-tn")
			require.Regexp(t, `^GRV-\d{4}-\d{6}$`, tn)
			require.Contains(t, emp.text("#grv-filed"), say("تم تقديم تظلمك", "Your grievance was filed"))
			require.Equal(t, say("مقدم", "submitted"), emp.text("#grv-status"))
			require.Equal(t, subject, emp.text("#grv-subject-value"))
			require.Equal(t, decision, emp.text("#grv-attachments"))
			require.Equal(t, grvPDF[:8], emp.grvFetch("a.grv-attachment", 8), "the attachment downloads")
			require.Contains(t, emp.text("#grv-history"), say("تقديم التظلم", "file"))

			// Their list shows it; following a wrong number is refused, the
			// right one (typed in lower case) opens it.
			emp.goTo("/", "#grv-menu-mine", "home-employee")
			emp.submit("#grv-menu-mine", "#grv-list")
			emp.check("grievance-mine")
			require.Contains(t, emp.text(`tr[data-tn="`+tn+`"]`), subject)
			require.Contains(t, emp.text(`tr[data-tn="`+tn+`"]`), say("مقدم", "submitted"))
			emp.submit("#grv-follow", "#grv-follow-form")
			emp.check("grievance-follow")
			emp.fill("#grv-tn", "GRV-12")
			emp.submit("#grv-follow-submit", "#problem")
			emp.check("grievance-follow-refused")
			require.Contains(t, emp.text("#problem"), "grievance.invalid_tracking_number")
			require.Contains(t, emp.text("#problem"), say("رقم التظلم غير صحيح", "the tracking number is not valid"))
			emp.fill("#grv-tn", strings.ToLower(tn))
			emp.submit("#grv-follow-submit", "#grv-history")
			emp.check("grievance-followed")
			require.Equal(t, tn, emp.text("#grv-tn-value"))

			// The HR specialist opens it from the inbox.
			hr := numberedTab(t, s.URL, lang, shots, 100)
			hr.signIn(pe.HR.String())
			hr.submit("#grv-menu-inbox", "#grv-filter")
			hr.check("grievance-inbox")
			require.Contains(t, hr.text(`tr[data-tn="`+tn+`"]`), pe.Employee.String())
			hr.grvOpenFromList(tn, "grievance-hr")
			require.Equal(t, say("مقدم", "submitted"), hr.text("#grv-status"))

			// Meanwhile the HR manager starts the review in another tab.
			mgr := numberedTab(t, s.URL, lang, shots, 200)
			mgr.signIn(pe.Manager.String())
			mgr.submit("#grv-menu-inbox", "#grv-filter")
			mgr.check("grievance-inbox-manager")
			mgr.choose("#grv-filter-status", string(grievance.StatusSubmitted))
			mgr.submit("#grv-filter-submit", "#grv-list")
			mgr.check("grievance-inbox-filtered")
			mgr.grvOpenFromList(tn, "grievance-manager")
			mgr.fill("#grv-review-note", say("أحيل للدراسة", "Sent for study"))
			mgr.submit("#grv-review", "#grv-done")
			mgr.check("grievance-reviewed")
			require.Equal(t, say("قيد الدراسة", "under review"), mgr.text("#grv-status"))
			require.Contains(t, mgr.text("#grv-done"), say("بدء الدراسة", "start the review"))

			// The specialist's page is stale: starting the review again is a
			// 412 that shows the conflict and offers to reload.
			hr.submit("#grv-review", "#conflict")
			hr.check("grievance-conflict")
			require.Contains(t, hr.text("#problem"), "grievance.conflict")
			require.Contains(t, hr.text("#problem"), say("تم تعديل التظلم من قبل مستخدم آخر", "the grievance was changed by someone else"))
			require.Contains(t, hr.text("#conflict"), say("تغيّر هذا السجل", "This record changed"))
			hr.submit("#reload", "#grv-info-request-form")
			hr.check("grievance-reloaded")
			require.Equal(t, say("قيد الدراسة", "under review"), hr.text("#grv-status"))

			// The specialist returns it for information.
			asked := say("أرفق صورة من قرار الحسم", "Attach a copy of the deduction decision")
			hr.fill("#grv-info-request-note", asked)
			hr.submit("#grv-info-request", "#grv-done")
			hr.check("grievance-returned")
			require.Equal(t, say("معاد لاستكمال البيانات", "returned for information"), hr.text("#grv-status"))

			// The employee sees the request and answers it with a document.
			emp.goTo("/grievances", "#grv-list", "grievance-mine-returned")
			require.Contains(t, emp.text(`tr[data-tn="`+tn+`"]`), say("معاد لاستكمال البيانات", "returned for information"))
			emp.grvOpenFromList(tn, "grievance-info-asked")
			require.Contains(t, emp.text("#grv-info-asked"), asked)
			emp.fill("#grv-info-note", say("أرفقت صورة القرار", "The copy is attached"))
			emp.upload("#grv-info-document", filepath.Join(docs, copyOf))
			emp.submit("#grv-info", "#grv-done")
			emp.check("grievance-info-given")
			require.Equal(t, say("قيد الدراسة", "under review"), emp.text("#grv-status"))
			require.Contains(t, emp.text("#grv-attachments"), copyOf)
			require.Contains(t, emp.text("#grv-history"), say("استكمال البيانات", "provide information"))

			// The manager rejects it: without reasons the API refuses; with
			// them the answer is recorded.
			mgr.submit(`a[href="/grievances/inbox"]`, "#grv-filter")
			mgr.check("grievance-inbox-again")
			mgr.grvOpenFromList(tn, "grievance-to-answer")
			mgr.choose("#grv-answer-outcome", string(grievance.OutcomeRejected))
			mgr.submit("#grv-answer", "#problem")
			mgr.check("grievance-answer-refused")
			p = mgr.text("#problem")
			require.Contains(t, p, "response")
			require.Contains(t, p, say("يجب أن يكون رفض التظلم مسبباً", "a rejection must state its reasons"))
			reasons := say("القرار صحيح نظاماً", "The decision is lawful")
			mgr.fill("#grv-answer-response", reasons)
			mgr.submit("#grv-answer", "#grv-done")
			mgr.check("grievance-answered")
			require.Equal(t, say("تمت الإفادة", "answered"), mgr.text("#grv-status"))
			require.Equal(t, say("مرفوض", "rejected"), mgr.text("#grv-outcome"))

			// The employee follows it by its number and reads the answer.
			emp.goTo("/grievances/follow", "#grv-follow-form", "grievance-follow-again")
			emp.fill("#grv-tn", tn)
			emp.submit("#grv-follow-submit", "#grv-history")
			emp.check("grievance-answer-seen")
			require.Equal(t, say("تمت الإفادة", "answered"), emp.text("#grv-status"))
			require.Equal(t, say("مرفوض", "rejected"), emp.text("#grv-outcome"))
			require.Equal(t, reasons, emp.text("#grv-response"))
			require.Len(t, strings.Split(strings.TrimSpace(emp.text("#grv-history tbody")), "\n"), 5, "filed, review, return, information, answer")

			// Beforehand, the employee filed a performance-rating grievance.
			rated, err := today.AddDays(-2)
			require.NoError(t, err)
			perf, err := s.World.Client.FileGrievance(context.Background(),
				masar.Actor{NationalID: pe.Employee, Roles: []masar.Role{masar.RoleEmployee}, Services: identity.MasarServices()},
				masar.FileGrievanceInput{Kind: grievance.KindPerformanceRating, Agency: pe.Agency,
					Decision:    grievance.Decision{Date: rated, LearntOn: rated},
					Subject:     say("تقويم الأداء السنوي", "Annual performance rating"),
					Description: say("لم تراع في التقويم المهام التي أنجزتها", "The rating ignores the work I delivered")})
			require.NoError(t, err)
			ptn := perf.TrackingNumber.String()

			// The committee member's list holds only the committee's kinds.
			com := numberedTab(t, s.URL, lang, shots, 300)
			com.signIn(pe.Committee.String())
			com.submit("#grv-menu-committee", "#grv-list")
			com.check("grievance-committee")
			require.Contains(t, com.text("#grv-list"), ptn)
			require.NotContains(t, com.text("#grv-list"), tn)
			require.Contains(t, com.text(`tr[data-tn="`+ptn+`"]`), say("تظلم من تقويم الأداء الوظيفي", "performance-rating grievance"))
			com.grvOpenFromList(ptn, "grievance-committee-open")
			com.submit("#grv-review", "#grv-done")
			com.check("grievance-committee-review")
			require.Equal(t, say("قيد الدراسة", "under review"), com.text("#grv-status"))
			require.Contains(t, com.text("#grv-answer-form"), say("قرار اللجنة", "The committee's decision"))
			com.choose("#grv-answer-outcome", string(grievance.OutcomeAccepted))
			com.fill("#grv-answer-response", say("يعاد تقويم الأداء", "The rating is to be redone"))
			com.submit("#grv-answer", "#grv-outcome")
			com.check("grievance-committee-decided")
			require.Equal(t, say("تمت الإفادة", "answered"), com.text("#grv-status"))
			require.Equal(t, say("مقبول", "accepted"), com.text("#grv-outcome"))
			require.Contains(t, com.text("#grv-history"), say("عضو لجنة التظلمات", "grievance committee member"))
		})
	}
}
