package httpapi_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
)

// consentGrant is a consent of the job part to gosi for a month.
func consentGrant(p *promoWorld) masar.GrantConsentInput {
	return masar.GrantConsentInput{Grantee: "gosi", Parts: []identity.Part{identity.PartJob},
		Purpose: "التحقق من بيانات الاشتراك", Until: p.w.Clock.Now().Add(30 * 24 * time.Hour)}
}

func consentEligibilityPath(id identity.NationalID, svc identity.MasarService, granted ...identity.MasarService) string {
	q := url.Values{}
	for _, g := range granted {
		q.Add("granted", string(g))
	}
	path := "/v1/employees/" + id.String() + "/eligibility/" + string(svc)
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return path
}

// TestConsentStory: on every store, an employee grants a consent, lists and
// revokes it; their eligibility is read by themself and by HR; the ministry
// auditor pages through the trail of it.
func TestConsentStory(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		p := newPromoWorld(t, h)
		emp := h.login(p.emp.Actor)

		res := h.do(http.MethodPost, "/v1/consents", bearer(emp), body(consentGrant(p))).expect(http.StatusCreated)
		var c identity.Consent
		res.decode(&c)
		assert.Equal(t, p.emp.ID, c.Owner)
		assert.Equal(t, "gosi", c.Grantee)
		assert.Equal(t, []identity.Part{identity.PartJob}, c.Parts)
		assert.Equal(t, promoETag(c.Version), res.Header.Get("ETag"))

		grantee := masar.Actor{NationalID: p.grantee.NationalID, Roles: p.grantee.Roles, Agency: "gosi"}
		_, err := h.w.Client.EmployeeFile(h.w.Ctx, grantee, p.emp.ID)
		require.NoError(t, err, "the consent opens the job part to gosi")

		var list httpapi.List[identity.Consent]
		h.do(http.MethodGet, "/v1/consents", bearer(emp)).expect(http.StatusOK).decode(&list)
		require.Len(t, list.Items, 1)
		assert.Equal(t, c.ID, list.Items[0].ID)
		assert.Empty(t, list.NextPageToken)

		var revoked identity.Consent
		h.do(http.MethodPost, "/v1/consents/"+c.ID+"/revocation", bearer(emp)).expect(http.StatusOK).decode(&revoked)
		assert.False(t, revoked.RevokedAt.IsZero())
		var again identity.Consent
		h.do(http.MethodPost, "/v1/consents/"+c.ID+"/revocation", bearer(emp)).expect(http.StatusOK).decode(&again)
		assert.Equal(t, revoked.RevokedAt, again.RevokedAt, "revoking twice changes nothing")
		_, err = h.w.Client.EmployeeFile(h.w.Ctx, grantee, p.emp.ID)
		require.ErrorIs(t, err, masar.ErrPermissionDenied)

		// Eligibility: on oneself with the directory's permissions; HR names
		// the person's.
		var d identity.Decision
		h.do(http.MethodGet, consentEligibilityPath(p.emp.ID, identity.Promotions), bearer(emp)).expect(http.StatusOK).decode(&d)
		assert.True(t, d.Allowed)
		assert.Equal(t, identity.Promotions, d.Service)
		limited := p.emp.Actor
		limited.Services = []identity.MasarService{identity.Grievances}
		h.do(http.MethodGet, consentEligibilityPath(p.emp.ID, identity.Promotions), bearer(h.login(limited))).expect(http.StatusOK).decode(&d)
		assert.False(t, d.Allowed)
		require.Len(t, d.Reasons, 1)
		assert.Equal(t, identity.ReasonNoPermission, d.Reasons[0].Code)
		spec := h.login(p.own.Specialist)
		h.do(http.MethodGet, consentEligibilityPath(p.peer.ID, identity.Promotions, identity.Promotions, identity.Grievances),
			bearer(spec)).expect(http.StatusOK).decode(&d)
		assert.True(t, d.Allowed)
		h.do(http.MethodGet, consentEligibilityPath(p.peer.ID, identity.Promotions), bearer(spec)).expect(http.StatusOK).decode(&d)
		assert.False(t, d.Allowed)

		// The trail of the employee's consents, a page at a time.
		aud := h.login(p.auditor)
		base := "/v1/audit?subject=" + p.emp.ID.String() + "&action=" + string(masar.UseRevokeConsent)
		var page1, page2 httpapi.List[audit.Entry]
		h.do(http.MethodGet, base+"&page_size=1", bearer(aud)).expect(http.StatusOK).decode(&page1)
		require.Len(t, page1.Items, 1)
		require.NotEmpty(t, page1.NextPageToken)
		assert.Equal(t, string(masar.UseRevokeConsent), page1.Items[0].Action)
		assert.Equal(t, p.emp.ID.Masked(), page1.Items[0].SubjectMasked)
		assert.Equal(t, audit.Succeeded, page1.Items[0].Outcome)
		h.do(http.MethodGet, base+"&page_size=1&page_token="+page1.NextPageToken, bearer(aud)).expect(http.StatusOK).decode(&page2)
		require.Len(t, page2.Items, 1)
		assert.NotEqual(t, page1.Items[0].ID, page2.Items[0].ID)
		assert.Empty(t, page2.NextPageToken)

		var byActor httpapi.List[audit.Entry]
		now := h.w.Clock.Now()
		q := url.Values{"actor": {p.emp.ID.String()}, "action": {string(masar.UseGrantConsent)},
			"from": {now.Add(-time.Hour).Format(time.RFC3339)}, "to": {now.Add(time.Hour).Format(time.RFC3339)}}
		h.do(http.MethodGet, "/v1/audit?"+q.Encode(), bearer(aud)).expect(http.StatusOK).decode(&byActor)
		require.Len(t, byActor.Items, 1)
		assert.Equal(t, p.emp.ID.Masked(), byActor.Items[0].ActorMasked)
		q.Set("to", now.Add(-time.Minute).Format(time.RFC3339))
		h.do(http.MethodGet, "/v1/audit?"+q.Encode(), bearer(aud)).expect(http.StatusOK).decode(&byActor)
		assert.Empty(t, byActor.Items)
	})
}

