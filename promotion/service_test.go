package promotion_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

// clock is a settable Now that counts its calls.
type clock struct {
	t     time.Time
	calls int
}

func (c *clock) now() time.Time { c.calls++; return c.t }

func newService(t *testing.T) (*promotion.Service, *memstore.Store, *clock) {
	t.Helper()
	st := memstore.New(nil)
	// 2025-06-26 22:30 UTC is 2025-06-27 01:30 in Riyadh: 1447-01-02.
	clk := &clock{t: time.Date(2025, 6, 26, 22, 30, 0, 123456789, time.UTC)}
	n := 0
	svc := promotion.New(st, &promotion.Options{Now: clk.now, NewID: func() string { n++; return "id" + string(rune('0'+n)) }})
	return svc, st, clk
}

func roundInput() promotion.RoundInput {
	s, vs, _ := tieRound(nil)
	return promotion.RoundInput{
		AgencyID:          "moh",
		Title:             i18n.Text{AR: "ترقيات ١٤٤٧ هـ", EN: "Promotions 1447 AH"},
		ConsiderationDate: asOf,
		Settings:          s,
		Vacancies:         vs,
	}
}

func TestServiceLifecycle(t *testing.T) {
	ctx := context.Background()
	svc, _, clk := newService(t)
	in := roundInput()
	r, err := svc.CreateRound(ctx, in)
	require.NoError(t, err)
	assert.Equal(t, promotion.RoundDraft, r.Status)
	assert.Equal(t, int64(1), r.Version)
	assert.Equal(t, time.Date(2025, 6, 26, 22, 30, 0, 123456000, time.UTC), r.CreatedAt, "UTC, microseconds")
	assert.Equal(t, promotion.DefaultRegulation(), r.Regulation)

	// Drafts can change.
	in.Title.EN = "Promotions 1447 AH, round 1"
	r, err = svc.UpdateRound(ctx, r.ID, r.Version, in)
	require.NoError(t, err)
	assert.Equal(t, int64(2), r.Version)

	clk.calls = 0
	r, err = svc.AnnounceRound(ctx, r.ID, r.Version)
	require.NoError(t, err)
	assert.Equal(t, 1, clk.calls, "Now is read once per operation")
	assert.Equal(t, promotion.RoundAnnounced, r.Status)
	assert.NotEmpty(t, r.Digest)
	assert.Equal(t, r.ComputeDigest(), r.Digest)

	// Announced settings are frozen.
	_, err = svc.UpdateRound(ctx, r.ID, r.Version, in)
	assert.ErrorIs(t, err, promotion.ErrSettingsFrozen)
	_, err = svc.AnnounceRound(ctx, r.ID, r.Version)
	assert.ErrorIs(t, err, promotion.ErrRoundState)
	_, _, cs := tieRound(t)
	_, err = svc.AddCandidates(ctx, r.ID, r.Version, cs)
	assert.ErrorIs(t, err, promotion.ErrRoundState, "candidates wait for the round to open")

	r, err = svc.OpenRound(ctx, r.ID, r.Version)
	require.NoError(t, err)
	r, err = svc.AddCandidates(ctx, r.ID, r.Version, cs[:5])
	require.NoError(t, err)
	r, err = svc.AddCandidates(ctx, r.ID, r.Version, cs[3:])
	require.NoError(t, err)
	_, err = svc.UpdateRound(ctx, r.ID, r.Version, in)
	assert.ErrorIs(t, err, promotion.ErrSettingsFrozen, "nor once candidates are scored")

	r, rk, err := svc.RankRound(ctx, r.ID, r.Version)
	require.NoError(t, err)
	assert.Equal(t, promotion.RoundRanked, r.Status)
	require.Len(t, rk.Entries, len(cs))
	results, err := svc.ListRoundResults(ctx, r.ID, promotion.ResultFilter{WinnersOnly: true})
	require.NoError(t, err)
	require.Len(t, results.Items, 4)
	assert.Empty(t, results.Next)
	assert.Equal(t, "1058529940", results.Items[0].NationalID.String())

	// Decisions: never retroactive, never post-dated.
	_, _, err = svc.DecideRound(ctx, r.ID, r.Version, hijri.MustNew(1447, 1, 1))
	assert.ErrorIs(t, err, promotion.ErrRetroactive)
	_, _, err = svc.DecideRound(ctx, r.ID, r.Version, hijri.MustNew(1447, 1, 3))
	assert.ErrorIs(t, err, promotion.ErrInvalid)
	r, ds, err := svc.DecideRound(ctx, r.ID, r.Version, hijri.Date{})
	require.NoError(t, err)
	assert.Equal(t, promotion.RoundDecided, r.Status)
	require.Len(t, ds, 4)
	today := hijri.MustNew(1447, 1, 2)
	for _, d := range ds {
		assert.Equal(t, today, d.DecisionDate)
		assert.Equal(t, today, d.EffectiveDate)
		assert.Equal(t, "general", d.ScaleCode)
	}
	// The winners were rank 6, step 9: rank 7, step 6, 8,835 SAR (+330).
	assert.Equal(t, 6, ds[0].Placement.ToStep)
	assertDecimal(t, "8835", ds[0].Placement.NewSalary)
	assert.Equal(t, 8, ds[3].Placement.ToRank)

	got, err := svc.GetPromotionDecision(ctx, ds[1].ID)
	require.NoError(t, err)
	assert.Equal(t, ds[1].NationalID, got.NationalID)
	listed, err := svc.ListPromotionDecisions(ctx, promotion.DecisionFilter{RoundID: r.ID})
	require.NoError(t, err)
	assert.Len(t, listed.Items, 4)

	_, err = svc.CancelRound(ctx, r.ID, r.Version)
	assert.ErrorIs(t, err, promotion.ErrRoundState, "a decided round cannot be cancelled")
	r, err = svc.CloseRound(ctx, r.ID, r.Version)
	require.NoError(t, err)
	assert.Equal(t, promotion.RoundClosed, r.Status)

	// Why was a candidate not eligible?
	dec, err := svc.Explain(ctx, r.ID, "V7", "1000000032")
	require.NoError(t, err)
	require.False(t, dec.Eligible)
	assert.Equal(t, "promotion.rating", dec.Reasons[0].Code)
	_, err = svc.Explain(ctx, r.ID, "V9", "1000000032")
	assert.ErrorIs(t, err, promotion.ErrNotFound)

	rounds, err := svc.ListRounds(ctx, promotion.RoundFilter{AgencyID: "moh"})
	require.NoError(t, err)
	require.Len(t, rounds.Items, 1)
	assert.Equal(t, promotion.RoundClosed, rounds.Items[0].Status)
}

