package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
	"github.com/masarhr/masar-go/records"
)

// The employee journey, clicked through as the demo employee in Arabic and
// in English, on SQLite and (with MASAR_TEST_POSTGRES_DSN) on PostgreSQL:
// the services they may use, their file and history, their service
// duration's arithmetic, the printed statement and its public
// verification, their promotion standing, and their consents.
func TestJourneyEmployee(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		employeeJourney(t, "employee-", func(*testing.T) *sqlstore.Store { return nil })
	})
	t.Run("postgres", func(t *testing.T) {
		if os.Getenv(sqlstoretest.PostgresDSNEnv) == "" {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not set: CI runs the employee journey on PostgreSQL too", sqlstoretest.PostgresDSNEnv)
			}
			t.Skipf("%s is not set: the journey on PostgreSQL is skipped (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable)", sqlstoretest.PostgresDSNEnv)
		}
		employeeJourney(t, "employee-postgres-", func(t *testing.T) *sqlstore.Store {
			s, _ := sqlstoretest.OpenPostgres(t)
			return s
		})
	})
}

// employeeWords are the words the test expects on the pages, per language.
var employeeWords = map[i18n.Lang]map[string]string{
	i18n.Arabic: {
		"available": "متاحة لك", "unavailable": "غير متاحة", "none": "لست مرشحاً في أي دورة",
		"valid": "البيان صحيح", "granted": "منحت الموافقة", "revoked": "ألغيت الموافقة",
		"live": "سارية", "revokedStatus": "ملغاة", "purpose": "تمويل سكني من البنك", "month": "الشهر من 1 إلى 12",
		"fields": "بعض الحقول غير صحيحة", "until": "يجب أن ينتهي أجل الموافقة بعد بدايتها وفي المستقبل",
	},
	i18n.English: {
		"available": "Available to you", "unavailable": "Not available", "none": "not a candidate in any promotion round",
		"valid": "The statement is valid", "granted": "The consent was given", "revoked": "The consent was revoked",
		"live": "In force", "revokedStatus": "Revoked", "purpose": "A housing loan from the bank", "month": "month",
		"fields": "some fields are not valid", "until": "the consent must end after it starts, and in the future",
	},
}

