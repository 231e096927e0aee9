package main

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/records"
)

// grvMaxForm caps a grievance form's body (the document included); the
// API has its own, smaller, limit on documents and refuses with its code.
const grvMaxForm = 32 << 20

// errGrvFormTooLarge is the portal's refusal of a form over grvMaxForm.
var errGrvFormTooLarge = i18n.Text{AR: "حجم النموذج ومرفقاته أكبر من المسموح", EN: "the form and its document are larger than allowed"}

// grvFileForm is what a person typed in the filing form, kept when the API
// refuses it.
type grvFileForm struct {
	Kind, Agency, Number, Date, LearntOn, Subject, Description string
	// Key is the filing's Idempotency-Key, made when the form is rendered:
	// a double submit files one grievance.
	Key string
}

// grvNewData is the filing page's data.
type grvNewData struct {
	Form grvFileForm
	// Agencies are the agencies the person may file against: their own,
	// from their file; none when it cannot be read (the form then asks for
	// the code).
	Agencies []records.Agency
}

// grvActForm is what a person typed in an action form, kept when the API
// refuses it.
type grvActForm struct {
	Action, Note, Outcome, Response string
}

// grvShowData is the grievance page's data.
type grvShowData struct {
	G grievance.Grievance
	// TN is the tracking number as the API prints it.
	TN string
	// ETag is the version the page was rendered with, sent back as If-Match.
	ETag string
	// Filed: the grievance was just filed; Done: the step just recorded
	// (an action form's path).
	Filed bool
	Done  string
	// Stale: an action was refused because the grievance changed; the page
	// offers no action until it is reloaded.
	Stale bool
	// Form is the refused action's input.
	Form grvActForm
}

// grvListData is a list page's data.
type grvListData struct {
	Items []grievance.Grievance
	// Next is the next page's URL, "" on the last.
	Next string
	// Status is the inbox's status filter.
	Status string
	// Staff: the list is the agency's (it shows the filer and the answer's
	// due date).
	Staff bool
}

// grvPath is the portal page of the grievance numbered tn.
func grvPath(tn string) string { return "/grievances/" + url.PathEscape(tn) }

// grvAPIPath is the API path of the grievance numbered tn.
func grvAPIPath(tn string) string { return "/v1/grievances/" + url.PathEscape(tn) }

// grvParseForm reads a (multipart or plain) form of at most grvMaxForm.
func grvParseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, grvMaxForm)
	err := r.ParseMultipartForm(8 << 20)
	if err == nil || errors.Is(err, http.ErrNotMultipart) {
		return nil
	}
	return &refusal{Status: http.StatusRequestEntityTooLarge,
		Problem: portalProblem(r, http.StatusRequestEntityTooLarge, "invalid", "portal.form_too_large", errGrvFormTooLarge)}
}

// grvUpload uploads the file of the form field, if one was chosen, through
// POST /v1/documents and returns it as an attachment.
func (p *Portal) grvUpload(r *http.Request, field string) ([]grievance.Attachment, error) {
	f, fh, err := r.FormFile(field)
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	ct := fh.Header.Get("Content-Type")
	if ct == "application/octet-stream" {
		ct = "" // the browser did not know: the API sniffs the type
	}
	var d records.Document
	a, err := p.do(r, call{Method: http.MethodPost, Path: "/v1/documents?name=" + url.QueryEscape(fh.Filename), Body: b, ContentType: ct})
	if err != nil {
		return nil, err
	}
	if err := decode(a, &d); err != nil {
		return nil, err
	}
	return []grievance.Attachment{{Name: d.Name, MediaType: d.MediaType, Size: d.Size, SHA256: d.SHA256, Ref: d.StorageRef}}, nil
}

// grvNewData returns the filing page's data for form, with the person's
// agency from their file. A 401 (not signed in) is returned.
func (p *Portal) grvNewData(r *http.Request, v *view, form grvFileForm) (grvNewData, error) {
	d := grvNewData{Form: form}
	if v.Session == nil {
		_, err := p.getJSON(r, "/v1/session", nil)
		return d, err
	}
	var f struct {
		Employee struct {
			Job struct {
				Agency records.Agency `json:"agency"`
			} `json:"job"`
		} `json:"employee"`
	}
	if _, err := p.getJSON(r, "/v1/employees/"+url.PathEscape(v.Session.Actor.NationalID.String())+"/file", &f); err == nil && f.Employee.Job.Agency.ID != "" {
		d.Agencies = []records.Agency{f.Employee.Job.Agency}
	}
	return d, nil
}