func TestServiceRejections(t *testing.T) {
	ctx := context.Background()
	svc, st, _ := newService(t)

	_, err := svc.CreateRound(ctx, promotion.RoundInput{Title: i18n.Text{AR: "x"}})
	assert.ErrorIs(t, err, fault.ErrInvalidInput, "agency required")
	_, err = svc.CreateRound(ctx, promotion.RoundInput{AgencyID: "moh"})
	assert.ErrorIs(t, err, promotion.ErrInvalid, "Arabic title required")

	// Invalid settings are caught at announcement, with every violation.
	in := roundInput()
	in.Settings.Criteria = in.Settings.Criteria[:1]
	r, err := svc.CreateRound(ctx, in)
	require.NoError(t, err)
	_, err = svc.AnnounceRound(ctx, r.ID, r.Version)
	require.ErrorIs(t, err, promotion.ErrInvalid)
	fe, _ := fault.As(err)
	assert.GreaterOrEqual(t, len(fe.Fields), 2)

	// Stale versions conflict.
	_, err = svc.AnnounceRound(ctx, r.ID, r.Version+1)
	assert.ErrorIs(t, err, promotion.ErrConflict)
	_, err = svc.GetRound(ctx, "nope")
	assert.ErrorIs(t, err, promotion.ErrNotFound)

	// Vacancies are checked at announcement.
	in = roundInput()
	in.Vacancies[1].ID = "V7"
	r, _ = svc.CreateRound(ctx, in)
	_, err = svc.AnnounceRound(ctx, r.ID, r.Version)
	assert.Equal(t, "promotion.vacancy_id", fault.ReasonOf(err))

	// Invalid candidates: the whole batch is refused, with field paths.
	r, _ = svc.CreateRound(ctx, roundInput())
	r, _ = svc.AnnounceRound(ctx, r.ID, r.Version)
	r, _ = svc.OpenRound(ctx, r.ID, r.Version)
	_, _, cs := tieRound(t)
	cs[1].Rating = 7
	cs[2].Scores.Interview = dec("10.5")
	cs[3].VacancyID = "V0"
	cs[4].AppointmentDate = hijri.Date{Year: 1446, Month: 1, Day: 30} // Muharram 1446 has 29 days
	cs[5] = cs[0]
	cs[6].NationalID = identity.NationalID{}
	cs[7].Statuses = []promotion.Status{{Kind: promotion.Training, From: d(1446, 5, 1), To: d(1446, 4, 1)}}
	cs[8].Step = 16 // the general scale's rank 7 has 15 steps
	_, err = svc.AddCandidates(ctx, r.ID, r.Version, cs)
	require.ErrorIs(t, err, promotion.ErrInvalid)
	fe, _ = fault.As(err)
	fields := map[string]string{}
	for _, f := range fe.Fields {
		fields[f.Field] = f.Reason
	}
	assert.Equal(t, map[string]string{
		"candidates[1].rating": "rating", "candidates[2].scores.interview": "score", "candidates[3].vacancy_id": "vacancy",
		"candidates[4].appointment_date": "hijri_date", "candidates[5].national_id": "duplicate", "candidates[6].national_id": "required",
		"candidates[7].statuses[0].to": "order", "candidates[8].step": "step",
	}, fields)
	n, _ := st.CountCandidates(ctx, r.ID)
	assert.Zero(t, n, "nothing stored")

	// Tampering with announced settings in the store is detected before ranking.
	_, _, cs = tieRound(t)
	r, err = svc.AddCandidates(ctx, r.ID, r.Version, cs)
	require.NoError(t, err)
	tampered := r.Clone()
	tampered.Settings.Criteria[0].Weight = dec("59")
	tampered.Settings.Criteria[1].Weight = dec("21")
	_, err = st.UpdateRound(ctx, tampered)
	require.NoError(t, err)
	_, _, err = svc.RankRound(ctx, r.ID, r.Version+1)
	assert.ErrorIs(t, err, promotion.ErrSettingsFrozen)
	assert.Equal(t, "promotion.settings_changed", fault.ReasonOf(err))

	// Cancel and after.
	r2, _ := svc.CreateRound(ctx, roundInput())
	r2, err = svc.CancelRound(ctx, r2.ID, r2.Version)
	require.NoError(t, err)
	assert.Equal(t, promotion.RoundCancelled, r2.Status)
	_, err = svc.OpenRound(ctx, r2.ID, r2.Version)
	assert.ErrorIs(t, err, promotion.ErrRoundState)
	_, _, err = svc.RankRound(ctx, r2.ID, r2.Version)
	assert.ErrorIs(t, err, promotion.ErrRoundState)
	_, _, err = svc.DecideRound(ctx, r2.ID, r2.Version, hijri.Date{})
	assert.ErrorIs(t, err, promotion.ErrRoundState)
	_, err = svc.CloseRound(ctx, r2.ID, r2.Version)
	assert.ErrorIs(t, err, promotion.ErrRoundState)
}

