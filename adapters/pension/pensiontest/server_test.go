package pensiontest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/pension/pensiontest"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/separation"
)

func pkg(id string) separation.Package {
	return separation.Package{
		ID: id, EmployeeID: "emp-1", NationalID: identitytest.NewGenerator(uint64(len(id))).Citizen(),
		Cause: separation.CauseResignation, LastDay: hijri.MustNew(1447, 3, 10),
		Spells: []separation.Spell{{From: hijri.MustNew(1430, 1, 1), To: hijri.MustNew(1447, 3, 10)}},
	}
}

type answer struct {
	status int
	header http.Header
	body   map[string]any
}

func post(t *testing.T, srv *pensiontest.Server, key, contentType string, body []byte, hdr ...string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+pensiontest.Path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set(pensiontest.HeaderIdempotencyKey, key)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return do(t, srv, req)
}

func do(t *testing.T, srv *pensiontest.Server, req *http.Request) answer {
	t.Helper()
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := answer{status: resp.StatusCode, header: resp.Header}
	if err := json.Unmarshal(data, &a.body); err != nil {
		t.Fatalf("HTTP %d: %s: %v", resp.StatusCode, data, err)
	}
	return a
}

func encode(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStoresOnce(t *testing.T) {
	at := time.Date(2025, 12, 21, 8, 0, 0, 0, time.UTC)
	srv := pensiontest.NewServer(&pensiontest.Options{Now: func() time.Time { return at }, ReferencePrefix: "GOSI-"})
	defer srv.Close()
	p := pkg("case-1")
	first := post(t, srv, p.ID, "application/json", encode(t, p))
	if first.status != 201 || first.body["reference"] != "GOSI-00000001" || first.body["package_id"] != "case-1" ||
		first.body["received_at"] != "2025-12-21T08:00:00Z" {
		t.Fatalf("%d %v", first.status, first.body)
	}
	second := post(t, srv, p.ID, "application/json; charset=utf-8", encode(t, p))
	if second.status != 200 || second.body["reference"] != "GOSI-00000001" {
		t.Fatalf("%d %v", second.status, second.body)
	}
	other := post(t, srv, "case-2", "application/json", encode(t, pkg("case-2")))
	if other.body["reference"] != "GOSI-00000002" {
		t.Fatalf("%v", other.body)
	}
	got := srv.Packages()
	if len(got) != 2 || got[0].ID != "case-1" || got[1].ID != "case-2" {
		t.Fatalf("%+v", got)
	}
	got[0].Spells[0].From = hijri.MustNew(1400, 1, 1)
	if srv.Packages()[0].Spells[0].From != p.Spells[0].From {
		t.Fatal("Packages shares memory with the server")
	}
	if srv.Received("case-1") != 2 || srv.Received("case-2") != 1 || srv.Requests() != 3 {
		t.Fatalf("received %d, %d, requests %d", srv.Received("case-1"), srv.Received("case-2"), srv.Requests())
	}
}

func TestValidates(t *testing.T) {
	srv := pensiontest.NewServer(&pensiontest.Options{Token: "tok"})
	defer srv.Close()
	auth := []string{"Authorization", "Bearer tok"}
	good := encode(t, pkg("case-9"))
	tests := []struct {
		name, key, ct string
		body          []byte
		hdr           []string
		status        int
		code          string
	}{
		{"no token", "case-9", "application/json", good, nil, 401, pensiontest.CodeUnauthorized},
		{"wrong token", "case-9", "application/json", good, []string{"Authorization", "Bearer nope"}, 401, pensiontest.CodeUnauthorized},
		{"not JSON content", "case-9", "text/plain", good, auth, 415, pensiontest.CodeUnsupportedMediaType},
		{"too large", "case-9", "application/json", make([]byte, pensiontest.MaxBodyBytes+1), auth, 413, pensiontest.CodeTooLarge},
		{"no key", "", "application/json", good, auth, 400, pensiontest.CodeMissingKey},
		{"not an object", "case-9", "application/json", []byte(`[1]`), auth, 400, pensiontest.CodeMalformedRequest},
		{"missing fields", "case-9", "application/json", []byte(`{"id":"case-9"}`), auth, 422, pensiontest.CodeInvalidPackage},
		{"bad national ID", "case-9", "application/json",
			[]byte(`{"id":"case-9","national_id":"1234567890","last_day":"1447-03-10","cause":"death"}`), auth, 422, pensiontest.CodeInvalidPackage},
		{"key mismatch", "case-8", "application/json", good, auth, 422, pensiontest.CodeInvalidPackage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := post(t, srv, tt.key, tt.ct, tt.body, tt.hdr...)
			if a.status != tt.status || a.body["code"] != tt.code || a.body["status"] != float64(tt.status) ||
				!strings.HasPrefix(a.header.Get("Content-Type"), "application/problem+json") {
				t.Fatalf("%d %v", a.status, a.body)
			}
		})
	}
	a := post(t, srv, "case-9", "application/json", []byte(`{"id":"case-9","national_id":"","cause":"x"}`), auth...)
	if errs, _ := json.Marshal(a.body["errors"]); string(errs) != `[{"field":"national_id","reason":"required"},{"field":"last_day","reason":"required"},{"field":"cause","reason":"invalid"}]` {
		t.Fatalf("errors %s", errs)
	}
	for _, r := range []*http.Request{
		must(http.NewRequest(http.MethodGet, srv.URL+pensiontest.Path, nil)),
		must(http.NewRequest(http.MethodPost, srv.URL+"/v2/packages", nil)),
	} {
		if a := do(t, srv, r); a.status != 405 && a.status != 404 {
			t.Fatalf("%s %s: %d", r.Method, r.URL.Path, a.status)
		}
	}
	if len(srv.Packages()) != 0 {
		t.Fatal("stored an invalid request")
	}
	if a := post(t, srv, "case-9", "application/json", good, auth...); a.status != 201 {
		t.Fatalf("a good request: %d %v", a.status, a.body)
	}
}

