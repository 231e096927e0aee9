package promotiontest

import (
	"fmt"
	"math/rand/v2"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/promotion"
)

// AsOf is the consideration date of generated rounds: 1 Muharram 1447 AH
// (2025-06-26).
var AsOf = hijri.MustNew(1447, 1, 1)

// Fields are the specialisation codes generated qualifications and vacancies use.
var Fields = []string{"accounting", "law", "it", "hr", "engineering", "admin", "statistics", "economics"}

// Settings returns announced settings that use every criterion: rating 40,
// initiatives 15 (out of 20), training 15 (out of 100), interview 15 (out of
// 10), test 15 (out of 100); tie-break element the interview.
func Settings() promotion.Settings {
	w := func(c promotion.Criterion, weight, max int64) promotion.Weight {
		return promotion.Weight{Criterion: c, Weight: decimal.NewFromInt(weight), Max: decimal.NewFromInt(max)}
	}
	return promotion.Settings{
		Criteria: []promotion.Weight{
			w(promotion.CriterionRating, 40, 0),
			w(promotion.CriterionInitiatives, 15, 20),
			w(promotion.CriterionTraining, 15, 100),
			w(promotion.CriterionInterview, 15, 10),
			w(promotion.CriterionTest, 15, 100),
		},
		TieBreak: promotion.CriterionInterview,
	}
}

// Generator builds realistic promotion data. The same seed gives the same
// data. A Generator is not safe for concurrent use.
type Generator struct {
	rng   *rand.Rand
	ids   *identitytest.Generator
	seen  map[identity.NationalID]struct{}
	scale *promotion.Scale
	// decimals caches score values: decimals are immutable, so candidates
	// share them, which keeps a million generated candidates small.
	tenths, wholes, hundredths []decimal.Decimal
}

// NewGenerator returns a Generator seeded with seed.
func NewGenerator(seed uint64) *Generator {
	g := &Generator{
		rng:   rand.New(rand.NewPCG(seed, seed^0x5bd1e995)),
		ids:   identitytest.NewGenerator(seed),
		seen:  map[identity.NationalID]struct{}{},
		scale: promotion.GeneralScale(),
	}
	for i := range 101 {
		g.tenths = append(g.tenths, decimal.New(int64(i), -1))    // 0.0 .. 10.0
		g.wholes = append(g.wholes, decimal.NewFromInt(int64(i))) // 0 .. 100
	}
	for i := range 10001 {
		g.hundredths = append(g.hundredths, decimal.New(int64(i), -2)) // 0.00 .. 100.00
	}
	return g
}

// NationalID returns a citizen national ID not returned before by g.
func (g *Generator) NationalID() identity.NationalID {
	for {
		id := g.ids.Citizen()
		if _, dup := g.seen[id]; !dup {
			g.seen[id] = struct{}{}
			return id
		}
	}
}

// date returns a valid date of year y with a random month and day.
func (g *Generator) date(y int) hijri.Date {
	m := hijri.Month(1 + g.rng.IntN(12))
	return hijri.Date{Year: y, Month: m, Day: 1 + g.rng.IntN(hijri.DaysInMonth(y, m))}
}

// before returns the date about days (real days) before asOf.
func before(asOf hijri.Date, days int) hijri.Date {
	d, err := asOf.AddDays(-days)
	if err != nil {
		panic(err)
	}
	return d
}

// Vacancies returns n vacancies in ranks 4–15 (mostly 5–10), with 1–20
// posts each, qualification and experience requirements by rank, and
// every 25th one exceptional. IDs are "V0001", "V0002", …
func (g *Generator) Vacancies(n int) []promotion.Vacancy {
	out := make([]promotion.Vacancy, n)
	for i := range out {
		rank := 5 + g.rng.IntN(6)
		switch g.rng.IntN(10) {
		case 0:
			rank = 11 + g.rng.IntN(3)
		case 1:
			rank = 14 + g.rng.IntN(2)
		}
		v := promotion.Vacancy{
			ID:        fmt.Sprintf("V%04d", i+1),
			JobCode:   fmt.Sprintf("%d%03d", rank, g.rng.IntN(1000)),
			Title:     i18n.Text{AR: "أخصائي " + fmt.Sprint(i+1), EN: fmt.Sprintf("Specialist %d", i+1)},
			Rank:      rank,
			Positions: 1 + g.rng.IntN(20),
		}
		switch {
		case rank <= 5:
			v.MinQualification = promotion.Diploma
		case rank <= 10:
			v.MinQualification = promotion.Bachelor
		default:
			v.MinQualification = promotion.Master
		}
		if g.rng.IntN(2) == 0 {
			v.Fields = []string{Fields[g.rng.IntN(len(Fields))], Fields[g.rng.IntN(len(Fields))]}
		}
		if rank <= 10 {
			v.RequiredExperience = hijri.Period{Years: 1 + g.rng.IntN(3)}
		}
		if i%25 == 24 && rank >= 6 {
			v.Exceptional = true
		}
		out[i] = v
	}
	return out
}

