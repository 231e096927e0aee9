package promotion_test

import (
	"fmt"
	"log"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/promotion"
)

// A candidate of rank 9 applying for a rank-10 job on 15 Ramadan 1446:
// short of the job's 2 years of experience, with a salary deduction of 15
// days in the year before, and rated Satisfactory. Every failed rule comes
// back with its code and an Arabic message giving the figures.
func ExampleRegulation_Eligibility() {
	reg := promotion.DefaultRegulation()
	v := promotion.Vacancy{
		ID: "J-1021", Title: i18n.Text{AR: "أخصائي موارد بشرية أول", EN: "Senior HR specialist"},
		Rank: 10, Positions: 1, MinQualification: promotion.Bachelor,
		RequiredExperience: hijri.Period{Years: 2},
	}
	c := promotion.Candidate{
		NationalID:      identity.MustParseNationalID("1000000008"),
		VacancyID:       "J-1021",
		Rank:            9,
		Step:            4,
		RankDate:        hijri.MustNew(1445, 1, 20),
		AppointmentDate: hijri.MustNew(1432, 3, 1),
		Qualifications:  []promotion.Qualification{{Level: promotion.Bachelor, Field: "hr"}},
		Rating:          2,
		Penalties: []promotion.Penalty{
			{Kind: promotion.SalaryDeduction, Date: hijri.MustNew(1446, 2, 10), Days: 10},
			{Kind: promotion.SalaryDeduction, Date: hijri.MustNew(1446, 6, 3), Days: 5},
		},
	}
	c.RankDays[9] = 582 // legal days, net of Reg art 48(b) exclusions

	dec := reg.Eligibility(&c, &v, hijri.MustNew(1446, 9, 15))
	fmt.Println("eligible:", dec.Eligible)
	for _, r := range dec.Reasons {
		fmt.Println(r.Code)
		fmt.Println(" ", r.Message.AR)
	}
	// Output:
	// eligible: false
	// promotion.experience
	//   الخبرة المحتسبة للترقية في المرتبة ٩ هي سنة و٧ أشهر و١٢ يوماً، والمطلوب سنتان (المواد 48/أ/2 و50 و53 من اللائحة التنفيذية للموارد البشرية)
	// promotion.salary_deduction
	//   حُسم من راتبه ١٥ يوماً خلال السنة السابقة للنظر في الترقية (من ١٥ رمضان ١٤٤٥ هـ إلى ١٥ رمضان ١٤٤٦ هـ)، والحسم ١٥ يوماً فأكثر يمنع النظر في الترقية (المادة 49/د من اللائحة التنفيذية للموارد البشرية)
	// promotion.rating
	//   تقويم الأداء الأخير مرضي (٢)، والمطلوب جيد (٣) على الأقل (المادة 49/هـ من اللائحة التنفيذية للموارد البشرية)
}

// Rank 6, step 9 (8,505 SAR) promoted to rank 7: step 1 (7,010) is below
// the current salary, so the first step above it that also gives at least
// rank 6's increment (305) is step 6 (CSL art 18(b)).
func ExamplePlace() {
	p, err := promotion.Place(promotion.GeneralScale(), 6, 9, 7)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("rank %d step %d: %s SAR → rank %d step %d: %s SAR (+%s, at least %s)\n",
		p.FromRank, p.FromStep, p.OldSalary, p.ToRank, p.ToStep, p.NewSalary, p.Raise, p.MinRaise)
	// Output:
	// rank 6 step 9: 8505 SAR → rank 7 step 6: 8835 SAR (+330, at least 305)
}

// A round with one accountant post and three candidates. The rating
// weighs 70 and the interview 30; the interview is also the tie-break
// element. Two candidates tie on points and on the interview, so the
// earlier appointment date wins.
func ExampleRankCandidates() {
	reg := promotion.DefaultRegulation()
	settings := promotion.Settings{
		Criteria: []promotion.Weight{
			{Criterion: promotion.CriterionRating, Weight: decimal.NewFromInt(70)},
			{Criterion: promotion.CriterionInterview, Weight: decimal.NewFromInt(30), Max: decimal.NewFromInt(10)},
		},
		TieBreak: promotion.CriterionInterview,
	}
	vacancies := []promotion.Vacancy{{ID: "ACC-7", Rank: 7, Positions: 1, RequiredExperience: hijri.Period{Years: 1}}}
	candidate := func(id string, rating int, interview string, appointed hijri.Date) promotion.Candidate {
		c := promotion.Candidate{
			NationalID: identity.MustParseNationalID(id), VacancyID: "ACC-7", Rank: 6, Step: 5,
			AppointmentDate: appointed, Rating: rating,
			Scores: promotion.Scores{Interview: decimal.RequireFromString(interview)},
		}
		c.RankDays[6] = 400
		return c
	}
	cs := []promotion.Candidate{
		candidate("1010101010", 4, "8.5", hijri.MustNew(1431, 5, 1)),
		candidate("1000000008", 4, "8.5", hijri.MustNew(1429, 11, 20)),
		candidate("1058529940", 5, "6", hijri.MustNew(1435, 1, 1)),
	}
	rk, err := promotion.RankCandidates(&reg, &settings, vacancies, cs, hijri.MustNew(1447, 1, 1))
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range rk.Entries {
		below := e.SeparatedBy.String()
		if below == "" {
			below = "-"
		}
		fmt.Printf("%d %s rating %s + interview %s = %s winner=%v below-by=%s\n", e.Position, e.NationalID,
			e.Points[promotion.CriterionRating-1], e.Points[promotion.CriterionInterview-1], e.Total, e.Winner, below)
	}
	// Output:
	// 1 1058529940 rating 70.00 + interview 18.00 = 88.00 winner=true below-by=-
	// 2 1000000008 rating 56.00 + interview 25.50 = 81.50 winner=false below-by=total
	// 3 1010101010 rating 56.00 + interview 25.50 = 81.50 winner=false below-by=appointment_date
}
