package pensiontest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/separation"
)

// The wire format the server speaks (adapters/pension documents it).
const (
	// Path is the packages endpoint, relative to the server's URL.
	Path = "/v1/packages"
	// HeaderIdempotencyKey carries the package's ID.
	HeaderIdempotencyKey = "Idempotency-Key"
	// MaxBodyBytes is the largest package accepted (413 beyond).
	MaxBodyBytes = 1 << 20
	// DefaultReferencePrefix starts every receipt reference: "PPA-00000001".
	DefaultReferencePrefix = "PPA-"
)

// The problem codes the server answers with, in the "code" member of an
// application/problem+json body.
const (
	// CodeMalformedRequest (400): the body is not a JSON object.
	CodeMalformedRequest = "malformed_request"
	// CodeMissingKey (400): no Idempotency-Key header.
	CodeMissingKey = "missing_idempotency_key"
	// CodeInvalidPackage (422): a required field is missing or a field is
	// invalid; "errors" lists them.
	CodeInvalidPackage = "invalid_package"
	// CodeKeyReused (422): the key names a package already received with
	// different content.
	CodeKeyReused = "idempotency_key_reused"
	// CodeAlreadyReceived (409, with Options.DuplicateStatus 409): the
	// package was received before; "receipt" is its receipt.
	CodeAlreadyReceived = "already_received"
	// CodeUnauthorized (401): the bearer token is missing or wrong.
	CodeUnauthorized = "unauthorized"
	// CodeNotFound (404): a path other than Path.
	CodeNotFound = "not_found"
	// CodeMethodNotAllowed (405): a method other than POST.
	CodeMethodNotAllowed = "method_not_allowed"
	// CodeTooLarge (413): a body over MaxBodyBytes.
	CodeTooLarge = "too_large"
	// CodeUnsupportedMediaType (415): a Content-Type other than
	// application/json.
	CodeUnsupportedMediaType = "unsupported_media_type"
	// CodeInjected: an answer injected by FailNext or DuplicateAfterStore.
	CodeInjected = "injected_failure"
	// CodeDown: the answer while Down with Options.DownStatus set.
	CodeDown = "unavailable"
)

// Options configure a Server; nil or zero fields mean the defaults.
type Options struct {
	// Token, if set, is required as "Authorization: Bearer <Token>" on
	// every request (401 otherwise).
	Token string
	// Now dates receipts (default time.Now).
	Now func() time.Time
	// ReferencePrefix starts receipt references (default "PPA-"); the rest
	// is a sequence number, so references are predictable in tests.
	ReferencePrefix string
	// DuplicateStatus is the answer to a package received before: 200 OK
	// with the receipt (default), or 409 Conflict with a problem carrying
	// the receipt.
	DuplicateStatus int
	// DownStatus is how a Down server answers: 0 (default) refuses
	// connections; a status (e.g. 503) answers every request with it.
	DownStatus int
	// RetryAfter, if positive, is sent as Retry-After (whole seconds,
	// rounded up) with injected failures and Down answers.
	RetryAfter time.Duration
}

// Server is a fake pension agency: an httptest.Server (embedded: URL,
// Client, Close) serving POST /v1/packages. It is safe for concurrent use.
type Server struct {
	*httptest.Server

	opts    Options
	gate    *gate
	closing chan struct{}
	once    sync.Once

	mu       sync.Mutex
	pkgs     map[string]*entry
	order    []string
	received map[string]int
	requests int
	steps    []step
	down     bool
	seq      int
}

type entry struct {
	pkg         separation.Package
	fingerprint []byte
	receipt     separation.Receipt
}

type stepKind int

const (
	stepFail      stepKind = iota + 1 // answer status
	stepHang                          // wait for the client to give up
	stepDrop                          // store, then close the connection
	stepStoreFail                     // store, then answer 500
)

type step struct {
	kind   stepKind
	status int
}

