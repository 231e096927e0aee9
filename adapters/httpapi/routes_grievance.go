package httpapi

import (
	"context"
	"net/http"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/masar"
)

// grievanceActionRequest is the body of an action on a grievance: a note,
// and the action's own fields.
type grievanceActionRequest struct {
	Note string `json:"note,omitempty"`
	// Attachments: ProvideGrievanceInfo's new documents.
	Attachments []grievance.Attachment `json:"attachments,omitempty"`
	// Route: EscalateGrievance's route.
	Route grievance.Route `json:"route,omitempty"`
	// Ground and Reason: RecordGrievanceException's.
	Ground grievance.LimitationGround `json:"ground,omitempty"`
	Reason string                     `json:"reason,omitempty"`
	// Outcome and Response: AnswerGrievance's.
	Outcome  grievance.Outcome `json:"outcome,omitempty"`
	Response string            `json:"response,omitempty"`
}

// grievanceAct performs an action on a grievance the facade has read.
type grievanceAct func(ctx context.Context, a masar.Actor, in masar.GrievanceAction, body grievanceActionRequest) (grievance.Grievance, error)

// grievanceRoutes returns the grievance endpoints. The sweep of deadlines
// is the host's scheduled job, not an endpoint.
func (a *API) grievanceRoutes() []route {
	c := a.cfg.Client
	act := func(path string, uc masar.UseCase, fn grievanceAct) route {
		return route{method: "POST", path: "/v1/grievances/{tracking_number}/" + path, update: true, uses: uses(uc), do: a.grievanceAction(fn)}
	}
	plain := func(fn func(context.Context, masar.Actor, masar.GrievanceAction) (grievance.Grievance, error)) grievanceAct {
		return func(ctx context.Context, a masar.Actor, in masar.GrievanceAction, _ grievanceActionRequest) (grievance.Grievance, error) {
			return fn(ctx, a, in)
		}
	}
	return []route{
		{method: "POST", path: "/v1/grievances", create: true, uses: uses(masar.UseFileGrievance), do: a.fileGrievance},
		{method: "GET", path: "/v1/grievances", uses: uses(masar.UseViewGrievance), do: a.myGrievances},
		{method: "GET", path: "/v1/grievances/{tracking_number}", uses: uses(masar.UseViewGrievance), do: a.grievance},
		{method: "GET", path: "/v1/agency/grievances", uses: uses(masar.UseListGrievances), do: a.agencyGrievances},
		act("withdrawal", masar.UseWithdrawGrievance, plain(c.WithdrawGrievance)),
		act("info", masar.UseProvideInfo, func(ctx context.Context, ac masar.Actor, in masar.GrievanceAction, b grievanceActionRequest) (grievance.Grievance, error) {
			return c.ProvideGrievanceInfo(ctx, ac, in, b.Attachments)
		}),
		act("escalation", masar.UseEscalateGrievance, func(ctx context.Context, ac masar.Actor, in masar.GrievanceAction, b grievanceActionRequest) (grievance.Grievance, error) {
			return c.EscalateGrievance(ctx, ac, in, b.Route)
		}),
		act("exception", masar.UseRecordGrievanceException, func(ctx context.Context, ac masar.Actor, in masar.GrievanceAction, b grievanceActionRequest) (grievance.Grievance, error) {
			return c.RecordGrievanceException(ctx, ac, in, b.Ground, b.Reason)
		}),
		act("reopening", masar.UseReopenGrievance, plain(c.ReopenGrievance)),
		act("review", masar.UseWorkGrievance, plain(c.StartGrievanceReview)),
		act("info-request", masar.UseWorkGrievance, plain(c.ReturnGrievanceForInfo)),
		act("closure", masar.UseCloseGrievance, plain(c.CloseGrievance)),
		act("answer", masar.UseAnswerGrievance, func(ctx context.Context, ac masar.Actor, in masar.GrievanceAction, b grievanceActionRequest) (grievance.Grievance, error) {
			return c.AnswerGrievance(ctx, ac, in, b.Outcome, b.Response)
		}),
	}
}

// grievanceLocation is a grievance's URL.
func grievanceLocation(g grievance.Grievance) string {
	return "/v1/grievances/" + g.TrackingNumber.String()
}

func (a *API) fileGrievance(rq *request) (reply, error) {
	var in masar.FileGrievanceInput
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	if err := a.checkDocuments(rq, attachmentDocuments(in.Attachments)...); err != nil {
		return reply{}, err
	}
	g, err := a.cfg.Client.FileGrievance(rq.ctx(), rq.actor, in)
	if err != nil {
		return reply{}, err
	}
	rep := created(g, g.Version, grievanceLocation(g))
	rep.dated = true
	return rep, nil
}

func (a *API) grievance(rq *request) (reply, error) {
	g, err := a.cfg.Client.GrievanceByTrackingNumber(rq.ctx(), rq.actor, rq.r.PathValue("tracking_number"))
	if err != nil {
		return reply{}, err
	}
	rep := versioned(g, g.Version)
	rep.dated = true
	return rep, nil
}

func (a *API) myGrievances(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.MyGrievances(rq.ctx(), rq.actor, p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

func (a *API) agencyGrievances(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	q := rq.r.URL.Query()
	f := grievance.Filter{Agency: q.Get("agency")}
	for _, k := range q["kind"] {
		f.Kinds = append(f.Kinds, grievance.Kind(k))
	}
	for _, s := range q["status"] {
		f.Statuses = append(f.Statuses, grievance.Status(s))
	}
	if f.AnswerDueBefore, err = rq.date("answer_due_before", f.AnswerDueBefore); err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.AgencyGrievances(rq.ctx(), rq.actor, f, p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

// grievanceAction resolves the tracking number through the facade (the
// read is authorized and audited like any other), then acts on the
// grievance at the If-Match version.
func (a *API) grievanceAction(fn grievanceAct) func(rq *request) (reply, error) {
	return func(rq *request) (reply, error) {
		var body grievanceActionRequest
		if rq.r.ContentLength != 0 {
			if err := rq.decode(&body); err != nil {
				return reply{}, err
			}
		}
		if err := a.checkDocuments(rq, attachmentDocuments(body.Attachments)...); err != nil {
			return reply{}, err
		}
		g, err := a.cfg.Client.GrievanceByTrackingNumber(rq.ctx(), rq.actor, rq.r.PathValue("tracking_number"))
		if err != nil {
			return reply{}, err
		}
		g, err = fn(rq.ctx(), rq.actor, masar.GrievanceAction{ID: g.ID, Version: rq.version, Note: body.Note}, body)
		if err != nil {
			return reply{}, err
		}
		rep := versioned(g, g.Version)
		rep.dated = true
		rep.status = http.StatusOK
		return rep, nil
	}
}
