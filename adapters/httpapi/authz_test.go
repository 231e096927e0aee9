package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/masar/masartest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

// who is a role in the walk, relative to the subject employee of agency A.
type who string

const (
	self       who = "self"
	other      who = "other employee"
	specA      who = "HR specialist of A"
	mgrA       who = "HR manager of A"
	specB      who = "HR specialist of B"
	mgrB       who = "HR manager of B"
	committeeA who = "committee of A"
	auditor    who = "ministry auditor"
	granteeOK  who = "grantee with a live consent"
	granteeNo  who = "grantee without consent"
	granteeOff who = "grantee after the consent was revoked"
)

var everyone = []who{self, other, specA, mgrA, specB, mgrB, committeeA, auditor, granteeOK, granteeNo, granteeOff}

// walk is the authorization table seen through HTTP: for each endpoint,
// who may call it on the subject's data (everyone else gets 403). It is
// written out from masar's table independently, like masar/authz_test.go.
type walkCase struct {
	name    string
	allowed []who
	call    func(w *walkEnv, token string) *result
}

type walkEnv struct {
	h       *harness
	subject masartest.Person
	tokens  map[who]string
}

func TestAuthorizationThroughHTTP(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		w := h.w
		p := w.Employee()
		agencyA := p.File.Job.Agency.ID
		A, B := w.Agency(agencyA), w.Agency("moh")
		gosi := func(id identity.NationalID) masar.Actor {
			return masar.Actor{NationalID: id, Roles: []masar.Role{masar.RoleConsentGrantee}, Agency: "gosi"}
		}
		env := &walkEnv{h: h, subject: p, tokens: map[who]string{}}
		env.tokens[self] = h.login(p.Actor)
		env.tokens[other] = h.login(w.Employee().Actor)
		env.tokens[specA] = h.login(A.Specialist)
		env.tokens[mgrA] = h.login(A.Manager)
		env.tokens[specB] = h.login(B.Specialist)
		env.tokens[mgrB] = h.login(B.Manager)
		env.tokens[committeeA] = h.login(A.Committee)
		env.tokens[auditor] = h.login(masar.Actor{NationalID: w.Person().ID, Roles: []masar.Role{masar.RoleAuditor}})
		env.tokens[granteeOK] = h.login(gosi(w.Person().ID))
		env.tokens[granteeNo] = h.login(masar.Actor{NationalID: w.Person().ID, Roles: []masar.Role{masar.RoleConsentGrantee}, Agency: "nic"})
		env.tokens[granteeOff] = h.login(masar.Actor{NationalID: w.Person().ID, Roles: []masar.Role{masar.RoleConsentGrantee}, Agency: "gov"})
		for grantee, parts := range map[string][]identity.Part{"gosi": {identity.PartJob, identity.PartServiceDuration, identity.PartStatement}, "gov": {identity.PartJob, identity.PartServiceDuration, identity.PartStatement}} {
			var c identity.Consent
			h.do("POST", "/v1/consents", bearer(env.tokens[self]), body(masar.GrantConsentInput{Grantee: grantee, Parts: parts,
				Purpose: "التحقق من الخدمة", Until: w.Clock.Now().Add(30 * 24 * time.Hour)})).expect(http.StatusCreated).decode(&c)
			if grantee == "gov" {
				h.do("POST", "/v1/consents/"+c.ID+"/revocation", bearer(env.tokens[self])).expect(http.StatusOK)
			}
		}
		nid := p.ID.String()
		hrA := []who{specA, mgrA}
		grv := fileGrievance(t, h, env.tokens[self], agencyA)
		var corr struct {
			ID string `json:"id"`
		}
		h.do("POST", "/v1/corrections", bearer(env.tokens[self]), body(masar.CorrectionInput{
			Changes:       []records.ProposedChange{{Field: records.FieldAddress, New: "حي الروضة، جدة"}},
			Justification: "عنوان جديد", AcceptTerms: true, TermsVersion: "1.0"})).expect(http.StatusCreated).decode(&corr)
		lv, sick := leaveAndSickLeave(t, h, env.tokens[self], p)
		sep, _ := resign(t, h, env.tokens[self], plusDays(w.Clock.Today(), 20))
		cases := []walkCase{
			{"view a leave", append([]who{self}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/leaves/"+lv, bearer(tok))
			}},
			{"a person's leaves", append([]who{self}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/employees/"+nid+"/leaves", bearer(tok))
			}},
			{"the leave balance", append([]who{self}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/employees/"+nid+"/leave-balance", bearer(tok))
			}},
			{"sick pay", append([]who{self}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/leaves/"+sick+"/sick-pay", bearer(tok))
			}},
			{"the leave queue", []who{specA, mgrA, specB, mgrB}, func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/agency/leaves", bearer(tok))
			}},
			{"the medical reports", []who{specA, mgrA, specB, mgrB}, func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/agency/medical-reports", bearer(tok))
			}},
			{"view a separation case", append([]who{self}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/separations/"+sep.ID, bearer(tok))
			}},
			{"a person's separation cases", append([]who{self}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/employees/"+nid+"/separations", bearer(tok))
			}},
			{"the pension statement", append([]who{self, granteeOK}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/employees/"+nid+"/pension-statement", bearer(tok))
			}},
			{"a person's CV", []who{self}, func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/employees/"+nid+"/cv", bearer(tok))
			}},
			{"the separation queue", []who{specA, mgrA, specB, mgrB}, func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/agency/separations", bearer(tok))
			}},
			{"the retirement forecast", []who{specA, mgrA, specB, mgrB}, func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/agency/retirement-forecast?months=12", bearer(tok))
			}},
			{"view the file", append([]who{self, granteeOK}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/employees/"+nid+"/file", bearer(tok))
			}},
			{"service duration", append([]who{self, granteeOK}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/employees/"+nid+"/service-duration", bearer(tok))
			}},
			{"print the statement", append([]who{self, granteeOK}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("POST", "/v1/employees/"+nid+"/statements", bearer(tok))
			}},
			{"service eligibility", append([]who{self}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/employees/"+nid+"/eligibility/grievances", bearer(tok))
			}},
			{"view a grievance", append([]who{self}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/grievances/"+grv, bearer(tok))
			}},
			{"the agency's grievances", everyoneBut(self, other, auditor, granteeOK, granteeNo, granteeOff), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/agency/grievances", bearer(tok))
			}},
			{"view a correction", append([]who{self}, hrA...), func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/corrections/"+corr.ID, bearer(tok))
			}},
			{"the correction queue", []who{specA, mgrA, specB, mgrB}, func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/agency/corrections", bearer(tok))
			}},
			{"the audit trail", []who{auditor}, func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/audit?subject="+nid, bearer(tok))
			}},
			{"the agency's rounds", []who{specA, mgrA, specB, mgrB}, func(e *walkEnv, tok string) *result {
				return h.do("GET", "/v1/rounds", bearer(tok))
			}},
		}
		for _, c := range cases {
			for _, x := range everyone {
				res := c.call(env, env.tokens[x])
				if contains(c.allowed, x) {
					assert.Less(t, res.Status, 300, "%s by %s: %s", c.name, x, res.Body)
				} else {
					assert.Equal(t, http.StatusForbidden, res.Status, "%s by %s: %s", c.name, x, res.Body)
					if res.Status == http.StatusForbidden {
						assert.Equal(t, masar.PermissionDenied, res.problem().Code)
					}
				}
			}
		}
		// The Bayan writes on the subject's file and case, each refused by
		// the domain after the authorization (a stale If-Match, a rule) so
		// that nothing changes: who may call it gets that status, everyone
		// else 403.
		stale := ifMatch(`"99"`)
		writes := []struct {
			name    string
			allowed []who
			status  int
			call    func(tok string) *result
		}{
			{"open a case", hrA, http.StatusUnprocessableEntity, func(tok string) *result {
				return h.do("POST", "/v1/employees/"+nid+"/separations", bearer(tok),
					body(masar.SeparationOpening{Cause: separation.CauseDeath, Grounds: separation.Grounds{On: w.Clock.Today()}}))
			}},
			{"accept a case", []who{mgrA}, http.StatusPreconditionFailed, func(tok string) *result {
				return h.do("POST", "/v1/separations/"+sep.ID+"/acceptance", bearer(tok), stale)
			}},
			{"postpone a case", []who{mgrA}, http.StatusPreconditionFailed, func(tok string) *result {
				return h.do("POST", "/v1/separations/"+sep.ID+"/postponement", bearer(tok), stale,
					body(map[string]any{"to": plusDays(w.Clock.Today(), 40), "reason": "حاجة العمل"}))
			}},
			{"reject a case", []who{mgrA}, http.StatusPreconditionFailed, func(tok string) *result {
				return h.do("POST", "/v1/separations/"+sep.ID+"/rejection", bearer(tok), stale, body(map[string]string{"reason": "حاجة العمل"}))
			}},
			{"withdraw a case", []who{self}, http.StatusPreconditionFailed, func(tok string) *result {
				return h.do("POST", "/v1/separations/"+sep.ID+"/withdrawal", bearer(tok), stale)
			}},
			{"extend service", []who{mgrA}, http.StatusUnprocessableEntity, func(tok string) *result {
				return h.do("POST", "/v1/employees/"+nid+"/service-extensions", bearer(tok),
					body(masar.ServiceExtension{To: w.Clock.Today(), Decision: records.Decision{Number: "1447/و/1"}}))
			}},
		}
		for _, c := range writes {
			for _, x := range everyone {
				res := c.call(env.tokens[x])
				if contains(c.allowed, x) {
					assert.Equal(t, c.status, res.Status, "%s by %s: %s", c.name, x, res.Body)
				} else {
					assert.Equal(t, http.StatusForbidden, res.Status, "%s by %s: %s", c.name, x, res.Body)
				}
			}
		}
		var still separation.Case
		h.do("GET", "/v1/separations/"+sep.ID, bearer(env.tokens[self])).expect(http.StatusOK).decode(&still)
		assert.Equal(t, separation.Submitted, still.State)
		assert.Equal(t, sep.Version, still.Version, "no write went through")

		// Writes of the subject only: filing a grievance, a correction, a consent.
		for _, x := range everyone {
			if x == self {
				continue
			}
			tok := env.tokens[x]
			res := h.do("POST", "/v1/corrections", bearer(tok), body(masar.CorrectionInput{Justification: "x", AcceptTerms: true, TermsVersion: "1.0"}))
			assert.Contains(t, []int{http.StatusForbidden, http.StatusNotFound, http.StatusBadRequest}, res.Status, "correction by %s: %s", x, res.Body)
			// A request is on one's own file: staff, the auditor and grantees
			// have none to act on; the other employee's would be theirs.
			if x != other {
				res = h.do("POST", "/v1/separations", bearer(tok), body(masar.SeparationRequest{Cause: separation.CauseResignation}))
				assert.Equal(t, http.StatusForbidden, res.Status, "separation request by %s: %s", x, res.Body)
			}
		}
	})
}

func everyoneBut(out ...who) []who {
	var in []who
	for _, x := range everyone {
		if !contains(out, x) {
			in = append(in, x)
		}
	}
	return in
}

func contains(s []who, x who) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// fileGrievance files a grievance against agency as the token's person and
// returns its tracking number.
func fileGrievance(t *testing.T, h *harness, token, agency string) string {
	t.Helper()
	var g struct {
		TrackingNumber string `json:"tracking_number"`
	}
	h.do("POST", "/v1/grievances", bearer(token), body(grievanceInput(h, agency))).expect(http.StatusCreated).decode(&g)
	require.NotEmpty(t, g.TrackingNumber)
	return g.TrackingNumber
}
