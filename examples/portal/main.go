// Command portal is masar-go's reference portal: server-rendered pages in
// Arabic (right to left, the default) and English over the HTTP API of
// adapters/httpapi, with the fake Nafath and seeded demo people, on SQLite:
//
//	go run ./examples/portal                   # http://127.0.0.1:8081, a temporary database
//	go run ./examples/portal -db portal.db     # keep the data in a file
//
// Every page calls the API: the portal mounts the API handler at its own
// paths (/v1/…, /openapi.json) and its page handlers call it through an
// http.Client whose transport serves each request in-process, with the
// person's session token as a bearer token and the page's language as
// Accept-Language. It holds no domain logic: what a page shows, and every
// refusal's coded bilingual message, is the API's.
//
// Its journeys, each in its own file with its templates and words
// (journey_<name>.go, templates/<name>_*.html): the employee's own pages
// (services, file, service duration, statement and its public
// verification, promotion standing, consents); registration and data
// corrections with HR's queue; grievances with HR's inbox and the
// committee's; promotion rounds run to their decisions and the ministry
// auditor's search of the audit trail.
//
// The demo stands in for the world outside (examples/internal/demo): the
// person's Nafath app is the page /dev/nafath, which lists the waiting
// sign-ins with an approve button, and the SMS and emails "sent" are on
// /dev/outbox. It needs no network.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/masarhr/masar-go/adapters/documents"
	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/examples/internal/demo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, nil)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "portal:", err)
		os.Exit(1)
	}
}

// started is what run started, for tests: the portal's address and the
// demo world.
type started struct {
	URL   string
	World *demo.World
}

// options are run's settings that are not flags: tests set them.
type options struct {
	// Store, if set, is used instead of a SQLite file (PostgreSQL in tests).
	Store *sqlstore.Store
	// Limits are the API's abuse limits (zero: the defaults).
	Limits httpapi.Limits
}

// run serves until ctx is done; ready, if set, receives what started.
func run(ctx context.Context, args []string, stdout io.Writer, ready func(started), opt ...options) error {
	fs := flag.NewFlagSet("portal", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8081", "the `address` the portal listens on")
	dbPath := fs.String("db", "", "the SQLite `file` to open, or create if missing (default: a temporary file)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var o options
	if len(opt) > 0 {
		o = opt[0]
	}
	store := o.Store
	if store == nil {
		path := *dbPath
		if path == "" {
			dir, err := os.MkdirTemp("", "masar-portal")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			path = filepath.Join(dir, "portal.db")
		}
		s, db, err := demo.OpenSQLite(ctx, path)
		if err != nil {
			return err
		}
		defer db.Close()
		store = s
	}
	docs, err := documents.Open(ctx, "mem://", nil)
	if err != nil {
		return err
	}
	defer docs.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	world, err := demo.New(ctx, demo.Options{Store: store, Documents: docs, CallbackURL: base + "/v1/sign-ins/callback", Out: stdout, EmailLinkBase: base})
	if err != nil {
		ln.Close()
		return err
	}
	defer world.Close()
	api, err := world.API(slog.New(slog.NewTextHandler(io.Discard, nil)), nil, o.Limits)
	if err != nil {
		ln.Close()
		return err
	}
	p, err := newPortal(api, &devWorld{nafath: world.Nafath, outbox: world.Outbox, people: world.People})
	if err != nil {
		ln.Close()
		return err
	}
	srv := httpapi.Server(ln.Addr().String(), p)
	pe := world.People
	fmt.Fprintf(stdout, "masar-go portal: %s (the Nafath app: %s/dev/nafath, messages: %s/dev/outbox)\n", base, base, base)
	fmt.Fprintf(stdout, "demo people of %s: employee %s (born %s), HR specialist %s, HR manager %s, committee member %s, ministry auditor %s; colleagues with files %v\n",
		pe.Agency, pe.Employee, pe.BirthDate, pe.HR, pe.Manager, pe.Committee, pe.Auditor, pe.Colleagues)
	if ready != nil {
		ready(started{URL: base, World: world})
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
	return srv.Shutdown(shut)
}
