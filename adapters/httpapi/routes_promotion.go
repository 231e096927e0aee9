package httpapi

import (
	"context"
	"net/http"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/promotion"
)

// promotionRoutes returns the promotion endpoints.
func (a *API) promotionRoutes() []route {
	manage := []masar.UseCase{masar.UseManageRound}
	return []route{
		{method: http.MethodPost, path: "/v1/rounds", uses: manage, create: true, do: createRound},
		{method: http.MethodGet, path: "/v1/rounds", uses: manage, do: listRounds},
		{method: http.MethodPost, path: "/v1/rounds/{id}/announcement", uses: manage, update: true,
			do: roundStep((*masar.Client).AnnounceRound)},
		{method: http.MethodPost, path: "/v1/rounds/{id}/opening", uses: manage, update: true,
			do: roundStep((*masar.Client).OpenRound)},
		{method: http.MethodPost, path: "/v1/rounds/{id}/candidates", uses: manage, update: true, do: addCandidates},
		{method: http.MethodPost, path: "/v1/rounds/{id}/ranking", uses: manage, update: true, do: rankRound},
		{method: http.MethodPost, path: "/v1/rounds/{id}/decisions", uses: []masar.UseCase{masar.UseIssuePromotions},
			update: true, do: issuePromotions},
		{method: http.MethodPost, path: "/v1/rounds/{id}/closure", uses: manage, update: true,
			do: roundStep((*masar.Client).CloseRound)},
		{method: http.MethodGet, path: "/v1/employees/{national_id}/promotion-standing",
			uses: []masar.UseCase{masar.UsePromotionStanding}, do: promotionStanding},
		{method: http.MethodGet, path: "/v1/employees/{national_id}/promotion-eligibility",
			uses: []masar.UseCase{masar.UsePromotionEligibility}, do: promotionEligibility},
		{method: http.MethodGet, path: "/v1/me/rounds", uses: []masar.UseCase{masar.UseMyPromotionRounds}, do: myRounds},
	}
}

// createRound answers POST /v1/rounds: a draft round of the actor's agency.
func createRound(rq *request) (reply, error) {
	var in promotion.RoundInput
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	r, err := rq.api.cfg.Client.CreateRound(rq.ctx(), rq.actor, in)
	if err != nil {
		return reply{}, err
	}
	return created(r, r.Version, ""), nil
}

// listRounds answers GET /v1/rounds: the rounds of the actor's agency,
// newest first.
func listRounds(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	rs, err := rq.api.cfg.Client.Rounds(rq.ctx(), rq.actor, p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(rs)), nil
}

// roundAction is the round of the path at the If-Match version.
func (rq *request) roundAction() masar.RoundAction {
	return masar.RoundAction{ID: rq.r.PathValue("id"), Version: rq.version}
}

// roundStep answers a round transition that returns the round.
func roundStep(step func(*masar.Client, context.Context, masar.Actor, masar.RoundAction) (promotion.Round, error)) func(rq *request) (reply, error) {
	return func(rq *request) (reply, error) {
		r, err := step(rq.api.cfg.Client, rq.ctx(), rq.actor, rq.roundAction())
		if err != nil {
			return reply{}, err
		}
		return versioned(r, r.Version), nil
	}
}

// CandidatesRequest is the body of POST /v1/rounds/{id}/candidates.
type CandidatesRequest struct {
	// Candidates are the employees applying, each for one vacancy.
	Candidates []masar.CandidateInput `json:"candidates"`
}

// addCandidates answers POST /v1/rounds/{id}/candidates.
func addCandidates(rq *request) (reply, error) {
	var in CandidatesRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	if len(in.Candidates) == 0 {
		return reply{}, errNoCandidates
	}
	r, err := rq.api.cfg.Client.AddCandidates(rq.ctx(), rq.actor, rq.r.PathValue("id"), rq.version, in.Candidates)
	if err != nil {
		return reply{}, err
	}
	return versioned(r, r.Version), nil
}

