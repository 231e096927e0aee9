package httpapi

import (
	"context"

	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
)

// variableEditRequest changes a draft or returned variable (absent:
// unchanged); the version is the If-Match.
type variableEditRequest struct {
	Events    *[]records.HistoryEvent `json:"events,omitempty"`
	Decision  *records.Decision       `json:"decision,omitempty"`
	Documents *[]records.Document     `json:"documents,omitempty"`
}

// variableActionRequest carries a variable's step note: a return's notes
// or a rejection's reason (required for both).
type variableActionRequest struct {
	Note string `json:"note,omitempty"`
}

// qualificationActionRequest carries a qualification decision's reason
// (required for a rejection).
type qualificationActionRequest struct {
	Reason string `json:"reason,omitempty"`
}

// jobauditRoutes returns the job-data audit endpoints: job variables
// under four eyes, the agency's data-quality report and the employees'
// qualification requests.
func (a *API) jobauditRoutes() []route {
	return []route{
		{method: "POST", path: "/v1/employees/{national_id}/job-variables", create: true, uses: uses(masar.UseEnterVariable), do: a.draftVariable},
		{method: "GET", path: "/v1/job-variables/{id}", uses: uses(masar.UseViewVariables), do: a.variable},
		{method: "GET", path: "/v1/agency/job-variables", uses: uses(masar.UseViewVariables), do: a.variableQueue},
		{method: "POST", path: "/v1/job-variables/{id}", update: true, uses: uses(masar.UseEnterVariable), do: a.editVariable},
		{method: "POST", path: "/v1/job-variables/{id}/submission", update: true, uses: uses(masar.UseEnterVariable), do: a.variableStep(a.cfg.Client.SubmitVariable)},
		{method: "POST", path: "/v1/job-variables/{id}/approval", update: true, uses: uses(masar.UseCheckVariable), do: a.variableStep(a.cfg.Client.ApproveVariable)},
		{method: "POST", path: "/v1/job-variables/{id}/return", update: true, uses: uses(masar.UseCheckVariable), do: a.variableStep(a.cfg.Client.ReturnVariable)},
		{method: "POST", path: "/v1/job-variables/{id}/rejection", update: true, uses: uses(masar.UseCheckVariable), do: a.variableStep(a.cfg.Client.RejectVariable)},
		{method: "GET", path: "/v1/agency/data-quality", uses: uses(masar.UseAuditAgency), do: a.auditAgency},
		{method: "POST", path: "/v1/qualification-requests", create: true, uses: uses(masar.UseSubmitQualification), do: a.submitQualification},
		{method: "GET", path: "/v1/employees/{national_id}/qualification-requests", uses: uses(masar.UseViewQualifications), do: a.qualificationRequests},
		{method: "POST", path: "/v1/qualification-requests/{id}/documentation", update: true, uses: uses(masar.UseDecideQualification), do: a.documentQualification},
		{method: "POST", path: "/v1/qualification-requests/{id}/rejection", update: true, uses: uses(masar.UseDecideQualification), do: a.rejectQualification},
	}
}

func (a *API) draftVariable(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	var in masar.VariableInput
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	v, err := a.cfg.Client.DraftVariable(rq.ctx(), rq.actor, id, in)
	if err != nil {
		return reply{}, err
	}
	return created(v, v.Version, "/v1/job-variables/"+v.ID), nil
}

func (a *API) variable(rq *request) (reply, error) {
	v, err := a.cfg.Client.Variable(rq.ctx(), rq.actor, rq.r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return versioned(v, v.Version), nil
}

func (a *API) variableQueue(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.VariableQueue(rq.ctx(), rq.actor, jobaudit.State(rq.r.URL.Query().Get("state")), p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

func (a *API) editVariable(rq *request) (reply, error) {
	var in variableEditRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	v, err := a.cfg.Client.EditVariable(rq.ctx(), rq.actor, masar.VariableEdit{ID: rq.r.PathValue("id"), Version: rq.version,
		Events: in.Events, Decision: in.Decision, Documents: in.Documents})
	if err != nil {
		return reply{}, err
	}
	return versioned(v, v.Version), nil
}

// variableStep is the handler of a variable's step: submission, approval,
// return or rejection, each with an optional note.
func (a *API) variableStep(step func(context.Context, masar.Actor, masar.VariableAction) (jobaudit.Variable, error)) func(*request) (reply, error) {
	return func(rq *request) (reply, error) {
		var in variableActionRequest
		if err := rq.decodeOptional(&in); err != nil {
			return reply{}, err
		}
		v, err := step(rq.ctx(), rq.actor, masar.VariableAction{ID: rq.r.PathValue("id"), Version: rq.version, Note: in.Note})
		if err != nil {
			return reply{}, err
		}
		return versioned(v, v.Version), nil
	}
}

func (a *API) auditAgency(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.AuditAgency(rq.ctx(), rq.actor, p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

func (a *API) submitQualification(rq *request) (reply, error) {
	var in masar.QualificationSubmission
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	q, err := a.cfg.Client.SubmitQualification(rq.ctx(), rq.actor, in)
	if err != nil {
		return reply{}, err
	}
	return created(q, q.Version, "/v1/qualification-requests/"+q.ID), nil
}

func (a *API) qualificationRequests(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.QualificationRequests(rq.ctx(), rq.actor, id, p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

func (a *API) documentQualification(rq *request) (reply, error) {
	var in qualificationActionRequest
	if err := rq.decodeOptional(&in); err != nil {
		return reply{}, err
	}
	q, err := a.cfg.Client.DocumentQualification(rq.ctx(), rq.actor, masar.QualificationAction{ID: rq.r.PathValue("id"), Version: rq.version, Reason: in.Reason})
	if err != nil {
		return reply{}, err
	}
	return versioned(q, q.Version), nil
}

func (a *API) rejectQualification(rq *request) (reply, error) {
	var in qualificationActionRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	q, err := a.cfg.Client.RejectQualification(rq.ctx(), rq.actor, masar.QualificationAction{ID: rq.r.PathValue("id"), Version: rq.version, Reason: in.Reason})
	if err != nil {
		return reply{}, err
	}
	return versioned(q, q.Version), nil
}
