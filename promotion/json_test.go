package promotion_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

// Candidates and rounds survive a JSON round trip: what an HTTP layer or a
// JSON column stores is what the rules read.
func TestJSONRoundTrip(t *testing.T) {
	c := baseCandidate()
	c.Statuses = []promotion.Status{{Kind: promotion.StudyLeave, From: d(1446, 1, 1)}}
	c.Penalties = []promotion.Penalty{{Kind: promotion.SalaryDeduction, Date: d(1446, 2, 1), Days: 5}}
	c.Scores.Interview = dec("7.25")
	b, err := json.Marshal(c)
	require.NoError(t, err)
	s := string(b)
	assert.Contains(t, s, `"rank_days":{"5":1500,"6":900}`)
	assert.Contains(t, s, `"kind":"study_leave"`)
	assert.Contains(t, s, `"kind":"salary_deduction"`)
	assert.Contains(t, s, `"appointment_date":"1430-03-10"`)
	var back promotion.Candidate
	require.NoError(t, json.Unmarshal(b, &back))
	reg := promotion.DefaultRegulation()
	v := baseVacancy()
	assert.Equal(t, reg.Eligibility(&c, &v, asOf), reg.Eligibility(&back, &v, asOf))
	assert.True(t, back.Scores.Interview.Equal(c.Scores.Interview))
	assert.Equal(t, c.RankDays, back.RankDays)

	var rd promotion.RankDays
	assert.Error(t, json.Unmarshal([]byte(`{"16":1}`), &rd))
	assert.Error(t, json.Unmarshal([]byte(`{"x":1}`), &rd))
	var sk promotion.StatusKind
	assert.Error(t, json.Unmarshal([]byte(`"holiday"`), &sk))
	var pk promotion.PenaltyKind
	assert.Error(t, json.Unmarshal([]byte(`"fine"`), &pk))
	var cr promotion.Criterion
	assert.Error(t, json.Unmarshal([]byte(`"luck"`), &cr))
	_, err = json.Marshal(promotion.Status{Kind: 99})
	assert.Error(t, err)

	r := promotion.Round{ID: "r1", Status: promotion.RoundOpen, Settings: promotiontest.Settings(), Regulation: reg, ConsiderationDate: asOf}
	b, err = json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"criterion":"interview"`)
	var rb promotion.Round
	require.NoError(t, json.Unmarshal(b, &rb))
	assert.Equal(t, r.ComputeDigest(), rb.ComputeDigest(), "the digest survives storage as JSON")
	assert.Equal(t, reg, rb.Regulation)

	// What a SQL store may hand back: trailing zeros, empty lists.
	r.Vacancies = []promotion.Vacancy{{ID: "V1", Rank: 7, Positions: 1}}
	want := r.ComputeDigest()
	r2 := r.Clone()
	r2.Vacancies[0].Fields = []string{}
	r2.Settings.Criteria[0].Weight = dec("40.00")
	r2.Settings.Criteria[0].Max = dec("0.0")
	assert.Equal(t, want, r2.ComputeDigest())
	r2.Settings.Criteria[0].Weight = dec("40.01")
	assert.NotEqual(t, want, r2.ComputeDigest())
}

func TestRuleNames(t *testing.T) {
	for _, r := range promotion.AllRules.Rules() {
		assert.NotEmpty(t, r.Name().AR, r.Code())
		assert.NotEmpty(t, r.Article(), r.Code())
		assert.Equal(t, r.Code(), r.String())
	}
	assert.Equal(t, "promotion.unknown_rule", promotion.Rule(3).Code())
	assert.Equal(t, 17, promotion.AllRules.Len())
}
