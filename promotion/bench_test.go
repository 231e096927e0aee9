package promotion_test

import (
	"runtime"
	"testing"

	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

// benchmarkRank ranks a generated round of n candidates (about 60%
// eligible, n/500 vacancies). Generation is outside the timed loop. B/cand
// is the memory allocated per candidate per ranking; input-B/cand is what
// building the round's input (the candidates and their lists, as a caller
// holds them) allocates per candidate, and total-B/cand the sum: the ranking's cost
// with its input, before any store (the store path's is sqlstore's
// BenchmarkStorePath).
func benchmarkRank(b *testing.B, n int) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := promotiontest.NewRound(1, n)
	runtime.ReadMemStats(&after)
	input := float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
	b.ReportAllocs()
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
	perCand := float64(after.TotalAlloc-before.TotalAlloc) / float64(ops*n)
	b.ReportMetric(perCand, "B/cand")
	b.ReportMetric(input, "input-B/cand")
	b.ReportMetric(perCand+input, "total-B/cand")
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
