// Package sqlstoretest opens migrated sqlstore Stores for tests: a fresh
// SQLite database file per call, and a fresh PostgreSQL schema per call when
// MASAR_TEST_POSTGRES_DSN is set (dropped when the test ends).
//
// It imports the SQLite (modernc.org/sqlite) and PostgreSQL (pgx stdlib)
// drivers; package sqlstore itself imports neither.
package sqlstoretest
