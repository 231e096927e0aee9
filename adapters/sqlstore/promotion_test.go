package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/pgcopy"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

var _ promotion.Store = (*sqlstore.Store)(nil)

func TestPromotionConformance(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			promotiontest.Run(t, func(t *testing.T) promotion.Store { s, _ := target.Open(t); return s })
		})
	}
}

var promotionNow = time.Date(2025, 6, 26, 9, 0, 0, 0, time.UTC)

func testRound(id, agency string, at time.Time) promotion.Round {
	return promotion.Round{
		ID: id, AgencyID: agency, Title: i18n.Text{AR: "دورة", EN: "Round"}, Status: promotion.RoundOpen,
		ConsiderationDate: promotiontest.AsOf, Settings: promotiontest.Settings(), Regulation: promotion.DefaultRegulation(),
		CreatedAt: at, UpdatedAt: at,
	}
}

func requireDecimal(t *testing.T, want string, got decimal.Decimal, what string) {
	t.Helper()
	w := decimal.RequireFromString(want)
	assert.Truef(t, w.Equal(got), "%s: want %s got %s", what, w, got)
}

// Salaries and scores come back exactly, through TEXT in SQLite and NUMERIC
// in PostgreSQL, at the scales the domain uses and beyond.
func TestPromotionDecimalsExact(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			r := testRound("r1", "moh", promotionNow)
			r, err := s.CreateRound(ctx, r)
			require.NoError(t, err)
			g := promotiontest.NewGenerator(31)
			vs := g.Vacancies(1)
			c := g.Candidate(&vs[0], promotiontest.AsOf)
			c.Scores = promotion.Scores{Initiatives: decimal.RequireFromString("12345.67"), Training: decimal.RequireFromString("0.10"),
				Interview: decimal.RequireFromString("99999999999999999999.9999"), Test: decimal.RequireFromString("-0.0001")}
			r, err = s.PutCandidates(ctx, r, []promotion.Candidate{c})
			require.NoError(t, err)
			got, err := s.GetCandidate(ctx, "r1", c.VacancyID, c.NationalID.String())
			require.NoError(t, err)
			requireDecimal(t, "12345.67", got.Scores.Initiatives, "initiatives")
			requireDecimal(t, "0.1", got.Scores.Training, "training")
			requireDecimal(t, "99999999999999999999.9999", got.Scores.Interview, "interview")
			requireDecimal(t, "-0.0001", got.Scores.Test, "test")

			d := promotion.PromotionDecision{ID: "d1", RoundID: "r1", AgencyID: "moh", VacancyID: c.VacancyID, NationalID: c.NationalID,
				Position: 1, Total: 8812, ScaleCode: "general", DecisionDate: hijri.MustNew(1447, 2, 10),
				EffectiveDate: hijri.MustNew(1447, 2, 10), CreatedAt: promotionNow,
				Placement: promotion.Placement{FromRank: 6, FromStep: 9, ToRank: 7, ToStep: 6,
					OldSalary: decimal.RequireFromString("12345.67"), NewSalary: decimal.RequireFromString("12675.67"),
					Raise: decimal.RequireFromString("330.00"), MinRaise: decimal.RequireFromString("0.01")}}
			_, err = s.CreatePromotionDecisions(ctx, r, []promotion.PromotionDecision{d})
			require.NoError(t, err)
			gotD, err := s.GetPromotionDecision(ctx, "d1")
			require.NoError(t, err)
			requireDecimal(t, "12345.67", gotD.Placement.OldSalary, "old salary")
			requireDecimal(t, "12675.67", gotD.Placement.NewSalary, "new salary")
			requireDecimal(t, "330", gotD.Placement.Raise, "raise")
			requireDecimal(t, "0.01", gotD.Placement.MinRaise, "min raise")
			assert.Equal(t, promotion.Points(8812), gotD.Total)
		})
	}
}

