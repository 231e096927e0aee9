package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/records"
)

// TestCorrectionsByFileAgencyExplain checks on SQLite and PostgreSQL that
// the review queue the facade lists (requests on the files an agency holds
// today: CorrectionFilter.FileAgencyID, with and without a status, first
// page and next) reads corrections and employees through an index with a
// key condition: no full scan of either table, in the main query nor in the
// FileAgencyID sub-select. The database is seeded with 2000 files (40
// agencies of about 50, and a small one of 10 whose queue is read) and 800
// requests, and analysed; on PostgreSQL sequential scans
// are disabled so that the check does not depend on the planner's cost
// estimates for small tables (the planner's own choice is logged), and a
// full index scan (an index read without an Index Cond) fails as a
// sequential scan would.
func TestCorrectionsByFileAgencyExplain(t *testing.T) {
	for _, tg := range sqlstoretest.Targets() {
		t.Run(tg.Name, func(t *testing.T) {
			s, db := tg.Open(t)
			ctx := context.Background()
			agency := smallAgency
			cursor := seedCorrections(t, ctx, s)
			_, err := db.ExecContext(ctx, `ANALYZE`)
			require.NoError(t, err)

			limit := page.Fetch(page.DefaultLimit)
			var queries []sqlstore.RecordsQuery
			for _, c := range []struct {
				name string
				f    records.CorrectionFilter
			}{
				{"pending requests on an agency's files", records.CorrectionFilter{FileAgencyID: agency, Status: records.CorrectionPending, Limit: limit}},
				{"pending requests on an agency's files, next page", records.CorrectionFilter{FileAgencyID: agency, Status: records.CorrectionPending, After: cursor, Limit: limit}},
				{"requests on an agency's files", records.CorrectionFilter{FileAgencyID: agency, Limit: limit}},
				{"requests on an agency's files, next page", records.CorrectionFilter{FileAgencyID: agency, After: cursor, Limit: limit}},
			} {
				q, err := sqlstore.CorrectionsQuery(ctx, s, c.name, c.f)
				require.NoError(t, err)
				require.Contains(t, q.Query, "SELECT id FROM employees WHERE agency_id", "the sub-select is in the query")
				queries = append(queries, q)
			}

			conn, err := db.Conn(ctx)
			require.NoError(t, err)
			defer conn.Close()
			if tg.Dialect == sqlstore.PostgreSQL {
				for _, q := range queries {
					t.Logf("%s, planner's choice:\n%s", q.Name, strings.Join(explainLines(t, ctx, conn, `EXPLAIN `, q), "\n"))
				}
				_, err = conn.ExecContext(ctx, `SET enable_seqscan = off`)
				require.NoError(t, err)
			}
			for _, q := range queries {
				var scans []string
				if tg.Dialect == sqlstore.PostgreSQL {
					scans = postgresScans(t, explainLines(t, ctx, conn, `EXPLAIN (FORMAT JSON) `, q))
				} else {
					scans = sqliteScans(explainLines(t, ctx, conn, `EXPLAIN QUERY PLAN `, q))
				}
				if tg.Dialect == sqlstore.PostgreSQL {
					t.Logf("%s, plan checked:\n%s", q.Name, strings.Join(explainLines(t, ctx, conn, `EXPLAIN `, q), "\n"))
				}
				t.Logf("%s:\n%s", q.Name, strings.Join(scans, "\n"))
				for _, table := range []string{"corrections", "employees"} {
					keyed := false
					for _, sc := range scans {
						if strings.HasPrefix(sc, table+": ") {
							assert.True(t, strings.HasSuffix(sc, " keyed"), "%s: a full scan: %s", q.Name, sc)
							keyed = keyed || strings.HasSuffix(sc, " keyed")
						}
					}
					assert.True(t, keyed, "%s: %s is read through an index with a key: %v", q.Name, table, scans)
				}
			}
		})
	}
}

// smallAgency holds 10 of the 2000 files seedCorrections stores, with 8
// requests (4 pending); the other files are in 40 agencies of about 50.
const smallAgency = "agency-small"

// fileAgency is the agency of the i-th seeded file.
func fileAgency(i int) records.Agency {
	if i%200 == 0 {
		return records.Agency{ID: smallAgency, Name: i18n.Text{AR: "جهة صغيرة", EN: "A small agency"}}
	}
	return agencyOf(i)
}