// NewServer starts a fake agency; opts may be nil. Close it when done.
func NewServer(opts *Options) *Server {
	s := &Server{
		closing:  make(chan struct{}),
		pkgs:     map[string]*entry{},
		received: map[string]int{},
	}
	if opts != nil {
		s.opts = *opts
	}
	if s.opts.Now == nil {
		s.opts.Now = time.Now
	}
	if s.opts.ReferencePrefix == "" {
		s.opts.ReferencePrefix = DefaultReferencePrefix
	}
	if s.opts.DuplicateStatus == 0 {
		s.opts.DuplicateStatus = http.StatusOK
	}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.gate = newGate(s.Server.Listener)
	s.Server.Listener = s.gate
	s.Server.Start()
	return s
}

// Close releases the requests held by TimeoutNext, shuts the server down
// and waits for its handlers to return.
func (s *Server) Close() {
	s.once.Do(func() { close(s.closing) })
	s.Server.Close()
}

// FailNext makes the next n requests to the endpoint be answered with
// status (a problem with code CodeInjected, and Retry-After if
// Options.RetryAfter is set), storing nothing. Injected behaviours
// (FailNext, TimeoutNext, AnswerTwice, DuplicateAfterStore) queue up and
// apply to the following requests in the order they were injected, one
// request each; a request refused for its token, path or method takes none,
// and one refused for its body (4xx) uses up an AnswerTwice or
// DuplicateAfterStore to no effect.
func (s *Server) FailNext(n int, status int) { s.push(n, step{kind: stepFail, status: status}) }

// TimeoutNext makes the next n requests hang, storing nothing, until the
// client gives up (the request's context is done) or the server closes;
// then the connection is closed without an answer. Received counts them.
func (s *Server) TimeoutNext(n int) { s.push(n, step{kind: stepHang}) }

// AnswerTwice makes the next request's answer be lost: the package is
// stored (if new) and then the connection is closed without an answer, so
// that the client sees a failure and sends the package again, and the
// second answer reports it as received before. net/http's transport may
// itself resend the request once on a reused connection (the
// Idempotency-Key marks it safe to), in which case one Deliver sees only
// the duplicate receipt.
func (s *Server) AnswerTwice() { s.push(1, step{kind: stepDrop}) }

// DuplicateAfterStore makes the next n requests store their package (if
// new) and then answer 500 instead of the receipt: the client retries and
// gets the duplicate receipt.
func (s *Server) DuplicateAfterStore(n int) { s.push(n, step{kind: stepStoreFail}) }

func (s *Server) push(n int, st step) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.steps = append(s.steps, st)
	}
}

func (s *Server) next() step {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.steps) == 0 {
		return step{}
	}
	st := s.steps[0]
	s.steps = s.steps[1:]
	return st
}

// Down takes the agency down: by default it stops listening (connections
// are refused) and closes the open connections; with Options.DownStatus
// set, it answers every request with that status instead. Nothing is
// stored while it is down.
func (s *Server) Down() {
	s.mu.Lock()
	s.down = true
	s.mu.Unlock()
	if s.opts.DownStatus == 0 {
		s.gate.down()
		s.Server.CloseClientConnections()
	}
}

// Up brings the agency back on the same URL. Its error is that of
// listening again on the address (when another process took the port).
func (s *Server) Up() error {
	s.mu.Lock()
	s.down = false
	s.mu.Unlock()
	if s.opts.DownStatus == 0 {
		return s.gate.reopen()
	}
	return nil
}

// Packages returns the packages the agency holds, each once, in the order
// first received.
func (s *Server) Packages() []separation.Package {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]separation.Package, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, clonePackage(s.pkgs[id].pkg))
	}
	return out
}

// Receipt returns the receipt of the package with the given ID, if the
// agency holds it.
func (s *Server) Receipt(id string) (separation.Receipt, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.pkgs[id]
	if !ok {
		return separation.Receipt{}, false
	}
	return e.receipt, true
}

