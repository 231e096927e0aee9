package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/masar/masartest"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
	"github.com/masarhr/masar-go/records/recordstest"
)

// promoWorld is a harness with two agencies: moe (the staff's own, with
// the employees emp and peer) and moh (another, with away), a ministry
// auditor and a consent grantee.
type promoWorld struct {
	*harness
	own, other      *masartest.Agency
	emp, peer, away masartest.Person
	auditor         masar.Actor
	grantee         masar.Actor
}

const promoVacancy = "V-9-2512"

func newPromoWorld(t testing.TB, h *harness) *promoWorld {
	t.Helper()
	w := h.w
	p := &promoWorld{harness: h, own: w.Agency("moe"), other: w.Agency("moh")}
	p.emp, p.peer = w.Employee(), w.Employee()
	p.away = w.Hire(recordstest.NewEmployee(w.Gen).Transfer(hijri.MustNew(1446, 1, 1), recordstest.MinistryOfHealth))
	p.auditor = masar.Actor{NationalID: w.Person().ID, Roles: []masar.Role{masar.RoleAuditor}, Agency: "ministry"}
	p.grantee = masar.Actor{NationalID: w.Person().ID, Roles: []masar.Role{masar.RoleConsentGrantee}, Agency: "gosi"}
	return p
}

// roundInput is a draft round of agency code: one rank-9 post, judged today.
func (p *promoWorld) roundInput(code string) promotion.RoundInput {
	return promotion.RoundInput{
		AgencyID:          code,
		Title:             i18n.Text{AR: "دورة الترقيات لعام ١٤٤٧ هـ", EN: "Promotion round 1447"},
		ConsiderationDate: p.w.Clock.Today(),
		Settings:          promotiontest.Settings(),
		Vacancies: []promotion.Vacancy{{
			ID: promoVacancy, JobCode: "2512", Rank: 9, Positions: 1, MinQualification: promotion.Bachelor,
			Title:              i18n.Text{AR: "أخصائي أول نظم معلومات", EN: "Senior Information Systems Specialist"},
			RequiredExperience: hijri.Period{Years: 1},
		}},
	}
}

// candidate is person applying for the post; a higher strength scores higher.
func promoCandidate(id identity.NationalID, rating int, strength int64) masar.CandidateInput {
	return masar.CandidateInput{
		NationalID: id, VacancyID: promoVacancy, Rating: rating, RatingDate: hijri.MustNew(1446, 8, 1),
		Scores: promotion.Scores{
			Initiatives: decimal.NewFromInt(10 + strength), Training: decimal.NewFromInt(60 + strength),
			Interview: decimal.NewFromInt(5 + strength/2), Test: decimal.NewFromInt(70 + strength),
		},
	}
}

// roundAt drives a round of the own agency, through the facade, to status
// (open: with emp and peer as candidates).
func (p *promoWorld) roundAt(status promotion.RoundStatus) promotion.Round {
	p.t.Helper()
	c, m, ctx := p.w.Client, p.own.Manager, p.w.Ctx
	r, err := c.CreateRound(ctx, m, p.roundInput(p.own.Code))
	require.NoError(p.t, err)
	act := func() masar.RoundAction { return masar.RoundAction{ID: r.ID, Version: r.Version} }
	steps := []func() (promotion.Round, error){
		func() (promotion.Round, error) { return c.AnnounceRound(ctx, m, act()) },
		func() (promotion.Round, error) {
			r, err := c.OpenRound(ctx, m, act())
			if err != nil {
				return r, err
			}
			return c.AddCandidates(ctx, m, r.ID, r.Version, []masar.CandidateInput{promoCandidate(p.emp.ID, 5, 8), promoCandidate(p.peer.ID, 4, 2)})
		},
		func() (promotion.Round, error) { r, _, err := c.RankRound(ctx, m, act()); return r, err },
		func() (promotion.Round, error) { r, _, err := c.IssuePromotions(ctx, m, act()); return r, err },
		func() (promotion.Round, error) { return c.CloseRound(ctx, m, act()) },
	}
	for _, step := range steps {
		if r.Status == status {
			return r
		}
		r, err = step()
		require.NoError(p.t, err)
	}
	return r
}

