package masar_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/promotion"
)

// The promotion Service refuses, at its entry, a round, vacancy, decision
// or national ID, a cursor or a filter string no store could hold, with the
// same coded invalid and field violation on every Store; well-formed
// unknown IDs are still not found (issue 13, item 6).
func TestPromotionServiceRefusesBadIDs(t *testing.T) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			w := newClient(t, st.open(t))
			ctx, emp := w.Ctx, w.MOH.Emp
			ds := w.decide(w.MOH.Manager, w.roundInput(moh), candidate(emp, 5, 8))
			require.Len(t, ds, 1)
			rid, vid, nid := ds[0].RoundID, ds[0].VacancyID, emp.ID.String()
			svc := promotion.New(w.Store, &promotion.Options{Now: w.Clock.Now})
			before := w.fingerprint()

			for name, bad := range badIDs() {
				_, err := svc.GetRound(ctx, bad)
				assertInvalidID(t, err, "id", name)
				_, err = svc.CloseRound(ctx, bad, 1)
				assertInvalidID(t, err, "id", name)
				_, err = svc.ListRounds(ctx, promotion.RoundFilter{After: bad})
				assertInvalidID(t, err, "after", name)
				_, err = svc.ListRounds(ctx, promotion.RoundFilter{AgencyID: bad})
				assertInvalidID(t, err, "agency_id", name)
				_, err = svc.ListRounds(ctx, promotion.RoundFilter{Status: promotion.RoundStatus(bad)})
				assertInvalidID(t, err, "status", name)
				_, err = svc.ListCandidates(ctx, bad, promotion.CandidateFilter{})
				assertInvalidID(t, err, "round_id", name)
				_, err = svc.ListCandidates(ctx, rid, promotion.CandidateFilter{After: bad})
				assertInvalidID(t, err, "after", name)
				_, err = svc.ListCandidates(ctx, rid, promotion.CandidateFilter{VacancyID: bad})
				assertInvalidID(t, err, "vacancy_id", name)
				_, err = svc.ListRoundResults(ctx, bad, promotion.ResultFilter{})
				assertInvalidID(t, err, "round_id", name)
				_, err = svc.ListRoundResults(ctx, rid, promotion.ResultFilter{After: bad})
				assertInvalidID(t, err, "after", name)
				_, err = svc.GetPromotionDecision(ctx, bad)
				assertInvalidID(t, err, "id", name)
				_, err = svc.ListPromotionDecisions(ctx, promotion.DecisionFilter{After: bad})
				assertInvalidID(t, err, "after", name)
				_, err = svc.ListPromotionDecisions(ctx, promotion.DecisionFilter{NationalID: bad})
				assertInvalidID(t, err, "national_id", name)
				_, err = svc.ListPromotionDecisions(ctx, promotion.DecisionFilter{RoundID: bad})
				assertInvalidID(t, err, "round_id", name)
				_, err = svc.Explain(ctx, bad, vid, nid)
				assertInvalidID(t, err, "round_id", name)
				_, err = svc.Explain(ctx, rid, vid, bad)
				assertInvalidID(t, err, "national_id", name)
				_, err = svc.Candidacies(ctx, bad, emp.ID)
				assertInvalidID(t, err, "round_id", name)
			}
			assert.Equal(t, before, w.fingerprint(), "nothing changed")

			// What a store can hold goes on to the store as before.
			_, err := svc.GetRound(ctx, rid)
			require.NoError(t, err)
			_, err = svc.GetRound(ctx, "0123456789abcdef0123456789abcdef")
			assert.ErrorIs(t, err, promotion.ErrNotFound)
			_, err = svc.ListRounds(ctx, promotion.RoundFilter{After: "0123456789abcdef0123456789abcdef"})
			assert.ErrorIs(t, err, promotion.ErrNotFound)
			_, err = svc.GetPromotionDecision(ctx, "0123456789abcdef0123456789abcdef")
			assert.ErrorIs(t, err, promotion.ErrNotFound)
			d, err := svc.GetPromotionDecision(ctx, ds[0].ID)
			require.NoError(t, err)
			assert.Equal(t, emp.ID, d.NationalID)
			dec, err := svc.Explain(ctx, rid, vid, nid)
			require.NoError(t, err)
			assert.True(t, dec.Eligible)
			cs, err := svc.Candidacies(ctx, rid, emp.ID)
			require.NoError(t, err)
			assert.Len(t, cs, 1)
		})
	}
}
