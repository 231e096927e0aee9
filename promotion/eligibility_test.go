package promotion_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/promotion"
)

// asOf is the consideration date of the eligibility tests: 15 Ramadan 1446.
// Ramadan 1446 has 29 days, Ramadan 1445 has 30.
var asOf = hijri.MustNew(1446, 9, 15)

func d(y, m, day int) hijri.Date { return hijri.MustNew(y, m, day) }

// baseVacancy is rank 7, accounting, bachelor's, 2 years of classification experience.
func baseVacancy() promotion.Vacancy {
	return promotion.Vacancy{
		ID: "V7", Title: i18n.Text{AR: "محاسب أول", EN: "Senior accountant"}, Rank: 7, Positions: 1,
		MinQualification: promotion.Bachelor, Fields: []string{"accounting"}, RequiredExperience: hijri.Period{Years: 2},
	}
}

// baseCandidate is eligible for baseVacancy on asOf.
func baseCandidate() promotion.Candidate {
	c := promotion.Candidate{
		NationalID:      identity.MustParseNationalID("1000000008"),
		VacancyID:       "V7",
		Rank:            6,
		Step:            9,
		RankDate:        d(1443, 9, 1),
		AppointmentDate: d(1430, 3, 10),
		BirthDate:       d(1400, 5, 20),
		Qualifications:  []promotion.Qualification{{Level: promotion.Bachelor, Field: "accounting"}},
		Rating:          4,
		RatingDate:      d(1446, 7, 1),
		Promotions:      []promotion.PastPromotion{{Date: d(1443, 9, 1)}},
	}
	c.RankDays[6] = 900
	c.RankDays[5] = 1500
	return c
}

func rules(rs ...promotion.Rule) promotion.Rules {
	var s promotion.Rules
	for _, r := range rs {
		s |= promotion.Rules(r)
	}
	return s
}

