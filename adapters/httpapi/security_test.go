package httpapi_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

func TestSessionsForgedExpiredRevoked(t *testing.T) {
	h := newMemHarness(t)
	p := h.w.Employee()
	tok := h.login(p.Actor)
	h.do("GET", "/v1/session", bearer(tok)).expect(http.StatusOK)

	for name, bad := range map[string]string{
		"missing":   "",
		"garbage":   "not-a-token",
		"forged":    strings.Repeat("A", 22) + "." + strings.Repeat("B", 42) + "w",
		"tampered":  tok[:len(tok)-2] + flip(tok[len(tok)-2:]),
		"other key": tok[:23] + strings.Repeat("C", 42) + "w",
	} {
		opts := []callOption{}
		if bad != "" {
			opts = append(opts, bearer(bad))
		}
		p := h.do("GET", "/v1/employees/"+p.ID.String()+"/file", opts...).expect(http.StatusUnauthorized).problem()
		assert.Equal(t, masar.Unauthenticated, p.Code, name)
	}
	p2 := h.do("GET", "/v1/session", header("Authorization", "Basic dXNlcjpwYXNz")).expect(http.StatusUnauthorized).problem()
	assert.Equal(t, "session.missing", p2.Reason)

	h.w.Clock.Advance(identity.DefaultSessionTTL)
	exp := h.do("GET", "/v1/session", bearer(tok)).expect(http.StatusUnauthorized).problem()
	assert.Equal(t, "session.expired", exp.Reason)

	tok2 := h.login(p.Actor)
	h.do("DELETE", "/v1/session", bearer(tok2)).expect(http.StatusOK)
	rev := h.do("GET", "/v1/session", bearer(tok2), header("Accept-Language", "en")).expect(http.StatusUnauthorized).problem()
	assert.Equal(t, "session.revoked", rev.Reason)
	assert.Equal(t, "the session was signed out; sign in again", rev.Detail)
}

func flip(s string) string {
	if s[0] == 'A' {
		return "B" + s[1:]
	}
	return "A" + s[1:]
}

func TestCookieSessionsAndCrossSiteRequests(t *testing.T) {
	h := newMemHarness(t)
	p := h.w.Employee()
	_, ck := h.signIn(p.ID)
	h.do("GET", "/v1/session", cookie(ck)).expect(http.StatusOK)
	in := masar.CorrectionInput{Changes: []records.ProposedChange{{Field: records.FieldAddress, New: "حي الملقا"}},
		Justification: "عنوان جديد", AcceptTerms: true, TermsVersion: "1.0"}
	// A cross-site form post riding on the cookie is refused.
	res := h.do("POST", "/v1/corrections", cookie(ck), body(in), header("Sec-Fetch-Site", "cross-site")).expect(http.StatusForbidden)
	assert.Equal(t, "http.cross_origin", res.problem().Reason)
	res = h.do("POST", "/v1/corrections", cookie(ck), body(in), header("Origin", "https://evil.example")).expect(http.StatusForbidden)
	assert.Equal(t, "http.cross_origin", res.problem().Reason)
	// The same origin, or a program with a bearer token, may write.
	h.do("POST", "/v1/corrections", cookie(ck), body(in), header("Sec-Fetch-Site", "same-origin")).expect(http.StatusCreated)
	var mine struct {
		Items []records.Correction `json:"items"`
	}
	h.do("GET", "/v1/corrections", cookie(ck), header("Sec-Fetch-Site", "cross-site")).expect(http.StatusOK).decode(&mine)
	assert.Len(t, mine.Items, 1, "a cross-site read is harmless; only the same-origin write happened")
}

func TestRateLimitsOnPublicEndpoints(t *testing.T) {
	h := newMemHarness(t, func(c *httpapi.Config) {
		c.Limits.PerClient = httpapi.Rate{Every: time.Minute, Burst: 3}
		c.Limits.PerIdentity = httpapi.Rate{Every: time.Minute, Burst: 2}
	})
	id := h.w.Person().ID
	for range 2 {
		h.do("POST", "/v1/sign-ins", body(map[string]string{"national_id": id.String()}))
	}
	res := h.do("POST", "/v1/sign-ins", body(map[string]string{"national_id": id.String()})).expect(http.StatusTooManyRequests)
	assert.Equal(t, "60", res.Header.Get("Retry-After"))
	assert.Equal(t, "http.rate_limited", res.problem().Reason)
	// Another identity from the same client: the client's bucket has one left, then none.
	h.do("POST", "/v1/sign-ins", body(map[string]string{"national_id": h.w.Person().ID.String()})).expect(http.StatusTooManyRequests)
	h.w.Clock.Advance(time.Minute)
	h.do("POST", "/v1/sign-ins", body(map[string]string{"national_id": h.w.Person().ID.String()})).expect(http.StatusCreated)
}

