package sqlstore_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/pgcopy"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/promotion"
)

// BenchmarkRoundFloor measures a stored round of -promotion.n candidates
// on PostgreSQL beside the server's own floor, in one run: each iteration
// writes the candidates with the Store (pgcopy's COPY) and the same rows,
// already in COPY's text form, with a bare COPY FROM (what psql's \copy
// does), into new rounds of the same schema; saves the ranking's results
// both ways; and reads the candidates back with the Store (in pages, as
// promotion.Service does) beside a bare COPY TO and a bare query whose
// rows are received but not decoded. The metrics are seconds (or ms) per
// operation of each and the Store's ratio to its floor; rank-ms is the
// in-memory ranking of the same round, for the read goal (≤ 5×).
//
//	MASAR_TEST_POSTGRES_DSN=… go test ./adapters/sqlstore -run '^$' -bench RoundFloor -benchtime 3x
func BenchmarkRoundFloor(b *testing.B) {
	n := *promotionN
	rd := benchRound(n)
	rk, err := promotion.RankCandidates(&rd.Regulation, &rd.Settings, rd.Vacancies, rd.Candidates, rd.AsOf)
	if err != nil {
		b.Fatal(err)
	}
	for _, tg := range sqlstoretest.Targets() {
		if tg.Dialect != sqlstore.PostgreSQL {
			continue
		}
		b.Run(fmt.Sprintf("%s/n=%d", tg.Name, n), func(b *testing.B) {
			ctx := context.Background()
			db := tg.OpenDB(b)
			s, err := sqlstore.New(db, tg.Dialect, &sqlstore.Options{BulkCopier: pgcopy.Copier{}})
			if err != nil {
				b.Fatal(err)
			}
			if err := s.Migrate(ctx); err != nil {
				b.Fatal(err)
			}
			// The rows as PostgreSQL's COPY text, dumped from a round
			// the Store wrote.
			r0, err := s.PutCandidates(ctx, newBenchRound(b, s, "r0", &rd), rd.Candidates)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.SaveRoundResults(ctx, r0, rk.Entries); err != nil {
				b.Fatal(err)
			}
			candRows := copyOut(b, db, `COPY (SELECT * FROM promotion_candidates WHERE round_id = 'r0') TO STDOUT`)
			resRows := copyOut(b, db, `COPY (SELECT * FROM promotion_results WHERE round_id = 'r0') TO STDOUT`)
			const readQuery = `SELECT * FROM promotion_candidates WHERE round_id = 'r0' ORDER BY vacancy_id, national_id`

			var put, putFloor, save, saveFloor, read, readCopy, readBare, rank time.Duration
			i := 0
			for b.Loop() {
				b.StopTimer()
				i++
				r := newBenchRound(b, s, fmt.Sprintf("s%d", i), &rd)
				newBenchRound(b, s, fmt.Sprintf("f%d", i), &rd)
				fid := fmt.Sprintf("f%d", i)
				cands, res := withRound(candRows, fid), withRound(resRows, fid)
				b.StartTimer()

				t := time.Now()
				if r, err = s.PutCandidates(ctx, r, rd.Candidates); err != nil {
					b.Fatal(err)
				}
				put += time.Since(t)
				t = time.Now()
				copyIn(b, db, "COPY promotion_candidates FROM STDIN", cands)
				putFloor += time.Since(t)

				t = time.Now()
				if _, err := s.SaveRoundResults(ctx, r, rk.Entries); err != nil {
					b.Fatal(err)
				}
				save += time.Since(t)
				t = time.Now()
				copyIn(b, db, "COPY promotion_results FROM STDIN", res)
				saveFloor += time.Since(t)

				t = time.Now()
				cs, err := allCandidates(ctx, s, "r0")
				if err != nil || len(cs) != n {
					b.Fatalf("read %d candidates, want %d: %v", len(cs), n, err)
				}
				read += time.Since(t)
				t = time.Now()
				if _, err := promotion.RankCandidates(&r0.Regulation, &r0.Settings, r0.Vacancies, cs, r0.ConsiderationDate); err != nil {
					b.Fatal(err)
				}
				rank += time.Since(t)
				t = time.Now()
				copyOutTo(b, db, `COPY (`+readQuery+`) TO STDOUT`, io.Discard)
				readCopy += time.Since(t)
				t = time.Now()
				if got := queryUndecoded(b, db, readQuery); got != n {
					b.Fatalf("the bare query read %d rows, want %d", got, n)
				}
				readBare += time.Since(t)
			}
			per := func(d time.Duration, unit time.Duration) float64 { return float64(d) / float64(unit) / float64(i) }
			b.ReportMetric(per(put, time.Second), "put-s")
			b.ReportMetric(per(putFloor, time.Second), "put-floor-s")
			b.ReportMetric(put.Seconds()/putFloor.Seconds(), "put/floor")
			b.ReportMetric(per(save, time.Second), "save-s")
			b.ReportMetric(per(saveFloor, time.Second), "save-floor-s")
			b.ReportMetric(save.Seconds()/saveFloor.Seconds(), "save/floor")
			b.ReportMetric(per(read, time.Millisecond), "read-ms")
			b.ReportMetric(per(readCopy, time.Millisecond), "read-copy-floor-ms")
			b.ReportMetric(per(readBare, time.Millisecond), "read-query-floor-ms")
			b.ReportMetric(per(rank, time.Millisecond), "rank-ms")
			b.ReportMetric(readBare.Seconds()/rank.Seconds(), "query-floor/rank")
		})
	}
}

