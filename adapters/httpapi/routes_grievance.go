package httpapi

import (
	"slices"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
)

// The bodies of the actions on a grievance. Each carries the optional note
// and only its action's fields, so that a field of another action is
// refused (strict JSON) instead of ignored. The plain actions (withdrawal,
// reopening, review, info-request, closure) take noteRequest.

// grievanceInfoRequest is the body of ProvideGrievanceInfo: the information
// as a note, further documents (uploaded first), or both.
type grievanceInfoRequest struct {
	Note        string                 `json:"note,omitempty"`
	Attachments []grievance.Attachment `json:"attachments,omitempty"`
}

// grievanceEscalationRequest is the body of EscalateGrievance.
type grievanceEscalationRequest struct {
	Note  string          `json:"note,omitempty"`
	Route grievance.Route `json:"route"`
}

// grievanceExceptionRequest is the body of RecordGrievanceException.
type grievanceExceptionRequest struct {
	Note   string                     `json:"note,omitempty"`
	Ground grievance.LimitationGround `json:"ground"`
	Reason string                     `json:"reason"`
}

// grievanceAnswerRequest is the body of AnswerGrievance.
type grievanceAnswerRequest struct {
	Note     string            `json:"note,omitempty"`
	Outcome  grievance.Outcome `json:"outcome"`
	Response string            `json:"response,omitempty"`
}

// grievanceRoutes returns the grievance endpoints. The sweep of deadlines
// is the host's scheduled job, not an endpoint.
//
// The actions' paths name the grievance by its tracking number, and the
// facade's actions take it as it is (masar.GrievanceAction.TrackingNumber):
// one call, one transaction and one audit entry, the action's own, whether
// it succeeds or is refused; resolving the number through
// GrievanceByTrackingNumber first would audit a view before every action
// and a refusal as a refused view.
func (a *API) grievanceRoutes() []route {
	c := a.cfg.Client
	act := func(path string, uc masar.UseCase, do func(rq *request) (reply, error)) route {
		return route{method: "POST", path: "/v1/grievances/{tracking_number}/" + path, update: true, uses: uses(uc), do: do}
	}
	plain := func(fn func(rq *request, in masar.GrievanceAction) (grievance.Grievance, error)) func(rq *request) (reply, error) {
		return grievanceAct(func(rq *request, b noteRequest) (grievance.Grievance, error) {
			return fn(rq, onGrievance(rq, b.Note))
		})
	}
	return []route{
		{method: "POST", path: "/v1/grievances", create: true, uses: uses(masar.UseFileGrievance), do: a.fileGrievance},
		{method: "GET", path: "/v1/grievances", uses: uses(masar.UseViewGrievance), do: a.myGrievances},
		{method: "GET", path: "/v1/grievances/{tracking_number}", uses: uses(masar.UseViewGrievance), do: a.grievance},
		{method: "GET", path: "/v1/agency/grievances", uses: uses(masar.UseListGrievances), do: a.agencyGrievances},
		act("withdrawal", masar.UseWithdrawGrievance, plain(func(rq *request, in masar.GrievanceAction) (grievance.Grievance, error) {
			return c.WithdrawGrievance(rq.ctx(), rq.actor, in)
		})),
		act("info", masar.UseProvideInfo, grievanceAct(func(rq *request, b grievanceInfoRequest) (grievance.Grievance, error) {
			if err := a.checkDocuments(rq, attachmentDocuments(b.Attachments)...); err != nil {
				return grievance.Grievance{}, err
			}
			return c.ProvideGrievanceInfo(rq.ctx(), rq.actor, onGrievance(rq, b.Note), b.Attachments)
		})),
		act("escalation", masar.UseEscalateGrievance, grievanceAct(func(rq *request, b grievanceEscalationRequest) (grievance.Grievance, error) {
			return c.EscalateGrievance(rq.ctx(), rq.actor, onGrievance(rq, b.Note), b.Route)
		})),
		act("exception", masar.UseRecordGrievanceException, grievanceAct(func(rq *request, b grievanceExceptionRequest) (grievance.Grievance, error) {
			return c.RecordGrievanceException(rq.ctx(), rq.actor, onGrievance(rq, b.Note), b.Ground, b.Reason)
		})),
		act("reopening", masar.UseReopenGrievance, plain(func(rq *request, in masar.GrievanceAction) (grievance.Grievance, error) {
			return c.ReopenGrievance(rq.ctx(), rq.actor, in)
		})),
		act("review", masar.UseWorkGrievance, plain(func(rq *request, in masar.GrievanceAction) (grievance.Grievance, error) {
			return c.StartGrievanceReview(rq.ctx(), rq.actor, in)
		})),
		act("info-request", masar.UseWorkGrievance, plain(func(rq *request, in masar.GrievanceAction) (grievance.Grievance, error) {
			return c.ReturnGrievanceForInfo(rq.ctx(), rq.actor, in)
		})),
		act("closure", masar.UseCloseGrievance, plain(func(rq *request, in masar.GrievanceAction) (grievance.Grievance, error) {
			return c.CloseGrievance(rq.ctx(), rq.actor, in)
		})),
		act("answer", masar.UseAnswerGrievance, grievanceAct(func(rq *request, b grievanceAnswerRequest) (grievance.Grievance, error) {
			return c.AnswerGrievance(rq.ctx(), rq.actor, onGrievance(rq, b.Note), b.Outcome, b.Response)
		})),
	}
}

