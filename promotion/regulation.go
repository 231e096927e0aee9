package promotion

import (
	"fmt"

	"github.com/masarhr/masar-go/hijri"
)

// MaxRanks is the number of ranks a Candidate's RankDays can describe
// (ranks 1 to MaxRanks); the general scale has 15.
const MaxRanks = 15

// Regulation is the promotion rules as data. Every threshold of the
// Implementing Regulation for Human Resources in the Civil Service (Reg,
// arts 47–58) and of the Employee Discipline Law that the engine applies is
// a field here, so that an amendment, or a value the sources leave open, is
// a change of data, not of code. DefaultRegulation returns the rules in
// force, with their articles.
//
// Units (Reg art 1): a year is 12 Hijri months and a month 30 days.
// Durations of experience are legal days (hijri.Period.TotalDays: 360 a year,
// 30 a month). "n years after date d" is reached on asOf when
// hijri.Between(d, asOf) is at least n years, that is on the same day and
// month n Hijri years later (a 30th whose month has 29 days that year is
// reached on the 1st of the next month).
//
// A Regulation is a plain value; use it from several goroutines freely as
// long as nobody modifies it.
type Regulation struct {
	// MinRank and MaxRank bound the ranks of the scale (1 and 15). MaxRank
	// may not exceed MaxRanks.
	MinRank int `json:"min_rank"`
	MaxRank int `json:"max_rank"` // the top rank

	// ClassificationMaxRank: promotion to a rank up to this one (10) needs
	// the experience that the job classification requires for the target
	// job, given per vacancy in Vacancy.RequiredExperience and counted in
	// the candidate's current rank (Reg art 48(a)(2)).
	ClassificationMaxRank int `json:"classification_max_rank"`
	// InRankMaxRank: promotion to a rank above ClassificationMaxRank and up
	// to this one (11–13) needs InRankExperience in the current rank (Reg
	// art 50).
	InRankMaxRank int `json:"in_rank_max_rank"`
	// InRankExperience is the experience in the current rank required for
	// ranks ClassificationMaxRank+1..InRankMaxRank: 2 years (Reg art 50).
	InRankExperience hijri.Period `json:"in_rank_experience"`
	// SeniorExperience is the experience required for promotion to a rank
	// above InRankMaxRank (14, 15), counted across the SeniorRanksBelow ranks
	// below the target: 4 years in ranks 12 and/or 13 for rank 14, in 13
	// and/or 14 for rank 15 (Reg art 53).
	SeniorExperience hijri.Period `json:"senior_experience"`
	// SeniorRanksBelow is the number of ranks below the target whose
	// experience counts toward SeniorExperience: 2 (Reg art 53).
	SeniorRanksBelow int `json:"senior_ranks_below"`

	// LongTraining: a candidate on a scholarship, a study delegation or a
	// training course whose planned length exceeds this (6 months = 180
	// legal days) may not be considered (Reg art 49(a)). The length is
	// hijri.Between(From, To + 1 day); an open-ended one counts as longer.
	LongTraining hijri.Period `json:"long_training"`
	// PenaltyWindowYears is the look-back of Reg art 49(d): penalties
	// imposed in [asOf − 1 Hijri year, asOf) count. 1.
	PenaltyWindowYears int `json:"penalty_window_years"`
	// DeductionDays: salary deductions totalling this many days or more in
	// the window disqualify (Reg art 49(d)). 15.
	DeductionDays int `json:"deduction_days"`
	// MinRating is the least last annual performance rating that allows
	// consideration: 3, Good (جيد) (Reg art 49(e)). A candidate with no
	// rating fails this rule too.
	MinRating int `json:"min_rating"`
	// NoConsiderationYears is the length of the Employee Discipline Law's
	// penalty "not being considered for promotion" when the penalty itself
	// gives no end date: 2 years (M/18 of 8/2/1443H).
	NoConsiderationYears int `json:"no_consideration_years"`

	// YearsBetweenPromotions: at most one promotion per this many years
	// (Reg art 57). 1.
	YearsBetweenPromotions int `json:"years_between_promotions"`
	// YearsAfterExceptional: no promotion of any kind until this many years
	// after an exceptional promotion (Reg art 55). 2.
	YearsAfterExceptional int `json:"years_after_exceptional"`
	// YearsBetweenExceptional: no exceptional promotion until this many
	// years after a previous exceptional promotion (Reg art 56). 3.
	YearsBetweenExceptional int `json:"years_between_exceptional"`

	// ExceptionalRanks is how many ranks an exceptional promotion skips to:
	// 2 (Reg art 54).
	ExceptionalRanks int `json:"exceptional_ranks"`
	// ExceptionalMinRating is the least last rating for an exceptional
	// promotion: 5, Excellent (ممتاز) (Reg art 54).
	ExceptionalMinRating int `json:"exceptional_min_rating"`
	// ExceptionalMaxAgeYears: a candidate for an exceptional promotion may
	// not be older than this many Hijri years on asOf (55, Reg art 54): the
	// 55th Hijri birthday passes, the day after fails.
	ExceptionalMaxAgeYears int `json:"exceptional_max_age_years"`
	// ExceptionalInRank is the experience in the current rank required for
	// an exceptional promotion: 1 year (Reg art 54). It replaces the
	// experience rules of arts 48(a)(2), 50 and 53 for that promotion [INF].
	ExceptionalInRank hijri.Period `json:"exceptional_in_rank"`

	// RatingMax is the top of the performance rating scale: 5 (performance
	// management framework art 2(c): ممتاز 5, جيد جداً 4, جيد 3, مرضي 2,
	// غير مرضي 1). The rating criterion scores Rating / RatingMax × weight.
	RatingMax int `json:"rating_max"`
	// RatingMustLead: when true (the default), the rating's weight must be at
	// least that of every other criterion of a round, reading "the main
	// criterion" of Reg art 52(a) as the heaviest [INF].
	RatingMustLead bool `json:"rating_must_lead"`
}

