package httpapi

import (
	"net/http"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
)

// consentRoutes returns the consent, eligibility and audit endpoints.
func (a *API) consentRoutes() []route {
	return []route{
		{method: http.MethodPost, path: "/v1/consents", uses: []masar.UseCase{masar.UseGrantConsent}, create: true,
			do: grantConsent},
		{method: http.MethodGet, path: "/v1/consents", uses: []masar.UseCase{masar.UseListConsents}, do: myConsents},
		{method: http.MethodPost, path: "/v1/consents/{id}/revocation", uses: []masar.UseCase{masar.UseRevokeConsent},
			do: revokeConsent},
		{method: http.MethodGet, path: "/v1/employees/{national_id}/eligibility/{service}",
			uses: []masar.UseCase{masar.UseServiceEligibility}, do: serviceEligibility},
		{method: http.MethodGet, path: "/v1/audit", uses: []masar.UseCase{masar.UseQueryAudit}, do: auditTrail},
	}
}

// grantConsent answers POST /v1/consents: the actor opens parts of their
// own file to an agency.
func grantConsent(rq *request) (reply, error) {
	var in masar.GrantConsentInput
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	c, err := rq.api.cfg.Client.GrantConsent(rq.ctx(), rq.actor, in)
	if err != nil {
		return reply{}, err
	}
	return created(c, c.Version, ""), nil
}

// myConsents answers GET /v1/consents: every consent the actor has given,
// oldest first, in one page.
func myConsents(rq *request) (reply, error) {
	cs, err := rq.api.cfg.Client.MyConsents(rq.ctx(), rq.actor)
	if err != nil {
		return reply{}, err
	}
	if cs == nil {
		cs = []identity.Consent{}
	}
	return ok(List[identity.Consent]{Items: cs}), nil
}

// revokeConsent answers POST /v1/consents/{id}/revocation. Revoking twice
// is a no-op, so the call needs no If-Match.
func revokeConsent(rq *request) (reply, error) {
	c, err := rq.api.cfg.Client.RevokeConsent(rq.ctx(), rq.actor, rq.r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return versioned(c, c.Version), nil
}

// errGrantedForSelf refuses a granted list on a person's own eligibility:
// their permissions are the directory's, not theirs to claim.
var errGrantedForSelf = fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: "granted", Reason: "granted.self",
	Message: i18n.Text{
		EN: "your own permissions come from your agency's directory; do not send granted",
		AR: "صلاحياتك تأتي من دليل جهتك، فلا ترسل granted",
	}})

// serviceEligibility answers GET
// /v1/employees/{national_id}/eligibility/{service}. On the actor
// themself, the granted services are the actor's own (the directory's); HR
// checking another person names that person's in the granted query list,
// since their agency's directory is the host's, not the API's.
func serviceEligibility(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	svc := identity.MasarService(rq.r.PathValue("service"))
	if !svc.Valid() {
		return reply{}, invalidParam("service", identity.ErrUnknownService)
	}
	q := rq.r.URL.Query()
	granted := rq.actor.Services
	if id != rq.actor.NationalID {
		granted = []identity.MasarService{}
		for _, s := range q["granted"] {
			g := identity.MasarService(s)
			if !g.Valid() {
				return reply{}, invalidParam("granted", identity.ErrUnknownService)
			}
			granted = append(granted, g)
		}
	} else if q.Has("granted") {
		return reply{}, errGrantedForSelf
	}
	d, err := rq.api.cfg.Client.ServiceEligibility(rq.ctx(), rq.actor, id, svc, granted)
	if err != nil {
		return reply{}, err
	}
	return ok(d), nil
}

// auditTrail answers GET /v1/audit: a page of the trail for a ministry
// auditor, oldest first.
func auditTrail(rq *request) (reply, error) {
	q := rq.r.URL.Query()
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	aq := masar.AuditQuery{Agency: q.Get("agency"), Action: masar.UseCase(q.Get("action")), After: p.After, Limit: p.Limit}
	for _, f := range []struct {
		name string
		dst  *identity.NationalID
	}{{"subject", &aq.Subject}, {"actor", &aq.Actor}} {
		name, dst := f.name, f.dst
		if s := q.Get(name); s != "" {
			id, err := identity.ParseNationalID(s)
			if err != nil {
				return reply{}, invalidParam(name, err)
			}
			*dst = id
		}
	}
	for _, f := range []struct {
		name string
		dst  *time.Time
	}{{"from", &aq.From}, {"to", &aq.To}} {
		name, dst := f.name, f.dst
		if s := q.Get(name); s != "" {
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return reply{}, invalidParam(name, err)
			}
			*dst = t
		}
	}
	es, err := rq.api.cfg.Client.AuditTrail(rq.ctx(), rq.actor, aq)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(es)), nil
}