func TestEligibilityRules(t *testing.T) {
	reg := promotion.DefaultRegulation()
	type mod func(c *promotion.Candidate, v *promotion.Vacancy)
	for _, x := range []struct {
		name string
		mod  mod
		want promotion.Rules
	}{
		{"base case is eligible", func(c *promotion.Candidate, v *promotion.Vacancy) {}, 0},

		// Reg art 48(a)(1).
		{"vacancy with no post", func(c *promotion.Candidate, v *promotion.Vacancy) { v.Positions = 0 }, rules(promotion.RuleVacancy)},

		// Reg art 48(a)(3).
		{"job two ranks up", func(c *promotion.Candidate, v *promotion.Vacancy) { v.Rank = 8 }, rules(promotion.RuleNextRank)},
		{"job in the same rank", func(c *promotion.Candidate, v *promotion.Vacancy) { c.Rank = 7; c.RankDays[7] = 900 }, rules(promotion.RuleNextRank)},
		{"job above the top rank", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Rank, v.Rank = 15, 16
			c.RankDays[14], c.RankDays[15] = 1000, 1000
		}, rules(promotion.RuleNextRank)},

		// Reg art 48(a)(2): qualification.
		{"diploma for a bachelor's job", func(c *promotion.Candidate, v *promotion.Vacancy) { c.Qualifications[0].Level = promotion.Diploma }, rules(promotion.RuleQualification)},
		{"master's in the field", func(c *promotion.Candidate, v *promotion.Vacancy) { c.Qualifications[0].Level = promotion.Master }, 0},
		{"bachelor's in another field", func(c *promotion.Candidate, v *promotion.Vacancy) { c.Qualifications[0].Field = "law" }, rules(promotion.RuleQualification)},
		{"second qualification matches", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Qualifications = []promotion.Qualification{{Level: promotion.Bachelor, Field: "law"}, {Level: promotion.Master, Field: "accounting"}}
		}, 0},
		{"any field accepted", func(c *promotion.Candidate, v *promotion.Vacancy) { c.Qualifications[0].Field = "law"; v.Fields = nil }, 0},
		{"no qualification", func(c *promotion.Candidate, v *promotion.Vacancy) { c.Qualifications = nil }, rules(promotion.RuleQualification)},

		// Experience, ranks ≤ 10: the classification's requirement (2y = 720 legal days).
		{"classification experience one day short", func(c *promotion.Candidate, v *promotion.Vacancy) { c.RankDays[6] = 719 }, rules(promotion.RuleExperience)},
		{"classification experience exact", func(c *promotion.Candidate, v *promotion.Vacancy) { c.RankDays[6] = 720 }, 0},
		{"experience in the rank below does not count", func(c *promotion.Candidate, v *promotion.Vacancy) { c.RankDays[6] = 100; c.RankDays[5] = 5000 }, rules(promotion.RuleExperience)},
		{"no experience required", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.RankDays[6] = 0
			v.RequiredExperience = hijri.Period{}
		}, 0},

		// Ranks 11–13: 2 years in the current rank (Reg art 50), whatever the job says.
		{"rank 11 one day short", func(c *promotion.Candidate, v *promotion.Vacancy) { toRank(c, v, 11); c.RankDays[10] = 719 }, rules(promotion.RuleExperience)},
		{"rank 11 exact", func(c *promotion.Candidate, v *promotion.Vacancy) {
			toRank(c, v, 11)
			c.RankDays[10] = 720
			v.RequiredExperience = hijri.Period{Years: 5}
		}, 0},
		{"rank 13 exact", func(c *promotion.Candidate, v *promotion.Vacancy) { toRank(c, v, 13); c.RankDays[12] = 720 }, 0},

		// Ranks 14–15: 4 years across the two ranks below (Reg art 53).
		{"rank 14 one day short", func(c *promotion.Candidate, v *promotion.Vacancy) {
			toRank(c, v, 14)
			c.RankDays[12], c.RankDays[13] = 1000, 439
		}, rules(promotion.RuleExperience)},
		{"rank 14 exact across 12 and 13", func(c *promotion.Candidate, v *promotion.Vacancy) {
			toRank(c, v, 14)
			c.RankDays[12], c.RankDays[13] = 1000, 440
		}, 0},
		{"rank 14: rank 11 does not count", func(c *promotion.Candidate, v *promotion.Vacancy) {
			toRank(c, v, 14)
			c.RankDays[11], c.RankDays[12], c.RankDays[13] = 2000, 0, 1000
		}, rules(promotion.RuleExperience)},
		{"rank 15 exact across 13 and 14", func(c *promotion.Candidate, v *promotion.Vacancy) {
			toRank(c, v, 15)
			c.RankDays[13], c.RankDays[14] = 0, 1440
		}, 0},

		// Reg art 49(a): scholarship, delegation, training > 6 months (180 legal days).
		{"training of exactly 6 months", func(c *promotion.Candidate, v *promotion.Vacancy) {
			// Between(1446-06-01, 1446-12-01) = 6m 0d: Dhu al-Qadah 1446 has 29 days.
			c.Statuses = []promotion.Status{{Kind: promotion.Training, From: d(1446, 6, 1), To: d(1446, 11, 29)}}
		}, 0},
		{"training of 6 months and 1 day", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Statuses = []promotion.Status{{Kind: promotion.Training, From: d(1446, 6, 1), To: d(1446, 12, 1)}}
		}, rules(promotion.RuleScholarship)},
		{"open-ended scholarship", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Statuses = []promotion.Status{{Kind: promotion.Scholarship, From: d(1445, 1, 1)}}
		}, rules(promotion.RuleScholarship)},
		{"long delegation that ended the day before", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Statuses = []promotion.Status{{Kind: promotion.StudyDelegation, From: d(1444, 1, 1), To: d(1446, 9, 14)}}
		}, 0},
		{"long delegation starting on asOf", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Statuses = []promotion.Status{{Kind: promotion.StudyDelegation, From: d(1446, 9, 15), To: d(1448, 9, 15)}}
		}, rules(promotion.RuleScholarship)},

		// Reg art 49(b)–(c).
		{"study leave active", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Statuses = []promotion.Status{{Kind: promotion.StudyLeave, From: d(1446, 1, 1), To: d(1446, 9, 15)}}
		}, rules(promotion.RuleLeave)},
		{"exceptional leave from tomorrow", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Statuses = []promotion.Status{{Kind: promotion.ExceptionalLeave, From: d(1446, 9, 16)}}
		}, 0},
		{"exceptional leave active", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Statuses = []promotion.Status{{Kind: promotion.ExceptionalLeave, From: d(1446, 9, 1), To: d(1446, 10, 1)}}
		}, rules(promotion.RuleLeave)},
		{"suspended", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Statuses = []promotion.Status{{Kind: promotion.Suspension, From: d(1446, 8, 1)}}
		}, rules(promotion.RuleSuspension)},
		{"suspension ended", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Statuses = []promotion.Status{{Kind: promotion.Suspension, From: d(1446, 8, 1), To: d(1446, 9, 14)}}
		}, 0},
		{"referred to trial", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Statuses = []promotion.Status{{Kind: promotion.TrialReferral, From: d(1446, 9, 15)}}
		}, rules(promotion.RuleTrial)},

		// Reg art 49(d): the year before consideration is [1445-09-15, 1446-09-15).
		{"increment deprivation on the window's first day", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.IncrementDeprivation, Date: d(1445, 9, 15)}}
		}, rules(promotion.RuleIncrementDeprivation)},
		{"increment deprivation the day before the window", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.IncrementDeprivation, Date: d(1445, 9, 14)}}
		}, 0},
		{"increment deprivation the day before asOf", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.IncrementDeprivation, Date: d(1446, 9, 14)}}
		}, rules(promotion.RuleIncrementDeprivation)},
		{"increment deprivation on asOf is not in the year before", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.IncrementDeprivation, Date: d(1446, 9, 15)}}
		}, 0},
		{"deductions of 15 days, separate", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.SalaryDeduction, Date: d(1445, 9, 15), Days: 10}, {Kind: promotion.SalaryDeduction, Date: d(1446, 2, 3), Days: 5}}
		}, rules(promotion.RuleDeduction)},
		{"deductions of 14 days", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.SalaryDeduction, Date: d(1445, 9, 15), Days: 10}, {Kind: promotion.SalaryDeduction, Date: d(1446, 2, 3), Days: 4}}
		}, 0},
		{"deduction outside the window does not add up", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.SalaryDeduction, Date: d(1445, 9, 14), Days: 10}, {Kind: promotion.SalaryDeduction, Date: d(1446, 2, 3), Days: 5}}
		}, 0},
		{"other penalties are ignored", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.OtherPenalty, Date: d(1446, 9, 1), Days: 30}}
		}, 0},

		// Reg art 49(e).
		{"rating Good", func(c *promotion.Candidate, v *promotion.Vacancy) { c.Rating = 3 }, 0},
		{"rating Satisfactory", func(c *promotion.Candidate, v *promotion.Vacancy) { c.Rating = 2 }, rules(promotion.RuleRating)},
		{"no rating", func(c *promotion.Candidate, v *promotion.Vacancy) { c.Rating = 0 }, rules(promotion.RuleRating)},

		// Discipline Law: no promotion consideration for 2 years.
		{"no-consideration penalty, last day", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.NoPromotionConsideration, Date: d(1444, 9, 16)}}
		}, rules(promotion.RuleNoConsideration)},
		{"no-consideration penalty, 2 years passed", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.NoPromotionConsideration, Date: d(1444, 9, 15)}}
		}, 0},
		{"no-consideration penalty until asOf", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.NoPromotionConsideration, Date: d(1446, 1, 1), Until: d(1446, 9, 15)}}
		}, rules(promotion.RuleNoConsideration)},
		{"no-consideration penalty ended the day before", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.NoPromotionConsideration, Date: d(1446, 1, 1), Until: d(1446, 9, 14)}}
		}, 0},
		{"no-consideration penalty imposed later", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Penalties = []promotion.Penalty{{Kind: promotion.NoPromotionConsideration, Date: d(1446, 9, 16)}}
		}, 0},

		// Reg art 57: one promotion a year.
		{"promoted a year ago to the day", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Promotions = []promotion.PastPromotion{{Date: d(1445, 9, 15)}}
		}, 0},
		{"promoted a year ago less a day", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Promotions = []promotion.PastPromotion{{Date: d(1445, 9, 16)}}
		}, rules(promotion.RuleOnePerYear)},

		// Reg art 55: two years after an exceptional promotion.
		{"exceptional promotion 2 years ago less a day", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Promotions = []promotion.PastPromotion{{Date: d(1444, 9, 16), Exceptional: true}}
		}, rules(promotion.RuleAfterExceptional)},
		{"exceptional promotion 2 years ago", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Promotions = []promotion.PastPromotion{{Date: d(1444, 9, 15), Exceptional: true}}
		}, 0},

		// Reg art 54: exceptional promotion (rank 6 → 8).
		{"exceptional: eligible", func(c *promotion.Candidate, v *promotion.Vacancy) { exceptional(c, v) }, 0},
		{"exceptional: one year in rank less a day", func(c *promotion.Candidate, v *promotion.Vacancy) {
			exceptional(c, v)
			c.RankDays[6] = 359
		}, rules(promotion.RuleExperience)},
		{"exceptional: rating Very good", func(c *promotion.Candidate, v *promotion.Vacancy) { exceptional(c, v); c.Rating = 4 }, rules(promotion.RuleExceptionalRating)},
		{"exceptional: 55th birthday", func(c *promotion.Candidate, v *promotion.Vacancy) { exceptional(c, v); c.BirthDate = d(1391, 9, 15) }, 0},
		{"exceptional: 55 years and a day", func(c *promotion.Candidate, v *promotion.Vacancy) {
			exceptional(c, v)
			c.BirthDate = d(1391, 9, 14)
		}, rules(promotion.RuleExceptionalAge)},
		{"exceptional: no birth date", func(c *promotion.Candidate, v *promotion.Vacancy) { exceptional(c, v); c.BirthDate = hijri.Date{} }, rules(promotion.RuleExceptionalAge)},
		{"exceptional: only one rank up", func(c *promotion.Candidate, v *promotion.Vacancy) { exceptional(c, v); v.Rank = 7 }, rules(promotion.RuleNextRank)},

		// Reg art 56: three years between exceptional promotions.
		{"exceptional: previous exceptional 3 years ago less a day", func(c *promotion.Candidate, v *promotion.Vacancy) {
			exceptional(c, v)
			c.Promotions = []promotion.PastPromotion{{Date: d(1443, 9, 16), Exceptional: true}}
		}, rules(promotion.RuleExceptionalSpacing)},
		{"exceptional: previous exceptional 3 years ago", func(c *promotion.Candidate, v *promotion.Vacancy) {
			exceptional(c, v)
			c.Promotions = []promotion.PastPromotion{{Date: d(1443, 9, 15), Exceptional: true}}
		}, 0},
		{"ordinary after an old exceptional", func(c *promotion.Candidate, v *promotion.Vacancy) {
			c.Promotions = []promotion.PastPromotion{{Date: d(1443, 9, 16), Exceptional: true}}
		}, 0},
	} {
		t.Run(x.name, func(t *testing.T) {
			c, v := baseCandidate(), baseVacancy()
			x.mod(&c, &v)
			dec := reg.Eligibility(&c, &v, asOf)
			assert.Equal(t, x.want.Codes(), dec.Failed.Codes())
			assert.Equal(t, x.want == 0, dec.Eligible)
			assert.Equal(t, dec.Failed, reg.Check(&c, &v, asOf), "Check agrees with Eligibility")
			require.Len(t, dec.Reasons, x.want.Len())
			for i, r := range dec.Reasons {
				assert.Equal(t, x.want.Rules()[i], r.Rule)
				assert.Equal(t, r.Rule.Code(), r.Code)
				assert.NotEmpty(t, r.Article)
				assert.NotEmpty(t, r.Message.AR)
				assert.NotEmpty(t, r.Message.EN)
				assert.NotEmpty(t, r.Facts)
				assert.True(t, strings.HasSuffix(r.Message.EN, "("+r.Article+")"), "%s", r.Message.EN)
			}
		})
	}
}

