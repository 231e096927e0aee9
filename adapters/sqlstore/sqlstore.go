package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/txn"
)

// Dialect is the SQL dialect of the database a Store talks to.
type Dialect int

// The supported dialects.
const (
	// SQLite, through modernc.org/sqlite (pure Go) or any database/sql SQLite driver.
	SQLite Dialect = iota + 1
	// PostgreSQL, through pgx's stdlib driver or any database/sql PostgreSQL
	// driver. The same SQL runs on PostgreSQL-compatible engines such as
	// CockroachDB and YugabyteDB.
	PostgreSQL
)

// String returns "sqlite" or "postgres".
func (d Dialect) String() string {
	switch d {
	case SQLite:
		return "sqlite"
	case PostgreSQL:
		return "postgres"
	}
	return fmt.Sprintf("Dialect(%d)", int(d))
}

func (d Dialect) bindType() int {
	if d == PostgreSQL {
		return sqlx.DOLLAR
	}
	return sqlx.QUESTION
}

// Options configures a Store. Nil means the defaults.
type Options struct {
	// Now returns the current time, for the migrations table. Default time.Now.
	Now func() time.Time
	// BulkCopier writes bulk rows — imports (ImportEmployees), a round's
	// candidates (PutCandidates), its results (SaveRoundResults) and the
	// leave accrual's balances (PutBalances) — e.g.
	// with PostgreSQL's COPY through pgx (package pgcopy). Default:
	// multi-row INSERTs.
	BulkCopier Copier
}

// Store implements every masar-go Store contract on a SQL database. It is
// safe for concurrent use.
type Store struct {
	db  *sqlx.DB
	d   Dialect
	now func() time.Time
	// copier writes bulk imports' rows; nil: INSERTs.
	copier Copier

	rebound sync.Map // query with ? placeholders → query in the dialect's bind style
}

// ErrUnsupportedDialect is returned by New for a Dialect it does not know.
var ErrUnsupportedDialect = fault.New(fault.Invalid, "sqlstore.dialect", "unsupported SQL dialect", "نوع قاعدة البيانات غير مدعوم")

// New returns a Store on db, an open database of dialect d. The Store does
// not own db: closing it is the caller's job. Call Migrate before first use.
//
// For SQLite, open db with SQLiteDSN's options (immediate write
// transactions, a busy timeout, WAL and foreign keys) so that concurrent
// writers queue instead of failing; read-only transactions (InReadTx) are
// deferred, so that on WAL they neither take nor wait for the write lock.
// Size db's pool for the callers you expect, idle connections included
// (db.SetMaxIdleConns as well as SetMaxOpenConns): database/sql keeps 2
// idle connections by default, and under more concurrent callers than that
// every call opens a connection again, which on SQLite reads the schema.
func New(db *sql.DB, d Dialect, opts *Options) (*Store, error) {
	if d != SQLite && d != PostgreSQL {
		return nil, ErrUnsupportedDialect
	}
	if db == nil {
		return nil, fault.ErrInvalid.Because("sqlstore.nil_db", "no database given", "لم يتم تحديد قاعدة البيانات")
	}
	if opts == nil {
		opts = &Options{}
	}
	s := &Store{db: sqlx.NewDb(db, d.String()), d: d, now: opts.Now, copier: opts.BulkCopier}
	if s.now == nil {
		s.now = time.Now
	}
	return s, nil
}

// Dialect returns the Store's dialect.
func (s *Store) Dialect() Dialect { return s.d }

// SQLiteDSN returns a modernc.org/sqlite data source name for the database
// file at path with the options a Store relies on: immediate write
// transactions, a 10-second busy timeout, WAL journaling and foreign keys.
func SQLiteDSN(path string) string {
	q := url.Values{}
	q.Set("_txlock", "immediate")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	return "file:" + path + "?" + q.Encode()
}

// rebind turns a query written with ? placeholders into the dialect's form,
// once per distinct query.
func (s *Store) rebind(q string) string {
	if s.d == SQLite {
		return q
	}
	if r, ok := s.rebound.Load(q); ok {
		return r.(string)
	}
	r := sqlx.Rebind(s.d.bindType(), q)
	s.rebound.Store(q, r)
	return r
}