// grvNew is the filing form.
func (p *Portal) grvNew(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "grievance.new.title")
	d, err := p.grvNewData(r, v, grvFileForm{Kind: string(grievance.KindDecision), Key: newIdempotencyKey()})
	if err != nil {
		p.fail(w, r, err)
		return
	}
	v.Data = d
	p.render(w, http.StatusOK, "grievance_new", v)
}

// grvFile files the grievance: its document first (POST /v1/documents),
// then POST /v1/grievances naming it, with the form's Idempotency-Key; then
// the grievance's page with its tracking number.
func (p *Portal) grvFile(w http.ResponseWriter, r *http.Request) {
	if err := grvParseForm(w, r); err != nil {
		p.fail(w, r, err)
		return
	}
	form := grvFileForm{Kind: r.FormValue("kind"), Agency: strings.TrimSpace(r.FormValue("agency")),
		Number: strings.TrimSpace(r.FormValue("decision_number")), Date: strings.TrimSpace(r.FormValue("decision_date")),
		LearntOn: strings.TrimSpace(r.FormValue("learnt_on")), Subject: strings.TrimSpace(r.FormValue("subject")),
		Description: strings.TrimSpace(r.FormValue("description")), Key: r.FormValue("idempotency_key")}
	refused := func(err error) {
		v := p.newView(r, "grievance.new.title")
		v.Back = "/grievances/new"
		form.Key = newIdempotencyKey() // the person changes the form: a new filing
		d, derr := p.grvNewData(r, v, form)
		if derr != nil {
			p.fail(w, r, derr)
			return
		}
		v.Data = d
		p.refused(w, r, err, "grievance_new", v)
	}
	atts, err := p.grvUpload(r, "document")
	if err != nil {
		refused(err)
		return
	}
	body := map[string]any{
		"kind": form.Kind, "agency": form.Agency,
		"decision": map[string]string{"number": form.Number, "date": form.Date, "learnt_on": form.LearntOn},
		"subject":  form.Subject, "description": form.Description, "attachments": atts,
	}
	var hdr map[string]string
	if form.Key != "" {
		hdr = map[string]string{"Idempotency-Key": form.Key}
	}
	var g grievance.Grievance
	if _, err := p.sendJSON(r, http.MethodPost, "/v1/grievances", body, &g, hdr); err != nil {
		refused(err)
		return
	}
	http.Redirect(w, r, grvPath(g.TrackingNumber.String())+"?filed=1", http.StatusSeeOther)
}

// grvLoad reads the grievance numbered tn and its ETag.
func (p *Portal) grvLoad(r *http.Request, tn string) (grvShowData, error) {
	var d grvShowData
	a, err := p.getJSON(r, grvAPIPath(tn), &d.G)
	if err != nil {
		return d, err
	}
	d.TN, d.ETag = d.G.TrackingNumber.String(), a.Header.Get("ETag")
	return d, nil
}

