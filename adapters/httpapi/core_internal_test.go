package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

func jsonRequest(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json; charset=utf-8")
	return r
}

func TestDecodeJSONIsStrict(t *testing.T) {
	type in struct {
		Name string `json:"name"`
		N    int    `json:"n"`
	}
	var v in
	require.NoError(t, decodeJSON(jsonRequest(`{"name":"سارة","n":2}`), &v))
	assert.Equal(t, in{Name: "سارة", N: 2}, v)

	cases := map[string]struct {
		body, field, reason string
	}{
		"unknown field": {`{"name":"a","extra":1}`, "extra", "json.unknown_field"},
		"wrong type":    {`{"n":"two"}`, "n", "json.type"},
		"two values":    {`{"n":1}{"n":2}`, "body", "json.trailing_data"},
		"syntax":        {`{"n":`, "body", "json.syntax"},
		"empty":         {``, "body", "json.empty"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			err := decodeJSON(jsonRequest(c.body), &in{})
			require.ErrorIs(t, err, fault.ErrInvalidInput)
			fe, _ := fault.As(err)
			require.Len(t, fe.Fields, 1)
			assert.Equal(t, c.field, fe.Fields[0].Field)
			assert.Equal(t, c.reason, fe.Fields[0].Reason)
			assert.NotEmpty(t, fe.Fields[0].Message.AR)
			assert.NotEmpty(t, fe.Fields[0].Message.EN)
			assert.Equal(t, http.StatusBadRequest, statusOf(err))
		})
	}

	r := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(`{}`))
	r.Header.Set("Content-Type", "text/plain")
	err := decodeJSON(r, &in{})
	assert.Equal(t, http.StatusUnsupportedMediaType, statusOf(err))

	big := jsonRequest(`{"name":"` + strings.Repeat("a", 100) + `"}`)
	big.Body = http.MaxBytesReader(httptest.NewRecorder(), big.Body, 20)
	err = decodeJSON(big, &in{})
	assert.Equal(t, http.StatusRequestEntityTooLarge, statusOf(err))
	assert.Equal(t, "http.body_too_large", problemOf(err, i18n.English, "").Reason)
}

func TestIfMatch(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/x", nil)
	_, err := ifMatch(r)
	assert.Equal(t, http.StatusPreconditionRequired, statusOf(err))
	for _, bad := range []string{`3`, `W/"3"`, `"x"`, `"0"`, `""`, `"3", "4"`, `*`} {
		r.Header.Set("If-Match", bad)
		_, err := ifMatch(r)
		assert.Equal(t, http.StatusBadRequest, statusOf(err), bad)
	}
	r.Header.Set("If-Match", etagOf(42))
	v, err := ifMatch(r)
	require.NoError(t, err)
	assert.EqualValues(t, 42, v)
	stale := staleVersion{fault.ErrConflict}
	assert.Equal(t, http.StatusPreconditionFailed, statusOf(stale))
	assert.Equal(t, fault.Conflict, problemOf(stale, i18n.Arabic, "").Code)
}

func TestPageTokensRoundTrip(t *testing.T) {
	l := listOf(pageOf([]int{1, 2}, "cursor/٣"))
	require.NotEmpty(t, l.NextPageToken)
	r := httptest.NewRequest(http.MethodGet, "/x?page_size=2&page_token="+l.NextPageToken, nil)
	p, err := (&request{r: r}).pageRequest()
	require.NoError(t, err)
	assert.Equal(t, "cursor/٣", p.After)
	assert.Equal(t, 2, p.Limit)
	for _, q := range []string{"page_size=0", "page_size=501", "page_size=x", "page_token=%25%25", "page_token=="} {
		r := httptest.NewRequest(http.MethodGet, "/x?"+q, nil)
		_, err := (&request{r: r}).pageRequest()
		assert.ErrorIs(t, err, fault.ErrInvalidInput, q)
	}
	assert.Equal(t, []int{}, listOf(pageOf[int](nil, "")).Items, "an empty page is [] not null")
}

func TestProblemNeverLeaksInternalDetails(t *testing.T) {
	err := errors.New("pq: password authentication failed for user admin at 10.0.0.5")
	p := problemOf(err, i18n.English, "req-1")
	assert.Equal(t, fault.Internal, p.Code)
	assert.Equal(t, "internal", p.Reason)
	assert.Equal(t, "internal error", p.Detail)
	assert.Equal(t, http.StatusInternalServerError, p.Status)
	wrapped := fault.ErrInternal.Wrap(err)
	assert.NotContains(t, problemOf(wrapped, i18n.English, "").Detail, "password")
}

func TestLanguageNegotiation(t *testing.T) {
	cases := map[string]i18n.Lang{
		"": i18n.Arabic, "en": i18n.English, "en-US,en;q=0.8": i18n.English, "ar-SA": i18n.Arabic,
		"fr": i18n.Arabic, "fr, en;q=0.5": i18n.English, "ar;q=0.9, en": i18n.English, "!!": i18n.Arabic,
	}
	for h, want := range cases {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Accept-Language", h)
		assert.Equal(t, want, langOf(r), h)
	}
}