// promoCandidates is the body of POST /v1/rounds/{id}/candidates.
type promoCandidates struct {
	Candidates []masar.CandidateInput `json:"candidates"`
}

func promoETag(v int64) string { return `"` + strconv.FormatInt(v, 10) + `"` }

func promoRoundPath(id, action string) string {
	return "/v1/rounds/" + url.PathEscape(id) + "/" + action
}

func promoStandingPath(id identity.NationalID, round string) string {
	return "/v1/employees/" + id.String() + "/promotion-standing?round_id=" + url.QueryEscape(round)
}

func promoEligibilityPath(id identity.NationalID, round, vacancy string) string {
	return "/v1/employees/" + id.String() + "/promotion-eligibility?round_id=" + url.QueryEscape(round) +
		"&vacancy_id=" + url.QueryEscape(vacancy)
}

// TestPromotionRoundStory runs a round through HTTP on every store: HR
// creates, announces, opens, adds candidates and ranks it; the candidate
// reads their standing, eligibility and rounds; the manager issues the
// decisions and HR closes it.
func TestPromotionRoundStory(t *testing.T) {
	onEachStore(t, func(t *testing.T, h *harness) {
		p := newPromoWorld(t, h)
		spec, mgr := h.login(p.own.Specialist), h.login(p.own.Manager)

		res := h.do(http.MethodPost, "/v1/rounds", bearer(spec), body(p.roundInput(p.own.Code))).expect(http.StatusCreated)
		var r promotion.Round
		res.decode(&r)
		assert.Equal(t, promotion.RoundDraft, r.Status)
		assert.Equal(t, promoETag(r.Version), res.Header.Get("ETag"))
		var raw map[string]any
		res.decode(&raw)
		weights := raw["settings"].(map[string]any)["criteria"].([]any)
		assert.Equal(t, "40", weights[0].(map[string]any)["weight"], "decimals as the domain marshals them")

		var list httpapi.List[promotion.Round]
		h.do(http.MethodGet, "/v1/rounds?page_size=1", bearer(spec)).expect(http.StatusOK).decode(&list)
		require.Len(t, list.Items, 1)
		assert.Equal(t, r.ID, list.Items[0].ID)
		assert.Empty(t, list.NextPageToken)

		step := func(action string, token string, opts ...callOption) *result {
			t.Helper()
			res := h.do(http.MethodPost, promoRoundPath(r.ID, action), append([]callOption{bearer(token), ifMatch(promoETag(r.Version))}, opts...)...)
			res.expect(http.StatusOK)
			return res
		}
		res = step("announcement", spec)
		res.decode(&r)
		assert.Equal(t, promotion.RoundAnnounced, r.Status)
		assert.NotEmpty(t, r.Digest)
		assert.Equal(t, promoETag(r.Version), res.Header.Get("ETag"))
		step("opening", spec).decode(&r)
		assert.Equal(t, promotion.RoundOpen, r.Status)
		step("candidates", spec, body(promoCandidates{Candidates: []masar.CandidateInput{
			promoCandidate(p.emp.ID, 5, 8), promoCandidate(p.peer.ID, 4, 2)}})).decode(&r)

		// Before ranking: the candidate sees their standing without a result.
		empTok := h.login(p.emp.Actor)
		var st httpapi.List[masar.Standing]
		h.do(http.MethodGet, promoStandingPath(p.emp.ID, r.ID), bearer(empTok)).expect(http.StatusOK).decode(&st)
		require.Len(t, st.Items, 1)
		assert.Nil(t, st.Items[0].Result)

		var ranked httpapi.RankedRound
		step("ranking", spec).decode(&ranked)
		r = ranked.Round
		assert.Equal(t, promotion.RoundRanked, r.Status)
		require.NotNil(t, ranked.Ranking)
		require.Len(t, ranked.Ranking.Entries, 2)
		assert.Equal(t, p.emp.ID, ranked.Ranking.Entries[0].NationalID)
		assert.True(t, ranked.Ranking.Entries[0].Winner)

		h.do(http.MethodGet, promoStandingPath(p.emp.ID, r.ID), bearer(empTok)).expect(http.StatusOK).decode(&st)
		require.Len(t, st.Items, 1)
		require.NotNil(t, st.Items[0].Result)
		assert.Equal(t, 1, st.Items[0].Result.Position)
		assert.True(t, st.Items[0].Eligibility.Eligible)

		var d promotion.Decision
		h.do(http.MethodGet, promoEligibilityPath(p.emp.ID, r.ID, promoVacancy), bearer(spec)).expect(http.StatusOK).decode(&d)
		assert.True(t, d.Eligible)

		res = h.do(http.MethodGet, "/v1/me/rounds", bearer(empTok)).expect(http.StatusOK)
		var mine struct {
			httpapi.List[masar.CandidateRound]
			Gregorian map[string]string `json:"gregorian"`
		}
		res.decode(&mine)
		require.Len(t, mine.Items, 1)
		assert.Equal(t, r.ID, mine.Items[0].RoundID)
		require.Len(t, mine.Items[0].Standings, 1)
		y, m, day := r.ConsiderationDate.Gregorian()
		assert.Equal(t, fmt.Sprintf("%04d-%02d-%02d", y, m, day), mine.Gregorian["/items/0/consideration_date"])

		var decided httpapi.IssuedRound
		step("decisions", mgr).decode(&decided)
		r = decided.Round
		assert.Equal(t, promotion.RoundDecided, r.Status)
		require.Len(t, decided.Decisions, 1)
		assert.Equal(t, p.emp.ID, decided.Decisions[0].NationalID)
		assert.Equal(t, 9, decided.Decisions[0].Placement.ToRank)

		step("closure", spec).decode(&r)
		assert.Equal(t, promotion.RoundClosed, r.Status)

		// The promotion is in the winner's file.
		f, err := h.w.Client.EmployeeFile(h.w.Ctx, p.emp.Actor, p.emp.ID)
		require.NoError(t, err)
		assert.Equal(t, 9, f.Employee.Job.Rank)
	})
}

