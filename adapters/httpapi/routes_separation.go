package httpapi

import (
	"net/http"
	"strconv"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

// separationAcceptanceRequest accepts a case: the decision, the minister's
// approval where one is needed, a medical incapacity's notification day.
type separationAcceptanceRequest struct {
	Decision   records.Decision `json:"decision,omitzero"`
	Approval   string           `json:"approval,omitempty"`
	NotifiedOn hijri.Date       `json:"notified_on,omitzero"`
}

// separationPostponementRequest postpones a resignation to a new leaving
// date, with its reason (Reg 215).
type separationPostponementRequest struct {
	To       hijri.Date       `json:"to"`
	Decision records.Decision `json:"decision,omitzero"`
	Reason   string           `json:"reason"`
}

// separationRejectionRequest refuses a request, or drops the agency's
// proceeding, with its reason.
type separationRejectionRequest struct {
	Decision records.Decision `json:"decision,omitzero"`
	Reason   string           `json:"reason"`
}

// separationWithdrawalRequest withdraws one's own request: once accepted,
// with the minister's approval (Reg 217).
type separationWithdrawalRequest struct {
	Approval string `json:"approval,omitempty"`
	Reason   string `json:"reason,omitempty"`
}

// separationRoutes returns the end-of-service (Bayan) endpoints. The
// sweep, the retirement refresh and the pension handover's inspection and
// replay are the host's scheduled jobs, not endpoints.
func (a *API) separationRoutes() []route {
	return []route{
		{method: "POST", path: "/v1/separations", create: true, uses: uses(masar.UseRequestSeparation), do: a.requestSeparation},
		{method: "POST", path: "/v1/employees/{national_id}/separations", create: true, uses: uses(masar.UseOpenSeparation), do: a.openSeparation},
		{method: "GET", path: "/v1/separations/{id}", uses: uses(masar.UseViewSeparation), do: a.separation},
		{method: "GET", path: "/v1/employees/{national_id}/separations", uses: uses(masar.UseViewSeparation), do: a.employeeSeparations},
		{method: "GET", path: "/v1/agency/separations", uses: uses(masar.UseSeparationQueue), do: a.separationQueue},
		{method: "POST", path: "/v1/separations/{id}/acceptance", update: true, uses: uses(masar.UseDecideSeparation), do: a.acceptSeparation},
		{method: "POST", path: "/v1/separations/{id}/postponement", update: true, uses: uses(masar.UseDecideSeparation), do: a.postponeSeparation},
		{method: "POST", path: "/v1/separations/{id}/rejection", update: true, uses: uses(masar.UseDecideSeparation), do: a.rejectSeparation},
		{method: "POST", path: "/v1/separations/{id}/withdrawal", update: true, uses: uses(masar.UseWithdrawSeparation), do: a.withdrawSeparation},
		{method: "POST", path: "/v1/employees/{national_id}/service-extensions", uses: uses(masar.UseExtendService), do: a.extendService},
		{method: "GET", path: "/v1/agency/retirement-forecast", uses: uses(masar.UseRetirementForecast), do: a.retirementForecast},
		{method: "GET", path: "/v1/employees/{national_id}/pension-statement", uses: uses(masar.UsePensionStatement), do: a.pensionStatement},
	}
}

// createdCase answers a new case: 201, its ETag and Location, dated.
func createdCase(c separation.Case) reply {
	rep := created(c, c.Version, "/v1/separations/"+c.ID)
	rep.dated = true
	return rep
}

func (a *API) requestSeparation(rq *request) (reply, error) {
	var in masar.SeparationRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	c, err := a.cfg.Client.RequestSeparation(rq.ctx(), rq.actor, in)
	if err != nil {
		return reply{}, err
	}
	return createdCase(c), nil
}

func (a *API) openSeparation(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	var in masar.SeparationOpening
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	c, err := a.cfg.Client.OpenSeparation(rq.ctx(), rq.actor, id, in)
	if err != nil {
		return reply{}, err
	}
	return createdCase(c), nil
}

func (a *API) separation(rq *request) (reply, error) {
	c, err := a.cfg.Client.Separation(rq.ctx(), rq.actor, rq.r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	rep := versioned(c, c.Version)
	rep.dated = true
	return rep, nil
}

func (a *API) employeeSeparations(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.Separations(rq.ctx(), rq.actor, id, p)
	if err != nil {
		return reply{}, err
	}
	rep := ok(listOf(pg))
	rep.dated = true
	return rep, nil
}

// separationStates reads the state filter (repeatable).
func separationStates(r *http.Request) []separation.State {
	var out []separation.State
	for _, s := range r.URL.Query()["state"] {
		out = append(out, separation.State(s))
	}
	return out
}

func (a *API) separationQueue(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.SeparationQueue(rq.ctx(), rq.actor, separationStates(rq.r), p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

func (a *API) acceptSeparation(rq *request) (reply, error) {
	var in separationAcceptanceRequest
	if err := rq.decodeOptional(&in); err != nil {
		return reply{}, err
	}
	c, err := a.cfg.Client.AcceptSeparation(rq.ctx(), rq.actor, masar.SeparationDecision{ID: rq.r.PathValue("id"), Version: rq.version,
		Decision: in.Decision, Approval: in.Approval, NotifiedOn: in.NotifiedOn})
	if err != nil {
		return reply{}, err
	}
	return versioned(c, c.Version), nil
}

func (a *API) postponeSeparation(rq *request) (reply, error) {
	var in separationPostponementRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	c, err := a.cfg.Client.PostponeSeparation(rq.ctx(), rq.actor, masar.SeparationDecision{ID: rq.r.PathValue("id"), Version: rq.version,
		Decision: in.Decision, To: in.To, Reason: in.Reason})
	if err != nil {
		return reply{}, err
	}
	return versioned(c, c.Version), nil
}

func (a *API) rejectSeparation(rq *request) (reply, error) {
	var in separationRejectionRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	c, err := a.cfg.Client.RejectSeparation(rq.ctx(), rq.actor, masar.SeparationDecision{ID: rq.r.PathValue("id"), Version: rq.version,
		Decision: in.Decision, Reason: in.Reason})
	if err != nil {
		return reply{}, err
	}
	return versioned(c, c.Version), nil
}

func (a *API) withdrawSeparation(rq *request) (reply, error) {
	var in separationWithdrawalRequest
	if err := rq.decodeOptional(&in); err != nil {
		return reply{}, err
	}
	c, err := a.cfg.Client.WithdrawSeparation(rq.ctx(), rq.actor, masar.SeparationDecision{ID: rq.r.PathValue("id"), Version: rq.version,
		Approval: in.Approval, Reason: in.Reason})
	if err != nil {
		return reply{}, err
	}
	return versioned(c, c.Version), nil
}

func (a *API) extendService(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	var in masar.ServiceExtension
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	r, err := a.cfg.Client.ExtendService(rq.ctx(), rq.actor, id, in)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusCreated, body: r}, nil
}

func (a *API) retirementForecast(rq *request) (reply, error) {
	// The horizon is required; its range (1 to 120) is the facade's.
	months, err := strconv.Atoi(rq.r.URL.Query().Get("months"))
	if err != nil {
		return reply{}, invalidParam("months", err)
	}
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.RetirementForecast(rq.ctx(), rq.actor, months, p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

func (a *API) pensionStatement(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	asOf, err := rq.date("as_of", hijri.Date{})
	if err != nil {
		return reply{}, err
	}
	st, err := a.cfg.Client.PensionStatement(rq.ctx(), rq.actor, id, asOf)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusOK, body: st, dated: true}, nil
}
