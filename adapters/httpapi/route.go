package httpapi

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

// route is one endpoint: an operation of the OpenAPI document.
type route struct {
	method string
	// path is the ServeMux pattern's path, which is the OpenAPI path.
	path string
	// uses are the facade use cases the endpoint performs (a coverage
	// test checks that every use case has one).
	uses []masar.UseCase
	// public: no session is needed.
	public bool
	// limit is the abuse limit class of a public endpoint ("" for none).
	limit limitClass
	// create: the endpoint honours an Idempotency-Key header.
	create bool
	// update: the endpoint changes a versioned resource and requires
	// If-Match with its ETag.
	update bool
	// maxBody caps the request body; 0 means Limits.MaxJSONBody.
	maxBody int64
	// do serves the request.
	do func(rq *request) (reply, error)
}

// request is what a handler gets: the HTTP request, the signed-in actor,
// the If-Match version of an update and the response language.
type request struct {
	r       *http.Request
	w       http.ResponseWriter
	api     *API
	session identity.Session
	actor   masar.Actor
	version int64
	lang    i18n.Lang
}

// ctx returns the request's context.
func (rq *request) ctx() context.Context { return rq.r.Context() }

// decode reads the JSON body into v strictly: one value, no unknown field.
func (rq *request) decode(v any) error { return decodeJSON(rq.r, v) }

// decodeOptional decodes the JSON body into v when there is one (an
// optional body: v keeps its zero value without).
func (rq *request) decodeOptional(v any) error {
	if rq.r.ContentLength == 0 {
		return nil
	}
	return rq.decode(v)
}

// nationalID parses the path parameter name as a national ID or Iqama.
func (rq *request) nationalID(name string) (identity.NationalID, error) {
	id, err := identity.ParseNationalID(rq.r.PathValue(name))
	if err != nil {
		return identity.NationalID{}, err
	}
	return id, nil
}

// date parses the query parameter name as a Hijri or Gregorian date; def
// when it is absent.
func (rq *request) date(name string, def hijri.Date) (hijri.Date, error) {
	s := rq.r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	d, err := hijri.ParseAny(s)
	if err != nil {
		return hijri.Date{}, invalidParam(name, err)
	}
	return d, nil
}

// pageRequest reads page_size and page_token.
func (rq *request) pageRequest() (masar.PageRequest, error) {
	q := rq.r.URL.Query()
	var p masar.PageRequest
	if s := q.Get("page_size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > page.MaxLimit {
			return p, errPageSize
		}
		p.Limit = n
	}
	if t := q.Get("page_token"); t != "" {
		b, err := base64.RawURLEncoding.DecodeString(t)
		if err != nil || len(b) == 0 {
			return p, errPageToken
		}
		p.After = string(b)
	}
	return p, nil
}

// reply is a handler's answer: a status, a JSON body (or raw bytes of a
// content type), and the ETag and Location headers.
type reply struct {
	status      int
	body        any
	raw         []byte
	contentType string
	etag        string
	location    string
	// dated adds a "gregorian" member beside the Hijri dates of body (a
	// JSON object): the Gregorian date of each, by JSON pointer.
	dated bool
	// headers are further response headers.
	headers map[string]string
}

// ok answers 200 with v.
func ok(v any) reply { return reply{status: http.StatusOK, body: v} }

// versioned answers 200 with v and its version as the ETag.
func versioned(v any, version int64) reply {
	return reply{status: http.StatusOK, body: v, etag: etagOf(version)}
}

// created answers 201 with v, its version as the ETag and its location.
func created(v any, version int64, location string) reply {
	r := reply{status: http.StatusCreated, body: v, location: location}
	if version > 0 {
		r.etag = etagOf(version)
	}
	return r
}

// List is the shape of every list: a page of items and the token of the
// next page ("" on the last).
type List[T any] struct {
	// Items are the page's items, in the list's order.
	Items []T `json:"items"`
	// NextPageToken is passed back as page_token for the next page;
	// absent on the last page.
	NextPageToken string `json:"next_page_token,omitempty"`
}