// A write joined to a transaction that rolls back leaves no candidates and
// the round's version as it was.
func TestPromotionPutCandidatesInRolledBackTx(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			_, err := s.CreateRound(ctx, testRound("r1", "moh", promotionNow))
			require.NoError(t, err)
			rd := promotiontest.NewRound(32, 5000)
			boom := errors.New("boom")
			err = s.InTx(ctx, func(ctx context.Context) error {
				r, err := s.GetRound(ctx, "r1")
				require.NoError(t, err)
				_, err = s.PutCandidates(ctx, r, rd.Candidates)
				require.NoError(t, err)
				n, err := s.CountCandidates(ctx, "r1")
				require.NoError(t, err)
				assert.Equal(t, 5000, n, "the transaction sees its own writes")
				return boom
			})
			require.ErrorIs(t, err, boom)
			n, err := s.CountCandidates(ctx, "r1")
			require.NoError(t, err)
			assert.Zero(t, n)
			r, err := s.GetRound(ctx, "r1")
			require.NoError(t, err)
			assert.Equal(t, int64(1), r.Version)
		})
	}
}

// Results and decisions past one statement's placeholder limit are stored
// whole, in order; keys order byte by byte (COLLATE "C" on PostgreSQL), as
// memstore orders them.
func TestPromotionLargeResultsDecisionsAndByteOrder(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			ctx := context.Background()
			r, err := s.CreateRound(ctx, testRound("r1", "moh", promotionNow))
			require.NoError(t, err)
			gen := promotiontest.NewGenerator(35)
			const nResults, nDecisions = 10_001, 3_001
			entries := make([]promotion.Entry, nResults)
			for i := range entries {
				entries[i] = promotion.Entry{Index: i, VacancyID: fmt.Sprintf("V%d", i%7), NationalID: gen.NationalID(),
					Eligible: i%3 != 0, Position: i, Winner: i%11 == 0, Total: promotion.Points(i), SeparatedBy: promotion.SeparatedByTotal}
				entries[i].Points[1] = promotion.Points(i * 2)
				if i%3 == 0 {
					entries[i].Failed = promotion.Rules(promotion.RuleRating)
				}
			}
			r, err = s.SaveRoundResults(ctx, r, entries)
			require.NoError(t, err)
			got, err := s.ListRoundResults(ctx, "r1", promotion.ResultFilter{})
			require.NoError(t, err)
			require.Len(t, got, nResults)
			for i := range got {
				require.Equal(t, i, got[i].Seq)
				require.Equal(t, entries[i], got[i].Entry, "result %d", i)
			}
			winners, err := s.ListRoundResults(ctx, "r1", promotion.ResultFilter{VacancyID: "V3", WinnersOnly: true, After: "4999", Limit: 10})
			require.NoError(t, err)
			require.NotEmpty(t, winners)
			for _, w := range winners {
				assert.True(t, w.Winner && w.VacancyID == "V3" && w.Seq >= 5000)
			}

			// Vacancy IDs whose byte order differs from a linguistic order.
			vacancies := []string{"b", "B", "a", "Z", "ä", "V-10", "V_2", "v2"}
			ds := make([]promotion.PromotionDecision, nDecisions)
			for i := range ds {
				ds[i] = promotion.PromotionDecision{ID: fmt.Sprintf("d%05d", i), RoundID: "r1", AgencyID: "moh",
					VacancyID: vacancies[i%len(vacancies)], NationalID: gen.NationalID(), Position: i / len(vacancies), CreatedAt: promotionNow}
			}
			r, err = s.CreatePromotionDecisions(ctx, r, ds)
			require.NoError(t, err)
			listed, err := s.ListPromotionDecisions(ctx, promotion.DecisionFilter{RoundID: "r1"})
			require.NoError(t, err)
			require.Len(t, listed, nDecisions)
			for i := 1; i < len(listed); i++ {
				a, b := listed[i-1], listed[i]
				require.True(t, a.VacancyID < b.VacancyID || a.VacancyID == b.VacancyID && a.Position <= b.Position,
					"decision order at %d: %s/%d then %s/%d", i, a.VacancyID, a.Position, b.VacancyID, b.Position)
			}

			cs := make([]promotion.Candidate, 0, len(vacancies))
			for _, v := range vacancies {
				vac := promotion.Vacancy{ID: v, Rank: 7, Positions: 1}
				cs = append(cs, gen.Candidate(&vac, promotiontest.AsOf))
			}
			_, err = s.PutCandidates(ctx, r, cs)
			require.NoError(t, err)
			page, err := s.ListCandidates(ctx, "r1", promotion.CandidateFilter{After: cs[3].Cursor(), Limit: 3}) // vacancy "Z"
			require.NoError(t, err)
			var ids []string
			for _, c := range page {
				ids = append(ids, c.VacancyID)
			}
			assert.Equal(t, []string{"a", "b", "v2"}, ids, "byte order: 'V-10' < 'V_2' < 'Z' < 'a' < 'b' < 'v2' < 'ä'")
		})
	}
}

