package main

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/i18n"
)

// inProcess is an http.RoundTripper that serves each request with a
// handler in this process: the portal calls the HTTP API exactly as a
// remote client would (paths, headers, JSON, problems), without a socket.
type inProcess struct{ h http.Handler }

// RoundTrip implements http.RoundTripper.
func (t inProcess) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body == nil {
		r.Body = http.NoBody
	}
	r.RequestURI = r.URL.RequestURI()
	w := &recorder{header: http.Header{}}
	t.h.ServeHTTP(w, r)
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return &http.Response{
		Status: fmt.Sprintf("%d %s", w.status, http.StatusText(w.status)), StatusCode: w.status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: w.header, Body: io.NopCloser(&w.body), ContentLength: int64(w.body.Len()), Request: r,
	}, nil
}

// recorder is the ResponseWriter of an in-process call.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *recorder) Header() http.Header { return w.header }

func (w *recorder) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *recorder) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(b)
}

// refusal is an API answer with a problem: the page shows its coded
// message, in the page's language.
type refusal struct {
	Status  int
	Problem httpapi.Problem
	// ETag is the resource's current version on a 412, for the reload offer.
	ETag string
}

func (e *refusal) Error() string {
	return fmt.Sprintf("%d %s (%s): %s", e.Status, e.Problem.Code, e.Problem.Reason, e.Problem.Detail)
}

// answer is a successful API answer.
type answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// call is one API request made for the person of page request pr: their
// session token as a bearer token, the page's language as
// Accept-Language, and their address for the API's per-client limits.
type call struct {
	Method, Path string
	// JSON, if set, is sent as the JSON body.
	JSON any
	// Body and ContentType are a raw body (an upload).
	Body        []byte
	ContentType string
	// Header are more request headers (If-Match, Idempotency-Key).
	Header map[string]string
}

// do makes c for pr and returns the answer, or a *refusal for a problem.
func (p *Portal) do(pr *http.Request, c call) (answer, error) {
	var body io.Reader = http.NoBody
	ct := c.ContentType
	switch {
	case c.JSON != nil:
		b, err := json.Marshal(c.JSON)
		if err != nil {
			return answer{}, err
		}
		body, ct = bytes.NewReader(b), "application/json"
	case c.Body != nil:
		body = bytes.NewReader(c.Body)
	}
	req, err := http.NewRequestWithContext(pr.Context(), c.Method, "http://api.internal"+c.Path, body)
	if err != nil {
		return answer{}, err
	}
	req.RemoteAddr = pr.RemoteAddr
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	req.Header.Set("Accept-Language", string(langOf(pr)))
	if tok := tokenOf(pr); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range c.Header {
		req.Header.Set(k, v)
	}
	res, err := p.hc.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return answer{}, err
	}
	if res.StatusCode >= 400 {
		rf := &refusal{Status: res.StatusCode, ETag: res.Header.Get("ETag")}
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") ||
			json.Unmarshal(b, &rf.Problem) != nil {
			rf.Problem = httpapi.Problem{Status: res.StatusCode, Code: "internal", Reason: "portal.unexpected_answer",
				Detail: errUnexpected.In(langOf(pr)), Lang: langOf(pr)}
		}
		return answer{}, rf
	}
	return answer{Status: res.StatusCode, Header: res.Header, Body: b}, nil
}

// errUnexpected is shown when the API answers something the portal cannot read.
var errUnexpected = i18n.Text{AR: "تعذر قراءة رد الخدمة، حاول لاحقاً", EN: "the service's answer could not be read; try again later"}

// getJSON makes a GET of path and decodes its JSON into out.
func (p *Portal) getJSON(pr *http.Request, path string, out any) (answer, error) {
	a, err := p.do(pr, call{Method: http.MethodGet, Path: path})
	if err != nil {
		return a, err
	}
	return a, decode(a, out)
}

// sendJSON makes a method call of path with in as its JSON body and decodes
// the answer into out (nil to ignore it).
func (p *Portal) sendJSON(pr *http.Request, method, path string, in, out any, hdr map[string]string) (answer, error) {
	if in == nil {
		in = struct{}{}
	}
	a, err := p.do(pr, call{Method: method, Path: path, JSON: in, Header: hdr})
	if err != nil {
		return a, err
	}
	return a, decode(a, out)
}

func decode(a answer, out any) error {
	if out == nil || len(a.Body) == 0 {
		return nil
	}
	if err := json.Unmarshal(a.Body, out); err != nil {
		return fmt.Errorf("decode the API's answer: %w", err)
	}
	return nil
}

// asRefusal returns err's refusal, if it is one.
func asRefusal(err error) (*refusal, bool) {
	rf, ok := errors.AsType[*refusal](err)
	return rf, ok
}

// relayDocument streams the document the API serves at path (checked there
// against its digest) to the person, with its type, name and digest.
func (p *Portal) relayDocument(w http.ResponseWriter, r *http.Request, path string) {
	a, err := p.do(r, call{Method: http.MethodGet, Path: path})
	if err != nil {
		p.fail(w, r, err)
		return
	}
	for _, h := range []string{"Content-Type", "Content-Disposition", "Digest"} {
		if s := a.Header.Get(h); s != "" {
			w.Header().Set(h, s)
		}
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(a.Body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(a.Body)
}

// newIdempotencyKey is a fresh Idempotency-Key for a creating form: the
// form carries it, so that submitting it twice creates one thing; after a
// refusal (the key's stored answer) the corrected form gets a new one.
func newIdempotencyKey() string { return rand.Text() }
