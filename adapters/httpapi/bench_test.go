package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/internal/loadgen"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/masar/masartest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// benchFiles is how many files the HTTP benchmarks load and read across.
var benchFiles = flag.Int("httpapi.bench.files", 1000, "employee files the HTTP benchmarks load")

// benchWorld returns a World on tg with a pool sized for 64 clients, its
// API on a loopback server, and n files of one agency, loaded outside the
// timer.
func benchWorld(b *testing.B, tg sqlstoretest.Target, n int) (*harness, *httptest.Server, []identity.NationalID) {
	db := tg.OpenDB(b)
	db.SetMaxOpenConns(64)
	db.SetMaxIdleConns(64)
	s, err := sqlstore.New(db, tg.Dialect, nil)
	if err == nil {
		err = s.Migrate(context.Background())
	}
	if err != nil {
		b.Fatal(err)
	}
	w := newWorld(b, masartest.WithStores(masar.Stores{Records: s, Grievances: s, Promotions: s, Leaves: s, Separations: s, CVs: s, JobAudit: s, Outbox: s, Identity: s, Audit: s, Tx: s}))
	h := newHarness(b, w, s)
	agency := w.Agency("moe")
	ids := make([]identity.NationalID, 0, n)
	src := iter.Seq2[records.NewEmployee, error](func(yield func(records.NewEmployee, error) bool) {
		for range n {
			in := recordstest.NewEmployee(w.Gen).Input()
			ids = append(ids, in.NationalID)
			if !yield(in, nil) {
				return
			}
		}
	})
	if rep, err := w.Client.ImportEmployees(w.Ctx, agency.Specialist, src); err != nil || rep.Imported != n {
		b.Fatalf("import: %+v %v", rep, err)
	}
	for _, id := range ids { // the registry and the account directory know them
		w.Registry.Add(identitytest.DefaultProfile(id).Person(id))
		w.Accounts.Set(id, identity.Accounts{Absher: true, Nafath: true})
	}
	srv := httptest.NewServer(h.api)
	b.Cleanup(srv.Close)
	return h, srv, ids
}

// runClients runs b.N calls shared by clients goroutines and reports
// calls/s and the latency quantiles.
func runClients(b *testing.B, clients int, do func(i int) error) {
	loadgen.Run(b, clients, "calls", do)
}

// httpClient is a keep-alive client for up to 64 connections.
func httpClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConns: 128, MaxIdleConnsPerHost: 128, MaxConnsPerHost: 128}}
}

// send makes one request and fails unless it answers want.
func send(c *http.Client, method, url, token string, body []byte, want int) error {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != want {
		return fmt.Errorf("%s %s: %d %s", method, url, res.StatusCode, b)
	}
	return nil
}

// BenchmarkReadFile reads employee files at 1 and 64 clients, side by side:
// facade (Client.EmployeeFile by the agency's HR specialist) and http (GET
// /v1/employees/{id}/file over loopback TCP with the session token: the
// session lookup, the directory, the facade call and the JSON with its
// Gregorian dates). The ratio http/facade is the HTTP layer's overhead;
// paired alternates the two calls in each client, so both see the same
// load, and reports the ratio itself (p50-ratio, mean-ratio).
func BenchmarkReadFile(b *testing.B) {
	for _, tg := range sqlstoretest.Targets() {
		b.Run(tg.Name, func(b *testing.B) {
			h, srv, ids := benchWorld(b, tg, *benchFiles)
			hr := h.w.Agency("moe").Specialist
			token := h.login(hr)
			pick := func(i int) identity.NationalID { return ids[(i*7919)%len(ids)] }
			for _, clients := range []int{1, 64} {
				b.Run(fmt.Sprintf("facade/clients=%d", clients), func(b *testing.B) {
					runClients(b, clients, func(i int) error {
						_, err := h.w.Client.EmployeeFile(context.Background(), hr, pick(i))
						return err
					})
				})
				b.Run(fmt.Sprintf("http/clients=%d", clients), func(b *testing.B) {
					c := httpClient()
					runClients(b, clients, func(i int) error {
						return send(c, "GET", srv.URL+"/v1/employees/"+pick(i).String()+"/file", token, nil, http.StatusOK)
					})
				})
				b.Run(fmt.Sprintf("paired/clients=%d", clients), func(b *testing.B) {
					c := httpClient()
					loadgen.RunPair(b, clients,
						loadgen.Side{Name: "facade", Call: func(i int) error {
							_, err := h.w.Client.EmployeeFile(context.Background(), hr, pick(i))
							return err
						}},
						loadgen.Side{Name: "http", Call: func(i int) error {
							return send(c, "GET", srv.URL+"/v1/employees/"+pick(i).String()+"/file", token, nil, http.StatusOK)
						}})
				})
			}
		})
	}
}

// BenchmarkFileGrievance files grievances at 1 and 64 clients, each client
// an employee of its own, side by side through the facade and through
// POST /v1/grievances.
func BenchmarkFileGrievance(b *testing.B) {
	for _, tg := range sqlstoretest.Targets() {
		b.Run(tg.Name, func(b *testing.B) {
			h, srv, ids := benchWorld(b, tg, 64)
			tokens := make([]string, len(ids))
			actors := make([]masar.Actor, len(ids))
			for i, id := range ids {
				actors[i] = masartest.EmployeeActor(id)
				tokens[i] = h.login(actors[i])
			}
			var seq atomic.Int64
			input := func() masar.FileGrievanceInput {
				in := grievanceInput(h, "moe")
				in.Decision.Number = fmt.Sprintf("1447/%d", seq.Add(1))
				return in
			}
			for _, clients := range []int{1, 64} {
				b.Run(fmt.Sprintf("facade/clients=%d", clients), func(b *testing.B) {
					runClients(b, clients, func(i int) error {
						_, err := h.w.Client.FileGrievance(context.Background(), actors[i%len(actors)], input())
						return err
					})
				})
				b.Run(fmt.Sprintf("http/clients=%d", clients), func(b *testing.B) {
					c := httpClient()
					runClients(b, clients, func(i int) error {
						body, _ := json.Marshal(input())
						return send(c, "POST", srv.URL+"/v1/grievances", tokens[i%len(tokens)], body, http.StatusCreated)
					})
				})
				b.Run(fmt.Sprintf("paired/clients=%d", clients), func(b *testing.B) {
					c := httpClient()
					loadgen.RunPair(b, clients,
						loadgen.Side{Name: "facade", Call: func(i int) error {
							_, err := h.w.Client.FileGrievance(context.Background(), actors[i%len(actors)], input())
							return err
						}},
						loadgen.Side{Name: "http", Call: func(i int) error {
							body, _ := json.Marshal(input())
							return send(c, "POST", srv.URL+"/v1/grievances", tokens[i%len(tokens)], body, http.StatusCreated)
						}})
				})
			}
		})
	}
}