// TestConsentErrors gives the consent, eligibility and audit endpoints each
// refusal they can give.
func TestConsentErrors(t *testing.T) {
	h := newMemHarness(t)
	p := newPromoWorld(t, h)
	emp, spec, other, aud := h.login(p.emp.Actor), h.login(p.own.Specialist), h.login(p.other.Specialist), h.login(p.auditor)
	c, err := h.w.Client.GrantConsent(h.w.Ctx, p.emp.Actor, consentGrant(p))
	require.NoError(t, err)
	eligibility := consentEligibilityPath(p.peer.ID, identity.MyJobData, identity.MyJobData)

	t.Run("unauthenticated", func(t *testing.T) {
		for _, r := range []struct{ method, path string }{
			{http.MethodPost, "/v1/consents"}, {http.MethodGet, "/v1/consents"}, {http.MethodPost, "/v1/consents/" + c.ID + "/revocation"},
			{http.MethodGet, eligibility}, {http.MethodGet, "/v1/audit"},
		} {
			promoProblem(t, h, http.StatusUnauthorized, masar.Unauthenticated, "session.missing", r.method, r.path, unchecked())
			promoProblem(t, h, http.StatusUnauthorized, masar.Unauthenticated, "", r.method, r.path, unchecked(), bearer("forged"))
		}
	})
	t.Run("permission denied", func(t *testing.T) {
		promoProblem(t, h, http.StatusForbidden, masar.PermissionDenied, "", http.MethodPost, "/v1/consents", bearer(spec), body(consentGrant(p)))
		promoProblem(t, h, http.StatusForbidden, masar.PermissionDenied, "", http.MethodGet, "/v1/consents", bearer(spec))
		promoProblem(t, h, http.StatusForbidden, masar.PermissionDenied, "", http.MethodPost, "/v1/consents/"+c.ID+"/revocation", bearer(spec))
		promoProblem(t, h, http.StatusForbidden, masar.PermissionDenied, "", http.MethodGet, eligibility, bearer(other))
		promoProblem(t, h, http.StatusForbidden, masar.PermissionDenied, "", http.MethodGet, "/v1/audit", bearer(spec))
	})
	t.Run("not found", func(t *testing.T) {
		promoProblem(t, h, http.StatusNotFound, masar.NotFound, "consent.not_found", http.MethodPost, "/v1/consents/no-such-consent/revocation", bearer(emp))
		// Another person's consent is not theirs to find.
		promoProblem(t, h, http.StatusNotFound, masar.NotFound, "consent.not_found", http.MethodPost, "/v1/consents/"+c.ID+"/revocation",
			bearer(h.login(p.peer.Actor)))
	})
	t.Run("bad input", func(t *testing.T) {
		in := consentGrant(p)
		in.Until = h.w.Clock.Now().Add(-time.Hour)
		promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "", http.MethodPost, "/v1/consents", bearer(emp), body(in))
		in = consentGrant(p)
		in.Parts = []identity.Part{"salary_slips"}
		promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "", http.MethodPost, "/v1/consents", bearer(emp), body(in), unchecked())
		pr := promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "", http.MethodPost, "/v1/consents", bearer(emp), unchecked(),
			rawBody("application/json", []byte(`{"grantee":"gosi","parts":["job"],"purpose":"x","until":"2030-01-01T00:00:00Z","owner":"1000000008"}`)))
		require.Len(t, pr.Fields, 1)
		assert.Equal(t, "owner", pr.Fields[0].Field, "the owner is the signed-in person, never the body's")
		promoProblem(t, h, http.StatusUnsupportedMediaType, masar.Invalid, "http.unsupported_media_type", http.MethodPost, "/v1/consents",
			bearer(emp), unchecked(), rawBody("text/plain", []byte("consent")))

		promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "eligibility.unknown_service", http.MethodGet,
			"/v1/employees/"+p.emp.ID.String()+"/eligibility/payroll", bearer(emp), unchecked())
		promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "", http.MethodGet, "/v1/employees/12/eligibility/my_job_data", bearer(emp))

		for _, q := range []struct{ query, field string }{
			{"subject=12345", "subject"}, {"actor=abc", "actor"}, {"from=yesterday", "from"}, {"to=2025-13-01T00:00:00Z", "to"},
			{"page_size=501", "page_size"}, {"page_token=%21%21", "page_token"},
		} {
			pr = promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "", http.MethodGet, "/v1/audit?"+q.query, bearer(aud), unchecked())
			require.NotEmpty(t, pr.Fields, q.query)
			assert.Equal(t, q.field, pr.Fields[0].Field, q.query)
		}
		now := h.w.Clock.Now()
		promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "audit.invalid_period", http.MethodGet,
			"/v1/audit?from="+url.QueryEscape(now.Format(time.RFC3339))+"&to="+url.QueryEscape(now.Add(-time.Hour).Format(time.RFC3339)), bearer(aud))
	})
}