type txKey struct{}

type txState struct {
	s  *Store
	tx *sqlx.Tx
	// conn is the connection tx runs on; Conn.Raw reaches the driver (bulk copies).
	conn *sqlx.Conn
	// readOnly marks an InReadTx: every write fails with txn.ErrReadOnly.
	readOnly bool
}

// ownState returns the transaction of s that ctx carries, or nil.
func (s *Store) ownState(ctx context.Context) *txState {
	if t, ok := ctx.Value(txKey{}).(*txState); ok && t.s == s {
		return t
	}
	return nil
}

func (s *Store) txFrom(ctx context.Context) *sqlx.Tx {
	if t := s.ownState(ctx); t != nil {
		return t.tx
	}
	return nil
}

// readOnly reports whether ctx carries a read-only transaction of s.
func (s *Store) readOnly(ctx context.Context) bool {
	t := s.ownState(ctx)
	return t != nil && t.readOnly
}

// InTx implements txn.Transactor: fn runs in one database transaction;
// every Store call fn makes with the context it is given runs inside it, and
// if fn returns an error (or panics) the transaction is rolled back. A
// nested InTx runs under a savepoint: its failure undoes its own writes, and
// the outer transaction goes on.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if s.txFrom(ctx) != nil {
		if err := ctx.Err(); err != nil {
			return err
		}
		return s.write(ctx, func(sqlx.ExtContext) error { return fn(ctx) })
	}
	return s.withConnTx(ctx, nil, func(t *txState) error {
		return fn(context.WithValue(ctx, txKey{}, t))
	})
}

// InReadTx implements txn.ReadTransactor: fn runs in one read-only
// transaction, whose reads see one snapshot of the database. On SQLite it
// is a deferred transaction (BEGIN, whatever the DSN's _txlock), which on
// WAL takes no write lock and waits for none; on PostgreSQL it is READ
// ONLY at REPEATABLE READ. A write made with fn's context fails with
// txn.ErrReadOnly. Inside a transaction of the Store, fn runs in it.
func (s *Store) InReadTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.txFrom(ctx) != nil {
		return fn(ctx)
	}
	opts := &sql.TxOptions{ReadOnly: true}
	if s.d == PostgreSQL {
		opts.Isolation = sql.LevelRepeatableRead
	}
	return s.withConnTx(ctx, opts, func(t *txState) error {
		t.readOnly = true
		return fn(context.WithValue(ctx, txKey{}, t))
	})
}

// InTransaction implements txn.ReadTransactor.
func (s *Store) InTransaction(ctx context.Context) bool { return s.txFrom(ctx) != nil }

// withTx begins a transaction, runs fn, and commits, rolling back on error or panic.
func (s *Store) withTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	return s.withConnTx(ctx, nil, func(t *txState) error { return fn(t.tx) })
}

