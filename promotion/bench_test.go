package promotion_test

import (
	"testing"

	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

func benchmarkRank(b *testing.B, n int) {
	r := promotiontest.NewRound(1, n)
	b.ReportAllocs()
	b.ResetTimer()
	var rk *promotion.Ranking
	for b.Loop() {
		var err error
		rk, err = promotion.RankCandidates(&r.Regulation, &r.Settings, r.Vacancies, r.Candidates, r.AsOf)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	eligible := 0
	for _, v := range rk.Vacancies {
		eligible += v.Eligible
	}
	b.ReportMetric(float64(eligible)/float64(n), "eligible/cand")
}

// BenchmarkRankRound100k ranks a round of 100,000 candidates: eligibility,
// scores, order and winners.
func BenchmarkRankRound100k(b *testing.B) { benchmarkRank(b, 100_000) }

// BenchmarkRankRound1M ranks a round of 1,000,000 candidates.
func BenchmarkRankRound1M(b *testing.B) { benchmarkRank(b, 1_000_000) }
