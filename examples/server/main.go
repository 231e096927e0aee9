// Command server serves masar-go's HTTP API (adapters/httpapi) on an
// embedded SQLite file, with a fake Nafath and a fake HR directory, so that
// the API can be tried with curl and no other server:
//
//	go run ./examples/server                       # http://127.0.0.1:8080, ./masar-server.db
//	go run ./examples/server -addr 127.0.0.1:9000  # another address
//	go run ./examples/server -fresh                # delete the database and documents first
//
// It opens (or creates) the SQLite file and applies sqlstore's migrations,
// keeps uploaded documents in a directory bucket (-docs), starts the
// nafathtest fake of Nafath on a loopback port with its callback pointed
// at the API, and seeds a demo agency: an HR specialist (in the fake
// directory) and an employee with a realistic file, under generated
// identity numbers (identitytest: never real people's). It prints where it
// listens and who the demo people are.
//
// The demo stands in for the world outside: the civil registry and the
// account directory know the demo people and anyone who registers with a
// generated ID; SMS codes and email tokens are printed to the console
// instead of being sent; and the person's Nafath app is the development
// endpoint POST /dev/nafath/approve?trans_id=… (served by this example
// only, never by the API), which approves a waiting sign-in so that the
// fake posts its signed callback to the API. Prometheus metrics are served
// on -metrics-addr.
//
// The audit, statement and OTP keys are DEMO KEYS derived from fixed
// strings, so that sessions and statements survive a restart: never do
// this in production, where keys are random secrets kept out of the
// database.
package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"time"

	_ "modernc.org/sqlite" // SQLite driver "sqlite", pure Go

	"github.com/masarhr/masar-go/adapters/documents"
	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/adapters/httpapi/httpapitest"
	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/adapters/nafath/nafathtest"
	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, nil)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

// demoKey derives a DEMO key from a label: the same on every run.
func demoKey(label string) []byte {
	k := sha256.Sum256([]byte("masar-go server DEMO KEY, not for production: " + label))
	return k[:]
}

// Demo is what run started, for tests: the API's address and the demo people.
type Demo struct {
	// URL is the API's base URL.
	URL string
	// Employee is the demo employee's national ID and birth date (Hijri).
	Employee, BirthDate string
	// HR is the demo HR specialist's national ID.
	HR string
	// Agency is the demo agency's code.
	Agency string
	// Codes are the SMS codes and email tokens "sent", newest last.
	Codes *Outbox
}

