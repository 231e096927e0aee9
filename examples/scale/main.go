package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite", pure Go

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/pgcopy"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

// config is the run's flags.
type config struct {
	store      string
	n          int
	dsn        string
	db         string
	keep       bool
	clients    []int
	duration   time.Duration
	only       string
	seed       uint64
	conns      int
	load       bool
	schema     string
	committers int
	readConc   int
}

func parse(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("scale", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.store, "store", "sqlite", "sqlite or postgres")
	fs.IntVar(&c.n, "n", 10000, "employee files to load")
	fs.StringVar(&c.dsn, "dsn", os.Getenv("MASAR_TEST_POSTGRES_DSN"), "PostgreSQL data source (default $MASAR_TEST_POSTGRES_DSN)")
	fs.StringVar(&c.db, "db", "", "SQLite file (default: a new file in a temporary directory, removed at the end)")
	fs.BoolVar(&c.keep, "keep", false, "keep the PostgreSQL schema")
	fs.StringVar(&c.schema, "schema", "", "PostgreSQL schema to use (created if missing, kept; default: a new one, dropped unless -keep)")
	fs.BoolVar(&c.load, "import", true, "import the files; -import=false reads the files an earlier run of the same -n and -seed imported into -db or -schema")
	clients := fs.String("clients", "1,8,64", "concurrent clients of each read level, comma-separated")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "how long each read level runs")
	fs.StringVar(&c.only, "only", "", "facade or store: run only these reads")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of the generated people")
	fs.IntVar(&c.committers, "committers", 0, "masar.Config.AuditCommitters (0: 1 on SQLite, 4 on PostgreSQL)")
	fs.IntVar(&c.readConc, "read-concurrency", 0, "masar.Config.ReadConcurrency (0: its default)")
	fs.IntVar(&c.conns, "conns", 64, "the database pool's open and idle connections (SetMaxOpenConns, SetMaxIdleConns; 0: database/sql's defaults)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	for f := range strings.SplitSeq(*clients, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || k < 1 {
			return c, fmt.Errorf("-clients: %q is not a positive number", f)
		}
		c.clients = append(c.clients, k)
	}
	switch {
	case c.store != "sqlite" && c.store != "postgres":
		return c, fmt.Errorf("-store must be sqlite or postgres, not %q", c.store)
	case c.store == "postgres" && c.dsn == "":
		return c, errors.New("-store postgres needs -dsn (or $MASAR_TEST_POSTGRES_DSN)")
	case c.n < 1:
		return c, errors.New("-n must be at least 1")
	case c.only != "" && c.only != "facade" && c.only != "store":
		return c, fmt.Errorf("-only must be facade or store, not %q", c.only)
	case !c.load && c.db == "" && c.schema == "":
		return c, errors.New("-import=false needs the -db or -schema an earlier run imported into")
	}
	return c, nil
}

func run(ctx context.Context, args []string, out io.Writer) error {
	c, err := parse(args, out)
	if err != nil {
		return err
	}
	_, err = scale(ctx, c, out)
	return err
}

// level is one read level's result.
type level struct {
	Reads    string // "facade" or "store"
	Clients  int
	Done     int
	Failed   int
	PerSec   float64
	P50, P95 time.Duration
	P99      time.Duration
}

// result is a run's measurements.
type result struct {
	Imported int
	Import   time.Duration
	Levels   []level
}