// seedCorrections stores 2000 files in 41 agencies and 800 requests on
// every other file (the old ones decided; the latest 50, and those on the
// small agency's files from the 400th on, pending), and returns the ID of
// the first pending request on a file of the small agency, as a cursor.
func seedCorrections(t *testing.T, ctx context.Context, s *sqlstore.Store) string {
	t.Helper()
	const files, requests = 2000, 800
	_, err := importAll(ctx, s, newFileGen(37).items("x-", files, func(i int, it *records.Import) {
		it.Employee.Job.Agency = fileAgency(i)
	}))
	require.NoError(t, err)
	statuses := []records.CorrectionStatus{records.CorrectionApproved, records.CorrectionRejected, records.CorrectionWithdrawn, records.CorrectionApproved}
	cursor := ""
	require.NoError(t, s.InTx(ctx, func(ctx context.Context) error {
		for i := range requests {
			e := records.Employee{ID: fmt.Sprintf("x-%07d", i*2), Job: records.Job{Agency: fileAgency(i * 2)}}
			c := pendingCorrection(fmt.Sprintf("c-%05d", i), e, fixtureBase.Add(time.Duration(i)*time.Minute))
			small := e.Job.Agency.ID == smallAgency
			switch {
			case i < requests-50 && !(small && i >= requests/2):
				c.Status = statuses[i%len(statuses)]
			case small && cursor == "":
				cursor = c.ID
			}
			if _, err := s.CreateCorrection(ctx, c); err != nil {
				return err
			}
		}
		return nil
	}))
	require.NotEmpty(t, cursor, "a pending request on the agency's files")
	return cursor
}

// explainLines runs prefix+q (an EXPLAIN) and returns its rows: the last
// column of each, as text.
func explainLines(t *testing.T, ctx context.Context, conn *sql.Conn, prefix string, q sqlstore.RecordsQuery) []string {
	t.Helper()
	rows, err := conn.QueryContext(ctx, prefix+q.Query, q.Args...)
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		switch v := vals[len(vals)-1].(type) {
		case []byte:
			lines = append(lines, string(v))
		default:
			lines = append(lines, fmt.Sprint(v))
		}
	}
	require.NoError(t, rows.Err())
	return lines
}

// pgPlan is a node of PostgreSQL's EXPLAIN (FORMAT JSON).
type pgPlan struct {
	NodeType     string   `json:"Node Type"`
	RelationName string   `json:"Relation Name"`
	IndexName    string   `json:"Index Name"`
	IndexCond    string   `json:"Index Cond"`
	Plans        []pgPlan `json:"Plans"`
}

// pgIndexTables maps the indexes of the tables checked to their table.
var pgIndexTables = regexp.MustCompile(`^(corrections|employees)`)

// postgresScans lists the reads of tables and indexes of a JSON plan, one
// per scan node, as "table: how keyed" or "table: how full".
func postgresScans(t *testing.T, lines []string) []string {
	t.Helper()
	var plans []struct {
		Plan pgPlan `json:"Plan"`
	}
	require.NoError(t, json.Unmarshal([]byte(strings.Join(lines, "\n")), &plans))
	var out []string
	var walk func(p pgPlan)
	walk = func(p pgPlan) {
		table := p.RelationName
		if table == "" && p.IndexName != "" {
			table = pgIndexTables.FindString(p.IndexName)
		}
		switch {
		case table == "" || p.NodeType == "Bitmap Heap Scan": // the rows of a Bitmap Index Scan, reported there
		case p.IndexName != "" && p.IndexCond != "":
			out = append(out, table+": "+p.NodeType+" using "+p.IndexName+" ("+p.IndexCond+") keyed")
		case p.IndexName != "":
			out = append(out, table+": "+p.NodeType+" using "+p.IndexName+" with no Index Cond, full")
		case strings.Contains(p.NodeType, "Scan"):
			out = append(out, table+": "+p.NodeType+", full")
		}
		for _, c := range p.Plans {
			walk(c)
		}
	}
	for _, p := range plans {
		walk(p.Plan)
	}
	return out
}

// sqliteScan matches a table read of SQLite's EXPLAIN QUERY PLAN: SEARCH
// (through an index, with a key) or SCAN (every row or index entry).
var sqliteScan = regexp.MustCompile(`^(SEARCH|SCAN)( TABLE)? (corrections|employees)\b(.*)$`)

// sqliteScans lists the reads of corrections and employees of a query plan
// as "table: detail keyed" or "table: detail full".
func sqliteScans(lines []string) []string {
	var out []string
	for _, l := range lines {
		m := sqliteScan.FindStringSubmatch(l)
		switch {
		case m == nil:
		case m[1] == "SEARCH":
			out = append(out, m[3]+": "+l+" keyed")
		default:
			out = append(out, m[3]+": "+l+" full")
		}
	}
	return out
}
