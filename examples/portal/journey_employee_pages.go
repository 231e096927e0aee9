package main

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// employeeSelf returns the view of an employee page and the signed-in
// person's national ID, as a path segment; without a session it sends the
// person to sign in and returns false.
func (p *Portal) employeeSelf(w http.ResponseWriter, r *http.Request, titleKey string) (*view, string, bool) {
	v := p.newView(r, titleKey)
	if v.Session == nil {
		http.Redirect(w, r, "/sign-in", http.StatusSeeOther)
		return nil, "", false
	}
	return v, url.PathEscape(v.Session.Actor.NationalID.String()), true
}

// employeeServices shows, for every Masar service, whether the person may
// use it and the API's reasons when not.
func (p *Portal) employeeServices(w http.ResponseWriter, r *http.Request) {
	v, nid, ok := p.employeeSelf(w, r, "employee.services.title")
	if !ok {
		return
	}
	var ds []identity.Decision
	for _, svc := range identity.MasarServices() {
		var d identity.Decision
		if _, err := p.getJSON(r, "/v1/employees/"+nid+"/eligibility/"+url.PathEscape(string(svc)), &d); err != nil {
			p.fail(w, r, err)
			return
		}
		ds = append(ds, d)
	}
	v.Data = ds
	p.render(w, http.StatusOK, "employee_services", v)
}

// employeeFile shows the person's job file and its history.
func (p *Portal) employeeFile(w http.ResponseWriter, r *http.Request) {
	v, nid, ok := p.employeeSelf(w, r, "employee.file.title")
	if !ok {
		return
	}
	var f masar.File
	if _, err := p.getJSON(r, "/v1/employees/"+nid+"/file", &f); err != nil {
		p.fail(w, r, err)
		return
	}
	v.Data = f
	p.render(w, http.StatusOK, "employee_file", v)
}

// employeeDuration shows the service duration for every purpose, with the
// periods counted and excluded as the API computed them.
func (p *Portal) employeeDuration(w http.ResponseWriter, r *http.Request) {
	v, nid, ok := p.employeeSelf(w, r, "employee.duration.title")
	if !ok {
		return
	}
	var ds []records.Duration
	for _, purpose := range records.Purposes {
		var d records.Duration
		if _, err := p.getJSON(r, "/v1/employees/"+nid+"/service-duration?purpose="+url.QueryEscape(string(purpose)), &d); err != nil {
			p.fail(w, r, err)
			return
		}
		ds = append(ds, d)
	}
	v.Data = ds
	p.render(w, http.StatusOK, "employee_duration", v)
}

// employeeStatementInput is the statement form's values.
type employeeStatementInput struct {
	AsOf string
}

func (p *Portal) employeeStatementForm(w http.ResponseWriter, r *http.Request) {
	v, _, ok := p.employeeSelf(w, r, "employee.statement.title")
	if !ok {
		return
	}
	v.Data = employeeStatementInput{}
	p.render(w, http.StatusOK, "employee_statement", v)
}

// employeeIssueStatement issues the statement and shows its printable page.
func (p *Portal) employeeIssueStatement(w http.ResponseWriter, r *http.Request) {
	v, nid, ok := p.employeeSelf(w, r, "employee.statement.title")
	if !ok {
		return
	}
	form := employeeStatementInput{AsOf: strings.TrimSpace(r.FormValue("as_of"))}
	in := map[string]string{}
	if form.AsOf != "" {
		in["as_of"] = form.AsOf // the API reads (and refuses) the date
	}
	var st records.Statement
	if _, err := p.sendJSON(r, http.MethodPost, "/v1/employees/"+nid+"/statements", in, &st, nil); err != nil {
		v.Data = form
		p.refused(w, r, err, "employee_statement", v)
		return
	}
	http.Redirect(w, r, "/employee/statements/"+url.PathEscape(st.Code), http.StatusSeeOther)
}

// employeeStatementPage is a statement as its printable and verification
// pages show it.
type employeeStatementPage struct {
	Statement records.Statement
	// VerifyURL is the public verification page of the statement's code.
	VerifyURL string
}

// verifyURL is the public verification page of code on this portal.
func verifyURL(r *http.Request, code string) string {
	return "http://" + r.Host + "/verify?code=" + url.QueryEscape(code)
}

// employeeStatement is the printable statement of a code just issued.
func (p *Portal) employeeStatement(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "employee.printed.title")
	code := r.PathValue("code")
	var st records.Statement
	if _, err := p.getJSON(r, "/v1/statements/"+url.PathEscape(code), &st); err != nil {
		p.fail(w, r, err)
		return
	}
	v.Data = employeeStatementPage{Statement: st, VerifyURL: verifyURL(r, st.Code)}
	p.render(w, http.StatusOK, "employee_printed", v)
}

// employeeVerification is the verification page: the code typed and, once
// checked, the statement it was issued for.
type employeeVerification struct {
	Code  string
	Found *employeeStatementPage
}

// employeeVerify is the public page that checks a statement's code.
func (p *Portal) employeeVerify(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "employee.verify.title")
	data := employeeVerification{Code: strings.TrimSpace(r.URL.Query().Get("code"))}
	v.Data = &data
	if data.Code == "" {
		p.render(w, http.StatusOK, "employee_verify", v)
		return
	}
	var st records.Statement
	if _, err := p.getJSON(r, "/v1/statements/"+url.PathEscape(data.Code), &st); err != nil {
		p.refused(w, r, err, "employee_verify", v)
		return
	}
	data.Found = &employeeStatementPage{Statement: st, VerifyURL: verifyURL(r, st.Code)}
	p.render(w, http.StatusOK, "employee_verify", v)
}