// employeeJourney runs the journey in both languages, each on its own
// portal over a store newStore opens (nil: the portal's SQLite file), with
// its screenshots in the folders shots+lang.
func employeeJourney(t *testing.T, shots string, newStore func(t *testing.T) *sqlstore.Store) {
	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		t.Run(string(lang), func(t *testing.T) {
			s := startPortal(t, newStore(t))
			tb := newTab(t, s.URL, lang, shotsDir(t, shots+string(lang)))
			w := newEmployeeWorld(t, s)
			words := employeeWords[lang]
			date := templateFuncs()["date"].(func(i18n.Lang, hijri.Date) string)

			tb.signIn(w.emp.NationalID.String())

			// 1. My services: every service, and why the refused one is not
			// available (the agency gave no permission on the CV).
			employeeMenu(tb, "#menu-employee-services", "#services", "services")
			for _, svc := range identity.MasarServices() {
				d, err := w.client.ServiceEligibility(w.ctx, w.emp, w.emp.NationalID, svc, w.emp.Services)
				require.NoError(t, err)
				row := tb.text("#service-" + string(svc))
				require.Contains(t, row, svc.Label(lang))
				if d.Allowed {
					require.Contains(t, row, words["available"], svc)
					continue
				}
				require.Contains(t, row, words["unavailable"], svc)
				for _, r := range d.Reasons {
					require.Contains(t, row, r.Message.In(lang), svc)
					require.Contains(t, row, r.Code, svc)
				}
			}
			cv := tb.text("#service-cv")
			require.Contains(t, cv, words["unavailable"])
			require.Contains(t, cv, identity.ReasonNoPermission)

			// 2. My job file and its history, each event with its dates.
			employeeMenu(tb, "#menu-employee-file", "#history", "file")
			f, err := w.client.EmployeeFile(w.ctx, w.emp, w.emp.NationalID)
			require.NoError(t, err)
			e := f.Employee
			require.Equal(t, s.World.People.EmployeeName.In(lang), tb.text("#file-name"))
			require.Equal(t, w.emp.NationalID.String(), tb.text("#file-id"))
			require.Contains(t, tb.text("#file-agency"), e.Job.Agency.Name.In(lang))
			require.Equal(t, e.Job.Title.In(lang), tb.text("#file-title"))
			require.Equal(t, strconv.Itoa(e.Job.Rank), tb.text("#file-rank"))
			require.Equal(t, strconv.Itoa(e.Job.Step), tb.text("#file-step"))
			require.Len(t, f.History, 8)
			for _, ev := range f.History {
				row := tb.text("#event-" + ev.ID)
				require.Contains(t, row, ev.Kind.Label(lang), ev.ID)
				require.Contains(t, row, date(lang, ev.Start), ev.ID)
				if !ev.End.IsZero() {
					require.Contains(t, row, date(lang, ev.End), ev.ID)
				}
			}
			require.Contains(t, tb.text("#event-"+w.leave.ID), records.ExceptionalLeave.Label(lang))

			// 3. Service duration per purpose, with its arithmetic: the
			// exceptional leave HR recorded is excluded from every purpose.
			employeeMenu(tb, "#menu-employee-duration", "#purpose-total", "duration")
			for _, p := range records.Purposes {
				d, err := w.client.ServiceDuration(w.ctx, w.emp, w.emp.NationalID, p, hijri.Date{})
				require.NoError(t, err)
				sec := "#purpose-" + string(p)
				require.Contains(t, tb.text(sec+" h2"), p.Label(lang))
				require.Equal(t, strconv.Itoa(d.Days), tb.text(sec+" .employee-total .days"), p)
				require.Equal(t, d.Period.Text(lang), tb.text(sec+" .employee-total .period"), p)
				require.Equal(t, strconv.Itoa(d.GrossDays), tb.text(sec+" .gross-days"), p)
				require.Equal(t, strconv.Itoa(d.ExcludedDays), tb.text(sec+" .excluded-days"), p)
				require.Equal(t, d.GrossDays-d.ExcludedDays, d.Days)
				require.Equal(t, 20, d.ExcludedDays, "%s: the 20 days of exceptional leave", p)
				excl := tb.text(sec + " table.excluded")
				require.Contains(t, excl, date(lang, w.leave.Start))
				require.Contains(t, excl, d.Excluded[0].Causes[0].Reason.In(lang))
				require.Contains(t, excl, d.Excluded[0].Causes[0].Basis)
				require.Contains(t, tb.text(sec+" table.counted"), date(lang, d.Counted[0].From))
			}

			// 4. The service statement: a refused date first, then printed to
			// PDF, then verified.
			employeeMenu(tb, "#menu-employee-statement", "#issue-statement", "statement-form")
			tb.fill("#as_of", "1446-13-40")
			tb.submit("#issue-statement", "#problem")
			tb.check("statement-refused")
			prob := tb.text("#problem")
			require.Contains(t, prob, "hijri.invalid_month")
			require.Contains(t, prob, words["month"])
			tb.do(chromedp.Clear(chromedp.CSS("#as_of")))
			tb.submit("#issue-statement", "#statement-code")
			tb.check("statement-printed")
			code := tb.text("#statement-code")
			require.Regexp(t, `^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$`, code)
			st, err := w.client.VerifyStatement(w.ctx, code)
			require.NoError(t, err)
			name := s.World.People.EmployeeName.In(lang)
			require.Equal(t, name, tb.text("#statement-name"))
			require.Equal(t, w.emp.NationalID.String(), st.NationalID)
			require.Contains(t, tb.text("#statement-service"), st.Service.Period.Text(lang))
			require.Contains(t, tb.text("#statement-lines"), records.ExceptionalLeave.Label(lang))
			employeePDF(tb, name, code)

			tb.submit("#statement-verify", "#verify-result")
			tb.check("verify-from-statement")
			require.Contains(t, tb.text("#verify-valid"), words["valid"])
			require.Equal(t, name, tb.text("#verify-result #statement-name"))
			require.Equal(t, code, tb.text("#verify-found-code"))

			// 5. Promotion standing: no round yet, then a round HR opened with
			// the employee as a candidate.
			employeeMenu(tb, "#menu-employee-promotion", "#no-round", "promotion-none")
			require.Contains(t, tb.text("#no-round"), words["none"])
			round := w.openRound()
			employeeMenu(tb, "#menu-employee-promotion", "#round-"+round.ID, "promotion-standing")
			sec := tb.text("#round-" + round.ID)
			require.Contains(t, sec, round.Title.In(lang))
			require.Contains(t, sec, round.Status.Label(lang))
			stands, err := w.client.PromotionStanding(w.ctx, w.emp, w.emp.NationalID, round.ID)
			require.NoError(t, err)
			require.Len(t, stands, 1)
			stand := tb.text("#standing-" + stands[0].VacancyID)
			require.Contains(t, stand, stands[0].VacancyTitle.In(lang))
			for _, r := range stands[0].Eligibility.Reasons {
				require.Contains(t, stand, r.Message.In(lang))
			}

			// 6. Consents: a refused grant, a grant, its revocation.
			employeeMenu(tb, "#menu-employee-consents", "#grant", "consents")
			require.NotEmpty(t, tb.text("#no-consent"))
			tb.fill("#grantee", "GOSI")
			tb.do(chromedp.SendKeys(chromedp.CSS("#purpose"), words["purpose"]))
			tb.do(chromedp.SetValue(chromedp.CSS("#until"), "2001-01-01"))
			tb.submit("#grant-submit", "#problem")
			tb.check("consent-refused")
			prob = tb.text("#problem")
			for _, want := range []string{"validation.failed", "parts", "until", words["fields"], words["until"]} {
				require.Contains(t, prob, want)
			}
			require.Equal(t, "GOSI", tb.value("#grantee"), "the form keeps what was typed")

			until := time.Now().AddDate(1, 0, 0).Format(time.DateOnly)
			tb.do(chromedp.Click(chromedp.CSS("#part-job")), chromedp.Click(chromedp.CSS("#part-history")),
				chromedp.SetValue(chromedp.CSS("#until"), until))
			tb.submit("#grant-submit", "#done")
			tb.check("consent-granted")
			require.Contains(t, tb.text("#done"), words["granted"])
			cs, err := w.client.MyConsents(w.ctx, w.emp)
			require.NoError(t, err)
			require.Len(t, cs, 1, "one consent given")
			c := cs[0]
			require.Equal(t, []identity.Part{identity.PartJob, identity.PartHistory}, c.Parts)
			row := "#consent-" + c.ID
			got := tb.text(row)
			for _, want := range []string{"GOSI", words["purpose"], identity.PartJob.Label(lang), identity.PartHistory.Label(lang), words["live"]} {
				require.Contains(t, got, want)
			}
			lastDay, err := time.Parse(time.DateOnly, until)
			require.NoError(t, err)
			hd, err := hijri.FromTime(lastDay)
			require.NoError(t, err)
			require.Contains(t, got, date(lang, hd))

			tb.submit(row+" button.revoke", "#done")
			tb.check("consent-revoked")
			require.Contains(t, tb.text("#done"), words["revoked"])
			require.Equal(t, words["revokedStatus"], tb.text(row+" .consent-status"))
			require.Zero(t, tb.count(row+" button.revoke"), "a revoked consent cannot be revoked again")
			cs, err = w.client.MyConsents(w.ctx, w.emp)
			require.NoError(t, err)
			require.False(t, cs[0].RevokedAt.IsZero())

			// The public verification page, signed out: a wrong code is the
			// API's refusal, the printed code is valid.
			tb.submit("#sign-out", "#menu-employee-verify")
			tb.check("signed-out")
			tb.submit("#menu-employee-verify", "#verify-code")
			tb.check("verify-form")
			tb.fill("#verify-code", "AAAA-BBBB-CCCC-DDDD")
			tb.submit("#verify-submit", "#problem")
			tb.check("verify-refused")
			require.Contains(t, tb.text("#problem"), "not_found")
			tb.fill("#verify-code", code)
			tb.submit("#verify-submit", "#verify-result")
			tb.check("verify-valid")
			require.Contains(t, tb.text("#verify-valid"), words["valid"])
			require.Equal(t, name, tb.text("#statement-name"))
			require.Equal(t, w.emp.NationalID.String(), tb.text("#statement-id"))
		})
	}
}

