package promotion_test

import (
	"runtime"
	"testing"

	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

// benchmarkRank ranks a generated round of n candidates (about 60%
// eligible, n/500 vacancies). Generation is outside the timed loop. B/cand
// is the memory allocated per candidate per ranking.
func benchmarkRank(b *testing.B, n int) {
	r := promotiontest.NewRound(1, n)
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var rk *promotion.Ranking
	ops := 0
	for b.Loop() {
		ops++
		var err error
		rk, err = promotion.RankCandidates(&r.Regulation, &r.Settings, r.Vacancies, r.Candidates, r.AsOf)
		if err != nil {
			b.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(ops*n), "B/cand")
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