func TestServiceLargeRound(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := newService(t)
	g := promotiontest.NewRound(3, 30000)
	r, err := svc.CreateRound(ctx, promotion.RoundInput{AgencyID: "moe", Title: i18n.Text{AR: "دورة كبيرة"}, ConsiderationDate: g.AsOf, Settings: g.Settings, Vacancies: g.Vacancies})
	require.NoError(t, err)
	r, err = svc.AnnounceRound(ctx, r.ID, r.Version)
	require.NoError(t, err)
	r, err = svc.OpenRound(ctx, r.ID, r.Version)
	require.NoError(t, err)
	r, err = svc.AddCandidates(ctx, r.ID, r.Version, g.Candidates)
	require.NoError(t, err)
	r, rk, err := svc.RankRound(ctx, r.ID, r.Version)
	require.NoError(t, err)
	want, err := promotion.RankCandidates(&g.Regulation, &g.Settings, g.Vacancies, g.Candidates, g.AsOf)
	require.NoError(t, err)
	require.Len(t, rk.Entries, len(want.Entries))
	for i := range want.Entries {
		a, b := want.Entries[i], rk.Entries[i]
		a.Index, b.Index = 0, 0
		require.Equal(t, a, b, "the stored order does not change the ranking")
	}
	_, ds, err := svc.DecideRound(ctx, r.ID, r.Version, hijri.Date{})
	require.NoError(t, err)
	winners := 0
	for _, v := range rk.Vacancies {
		winners += v.Winners
	}
	assert.Len(t, ds, winners)
}