// withRound is COPY text rows of round r0 as rows of round id (the first
// column).
func withRound(rows []byte, id string) []byte {
	out := bytes.ReplaceAll(rows, []byte("\nr0\t"), []byte("\n"+id+"\t"))
	return append([]byte(id+"\t"), bytes.TrimPrefix(out, []byte("r0\t"))...)
}

// onPgConn runs fn on a pgx connection of db.
func onPgConn(b *testing.B, db *sql.DB, fn func(pc *pgconn.PgConn) error) {
	b.Helper()
	conn, err := db.Conn(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	if err := conn.Raw(func(dc any) error { return fn(dc.(*stdlib.Conn).Conn().PgConn()) }); err != nil {
		b.Fatal(err)
	}
}

// copyOut returns what the COPY … TO STDOUT statement sql writes.
func copyOut(b *testing.B, db *sql.DB, sql string) []byte {
	var buf bytes.Buffer
	copyOutTo(b, db, sql, &buf)
	return buf.Bytes()
}

// copyOutTo writes what the COPY … TO STDOUT statement sql writes to w.
func copyOutTo(b *testing.B, db *sql.DB, sql string, w io.Writer) {
	onPgConn(b, db, func(pc *pgconn.PgConn) error { _, err := pc.CopyTo(context.Background(), w, sql); return err })
}

// copyIn loads rows with the COPY … FROM STDIN statement sql, in its own
// transaction.
func copyIn(b *testing.B, db *sql.DB, sql string, rows []byte) {
	onPgConn(b, db, func(pc *pgconn.PgConn) error {
		ctx := context.Background()
		if err := pc.Exec(ctx, "BEGIN").Close(); err != nil {
			return err
		}
		if _, err := pc.CopyFrom(ctx, bytes.NewReader(rows), sql); err != nil {
			return err
		}
		return pc.Exec(ctx, "COMMIT").Close()
	})
}

// queryUndecoded runs sql and receives its rows, in text, without decoding
// them; it returns how many there were.
func queryUndecoded(b *testing.B, db *sql.DB, sql string) int {
	n := 0
	onPgConn(b, db, func(pc *pgconn.PgConn) error {
		rr := pc.ExecParams(context.Background(), sql, nil, nil, nil, nil)
		for rr.NextRow() {
			n++
		}
		_, err := rr.Close()
		return err
	})
	return n
}
