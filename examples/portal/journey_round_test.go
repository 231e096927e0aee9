package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records/recordstest"
)

// roundHas is the JavaScript test that sel is on the page and its text
// contains s.
func roundHas(sel, s string) string {
	return fmt.Sprintf(`(document.querySelector(%q) || {innerText: ""}).innerText.includes(%q)`, sel, s)
}

// roundW picks the Arabic or the English of a pair by the tab's language.
func roundW(lang i18n.Lang, ar, en string) string {
	if lang == i18n.English {
		return en
	}
	return ar
}

// The round journey: HR creates a promotion round (a refused creation
// first), runs it through announcement (a stale tab's action refused with
// the conflict and the reload), opening, candidates (a refused score
// first), ranking, the manager's decisions (the specialist refused) and
// closure; then a ministry auditor finds all of it in the audit trail,
// page by page, and the reads of the winner's file.
func TestJourneyRound(t *testing.T) {
	s := startPortal(t, nil)
	ctx := context.Background()
	w, pp := s.World, s.World.People
	hrActor := masar.Actor{NationalID: pp.HR, Roles: []masar.Role{masar.RoleHRSpecialist}, Agency: pp.Agency, Services: identity.MasarServices()}
	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		t.Run(string(lang), func(t *testing.T) {
			shots := shotsDir(t, "round-"+string(lang))
			// Beforehand, HR filed two more employees of the agency (rank 8
			// since 1440): the candidates of this round.
			var cands [2]identity.NationalID
			for i := range cands {
				e, err := w.Client.CreateEmployee(ctx, hrActor, recordstest.NewEmployee(w.Generator).Input())
				require.NoError(t, err)
				cands[i] = e.NationalID
			}
			winner, second := cands[0], cands[1]

			// The HR specialist: the rounds list and the create form.
			hr := newTab(t, s.URL, lang, personShots(t, shots, "hr"))
			hr.signIn(pp.HR.String())
			hr.submit("#menu-rounds", "#round-new")
			hr.check("rounds-list")
			require.Equal(t, roundW(lang, "دورات الترقية في الجهة", "The agency's promotion rounds"), hr.text("main h1"))
			hr.submit("#round-new", "#round-form")
			hr.check("round-new")
			require.Equal(t, "9", hr.value("#rank"))
			require.Equal(t, "40", hr.value("#weight_rating"))
			require.Regexp(t, `^14[0-9]{2}-[0-9]{2}-[0-9]{2}$`, hr.value("#consideration_date"))

			// Without an Arabic title the API refuses, with its coded message.
			title := roundW(lang, "دورة ترقيات المرتبة التاسعة", "Rank 9 promotion round")
			hr.fill("#title_en", "Rank 9 promotion round "+string(lang))
			hr.fill("#vacancy_title_ar", "أخصائي أول نظم معلومات")
			hr.fill("#vacancy_title_en", "Senior Information Systems Specialist")
			hr.clickUntil("#round-create", `!!document.querySelector("#problem")`)
			hr.check("round-new-refused")
			p := hr.text("#problem")
			require.Contains(t, p, "promotion.title")
			require.Contains(t, p, roundW(lang, "يلزم عنوان عربي للدورة", "the round needs an Arabic title"))
			require.Equal(t, "Rank 9 promotion round "+string(lang), hr.value("#title_en"), "the form keeps what was typed")

			hr.fill("#title_ar", "دورة ترقيات المرتبة التاسعة "+string(lang))
			if lang == i18n.English {
				title = "Rank 9 promotion round en"
			} else {
				title += " ar"
			}
			hr.clickUntil("#round-create", `!!document.querySelector("#round-status")`)
			hr.check("round-draft")
			require.Contains(t, hr.text("main h1"), title)
			require.Equal(t, roundW(lang, "مسودة", "draft"), hr.text("#round-status"))
			require.Contains(t, hr.text("#round-vacancies"), roundW(lang, "أخصائي أول نظم معلومات", "Senior Information Systems Specialist"))
			roundURL := hr.location()
			roundID := hr.text("#round-id")

			// The HR manager, in another tab, announces it first ...
			mgr := newTab(t, s.URL, lang, personShots(t, shots, "manager"))
			mgr.signIn(pp.Manager.String())
			mgr.open(strings.TrimPrefix(roundURL, s.URL), "round-manager-draft")
			mgr.clickUntil("#round-announcement", roundHas("#round-status", roundW(lang, "معلنة", "announced")))
			mgr.check("round-manager-announced")

			// ... so the specialist's page is stale: the conflict, and the reload.
			hr.clickUntil("#round-announcement", `!!document.querySelector("#conflict")`)
			hr.check("round-stale")
			require.Contains(t, hr.text("#conflict"), roundW(lang, "تغيّر هذا السجل منذ فتحت الصفحة", "This record changed since you opened the page"))
			require.Zero(t, hr.count("#round-next"), "a stale page offers no action before the reload")
			hr.clickUntil("#reload", `!!document.querySelector("#round-opening")`)
			hr.check("round-reloaded")
			require.Equal(t, roundW(lang, "معلنة", "announced"), hr.text("#round-status"))

			// Open, then the candidates: a score above the announced full
			// score is refused with the field.
			hr.clickUntil("#round-opening", `!!document.querySelector("#candidate-form")`)
			hr.check("round-open")
			require.Equal(t, roundW(lang, "مفتوحة للترشيح", "open"), hr.text("#round-status"))
			add := func(id identity.NationalID, rating string, scores [4]string) {
				hr.fill("#cand_national_id", id.String())
				hr.fill("#cand_rating", rating)
				for i, c := range []string{"initiatives", "training", "interview", "test"} {
					hr.fill("#cand_score_"+c, scores[i])
				}
			}
			add(winner, "5", [4]string{"18", "90", "50", "80"})
			hr.clickUntil("#candidate-add", `!!document.querySelector("#problem")`)
			hr.check("round-candidate-refused")
			p = hr.text("#problem")
			require.Contains(t, p, "candidates[0].scores.interview")
			require.Contains(t, p, roundW(lang, "يجب أن تكون الدرجة من 0 إلى 10", "the score must be from 0 to 10"))
			require.Equal(t, winner.String(), hr.value("#cand_national_id"))

			hr.fill("#cand_score_interview", "9")
			hr.clickUntil("#candidate-add", roundHas("#round-candidates", winner.String()))
			hr.check("round-candidate-added")
			add(second, "4", [4]string{"10", "60", "6", "70"})
			hr.clickUntil("#candidate-add", roundHas("#round-candidates", second.String()))
			hr.check("round-candidate-added-2")

			// Rank: positions, points per criterion, the winner.
			hr.clickUntil("#round-ranking", `!!document.querySelector("#ranking")`)
			hr.check("round-ranked")
			require.Equal(t, roundW(lang, "تمت المفاضلة", "ranked"), hr.text("#round-status"))
			first := hr.text("#rank-" + winner.String())
			for _, want := range []string{"1", winner.String(), "40.00", "13.50", "12.00", "92.50", roundW(lang, "فائز", "Winner")} {
				require.Contains(t, first, want)
			}
			next := hr.text("#rank-" + second.String())
			for _, want := range []string{"2", "32.00", "7.50", "10.50", "68.00", roundW(lang, "غير فائز", "Not a winner")} {
				require.Contains(t, next, want)
			}
			require.Contains(t, hr.text("#ranking"), roundW(lang, "المرشحون: 2، المستوفون: 2، الفائزون: 1 من 1 وظيفة", "Candidates: 2, eligible: 2, winners: 1 of 1 posts"))

			// The specialist may not issue the decisions: the API says so.
			hr.clickUntil("#round-decisions", `!!document.querySelector("#problem")`)
			hr.check("round-decisions-denied")
			p = hr.text("#problem")
			require.Contains(t, p, "permission_denied")
			require.Contains(t, hr.text("#ranking"), "92.50", "the ranking stays shown")

			// The manager issues them: the winner's new rank and step, as the
			// decision places them and as the file now holds them.
			mgr.open(strings.TrimPrefix(roundURL, s.URL), "round-manager-ranked")
			mgr.clickUntil("#round-decisions", `!!document.querySelector("#decisions")`)
			mgr.check("round-decided")
			require.Equal(t, roundW(lang, "صدرت قراراتها", "decided"), mgr.text("#round-status"))
			f, err := w.Client.EmployeeFile(ctx, hrActor, winner)
			require.NoError(t, err)
			require.Equal(t, 9, f.Employee.Job.Rank)
			dec := mgr.text("#decision-" + winner.String())
			require.Contains(t, dec, fmt.Sprintf(label("round.dec.rank_step", lang), 9, f.Employee.Job.Step))
			require.Contains(t, dec, fmt.Sprintf(label("round.dec.rank_step", lang), 8, 1))
			require.Contains(t, mgr.text("#decision-"+winner.String()+" .dec-file"), fmt.Sprintf(label("round.dec.rank_step", lang), 9, f.Employee.Job.Step))
			require.Zero(t, mgr.count("#decision-"+second.String()), "only the winner is promoted")

			mgr.clickUntil("#round-closure", `!!document.querySelector("#round-done")`)
			mgr.check("round-closed")
			require.Equal(t, roundW(lang, "مغلقة", "closed"), mgr.text("#round-status"))
			require.Contains(t, mgr.text("#decisions"), winner.String(), "the decisions stay shown")

			mgr.submit("#round-back", "#rounds")
			mgr.check("rounds-list-closed")
			require.Contains(t, mgr.text("#round-"+roundID), roundW(lang, "مغلقة", "closed"))
			require.Contains(t, mgr.text("#round-"+roundID), title)

			// The ministry auditor finds all of it in the trail.
			aud := newTab(t, s.URL, lang, personShots(t, shots, "auditor"))
			aud.signIn(pp.Auditor.String())
			aud.submit("#menu-audit", "#audit-form")
			aud.check("audit")
			aud.fill("#audit_agency", pp.Agency)
			aud.choose("#audit_action", string(masar.UseManageRound))
			aud.choose("#audit_size", "10")
			aud.clickUntil("#audit-search", `!!document.querySelector("#audit-results")`)
			aud.check("audit-manage-round-1")
			trail := aud.text("#audit-entries")
			require.Contains(t, trail, "promotion.manage_round")
			require.Contains(t, trail, pp.HR.Masked())
			require.Contains(t, trail, roundW(lang, "نجح", "succeeded"))
			require.NotContains(t, trail, pp.HR.String(), "the actor is masked")
			pages := 1
			for aud.count("#audit-next") > 0 {
				pages++
				require.Less(t, pages, 30)
				aud.clickUntil("#audit-next", roundHas("#audit-page", fmt.Sprint(pages)))
				aud.check(fmt.Sprintf("audit-manage-round-%d", pages))
				trail += aud.text("#audit-entries")
			}
			require.GreaterOrEqual(t, pages, 2, "the trail is paged through with next_page_token")
			require.Contains(t, trail, roundID, "the entries name the round")
			require.Contains(t, trail, roundW(lang, "فشل", "failed"), "the refused calls are in the trail")
			require.Contains(t, trail, pp.Manager.Masked())

			// The decisions: the specialist denied, the manager's with the change.
			aud.choose("#audit_action", string(masar.UseIssuePromotions))
			aud.choose("#audit_size", "100")
			aud.clickUntil("#audit-search", roundHas("#audit-results", "promotion.issue_decisions"))
			aud.check("audit-decisions")
			trail = aud.text("#audit-entries")
			require.Contains(t, trail, roundW(lang, "رُفض", "denied"))
			require.Contains(t, trail, "promotion."+winner.Masked())
			require.Contains(t, trail, fmt.Sprintf("rank 9 step %d", f.Employee.Job.Step))

			// The winner's file: created by HR, read by the manager on the
			// decisions page.
			aud.fill("#audit_agency", "")
			aud.choose("#audit_action", "")
			aud.fill("#audit_subject", winner.String())
			aud.clickUntil("#audit-search", roundHas("#audit-results", "records.view_file"))
			aud.check("audit-subject")
			trail = aud.text("#audit-entries")
			require.Contains(t, trail, "records.create_employee")
			require.Contains(t, trail, winner.Masked())
			require.Contains(t, trail, pp.Manager.Masked())
			require.NotContains(t, trail, winner.String(), "the subject is masked")
		})
	}
}