// DefaultRegulation returns the rules in force: the Implementing Regulation
// for Human Resources in the Civil Service (1440H), arts 47–58, unamended
// since, and the Employee Discipline Law (M/18 of 8/2/1443H). Values marked
// [INF] in the field docs are interpretations, not text.
func DefaultRegulation() Regulation {
	return Regulation{
		MinRank:                 1,
		MaxRank:                 15,
		ClassificationMaxRank:   10,
		InRankMaxRank:           13,
		InRankExperience:        hijri.Period{Years: 2},
		SeniorExperience:        hijri.Period{Years: 4},
		SeniorRanksBelow:        2,
		LongTraining:            hijri.Period{Months: 6},
		PenaltyWindowYears:      1,
		DeductionDays:           15,
		MinRating:               3,
		NoConsiderationYears:    2,
		YearsBetweenPromotions:  1,
		YearsAfterExceptional:   2,
		YearsBetweenExceptional: 3,
		ExceptionalRanks:        2,
		ExceptionalMinRating:    5,
		ExceptionalMaxAgeYears:  55,
		ExceptionalInRank:       hijri.Period{Years: 1},
		RatingMax:               5,
		RatingMustLead:          true,
	}
}

// Validate checks that the regulation is coherent: ranks within 1..MaxRanks
// and ordered, positive periods and counts. Errors match ErrInvalid.
func (r *Regulation) Validate() error {
	bad := func(field, en string) error {
		return ErrInvalid.Because("promotion.regulation",
			fmt.Sprintf("regulation %s: %s", field, en),
			fmt.Sprintf("لائحة الترقية، الحقل %s: قيمة غير صحيحة", field))
	}
	switch {
	case r.MinRank < 1 || r.MaxRank > MaxRanks || r.MinRank >= r.MaxRank:
		return bad("min_rank/max_rank", fmt.Sprintf("need 1 <= min_rank < max_rank <= %d", MaxRanks))
	case r.ClassificationMaxRank < r.MinRank || r.InRankMaxRank < r.ClassificationMaxRank || r.InRankMaxRank > r.MaxRank:
		return bad("classification_max_rank/in_rank_max_rank", "need min_rank <= classification_max_rank <= in_rank_max_rank <= max_rank")
	case r.InRankExperience.TotalDays() < 0 || r.SeniorExperience.TotalDays() < 0 || r.ExceptionalInRank.TotalDays() < 0 || r.LongTraining.TotalDays() < 0:
		return bad("periods", "periods may not be negative")
	case r.SeniorRanksBelow < 1:
		return bad("senior_ranks_below", "must be 1 or more")
	case r.PenaltyWindowYears < 0 || r.NoConsiderationYears < 0 || r.YearsBetweenPromotions < 0 || r.YearsAfterExceptional < 0 || r.YearsBetweenExceptional < 0 || r.ExceptionalMaxAgeYears < 1:
		return bad("years", "year counts may not be negative")
	case r.DeductionDays < 1:
		return bad("deduction_days", "must be 1 or more")
	case r.RatingMax < 1 || r.MinRating < 0 || r.MinRating > r.RatingMax || r.ExceptionalMinRating > r.RatingMax:
		return bad("ratings", "need 0 <= min_rating <= rating_max and exceptional_min_rating <= rating_max")
	case r.ExceptionalRanks < 2:
		return bad("exceptional_ranks", "must be 2 or more")
	}
	return nil
}