// grvShow is a grievance's page: its status, decision, answer,
// attachments and history, and the steps the person may take.
func (p *Portal) grvShow(w http.ResponseWriter, r *http.Request) {
	d, err := p.grvLoad(r, r.PathValue("tn"))
	if err != nil {
		p.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	d.Filed = q.Get("filed") != ""
	if _, ok := grvActions[q.Get("done")]; ok {
		d.Done = q.Get("done")
	}
	v := p.newView(r, "grievance.show.title")
	v.Data = d
	p.render(w, http.StatusOK, "grievance_show", v)
}

// grvAct takes a step on a grievance (review, info-request, info, answer)
// with If-Match the version its page was rendered with.
func (p *Portal) grvAct(w http.ResponseWriter, r *http.Request) {
	tn, action := r.PathValue("tn"), r.PathValue("action")
	if _, ok := grvActions[action]; !ok {
		p.fail(w, r, &refusal{Status: http.StatusNotFound, Problem: portalProblem(r, http.StatusNotFound, "not_found", "portal.no_page", errNoPage)})
		return
	}
	if err := grvParseForm(w, r); err != nil {
		p.fail(w, r, err)
		return
	}
	form := grvActForm{Action: action, Note: strings.TrimSpace(r.FormValue("note")),
		Outcome: r.FormValue("outcome"), Response: strings.TrimSpace(r.FormValue("response"))}
	var body any
	switch action {
	case "review", "info-request":
		body = map[string]string{"note": form.Note}
	case "info":
		atts, err := p.grvUpload(r, "document")
		if err != nil {
			p.grvRefused(w, r, tn, form, err)
			return
		}
		body = map[string]any{"note": form.Note, "attachments": atts}
	case "answer":
		body = map[string]string{"outcome": form.Outcome, "response": form.Response}
	}
	if _, err := p.sendJSON(r, http.MethodPost, grvAPIPath(tn)+"/"+action, body, nil,
		map[string]string{"If-Match": r.FormValue("version")}); err != nil {
		p.grvRefused(w, r, tn, form, err)
		return
	}
	http.Redirect(w, r, grvPath(tn)+"?done="+action, http.StatusSeeOther)
}

// grvRefused re-renders the grievance page, as it now is, with the API's
// refusal of the step form; a stale version (412) offers to reload it
// instead of the forms.
func (p *Portal) grvRefused(w http.ResponseWriter, r *http.Request, tn string, form grvActForm, err error) {
	d, lerr := p.grvLoad(r, tn)
	if lerr != nil {
		p.fail(w, r, err)
		return
	}
	v := p.newView(r, "grievance.show.title")
	v.Back = grvPath(tn)
	if rf, ok := asRefusal(err); ok && rf.Status == http.StatusPreconditionFailed {
		v.Reload, d.Stale = grvPath(tn), true
	} else {
		d.Form = form
	}
	v.Data = d
	p.refused(w, r, err, "grievance_show", v)
}

// grvAttachment downloads a grievance's attachment through the API.
func (p *Portal) grvAttachment(w http.ResponseWriter, r *http.Request) {
	p.relayDocument(w, r, grvAPIPath(r.PathValue("tn"))+"/attachments/"+url.PathEscape(r.PathValue("n")))
}

// grvFollow asks for a tracking number and opens its grievance.
func (p *Portal) grvFollow(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "grievance.follow.title")
	tn := strings.TrimSpace(r.URL.Query().Get("tracking_number"))
	v.Data = tn
	if tn == "" {
		p.render(w, http.StatusOK, "grievance_follow", v)
		return
	}
	var g grievance.Grievance
	if _, err := p.getJSON(r, grvAPIPath(tn), &g); err != nil {
		p.refused(w, r, err, "grievance_follow", v)
		return
	}
	http.Redirect(w, r, grvPath(g.TrackingNumber.String()), http.StatusSeeOther)
}

// grvMine lists the person's own grievances.
func (p *Portal) grvMine(w http.ResponseWriter, r *http.Request) {
	q := url.Values{}
	if t := r.URL.Query().Get("page_token"); t != "" {
		q.Set("page_token", t)
	}
	var l httpapi.List[grievance.Grievance]
	if _, err := p.getJSON(r, "/v1/grievances?"+q.Encode(), &l); err != nil {
		p.fail(w, r, err)
		return
	}
	d := grvListData{Items: l.Items}
	if l.NextPageToken != "" {
		d.Next = "/grievances?" + url.Values{"page_token": {l.NextPageToken}}.Encode()
	}
	v := p.newView(r, "grievance.mine.title")
	v.Data = d
	p.render(w, http.StatusOK, "grievance_mine", v)
}

// grvInbox returns the handler of the agency's grievances (the inbox of HR,
// and of the committee, to whom the API gives the committee kinds), with
// the title titleKey, filtered by status.
func (p *Portal) grvInbox(titleKey string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := p.newView(r, titleKey)
		in := r.URL.Query()
		q := url.Values{}
		for _, k := range []string{"status", "page_token"} {
			if s := in.Get(k); s != "" {
				q.Set(k, s)
			}
		}
		d := grvListData{Status: in.Get("status"), Staff: true}
		var l httpapi.List[grievance.Grievance]
		if _, err := p.getJSON(r, "/v1/agency/grievances?"+q.Encode(), &l); err != nil {
			if rf, ok := asRefusal(err); ok && rf.Status == http.StatusBadRequest {
				v.Data = d // a filter the API refuses: the form shows why
				p.refused(w, r, err, "grievance_inbox", v)
				return
			}
			p.fail(w, r, err)
			return
		}
		d.Items = l.Items
		if l.NextPageToken != "" {
			q.Set("page_token", l.NextPageToken)
			d.Next = r.URL.Path + "?" + q.Encode()
		}
		v.Data = d
		p.render(w, http.StatusOK, "grievance_inbox", v)
	}
}