// toRank makes c a candidate of rank target−1 for a vacancy of rank target
// with the qualification it needs.
func toRank(c *promotion.Candidate, v *promotion.Vacancy, target int) {
	c.Rank, v.Rank = target-1, target
	c.RankDays = promotion.RankDays{}
}

// exceptional makes v an exceptional vacancy of rank 8 and c an Excellent
// candidate of rank 6 with a year in rank.
func exceptional(c *promotion.Candidate, v *promotion.Vacancy) {
	v.Rank, v.Exceptional = 8, true
	c.Rating = 5
	c.RankDays[6] = 360
}

func TestEligibilityReasonsText(t *testing.T) {
	c, v := baseCandidate(), baseVacancy()
	c.RankDays[6] = 582 // 1y 7m 12d
	dec := promotion.Eligibility(&c, &v, asOf)
	require.Len(t, dec.Reasons, 1)
	r := dec.Reasons[0]
	assert.Equal(t, "promotion.experience", r.Code)
	assert.Equal(t, "promotion experience in rank 6 is 1 year, 7 months and 12 days; 2 years is required (Reg arts 48(a)(2), 50, 53)", r.Message.EN)
	assert.Equal(t, "الخبرة المحتسبة للترقية في المرتبة ٦ هي سنة و٧ أشهر و١٢ يوماً، والمطلوب سنتان (المواد 48/أ/2 و50 و53 من اللائحة التنفيذية للموارد البشرية)", r.Message.AR)
	assert.Equal(t, []promotion.Fact{
		{Name: "experience", Value: "1y 7m 12d"}, {Name: "experience_days", Value: "582"},
		{Name: "required", Value: "2y 0m 0d"}, {Name: "required_days", Value: "720"},
		{Name: "ranks", Value: "6"}, {Name: "rank_date", Value: "1443-09-01"},
	}, r.Facts)

	err := dec.Err()
	require.ErrorIs(t, err, promotion.ErrNotEligible)
	fe, ok := fault.As(err)
	require.True(t, ok)
	assert.Equal(t, fault.FailedPrecondition, fe.Code)
	require.Len(t, fe.Fields, 1)
	assert.Equal(t, "promotion.experience", fe.Fields[0].Reason)
	assert.NoError(t, promotion.Decision{Eligible: true}.Err())
}

