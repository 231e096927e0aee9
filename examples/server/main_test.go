package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/identity/identitytest"
)

// The README's curl session, made with net/http against the running server:
// registration, sign-in, the file, a correction with a document, a
// grievance and the statement.
func TestCurlSession(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	demos := make(chan Demo, 1)
	done := make(chan error, 1)
	logs := &syncWriter{w: &bytes.Buffer{}}
	gen := identitytest.NewGenerator(1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-metrics-addr", "", "-db", filepath.Join(dir, "m.db"),
			"-docs", filepath.Join(dir, "docs")}, logs, func(d Demo) { demos <- d })
	}()
	var d Demo
	select {
	case d = <-demos:
	case err := <-done:
		t.Fatal(err)
	case <-time.After(60 * time.Second):
		t.Fatal("the server did not start")
	}
	defer func() {
		cancel()
		require.NoError(t, <-done)
	}()

	call := func(method, path, token, ct string, body []byte, hdr ...string) (int, http.Header, []byte) {
		t.Helper()
		req, err := http.NewRequest(method, d.URL+path, bytes.NewReader(body))
		require.NoError(t, err)
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header, b
	}
	js := func(v any) []byte { b, _ := json.Marshal(v); return b }
	var m map[string]any

	// Register: the code and the token arrive in the demo outbox.
	st, _, b := call("POST", "/v1/registrations", "", "application/json", js(map[string]string{
		"national_id": d.Employee, "birth_date": d.BirthDate, "mobile": gen.Mobile().String(), "email": gen.Email().String()}))
	require.Equal(t, 201, st, "%s", b)
	require.NoError(t, json.Unmarshal(b, &m))
	regID := m["id"].(string)
	code := regexp.MustCompile(`\b[0-9]{6}\b`).FindString(lastSent(d, "SMS"))
	require.NotEmpty(t, code)
	st, _, b = call("POST", "/v1/registrations/"+regID+"/mobile-verification", "", "application/json", js(map[string]string{"code": code}))
	require.Equal(t, 200, st, "%s", b)
	token := regexp.MustCompile(`[A-Za-z0-9_-]{20,}`).FindString(lastSent(d, "email"))
	st, _, b = call("POST", "/v1/email-confirmations", "", "application/json", js(map[string]string{"token": token}))
	require.Equal(t, 200, st, "%s", b)

	// Sign in with the fake Nafath: start, approve, wait for the callback.
	st, _, b = call("POST", "/v1/sign-ins", "", "application/json", js(map[string]string{"national_id": d.Employee}))
	require.Equal(t, 201, st, "%s", b)
	require.NoError(t, json.Unmarshal(b, &m))
	session, trans := m["token"].(string), m["trans_id"].(string)
	st, _, b = call("POST", "/dev/nafath/approve?trans_id="+trans, "", "", nil)
	require.Equal(t, 204, st, "%s", b)
	require.Eventually(t, func() bool {
		st, _, _ := call("GET", "/v1/session", session, "", nil)
		return st == 200
	}, 10*time.Second, 50*time.Millisecond)

	// The file, a correction with a document, a grievance, the statement.
	st, hdr, b := call("GET", "/v1/employees/"+d.Employee+"/file", session, "", nil)
	require.Equal(t, 200, st, "%s", b)
	assert.NotEmpty(t, hdr.Get("ETag"))
	assert.Contains(t, string(b), `"gregorian"`)
	st, _, b = call("POST", "/v1/documents?name=lease.pdf", session, "application/pdf", []byte("%PDF-1.4\n%%EOF\n"))
	require.Equal(t, 201, st, "%s", b)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	st, _, b = call("POST", "/v1/corrections", session, "application/json", js(map[string]any{
		"changes": []map[string]string{{"field": "contact.address", "new": "حي النخيل، الرياض"}}, "documents": []any{doc},
		"justification": "انتقلت إلى عنوان جديد", "accept_terms": true, "terms_version": "1.0"}), "Idempotency-Key", "corr-1")
	require.Equal(t, 201, st, "%s", b)
	today := time.Now()
	st, _, b = call("POST", "/v1/grievances", session, "application/json", js(map[string]any{
		"kind": "administrative_decision", "agency": d.Agency,
		"decision": map[string]string{"number": "1447/4471", "date": today.AddDate(0, 0, -10).Format("2006-01-02"),
			"learnt_on": today.AddDate(0, 0, -3).Format("2006-01-02")},
		"subject": "الحسم من الراتب", "sub_subject": "", "description": "تم الحسم من راتبي دون إبلاغي"}), "Idempotency-Key", "grv-1")
	require.Equal(t, 201, st, "%s", b)
	require.NoError(t, json.Unmarshal(b, &m))
	st, _, b = call("GET", "/v1/grievances/"+m["tracking_number"].(string), session, "", nil)
	require.Equal(t, 200, st, "%s", b)
	st, hdr, b = call("POST", "/v1/employees/"+d.Employee+"/statements?format=html", session, "", nil, "Accept-Language", "en")
	require.Equal(t, 201, st, "%s", b)
	assert.Contains(t, hdr.Get("Content-Type"), "text/html")
	st, _, _ = call("DELETE", "/v1/session", session, "", nil)
	require.Equal(t, 200, st)

	// The request log masks national IDs.
	assert.NotContains(t, logs.String(), "/v1/employees/"+d.Employee)
}

func lastSent(d Demo, kind string) string {
	s := d.Codes.Sent()
	for i := len(s) - 1; i >= 0; i-- {
		if s[i].Kind == kind {
			return s[i].String()
		}
	}
	return ""
}

// syncWriter serializes the server's writes to a buffer.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.(*bytes.Buffer).String()
}
