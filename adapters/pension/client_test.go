package pension_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/pension"
	"github.com/masarhr/masar-go/adapters/pension/pensiontest"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/separation"
)

var ctx = context.Background()

func TestDeliver(t *testing.T) {
	received := time.Date(2025, 12, 21, 8, 0, 0, 0, time.UTC)
	srv, c := fake(t, &pensiontest.Options{Token: "s3cret", Now: func() time.Time { return received }},
		&pension.Options{Token: "s3cret"})
	p := newPackage(identitytest.NewGenerator(1), 1)

	r, err := c.Deliver(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	want := separation.Receipt{Reference: "PPA-00000001", ReceivedAt: received}
	if r != want {
		t.Fatalf("receipt %+v, want %+v", r, want)
	}
	got := srv.Packages()
	if len(got) != 1 {
		t.Fatalf("the agency holds %d packages", len(got))
	}
	sameJSON(t, got[0], p)
	if n := srv.Received(p.ID); n != 1 {
		t.Fatalf("received %d requests", n)
	}
	if rec, ok := srv.Receipt(p.ID); !ok || rec != want {
		t.Fatalf("the agency's receipt %+v %v", rec, ok)
	}
}

func TestDeliverHeaders(t *testing.T) {
	var got http.Header
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		if r.URL.Path != "/api/v1/packages" || r.Method != http.MethodPost {
			t.Errorf("%s %s", r.Method, r.URL.Path)
		}
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"package_id":%q,"reference":"R-1","received_at":"2025-12-21T08:00:00+03:00"}`, r.Header.Get("Idempotency-Key"))
	}))
	defer ts.Close()
	c, err := pension.New(ts.URL+"/api/", &pension.Options{
		UserAgent: "host/2",
		Authorize: func(r *http.Request) error { r.Header.Set("X-Api-Key", "k"); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	p := newPackage(identitytest.NewGenerator(2), 7)
	r, err := c.Deliver(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if r.Reference != "R-1" || !r.ReceivedAt.Equal(time.Date(2025, 12, 21, 5, 0, 0, 0, time.UTC)) || r.ReceivedAt.Location() != time.UTC {
		t.Fatalf("receipt %+v", r)
	}
	for k, v := range map[string]string{
		"Idempotency-Key": p.ID, "Content-Type": "application/json", "User-Agent": "host/2", "X-Api-Key": "k",
	} {
		if got.Get(k) != v {
			t.Errorf("%s: %q, want %q", k, got.Get(k), v)
		}
	}
	if got.Get("Authorization") != "" {
		t.Errorf("Authorization sent without a token: %q", got.Get("Authorization"))
	}
}

func TestDeliverDuplicate(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusConflict} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			srv, c := fake(t, &pensiontest.Options{DuplicateStatus: status}, nil)
			p := newPackage(identitytest.NewGenerator(3), 2)
			first, err := c.Deliver(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			second, err := c.Deliver(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if first.Duplicate || !second.Duplicate {
				t.Fatalf("duplicate: first %v, second %v", first.Duplicate, second.Duplicate)
			}
			second.Duplicate = false
			if second != first {
				t.Fatalf("second receipt %+v, first %+v", second, first)
			}
			if n := len(srv.Packages()); n != 1 {
				t.Fatalf("the agency holds %d packages", n)
			}
			if n := srv.Received(p.ID); n != 2 {
				t.Fatalf("received %d requests", n)
			}
		})
	}
}

func TestDeliverInjectedStatus(t *testing.T) {
	tests := []struct {
		status    int
		temporary bool
		kind      error
		reason    string
	}{
		{500, true, pension.ErrUnavailable, "pension.unavailable"},
		{502, true, pension.ErrUnavailable, "pension.unavailable"},
		{503, true, pension.ErrUnavailable, "pension.unavailable"},
		{504, true, pension.ErrUnavailable, "pension.timeout"},
		{408, true, pension.ErrUnavailable, "pension.timeout"},
		{429, true, pension.ErrUnavailable, "pension.unavailable"},
		{409, true, pension.ErrUnavailable, "pension.unavailable"},
		{400, false, pension.ErrRejected, "pension.rejected"},
		{410, false, pension.ErrRejected, "pension.rejected"},
		{422, false, pension.ErrRejected, "pension.rejected"},
		{401, false, pension.ErrMisconfigured, "pension.credentials_rejected"},
		{403, false, pension.ErrMisconfigured, "pension.credentials_rejected"},
		{404, false, pension.ErrMisconfigured, "pension.misconfigured"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			srv, c := fake(t, nil, nil)
			p := newPackage(identitytest.NewGenerator(4), 3)
			srv.FailNext(1, tt.status)
			_, err := c.Deliver(ctx, p)
			pe := pensionError(t, err)
			if pe.Status != tt.status || pe.Code != pensiontest.CodeInjected || pe.Temporary() != tt.temporary {
				t.Fatalf("%+v (temporary %v)", pe, pe.Temporary())
			}
			if pension.Temporary(err) != tt.temporary || !errors.Is(err, tt.kind) || fault.ReasonOf(err) != tt.reason {
				t.Fatalf("%v: temporary %v, reason %q", err, pension.Temporary(err), fault.ReasonOf(err))
			}
			if len(srv.Packages()) != 0 {
				t.Fatal("an injected failure stored the package")
			}
			if r, err := c.Deliver(ctx, p); err != nil || r.Duplicate {
				t.Fatalf("after the failure: %+v, %v", r, err)
			}
		})
	}
}

func TestDeliverRetryAfter(t *testing.T) {
	srv, c := fake(t, &pensiontest.Options{RetryAfter: 7 * time.Second}, nil)
	srv.FailNext(1, http.StatusTooManyRequests)
	_, err := c.Deliver(ctx, newPackage(identitytest.NewGenerator(5), 4))
	if d, ok := pension.RetryAfter(err); !ok || d != 7*time.Second {
		t.Fatalf("RetryAfter %v %v (%v)", d, ok, err)
	}
	if !strings.Contains(err.Error(), "retry after 7s") {
		t.Fatalf("error text %q", err)
	}
	if _, ok := pension.RetryAfter(errors.New("other")); ok {
		t.Fatal("RetryAfter of a foreign error")
	}
}

func TestDeliverInvalidPackage(t *testing.T) {
	gen := identitytest.NewGenerator(6)
	tests := []struct {
		name   string
		edit   func(*separation.Package)
		fields []pension.FieldError
	}{
		{"no national ID", func(p *separation.Package) { p.NationalID = identity.NationalID{} },
			[]pension.FieldError{{Field: "national_id", Reason: "required"}}},
		{"no cause, no last day", func(p *separation.Package) { p.Cause = ""; p.LastDay = hijri.Date{} },
			[]pension.FieldError{{Field: "last_day", Reason: "required"}, {Field: "cause", Reason: "required"}}},
		{"unknown cause", func(p *separation.Package) { p.Cause = "retired" },
			[]pension.FieldError{{Field: "cause", Reason: "invalid"}}},
	}
	srv, c := fake(t, nil, nil)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPackage(gen, 10+i)
			tt.edit(&p)
			_, err := c.Deliver(ctx, p)
			pe := pensionError(t, err)
			if pe.Status != 422 || pe.Code != pensiontest.CodeInvalidPackage || pe.Temporary() || !errors.Is(err, pension.ErrRejected) {
				t.Fatalf("%+v", pe)
			}
			sameJSON(t, pe.Fields, tt.fields)
		})
	}
	if len(srv.Packages()) != 0 {
		t.Fatal("an invalid package was stored")
	}
}

func TestDeliverKeyReused(t *testing.T) {
	srv, c := fake(t, nil, nil)
	p := newPackage(identitytest.NewGenerator(7), 20)
	if _, err := c.Deliver(ctx, p); err != nil {
		t.Fatal(err)
	}
	changed := p
	changed.Cause = separation.CauseResignation
	_, err := c.Deliver(ctx, changed)
	pe := pensionError(t, err)
	if pe.Status != 422 || pe.Code != pensiontest.CodeKeyReused || pension.Temporary(err) {
		t.Fatalf("%+v", pe)
	}
	got := srv.Packages()
	if len(got) != 1 || got[0].Cause != separation.CauseStatutoryAge {
		t.Fatalf("the agency holds %+v", got)
	}
}

func TestDeliverUnsendable(t *testing.T) {
	srv, c := fake(t, nil, nil)
	for _, id := range []string{"", "case\r\nX-Evil: 1", " case", strings.Repeat("x", 256)} {
		p := newPackage(identitytest.NewGenerator(8), 21)
		p.ID = id
		_, err := c.Deliver(ctx, p)
		pe := pensionError(t, err)
		if pe.Code != pension.CodeInvalidPackage || pe.Temporary() || !errors.Is(err, pension.ErrRejected) {
			t.Fatalf("ID %q: %+v", id, pe)
		}
	}
	p := newPackage(identitytest.NewGenerator(8), 22)
	p.LastDay = hijri.Date{Year: 1447, Month: 13, Day: 1}
	_, err := c.Deliver(ctx, p)
	if pe := pensionError(t, err); pe.Code != pension.CodeInvalidPackage || fault.CodeOf(err) != fault.Invalid {
		t.Fatalf("an invalid date: %+v", pe)
	}
	if n := srv.Requests(); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
}

func TestDeliverTimeout(t *testing.T) {
	t.Run("Options.Timeout", func(t *testing.T) {
		srv, c := fake(t, nil, &pension.Options{Timeout: 50 * time.Millisecond})
		p := newPackage(identitytest.NewGenerator(9), 30)
		srv.TimeoutNext(1)
		_, err := c.Deliver(ctx, p)
		checkTimeout(t, err)
		if len(srv.Packages()) != 0 || srv.Received(p.ID) != 1 {
			t.Fatalf("holds %d, received %d", len(srv.Packages()), srv.Received(p.ID))
		}
		if r, err := c.Deliver(ctx, p); err != nil || r.Duplicate {
			t.Fatalf("after the timeout: %+v, %v", r, err)
		}
	})
	t.Run("ctx deadline", func(t *testing.T) {
		srv, c := fake(t, nil, &pension.Options{Timeout: time.Hour})
		srv.TimeoutNext(1)
		dctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		_, err := c.Deliver(dctx, newPackage(identitytest.NewGenerator(9), 31))
		checkTimeout(t, err)
	})
	t.Run("ctx cancelled", func(t *testing.T) {
		srv, c := fake(t, nil, &pension.Options{Timeout: time.Hour})
		p := newPackage(identitytest.NewGenerator(9), 32)
		srv.TimeoutNext(1)
		cctx, cancel := context.WithCancel(ctx)
		go func() {
			for srv.Received(p.ID) == 0 { // the request is hanging at the agency
				time.Sleep(time.Millisecond)
			}
			cancel()
		}()
		_, err := c.Deliver(cctx, p)
		pe := pensionError(t, err)
		if pe.Code != pension.CodeCanceled || !pe.Temporary() || !errors.Is(err, context.Canceled) || !errors.Is(err, pension.ErrUnavailable) {
			t.Fatalf("%v", err)
		}
		if len(srv.Packages()) != 0 {
			t.Fatal("a hung request stored the package")
		}
	})
	t.Run("ctx done before", func(t *testing.T) {
		srv, c := fake(t, nil, nil)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := c.Deliver(cctx, newPackage(identitytest.NewGenerator(9), 33))
		if !errors.Is(err, context.Canceled) || !pension.Temporary(err) || srv.Requests() != 0 {
			t.Fatalf("%v, %d requests", err, srv.Requests())
		}
	})
}

func checkTimeout(t *testing.T, err error) {
	t.Helper()
	pe := pensionError(t, err)
	if pe.Code != pension.CodeTimeout || !pe.Temporary() || pe.Status != 0 {
		t.Fatalf("%+v", pe)
	}
	if !errors.Is(err, context.DeadlineExceeded) || fault.ReasonOf(err) != "pension.timeout" || fault.CodeOf(err) != fault.Unavailable {
		t.Fatalf("%v: reason %q", err, fault.ReasonOf(err))
	}
}

func TestDeliverDown(t *testing.T) {
	t.Run("refused", func(t *testing.T) {
		srv, c := fake(t, nil, nil)
		p := newPackage(identitytest.NewGenerator(10), 40)
		if _, err := c.Deliver(ctx, newPackage(identitytest.NewGenerator(10), 41)); err != nil {
			t.Fatal(err) // a connection in the pool, closed by Down
		}
		srv.Down()
		for range 2 {
			_, err := c.Deliver(ctx, p)
			pe := pensionError(t, err)
			if pe.Code != pension.CodeUnreachable || !pe.Temporary() || !errors.Is(err, pension.ErrUnavailable) {
				t.Fatalf("%v", err)
			}
		}
		if err := srv.Up(); err != nil {
			t.Fatal(err)
		}
		if r, err := c.Deliver(ctx, p); err != nil || r.Duplicate {
			t.Fatalf("after Up: %+v, %v", r, err)
		}
		if n := len(srv.Packages()); n != 2 {
			t.Fatalf("holds %d", n)
		}
	})
	t.Run("503", func(t *testing.T) {
		srv, c := fake(t, &pensiontest.Options{DownStatus: 503, RetryAfter: 1500 * time.Millisecond}, nil)
		p := newPackage(identitytest.NewGenerator(10), 42)
		srv.Down()
		_, err := c.Deliver(ctx, p)
		pe := pensionError(t, err)
		if pe.Status != 503 || pe.Code != pensiontest.CodeDown || !pe.Temporary() || pe.RetryAfter != 2*time.Second {
			t.Fatalf("%+v", pe)
		}
		if err := srv.Up(); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Deliver(ctx, p); err != nil {
			t.Fatal(err)
		}
	})
}

func TestDeliverAnswerLost(t *testing.T) {
	for _, lose := range []struct {
		name string
		set  func(*pensiontest.Server)
	}{
		{"AnswerTwice", (*pensiontest.Server).AnswerTwice},
		{"DuplicateAfterStore", func(s *pensiontest.Server) { s.DuplicateAfterStore(1) }},
	} {
		t.Run(lose.name, func(t *testing.T) {
			srv, c := fake(t, nil, nil)
			p := newPackage(identitytest.NewGenerator(11), 50)
			lose.set(srv)
			r, attempts := deliverUntilDone(t, c, p)
			if !r.Duplicate {
				t.Fatalf("the answer after a lost one is not a duplicate: %+v (%d attempts)", r, attempts)
			}
			if n := len(srv.Packages()); n != 1 {
				t.Fatalf("the agency holds %d packages", n)
			}
			if n := srv.Received(p.ID); n < 2 {
				t.Fatalf("received %d requests", n)
			}
		})
	}
}

// deliverUntilDone is a retry loop: Deliver until it succeeds, failing on a
// permanent error or after 20 attempts.
func deliverUntilDone(t *testing.T, c *pension.Client, p separation.Package) (separation.Receipt, int) {
	t.Helper()
	for attempt := 1; attempt <= 20; attempt++ {
		r, err := c.Deliver(ctx, p)
		if err == nil {
			return r, attempt
		}
		if !pension.Temporary(err) {
			t.Fatalf("attempt %d: permanent error %v", attempt, err)
		}
	}
	t.Fatal("not delivered after 20 attempts")
	return separation.Receipt{}, 0
}

func TestDeliverRetryLoop(t *testing.T) {
	srv, c := fake(t, &pensiontest.Options{RetryAfter: time.Second}, &pension.Options{Timeout: 100 * time.Millisecond})
	p := newPackage(identitytest.NewGenerator(12), 60)
	srv.FailNext(2, http.StatusServiceUnavailable)
	srv.TimeoutNext(1)
	srv.FailNext(1, http.StatusTooManyRequests)
	srv.AnswerTwice()
	srv.DuplicateAfterStore(2)
	srv.FailNext(1, http.StatusBadGateway)
	r, attempts := deliverUntilDone(t, c, p)
	if !r.Duplicate || r.Reference != "PPA-00000001" {
		t.Fatalf("receipt %+v", r)
	}
	if attempts < 7 {
		t.Fatalf("done in %d attempts", attempts)
	}
	got := srv.Packages()
	if len(got) != 1 {
		t.Fatalf("the agency holds %d packages", len(got))
	}
	sameJSON(t, got[0], p)
	if n := srv.Received(p.ID); n < 9 {
		t.Fatalf("received %d requests", n)
	}
}

func TestDeliverConcurrent(t *testing.T) {
	srv, c := fake(t, nil, nil)
	p := newPackage(identitytest.NewGenerator(13), 70)
	const n = 16
	receipts := make([]separation.Receipt, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { receipts[i], errs[i] = c.Deliver(ctx, p) })
	}
	wg.Wait()
	fresh := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !receipts[i].Duplicate {
			fresh++
		}
		if receipts[i].Reference != "PPA-00000001" {
			t.Fatalf("receipt %d: %+v", i, receipts[i])
		}
	}
	if fresh != 1 {
		t.Fatalf("%d receipts are not duplicates", fresh)
	}
	if got := srv.Packages(); len(got) != 1 {
		t.Fatalf("the agency holds %d packages", len(got))
	}
	if got := srv.Received(p.ID); got != n {
		t.Fatalf("received %d requests", got)
	}
}

func TestDeliverWrongToken(t *testing.T) {
	srv, c := fake(t, &pensiontest.Options{Token: "right"}, &pension.Options{Token: "wrong"})
	_, err := c.Deliver(ctx, newPackage(identitytest.NewGenerator(14), 80))
	pe := pensionError(t, err)
	if pe.Status != 401 || pe.Temporary() || fault.ReasonOf(err) != "pension.credentials_rejected" {
		t.Fatalf("%+v", pe)
	}
	if strings.Contains(err.Error(), "wrong") || strings.Contains(fmt.Sprintf("%v %+v %#v", c, c, c), "wrong") {
		t.Fatal("the token leaks")
	}
	if s := fmt.Sprint(pension.Options{Token: "wrong"}); strings.Contains(s, "wrong") || !strings.Contains(s, "REDACTED") {
		t.Fatalf("Options print %s", s)
	}
	if len(srv.Packages()) != 0 {
		t.Fatal("stored without a token")
	}
}

func TestDeliverAuthorizeFails(t *testing.T) {
	srv, c := fake(t, nil, &pension.Options{Authorize: func(*http.Request) error {
		return identity.ErrAuthenticatorUnavailable // a coded error of another package
	}})
	_, err := c.Deliver(ctx, newPackage(identitytest.NewGenerator(15), 81))
	pe := pensionError(t, err)
	if pe.Code != pension.CodeAuthorize || !pe.Temporary() || !errors.Is(err, pension.ErrUnavailable) {
		t.Fatalf("%+v", pe)
	}
	if srv.Requests() != 0 {
		t.Fatal("sent without authorization")
	}
}

func TestDeliverRedirectNotFollowed(t *testing.T) {
	var elsewhere bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere = true }))
	defer other.Close()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/v1/packages", http.StatusTemporaryRedirect)
	}))
	defer ts.Close()
	c, err := pension.New(ts.URL, &pension.Options{Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Deliver(ctx, newPackage(identitytest.NewGenerator(16), 82))
	pe := pensionError(t, err)
	if pe.Code != pension.CodeRedirect || pe.Status != 307 || pe.Temporary() || !errors.Is(err, pension.ErrMisconfigured) {
		t.Fatalf("%+v", pe)
	}
	if elsewhere {
		t.Fatal("the redirect was followed")
	}
}

func TestDeliverMalformedReceipt(t *testing.T) {
	for _, body := range []string{
		`not json`,
		`{}`,
		`{"package_id":"case-0083","reference":"","received_at":"2025-12-21T08:00:00Z"}`,
		`{"package_id":"another","reference":"R","received_at":"2025-12-21T08:00:00Z"}`,
		`{"package_id":"case-0083","reference":"R"}`,
		`{"package_id":"case-0083","reference":"R\u0000","received_at":"2025-12-21T08:00:00Z"}`,
		`{"package_id":"case-0083","reference":"R","received_at":"2025-12-21T08:00:00Z"} trailing`,
	} {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(body))
		}))
		c, err := pension.New(ts.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Deliver(ctx, newPackage(identitytest.NewGenerator(17), 83))
		ts.Close()
		pe := pensionError(t, err)
		if pe.Code != pension.CodeMalformedResponse || !pe.Temporary() || !errors.Is(err, pension.ErrUnexpectedResponse) {
			t.Fatalf("%s: %+v", body, pe)
		}
	}
}

func TestNewInvalid(t *testing.T) {
	for _, u := range []string{"", "pension.example", "ftp://pension.example", "https://pension.example/?a=1",
		"https://user:pw@pension.example", "https://pension.example/#x", "://"} {
		if _, err := pension.New(u, nil); !errors.Is(err, pension.ErrInvalidOptions) {
			t.Errorf("New(%q): %v", u, err)
		}
	}
	if _, err := pension.New("https://pension.example", &pension.Options{Token: "a\nb"}); !errors.Is(err, pension.ErrInvalidOptions) {
		t.Errorf("a token with a line break: %v", err)
	}
	if _, err := pension.New("https://pension.example/api/", nil); err != nil {
		t.Error(err)
	}
}

func TestTemporary(t *testing.T) {
	if pension.Temporary(nil) {
		t.Error("nil is temporary")
	}
	if !pension.Temporary(errors.New("foreign")) {
		t.Error("a foreign error is not temporary")
	}
}