func TestEligibilityEveryRuleExplained(t *testing.T) {
	// One candidate failing every rule at once: each is reported, in order,
	// with facts.
	reg := promotion.DefaultRegulation()
	v := baseVacancy()
	v.Positions, v.Rank, v.Exceptional = 0, 9, true
	c := baseCandidate()
	c.Qualifications = nil
	c.RankDays[6] = 10
	c.Rating = 2
	c.BirthDate = d(1380, 1, 1)
	c.Statuses = []promotion.Status{
		{Kind: promotion.Scholarship, From: d(1446, 1, 1)}, {Kind: promotion.StudyLeave, From: d(1446, 1, 1)},
		{Kind: promotion.Suspension, From: d(1446, 1, 1)}, {Kind: promotion.TrialReferral, From: d(1446, 1, 1)},
	}
	c.Penalties = []promotion.Penalty{
		{Kind: promotion.IncrementDeprivation, Date: d(1446, 1, 1)}, {Kind: promotion.SalaryDeduction, Date: d(1446, 1, 1), Days: 15},
		{Kind: promotion.NoPromotionConsideration, Date: d(1446, 1, 1)},
	}
	c.Promotions = []promotion.PastPromotion{{Date: d(1446, 1, 1), Exceptional: true}}
	dec := reg.Eligibility(&c, &v, asOf)
	assert.Equal(t, promotion.AllRules, dec.Failed, "failed: %v", dec.Failed.Codes())
	require.Len(t, dec.Reasons, promotion.AllRules.Len())
	codes := map[string]bool{}
	for _, r := range dec.Reasons {
		codes[r.Code] = true
		assert.NotEmpty(t, r.Facts, r.Code)
		assert.False(t, strings.Contains(r.Message.AR, "%!"), r.Message.AR)
	}
	assert.Len(t, codes, promotion.AllRules.Len(), "codes are distinct")
	assert.Equal(t, promotion.AllRules, promotion.RulesFromCodes(promotion.AllRules.Codes()))
}