func scale(ctx context.Context, c config, out io.Writer) (result, error) {
	var res result
	store, closeDB, err := open(ctx, c)
	if err != nil {
		return res, err
	}
	defer closeDB()
	committers := c.committers
	if committers == 0 {
		committers = map[string]int{"sqlite": 1, "postgres": 4}[c.store]
	}
	env, err := newEnv(store, c.seed, committers, c.readConc)
	if err != nil {
		return res, err
	}
	fmt.Fprintf(out, "store %s, %d employee files\n", c.store, c.n)
	t0 := time.Now()
	ids, err := env.load(ctx, c.n, c.load)
	if err != nil {
		return res, err
	}
	if c.load {
		res.Imported, res.Import = len(ids), time.Since(t0)
		fmt.Fprintf(out, "import: %d files in %v (%.0f files/s)\n", len(ids), res.Import.Round(time.Millisecond), float64(len(ids))/res.Import.Seconds())
	} else {
		fmt.Fprintf(out, "import: skipped, reading the %d files imported before\n", len(ids))
	}
	fmt.Fprintf(out, "%-7s %7s %9s %8s %10s %9s %9s %9s\n", "reads", "clients", "done", "failed", "reads/s", "p50", "p95", "p99")
	for _, k := range c.clients {
		for _, kind := range []string{"facade", "store"} {
			if c.only != "" && c.only != kind {
				continue
			}
			l := env.measure(ctx, kind, k, c.duration, ids)
			if err := ctx.Err(); err != nil {
				return res, err
			}
			res.Levels = append(res.Levels, l)
			fmt.Fprintf(out, "%-7s %7d %9d %8d %10.0f %9s %9s %9s\n", l.Reads, l.Clients, l.Done, l.Failed, l.PerSec,
				ms(l.P50), ms(l.P95), ms(l.P99))
		}
	}
	return res, nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

// open opens and migrates the store c names and returns it with the
// function that closes (and, unless kept, removes) its database.
func open(ctx context.Context, c config) (*sqlstore.Store, func(), error) {
	var (
		db      *sql.DB
		d       sqlstore.Dialect
		opts    sqlstore.Options
		cleanup []func()
		err     error
	)
	done := func() {
		for _, f := range slices.Backward(cleanup) {
			f()
		}
	}
	switch c.store {
	case "sqlite":
		path := c.db
		if path == "" {
			dir, err := os.MkdirTemp("", "masar-scale-")
			if err != nil {
				return nil, nil, err
			}
			cleanup = append(cleanup, func() { os.RemoveAll(dir) })
			path = filepath.Join(dir, "masar.db")
		}
		d = sqlstore.SQLite
		db, err = sql.Open("sqlite", sqlstore.SQLiteDSN(path))
	case "postgres":
		d, opts.BulkCopier = sqlstore.PostgreSQL, pgcopy.Copier{}
		var dsn string
		dsn, err = newSchema(ctx, c, &cleanup)
		if err == nil {
			db, err = sql.Open("pgx", dsn)
		}
	}
	if err != nil {
		done()
		return nil, nil, err
	}
	cleanup = append(cleanup, func() { db.Close() })
	if c.conns > 0 {
		db.SetMaxOpenConns(c.conns)
		db.SetMaxIdleConns(c.conns)
	}
	s, err := sqlstore.New(db, d, &opts)
	if err == nil {
		err = s.Migrate(ctx)
	}
	if err != nil {
		done()
		return nil, nil, err
	}
	return s, done, nil
}

// newSchema creates a new schema in c.dsn's database and returns a data
// source whose search_path is that schema; cleanup gets its removal
// unless c.keep.
func newSchema(ctx context.Context, c config, cleanup *[]func()) (string, error) {
	u, err := url.Parse(c.dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", errors.New("-dsn must be a postgres:// URL")
	}
	admin, err := sql.Open("pgx", c.dsn)
	if err != nil {
		return "", err
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema, keep := "masar_scale_"+hex.EncodeToString(b[:]), c.keep
	if c.schema != "" {
		schema, keep = pgx.Identifier{c.schema}.Sanitize(), true
	}
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA IF NOT EXISTS `+schema); err != nil {
		admin.Close()
		return "", err
	}
	*cleanup = append(*cleanup, func() {
		if !keep {
			_, _ = admin.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
		}
		admin.Close()
	})
	q := u.Query()
	q.Set("search_path", cmp.Or(c.schema, schema))
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// env is the Client over the store, with the agency's HR specialist.
type env struct {
	store  *sqlstore.Store
	client *masar.Client
	gen    *identitytest.Generator
	hr     masar.Actor
}

func newEnv(store *sqlstore.Store, seed uint64, committers, readConc int) (*env, error) {
	key := func() []byte {
		k := make([]byte, masar.MinKeyLen)
		_, _ = rand.Read(k)
		return k
	}
	registry, accounts := identitytest.NewRegistry(), identitytest.NewAccounts()
	c, err := masar.New(masar.Config{
		Stores:   masar.Stores{Records: store, Grievances: store, Promotions: store, Leaves: store, Separations: store, CVs: store, JobAudit: store, Outbox: store, Identity: store, Audit: store, Tx: store},
		AuditKey: key(), Records: records.Options{StatementKey: key()}, Identity: identity.Options{OTPKey: key()},
		Ports: identity.Ports{Registry: registry, Accounts: accounts, SMS: &identitytest.SMS{}, Mail: &identitytest.Mail{},
			Authenticator: identitytest.NewAuthenticator(nil)},
		AuditCommitters: committers, ReadConcurrency: readConc,
	})
	if err != nil {
		return nil, err
	}
	gen := identitytest.NewGenerator(seed)
	// The specialist is a Saudi national with a Nafath account and a
	// permission on every Masar service, as the job-data audit's policy
	// (which importing files enforces) asks.
	id := gen.Citizen()
	registry.Add(identity.Person{NationalID: id, Nationality: "SA"})
	accounts.Set(id, identity.Accounts{Absher: true, Nafath: true})
	hr := masar.Actor{NationalID: id, Roles: []masar.Role{masar.RoleHRSpecialist},
		Agency: recordstest.MinistryOfHealth.ID, Services: identity.MasarServices()}
	return &env{store: store, client: c, gen: gen, hr: hr}, nil
}

// load imports n generated files into the specialist's agency, in one
// ImportEmployees call, and returns their national IDs; with imp false it
// only generates them (the same people, for the same seed) and returns
// their IDs.
func (e *env) load(ctx context.Context, n int, imp bool) ([]identity.NationalID, error) {
	ids := make([]identity.NationalID, 0, n)
	src := iter.Seq2[records.NewEmployee, error](func(yield func(records.NewEmployee, error) bool) {
		// The generator's numbers repeat past a few tens of thousands
		// (a birthday collision): a repeated person is drawn again.
		seen := map[identity.NationalID]bool{e.hr.NationalID: true}
		for len(ids) < n {
			in := recordstest.NewEmployee(e.gen).Transfer(hijri.MustNew(1446, 1, 1), recordstest.MinistryOfHealth).Input()
			if seen[in.NationalID] {
				continue
			}
			seen[in.NationalID] = true
			ids = append(ids, in.NationalID)
			if !yield(in, nil) {
				return
			}
		}
	})
	if !imp {
		for range src {
		}
		return ids, nil
	}
	rep, err := e.client.ImportEmployees(ctx, e.hr, src)
	if err != nil {
		var why []string
		for _, r := range rep.Rejected[:min(3, len(rep.Rejected))] {
			why = append(why, r.Error())
		}
		return nil, fmt.Errorf("import: %w %v", err, why)
	}
	if rep.Imported != n {
		return nil, fmt.Errorf("import: %d of %d files imported", rep.Imported, n)
	}
	return ids, nil
}

// read is one read of kind ("facade" or "store") of file id.
func (e *env) read(ctx context.Context, kind string, id identity.NationalID) error {
	if kind == "facade" {
		f, err := e.client.EmployeeFile(ctx, e.hr, id)
		if err == nil && f.Employee.NationalID != id {
			err = errors.New("another person's file returned")
		}
		return err
	}
	emp, err := e.store.GetEmployeeByNationalID(ctx, id)
	if err != nil {
		return err
	}
	_, err = e.store.ListHistoryEvents(ctx, emp.ID)
	return err
}

// measure runs clients goroutines reading for d, each read a different
// file (a stride through ids), and returns what they measured.
func (e *env) measure(ctx context.Context, kind string, clients int, d time.Duration, ids []identity.NationalID) level {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var next atomic.Int64
	var failed atomic.Int64
	lat := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for g := range clients {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1))
				t0 := time.Now()
				// Reads are not cut short at the deadline: each one runs to
				// its end on a context of its own.
				if err := e.read(context.WithoutCancel(ctx), kind, ids[(i*7919)%len(ids)]); err != nil {
					failed.Add(1)
					continue
				}
				lat[g] = append(lat[g], time.Since(t0))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	all := slices.Concat(lat...)
	slices.Sort(all)
	q := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(p*float64(len(all))))]
	}
	return level{Reads: kind, Clients: clients, Done: len(all), Failed: int(failed.Load()),
		PerSec: float64(len(all)) / elapsed.Seconds(), P50: q(0.50), P95: q(0.95), P99: q(0.99)}
}
