package promotion_test

import (
	"encoding/json"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

func weight(c promotion.Criterion, w, max string) promotion.Weight {
	m := decimal.Zero
	if max != "" {
		m = dec(max)
	}
	return promotion.Weight{Criterion: c, Weight: dec(w), Max: m}
}

func TestSettingsValidate(t *testing.T) {
	reg := promotion.DefaultRegulation()
	valid := promotion.Settings{
		Criteria: []promotion.Weight{weight(promotion.CriterionRating, "60", ""), weight(promotion.CriterionInterview, "20", "10"), weight(promotion.CriterionTest, "20", "100")},
		TieBreak: promotion.CriterionInterview,
	}
	require.NoError(t, valid.Validate(&reg))
	for name, x := range map[string]struct {
		mod    func(s *promotion.Settings)
		reason string
	}{
		"no rating": {func(s *promotion.Settings) {
			s.Criteria = []promotion.Weight{weight(promotion.CriterionInterview, "50", "10"), weight(promotion.CriterionTest, "50", "100")}
		}, "rating_required"},
		"rating only": {func(s *promotion.Settings) {
			s.Criteria = []promotion.Weight{weight(promotion.CriterionRating, "100", "")}
		}, "second_criterion"},
		"sum 99.99":         {func(s *promotion.Settings) { s.Criteria[2].Weight = dec("19.99") }, "weights_sum"},
		"three decimals":    {func(s *promotion.Settings) { s.Criteria[1].Weight, s.Criteria[2].Weight = dec("19.995"), dec("20.005") }, "weight"},
		"zero weight":       {func(s *promotion.Settings) { s.Criteria[0].Weight, s.Criteria[2].Weight = dec("80"), dec("0") }, "weight"},
		"duplicate":         {func(s *promotion.Settings) { s.Criteria[2].Criterion = promotion.CriterionInterview }, "duplicate"},
		"unknown criterion": {func(s *promotion.Settings) { s.Criteria[2].Criterion = 9 }, "criterion"},
		"tie-break unused":  {func(s *promotion.Settings) { s.TieBreak = promotion.CriterionTraining }, "tie_break"},
		"rating not main": {func(s *promotion.Settings) {
			s.Criteria[0].Weight, s.Criteria[1].Weight = dec("30"), dec("50")
		}, "rating_main"},
		"max zero":         {func(s *promotion.Settings) { s.Criteria[1].Max = decimal.Zero }, "max"},
		"max too precise":  {func(s *promotion.Settings) { s.Criteria[1].Max = dec("9.99999") }, "max"},
		"max too large":    {func(s *promotion.Settings) { s.Criteria[1].Max = dec("100001") }, "max"},
		"rating out of 10": {func(s *promotion.Settings) { s.Criteria[0].Max = dec("10") }, "max"},
	} {
		s := valid
		s.Criteria = slices.Clone(valid.Criteria)
		x.mod(&s)
		err := s.Validate(&reg)
		require.ErrorIs(t, err, promotion.ErrInvalid, name)
		fe, _ := fault.As(err)
		var reasons []string
		for _, f := range fe.Fields {
			reasons = append(reasons, f.Reason)
			assert.NotEmpty(t, f.Message.AR)
		}
		assert.Contains(t, reasons, x.reason, name)
	}
	// The rating-leads check is configurable.
	reg.RatingMustLead = false
	s := valid
	s.Criteria = []promotion.Weight{weight(promotion.CriterionRating, "30", ""), weight(promotion.CriterionInterview, "70", "10")}
	assert.NoError(t, s.Validate(&reg))
	// Rating max may be given as 5.
	s.Criteria[0].Max = dec("5")
	assert.NoError(t, s.Validate(&reg))
}

func TestCriterionPointsRounding(t *testing.T) {
	for _, x := range []struct{ raw, weight, max, want string }{
		{"1", "1", "8", "0.13"},         // 0.125 rounds half up
		{"1", "1", "16", "0.06"},        // 0.0625
		{"3", "60", "5", "36"},          // rating Good on 60
		{"7.5", "33.33", "10", "25.00"}, // 24.9975
		{"2", "33.33", "3", "22.22"},    // 22.22
		{"0", "20", "10", "0"},
		{"99.9999", "15", "100", "15.00"}, // 14.999985
	} {
		got := promotion.CriterionPoints(dec(x.raw), dec(x.weight), dec(x.max))
		assertDecimal(t, x.want, got, x)
	}
}

// Every point RankCandidates computes in integers equals CriterionPoints
// in decimal, on odd weights and maxima and 4-decimal raw scores.
func TestRankingPointsEqualDecimal(t *testing.T) {
	reg := promotion.DefaultRegulation()
	rng := rand.New(rand.NewPCG(7, 7))
	for round := range 20 {
		s := promotion.Settings{
			Criteria: []promotion.Weight{
				weight(promotion.CriterionRating, "33.34", ""),
				weight(promotion.CriterionInitiatives, "11.11", "7.5"),
				weight(promotion.CriterionTraining, "22.22", "99.9999"),
				weight(promotion.CriterionInterview, "0.01", "3"),
				weight(promotion.CriterionTest, "33.32", "100000"),
			},
			TieBreak: promotion.CriterionTest,
		}
		if round%2 == 1 {
			s.Criteria = []promotion.Weight{weight(promotion.CriterionRating, "50.5", ""), weight(promotion.CriterionInterview, "49.5", "0.0001")}
			s.TieBreak = promotion.CriterionRating
		}
		r := promotiontest.NewRound(uint64(round), 2000)
		for i := range r.Candidates {
			c := &r.Candidates[i]
			rnd := func(max decimal.Decimal) decimal.Decimal {
				m := max.Shift(4).IntPart()
				return decimal.New(rng.Int64N(m+1), -4)
			}
			for _, w := range s.Criteria {
				switch w.Criterion {
				case promotion.CriterionInitiatives:
					c.Scores.Initiatives = rnd(w.Max)
				case promotion.CriterionTraining:
					c.Scores.Training = rnd(w.Max)
				case promotion.CriterionInterview:
					c.Scores.Interview = rnd(w.Max)
				case promotion.CriterionTest:
					c.Scores.Test = rnd(w.Max)
				}
			}
		}
		rk, err := promotion.RankCandidates(&reg, &s, r.Vacancies, r.Candidates, r.AsOf)
		require.NoError(t, err)
		checked := 0
		for _, e := range rk.Entries {
			if !e.Eligible {
				continue
			}
			c := &r.Candidates[e.Index]
			total := decimal.Zero
			for _, w := range s.Criteria {
				var raw, max decimal.Decimal
				switch w.Criterion {
				case promotion.CriterionRating:
					raw, max = decimal.NewFromInt(int64(c.Rating)), decimal.NewFromInt(5)
				case promotion.CriterionInitiatives:
					raw, max = c.Scores.Initiatives, w.Max
				case promotion.CriterionTraining:
					raw, max = c.Scores.Training, w.Max
				case promotion.CriterionInterview:
					raw, max = c.Scores.Interview, w.Max
				case promotion.CriterionTest:
					raw, max = c.Scores.Test, w.Max
				}
				want := promotion.CriterionPoints(raw, w.Weight, max)
				got := e.Points[w.Criterion-1].Decimal()
				require.Truef(t, want.Equal(got), "%s: raw %s weight %s max %s: want %s got %s", w.Criterion, raw, w.Weight, max, want, got)
				total = total.Add(want)
			}
			require.Truef(t, total.Equal(e.Total.Decimal()), "total: want %s got %s", total, e.Total)
			checked++
		}
		require.Greater(t, checked, 500)
	}
}

func TestPoints(t *testing.T) {
	for _, x := range []struct {
		p    promotion.Points
		want string
	}{{0, "0.00"}, {5, "0.05"}, {8725, "87.25"}, {10000, "100.00"}, {-150, "-1.50"}} {
		assert.Equal(t, x.want, x.p.String())
		assertDecimal(t, x.want, x.p.Decimal())
		b, err := json.Marshal(x.p)
		require.NoError(t, err)
		assert.Equal(t, `"`+x.want+`"`, string(b))
		var back promotion.Points
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, x.p, back)
	}
	var p promotion.Points
	assert.Error(t, json.Unmarshal([]byte(`"1.005"`), &p))
	require.NoError(t, json.Unmarshal([]byte(`12.5`), &p))
	assert.Equal(t, promotion.Points(1250), p)
}

