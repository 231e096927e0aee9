package sqlstore_test

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/pgcopy"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

// A stored promotion round at a ministry's scale. -promotion.n sets the
// round's size (default 100,000 candidates over 200 vacancies). Each
// benchmark runs on memstore, SQLite, PostgreSQL, and PostgreSQL with
// pgcopy's COPY ("postgres+copy"; PostgreSQL only with
// MASAR_TEST_POSTGRES_DSN set). Generation and seeding are outside the
// timer; B/candidate is what the timed part allocates per candidate.
//
//	MASAR_TEST_POSTGRES_DSN=… go test -run '^$' -bench 'RankRound|PutCandidates|SaveRoundResults|StorePath' \
//	  -benchmem -count 3 ./adapters/sqlstore/
var promotionN = flag.Int("promotion.n", 100_000, "candidates of the round in the sqlstore promotion benchmarks")

// promotionTarget is a Store to benchmark.
type promotionTarget struct {
	name string
	open func(b *testing.B) promotion.Store
}

func promotionTargets() []promotionTarget {
	out := []promotionTarget{{"memstore", func(*testing.B) promotion.Store { return memstore.New(nil) }}}
	for _, tg := range sqlstoretest.Targets() {
		out = append(out, promotionTarget{tg.Name, func(b *testing.B) promotion.Store { s, _ := tg.Open(b); return s }})
		if tg.Dialect == sqlstore.PostgreSQL {
			out = append(out, promotionTarget{tg.Name + "+copy", func(b *testing.B) promotion.Store {
				s, err := sqlstore.New(tg.OpenDB(b), tg.Dialect, &sqlstore.Options{BulkCopier: pgcopy.Copier{}})
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Migrate(context.Background()); err != nil {
					b.Fatal(err)
				}
				return s
			}})
		}
	}
	return out
}

// benchRound returns a generated round of n candidates, each with a name
// (as the facade's candidates have, from the file).
func benchRound(n int) promotiontest.Round {
	rd := promotiontest.NewRound(1, n)
	given := []string{"محمد", "عبدالله", "فهد", "نورة", "سارة", "خالد", "ريم", "سلطان", "هند", "تركي", "لمى", "ناصر"}
	family := []string{"العتيبي", "القحطاني", "الشمري", "الدوسري", "الغامدي", "الزهراني", "المطيري", "الحربي", "السبيعي"}
	for i := range rd.Candidates {
		rd.Candidates[i].Name = given[i%len(given)] + " " + given[(i/7)%len(given)] + " " + family[(i/3)%len(family)]
	}
	return rd
}

// newBenchRound creates an open round for rd under id and returns it as stored.
func newBenchRound(b *testing.B, s promotion.Store, id string, rd *promotiontest.Round) promotion.Round {
	b.Helper()
	r := promotion.Round{
		ID: id, AgencyID: "moh", Title: i18n.Text{AR: "دورة", EN: "Round"}, Status: promotion.RoundOpen,
		ConsiderationDate: rd.AsOf, Settings: rd.Settings, Regulation: rd.Regulation, Vacancies: rd.Vacancies,
		CreatedAt: promotionNow, UpdatedAt: promotionNow,
	}
	r.Digest = r.ComputeDigest()
	r, err := s.CreateRound(context.Background(), r)
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// allocMeter sums the bytes allocated between start and stop.
type allocMeter struct {
	ms     runtime.MemStats
	before uint64
	bytes  uint64
	ops    int
}

func (m *allocMeter) start() {
	runtime.ReadMemStats(&m.ms)
	m.before = m.ms.TotalAlloc
}

func (m *allocMeter) stop() {
	runtime.ReadMemStats(&m.ms)
	m.bytes += m.ms.TotalAlloc - m.before
	m.ops++
}

// report reports the bytes per candidate of n-candidate operations.
func (m *allocMeter) report(b *testing.B, n int) {
	if m.ops > 0 {
		b.ReportMetric(float64(m.bytes)/float64(m.ops*n), "B/candidate")
	}
}

// BenchmarkRankRound reads every candidate of a stored round in pages of
// 10,000, as promotion.Service.RankRound does, then ranks them with
// promotion.RankCandidates. read-ms/op and rank-ms/op split the time;
// read/rank is their ratio in the same run (the goal: ≤ 5 on PostgreSQL).
func BenchmarkRankRound(b *testing.B) {
	n := *promotionN
	rd := benchRound(n)
	for _, tg := range promotionTargets() {
		b.Run(fmt.Sprintf("%s/n=%d", tg.name, n), func(b *testing.B) {
			s := tg.open(b)
			ctx := context.Background()
			r := newBenchRound(b, s, "r1", &rd)
			r, err := s.PutCandidates(ctx, r, rd.Candidates)
			if err != nil {
				b.Fatal(err)
			}
			var read, rank time.Duration
			var m allocMeter
			b.ReportAllocs()
			for b.Loop() {
				m.start()
				t0 := time.Now()
				cs, err := allCandidates(ctx, s, r.ID)
				if err != nil {
					b.Fatal(err)
				}
				if len(cs) != n {
					b.Fatalf("read %d candidates, want %d", len(cs), n)
				}
				t1 := time.Now()
				if _, err := promotion.RankCandidates(&r.Regulation, &r.Settings, r.Vacancies, cs, r.ConsiderationDate); err != nil {
					b.Fatal(err)
				}
				rank += time.Since(t1)
				read += t1.Sub(t0)
				m.stop()
			}
			b.ReportMetric(read.Seconds()*1000/float64(m.ops), "read-ms/op")
			b.ReportMetric(rank.Seconds()*1000/float64(m.ops), "rank-ms/op")
			b.ReportMetric(read.Seconds()/rank.Seconds(), "read/rank")
			m.report(b, n)
		})
	}
}

// allCandidates reads a round's candidates as promotion.Service does.
func allCandidates(ctx context.Context, s promotion.Store, roundID string) ([]promotion.Candidate, error) {
	const page = 10000
	var out []promotion.Candidate
	after := ""
	for {
		cs, err := s.ListCandidates(ctx, roundID, promotion.CandidateFilter{After: after, Limit: page})
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
		if len(cs) < page {
			return out, nil
		}
		after = cs[len(cs)-1].Cursor()
	}
}

// BenchmarkPutCandidates stores a round's candidates in one call, as
// promotion.Service.AddCandidates does: each iteration into a new round
// (created outside the timer).
func BenchmarkPutCandidates(b *testing.B) {
	rd := benchRound(*promotionN)
	benchNewRoundWrite(b, &rd, func(ctx context.Context, s promotion.Store, r promotion.Round) error {
		_, err := s.PutCandidates(ctx, r, rd.Candidates)
		return err
	})
}

// benchNewRoundWrite runs write on every target, each iteration on a new
// round of rd's (created outside the timer), reporting B/candidate.
func benchNewRoundWrite(b *testing.B, rd *promotiontest.Round, write func(context.Context, promotion.Store, promotion.Round) error) {
	n := len(rd.Candidates)
	for _, tg := range promotionTargets() {
		b.Run(fmt.Sprintf("%s/n=%d", tg.name, n), func(b *testing.B) {
			s := tg.open(b)
			ctx := context.Background()
			var m allocMeter
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				r := newBenchRound(b, s, fmt.Sprintf("r%d", m.ops), rd)
				b.StartTimer()
				m.start()
				if err := write(ctx, s, r); err != nil {
					b.Fatal(err)
				}
				m.stop()
			}
			m.report(b, n)
		})
	}
}