// onGrievance is the facade's action on the path's grievance, at the
// If-Match version, with note.
func onGrievance(rq *request, note string) masar.GrievanceAction {
	return masar.GrievanceAction{TrackingNumber: rq.r.PathValue("tracking_number"), Version: rq.version, Note: note}
}

// grievanceAct serves an action on a grievance: it reads the body (which
// may be absent where the action needs nothing), acts, and answers the
// grievance as it now is, with its new ETag.
func grievanceAct[B any](fn func(rq *request, b B) (grievance.Grievance, error)) func(rq *request) (reply, error) {
	return func(rq *request) (reply, error) {
		var b B
		if rq.r.ContentLength != 0 {
			if err := rq.decode(&b); err != nil {
				return reply{}, err
			}
		}
		g, err := fn(rq, b)
		if err != nil {
			return reply{}, err
		}
		rep := versioned(g, g.Version)
		rep.dated = true
		return rep, nil
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

// agencyGrievances lists the grievances against the actor's agency (the
// facade sets the agency: there is no parameter for it), filtered by the
// query's filer, tracking_number, kind and status (each repeatable) and
// answer_due_before.
func (a *API) agencyGrievances(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	f, err := grievanceFilter(rq)
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.AgencyGrievances(rq.ctx(), rq.actor, f, p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

// grievanceFilter reads the agency list's filter from the query.
func grievanceFilter(rq *request) (grievance.Filter, error) {
	q := rq.r.URL.Query()
	var f grievance.Filter
	if s := q.Get("filer"); s != "" {
		id, err := identity.ParseNationalID(s)
		if err != nil {
			return f, invalidParam("filer", err)
		}
		f.Filer = id
	}
	if s := q.Get("tracking_number"); s != "" {
		n, err := grievance.ParseTrackingNumber(s)
		if err != nil {
			return f, invalidParam("tracking_number", err)
		}
		f.TrackingNumber = n
	}
	for _, k := range q["kind"] {
		f.Kinds = append(f.Kinds, grievance.Kind(k))
	}
	for _, s := range q["status"] {
		if !slices.Contains(grievance.Statuses(), grievance.Status(s)) {
			return f, invalidParam("status", nil)
		}
		f.Statuses = append(f.Statuses, grievance.Status(s))
	}
	var err error
	f.AnswerDueBefore, err = rq.date("answer_due_before", f.AnswerDueBefore)
	return f, err
}