// tieRound builds candidates whose order exercises every key of Reg art 52(d).
func tieRound(t testing.TB) (promotion.Settings, []promotion.Vacancy, []promotion.Candidate) {
	if t != nil {
		t.Helper()
	}
	s := promotion.Settings{
		Criteria: []promotion.Weight{weight(promotion.CriterionRating, "60", ""), weight(promotion.CriterionInterview, "20", "10"), weight(promotion.CriterionTest, "20", "100")},
		TieBreak: promotion.CriterionInterview,
	}
	vs := []promotion.Vacancy{
		{ID: "V7", Title: i18n.Text{AR: "محاسب", EN: "Accountant"}, Rank: 7, Positions: 3, MinQualification: promotion.Bachelor, RequiredExperience: hijri.Period{Years: 1}},
		{ID: "V8", Title: i18n.Text{AR: "مدقق", EN: "Auditor"}, Rank: 8, Positions: 5, MinQualification: promotion.Bachelor},
	}
	mk := func(id, vid string, rating int, interview, test string, appointed hijri.Date) promotion.Candidate {
		c := baseCandidate()
		c.NationalID = identity.MustParseNationalID(id)
		c.VacancyID = vid
		c.Rating = rating
		c.Scores.Interview, c.Scores.Test = dec(interview), dec(test)
		c.AppointmentDate = appointed
		c.Qualifications = []promotion.Qualification{{Level: promotion.Bachelor}}
		if vid == "V8" {
			c.Rank = 7
			c.RankDays[7] = 400
		}
		return c
	}
	cs := []promotion.Candidate{
		// 48 + 16 + 10 = 74, tie-break 8: beats C on the tie-break element.
		mk("1000000008", "V7", 4, "8", "50", d(1432, 1, 1)),
		// 48 + 14 + 12 = 74, tie-break 7.
		mk("1010101010", "V7", 4, "7", "60", d(1420, 1, 1)),
		// 60 + 20 + 20 = 100: first.
		mk("1058529940", "V7", 5, "10", "100", d(1435, 6, 6)),
		// 36 + 12 + 6 = 54 twice, same tie-break: appointment date decides,
		// compared as a date: 1430-12-30 is before 1431-01-02.
		mk("1001244019", "V7", 3, "6", "30", d(1431, 1, 2)),
		mk("1000000016", "V7", 3, "6", "30", d(1430, 12, 30)),
		// Identical on everything: the national ID decides.
		mk("1000000040", "V7", 3, "6", "30", d(1430, 12, 30)),
		// Ineligible (rating Satisfactory): after the eligible, by ID.
		mk("1000000032", "V7", 2, "10", "100", d(1400, 1, 1)),
		mk("1000000024", "V7", 1, "10", "100", d(1400, 1, 1)),
		// Vacancy V8: more posts than eligible candidates.
		mk("1000000057", "V8", 5, "1", "1", d(1440, 1, 1)),
	}
	return s, vs, cs
}