// Candidate returns a candidate for v considered on asOf. About 60%
// are eligible; the others fail one or more rules at realistic rates
// (experience, rating, penalties, statuses, spacing, qualification).
// Appointment dates and tie-break scores repeat often, so ties are common.
// Ranks and steps exist on the general scale.
func (g *Generator) Candidate(v *promotion.Vacancy, asOf hijri.Date) promotion.Candidate {
	r := g.rng
	step := 1
	if v.Exceptional {
		step = 2
	}
	rank := v.Rank - step
	if r.IntN(50) == 0 {
		rank-- // applies for a job two ranks up
	}
	rank = max(rank, 1)
	c := promotion.Candidate{
		NationalID: g.NationalID(),
		VacancyID:  v.ID,
		Rank:       rank,
		Step:       1,
		Rating:     []int{5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 2, 1}[r.IntN(15)],
	}
	if sr, ok := g.scale.Rank(rank); ok {
		c.Step = 1 + r.IntN(sr.Steps)
	}
	// Experience in the current rank: 0.5 to 8.5 legal years, mostly over 2;
	// the rank below too.
	days := 720 + r.IntN(2340)
	if r.IntN(8) == 0 {
		days = 180 + r.IntN(540)
	}
	c.RankDays[rank] = int32(days)
	if rank > 1 {
		c.RankDays[rank-1] = int32(360 + r.IntN(1800))
	}
	c.RankDate = before(asOf, days*354/360)
	c.RatingDate = before(asOf, 60+r.IntN(200))
	// Appointment 1405–1440; half of them on the 1st of a month, as batch
	// appointments are, so that equal appointment dates happen.
	day := 1
	if r.IntN(2) == 0 {
		day = 1 + r.IntN(29)
	}
	c.AppointmentDate = hijri.MustNew(1405+r.IntN(36), 1+r.IntN(12), day)
	if c.AppointmentDate.After(c.RankDate) {
		c.AppointmentDate = c.RankDate
	}
	c.BirthDate = g.date(c.AppointmentDate.Year - 20 - r.IntN(10))

	field := Fields[r.IntN(len(Fields))]
	if len(v.Fields) > 0 && r.IntN(25) != 0 {
		field = v.Fields[r.IntN(len(v.Fields))]
	}
	level := v.MinQualification
	if r.IntN(30) == 0 {
		level--
	} else if r.IntN(4) == 0 {
		level++
	}
	c.Qualifications = []promotion.Qualification{{Level: level, Field: field}}

	if r.IntN(20) == 0 {
		kind := promotion.StatusKind(1 + r.IntN(7))
		from := before(asOf, r.IntN(400))
		to := before(asOf, -r.IntN(300))
		c.Statuses = []promotion.Status{{Kind: kind, From: from, To: to}}
	}
	if r.IntN(15) == 0 {
		kind := promotion.PenaltyKind(1 + r.IntN(4))
		p := promotion.Penalty{Kind: kind, Date: before(asOf, 1+r.IntN(900))}
		if kind == promotion.SalaryDeduction {
			p.Days = 1 + r.IntN(20)
		}
		c.Penalties = []promotion.Penalty{p}
	}
	if r.IntN(10) != 0 {
		c.Promotions = []promotion.PastPromotion{{Date: c.RankDate, Exceptional: r.IntN(40) == 0}}
	}
	c.Scores = promotion.Scores{
		Initiatives: g.wholes[r.IntN(21)],
		Training:    g.wholes[r.IntN(101)],
		Interview:   g.tenths[r.IntN(101)],
		Test:        g.hundredths[r.IntN(10001)],
	}
	return c
}

// Candidates returns n candidates spread over vacancies (each candidate
// applies to one vacancy), considered on asOf. National IDs are unique.
func (g *Generator) Candidates(n int, vacancies []promotion.Vacancy, asOf hijri.Date) []promotion.Candidate {
	out := make([]promotion.Candidate, n)
	for i := range out {
		out[i] = g.Candidate(&vacancies[g.rng.IntN(len(vacancies))], asOf)
	}
	return out
}

// Round is a generated round, ready for promotion.RankCandidates.
type Round struct {
	Regulation promotion.Regulation  `json:"regulation"` // DefaultRegulation
	Settings   promotion.Settings    `json:"settings"`   // Settings()
	Vacancies  []promotion.Vacancy   `json:"vacancies"`  // the vacancies
	Candidates []promotion.Candidate `json:"candidates"` // the candidates, each for one vacancy
	AsOf       hijri.Date            `json:"as_of"`      // the consideration date
}

// NewRound returns a round of n candidates over about n/500 vacancies
// (between 1 and 2,000), under DefaultRegulation and Settings, considered
// on AsOf, generated from seed.
func NewRound(seed uint64, n int) Round {
	g := NewGenerator(seed)
	vs := g.Vacancies(min(max(n/500, 1), 2000))
	return Round{
		Regulation: promotion.DefaultRegulation(),
		Settings:   Settings(),
		Vacancies:  vs,
		Candidates: g.Candidates(n, vs, AsOf),
		AsOf:       AsOf,
	}
}