// promoProblem asserts a refusal's status, code and reason, and that
// Accept-Language: en gives the English message.
func promoProblem(t *testing.T, h *harness, status int, code masar.Code, reason string, method, path string, opts ...callOption) httpapi.Problem {
	t.Helper()
	pr := h.do(method, path, append(opts, header("Accept-Language", "en"))...).expect(status).problem()
	assert.Equal(t, code, pr.Code, "%s %s", method, path)
	if reason != "" {
		assert.Equal(t, reason, pr.Reason, "%s %s", method, path)
	}
	assert.Equal(t, masar.English, pr.Lang)
	assert.NotEmpty(t, pr.Detail)
	ar := h.do(method, path, opts...).problem()
	assert.Equal(t, masar.Arabic, ar.Lang)
	if pr.Detail != "" && ar.Detail != "" && code != masar.Internal {
		assert.NotEqual(t, pr.Detail, ar.Detail, "Arabic and English differ")
	}
	return pr
}

// TestPromotionErrors gives every promotion endpoint each refusal it can
// give.
func TestPromotionErrors(t *testing.T) {
	h := newMemHarness(t)
	p := newPromoWorld(t, h)
	spec, other, emp := h.login(p.own.Specialist), h.login(p.other.Specialist), h.login(p.emp.Actor)
	draft := p.roundAt(promotion.RoundDraft)
	open := p.roundAt(promotion.RoundOpen)
	stale := promoETag(open.Version - 1)

	rounds := []struct{ path, body string }{
		{promoRoundPath(draft.ID, "announcement"), ""}, {promoRoundPath(draft.ID, "opening"), ""},
		{promoRoundPath(draft.ID, "candidates"), "candidates"}, {promoRoundPath(draft.ID, "ranking"), ""},
		{promoRoundPath(draft.ID, "decisions"), ""}, {promoRoundPath(draft.ID, "closure"), ""},
	}
	cands := promoCandidates{Candidates: []masar.CandidateInput{promoCandidate(p.emp.ID, 5, 1)}}
	withBody := func(b string) []callOption {
		if b == "" {
			return nil
		}
		return []callOption{body(cands)}
	}
	t.Run("unauthenticated", func(t *testing.T) {
		for _, c := range []struct{ method, path string }{
			{http.MethodPost, "/v1/rounds"}, {http.MethodGet, "/v1/rounds"}, {http.MethodPost, promoRoundPath(open.ID, "ranking")},
			{http.MethodGet, promoStandingPath(p.emp.ID, open.ID)}, {http.MethodGet, promoEligibilityPath(p.emp.ID, open.ID, promoVacancy)},
			{http.MethodGet, "/v1/me/rounds"},
		} {
			promoProblem(t, h, http.StatusUnauthorized, masar.Unauthenticated, "session.missing", c.method, c.path, unchecked())
			promoProblem(t, h, http.StatusUnauthorized, masar.Unauthenticated, "", c.method, c.path, unchecked(), bearer("forged"))
		}
	})
	t.Run("other agency", func(t *testing.T) {
		promoProblem(t, h, http.StatusForbidden, masar.PermissionDenied, "", http.MethodPost, "/v1/rounds",
			bearer(other), body(p.roundInput(p.own.Code)))
		for _, rt := range rounds {
			promoProblem(t, h, http.StatusForbidden, masar.PermissionDenied, "", http.MethodPost, rt.path,
				append(withBody(rt.body), bearer(other), ifMatch(promoETag(draft.Version)))...)
		}
		promoProblem(t, h, http.StatusForbidden, masar.PermissionDenied, "", http.MethodGet, promoStandingPath(p.emp.ID, open.ID), bearer(other))
		promoProblem(t, h, http.StatusForbidden, masar.PermissionDenied, "", http.MethodGet,
			promoEligibilityPath(p.emp.ID, open.ID, promoVacancy), bearer(other))
		promoProblem(t, h, http.StatusForbidden, masar.PermissionDenied, "", http.MethodGet, "/v1/me/rounds", bearer(spec))
	})
	t.Run("not found", func(t *testing.T) {
		for _, rt := range rounds {
			path := promoRoundPath("no-such-round", rt.path[len(promoRoundPath(draft.ID, "")):])
			promoProblem(t, h, http.StatusNotFound, masar.NotFound, "promotion.not_found", http.MethodPost, path,
				append(withBody(rt.body), bearer(spec), ifMatch(`"1"`))...)
		}
		promoProblem(t, h, http.StatusNotFound, masar.NotFound, "promotion.not_found", http.MethodGet, promoStandingPath(p.emp.ID, "no-such-round"), bearer(spec))
		promoProblem(t, h, http.StatusNotFound, masar.NotFound, "promotion.not_found", http.MethodGet,
			promoEligibilityPath(p.emp.ID, "no-such-round", promoVacancy), bearer(spec))
		token := "bm8tc3VjaC1yb3VuZA" // "no-such-round"
		promoProblem(t, h, http.StatusNotFound, masar.NotFound, "", http.MethodGet, "/v1/rounds?page_token="+token, bearer(spec))
		promoProblem(t, h, http.StatusNotFound, masar.NotFound, "", http.MethodGet, "/v1/me/rounds?page_token="+token, bearer(emp))
	})
	t.Run("If-Match", func(t *testing.T) {
		for _, rt := range rounds {
			path := promoRoundPath(open.ID, rt.path[len(promoRoundPath(draft.ID, "")):])
			promoProblem(t, h, http.StatusPreconditionRequired, masar.FailedPrecondition, "http.if_match_required", http.MethodPost, path,
				append(withBody(rt.body), bearer(spec), unchecked())...)
			promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "http.if_match_invalid", http.MethodPost, path,
				append(withBody(rt.body), bearer(spec), ifMatch("W/\"1\""))...)
		}
		// A stale version on the round's next step: 412.
		promoProblem(t, h, http.StatusPreconditionFailed, masar.Conflict, "", http.MethodPost, promoRoundPath(open.ID, "ranking"),
			bearer(spec), ifMatch(stale))
		promoProblem(t, h, http.StatusPreconditionFailed, masar.Conflict, "", http.MethodPost, promoRoundPath(open.ID, "candidates"),
			bearer(spec), ifMatch(stale), body(cands))
	})
	t.Run("state", func(t *testing.T) {
		for _, c := range []struct{ action, body string }{{"opening", ""}, {"candidates", "candidates"}, {"ranking", ""}, {"closure", ""}} {
			promoProblem(t, h, http.StatusUnprocessableEntity, masar.FailedPrecondition, "", http.MethodPost, promoRoundPath(draft.ID, c.action),
				append(withBody(c.body), bearer(spec), ifMatch(promoETag(draft.Version)))...)
		}
		mgr := h.login(p.own.Manager)
		promoProblem(t, h, http.StatusUnprocessableEntity, masar.FailedPrecondition, "", http.MethodPost, promoRoundPath(draft.ID, "decisions"),
			bearer(mgr), ifMatch(promoETag(draft.Version)))
		promoProblem(t, h, http.StatusUnprocessableEntity, masar.FailedPrecondition, "", http.MethodPost, promoRoundPath(open.ID, "announcement"),
			bearer(spec), ifMatch(promoETag(open.Version)))
	})
	t.Run("bad input", func(t *testing.T) {
		in := p.roundInput(p.own.Code)
		in.Title.AR = ""
		promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "promotion.title", http.MethodPost, "/v1/rounds", bearer(spec), body(in))
		pr := promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "", http.MethodPost, "/v1/rounds", bearer(spec), unchecked(),
			rawBody("application/json", []byte(`{"agency_id":"moe","title":{"ar":"دورة"},"colour":"red"}`)))
		require.Len(t, pr.Fields, 1)
		assert.Equal(t, "colour", pr.Fields[0].Field)
		assert.Equal(t, "json.unknown_field", pr.Fields[0].Reason)
		promoProblem(t, h, http.StatusUnsupportedMediaType, masar.Invalid, "http.unsupported_media_type", http.MethodPost, "/v1/rounds",
			bearer(spec), unchecked(), rawBody("text/plain", []byte("round")))
		promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "", http.MethodGet, "/v1/employees/1234/promotion-standing?round_id="+open.ID,
			bearer(spec))
		pr = promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "", http.MethodGet, "/v1/rounds?page_size=0", bearer(spec), unchecked())
		assert.Equal(t, "page_size", pr.Fields[0].Field)
		pr = promoProblem(t, h, http.StatusBadRequest, masar.Invalid, "", http.MethodGet, "/v1/me/rounds?page_token=***", bearer(emp))
		assert.Equal(t, "page_token", pr.Fields[0].Field)
	})
}