func TestMaskIDs(t *testing.T) {
	assert.Equal(t, "/v1/employees/1*******08/file", maskIDs("/v1/employees/1234567808/file"))
	assert.Equal(t, "round 12345", maskIDs("round 12345"), "short numbers stay")
	assert.Equal(t, "x 51234567890 y", maskIDs("x 51234567890 y"), "an 11-digit number is no ID")
}

func TestGregorianAlongsideHijri(t *testing.T) {
	type event struct {
		On   hijri.Date `json:"on"`
		Note string     `json:"note"`
	}
	type doc struct {
		Born   hijri.Date  `json:"born"`
		Events []event     `json:"events"`
		Skip   hijri.Date  `json:"-"`
		Ptr    *hijri.Date `json:"ptr,omitempty"`
		Zero   hijri.Date  `json:"zero"`
	}
	born := hijri.MustNew(1445, 9, 1)
	b, err := encodeBody(reply{dated: true, body: doc{Born: born, Events: []event{{On: hijri.MustNew(1446, 1, 1)}}, Skip: born}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"born":"1445-09-01","events":[{"on":"1446-01-01","note":""}],"zero":null,
		"gregorian":{"/born":"2024-03-11","/events/0/on":"2024-07-07"}}`, string(b))
	b, err = encodeBody(reply{dated: true, body: struct {
		A int `json:"a"`
	}{1}})
	require.NoError(t, err)
	assert.Equal(t, `{"a":1}`, string(b), "no dates, no member")

	type Inner struct {
		At hijri.Date `json:"at"`
	}
	type outer struct {
		Inner `json:",omitempty"`
		ByKey map[string]hijri.Date `json:"by_key"`
		Any   any                   `json:"any"`
	}
	b, err = encodeBody(reply{dated: true, body: outer{
		Inner: Inner{At: born},
		ByKey: map[string]hijri.Date{"a/b~c": born, "عيد \"x\"": born},
		Any:   &Inner{At: born},
	}})
	require.NoError(t, err)
	var got struct {
		Gregorian map[string]string `json:"gregorian"`
	}
	require.NoError(t, json.Unmarshal(b, &got), string(b))
	assert.Equal(t, map[string]string{
		"/at": "2024-03-11", "/by_key/a~1b~0c": "2024-03-11", "/by_key/عيد \"x\"": "2024-03-11", "/any/at": "2024-03-11",
	}, got.Gregorian, "an embedded struct's fields are its parent's; pointer tokens escaped, JSON strings escaped")
}

func TestRateLimitsWaitAndForget(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newLimiters(Limits{}.withDefaults(), func() time.Time { return now })
	for range 10 {
		require.NoError(t, l.allow(limitSignIn, "192.0.2.1"))
	}
	err := l.allow(limitSignIn, "192.0.2.1")
	require.Error(t, err)
	he, ok := errors.AsType[*httpError](err)
	require.True(t, ok)
	assert.Equal(t, http.StatusTooManyRequests, he.status)
	assert.Equal(t, 6*time.Second, he.retry)
	require.NoError(t, l.allow(limitSignIn, "192.0.2.2"), "another client has its own bucket")
	require.NoError(t, l.allow(limitOTPSend, "192.0.2.1"), "another endpoint has its own bucket")
	now = now.Add(6 * time.Second)
	require.NoError(t, l.allow(limitSignIn, "192.0.2.1"), "a token came back")
	now = now.Add(time.Hour)
	l.sweep(now)
	assert.Empty(t, l.bucket, "full buckets are forgotten")

	rec := httptest.NewRecorder()
	a := &API{log: discardLogger()}
	a.problem(rec, httptest.NewRequest(http.MethodGet, "/", nil), err)
	assert.Equal(t, "6", rec.Header().Get("Retry-After"))
	assert.Equal(t, http.StatusTooManyRequests, rec.Code)
}

func TestObserveLogsMaskedAndCounts(t *testing.T) {
	var logs bytes.Buffer
	a := &API{log: jsonLogger(&logs)}
	m, err := newMetrics(newRegistry())
	require.NoError(t, err)
	a.metrics = m
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/employees/{national_id}/file", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	})
	rec := httptest.NewRecorder()
	a.observe(mux).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/employees/1234567808/file", nil))
	assert.Equal(t, http.StatusTeapot, rec.Code)
	assert.Len(t, rec.Header().Get("X-Request-Id"), 24)
	out := logs.String()
	assert.NotContains(t, out, "1234567808")
	assert.Contains(t, out, `"path":"/v1/employees/1*******08/file"`)
	assert.Contains(t, out, `"route":"GET /v1/employees/{national_id}/file"`)
	assert.Contains(t, out, `"status":418`)

	r := httptest.NewRequest(http.MethodGet, "/v1/employees/1234567808/file", nil)
	r.Header.Set("X-Request-Id", "client-chosen-id")
	rec = httptest.NewRecorder()
	a.observe(mux).ServeHTTP(rec, r)
	assert.Equal(t, "client-chosen-id", rec.Header().Get("X-Request-Id"))
	r.Header.Set("X-Request-Id", "bad id\nwith newline")
	rec = httptest.NewRecorder()
	a.observe(mux).ServeHTTP(rec, r)
	assert.NotContains(t, rec.Header().Get("X-Request-Id"), "bad")
}