func TestRankingTieBreaks(t *testing.T) {
	reg := promotion.DefaultRegulation()
	s, vs, cs := tieRound(t)
	rk, err := promotion.RankCandidates(&reg, &s, vs, cs, asOf)
	require.NoError(t, err)
	type line struct {
		ID     string
		Pos    int
		Total  string
		Winner bool
		By     promotion.Separation
	}
	var got []line
	for _, e := range rk.Entries {
		got = append(got, line{e.NationalID.String(), e.Position, e.Total.String(), e.Winner, e.SeparatedBy})
	}
	assert.Equal(t, []line{
		{"1058529940", 1, "100.00", true, promotion.SeparatedByNone},
		{"1000000008", 2, "74.00", true, promotion.SeparatedByTotal},
		{"1010101010", 3, "74.00", true, promotion.SeparatedByTieBreak},
		{"1000000016", 4, "54.00", false, promotion.SeparatedByTotal},
		{"1000000040", 5, "54.00", false, promotion.SeparatedByNationalID},
		{"1001244019", 6, "54.00", false, promotion.SeparatedByAppointment},
		{"1000000024", 0, "0.00", false, promotion.SeparatedByNone},
		{"1000000032", 0, "0.00", false, promotion.SeparatedByNone},
		{"1000000057", 1, "62.20", true, promotion.SeparatedByNone},
	}, got)
	assert.Equal(t, []promotion.VacancyResult{
		{VacancyID: "V7", Positions: 3, Candidates: 8, Eligible: 6, Winners: 3, First: 0},
		{VacancyID: "V8", Positions: 5, Candidates: 1, Eligible: 1, Winners: 1, First: 8},
	}, rk.Vacancies)
	w := rk.Winners(0)
	require.Len(t, w, 3)
	assert.Equal(t, "1058529940", w[0].NationalID.String())
	// Per-criterion points of the first: rating 60, interview 20, test 20.
	assert.Equal(t, [promotion.NumCriteria]promotion.Points{6000, 0, 0, 2000, 2000}, rk.Entries[0].Points)
	assert.Equal(t, promotion.Rules(promotion.RuleRating), rk.Entries[6].Failed)
	assert.False(t, rk.Entries[6].Eligible)
}