// promoRights is who may perform a use case, copied from
// masar/authz_test.go's want for the use cases of the promotion, consent,
// eligibility and audit endpoints.
type promoRights struct{ self, specialist, manager, auditor bool }

var promoWant = map[masar.UseCase]promoRights{
	masar.UseManageRound:          {specialist: true, manager: true},
	masar.UseIssuePromotions:      {manager: true},
	masar.UsePromotionStanding:    {self: true, specialist: true, manager: true},
	masar.UsePromotionEligibility: {self: true, specialist: true, manager: true},
	masar.UseMyPromotionRounds:    {self: true},
	masar.UseGrantConsent:         {self: true},
	masar.UseRevokeConsent:        {self: true},
	masar.UseListConsents:         {self: true},
	masar.UseServiceEligibility:   {self: true, specialist: true, manager: true},
	masar.UseQueryAudit:           {auditor: true},
}

// promoRole is an actor of the HTTP authorization walk.
type promoRole struct {
	name  string
	actor func(p *promoWorld) masar.Actor
	// allowed says whether the role may make the call of c, from promoWant.
	allowed func(r promoRights, c *promoCase) bool
}

func promoRoles() []promoRole {
	return []promoRole{
		{"self", func(p *promoWorld) masar.Actor { return p.emp.Actor },
			func(r promoRights, _ *promoCase) bool { return r.self }},
		// A colleague: on the subject's data, or on their own for the calls
		// on the actor's own data.
		{"other employee", func(p *promoWorld) masar.Actor { return p.peer.Actor },
			func(r promoRights, c *promoCase) bool { return r.self && c.implicit }},
		{"hr_specialist of the agency", func(p *promoWorld) masar.Actor { return p.own.Specialist },
			func(r promoRights, _ *promoCase) bool { return r.specialist }},
		{"hr_manager of the agency", func(p *promoWorld) masar.Actor { return p.own.Manager },
			func(r promoRights, _ *promoCase) bool { return r.manager }},
		{"hr_specialist of another agency", func(p *promoWorld) masar.Actor { return p.other.Specialist },
			func(r promoRights, c *promoCase) bool { return r.specialist && c.ownAgency }},
		{"hr_manager of another agency", func(p *promoWorld) masar.Actor { return p.other.Manager },
			func(r promoRights, c *promoCase) bool { return r.manager && c.ownAgency }},
		{"committee", func(p *promoWorld) masar.Actor { return p.own.Committee },
			func(promoRights, *promoCase) bool { return false }},
		{"auditor", func(p *promoWorld) masar.Actor { return p.auditor },
			func(r promoRights, _ *promoCase) bool { return r.auditor }},
		// The subject gave the grantee's agency a live consent naming every
		// part: no row of these endpoints has a consent permit.
		{"grantee with a live consent", func(p *promoWorld) masar.Actor { return p.grantee },
			func(promoRights, *promoCase) bool { return false }},
		{"grantee without a consent", func(p *promoWorld) masar.Actor {
			a := p.grantee
			a.Agency = "tameeni"
			return a
		}, func(promoRights, *promoCase) bool { return false }},
	}
}