// List methods return pages: at most the limit (capped to page.MaxLimit),
// Next the cursor of the last item when more follow, and an unknown cursor
// is ErrNotFound.
func TestServicePages(t *testing.T) {
	ctx := context.Background()
	st := memstore.New(nil)
	n := 0
	svc := promotion.New(st, &promotion.Options{NewID: func() string { n++; return fmt.Sprintf("id%02d", n) }})
	for range 3 {
		_, err := svc.CreateRound(ctx, roundInput())
		require.NoError(t, err)
	}
	p, err := svc.ListRounds(ctx, promotion.RoundFilter{Limit: 2})
	require.NoError(t, err)
	require.Len(t, p.Items, 2)
	assert.Equal(t, p.Items[1].ID, p.Next)
	all, err := page.All(func(after string) (page.Page[promotion.Round], error) {
		return svc.ListRounds(ctx, promotion.RoundFilter{After: after, Limit: 1})
	})
	require.NoError(t, err)
	assert.Len(t, all, 3)
	_, err = svc.ListRounds(ctx, promotion.RoundFilter{After: "nope"})
	assert.ErrorIs(t, err, promotion.ErrNotFound)

	r, err := svc.CreateRound(ctx, roundInput())
	require.NoError(t, err)
	r, err = svc.AnnounceRound(ctx, r.ID, r.Version)
	require.NoError(t, err)
	r, err = svc.OpenRound(ctx, r.ID, r.Version)
	require.NoError(t, err)
	_, _, cs := tieRound(t)
	_, err = svc.AddCandidates(ctx, r.ID, r.Version, cs)
	require.NoError(t, err)
	cp, err := svc.ListCandidates(ctx, r.ID, promotion.CandidateFilter{Limit: 2})
	require.NoError(t, err)
	require.Len(t, cp.Items, 2)
	assert.Equal(t, cp.Items[1].Cursor(), cp.Next)
	everyone, err := page.All(func(after string) (page.Page[promotion.Candidate], error) {
		return svc.ListCandidates(ctx, r.ID, promotion.CandidateFilter{After: after, Limit: 3})
	})
	require.NoError(t, err)
	assert.Len(t, everyone, len(cs))
	unlimited, err := svc.ListCandidates(ctx, r.ID, promotion.CandidateFilter{Limit: 100_000})
	require.NoError(t, err)
	assert.Len(t, unlimited.Items, min(len(cs), page.MaxLimit), "limits are capped")
	_, err = svc.ListCandidates(ctx, r.ID, promotion.CandidateFilter{After: promotion.CandidateCursor("V7", "0000000000")})
	assert.ErrorIs(t, err, promotion.ErrNotFound)
}
