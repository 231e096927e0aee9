package masar_test

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/pgcopy"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

var promotionN = flag.Int("promotion.n", 100_000, "candidates of the round in BenchmarkRankRound")

// promotionStoreTargets are storeTargets and PostgreSQL with pgcopy's COPY.
func promotionStoreTargets() []storeTarget {
	out := storeTargets()
	for _, tg := range sqlstoretest.Targets() {
		if tg.Dialect != sqlstore.PostgreSQL {
			continue
		}
		out = append(out, storeTarget{tg.Name + "+copy", func(t testing.TB) allStore {
			s, err := sqlstore.New(tg.OpenDB(t), tg.Dialect, &sqlstore.Options{BulkCopier: pgcopy.Copier{}})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Migrate(context.Background()); err != nil {
				t.Fatal(err)
			}
			return s
		}})
	}
	return out
}

// BenchmarkRankRound ranks an open round of -promotion.n candidates
// (default 100,000, over 200 vacancies) through the facade: the call's
// transaction and authorization, the candidates read in pages, the
// ranking, the results saved and the audit entry. The candidates are
// stored directly (outside the timer), and after each iteration the round
// is reopened and its results cleared, outside the timer too. B/candidate is what one ranking
// allocates per candidate.
//
//	MASAR_TEST_POSTGRES_DSN=… go test -run '^$' -bench RankRound -benchmem -count 3 ./masar/
func BenchmarkRankRound(b *testing.B) {
	n := *promotionN
	for _, st := range promotionStoreTargets() {
		b.Run(fmt.Sprintf("%s/n=%d", st.name, n), func(b *testing.B) {
			w := newClient(b, st.open(b))
			m := w.MOH.Manager
			in := w.roundInput(moh)
			g := promotiontest.NewGenerator(1)
			in.Vacancies = g.Vacancies(max(n/500, 1))
			cs := g.Candidates(n, in.Vacancies, in.ConsiderationDate)
			r, err := w.Client.CreateRound(w.Ctx, m, in)
			w.must(err)
			r, err = w.Client.AnnounceRound(w.Ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
			w.must(err)
			r, err = w.Client.OpenRound(w.Ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
			w.must(err)
			r, err = w.Store.PutCandidates(w.Ctx, r, cs)
			w.must(err)
			var ms runtime.MemStats
			var bytes uint64
			ops := 0
			b.ReportAllocs()
			for b.Loop() {
				runtime.ReadMemStats(&ms)
				before := ms.TotalAlloc
				ranked, rk, err := w.Client.RankRound(w.Ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
				w.must(err)
				if len(rk.Entries) != n {
					b.Fatalf("ranked %d candidates, want %d", len(rk.Entries), n)
				}
				runtime.ReadMemStats(&ms)
				bytes += ms.TotalAlloc - before
				ops++
				b.StopTimer()
				ranked.Status, ranked.RankedAt, ranked.UpdatedAt = promotion.RoundOpen, time.Time{}, w.Clock.Now().UTC()
				r, err = w.Store.SaveRoundResults(w.Ctx, ranked, nil) // reopened, its results cleared

				w.must(err)
				b.StartTimer()
			}
			b.ReportMetric(float64(bytes)/float64(ops*n), "B/candidate")
		})
	}
}