// withConnTx is withTx on a connection of its own, which fn receives with
// the transaction, begun with opts (nil: a read-write transaction).
func (s *Store) withConnTx(ctx context.Context, opts *sql.TxOptions, fn func(t *txState) error) (err error) {
	conn, err := s.db.Connx(ctx)
	if err != nil {
		return mapError(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTxx(ctx, opts)
	if err != nil {
		return mapError(err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
				err = errors.Join(err, rbErr)
			}
		}
	}()
	if err = fn(&txState{s: s, tx: tx, conn: conn}); err != nil {
		return err
	}
	return mapError(tx.Commit())
}

// ext returns the caller's transaction if ctx carries one, else the database.
func (s *Store) ext(ctx context.Context) sqlx.ExtContext {
	if tx := s.txFrom(ctx); tx != nil {
		return tx
	}
	return s.db
}

// write runs fn atomically: in a transaction of its own, or, inside the
// caller's transaction, under a savepoint, so that a failing Store method
// undoes its own writes and leaves the caller's transaction usable (as it
// must on PostgreSQL, which otherwise aborts the whole transaction). Either
// way a Store method that returns an error has written nothing.
func (s *Store) write(ctx context.Context, fn func(q sqlx.ExtContext) error) error {
	if s.readOnly(ctx) {
		return txn.ErrReadOnly
	}
	tx := s.txFrom(ctx)
	if tx == nil {
		return s.withTx(ctx, func(tx *sqlx.Tx) error { return fn(tx) })
	}
	// Savepoint names resolve to the most recent one, so nesting is safe.
	if _, err := tx.ExecContext(ctx, "SAVEPOINT masar_write"); err != nil {
		return mapError(err)
	}
	if err := fn(tx); err != nil {
		if _, rbErr := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT masar_write"); rbErr != nil {
			return errors.Join(err, mapError(rbErr))
		}
		if _, relErr := tx.ExecContext(ctx, "RELEASE SAVEPOINT masar_write"); relErr != nil {
			return errors.Join(err, mapError(relErr))
		}
		return err
	}
	_, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT masar_write")
	return mapError(err)
}

// exec runs one statement and returns the number of rows it affected. It
// refuses to run in a read-only transaction (txn.ErrReadOnly).
func (s *Store) exec(ctx context.Context, q sqlx.ExecerContext, query string, args ...any) (int64, error) {
	if s.readOnly(ctx) {
		return 0, txn.ErrReadOnly
	}
	res, err := q.ExecContext(ctx, s.rebind(query), args...)
	if err != nil {
		return 0, mapError(err)
	}
	n, err := res.RowsAffected()
	return n, mapError(err)
}

// ErrStorage is the error for an unclassified database failure: code
// internal, with the driver's error as its cause (for operators only).
var ErrStorage = fault.New(fault.Internal, "sqlstore.failure", "the database operation failed", "فشلت عملية قاعدة البيانات")

// ErrUnavailable is the error for a database that cannot be reached.
var ErrUnavailable = fault.New(fault.Unavailable, "sqlstore.unavailable", "the database is unavailable", "قاعدة البيانات غير متاحة")

// ErrInvalidData is the error for a value the database refuses as data
// (SQLSTATE classes 22, data exception, and 54, program limit exceeded:
// bytes that are not text, a value too long for an index row): code
// invalid, never internal. The domain packages refuse such input before it
// gets here; this is the backstop for what they cannot see.
var ErrInvalidData = fault.New(fault.Invalid, "sqlstore.invalid_data",
	"the database refused a value as not valid", "رفضت قاعدة البيانات قيمة غير صالحة")

// sqlState is the interface of driver errors that carry a SQLSTATE code
// (pgx's *pgconn.PgError among them), checked without importing a driver.
type sqlState interface{ SQLState() string }

// mapError classifies a database/sql error: context errors pass through,
// sql.ErrConnDone is unavailable, a data exception or limit (SQLSTATE 22xxx,
// 54xxx) is ErrInvalidData, anything else is ErrStorage wrapping the
// cause. sql.ErrNoRows is for callers to map to their own not-found
// sentinel before calling mapError.
func mapError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, sql.ErrConnDone), errors.Is(err, sql.ErrTxDone):
		return ErrUnavailable.Wrap(err)
	}
	if _, ok := fault.As(err); ok {
		return err
	}
	var st sqlState
	if errors.As(err, &st) {
		if c := st.SQLState(); strings.HasPrefix(c, "22") || strings.HasPrefix(c, "54") {
			return ErrInvalidData.Wrap(err)
		}
	}
	return ErrStorage.Wrap(err)
}

// MigrationsFS returns the embedded migrations of dialect d, as files named
// NNNN_name.up.sql in order, for hosts that run their migrations with
// goose, golang-migrate or their own tooling instead of Migrate.
func MigrationsFS(d Dialect) (fs.FS, error) {
	if d != SQLite && d != PostgreSQL {
		return nil, ErrUnsupportedDialect
	}
	return fs.Sub(migrationFiles, "migrations/"+d.String())
}