// employeeRound is a round the person is a candidate in, with their
// standing for each vacancy applied for.
type employeeRound struct {
	Round     masar.CandidateRound
	Standings []masar.Standing
}

// employeePromotion shows the rounds the person is a candidate in and their
// standing in each.
func (p *Portal) employeePromotion(w http.ResponseWriter, r *http.Request) {
	v, nid, ok := p.employeeSelf(w, r, "employee.promotion.title")
	if !ok {
		return
	}
	var rounds httpapi.List[masar.CandidateRound]
	if _, err := p.getJSON(r, "/v1/me/rounds", &rounds); err != nil {
		p.fail(w, r, err)
		return
	}
	out := []employeeRound{}
	for _, rd := range rounds.Items {
		var st httpapi.List[masar.Standing]
		if _, err := p.getJSON(r, "/v1/employees/"+nid+"/promotion-standing?round_id="+url.QueryEscape(rd.RoundID), &st); err != nil {
			p.fail(w, r, err)
			return
		}
		out = append(out, employeeRound{Round: rd, Standings: st.Items})
	}
	v.Data = out
	p.render(w, http.StatusOK, "employee_promotion", v)
}

// employeeConsentsPage is the consents page: the consents given, and the
// form to give one.
type employeeConsentsPage struct {
	Consents []identity.Consent
	Parts    []identity.Part
	Now      time.Time
	// Done is "granted" or "revoked" after a change; ID the consent's.
	Done, ID string
	// Key is the form's Idempotency-Key: a double submit gives one consent.
	Key                     string
	Grantee, Purpose, Until string
	Chosen                  map[identity.Part]bool
}

// employeeConsentsView loads the consents into v, with the form's values.
func (p *Portal) employeeConsentsView(r *http.Request, v *view, page *employeeConsentsPage) error {
	var cs httpapi.List[identity.Consent]
	if _, err := p.getJSON(r, "/v1/consents", &cs); err != nil {
		return err
	}
	page.Consents, page.Parts, page.Now, page.Key = cs.Items, identity.Parts(), time.Now(), newIdempotencyKey()
	v.Data = page
	return nil
}

func (p *Portal) employeeConsents(w http.ResponseWriter, r *http.Request) {
	v, _, ok := p.employeeSelf(w, r, "employee.consents.title")
	if !ok {
		return
	}
	q := r.URL.Query()
	page := &employeeConsentsPage{Chosen: map[identity.Part]bool{}, ID: q.Get("id")}
	if d := q.Get("done"); d == "granted" || d == "revoked" {
		page.Done = d
	}
	if err := p.employeeConsentsView(r, v, page); err != nil {
		p.fail(w, r, err)
		return
	}
	p.render(w, http.StatusOK, "employee_consents", v)
}

// employeeUntil is the instant a consent whose last day is the Gregorian
// date s (2006-01-02) lapses: the end of that day in Saudi Arabia. It is
// the zero time for an empty or unreadable date, which the API refuses.
func employeeUntil(s string) time.Time {
	d, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), saudiTime)
	if err != nil {
		return time.Time{}
	}
	return d.AddDate(0, 0, 1)
}

// employeeGrantConsent gives a consent with the form's Idempotency-Key.
func (p *Portal) employeeGrantConsent(w http.ResponseWriter, r *http.Request) {
	v, _, ok := p.employeeSelf(w, r, "employee.consents.title")
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	page := &employeeConsentsPage{Chosen: map[identity.Part]bool{},
		Grantee: strings.TrimSpace(r.FormValue("grantee")), Purpose: strings.TrimSpace(r.FormValue("purpose")), Until: r.FormValue("until")}
	in := masar.GrantConsentInput{Grantee: page.Grantee, Purpose: page.Purpose, Until: employeeUntil(page.Until), Parts: []identity.Part{}}
	for _, part := range r.Form["parts"] {
		in.Parts = append(in.Parts, identity.Part(part))
		page.Chosen[identity.Part(part)] = true
	}
	var c identity.Consent
	_, err := p.sendJSON(r, http.MethodPost, "/v1/consents", in, &c, map[string]string{"Idempotency-Key": r.FormValue("idempotency_key")})
	if err != nil {
		if lerr := p.employeeConsentsView(r, v, page); lerr != nil {
			p.fail(w, r, lerr)
			return
		}
		p.refused(w, r, err, "employee_consents", v)
		return
	}
	http.Redirect(w, r, "/employee/consents?done=granted&id="+url.QueryEscape(c.ID)+"#consent-"+url.PathEscape(c.ID), http.StatusSeeOther)
}

// employeeRevokeConsent revokes one of the person's consents.
func (p *Portal) employeeRevokeConsent(w http.ResponseWriter, r *http.Request) {
	v, _, ok := p.employeeSelf(w, r, "employee.consents.title")
	if !ok {
		return
	}
	id := r.PathValue("id")
	if _, err := p.sendJSON(r, http.MethodPost, "/v1/consents/"+url.PathEscape(id)+"/revocation", nil, nil, nil); err != nil {
		page := &employeeConsentsPage{Chosen: map[identity.Part]bool{}}
		if lerr := p.employeeConsentsView(r, v, page); lerr != nil {
			p.fail(w, r, lerr)
			return
		}
		p.refused(w, r, err, "employee_consents", v)
		return
	}
	http.Redirect(w, r, "/employee/consents?done=revoked&id="+url.QueryEscape(id)+"#consent-"+url.PathEscape(id), http.StatusSeeOther)
}
