package main

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// correctionFields are the fields of the file the request form offers, in
// its order: the file's own fields (names and contact). Which of them may
// be changed, and to what, is the API's to say.
var correctionFields = []records.Field{
	records.FieldNameARFirst, records.FieldNameARFather, records.FieldNameARGrandfather, records.FieldNameARFamily,
	records.FieldNameENFirst, records.FieldNameENFather, records.FieldNameENGrandfather, records.FieldNameENFamily,
	records.FieldMobile, records.FieldEmail, records.FieldAddress,
}

// correctionTerms names the terms the request form has the person accept.
const correctionTerms = "portal-correction-terms-1"

// correctionMaxForm caps a request form: the API's largest document (10
// MiB by default) and the fields.
const correctionMaxForm = 11 << 20

// correctionListPage is a list of requests: the employee's own or the
// agency's queue.
type correctionListPage struct {
	Items []records.Correction
	// Next is the next page's URL; "" on the last page.
	Next string
	// Status is the queue's filter ("" for every status); Statuses are the
	// filter's choices.
	Status   records.CorrectionStatus
	Statuses []records.CorrectionStatus
	Queue    bool
}

// correctionPageOf reads one page of the list at api for r.
func (p *Portal) correctionPageOf(r *http.Request, api string, status records.CorrectionStatus) (correctionListPage, error) {
	q := url.Values{}
	if status != "" {
		q.Set("status", string(status))
	}
	if t := r.URL.Query().Get("page_token"); t != "" {
		q.Set("page_token", t)
	}
	var l httpapi.List[records.Correction]
	if _, err := p.getJSON(r, api+"?"+q.Encode(), &l); err != nil {
		return correctionListPage{}, err
	}
	out := correctionListPage{Items: l.Items, Status: status}
	if l.NextPageToken != "" {
		nq := url.Values{"page_token": {l.NextPageToken}}
		if status != "" {
			nq.Set("status", string(status))
		}
		out.Next = r.URL.Path + "?" + nq.Encode()
	}
	return out, nil
}

// correctionList is the employee's requests (GET /v1/corrections).
func (p *Portal) correctionList(w http.ResponseWriter, r *http.Request) {
	l, err := p.correctionPageOf(r, "/v1/corrections", "")
	if err != nil {
		p.fail(w, r, err)
		return
	}
	v := p.newView(r, "correction.list.title")
	v.Data = l
	p.render(w, http.StatusOK, "correction_list", v)
}

// correctionQueue is the agency's requests for HR to review (GET
// /v1/agency/corrections), pending ones by default.
func (p *Portal) correctionQueue(w http.ResponseWriter, r *http.Request) {
	status := records.CorrectionPending
	if q := r.URL.Query(); q.Has("status") {
		status = records.CorrectionStatus(q.Get("status")) // "": every status
	}
	l, err := p.correctionPageOf(r, "/v1/agency/corrections", status)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	l.Queue = true
	l.Statuses = []records.CorrectionStatus{records.CorrectionPending, records.CorrectionApproved, records.CorrectionRejected, records.CorrectionWithdrawn}
	v := p.newView(r, "correction.queue.title")
	v.Data = l
	p.render(w, http.StatusOK, "correction_queue", v)
}

// correctionNewPage is the request form's data: the fields offered, what
// the person typed (kept on a refusal), the form's Idempotency-Key and
// their file as it is.
type correctionNewPage struct {
	Fields                      []records.Field
	Field, Value, Justification string
	Key                         string
	Terms                       string
	File                        *records.Employee
}

// correctionFile is the file of the employee with the ID number id, or nil
// when the API does not show it to the person.
func (p *Portal) correctionFile(r *http.Request, id string) (*records.Employee, error) {
	if id == "" {
		return nil, nil
	}
	var f masar.File
	if _, err := p.getJSON(r, "/v1/employees/"+url.PathEscape(id)+"/file", &f); err != nil {
		if _, ok := asRefusal(err); ok {
			return nil, nil
		}
		return nil, err
	}
	return &f.Employee, nil
}

// correctionNewView is the request form's view with the person's file.
func (p *Portal) correctionNewView(r *http.Request, d correctionNewPage) (*view, error) {
	v := p.newView(r, "correction.new.title")
	d.Fields, d.Terms = correctionFields, correctionTerms
	if v.Session != nil {
		f, err := p.correctionFile(r, v.Session.Actor.NationalID.String())
		if err != nil {
			return nil, err
		}
		d.File = f
	}
	v.Data = d
	return v, nil
}

// correctionNewForm shows the request form.
func (p *Portal) correctionNewForm(w http.ResponseWriter, r *http.Request) {
	v, err := p.correctionNewView(r, correctionNewPage{Key: newIdempotencyKey()})
	if err != nil {
		p.fail(w, r, err)
		return
	}
	p.render(w, http.StatusOK, "correction_new", v)
}

