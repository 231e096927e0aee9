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
// at the API, and seeds a demo agency (examples/internal/demo, shared with
// the portal): an HR specialist, an HR manager, a committee member and a
// ministry auditor (in the fake directory) and an employee with a realistic file, under generated
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
	"time"

	"github.com/masarhr/masar-go/adapters/documents"
	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/examples/internal/demo"
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
	Codes *demo.Outbox
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
	store, db, err := demo.OpenSQLite(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
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
	world, err := demo.New(ctx, demo.Options{Store: store, Documents: docs, CallbackURL: base + "/v1/sign-ins/callback", Out: stdout})
	if err != nil {
		return err
	}
	defer world.Close()
	fake, p := world.Nafath, world.People
	d := Demo{URL: base, Employee: p.Employee.String(), BirthDate: p.BirthDate, HR: p.HR.String(), Agency: p.Agency,
		Codes: world.Outbox}
	api, err := world.API(slog.New(slog.NewTextHandler(stdout, &slog.HandlerOptions{Level: slog.LevelInfo})), db.PingContext, httpapi.Limits{})
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
		d.Employee, d.BirthDate, d.Agency, d.HR)
	fmt.Fprintln(stdout, "approve a sign-in: curl -X POST '"+base+"/dev/nafath/approve?trans_id=<trans_id>'")
	if ready != nil {
		ready(d)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	// Domain events and pension packages leave the outbox once committed.
	go func() { _ = world.Client.RunOutbox(ctx) }()
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