func TestCheckDoesNotAllocate(t *testing.T) {
	reg := promotion.DefaultRegulation()
	c, v := baseCandidate(), baseVacancy()
	c.Rating = 1
	c.Penalties = []promotion.Penalty{{Kind: promotion.SalaryDeduction, Date: d(1446, 1, 1), Days: 20}}
	allocs := testing.AllocsPerRun(100, func() { _ = reg.Check(&c, &v, asOf) })
	assert.Zero(t, allocs)
}

// The spacing rules agree with hijri.Between on random dates: "n years
// after d" is reached exactly when Between(d, asOf) ≥ n years.
func TestYearsMatchBetween(t *testing.T) {
	reg := promotion.DefaultRegulation()
	rng := rand.New(rand.NewPCG(1, 2))
	v := baseVacancy()
	for range 20000 {
		at := d(1440+rng.IntN(8), 1+rng.IntN(12), 1+rng.IntN(29))
		p, err := at.AddDays(-rng.IntN(800))
		require.NoError(t, err)
		c := baseCandidate()
		c.Promotions = []promotion.PastPromotion{{Date: p}}
		want := hijri.Between(p, at).TotalDays() < 360
		assert.Equal(t, want, reg.Check(&c, &v, at).Has(promotion.RuleOnePerYear), "promoted %s, considered %s", p, at)
	}
	// The 30th of a month whose next year's month has 29 days: a year is
	// reached on the 1st of the following month.
	c := baseCandidate()
	c.Promotions = []promotion.PastPromotion{{Date: d(1445, 9, 30)}}
	assert.True(t, reg.Check(&c, &v, d(1446, 9, 29)).Has(promotion.RuleOnePerYear))
	assert.False(t, reg.Check(&c, &v, d(1446, 10, 1)).Has(promotion.RuleOnePerYear))
}

func TestRegulationValidate(t *testing.T) {
	reg := promotion.DefaultRegulation()
	require.NoError(t, reg.Validate())
	for name, mod := range map[string]func(r *promotion.Regulation){
		"max rank":          func(r *promotion.Regulation) { r.MaxRank = 16 },
		"bands":             func(r *promotion.Regulation) { r.InRankMaxRank = 9 },
		"negative period":   func(r *promotion.Regulation) { r.InRankExperience = hijri.Period{Days: -1} },
		"senior ranks":      func(r *promotion.Regulation) { r.SeniorRanksBelow = 0 },
		"years":             func(r *promotion.Regulation) { r.YearsBetweenPromotions = -1 },
		"deduction days":    func(r *promotion.Regulation) { r.DeductionDays = 0 },
		"ratings":           func(r *promotion.Regulation) { r.MinRating = 6 },
		"exceptional ranks": func(r *promotion.Regulation) { r.ExceptionalRanks = 1 },
	} {
		r := promotion.DefaultRegulation()
		mod(&r)
		assert.ErrorIs(t, r.Validate(), promotion.ErrInvalid, name)
	}
}