// employeeMenu goes home by the brand link, clicks the employee menu's link
// sel, waits for waitSel and checks the page as name.
func employeeMenu(tb *tab, sel, waitSel, name string) {
	tb.t.Helper()
	tb.submit(".brand", "#menu-employee-pages")
	tb.submit(sel, waitSel)
	tb.check(name)
}

// employeePDF prints the page to PDF with Chrome, keeps it with the
// screenshots and checks, with pdftotext, that it holds name and code.
func employeePDF(tb *tab, name, code string) {
	t := tb.t
	t.Helper()
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(pdf), "%PDF"))
	file := filepath.Join(tb.dir, string(tb.lang)+"-statement.pdf")
	require.NoError(t, os.WriteFile(file, pdf, 0o644))
	t.Logf("the printed statement: %s", file)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("pdftotext: %v", err)
		}
		t.Logf("no pdftotext here (%v): the PDF's text is not checked", err)
		return
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	require.NoError(t, err)
	text := string(out)
	require.Contains(t, text, code, "the PDF shows the verification code")
	require.Contains(t, employeeFold(text), employeeFold(name), "the PDF shows the employee's name")
	for _, hidden := range []string{label("nav.signout", tb.lang), label("employee.printed.hint", tb.lang)} {
		require.NotContains(t, text, hidden, "the print leaves out the page's chrome")
	}
}