func TestStrictBodies(t *testing.T) {
	h := newMemHarness(t, func(c *httpapi.Config) { c.Limits.MaxJSONBody = 2048 })
	p := h.w.Employee()
	tok := h.login(p.Actor)
	res := h.do("POST", "/v1/corrections", bearer(tok), rawBody("application/json", []byte(`{"justification":"x","surprise":1}`)), unchecked()).expect(http.StatusBadRequest)
	pr := res.problem()
	require.Len(t, pr.Fields, 1)
	assert.Equal(t, "surprise", pr.Fields[0].Field)
	assert.Equal(t, "json.unknown_field", pr.Fields[0].Reason)
	big := `{"justification":"` + strings.Repeat("ا", 2000) + `"}`
	res = h.do("POST", "/v1/corrections", bearer(tok), rawBody("application/json", []byte(big)), unchecked()).expect(http.StatusRequestEntityTooLarge)
	assert.Equal(t, "http.body_too_large", res.problem().Reason)
	h.do("POST", "/v1/corrections", bearer(tok), rawBody("text/plain", []byte(`{}`)), unchecked()).expect(http.StatusUnsupportedMediaType)
	res = h.do("POST", "/v1/corrections", bearer(tok), body(masar.CorrectionInput{Justification: "x"})).expect(http.StatusBadRequest)
	pr = res.problem()
	assert.Equal(t, masar.Invalid, pr.Code, "the facade's own validation")
	assert.Equal(t, "records.correction.terms_not_accepted", pr.Reason)
}

func TestUploads(t *testing.T) {
	h := newMemHarness(t, func(c *httpapi.Config) { c.Limits.MaxDocument = 1 << 20 })
	p := h.w.Employee()
	tok := h.login(p.Actor)
	up := func(name, ct string, b []byte) *result {
		return h.do("POST", "/v1/documents?name="+urlq(name), bearer(tok), rawBody(ct, b), unchecked())
	}
	assert.Equal(t, "http.body_too_large", up("big.pdf", "application/pdf", append(bytes.Clone(pdf), make([]byte, 1<<20)...)).expect(http.StatusRequestEntityTooLarge).problem().Reason)
	assert.Equal(t, "document.type_not_allowed", up("a.pdf", "application/pdf", []byte("MZ\x90\x00 an executable")).expect(http.StatusUnsupportedMediaType).problem().Reason)
	assert.Equal(t, "document.type_mismatch", up("a.png", "image/png", pdf).expect(http.StatusUnsupportedMediaType).problem().Reason)
	assert.Equal(t, "document.bad_name", up("../etc/passwd", "application/pdf", pdf).expect(http.StatusBadRequest).problem().Reason)
	var doc records.Document
	up("شهادة.pdf", "application/pdf", pdf).expect(http.StatusCreated).decode(&doc)

	// A document's metadata must match what was uploaded, by this person.
	forged := doc
	forged.SHA256 = strings.Repeat("0", 64)
	in := masar.CorrectionInput{Changes: []records.ProposedChange{{Field: records.FieldAddress, New: "حي الملقا"}},
		Documents: []records.Document{forged}, Justification: "عنوان جديد", AcceptTerms: true, TermsVersion: "1.0"}
	res := h.do("POST", "/v1/corrections", bearer(tok), body(in)).expect(http.StatusBadRequest)
	assert.Equal(t, "document.mismatch", res.problem().Reason)
	someone := h.login(h.w.Employee().Actor)
	in.Documents = []records.Document{doc}
	res = h.do("POST", "/v1/corrections", bearer(someone), body(in)).expect(http.StatusForbidden)
	assert.Equal(t, "document.not_owner", res.problem().Reason)

	// Attached to a grievance, it downloads for those who may read the
	// grievance, verified; a changed object is caught.
	gin := grievanceInput(h, p.File.Job.Agency.ID)
	gin.Attachments = []grievance.Attachment{{Name: doc.Name, MediaType: doc.MediaType, Size: doc.Size, SHA256: doc.SHA256, Ref: doc.StorageRef}}
	var g grievance.Grievance
	h.do("POST", "/v1/grievances", bearer(tok), body(gin)).expect(http.StatusCreated).decode(&g)
	dl := h.do("GET", "/v1/grievances/"+g.TrackingNumber.String()+"/attachments/0", bearer(tok)).expect(http.StatusOK)
	assert.Equal(t, pdf, dl.Body)
	assert.Equal(t, "application/pdf", dl.Header.Get("Content-Type"))
	h.do("GET", "/v1/grievances/"+g.TrackingNumber.String()+"/attachments/0", bearer(someone)).expect(http.StatusForbidden)
	h.do("GET", "/v1/grievances/"+g.TrackingNumber.String()+"/attachments/1", bearer(tok)).expect(http.StatusNotFound)
	require.NoError(t, h.docs.Bucket().WriteAll(context.Background(), doc.StorageRef, append(bytes.Clone(pdf), '!'), nil))
	res = h.do("GET", "/v1/grievances/"+g.TrackingNumber.String()+"/attachments/0", bearer(tok)).expect(http.StatusInternalServerError)
	assert.Equal(t, "internal", res.problem().Reason, "a corrupt document is an operator's problem, not shown")
}