// errNoCandidates refuses an empty candidates list.
var errNoCandidates = fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: "candidates", Reason: "required",
	Message: i18n.Text{EN: "name at least one candidate", AR: "حدد مرشحاً واحداً على الأقل"}})

// RankedRound is the answer of POST /v1/rounds/{id}/ranking: the ranked
// round and its ranking.
type RankedRound struct {
	// Round is the round, now ranked.
	Round promotion.Round `json:"round"`
	// Ranking is every candidate's line and each vacancy's summary.
	Ranking *promotion.Ranking `json:"ranking"`
}

// rankRound answers POST /v1/rounds/{id}/ranking.
func rankRound(rq *request) (reply, error) {
	r, rk, err := rq.api.cfg.Client.RankRound(rq.ctx(), rq.actor, rq.roundAction())
	if err != nil {
		return reply{}, err
	}
	return versioned(RankedRound{Round: r, Ranking: rk}, r.Version), nil
}

// DecidedRound is the answer of POST /v1/rounds/{id}/decisions: the
// decided round and the promotion decisions issued.
type DecidedRound struct {
	// Round is the round, now decided.
	Round promotion.Round `json:"round"`
	// Decisions are the promotions issued, one per winner.
	Decisions []promotion.PromotionDecision `json:"decisions"`
}

// issuePromotions answers POST /v1/rounds/{id}/decisions.
func issuePromotions(rq *request) (reply, error) {
	r, ds, err := rq.api.cfg.Client.IssuePromotions(rq.ctx(), rq.actor, rq.roundAction())
	if err != nil {
		return reply{}, err
	}
	if ds == nil {
		ds = []promotion.PromotionDecision{}
	}
	return versioned(DecidedRound{Round: r, Decisions: ds}, r.Version), nil
}

// promotionQuery returns the query parameter name, refusing its absence.
func (rq *request) promotionQuery(name string) (string, error) {
	v := rq.r.URL.Query().Get(name)
	if v == "" {
		return "", fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: name, Reason: "required",
			Message: i18n.Text{EN: name + " is required", AR: "قيمة " + name + " مطلوبة"}})
	}
	return v, nil
}

// PromotionStanding is the answer of GET
// /v1/employees/{national_id}/promotion-standing: the employee's standing
// in a round, one per vacancy applied for (none when not a candidate).
type PromotionStanding struct {
	// RoundID names the round.
	RoundID string `json:"round_id"`
	// Standings are the employee's, in vacancy order.
	Standings []masar.Standing `json:"standings"`
}

// promotionStanding answers GET /v1/employees/{national_id}/promotion-standing.
func promotionStanding(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	round, err := rq.promotionQuery("round_id")
	if err != nil {
		return reply{}, err
	}
	ss, err := rq.api.cfg.Client.PromotionStanding(rq.ctx(), rq.actor, id, round)
	if err != nil {
		return reply{}, err
	}
	if ss == nil {
		ss = []masar.Standing{}
	}
	return reply{status: http.StatusOK, body: PromotionStanding{RoundID: round, Standings: ss}, dated: true}, nil
}

// promotionEligibility answers GET
// /v1/employees/{national_id}/promotion-eligibility.
func promotionEligibility(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	round, err := rq.promotionQuery("round_id")
	if err != nil {
		return reply{}, err
	}
	vacancy, err := rq.promotionQuery("vacancy_id")
	if err != nil {
		return reply{}, err
	}
	d, err := rq.api.cfg.Client.PromotionEligibility(rq.ctx(), rq.actor, id, round, vacancy)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusOK, body: d, dated: true}, nil
}

// myRounds answers GET /v1/me/rounds: the rounds the actor is a candidate
// in, with their standing.
func myRounds(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	rs, err := rq.api.cfg.Client.MyPromotionRounds(rq.ctx(), rq.actor, p)
	if err != nil {
		return reply{}, err
	}
	for i := range rs.Items {
		if rs.Items[i].Standings == nil {
			rs.Items[i].Standings = []masar.Standing{}
		}
	}
	return reply{status: http.StatusOK, body: listOf(rs), dated: true}, nil
}
