package promotiontest_test

import (
	"fmt"
	"log"

	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

// A test or benchmark builds a whole round from a seed and ranks it.
func ExampleNewRound() {
	r := promotiontest.NewRound(1, 5000)
	fmt.Println(len(r.Vacancies), "vacancies,", len(r.Candidates), "candidates, as of", r.AsOf)

	rk, err := promotion.RankCandidates(&r.Regulation, &r.Settings, r.Vacancies, r.Candidates, r.AsOf)
	if err != nil {
		log.Fatal(err)
	}
	eligible := 0
	for _, e := range rk.Entries {
		if e.Eligible {
			eligible++
		}
	}
	fmt.Println("entries:", len(rk.Entries), "some eligible, some not:", eligible > 0 && eligible < len(rk.Entries))
	// Output:
	// 10 vacancies, 5000 candidates, as of 1447-01-01
	// entries: 5000 some eligible, some not: true
}

// The Generator builds the parts separately, for tests that need their own
// vacancies or check candidates against the rules one by one.
func ExampleGenerator() {
	g := promotiontest.NewGenerator(7)
	vs := g.Vacancies(3)
	cs := g.Candidates(100, vs, promotiontest.AsOf)
	fmt.Println(vs[0].ID, vs[1].ID, vs[2].ID, len(cs))

	byID := map[string]*promotion.Vacancy{}
	for i := range vs {
		byID[vs[i].ID] = &vs[i]
	}
	reg := promotion.DefaultRegulation()
	ids := map[string]bool{}
	eligible := 0
	for i := range cs {
		ids[cs[i].NationalID.String()] = true
		if reg.Eligibility(&cs[i], byID[cs[i].VacancyID], promotiontest.AsOf).Eligible {
			eligible++
		}
	}
	fmt.Println("unique IDs:", len(ids) == len(cs), "eligible:", eligible)
	// Output:
	// V0001 V0002 V0003 100
	// unique IDs: true eligible: 79
}