// run serves until ctx is done. ready, if set, receives the Demo once the
// API listens.
func run(ctx context.Context, args []string, stdout io.Writer, ready func(Demo)) error {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "the `address` the API listens on")
	metricsAddr := fs.String("metrics-addr", "127.0.0.1:9090", "the `address` of the Prometheus metrics (\"\" for none)")
	dbPath := fs.String("db", "masar-server.db", "the SQLite `file` to open, or create if missing")
	docsDir := fs.String("docs", "masar-documents", "the `directory` uploaded documents are kept in")
	fresh := fs.Bool("fresh", false, "delete the database file and the documents first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *fresh {
		for _, f := range []string{*dbPath, *dbPath + "-wal", *dbPath + "-shm"} {
			if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
		if err := os.RemoveAll(*docsDir); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(*docsDir, 0o750); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(*dbPath))
	if err != nil {
		return err
	}
	defer db.Close()
	store, err := sqlstore.New(db, sqlstore.SQLite, nil)
	if err != nil {
		return err
	}
	if err := store.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", *dbPath, err)
	}
	abs, err := filepath.Abs(*docsDir)
	if err != nil {
		return err
	}
	docs, err := documents.Open(ctx, "file://"+filepath.ToSlash(abs), nil)
	if err != nil {
		return err
	}
	defer docs.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	fake := nafathtest.New(&nafathtest.Options{CallbackURL: base + "/v1/sign-ins/callback"})
	defer fake.Close()
	nafathClient, err := nafath.New(fake.ClientOptions())
	if err != nil {
		return err
	}

	gen := identitytest.NewGenerator(uint64(time.Now().UnixNano()))
	registry := &openRegistry{Registry: identitytest.NewRegistry()}
	accounts := &openAccounts{}
	out := &Outbox{w: stdout}
	client, err := masar.New(masar.Config{
		Stores:   masar.Stores{Records: store, Grievances: store, Promotions: store, Identity: store, Audit: store, Tx: store},
		AuditKey: demoKey("audit"),
		Records:  records.Options{StatementKey: demoKey("statement")},
		Identity: identity.Options{OTPKey: demoKey("otp"), SignInWithoutRegistration: true},
		Ports:    identity.Ports{Registry: registry, Accounts: accounts, SMS: smsOut{out}, Mail: mailOut{out}, Authenticator: nafathClient},
	})
	if err != nil {
		return err
	}

	dir := httpapitest.NewDirectory()
	demo, err := seed(ctx, client, gen, registry, dir)
	if err != nil {
		return err
	}
	demo.URL, demo.Codes = base, out
	api, err := httpapi.New(httpapi.Config{
		Client: client, Directory: dir, Idempotency: store, Tx: store, Documents: docs,
		Ready:  db.PingContext,
		Logger: slog.New(slog.NewTextHandler(stdout, &slog.HandlerOptions{Level: slog.LevelInfo})),
		Cookie: httpapi.CookieOptions{Insecure: true}, // plain HTTP on loopback; a real deployment is HTTPS
	})
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/", api)
	mux.HandleFunc("POST /dev/nafath/approve", func(w http.ResponseWriter, r *http.Request) {
		if _, err := fake.Approve(r.URL.Query().Get("trans_id")); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	srv := httpapi.Server(ln.Addr().String(), mux)
	var msrv *http.Server
	if *metricsAddr != "" {
		msrv = httpapi.Server(*metricsAddr, api.Metrics())
		go func() { _ = msrv.ListenAndServe() }()
	}
	fmt.Fprintf(stdout, "masar-go API listening on %s (OpenAPI: %s/openapi.json)\n", base, base)
	fmt.Fprintf(stdout, "demo employee: %s, born %s (Hijri); demo HR specialist of %s: %s\n",
		demo.Employee, demo.BirthDate, demo.Agency, demo.HR)
	fmt.Fprintln(stdout, "approve a sign-in: curl -X POST '"+base+"/dev/nafath/approve?trans_id=<trans_id>'")
	if ready != nil {
		ready(demo)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if msrv != nil {
		_ = msrv.Shutdown(shut)
	}
	return srv.Shutdown(shut)
}

// seed creates the demo agency's HR specialist and an employee file.
func seed(ctx context.Context, client *masar.Client, gen *identitytest.Generator, reg *openRegistry, dir *httpapitest.Directory) (Demo, error) {
	b := recordstest.NewEmployee(gen)
	in := b.Input()
	agency := b.Employee("demo", time.Now()).Job.Agency.ID
	hr := masar.Actor{NationalID: gen.Citizen(), Roles: []masar.Role{masar.RoleHRSpecialist}, Agency: agency,
		Services: identity.MasarServices()}
	dir.Set(hr)
	for _, id := range []identity.NationalID{hr.NationalID, in.NationalID} {
		reg.Add(identitytest.DefaultProfile(id).Person(id))
	}
	e, err := client.CreateEmployee(ctx, hr, in)
	if err != nil {
		return Demo{}, fmt.Errorf("seed the demo employee: %w", err)
	}
	return Demo{Employee: e.NationalID.String(), BirthDate: identitytest.DefaultProfile(e.NationalID).DateOfBirth.String(),
		HR: hr.NationalID.String(), Agency: agency}, nil
}

// openRegistry is the demo's civil registry: the people it was told of,
// and anyone else with a generated ID, under their default profile.
type openRegistry struct{ *identitytest.Registry }

// LookUp implements identity.Registry.
func (r *openRegistry) LookUp(ctx context.Context, id identity.NationalID) (identity.Person, error) {
	if p, err := r.Registry.LookUp(ctx, id); err == nil {
		return p, nil
	}
	return identitytest.DefaultProfile(id).Person(id), nil
}

// openAccounts gives everyone an Absher and a Nafath account.
type openAccounts struct{}

// Accounts implements identity.AccountDirectory.
func (openAccounts) Accounts(context.Context, identity.NationalID) (identity.Accounts, error) {
	return identity.Accounts{Absher: true, Nafath: true}, nil
}

// Outbox prints the SMS and emails the demo would send, and keeps them.
type Outbox struct {
	w    io.Writer
	mu   sync.Mutex
	sent []string
}

// smsOut is the Outbox as the SMS port.
type smsOut struct{ *Outbox }

// Send implements identity.SMSSender.
func (o smsOut) Send(_ context.Context, to identity.Mobile, text string) error {
	o.add(fmt.Sprintf("SMS to %s: %s", to.Masked(), text))
	return nil
}

// mailOut is the Outbox as the mail port.
type mailOut struct{ *Outbox }

// Send implements identity.Mailer.
func (o mailOut) Send(_ context.Context, to identity.Email, subject, body string) error {
	o.add(fmt.Sprintf("email to %s: %s\n%s", to.Masked(), subject, body))
	return nil
}

func (o *Outbox) add(s string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sent = append(o.sent, s)
	fmt.Fprintln(o.w, "[demo outbox] "+s)
}

// Sent returns the messages sent, oldest first.
func (o *Outbox) Sent() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.sent...)
}