// TestConsentAuthorization walks the authorization table through HTTP for
// the consent, eligibility and audit endpoints.
func TestConsentAuthorization(t *testing.T) {
	grant := func(p *promoWorld) string {
		c, err := p.w.Client.GrantConsent(p.w.Ctx, p.emp.Actor, consentGrant(p))
		require.NoError(p.t, err)
		return c.ID
	}
	none := func(*promoWorld) string { return "" }
	walkPromo(t, []promoCase{
		{name: "POST /v1/consents", uc: masar.UseGrantConsent, implicit: true, status: http.StatusCreated, prep: none,
			call: func(p *promoWorld, token, _ string) *result {
				return p.do(http.MethodPost, "/v1/consents", bearer(token), body(consentGrant(p)))
			}},
		{name: "GET /v1/consents", uc: masar.UseListConsents, implicit: true, status: http.StatusOK, prep: grant,
			call: func(p *promoWorld, token, _ string) *result {
				return p.do(http.MethodGet, "/v1/consents", bearer(token))
			}},
		// The colleague may revoke their own consents only: the subject's is
		// not found for them.
		{name: "POST /v1/consents/{id}/revocation", uc: masar.UseRevokeConsent, implicit: true, status: http.StatusOK,
			peerStatus: http.StatusNotFound, prep: grant, call: func(p *promoWorld, token, id string) *result {
				return p.do(http.MethodPost, "/v1/consents/"+id+"/revocation", bearer(token))
			}},
		{name: "GET /v1/employees/{national_id}/eligibility/{service}", uc: masar.UseServiceEligibility, status: http.StatusOK, prep: none,
			call: func(p *promoWorld, token, _ string) *result {
				return p.do(http.MethodGet, consentEligibilityPath(p.emp.ID, identity.MyJobData, identity.MyJobData), bearer(token))
			}},
		{name: "GET /v1/audit", uc: masar.UseQueryAudit, status: http.StatusOK, prep: none,
			call: func(p *promoWorld, token, _ string) *result {
				return p.do(http.MethodGet, "/v1/audit?subject="+p.emp.ID.String()+"&agency="+p.own.Code, bearer(token))
			}},
	})
}