func TestIdempotentFilingUnderConcurrency(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		p := h.w.Employee()
		tok := h.login(p.Actor)
		gin := grievanceInput(h, p.File.Job.Agency.ID)
		const n = 8
		var wg sync.WaitGroup
		bodies := make([][]byte, n)
		statuses := make([]int, n)
		for i := range n {
			wg.Go(func() {
				res := h.do("POST", "/v1/grievances", bearer(tok), body(gin), header("Idempotency-Key", "same-key"))
				bodies[i], statuses[i] = res.Body, res.Status
			})
		}
		wg.Wait()
		for i := range n {
			assert.Equal(t, http.StatusCreated, statuses[i], "%s", bodies[i])
			assert.Equal(t, bodies[0], bodies[i], "every retry gets the one answer")
		}
		var mine struct {
			Items []grievance.Grievance `json:"items"`
		}
		h.do("GET", "/v1/grievances", bearer(tok)).expect(http.StatusOK).decode(&mine)
		assert.Len(t, mine.Items, 1, "filed once")
		res := h.do("POST", "/v1/grievances", bearer(tok), body(gin), header("Idempotency-Key", "\x01bad"), unchecked()).expect(http.StatusBadRequest)
		assert.Equal(t, "validation.failed", res.problem().Reason)
	})
}

func TestPagingThroughHTTP(t *testing.T) {
	h := newMemHarness(t)
	p := h.w.Employee()
	tok := h.login(p.Actor)
	for i := range 3 {
		gin := grievanceInput(h, p.File.Job.Agency.ID)
		gin.Decision.Number = "1447/" + string(rune('1'+i))
		h.do("POST", "/v1/grievances", bearer(tok), body(gin)).expect(http.StatusCreated)
	}
	var seen []string
	token := ""
	for pages := 0; ; pages++ {
		require.Less(t, pages, 5)
		var pg struct {
			Items []grievance.Grievance `json:"items"`
			Next  string                `json:"next_page_token"`
		}
		url := "/v1/grievances?page_size=2"
		if token != "" {
			url += "&page_token=" + token
		}
		h.do("GET", url, bearer(tok)).expect(http.StatusOK).decode(&pg)
		for _, g := range pg.Items {
			seen = append(seen, g.ID)
		}
		if pg.Next == "" {
			break
		}
		token = pg.Next
	}
	assert.Len(t, seen, 3)
	h.do("GET", "/v1/grievances?page_size=0", bearer(tok), unchecked()).expect(http.StatusBadRequest)
	h.do("GET", "/v1/grievances?page_token=%21%21", bearer(tok)).expect(http.StatusBadRequest)
	h.do("GET", "/v1/grievances?page_token=bm9wZQ", bearer(tok)).expect(http.StatusNotFound)
}

func TestOperations(t *testing.T) {
	down := errors.New("connection refused")
	var ready error
	h := newMemHarness(t, func(c *httpapi.Config) { c.Ready = func(context.Context) error { return ready } })
	h.do("GET", "/healthz").expect(http.StatusOK)
	h.do("GET", "/readyz").expect(http.StatusOK)
	ready = down
	h.do("GET", "/readyz").expect(http.StatusServiceUnavailable)
	rec := httptest.NewRecorder()
	h.api.Metrics().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	assert.Contains(t, string(b), `masar_http_requests_total{method="GET",route="GET /readyz",status="503"} 1`)
	assert.Contains(t, string(b), `masar_http_request_duration_seconds_bucket`)
}

// A session revoked outside this API (another instance, the host) works
// here for at most SessionCache; with the cache off, not at all.
func TestSessionCacheBoundsRevocation(t *testing.T) {
	h := newMemHarness(t)
	p := h.w.Employee()
	tok := h.login(p.Actor)
	h.do("GET", "/v1/session", bearer(tok)).expect(http.StatusOK)
	_, err := h.w.Client.SignOut(context.Background(), tok)
	require.NoError(t, err)
	h.do("GET", "/v1/session", bearer(tok)).expect(http.StatusOK)
	h.w.Clock.Advance(httpapi.DefaultSessionCache)
	h.do("GET", "/v1/session", bearer(tok)).expect(http.StatusUnauthorized)

	off := newMemHarness(t, func(c *httpapi.Config) { c.SessionCache = -1 })
	q := off.w.Employee()
	tok = off.login(q.Actor)
	off.do("GET", "/v1/session", bearer(tok)).expect(http.StatusOK)
	_, err = off.w.Client.SignOut(context.Background(), tok)
	require.NoError(t, err)
	off.do("GET", "/v1/session", bearer(tok)).expect(http.StatusUnauthorized)
}