// promoCase is one endpoint of the walk.
type promoCase struct {
	name string
	uc   masar.UseCase
	// implicit: the call is on the actor's own data (an employee's).
	implicit bool
	// ownAgency: the call is on the staff's own agency, whichever it is.
	ownAgency bool
	// status is the success status; peerStatus the status of the other
	// employee when the table allows them but the data is not theirs.
	status, peerStatus int
	// prep makes what the call acts on; call makes it.
	prep func(p *promoWorld) string
	call func(p *promoWorld, token, ref string) *result
}

// walkPromo makes every case's call as every role and checks the status
// against promoWant: allowed calls succeed (on a fresh world: they change
// it), denied calls are refused with 403 permission_denied.
func walkPromo(t *testing.T, cases []promoCase) {
	fresh := func(t *testing.T) *promoWorld {
		p := newPromoWorld(t, newMemHarness(t))
		_, err := p.w.Client.GrantConsent(p.w.Ctx, p.emp.Actor, masar.GrantConsentInput{Grantee: p.grantee.Agency,
			Parts: identity.Parts(), Purpose: "التحقق من بيانات الاشتراك", Until: p.w.Clock.Now().AddDate(1, 0, 0)})
		require.NoError(t, err)
		return p
	}
	for i := range cases {
		c := &cases[i]
		t.Run(c.name, func(t *testing.T) {
			shared := fresh(t)
			sharedRef := c.prep(shared)
			for _, role := range promoRoles() {
				if role.allowed(promoWant[c.uc], c) {
					p := fresh(t)
					ref := c.prep(p)
					res := c.call(p, p.login(role.actor(p)), ref)
					want := c.status
					if role.name == "other employee" && c.peerStatus != 0 {
						want = c.peerStatus
					}
					assert.Equal(t, want, res.Status, "%s as %s: body %s", c.name, role.name, res.Body)
					continue
				}
				res := c.call(shared, shared.login(role.actor(shared)), sharedRef)
				if assert.Equal(t, http.StatusForbidden, res.Status, "%s as %s must be denied: body %s", c.name, role.name, res.Body) {
					pr := res.problem()
					assert.Equal(t, masar.PermissionDenied, pr.Code)
				}
			}
		})
	}
}

