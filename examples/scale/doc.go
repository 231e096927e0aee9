// Command scale loads N generated employee files into a real store and
// measures the facade's reads as a ministry's HR would make them:
//
//	go run ./examples/scale -store sqlite -n 100000
//	go run ./examples/scale -store postgres -n 100000 -dsn 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable'
//
// It opens the store (SQLite: a new file in a temporary directory, or -db;
// PostgreSQL: a new schema of the -dsn database, dropped at the end unless
// -keep), applies the migrations, and imports -n files with their
// histories (records/recordstest's realistic careers, under generated
// identity numbers, never real people's) through the facade's
// ImportEmployees as the agency's HR specialist, in one call; on
// PostgreSQL the rows go in with COPY (pgcopy). It reports the import
// time, then, for each number of concurrent clients in -clients (default
// 1, 8 and 64), reads employee files for -duration each and reports
// reads/s, the p50, p95 and p99 latency and the number of failed reads
// (an SQLITE_BUSY would count there), two rows per level:
//
//   - facade: Client.EmployeeFile by the HR specialist, each file a
//     different one of the N: the read-only transaction, the file and its
//     history, the authorization check and the audit entry, committed
//     before the call returns;
//   - store: the same two reads straight from the Store, with no
//     transaction, check or entry: the floor the facade is compared with.
//
// -only facade or -only store runs one of the two. -conns sets the
// database pool's open and idle connections (default 64: database/sql
// keeps only 2 idle, and a SQLite connection is costly to reopen).
//
// To compare two builds on the same data, import once into a kept
// database (-db file, or -schema name on PostgreSQL) and read it again
// with -import=false and the same -n and -seed:
//
//	go run ./examples/scale -db /tmp/scale.db -n 100000 -only facade
//	go run ./examples/scale -db /tmp/scale.db -n 100000 -only facade -import=false
//
// The identity ports are identitytest's in-memory fakes and the keys are
// random per run: nothing leaves the machine but the database traffic.
package main