// Received returns how many requests carried id as their Idempotency-Key,
// whatever they were answered (injected failures and hung requests
// included).
func (s *Server) Received(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.received[id]
}

// Requests returns how many requests the server has handled.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get(HeaderIdempotencyKey)
	s.mu.Lock()
	s.requests++
	if key != "" {
		s.received[key]++
	}
	down := s.down
	s.mu.Unlock()

	if down {
		if s.opts.DownStatus == 0 {
			panic(http.ErrAbortHandler) // a connection accepted as it went down
		}
		s.retryAfter(w)
		writeProblem(w, s.opts.DownStatus, CodeDown, "the agency is down", nil, nil)
		return
	}
	if r.URL.Path != Path {
		writeProblem(w, http.StatusNotFound, CodeNotFound, "no such endpoint", nil, nil)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeProblem(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "only POST", nil, nil)
		return
	}
	if s.opts.Token != "" && r.Header.Get("Authorization") != "Bearer "+s.opts.Token {
		w.Header().Set("WWW-Authenticate", `Bearer realm="pensiontest"`)
		writeProblem(w, http.StatusUnauthorized, CodeUnauthorized, "a valid bearer token is required", nil, nil)
		return
	}

	st := s.next()
	switch st.kind {
	case stepHang:
		select {
		case <-r.Context().Done():
		case <-s.closing:
		}
		panic(http.ErrAbortHandler) // never an answer, not even an empty one
	case stepFail:
		s.retryAfter(w)
		writeProblem(w, st.status, CodeInjected, "injected failure", nil, nil)
		return
	}

	p, fp, ok := readPackage(w, r, key)
	if !ok {
		return
	}
	s.mu.Lock()
	e, held := s.pkgs[key]
	if held && !bytes.Equal(e.fingerprint, fp) {
		s.mu.Unlock()
		writeProblem(w, http.StatusUnprocessableEntity, CodeKeyReused,
			"a different package was received under this Idempotency-Key", nil, nil)
		return
	}
	if !held {
		s.seq++
		e = &entry{pkg: clonePackage(p), fingerprint: fp, receipt: separation.Receipt{
			Reference:  fmt.Sprintf("%s%08d", s.opts.ReferencePrefix, s.seq),
			ReceivedAt: s.opts.Now().UTC(),
		}}
		s.pkgs[key] = e
		s.order = append(s.order, key)
	}
	rec := e.receipt
	s.mu.Unlock()

	switch st.kind {
	case stepDrop:
		panic(http.ErrAbortHandler) // stored; the answer is lost
	case stepStoreFail:
		s.retryAfter(w)
		writeProblem(w, http.StatusInternalServerError, CodeInjected, "injected failure after storing", nil, nil)
		return
	}
	wr := wireReceipt{PackageID: key, Reference: rec.Reference, ReceivedAt: rec.ReceivedAt}
	switch {
	case !held:
		writeJSON(w, http.StatusCreated, "application/json", wr)
	case s.opts.DuplicateStatus == http.StatusConflict:
		writeProblem(w, http.StatusConflict, CodeAlreadyReceived, "the package was received before", nil, &wr)
	default:
		writeJSON(w, s.opts.DuplicateStatus, "application/json", wr)
	}
}