func must(r *http.Request, err error) *http.Request {
	if err != nil {
		panic(err)
	}
	return r
}

func TestFaultQueue(t *testing.T) {
	srv := pensiontest.NewServer(&pensiontest.Options{RetryAfter: 1200 * time.Millisecond})
	defer srv.Close()
	p := pkg("case-3")
	srv.FailNext(2, 503)
	srv.FailNext(1, 400)
	srv.DuplicateAfterStore(1)
	var got []int
	for range 5 {
		a := post(t, srv, p.ID, "application/json", encode(t, p))
		got = append(got, a.status)
		if a.status == 503 && a.header.Get("Retry-After") != "2" {
			t.Fatalf("Retry-After %q", a.header.Get("Retry-After"))
		}
	}
	if want := []int{503, 503, 400, 500, 200}; !equal(got, want) {
		t.Fatalf("answers %v, want %v", got, want)
	}
	if len(srv.Packages()) != 1 || srv.Received(p.ID) != 5 {
		t.Fatalf("holds %d, received %d", len(srv.Packages()), srv.Received(p.ID))
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestAnswerTwiceDropsTheConnection(t *testing.T) {
	srv := pensiontest.NewServer(nil)
	defer srv.Close()
	p := pkg("case-4")
	srv.AnswerTwice()
	// A client without keep-alives, so net/http does not resend on its own.
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	req := must(http.NewRequest(http.MethodPost, srv.URL+pensiontest.Path, bytes.NewReader(encode(t, p))))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(pensiontest.HeaderIdempotencyKey, p.ID)
	if resp, err := hc.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("answered %d", resp.StatusCode)
	}
	if _, ok := srv.Receipt(p.ID); !ok {
		t.Fatal("the package was not stored before the answer was lost")
	}
	if a := post(t, srv, p.ID, "application/json", encode(t, p)); a.status != 200 {
		t.Fatalf("retry: %d", a.status)
	}
}

func TestTimeoutNext(t *testing.T) {
	srv := pensiontest.NewServer(nil)
	p := pkg("case-5")
	srv.TimeoutNext(1)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req := must(http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+pensiontest.Path, bytes.NewReader(encode(t, p))))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(pensiontest.HeaderIdempotencyKey, p.ID)
	if _, err := srv.Client().Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%v", err)
	}
	if len(srv.Packages()) != 0 || srv.Received(p.ID) != 1 {
		t.Fatal("a hung request stored the package, or was not counted")
	}

	// Close releases a request still hanging.
	srv.TimeoutNext(1)
	done := make(chan error, 1)
	go func() {
		req := must(http.NewRequest(http.MethodPost, srv.URL+pensiontest.Path, bytes.NewReader(encode(t, p))))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(pensiontest.HeaderIdempotencyKey, p.ID)
		resp, err := srv.Client().Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	for srv.Received(p.ID) < 2 {
		time.Sleep(time.Millisecond)
	}
	srv.Close()
	<-done
}

func TestDownRefusesConnections(t *testing.T) {
	srv := pensiontest.NewServer(nil)
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	srv.Down()
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Fatal("a down server accepted a connection")
	}
	if err := srv.Up(); err != nil {
		t.Fatal(err)
	}
	p := pkg("case-6")
	if a := post(t, srv, p.ID, "application/json", encode(t, p)); a.status != 201 {
		t.Fatalf("after Up: %d", a.status)
	}
	srv.Down()
	srv.Down() // idempotent
	if err := srv.Up(); err != nil {
		t.Fatal(err)
	}
}

func TestDownWhileClosed(t *testing.T) {
	srv := pensiontest.NewServer(nil)
	srv.Down()
	srv.Close() // does not hang with the socket closed
}

func TestConcurrentUse(t *testing.T) {
	srv := pensiontest.NewServer(nil)
	defer srv.Close()
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Go(func() {
			p := pkg("case-" + string(rune('a'+i%4)))
			if i%8 == 0 {
				srv.FailNext(1, 503)
			}
			req := must(http.NewRequest(http.MethodPost, srv.URL+pensiontest.Path, bytes.NewReader(encode(t, p))))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(pensiontest.HeaderIdempotencyKey, p.ID)
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			_ = srv.Packages()
			_ = srv.Received(p.ID)
		})
	}
	wg.Wait()
	if n := len(srv.Packages()); n > 4 {
		t.Fatalf("holds %d packages of 4 IDs", n)
	}
	if srv.Requests() != 32 {
		t.Fatalf("%d requests", srv.Requests())
	}
}