// BenchmarkReplaceCandidates stores the candidates of a round again, all
// under keys already stored (an upsert of every one).
func BenchmarkReplaceCandidates(b *testing.B) {
	n := *promotionN
	rd := benchRound(n)
	for _, tg := range promotionTargets() {
		b.Run(fmt.Sprintf("%s/n=%d", tg.name, n), func(b *testing.B) {
			s := tg.open(b)
			ctx := context.Background()
			r, err := s.PutCandidates(ctx, newBenchRound(b, s, "r1", &rd), rd.Candidates)
			if err != nil {
				b.Fatal(err)
			}
			var m allocMeter
			b.ReportAllocs()
			for b.Loop() {
				m.start()
				if r, err = s.PutCandidates(ctx, r, rd.Candidates); err != nil {
					b.Fatal(err)
				}
				m.stop()
			}
			m.report(b, n)
		})
	}
}

// BenchmarkSaveRoundResults stores a ranking's results, as
// promotion.Service.RankRound does: each iteration for a new round.
func BenchmarkSaveRoundResults(b *testing.B) {
	rd := benchRound(*promotionN)
	rk, err := promotion.RankCandidates(&rd.Regulation, &rd.Settings, rd.Vacancies, rd.Candidates, rd.AsOf)
	if err != nil {
		b.Fatal(err)
	}
	benchNewRoundWrite(b, &rd, func(ctx context.Context, s promotion.Store, r promotion.Round) error {
		_, err := s.SaveRoundResults(ctx, r, rk.Entries)
		return err
	})
}

// BenchmarkStorePath is a round's whole store path through
// promotion.Service: AddCandidates of n candidates (checked, then written),
// and RankRound (read in pages, ranked, results saved), on a new open
// round each iteration. B/candidate covers everything the two calls
// allocate, input checks included (the goal: ≤ 1 KiB).
func BenchmarkStorePath(b *testing.B) {
	n := *promotionN
	rd := benchRound(n)
	for _, tg := range promotionTargets() {
		b.Run(fmt.Sprintf("%s/n=%d", tg.name, n), func(b *testing.B) {
			s := tg.open(b)
			ctx := context.Background()
			now := promotionNow
			svc := promotion.New(s, &promotion.Options{Now: func() time.Time { return now }})
			var add, rank time.Duration
			var m allocMeter
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				r := newBenchRound(b, s, fmt.Sprintf("r%d", m.ops), &rd)
				b.StartTimer()
				m.start()
				t0 := time.Now()
				r, err := svc.AddCandidates(ctx, r.ID, r.Version, rd.Candidates)
				if err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if _, _, err := svc.RankRound(ctx, r.ID, r.Version); err != nil {
					b.Fatal(err)
				}
				rank += time.Since(t1)
				add += t1.Sub(t0)
				m.stop()
			}
			b.ReportMetric(add.Seconds()*1000/float64(m.ops), "add-ms/op")
			b.ReportMetric(rank.Seconds()*1000/float64(m.ops), "rank-ms/op")
			m.report(b, n)
		})
	}
}