// TestPromotionAuthorization walks the authorization table through HTTP
// for every promotion endpoint.
func TestPromotionAuthorization(t *testing.T) {
	at := func(status promotion.RoundStatus) func(p *promoWorld) string {
		return func(p *promoWorld) string { return p.roundAt(status).ID }
	}
	step := func(action string, status promotion.RoundStatus) (func(p *promoWorld) string, func(p *promoWorld, token, ref string) *result) {
		return at(status), func(p *promoWorld, token, id string) *result {
			r, err := p.w.Store.GetRound(p.w.Ctx, id)
			require.NoError(p.t, err)
			return p.do(http.MethodPost, promoRoundPath(id, action), bearer(token), ifMatch(promoETag(r.Version)))
		}
	}
	var cases []promoCase
	for _, s := range []struct {
		action string
		uc     masar.UseCase
		from   promotion.RoundStatus
	}{
		{"announcement", masar.UseManageRound, promotion.RoundDraft},
		{"opening", masar.UseManageRound, promotion.RoundAnnounced},
		{"ranking", masar.UseManageRound, promotion.RoundOpen},
		{"decisions", masar.UseIssuePromotions, promotion.RoundRanked},
		{"closure", masar.UseManageRound, promotion.RoundDecided},
	} {
		prep, call := step(s.action, s.from)
		cases = append(cases, promoCase{name: "POST /v1/rounds/{id}/" + s.action, uc: s.uc, status: http.StatusOK, prep: prep, call: call})
	}
	cases = append(cases,
		promoCase{name: "POST /v1/rounds/{id}/candidates", uc: masar.UseManageRound, status: http.StatusOK,
			prep: at(promotion.RoundOpen), call: func(p *promoWorld, token, id string) *result {
				r, err := p.w.Store.GetRound(p.w.Ctx, id)
				require.NoError(p.t, err)
				// A colleague of the agency not yet a candidate.
				extra := p.w.Employee()
				return p.do(http.MethodPost, promoRoundPath(id, "candidates"), bearer(token), ifMatch(promoETag(r.Version)),
					body(promoCandidates{Candidates: []masar.CandidateInput{promoCandidate(extra.ID, 5, 1)}}))
			}},
		promoCase{name: "POST /v1/rounds", uc: masar.UseManageRound, status: http.StatusCreated,
			prep: func(*promoWorld) string { return "" }, call: func(p *promoWorld, token, _ string) *result {
				return p.do(http.MethodPost, "/v1/rounds", bearer(token), body(p.roundInput(p.own.Code)))
			}},
		promoCase{name: "GET /v1/rounds", uc: masar.UseManageRound, ownAgency: true, status: http.StatusOK,
			prep: at(promotion.RoundDraft), call: func(p *promoWorld, token, _ string) *result {
				return p.do(http.MethodGet, "/v1/rounds", bearer(token))
			}},
		promoCase{name: "GET /v1/rounds/{id}", uc: masar.UseManageRound, status: http.StatusOK,
			prep: at(promotion.RoundDecided), call: func(p *promoWorld, token, id string) *result {
				res := p.do(http.MethodGet, "/v1/rounds/"+id, bearer(token))
				if res.Status == http.StatusOK {
					r, err := p.w.Store.GetRound(p.w.Ctx, id)
					require.NoError(p.t, err)
					assert.Equal(p.t, promoETag(r.Version), res.Header.Get("ETag"))
				}
				return res
			}},
	)
	for _, list := range []string{"candidates", "results", "decisions"} {
		cases = append(cases, promoCase{name: "GET /v1/rounds/{id}/" + list, uc: masar.UseManageRound, status: http.StatusOK,
			prep: at(promotion.RoundDecided), call: func(p *promoWorld, token, id string) *result {
				res := p.do(http.MethodGet, promoRoundPath(id, list), bearer(token))
				if res.Status == http.StatusOK {
					var pg struct {
						Items []json.RawMessage `json:"items"`
					}
					require.NoError(p.t, json.Unmarshal(res.Body, &pg))
					assert.NotEmpty(p.t, pg.Items, "the %s of a decided round", list)
				}
				return res
			}})
	}
	cases = append(cases,
		promoCase{name: "GET /v1/employees/{national_id}/promotion-standing", uc: masar.UsePromotionStanding, status: http.StatusOK,
			prep: at(promotion.RoundRanked), call: func(p *promoWorld, token, id string) *result {
				return p.do(http.MethodGet, promoStandingPath(p.emp.ID, id), bearer(token))
			}},
		promoCase{name: "GET /v1/employees/{national_id}/promotion-eligibility", uc: masar.UsePromotionEligibility, status: http.StatusOK,
			prep: at(promotion.RoundRanked), call: func(p *promoWorld, token, id string) *result {
				return p.do(http.MethodGet, promoEligibilityPath(p.emp.ID, id, promoVacancy), bearer(token))
			}},
		promoCase{name: "GET /v1/me/rounds", uc: masar.UseMyPromotionRounds, implicit: true, status: http.StatusOK,
			prep: at(promotion.RoundRanked), call: func(p *promoWorld, token, _ string) *result {
				return p.do(http.MethodGet, "/v1/me/rounds", bearer(token))
			}},
	)
	walkPromo(t, cases)
}