func TestRankingIgnoresInputOrder(t *testing.T) {
	reg := promotion.DefaultRegulation()
	r := promotiontest.NewRound(11, 5000)
	// Coarse criteria, as many agencies announce them, make ties common.
	r.Settings = promotion.Settings{
		Criteria: []promotion.Weight{weight(promotion.CriterionRating, "60", ""), weight(promotion.CriterionInitiatives, "40", "20")},
		TieBreak: promotion.CriterionInitiatives,
	}
	strip := func(rk *promotion.Ranking) []promotion.Entry {
		out := slices.Clone(rk.Entries)
		for i := range out {
			out[i].Index = 0
		}
		return out
	}
	rk, err := promotion.RankCandidates(&reg, &r.Settings, r.Vacancies, r.Candidates, r.AsOf)
	require.NoError(t, err)
	want := strip(rk)
	// Ties must actually occur for the test to mean something.
	seps := map[promotion.Separation]int{}
	for _, e := range want {
		seps[e.SeparatedBy]++
	}
	require.Positive(t, seps[promotion.SeparatedByTieBreak], "%v", seps)
	require.Positive(t, seps[promotion.SeparatedByAppointment], "%v", seps)
	require.Positive(t, seps[promotion.SeparatedByNationalID], "%v", seps)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 30 {
		cs := slices.Clone(r.Candidates)
		rng.Shuffle(len(cs), func(a, b int) { cs[a], cs[b] = cs[b], cs[a] })
		got, err := promotion.RankCandidates(&reg, &r.Settings, r.Vacancies, cs, r.AsOf)
		require.NoError(t, err)
		require.Equal(t, want, strip(got), "shuffle %d", i)
		for _, e := range got.Entries {
			require.Equal(t, e.NationalID, cs[e.Index].NationalID)
		}
	}
	// And the tie example, shuffled.
	s, vs, cs := tieRound(t)
	first, _ := promotion.RankCandidates(&reg, &s, vs, cs, asOf)
	for range 50 {
		rng.Shuffle(len(cs), func(a, b int) { cs[a], cs[b] = cs[b], cs[a] })
		got, err := promotion.RankCandidates(&reg, &s, vs, cs, asOf)
		require.NoError(t, err)
		require.Equal(t, strip(first), strip(got))
	}
}

