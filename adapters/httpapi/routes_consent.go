package httpapi

import (
	"time"

	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
)

// consentRoutes returns the consent, eligibility and audit endpoints.
func (a *API) consentRoutes() []route {
	return []route{
		{method: "POST", path: "/v1/consents", create: true, uses: uses(masar.UseGrantConsent), do: a.grantConsent},
		{method: "GET", path: "/v1/consents", uses: uses(masar.UseListConsents), do: a.myConsents},
		{method: "POST", path: "/v1/consents/{id}/revocation", uses: uses(masar.UseRevokeConsent), do: a.revokeConsent},
		{method: "GET", path: "/v1/employees/{national_id}/eligibility/{service}", uses: uses(masar.UseServiceEligibility), do: a.serviceEligibility},
		{method: "GET", path: "/v1/audit", uses: uses(masar.UseQueryAudit), do: a.auditTrail},
	}
}

func (a *API) grantConsent(rq *request) (reply, error) {
	var in masar.GrantConsentInput
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	c, err := a.cfg.Client.GrantConsent(rq.ctx(), rq.actor, in)
	if err != nil {
		return reply{}, err
	}
	return created(c, c.Version, ""), nil
}

func (a *API) myConsents(rq *request) (reply, error) {
	cs, err := a.cfg.Client.MyConsents(rq.ctx(), rq.actor)
	if err != nil {
		return reply{}, err
	}
	return ok(List[identity.Consent]{Items: nonNil(cs)}), nil
}

// revokeConsent revokes a consent: revoking is final, so it needs no
// version.
func (a *API) revokeConsent(rq *request) (reply, error) {
	c, err := a.cfg.Client.RevokeConsent(rq.ctx(), rq.actor, rq.r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return versioned(c, c.Version), nil
}

// serviceEligibility decides whether the subject may use a Masar service.
// The subject's permissions are the actor's own when the subject is the
// actor; for another person, the services named by the granted parameter
// (HR answering from their agency's directory).
func (a *API) serviceEligibility(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	granted := rq.actor.Services
	if id != rq.actor.NationalID {
		granted = nil
		for _, s := range rq.r.URL.Query()["granted"] {
			granted = append(granted, identity.MasarService(s))
		}
	}
	d, err := a.cfg.Client.ServiceEligibility(rq.ctx(), rq.actor, id, identity.MasarService(rq.r.PathValue("service")), granted)
	if err != nil {
		return reply{}, err
	}
	return ok(d), nil
}

func (a *API) auditTrail(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	q := rq.r.URL.Query()
	aq := masar.AuditQuery{Agency: q.Get("agency"), Action: masar.UseCase(q.Get("action")), After: p.After, Limit: p.Limit}
	if s := q.Get("subject"); s != "" {
		if aq.Subject, err = identity.ParseNationalID(s); err != nil {
			return reply{}, invalidParam("subject", err)
		}
	}
	if s := q.Get("actor"); s != "" {
		if aq.Actor, err = identity.ParseNationalID(s); err != nil {
			return reply{}, invalidParam("actor", err)
		}
	}
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"from", &aq.From}, {"to", &aq.To}} {
		if s := q.Get(p.name); s != "" {
			if *p.t, err = time.Parse(time.RFC3339, s); err != nil {
				return reply{}, invalidParam(p.name, err)
			}
		}
	}
	pg, err := a.cfg.Client.AuditTrail(rq.ctx(), rq.actor, aq)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}