// Every method returns the context's error when it is done before it
// starts, and changes nothing.
func TestPromotionContextCancelled(t *testing.T) {
	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			s, _ := target.Open(t)
			r, err := s.CreateRound(context.Background(), testRound("r1", "moh", promotionNow))
			require.NoError(t, err)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			check := func(what string, err error) {
				t.Helper()
				assert.ErrorIs(t, err, context.Canceled, what)
			}
			_, err = s.CreateRound(ctx, testRound("r2", "moh", promotionNow))
			check("CreateRound", err)
			_, err = s.GetRound(ctx, "r1")
			check("GetRound", err)
			_, err = s.UpdateRound(ctx, r)
			check("UpdateRound", err)
			_, err = s.ListRounds(ctx, promotion.RoundFilter{})
			check("ListRounds", err)
			_, err = s.PutCandidates(ctx, r, nil)
			check("PutCandidates", err)
			_, err = s.ListCandidates(ctx, "r1", promotion.CandidateFilter{})
			check("ListCandidates", err)
			_, err = s.CountCandidates(ctx, "r1")
			check("CountCandidates", err)
			_, err = s.GetCandidate(ctx, "r1", "V1", "1000000008")
			check("GetCandidate", err)
			_, err = s.SaveRoundResults(ctx, r, nil)
			check("SaveRoundResults", err)
			_, err = s.ListRoundResults(ctx, "r1", promotion.ResultFilter{})
			check("ListRoundResults", err)
			_, err = s.CreatePromotionDecisions(ctx, r, nil)
			check("CreatePromotionDecisions", err)
			_, err = s.GetPromotionDecision(ctx, "d1")
			check("GetPromotionDecision", err)
			_, err = s.ListPromotionDecisions(ctx, promotion.DecisionFilter{})
			check("ListPromotionDecisions", err)
			got, err := s.GetRound(context.Background(), "r1")
			require.NoError(t, err)
			assert.Equal(t, int64(1), got.Version)
		})
	}
}

// The services' promotion queries use indexes on PostgreSQL.
func TestPromotionExplain(t *testing.T) {
	s, db := sqlstoretest.OpenPostgres(t)
	ctx := context.Background()
	require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
		for i := range 500 {
			if _, err := s.CreateRound(ctx, testRound(fmt.Sprintf("r%03d", i), fmt.Sprintf("agency-%02d", i%25), promotionNow.Add(time.Duration(i)*time.Hour))); err != nil {
				return err
			}
		}
		return nil
	}))
	r, err := s.GetRound(ctx, "r001")
	require.NoError(t, err)
	rd := promotiontest.NewRound(33, 20_000)
	r.Vacancies = rd.Vacancies
	_, err = s.PutCandidates(ctx, r, rd.Candidates)
	require.NoError(t, err)
	gen := promotiontest.NewGenerator(34)
	require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
		for i := 100; i < 200; i++ {
			r, err := s.GetRound(ctx, fmt.Sprintf("r%03d", i))
			if err != nil {
				return err
			}
			ds := make([]promotion.PromotionDecision, 20)
			for j := range ds {
				ds[j] = promotion.PromotionDecision{ID: fmt.Sprintf("d%03d-%02d", i, j), RoundID: r.ID, AgencyID: r.AgencyID,
					VacancyID: "V1", NationalID: gen.NationalID(), Position: j + 1, CreatedAt: promotionNow}
			}
			if _, err := s.CreatePromotionDecisions(ctx, r, ds); err != nil {
				return err
			}
		}
		return nil
	}))
	_, err = db.Exec(`ANALYZE`)
	require.NoError(t, err)

	q, args, err := s.RoundListQuery(ctx, promotion.RoundFilter{AgencyID: "agency-07", Limit: 20})
	require.NoError(t, err)
	explainUses(t, db, "promotion_rounds_agency", q, args...)
	q, args, err = s.RoundListQuery(ctx, promotion.RoundFilter{AgencyID: "agency-07", Status: promotion.RoundOpen, After: "r407", Limit: 20})
	require.NoError(t, err)
	explainUses(t, db, "promotion_rounds_agency", q, args...)
	last := rd.Candidates[123]
	q, args = s.CandidateListQuery("r001", promotion.CandidateFilter{After: last.Cursor(), Limit: 10_000})
	explainUses(t, db, "promotion_candidates_pkey", q, args...)
	q, args, err = s.DecisionListQuery(ctx, promotion.DecisionFilter{NationalID: last.NationalID.String()})
	require.NoError(t, err)
	explainUses(t, db, "promotion_decisions_person", q, args...)
	q, args, err = s.DecisionListQuery(ctx, promotion.DecisionFilter{RoundID: "r150", After: "d150-09", Limit: 5})
	require.NoError(t, err)
	explainUses(t, db, "promotion_decisions_order", q, args...)
}