// correctionCreate uploads the supporting document (POST /v1/documents,
// the file's bytes as the body) and files the request naming it (POST
// /v1/corrections, with the form's Idempotency-Key: documents are stored
// by their digest, so a second submit of the form is the same request and
// creates nothing more).
func (p *Portal) correctionCreate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, correctionMaxForm)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		status, reason := http.StatusBadRequest, "portal.bad_form"
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			status, reason = http.StatusRequestEntityTooLarge, "portal.form_too_large"
		}
		p.fail(w, r, &refusal{Status: status, Problem: portalProblem(r, status, "invalid", reason, correctionLabels["correction.new.too_large"])})
		return
	}
	d := correctionNewPage{Field: r.FormValue("field"), Value: r.FormValue("value"), Justification: r.FormValue("justification"),
		Key: r.FormValue("idempotency_key")}
	refused := func(err error) {
		d.Key = newIdempotencyKey() // the refusal is the key's answer: a corrected form is a new request
		v, verr := p.correctionNewView(r, d)
		if verr != nil {
			p.fail(w, r, verr)
			return
		}
		p.refused(w, r, err, "correction_new", v)
	}
	in := masar.CorrectionInput{
		Changes:       []records.ProposedChange{{Field: records.Field(d.Field), New: d.Value}},
		Justification: d.Justification, AcceptTerms: r.FormValue("accept_terms") == "yes", TermsVersion: r.FormValue("terms_version"),
	}
	if file, hdr, err := r.FormFile("document"); err == nil {
		b, err := io.ReadAll(file)
		file.Close()
		if err != nil {
			p.fail(w, r, err)
			return
		}
		if len(b) > 0 || hdr.Filename != "" {
			var doc records.Document
			a, err := p.do(r, call{Method: http.MethodPost, Path: "/v1/documents?" + url.Values{"name": {path.Base(hdr.Filename)}}.Encode(),
				Body: b, ContentType: hdr.Header.Get("Content-Type")})
			if err == nil {
				err = decode(a, &doc)
			}
			if err != nil {
				refused(err)
				return
			}
			in.Documents = []records.Document{doc}
		}
	} else if !errors.Is(err, http.ErrMissingFile) {
		p.fail(w, r, err)
		return
	}
	hdr := map[string]string{}
	if d.Key != "" {
		hdr["Idempotency-Key"] = d.Key
	}
	var c records.Correction
	if _, err := p.sendJSON(r, http.MethodPost, "/v1/corrections", in, &c, hdr); err != nil {
		refused(err)
		return
	}
	http.Redirect(w, r, "/corrections/"+url.PathEscape(c.ID)+"?created=1", http.StatusSeeOther)
}

// correctionShowPage is one request's page: the request, the file it is
// about as it is now, and what the person may do.
type correctionShowPage struct {
	C    records.Correction
	File *records.Employee
	// Mine: the person made the request (they may withdraw it while it
	// is pending); Decide: they are HR and may decide it.
	Mine, Decide bool
	Created      bool
	// Stale: the person's decision was refused as made on an older version;
	// the page offers the reload and shows nothing else.
	Stale bool
	Note  string
}

// correctionShowView reads request id and the file for r's page.
func (p *Portal) correctionShowView(r *http.Request, id string) (*view, *correctionShowPage, error) {
	var c records.Correction
	if _, err := p.getJSON(r, "/v1/corrections/"+url.PathEscape(id), &c); err != nil {
		return nil, nil, err
	}
	v := p.newView(r, "correction.show.title")
	d := &correctionShowPage{C: c, Created: r.URL.Query().Get("created") == "1"}
	if v.Session != nil {
		d.Mine = v.Session.Actor.NationalID.String() == c.RequestedBy
		d.Decide = !d.Mine && (v.Has(masar.RoleHRSpecialist) || v.Has(masar.RoleHRManager))
	}
	f, err := p.correctionFile(r, c.RequestedBy)
	if err != nil {
		return nil, nil, err
	}
	d.File = f
	v.Data = d
	return v, d, nil
}

// correctionShow is one request (GET /v1/corrections/{id}).
func (p *Portal) correctionShow(w http.ResponseWriter, r *http.Request) {
	v, _, err := p.correctionShowView(r, r.PathValue("id"))
	if err != nil {
		p.fail(w, r, err)
		return
	}
	p.render(w, http.StatusOK, "correction_show", v)
}

// correctionDecide posts a decision (approval, rejection) or the
// employee's withdrawal to the API with If-Match: the version the page was
// rendered with. A refusal shows on the request's page as it is now; a 412
// (it changed meanwhile) offers to reload it instead of the forms.
func (p *Portal) correctionDecide(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		page := "/corrections/" + url.PathEscape(id)
		note := strings.TrimSpace(r.FormValue("note"))
		var body any
		if note != "" {
			body = map[string]string{"note": note}
		}
		version := r.FormValue("version")
		if _, err := strconv.ParseInt(version, 10, 64); err != nil {
			version = "0"
		}
		_, err := p.sendJSON(r, http.MethodPost, "/v1"+page+"/"+action, body, nil, map[string]string{"If-Match": `"` + version + `"`})
		if err == nil {
			http.Redirect(w, r, page, http.StatusSeeOther)
			return
		}
		rf, ok := asRefusal(err)
		if !ok {
			p.fail(w, r, err)
			return
		}
		if rf.Status == http.StatusPreconditionFailed {
			// The request changed since the page was rendered: the page
			// says so and offers the current version, without showing it
			// as if it were the one the decision was made on.
			v := p.newView(r, "correction.show.title")
			v.Reload, v.Data = page, &correctionShowPage{Stale: true}
			p.refused(w, r, err, "correction_show", v)
			return
		}
		v, d, verr := p.correctionShowView(r, id)
		if verr != nil {
			p.fail(w, r, err)
			return
		}
		d.Note = note
		p.refused(w, r, err, "correction_show", v)
	}
}

// correctionDocument streams a request's document from the API (GET
// /v1/corrections/{id}/documents/{n}), checked there against its digest.
func (p *Portal) correctionDocument(w http.ResponseWriter, r *http.Request) {
	p.relayDocument(w, r, "/v1/corrections/"+url.PathEscape(r.PathValue("id"))+"/documents/"+url.PathEscape(r.PathValue("n")))
}
