package main

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/masarhr/masar-go/identity"
)

// correctionRegisterForm is the registration form's data: what the person
// typed (kept on a refusal) and the form's Idempotency-Key.
type correctionRegisterForm struct {
	NationalID, BirthDate, Mobile, Email string
	Key                                  string
}

// correctionRegisterForm shows the registration form.
func (p *Portal) correctionRegisterForm(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "correction.register.title")
	v.Data = correctionRegisterForm{Key: newIdempotencyKey()}
	p.render(w, http.StatusOK, "correction_register", v)
}

// correctionRegister starts a registration (POST /v1/registrations, with
// the form's Idempotency-Key): the API sends the SMS code and the email;
// the next page asks for the code.
func (p *Portal) correctionRegister(w http.ResponseWriter, r *http.Request) {
	f := correctionRegisterForm{
		NationalID: strings.TrimSpace(r.FormValue("national_id")), BirthDate: strings.TrimSpace(r.FormValue("birth_date")),
		Mobile: strings.TrimSpace(r.FormValue("mobile")), Email: strings.TrimSpace(r.FormValue("email")),
		Key: r.FormValue("idempotency_key"),
	}
	in := identity.RegisterInput{NationalID: f.NationalID, BirthDate: f.BirthDate, Mobile: f.Mobile, Email: f.Email}
	var reg identity.Registration
	hdr := map[string]string{}
	if f.Key != "" {
		hdr["Idempotency-Key"] = f.Key
	}
	if _, err := p.sendJSON(r, http.MethodPost, "/v1/registrations", in, &reg, hdr); err != nil {
		v := p.newView(r, "correction.register.title")
		// The refusal is the key's answer: a corrected form is a new request.
		f.Key = newIdempotencyKey()
		v.Data = f
		p.refused(w, r, err, "correction_register", v)
		return
	}
	q := url.Values{"to": {reg.Mobile.Masked()}}
	http.Redirect(w, r, "/register/"+url.PathEscape(reg.ID)+"/mobile?"+q.Encode(), http.StatusSeeOther)
}

// correctionMobilePage is the mobile code page's data.
type correctionMobilePage struct {
	ID, To string
	Resent bool
}

// correctionMobileData is the mobile code page's data for r.
func correctionMobileData(r *http.Request) correctionMobilePage {
	return correctionMobilePage{ID: r.PathValue("id"), To: r.URL.Query().Get("to"), Resent: r.URL.Query().Get("resent") == "1"}
}

// correctionMobileForm asks for the code sent by SMS.
func (p *Portal) correctionMobileForm(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "correction.mobile.title")
	v.Data = correctionMobileData(r)
	p.render(w, http.StatusOK, "correction_mobile", v)
}

// correctionVerifyMobile checks the code (POST
// /v1/registrations/{id}/mobile-verification); a wrong one shows the
// API's coded message, with the attempts left.
func (p *Portal) correctionVerifyMobile(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var reg identity.Registration
	_, err := p.sendJSON(r, http.MethodPost, "/v1/registrations/"+url.PathEscape(id)+"/mobile-verification",
		map[string]string{"code": strings.TrimSpace(r.FormValue("code"))}, &reg, nil)
	if err != nil {
		v := p.newView(r, "correction.mobile.title")
		v.Data = correctionMobileData(r)
		p.refused(w, r, err, "correction_mobile", v)
		return
	}
	if reg.Active() {
		http.Redirect(w, r, "/register/done?"+url.Values{"status": {string(reg.Status)}}.Encode(), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/register/email?mobile=confirmed", http.StatusSeeOther)
}

// correctionResend asks the API for a new SMS code (POST
// /v1/registrations/{id}/otp); its cooldown refusal shows on the page.
func (p *Portal) correctionResend(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var reg identity.Registration
	if _, err := p.sendJSON(r, http.MethodPost, "/v1/registrations/"+url.PathEscape(id)+"/otp", nil, &reg, nil); err != nil {
		v := p.newView(r, "correction.mobile.title")
		v.Data = correctionMobileData(r)
		p.refused(w, r, err, "correction_mobile", v)
		return
	}
	q := url.Values{"to": {reg.Mobile.Masked()}, "resent": {"1"}}
	http.Redirect(w, r, "/register/"+url.PathEscape(id)+"/mobile?"+q.Encode(), http.StatusSeeOther)
}

// correctionEmailPage is the email confirmation page's data: the token of
// the email's link, if the person came by it.
type correctionEmailPage struct {
	Token      string
	MobileDone bool
}

// correctionEmailForm is the page the email's link opens: the token filled
// in from the link (or typed from the email), confirmed by a button, since
// opening a link must not change anything.
func (p *Portal) correctionEmailForm(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "correction.email.title")
	v.Data = correctionEmailPage{Token: r.URL.Query().Get("token"), MobileDone: r.URL.Query().Get("mobile") == "confirmed"}
	p.render(w, http.StatusOK, "correction_email", v)
}

// correctionConfirmEmail confirms the email (POST /v1/email-confirmations).
func (p *Portal) correctionConfirmEmail(w http.ResponseWriter, r *http.Request) {
	token := strings.TrimSpace(r.FormValue("token"))
	var reg identity.Registration
	if _, err := p.sendJSON(r, http.MethodPost, "/v1/email-confirmations", map[string]string{"token": token}, &reg, nil); err != nil {
		v := p.newView(r, "correction.email.title")
		v.Data = correctionEmailPage{Token: token}
		p.refused(w, r, err, "correction_email", v)
		return
	}
	q := url.Values{"status": {string(reg.Status)}}
	if !reg.Active() && reg.MobileConfirmedAt.IsZero() {
		q.Set("id", reg.ID)
	}
	http.Redirect(w, r, "/register/done?"+q.Encode(), http.StatusSeeOther)
}

// correctionDonePage is the registration status page's data: the status
// the API answered, and the attempt whose mobile is still to confirm.
type correctionDonePage struct {
	Status, ID string
}

// correctionDone shows where the registration stands.
func (p *Portal) correctionDone(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "correction.done.title")
	v.Data = correctionDonePage{Status: r.URL.Query().Get("status"), ID: r.URL.Query().Get("id")}
	p.render(w, http.StatusOK, "correction_done", v)
}