// copyCounter is pgcopy.Copier counting the rows it copied, by table.
type copyCounter struct {
	pgcopy.Copier
	mu   *sync.Mutex
	rows map[string]int64
}

func (c copyCounter) CopyRows(ctx context.Context, dc any, table string, cols []string, rows [][]any) (int64, error) {
	n, err := c.Copier.CopyRows(ctx, dc, table, cols, rows)
	c.mu.Lock()
	c.rows[table] += n
	c.mu.Unlock()
	return n, err
}

func openWithCopy(t *testing.T, tg sqlstoretest.Target) (*sqlstore.Store, copyCounter) {
	t.Helper()
	cc := copyCounter{mu: &sync.Mutex{}, rows: map[string]int64{}}
	s, err := sqlstore.New(tg.OpenDB(t), tg.Dialect, &sqlstore.Options{BulkCopier: cc})
	require.NoError(t, err)
	require.NoError(t, s.Migrate(context.Background()))
	return s, cc
}

// The contract holds when candidates and results go through COPY; on
// SQLite the Copier cannot use the connection and the Store falls back to
// INSERTs.
func TestPromotionConformanceWithCopy(t *testing.T) {
	for _, tg := range sqlstoretest.Targets() {
		t.Run(tg.Name, func(t *testing.T) {
			promotiontest.Run(t, func(t *testing.T) promotion.Store { s, _ := openWithCopy(t, tg); return s })
		})
	}
}

// Candidates and results are copied, inside the caller's transaction (they
// roll back with it); putting candidates again replaces those with the same
// key and keeps the others.
func TestPromotionCopyInTransactionAndReplace(t *testing.T) {
	s, cc := openWithCopy(t, postgresTarget(t))
	ctx := context.Background()
	r, err := s.CreateRound(ctx, testRound("r1", "moh", promotionNow))
	require.NoError(t, err)
	rd := promotiontest.NewRound(36, 20_000)
	boom := errors.New("boom")
	err = s.InTx(ctx, func(ctx context.Context) error {
		r, err := s.PutCandidates(ctx, r, rd.Candidates)
		require.NoError(t, err)
		_, err = s.SaveRoundResults(ctx, r, make([]promotion.Entry, 3))
		require.NoError(t, err)
		n, err := s.CountCandidates(ctx, "r1")
		require.NoError(t, err)
		assert.Equal(t, len(rd.Candidates), n)
		return boom
	})
	require.ErrorIs(t, err, boom)
	assert.Equal(t, int64(len(rd.Candidates)), cc.rows["promotion_candidates"])
	assert.Equal(t, int64(3), cc.rows["promotion_results"])
	n, err := s.CountCandidates(ctx, "r1")
	require.NoError(t, err)
	assert.Zero(t, n, "rolled back with the caller's transaction")

	r, err = s.PutCandidates(ctx, r, rd.Candidates[:15_000])
	require.NoError(t, err)
	again := append([]promotion.Candidate(nil), rd.Candidates[10_000:]...)
	for i := range again {
		again[i].Name = fmt.Sprintf("again %d", i)
	}
	_, err = s.PutCandidates(ctx, r, again)
	require.NoError(t, err)
	got, err := allCandidates(ctx, s, "r1")
	require.NoError(t, err)
	require.Len(t, got, len(rd.Candidates))
	renamed := 0
	for _, c := range got {
		if strings.HasPrefix(c.Name, "again ") {
			renamed++
		}
	}
	assert.Equal(t, len(again), renamed, "the second put replaced the candidates of its keys, and only those")
}
