package masar_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
)

// An exceptional promotion the facade issues is recorded as exceptional in
// the winner's file, so that a round a year later finds the employee barred
// by Reg art 55 (no promotion of any kind for two years) from the file
// alone, with no host-supplied dates (issue 13, item 8). On every Store.
func TestExceptionalPromotionRecordedInFile(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			w := newClient(t, st.open(t))
			ctx, m, emp := w.Ctx, w.MOH.Manager, w.MOH.Peer // the peer is 27: Reg art 54 allows at most 55

			in := w.roundInput(moh)
			in.Vacancies = []promotion.Vacancy{{
				ID: "V-10-2512", JobCode: "2512", Rank: 10, Positions: 1, Exceptional: true, MinQualification: promotion.Bachelor,
				Title: i18n.Text{AR: "كبير أخصائيي نظم المعلومات", EN: "Principal Information Systems Specialist"},
			}}
			ci := candidate(emp, 5, 8)
			ci.VacancyID = "V-10-2512"
			ds := w.decide(m, in, ci)
			require.Len(t, ds, 1, "the employee wins the exceptional promotion")
			require.True(t, ds[0].Exceptional)
			promoted := ds[0].EffectiveDate

			f, err := w.Client.EmployeeFile(ctx, emp.Actor, emp.ID)
			require.NoError(t, err)
			last := f.History[len(f.History)-1]
			assert.Equal(t, records.KindPromotion, last.Kind)
			assert.Equal(t, 10, last.Job.Rank)
			assert.True(t, last.Exceptional, "the file records that the promotion was exceptional")

			// A year later, a regular round: the candidate built from the
			// file carries the exceptional promotion and fails Reg art 55.
			w.Clock.Advance(355 * 24 * time.Hour)
			in2 := w.roundInput(moh)
			in2.Vacancies = []promotion.Vacancy{{
				ID: "V-11-2512", JobCode: "2512", Rank: 11, Positions: 1, MinQualification: promotion.Bachelor,
				Title: i18n.Text{AR: "مستشار نظم معلومات", EN: "Information Systems Adviser"},
			}}
			ci2 := candidate(emp, 5, 8)
			ci2.VacancyID = "V-11-2512"
			r2 := w.rankedRound(m, in2, ci2)
			cs, err := w.Store.ListCandidates(ctx, r2.ID, promotion.CandidateFilter{})
			require.NoError(t, err)
			require.Len(t, cs, 1)
			assert.Contains(t, cs[0].Promotions, promotion.PastPromotion{Date: promoted, Exceptional: true})
			dec, err := w.Client.PromotionEligibility(ctx, emp.Actor, emp.ID, r2.ID, "V-11-2512")
			require.NoError(t, err)
			assert.False(t, dec.Eligible)
			assert.True(t, dec.Failed.Has(promotion.RuleAfterExceptional), dec.Failed.Codes())
		})
	}
}

// The file is the one source of a candidate's past exceptional promotions:
// CandidateInput has no field that adds them again (it once had
// ExceptionalPromotions, which counted a promotion the file records a
// second time), and an exceptional promotion a host records as a history
// event reaches the candidate once and bars them under Reg art 55 (issue
// 13, item 8). On every Store.
func TestExceptionalPromotionFromHostHistoryCountsOnce(t *testing.T) {
	ct := reflect.TypeOf(masar.CandidateInput{})
	for i := range ct.NumField() {
		f := ct.Field(i)
		assert.NotContains(t, []string{"ExceptionalPromotions", "Promotions"}, f.Name,
			"CandidateInput must not repeat what the file records")
		assert.NotEqual(t, reflect.TypeOf([]hijri.Date(nil)), f.Type, "%s: dates of past events come from the file", f.Name)
	}
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			w := newClient(t, st.open(t))
			ctx, hr, m, emp := w.Ctx, w.MOH.Specialist, w.MOH.Manager, w.MOH.Peer

			// The host records an exceptional promotion the SDK did not issue,
			// from rank 8 to 9, as a history event.
			promoted := hijri.MustNew(1446, 6, 1)
			job := emp.File.Job
			job.Rank, job.Step, job.StartDate = 9, 1, promoted
			_, _, err := w.Client.AddHistoryEvents(ctx, hr, records.HistoryChange{EmployeeID: emp.File.ID, Version: emp.File.Version,
				Events: []records.HistoryEvent{{Kind: records.KindPromotion, Start: promoted, Job: &job, Exceptional: true,
					Decision: records.Decision{Number: "1446/5401", Date: promoted}}}})
			require.NoError(t, err)

			in := w.roundInput(moh)
			in.Vacancies = []promotion.Vacancy{{
				ID: "V-10-2512", JobCode: "2512", Rank: 10, Positions: 1, MinQualification: promotion.Bachelor,
				Title: i18n.Text{AR: "كبير أخصائيي نظم المعلومات", EN: "Principal Information Systems Specialist"},
			}}
			ci := candidate(emp, 5, 8)
			ci.VacancyID = "V-10-2512"
			r := w.rankedRound(m, in, ci)
			cs, err := w.Store.ListCandidates(ctx, r.ID, promotion.CandidateFilter{})
			require.NoError(t, err)
			require.Len(t, cs, 1)
			exceptional := 0
			for _, p := range cs[0].Promotions {
				if p.Exceptional {
					exceptional++
					assert.Equal(t, promoted, p.Date)
				}
			}
			assert.Equal(t, 1, exceptional, "the exceptional promotion on file counts once: %+v", cs[0].Promotions)
			assert.Equal(t, 9, cs[0].Rank)
			dec, err := w.Client.PromotionEligibility(ctx, emp.Actor, emp.ID, r.ID, "V-10-2512")
			require.NoError(t, err)
			assert.False(t, dec.Eligible)
			assert.True(t, dec.Failed.Has(promotion.RuleAfterExceptional), dec.Failed.Codes())
		})
	}
}

