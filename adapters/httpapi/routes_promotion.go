package httpapi

import (
	"context"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"

	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/promotion"
)

// candidatesRequest adds candidates to a round.
type candidatesRequest struct {
	Candidates []masar.CandidateInput `json:"candidates"`
}

// RankedRound is a ranked round and its ranking.
type RankedRound struct {
	Round   promotion.Round    `json:"round"`
	Ranking *promotion.Ranking `json:"ranking"`
}

// IssuedRound is a round whose decisions were issued, and the decisions.
type IssuedRound struct {
	Round     promotion.Round               `json:"round"`
	Decisions []promotion.PromotionDecision `json:"decisions"`
}

// promotionRoutes returns the promotion endpoints.
func (a *API) promotionRoutes() []route {
	c := a.cfg.Client
	step := func(path string, fn func(context.Context, masar.Actor, masar.RoundAction) (promotion.Round, error)) route {
		return route{method: "POST", path: "/v1/rounds/{id}/" + path, update: true, uses: uses(masar.UseManageRound),
			do: func(rq *request) (reply, error) {
				r, err := fn(rq.ctx(), rq.actor, masar.RoundAction{ID: rq.r.PathValue("id"), Version: rq.version})
				if err != nil {
					return reply{}, err
				}
				return versioned(r, r.Version), nil
			}}
	}
	return []route{
		{method: "POST", path: "/v1/rounds", create: true, uses: uses(masar.UseManageRound), do: a.createRound},
		{method: "GET", path: "/v1/rounds", uses: uses(masar.UseManageRound), do: a.rounds},
		{method: "GET", path: "/v1/rounds/{id}", uses: uses(masar.UseManageRound), do: a.round},
		roundList("candidates", c.RoundCandidates),
		roundList("results", c.RoundResults),
		roundList("decisions", c.RoundDecisions),
		step("announcement", c.AnnounceRound),
		step("opening", c.OpenRound),
		step("closure", c.CloseRound),
		{method: "POST", path: "/v1/rounds/{id}/candidates", update: true, uses: uses(masar.UseManageRound), do: a.addCandidates},
		{method: "POST", path: "/v1/rounds/{id}/ranking", update: true, uses: uses(masar.UseManageRound), do: a.rankRound},
		{method: "POST", path: "/v1/rounds/{id}/decisions", update: true, uses: uses(masar.UseIssuePromotions), do: a.issuePromotions},
		{method: "GET", path: "/v1/employees/{national_id}/promotion-standing", uses: uses(masar.UsePromotionStanding), do: a.promotionStanding},
		{method: "GET", path: "/v1/employees/{national_id}/promotion-eligibility", uses: uses(masar.UsePromotionEligibility), do: a.promotionEligibility},
		{method: "GET", path: "/v1/me/rounds", uses: uses(masar.UseMyPromotionRounds), do: a.myRounds},
	}
}

func (a *API) createRound(rq *request) (reply, error) {
	var in promotion.RoundInput
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	r, err := a.cfg.Client.CreateRound(rq.ctx(), rq.actor, in)
	if err != nil {
		return reply{}, err
	}
	return created(r, r.Version, ""), nil
}

func (a *API) rounds(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.Rounds(rq.ctx(), rq.actor, p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

func (a *API) round(rq *request) (reply, error) {
	r, err := a.cfg.Client.Round(rq.ctx(), rq.actor, rq.r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return versioned(r, r.Version), nil
}

// roundList is the GET route of a round's paged list at
// /v1/rounds/{id}/path, read with fn.
func roundList[T any](path string, fn func(context.Context, masar.Actor, string, masar.PageRequest) (page.Page[T], error)) route {
	return route{method: "GET", path: "/v1/rounds/{id}/" + path, uses: uses(masar.UseManageRound),
		do: func(rq *request) (reply, error) {
			p, err := rq.pageRequest()
			if err != nil {
				return reply{}, err
			}
			pg, err := fn(rq.ctx(), rq.actor, rq.r.PathValue("id"), p)
			if err != nil {
				return reply{}, err
			}
			return ok(listOf(pg)), nil
		}}
}

func (a *API) addCandidates(rq *request) (reply, error) {
	var in candidatesRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	r, err := a.cfg.Client.AddCandidates(rq.ctx(), rq.actor, rq.r.PathValue("id"), rq.version, in.Candidates)
	if err != nil {
		return reply{}, err
	}
	return versioned(r, r.Version), nil
}

func (a *API) rankRound(rq *request) (reply, error) {
	r, rk, err := a.cfg.Client.RankRound(rq.ctx(), rq.actor, masar.RoundAction{ID: rq.r.PathValue("id"), Version: rq.version})
	if err != nil {
		return reply{}, err
	}
	return versioned(RankedRound{Round: r, Ranking: rk}, r.Version), nil
}

func (a *API) issuePromotions(rq *request) (reply, error) {
	r, ds, err := a.cfg.Client.IssuePromotions(rq.ctx(), rq.actor, masar.RoundAction{ID: rq.r.PathValue("id"), Version: rq.version})
	if err != nil {
		return reply{}, err
	}
	return versioned(IssuedRound{Round: r, Decisions: nonNil(ds)}, r.Version), nil
}

func (a *API) promotionStanding(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	round, err := requiredParam(rq, "round_id")
	if err != nil {
		return reply{}, err
	}
	st, err := a.cfg.Client.PromotionStanding(rq.ctx(), rq.actor, id, round)
	if err != nil {
		return reply{}, err
	}
	return reply{status: 200, body: List[masar.Standing]{Items: nonNil(st)}, dated: true}, nil
}

func (a *API) promotionEligibility(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	round, err := requiredParam(rq, "round_id")
	if err != nil {
		return reply{}, err
	}
	vacancy, err := requiredParam(rq, "vacancy_id")
	if err != nil {
		return reply{}, err
	}
	d, err := a.cfg.Client.PromotionEligibility(rq.ctx(), rq.actor, id, round, vacancy)
	if err != nil {
		return reply{}, err
	}
	return ok(d), nil
}

func (a *API) myRounds(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.MyPromotionRounds(rq.ctx(), rq.actor, p)
	if err != nil {
		return reply{}, err
	}
	return reply{status: 200, body: listOf(pg), dated: true}, nil
}

// nonNil is s, or an empty slice for nil: a list is [] not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// requiredParam is the query parameter name, refused when absent.
func requiredParam(rq *request, name string) (string, error) {
	v := rq.r.URL.Query().Get(name)
	if v == "" {
		return "", fault.ErrInvalidInput.WithFields(fault.FieldViolation{Field: name, Reason: "required",
			Message: i18n.Text{EN: name + " is required", AR: "المعامل " + name + " مطلوب"}})
	}
	return v, nil
}