func TestRankingErrors(t *testing.T) {
	reg := promotion.DefaultRegulation()
	s, vs, cs := tieRound(t)
	check := func(name, reason string, f func(s *promotion.Settings, vs []promotion.Vacancy, cs []promotion.Candidate) hijri.Date) {
		t.Helper()
		s2 := s
		s2.Criteria = slices.Clone(s.Criteria)
		vs2, cs2 := slices.Clone(vs), slices.Clone(cs)
		at := f(&s2, vs2, cs2)
		_, err := promotion.RankCandidates(&reg, &s2, vs2, cs2, at)
		require.ErrorIs(t, err, promotion.ErrInvalid, name)
		assert.Equal(t, reason, fault.ReasonOf(err), name)
	}
	check("bad date", "promotion.as_of", func(*promotion.Settings, []promotion.Vacancy, []promotion.Candidate) hijri.Date { return hijri.Date{} })
	check("bad settings", "promotion.invalid_settings", func(s *promotion.Settings, _ []promotion.Vacancy, _ []promotion.Candidate) hijri.Date {
		s.TieBreak = promotion.CriterionTraining
		return asOf
	})
	check("unknown vacancy", "promotion.unknown_vacancy", func(_ *promotion.Settings, _ []promotion.Vacancy, cs []promotion.Candidate) hijri.Date {
		cs[3].VacancyID = "V9"
		return asOf
	})
	check("duplicate vacancy", "promotion.duplicate_vacancy", func(_ *promotion.Settings, vs []promotion.Vacancy, _ []promotion.Candidate) hijri.Date {
		vs[1].ID = "V7"
		return asOf
	})
	check("score above max", "promotion.score", func(_ *promotion.Settings, _ []promotion.Vacancy, cs []promotion.Candidate) hijri.Date {
		cs[0].Scores.Interview = dec("10.0001")
		return asOf
	})
	check("negative score", "promotion.score", func(_ *promotion.Settings, _ []promotion.Vacancy, cs []promotion.Candidate) hijri.Date {
		cs[0].Scores.Test = dec("-1")
		return asOf
	})
	check("too precise", "promotion.score", func(_ *promotion.Settings, _ []promotion.Vacancy, cs []promotion.Candidate) hijri.Date {
		cs[0].Scores.Test = dec("1.00001")
		return asOf
	})
	check("no appointment date", "promotion.appointment_date", func(_ *promotion.Settings, _ []promotion.Vacancy, cs []promotion.Candidate) hijri.Date {
		cs[0].AppointmentDate = hijri.Date{}
		return asOf
	})
	check("no national ID", "promotion.candidate_id", func(_ *promotion.Settings, _ []promotion.Vacancy, cs []promotion.Candidate) hijri.Date {
		cs[0].NationalID = identity.NationalID{}
		return asOf
	})
	// An ineligible candidate's scores are not scored, so not checked; a
	// score with trailing zeros beyond 4 places is exact.
	cs2 := slices.Clone(cs)
	cs2[6].Scores.Interview = dec("11")
	cs2[0].Scores.Interview = dec("8.000000")
	_, err := promotion.RankCandidates(&reg, &s, vs, cs2, asOf)
	assert.NoError(t, err)
	// An empty round ranks to nothing.
	rk, err := promotion.RankCandidates(&reg, &s, vs, nil, asOf)
	require.NoError(t, err)
	assert.Empty(t, rk.Entries)
	assert.Equal(t, 0, rk.Vacancies[0].Winners)
}

func TestEntryJSON(t *testing.T) {
	e := promotion.Entry{VacancyID: "V1", NationalID: identity.MustParseNationalID("1000000008"), Failed: promotion.Rules(promotion.RuleRating), Total: 7425, SeparatedBy: promotion.SeparatedByAppointment}
	b, err := json.Marshal(e)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"failed":["promotion.rating"]`)
	assert.Contains(t, string(b), `"separated_by":"appointment_date"`)
	assert.Contains(t, string(b), `"total":"74.25"`)
	var back promotion.Entry
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, e, back)
}

// Large rounds are ranked in parallel chunks; the result is the same
// whatever the number of chunks, and so is the error reported first.
func TestRankingParallelSameResult(t *testing.T) {
	reg := promotion.DefaultRegulation()
	r := promotiontest.NewRound(5, 70000)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var want []promotion.Entry
	for _, procs := range []int{1, 2, 3, 5, 8} {
		runtime.GOMAXPROCS(procs)
		rk, err := promotion.RankCandidates(&reg, &r.Settings, r.Vacancies, r.Candidates, r.AsOf)
		require.NoError(t, err)
		if want == nil {
			want = rk.Entries
			continue
		}
		require.Equal(t, want, rk.Entries, "GOMAXPROCS %d", procs)
	}
	cs := slices.Clone(r.Candidates)
	cs[60000].VacancyID = "nope"
	cs[40000].VacancyID = "nope"
	first := cs[40000].NationalID.Masked()
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		_, err := promotion.RankCandidates(&reg, &r.Settings, r.Vacancies, cs, r.AsOf)
		require.ErrorIs(t, err, promotion.ErrInvalid)
		assert.Contains(t, err.Error(), first, "GOMAXPROCS %d", procs)
	}
}