// listOf converts a facade page into the API's list.
func listOf[T any](p page.Page[T]) List[T] {
	l := List[T]{Items: p.Items}
	if l.Items == nil {
		l.Items = []T{}
	}
	if p.Next != "" {
		l.NextPageToken = base64.RawURLEncoding.EncodeToString([]byte(p.Next))
	}
	return l
}

// etagOf is the strong ETag of a version.
func etagOf(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// ifMatch reads the If-Match header as a version.
func ifMatch(r *http.Request) (int64, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		return 0, errPreconditionRequired
	}
	if strings.HasPrefix(h, "W/") || !strings.HasPrefix(h, `"`) || !strings.HasSuffix(h, `"`) || len(h) < 3 {
		return 0, errBadIfMatch
	}
	v, err := strconv.ParseInt(h[1:len(h)-1], 10, 64)
	if err != nil || v < 1 {
		return 0, errBadIfMatch
	}
	return v, nil
}

// wrap turns a route into a handler: limits, session, If-Match,
// idempotency, the call and its answer.
func (a *API) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq := &request{r: r, w: w, api: a, lang: langOf(r)}
		max := rt.maxBody
		if max == 0 {
			max = a.cfg.Limits.MaxJSONBody
		}
		r.Body = http.MaxBytesReader(w, r.Body, max)
		if err := a.admit(rq, rt); err != nil {
			a.problem(w, r, err)
			return
		}
		if rt.update {
			v, err := ifMatch(r)
			if err != nil {
				a.problem(w, r, err)
				return
			}
			rq.version = v
		}
		rep, err := a.serve(rq, rt)
		if err != nil {
			if rt.update && isStale(err) {
				err = staleVersion{err}
			}
			a.problem(w, r, err)
			return
		}
		a.write(w, r, rep)
	})
}

// admit applies the route's rate limit and establishes the actor of a
// signed-in route.
func (a *API) admit(rq *request, rt route) error {
	if rt.limit != "" {
		if err := a.limiter.allow(rt.limit, a.clientKey(rq.r)); err != nil {
			return err
		}
	}
	if rt.public {
		return nil
	}
	s, actor, err := a.authenticate(rq.r)
	if err != nil {
		return err
	}
	rq.session, rq.actor = s, actor
	return nil
}

// serve runs the route's handler, through the idempotency store for a
// creating call that carries an Idempotency-Key.
func (a *API) serve(rq *request, rt route) (reply, error) {
	if rt.create && rq.r.Header.Get("Idempotency-Key") != "" {
		return a.idempotent(rq, rt)
	}
	return rt.do(rq)
}

// write sends rep.
func (a *API) write(w http.ResponseWriter, r *http.Request, rep reply) {
	h := w.Header()
	if rep.etag != "" {
		h.Set("ETag", rep.etag)
	}
	if rep.location != "" {
		h.Set("Location", rep.location)
	}
	for k, v := range rep.headers {
		h.Set(k, v)
	}
	if rep.raw != nil {
		if rep.contentType != "" {
			h.Set("Content-Type", rep.contentType)
		}
		h.Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(rep.status)
		_, _ = w.Write(rep.raw)
		return
	}
	b, err := encodeBody(rep)
	if err != nil {
		a.problem(w, r, err)
		return
	}
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(rep.status)
	_, _ = w.Write(b)
}

// staleReasons are the reasons of the stores' compare-and-swap refusal: the
// version sent in If-Match is not the stored one. Other conflicts (a
// request decided already, a duplicate) stay 409.
var staleReasons = map[string]bool{
	records.ErrConflict.Reason: true, records.ErrStaleVersion.Reason: true, records.ErrCorrectionStale.Reason: true,
	grievance.ErrConflict.Reason: true, promotion.ErrConflict.Reason: true, leave.ErrConflict.Reason: true, separation.ErrConflict.Reason: true,
	jobaudit.ErrConflict.Reason: true,
	identity.ErrConflict.Reason: true,
}

// isStale reports whether err is a stale-version refusal.
func isStale(err error) bool {
	return errors.Is(err, masar.ErrConflict) && staleReasons[fault.ReasonOf(err)]
}