// readPackage reads and validates the request's package and its
// fingerprint (its canonical JSON); on failure it has answered.
func readPackage(w http.ResponseWriter, r *http.Request, key string) (separation.Package, []byte, bool) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeProblem(w, http.StatusUnsupportedMediaType, CodeUnsupportedMediaType, "the body must be application/json", nil, nil)
		return separation.Package{}, nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeProblem(w, http.StatusRequestEntityTooLarge, CodeTooLarge, "the package is too large", nil, nil)
			return separation.Package{}, nil, false
		}
		return separation.Package{}, nil, false // the client went away
	}
	if key == "" {
		writeProblem(w, http.StatusBadRequest, CodeMissingKey, "the Idempotency-Key header is required", nil, nil)
		return separation.Package{}, nil, false
	}
	p, fields, err := parsePackage(body)
	if err != nil {
		writeProblem(w, http.StatusBadRequest, CodeMalformedRequest, "the body is not a JSON object", nil, nil)
		return separation.Package{}, nil, false
	}
	if len(fields) == 0 && p.ID != key {
		fields = []fieldError{{Field: "id", Reason: "idempotency_key_mismatch"}}
	}
	if len(fields) > 0 {
		writeProblem(w, http.StatusUnprocessableEntity, CodeInvalidPackage, "the package is not valid", fields, nil)
		return separation.Package{}, nil, false
	}
	fp, err := json.Marshal(p)
	if err != nil {
		writeProblem(w, http.StatusUnprocessableEntity, CodeInvalidPackage, "the package is not valid: "+err.Error(), nil, nil)
		return separation.Package{}, nil, false
	}
	return p, fp, true
}

func (s *Server) retryAfter(w http.ResponseWriter) {
	if d := s.opts.RetryAfter; d > 0 {
		secs := int64((d + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	}
}

// wireReceipt is the receipt's JSON, as adapters/pension documents it.
type wireReceipt struct {
	PackageID  string    `json:"package_id"`
	Reference  string    `json:"reference"`
	ReceivedAt time.Time `json:"received_at"`
}

type fieldError struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

type problem struct {
	Type    string       `json:"type"`
	Title   string       `json:"title"`
	Status  int          `json:"status"`
	Detail  string       `json:"detail,omitempty"`
	Code    string       `json:"code"`
	Errors  []fieldError `json:"errors,omitempty"`
	Receipt *wireReceipt `json:"receipt,omitempty"`
}

func writeProblem(w http.ResponseWriter, status int, code, detail string, fields []fieldError, rec *wireReceipt) {
	writeJSON(w, status, "application/problem+json", problem{
		Type: "about:blank", Title: http.StatusText(status), Status: status,
		Detail: detail, Code: code, Errors: fields, Receipt: rec,
	})
}

func writeJSON(w http.ResponseWriter, status int, contentType string, v any) {
	b, _ := json.Marshal(v) // the server's own types always encode
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// parsePackage decodes and validates a package. err: not a JSON object;
// fields: the violations of a JSON object.
func parsePackage(body []byte) (separation.Package, []fieldError, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil || raw == nil {
		return separation.Package{}, nil, errors.New("not a JSON object")
	}
	var fields []fieldError
	check := func(name string, into any, ok func() bool) {
		v, present := raw[name]
		if !present || string(v) == "null" || string(v) == `""` {
			fields = append(fields, fieldError{Field: name, Reason: "required"})
			return
		}
		if err := json.Unmarshal(v, into); err != nil || !ok() {
			fields = append(fields, fieldError{Field: name, Reason: "invalid"})
		}
	}
	var id string
	var nid identity.NationalID
	var last hijri.Date
	var cause separation.Cause
	check("id", &id, func() bool { return id != "" && len(id) <= 255 })
	check("national_id", &nid, func() bool { return !nid.IsZero() })
	check("last_day", &last, func() bool { return !last.IsZero() && last.IsValid() })
	check("cause", &cause, func() bool { return slices.Contains(separation.Causes, cause) })
	if len(fields) > 0 {
		return separation.Package{}, fields, nil
	}
	var p separation.Package
	if err := json.Unmarshal(body, &p); err != nil {
		return separation.Package{}, []fieldError{{Field: "package", Reason: "invalid"}}, nil
	}
	return p, nil, nil
}

// clonePackage returns a deep copy of p.
func clonePackage(p separation.Package) separation.Package {
	p.Spells = slices.Clone(p.Spells)
	p.Pensionable = p.Pensionable.Clone()
	p.Settlement = p.Settlement.Clone()
	return p
}
