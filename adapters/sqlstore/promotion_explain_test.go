package sqlstore_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
)

// seedExplainRound stores round id with n generated candidates.
func seedExplainRound(t *testing.T, s *sqlstore.Store, id string, seed uint64, n int) promotiontest.Round {
	t.Helper()
	ctx := context.Background()
	rd := promotiontest.NewRound(seed, n)
	r := testRound(id, "moh", promotionNow.Add(time.Duration(seed)*time.Hour))
	r.Vacancies = rd.Vacancies
	r, err := s.CreateRound(ctx, r)
	require.NoError(t, err)
	_, err = s.PutCandidates(ctx, r, rd.Candidates)
	require.NoError(t, err)
	return rd
}

// planOf is the plan, one string, of ListCandidates's query for f, as the
// Store runs it.
func planOf(t *testing.T, s *sqlstore.Store, roundID string, f promotion.CandidateFilter) string {
	t.Helper()
	lines, err := s.ExplainCandidates(context.Background(), roundID, f)
	require.NoError(t, err)
	return strings.Join(lines, "\n")
}

// assertIndexOrder checks a PostgreSQL plan reads index in order: an index
// scan on it and no sort.
func assertIndexOrder(t *testing.T, plan, index, when string) {
	t.Helper()
	t.Logf("%s:\n%s", when, plan)
	assert.Contains(t, plan, "Index Scan using "+index, when)
	assert.NotContains(t, plan, "Sort", when)
	assert.NotContains(t, plan, "Bitmap", when)
}

// The candidate page query of a round read for ranking is planned on the
// primary key, in its order, whatever the statistics say: before the
// first ANALYZE (no statistics: PostgreSQL estimates a handful of rows and,
// left to itself, sorts the rest of the round for every page), after it,
// and for a round added after it (statistics that know only the other
// rounds). The same holds for the candidacy look-ups on migration 0007's
// index (national_id, round_id, vacancy_id).
func TestPromotionCandidatePlansWhateverTheStatistics(t *testing.T) {
	s, db := sqlstoretest.OpenPostgres(t)
	ctx := context.Background()
	rd := seedExplainRound(t, s, "r1", 1, 20_000)
	var stats int
	require.NoError(t, db.QueryRowContext(ctx, `SELECT count(*) FROM pg_stats
		WHERE schemaname = current_schema() AND tablename = 'promotion_candidates'`).Scan(&stats))
	require.Zero(t, stats, "the table has no statistics yet")
	natural := naturalPlan(t, db, s, "r1")
	t.Logf("the page query planned without the Store's setting, before ANALYZE (sorts: %v):\n%s",
		strings.Contains(natural, "Sort"), natural)

	check := func(when, roundID string, rd promotiontest.Round) {
		mid := rd.Candidates[len(rd.Candidates)/3]
		assertIndexOrder(t, planOf(t, s, roundID, promotion.CandidateFilter{Limit: 10_000}), "promotion_candidates_pkey", when+": first page")
		assertIndexOrder(t, planOf(t, s, roundID, promotion.CandidateFilter{After: mid.Cursor(), Limit: 10_000}),
			"promotion_candidates_pkey", when+": next page")
		// A vacancy's page: the primary key, or (before ANALYZE, on
		// PostgreSQL 18's skip scan) the person index, whose order is the
		// same once the vacancy is fixed; never a sort.
		assertIndexOrder(t, planOf(t, s, roundID, promotion.CandidateFilter{VacancyID: mid.VacancyID, After: mid.Cursor(), Limit: 100}),
			"promotion_candidates_", when+": a vacancy's page")
		plan := planOf(t, s, roundID, promotion.CandidateFilter{NationalID: mid.NationalID})
		t.Logf("%s: a person's candidacies in the round:\n%s", when, plan)
		assert.Contains(t, plan, "promotion_candidates_person", when)
		lines, err := s.ExplainRounds(ctx, promotion.RoundFilter{Candidate: mid.NationalID, Limit: 20})
		require.NoError(t, err)
		plan = strings.Join(lines, "\n")
		t.Logf("%s: the rounds a person is a candidate in:\n%s", when, plan)
		assert.Contains(t, plan, "promotion_candidates_person", when)
		assert.NotContains(t, plan, "Seq Scan on promotion_candidates", when)
	}
	check("before ANALYZE", "r1", rd)

	_, err := db.ExecContext(ctx, `ANALYZE`)
	require.NoError(t, err)
	check("after ANALYZE", "r1", rd)

	rd2 := seedExplainRound(t, s, "r2", 2, 20_000)
	check("a round added after ANALYZE", "r2", rd2)

	// The plans hold what they claim: the pages read the whole round, in order.
	cs, err := allCandidates(ctx, s, "r2")
	require.NoError(t, err)
	require.Len(t, cs, len(rd2.Candidates))
	for i := 1; i < len(cs); i++ {
		require.Less(t, cs[i-1].Cursor(), cs[i].Cursor())
	}
}

// naturalPlan is the first page's plan as PostgreSQL makes it from its
// statistics alone, for the log.
func naturalPlan(t *testing.T, db *sql.DB, s *sqlstore.Store, roundID string) string {
	t.Helper()
	q, args := s.CandidateListQuery(roundID, promotion.CandidateFilter{Limit: 10_000})
	rows, err := db.Query(`EXPLAIN `+q, args...)
	require.NoError(t, err)
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var l string
		require.NoError(t, rows.Scan(&l))
		lines = append(lines, l)
	}
	require.NoError(t, rows.Err())
	return strings.Join(lines, "\n")
}

// On SQLite the page query reads the primary key of the WITHOUT ROWID table
// in order (no temporary B-tree for the ORDER BY), and the candidacy
// look-ups use migration 0007's index, with or without statistics.
func TestPromotionCandidatePlansSQLite(t *testing.T) {
	s, db := sqlstoretest.Targets()[0].Open(t)
	ctx := context.Background()
	rd := seedExplainRound(t, s, "r1", 1, 5_000)
	mid := rd.Candidates[len(rd.Candidates)/3]
	for _, when := range []string{"before ANALYZE", "after ANALYZE"} {
		for _, f := range []promotion.CandidateFilter{{Limit: 10_000}, {After: mid.Cursor(), Limit: 10_000},
			{VacancyID: mid.VacancyID, After: mid.Cursor(), Limit: 100}} {
			plan := planOf(t, s, "r1", f)
			t.Logf("%s, %+v:\n%s", when, f, plan)
			assert.NotContains(t, plan, "TEMP B-TREE", when)
			assert.Contains(t, plan, "SEARCH promotion_candidates USING PRIMARY KEY", when)
		}
		plan := planOf(t, s, "r1", promotion.CandidateFilter{NationalID: mid.NationalID})
		t.Logf("%s, a person's candidacies in the round:\n%s", when, plan)
		assert.Contains(t, plan, "promotion_candidates_person", when)
		lines, err := s.ExplainRounds(ctx, promotion.RoundFilter{Candidate: mid.NationalID, Limit: 20})
		require.NoError(t, err)
		plan = strings.Join(lines, "\n")
		t.Logf("%s, the rounds a person is a candidate in:\n%s", when, plan)
		assert.Contains(t, plan, "promotion_candidates_person", when)
		_, err = db.ExecContext(ctx, `ANALYZE`)
		require.NoError(t, err)
	}
}