// employeeFold is s with its whitespace folded, for comparing extracted
// PDF text (which may break or double spaces) with a name.
func employeeFold(s string) string {
	return strings.Join(regexp.MustCompile(`\s+`).Split(strings.TrimSpace(s), -1), " ")
}

// employeeWorld is what the other people of the demo did before the
// journey, through the facade: the agency's permissions, an exceptional
// leave recorded by HR, and (on demand) a promotion round.
type employeeWorld struct {
	t       *testing.T
	ctx     context.Context
	client  *masar.Client
	emp     masar.Actor
	hr      masar.Actor
	manager masar.Actor
	agency  string
	leave   records.HistoryEvent
}

func newEmployeeWorld(t *testing.T, s started) *employeeWorld {
	t.Helper()
	pe := s.World.People
	all := identity.MasarServices()
	var butCV []identity.MasarService
	for _, svc := range all {
		if svc != identity.CV {
			butCV = append(butCV, svc)
		}
	}
	w := &employeeWorld{t: t, ctx: context.Background(), client: s.World.Client, agency: pe.Agency,
		// The agency gives the employee a permission on every service but the CV.
		emp:     masar.Actor{NationalID: pe.Employee, Roles: []masar.Role{masar.RoleEmployee}, Services: butCV},
		hr:      masar.Actor{NationalID: pe.HR, Roles: []masar.Role{masar.RoleHRSpecialist}, Agency: pe.Agency, Services: all},
		manager: masar.Actor{NationalID: pe.Manager, Roles: []masar.Role{masar.RoleHRManager}, Agency: pe.Agency, Services: all},
	}
	s.World.Directory.Set(w.emp)
	// HR records an exceptional leave of 20 days: every purpose excludes it.
	f, err := w.client.EmployeeFile(w.ctx, w.hr, pe.Employee)
	require.NoError(t, err)
	_, evs, err := w.client.AddHistoryEvents(w.ctx, w.hr, records.HistoryChange{EmployeeID: f.Employee.ID, Version: f.Employee.Version,
		Events: []records.HistoryEvent{{Kind: records.KindLeave, Leave: records.ExceptionalLeave,
			Start: hijri.MustNew(1446, 2, 1), End: hijri.MustNew(1446, 2, 20),
			Decision: records.Decision{Number: "7788", Date: hijri.MustNew(1446, 1, 20)}}}})
	require.NoError(t, err)
	for _, ev := range evs {
		if ev.Leave == records.ExceptionalLeave {
			w.leave = ev
		}
	}
	require.NotEmpty(t, w.leave.ID, "the exceptional leave is in the history: %+v", evs)
	return w
}

// openRound is a round the HR manager creates, announces and opens with the
// employee as a candidate for a rank-9 post.
func (w *employeeWorld) openRound() promotion.Round {
	t := w.t
	t.Helper()
	today, err := hijri.FromTime(time.Now().In(saudiTime))
	require.NoError(t, err)
	r, err := w.client.CreateRound(w.ctx, w.manager, promotion.RoundInput{
		AgencyID: w.agency, Title: i18n.Text{AR: "دورة الترقيات التجريبية", EN: "The demo promotion round"},
		ConsiderationDate: today, Settings: promotiontest.Settings(),
		Vacancies: []promotion.Vacancy{{ID: "V-9-2512", JobCode: "2512", Rank: 9, Positions: 1, MinQualification: promotion.Bachelor,
			Title:              i18n.Text{AR: "أخصائي أول نظم معلومات", EN: "Senior Information Systems Specialist"},
			RequiredExperience: hijri.Period{Years: 1}}},
	})
	require.NoError(t, err)
	r, err = w.client.AnnounceRound(w.ctx, w.manager, masar.RoundAction{ID: r.ID, Version: r.Version})
	require.NoError(t, err)
	r, err = w.client.OpenRound(w.ctx, w.manager, masar.RoundAction{ID: r.ID, Version: r.Version})
	require.NoError(t, err)
	r, err = w.client.AddCandidates(w.ctx, w.manager, r.ID, r.Version, []masar.CandidateInput{{
		NationalID: w.emp.NationalID, VacancyID: "V-9-2512", Rating: 5, RatingDate: hijri.MustNew(1446, 8, 1),
		Scores: promotion.Scores{Initiatives: decimal.NewFromInt(15), Training: decimal.NewFromInt(70),
			Interview: decimal.NewFromInt(8), Test: decimal.NewFromInt(80)},
	}})
	require.NoError(t, err)
	return r
}