// rankedRound creates, announces, opens and ranks a round of in by manager
// m with the candidates cs.
func (w *world) rankedRound(m masar.Actor, in promotion.RoundInput, cs ...masar.CandidateInput) promotion.Round {
	w.T.Helper()
	r, err := w.Client.CreateRound(w.Ctx, m, in)
	w.must(err)
	r, err = w.Client.AnnounceRound(w.Ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
	w.must(err)
	r, err = w.Client.OpenRound(w.Ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
	w.must(err)
	r, err = w.Client.AddCandidates(w.Ctx, m, r.ID, r.Version, cs)
	w.must(err)
	r, _, err = w.Client.RankRound(w.Ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
	w.must(err)
	return r
}

// decide runs a round of in to its decisions and returns them.
func (w *world) decide(m masar.Actor, in promotion.RoundInput, cs ...masar.CandidateInput) []promotion.PromotionDecision {
	w.T.Helper()
	r := w.rankedRound(m, in, cs...)
	_, ds, err := w.Client.IssuePromotions(w.Ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
	w.must(err)
	return ds
}

// A re-appointment after an end of service (CSL art 18(c)) and a referral
// to trial (Reg art 49(c)) recorded through the facade reach the
// candidate built from the file: the file is in service again, its service
// sums the spells, and the referral bars consideration (issue 13, items 10
// and 11). On every Store.
func TestReappointmentAndTrialReachCandidate(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			w := newClient(t, st.open(t))
			ctx, hr, m, emp := w.Ctx, w.MOH.Specialist, w.MOH.Manager, w.MOH.Emp
			today := w.Clock.Today()
			total := func() records.Duration {
				d, err := w.Client.ServiceDuration(ctx, hr, emp.ID, records.PurposeTotal, today)
				require.NoError(t, err)
				return d
			}
			one := total()

			e, _, err := w.Client.AddHistoryEvents(ctx, hr, records.HistoryChange{EmployeeID: emp.File.ID, Version: emp.File.Version,
				Events: []records.HistoryEvent{{Kind: records.KindEndOfService, Start: hijri.MustNew(1446, 2, 20), EndReason: records.EndResignation}}})
			require.NoError(t, err)
			require.Equal(t, hijri.MustNew(1446, 2, 20), e.ServiceEnd)
			job := e.Job
			job.Step = 2
			e, h, err := w.Client.AddHistoryEvents(ctx, hr, records.HistoryChange{EmployeeID: e.ID, Version: e.Version,
				Events: []records.HistoryEvent{
					{Kind: records.KindAppointment, Start: hijri.MustNew(1446, 6, 1), Job: &job, Decision: records.Decision{Number: "1446/771"}},
					{Kind: records.KindTrialReferral, Start: hijri.MustNew(1447, 1, 10), Subject: "قضية تزوير"},
				}})
			require.NoError(t, err)
			assert.True(t, e.ServiceEnd.IsZero(), "in service again")
			assert.Len(t, records.Spells(h), 2)
			two := total()
			require.Len(t, two.Counted, 2)
			gap := hijri.DaysBetween(hijri.MustNew(1446, 2, 21), hijri.MustNew(1446, 6, 1))
			assert.Equal(t, one.GrossDays-gap, two.GrossDays, "the gap is not service")

			r := w.rankedRound(m, w.roundInput(moh), candidate(emp, 5, 8))
			cs, err := w.Store.ListCandidates(ctx, r.ID, promotion.CandidateFilter{})
			require.NoError(t, err)
			require.Len(t, cs, 1)
			assert.Equal(t, hijri.MustNew(1446, 6, 1), cs[0].AppointmentDate, "seniority of the current spell")
			assert.Equal(t, 2, cs[0].Step)
			assert.Contains(t, cs[0].Statuses, promotion.Status{Kind: promotion.TrialReferral, From: hijri.MustNew(1447, 1, 10)})
			dec, err := w.Client.PromotionEligibility(ctx, emp.Actor, emp.ID, r.ID, "V-9-2512")
			require.NoError(t, err)
			assert.Empty(t, (dec.Failed &^ promotion.Rules(promotion.RuleTrial)).Codes(), "only the referral bars")
			assert.True(t, dec.Failed.Has(promotion.RuleTrial), dec.Failed.Codes())
		})
	}
}
