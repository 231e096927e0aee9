package sqlstore_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/pgcopy"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/separation"
	"github.com/masarhr/masar-go/separation/separationtest"
)

var (
	forecastN = flag.Int("forecast.n", 20_000,
		"stored retirements of BenchmarkRetirementForecast (the issue's figure: 1200000)")
	forecastSchema = flag.String("forecast.schema", "",
		"PostgreSQL schema that keeps BenchmarkRetirementForecast's retirements between runs (loaded once, never dropped); empty: a throwaway schema")
)

// The forecast's data: forecastAgencies agencies, the first (the large
// one) holding a fifth of the employees and the others the rest evenly;
// last days spread evenly over forecastDays days (some 38 Hijri years)
// from forecastToday, so that the next 12 months hold about 1/38 of each
// agency's employees.
const (
	forecastAgencies = 200
	forecastDays     = 13_500
	forecastPage     = 1_000
	forecastChunk    = 100_000
)

var forecastToday = hijri.MustNew(1447, 1, 1)

func forecastAgency(i int) string {
	if i%5 == 0 {
		return "AGY-000"
	}
	return fmt.Sprintf("AGY-%03d", 1+i%(forecastAgencies-1))
}

// BenchmarkRetirementForecast pages the retirement forecast
// (ListRetirements, forecastPage a page) over -forecast.n stored
// retirements of 200 agencies, on SQLite and PostgreSQL:
//
//	MASAR_TEST_POSTGRES_DSN=… go test ./adapters/sqlstore -run '^$' -bench 'BenchmarkRetirementForecast/postgres' \
//	    -benchtime 1x -timeout 60m -forecast.n 1200000 -forecast.schema masar_forecast_1200k
//
// agency_12_months is the whole forecast of the large agency (a fifth of
// the employees) for the next 12 months, paged to the end;
// all_agencies_12_months is every agency's forecast for the next 12 months;
// all_agencies_full is every agency's whole forecast, every stored
// retirement read (the goal: ≤ 5 s for 1.2 million on
// PostgreSQL, on the index, with no sequential scan). Each reports the
// rows it read (rows/op). The retirements are written with PutRetirements
// (COPY on PostgreSQL) in chunks of 100,000 outside the timer, then
// vacuumed and analysed (as autovacuum does after bulk inserts: the
// forecast's pages are index-only scans once the visibility map is set),
// and kept in -forecast.schema when set, so that they are loaded once.
func BenchmarkRetirementForecast(b *testing.B) {
	for _, tg := range sqlstoretest.Targets() {
		b.Run(tg.Name, func(b *testing.B) {
			s := forecastStore(b, tg, *forecastN)
			to, err := hijri.MustNew(forecastToday.Year+1, 1, 1).AddDays(-1)
			if err != nil {
				b.Fatal(err)
			}
			agencies := make([]string, forecastAgencies)
			for i := range agencies {
				agencies[i] = fmt.Sprintf("AGY-%03d", i)
			}
			b.Run("agency_12_months", func(b *testing.B) {
				benchForecast(b, s, agencies[:1], forecastToday, to)
			})
			b.Run("all_agencies_12_months", func(b *testing.B) {
				benchForecast(b, s, agencies, forecastToday, to)
			})
			b.Run("all_agencies_full", func(b *testing.B) {
				rows := benchForecast(b, s, agencies, hijri.Date{}, hijri.Date{})
				if rows != *forecastN {
					b.Fatalf("read %d retirements, want %d", rows, *forecastN)
				}
			})
		})
	}
}

// benchForecast pages the forecast of each agency from from to to, and
// returns the rows one run reads.
func benchForecast(b *testing.B, s *sqlstore.Store, agencies []string, from, to hijri.Date) int {
	ctx := context.Background()
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		rows = 0
		for _, agency := range agencies {
			after := ""
			for {
				page, err := s.ListRetirements(ctx, separation.RetirementFilter{AgencyID: agency, From: from, To: to,
					After: after, Limit: forecastPage})
				if err != nil {
					b.Fatal(err)
				}
				rows += len(page)
				if len(page) < forecastPage {
					break
				}
				after = page[len(page)-1].EmployeeID
			}
		}
	}
	b.ReportMetric(float64(rows), "rows/op")
	return rows
}

// forecastStore returns a Store holding n retirements (see the constants),
// in -forecast.schema on PostgreSQL when it is set and already loaded.
func forecastStore(b *testing.B, tg sqlstoretest.Target, n int) *sqlstore.Store {
	b.Helper()
	ctx := context.Background()
	var db *sql.DB
	if tg.Dialect == sqlstore.PostgreSQL && *forecastSchema != "" {
		db = keptPostgresDB(b, *forecastSchema)
	} else {
		db = tg.OpenDB(b)
	}
	var opts *sqlstore.Options
	if tg.Dialect == sqlstore.PostgreSQL {
		opts = &sqlstore.Options{BulkCopier: pgcopy.Copier{}}
	}
	s, err := sqlstore.New(db, tg.Dialect, opts)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var have int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM separation_retirements`).Scan(&have); err != nil {
		b.Fatal(err)
	}
	switch {
	case have == n:
		b.Logf("the schema already holds %d retirements", have)
		return s
	case have > 0:
		b.Fatalf("the schema holds %d retirements, not %d: drop schema %s first", have, n, *forecastSchema)
	}
	start := time.Now()
	f := separationtest.NewFixture(61)
	at := time.Date(2025, 6, 26, 2, 0, 0, 0, time.UTC)
	chunk := make([]separation.Retirement, 0, min(n, forecastChunk))
	for i := 0; i < n; i += forecastChunk {
		chunk = chunk[:0]
		for j := i; j < min(n, i+forecastChunk); j++ {
			day, err := forecastToday.AddDays(j * 7919 % forecastDays)
			if err != nil {
				b.Fatal(err)
			}
			f.Agency = forecastAgency(j)
			chunk = append(chunk, f.Retirement(fmt.Sprintf("emp-%07d", j), day, at))
		}
		if err := s.PutRetirements(ctx, chunk); err != nil {
			b.Fatal(err)
		}
	}
	analyze := `ANALYZE separation_retirements` // SQLite's VACUUM takes no table
	if tg.Dialect == sqlstore.PostgreSQL {
		analyze = `VACUUM ANALYZE separation_retirements`
	}
	if _, err := db.ExecContext(ctx, analyze); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d retirements in %v", n, time.Since(start).Round(time.Millisecond))
	return s
}
