package promotion_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/promotion"
)

// finalTie returns two candidates of vacancy V7 of tieRound equal on the
// total, the tie-break element and the appointment date: a has the smaller
// national ID, so it ranks first unless the agency's element says otherwise.
func finalTie() (a, b promotion.Candidate) {
	mk := func(id string) promotion.Candidate {
		c := baseCandidate()
		c.NationalID = identity.MustParseNationalID(id)
		c.Scores.Interview, c.Scores.Test = dec("6"), dec("30")
		c.AppointmentDate = d(1430, 12, 30)
		return c
	}
	return mk("1000000016"), mk("1000000040")
}

// The agency's own last element (Reg art 52(d)(3)) separates candidates
// tied on everything before it, ahead of the national ID; without one the
// national ID decides, as before.
func TestRankingFinalTieBreak(t *testing.T) {
	reg := promotion.DefaultRegulation()
	s, vs, _ := tieRound(t)
	for name, tc := range map[string]struct {
		final promotion.FinalTieBreak
		// better makes b better than a on the element.
		better func(a, b *promotion.Candidate)
	}{
		// 30.0001 of 100 at weight 20 is 6.00 points, as 30 is: the total ties.
		"criterion": {promotion.FinalTieBreak{Element: promotion.TieCriterion, Criterion: promotion.CriterionTest},
			func(_, b *promotion.Candidate) { b.Scores.Test = dec("30.0001") }},
		"rank seniority": {promotion.FinalTieBreak{Element: promotion.TieRankSeniority},
			func(_, b *promotion.Candidate) { b.RankDate = d(1443, 8, 29) }},
		"rank seniority, a's date missing": {promotion.FinalTieBreak{Element: promotion.TieRankSeniority},
			func(a, _ *promotion.Candidate) { a.RankDate = hijri.Date{} }},
		"rank experience": {promotion.FinalTieBreak{Element: promotion.TieRankExperience},
			func(_, b *promotion.Candidate) { b.RankDays[6]++ }},
		"qualification": {promotion.FinalTieBreak{Element: promotion.TieQualification},
			func(_, b *promotion.Candidate) {
				b.Qualifications = append(slices.Clone(b.Qualifications), promotion.Qualification{Level: promotion.Master, Field: "law"})
			}},
		"age": {promotion.FinalTieBreak{Element: promotion.TieAge},
			func(_, b *promotion.Candidate) { b.BirthDate = d(1400, 5, 19) }},
		"age, a's date missing": {promotion.FinalTieBreak{Element: promotion.TieAge},
			func(a, _ *promotion.Candidate) { a.BirthDate = hijri.Date{} }},
	} {
		t.Run(name, func(t *testing.T) {
			a, b := finalTie()
			tc.better(&a, &b)
			rank := func(f promotion.FinalTieBreak, cs ...promotion.Candidate) []promotion.Entry {
				t.Helper()
				st := s
				st.FinalTieBreak = f
				require.NoError(t, st.Validate(&reg))
				rk, err := promotion.RankCandidates(&reg, &st, vs, cs, asOf)
				require.NoError(t, err)
				require.Len(t, rk.Entries, 2)
				assert.Equal(t, rk.Entries[0].Total, rk.Entries[1].Total, "the totals tie")
				return rk.Entries
			}
			es := rank(tc.final, a, b)
			assert.Equal(t, b.NationalID, es[0].NationalID, "the element puts b first")
			assert.Equal(t, promotion.SeparatedByFinalTieBreak, es[1].SeparatedBy)
			es = rank(tc.final, b, a)
			assert.Equal(t, b.NationalID, es[0].NationalID, "whatever the input order")

			// No element announced: the national ID decides.
			es = rank(promotion.FinalTieBreak{}, a, b)
			assert.Equal(t, a.NationalID, es[0].NationalID)
			assert.Equal(t, promotion.SeparatedByNationalID, es[1].SeparatedBy)
		})
	}
	// Equal on the element too: the national ID decides.
	a, b := finalTie()
	st := s
	st.FinalTieBreak = promotion.FinalTieBreak{Element: promotion.TieAge}
	rk, err := promotion.RankCandidates(&reg, &st, vs, []promotion.Candidate{b, a}, asOf)
	require.NoError(t, err)
	assert.Equal(t, a.NationalID, rk.Entries[0].NationalID)
	assert.Equal(t, promotion.SeparatedByNationalID, rk.Entries[1].SeparatedBy)
}

func TestFinalTieBreakValidate(t *testing.T) {
	reg := promotion.DefaultRegulation()
	s, _, _ := tieRound(t) // rating, interview (the tie-break), test
	for name, x := range map[string]struct {
		f     promotion.FinalTieBreak
		field string
	}{
		"unknown element":           {promotion.FinalTieBreak{Element: "seniority"}, "final_tie_break.element"},
		"the tie-break criterion":   {promotion.FinalTieBreak{Element: promotion.TieCriterion, Criterion: promotion.CriterionInterview}, "final_tie_break.criterion"},
		"a criterion not announced": {promotion.FinalTieBreak{Element: promotion.TieCriterion, Criterion: promotion.CriterionTraining}, "final_tie_break.criterion"},
		"no criterion":              {promotion.FinalTieBreak{Element: promotion.TieCriterion}, "final_tie_break.criterion"},
		"unknown criterion":         {promotion.FinalTieBreak{Element: promotion.TieCriterion, Criterion: 9}, "final_tie_break.criterion"},
		"criterion for a fact":      {promotion.FinalTieBreak{Element: promotion.TieAge, Criterion: promotion.CriterionTest}, "final_tie_break.criterion"},
	} {
		st := s
		st.FinalTieBreak = x.f
		err := st.Validate(&reg)
		require.ErrorIs(t, err, promotion.ErrInvalid, name)
		fe, _ := fault.As(err)
		require.Len(t, fe.Fields, 1, name)
		assert.Equal(t, x.field, fe.Fields[0].Field, name)
		assert.NotEmpty(t, fe.Fields[0].Message.AR, name)
	}
	for _, e := range promotion.TieElements() {
		st := s
		st.FinalTieBreak = promotion.FinalTieBreak{Element: e}
		if e == promotion.TieCriterion {
			st.FinalTieBreak.Criterion = promotion.CriterionRating
		}
		assert.NoError(t, st.Validate(&reg), e)
		assert.NotEqual(t, string(e), e.Label(i18n.Arabic), "%s has an Arabic label", e)
	}
}

// A round announced without the element keeps its digest: the zero element
// is not in the JSON the digest covers; announcing one changes the digest.
func TestFinalTieBreakDigest(t *testing.T) {
	s, vs, _ := tieRound(t)
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "final_tie_break")
	r := promotion.Round{Settings: s, Vacancies: vs, Regulation: promotion.DefaultRegulation(), ConsiderationDate: asOf}
	before := r.ComputeDigest()
	r.Settings.FinalTieBreak = promotion.FinalTieBreak{Element: promotion.TieRankSeniority}
	assert.NotEqual(t, before, r.ComputeDigest())
	b, err = json.Marshal(r.Settings)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"final_tie_break":{"element":"rank_seniority"}`)
	var back promotion.Settings
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r.Settings.FinalTieBreak, back.FinalTieBreak)
}
