package httpapi

import (
	"context"
	"net/http"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/masar"
)

// leaveActionRequest carries a decision's reason (required to reject).
type leaveActionRequest struct {
	Reason string `json:"reason,omitempty"`
}

// leaveDeferralRequest moves an approved leave to a later start.
type leaveDeferralRequest struct {
	From   hijri.Date `json:"from"`
	Reason string     `json:"reason"`
}

// leaveRecallRequest recalls an employee from leave; On zero is today.
type leaveRecallRequest struct {
	On     hijri.Date `json:"on,omitzero"`
	Reason string     `json:"reason"`
}

// leaveRoutes returns the leave endpoints.
func (a *API) leaveRoutes() []route {
	return []route{
		{method: "POST", path: "/v1/leaves", create: true, uses: uses(masar.UseRequestLeave), do: a.requestLeave},
		{method: "GET", path: "/v1/leaves/{id}", uses: uses(masar.UseViewLeaves), do: a.leave},
		{method: "GET", path: "/v1/employees/{national_id}/leaves", uses: uses(masar.UseViewLeaves), do: a.employeeLeaves},
		{method: "GET", path: "/v1/employees/{national_id}/leave-balance", uses: uses(masar.UseLeaveBalance), do: a.leaveBalance},
		{method: "GET", path: "/v1/leaves/{id}/sick-pay", uses: uses(masar.UseLeaveBalance), do: a.sickPay},
		{method: "GET", path: "/v1/agency/leaves", uses: uses(masar.UseLeaveQueue), do: a.leaveQueue},
		{method: "GET", path: "/v1/agency/medical-reports", uses: uses(masar.UseMedicalReports), do: a.medicalReports},
		{method: "POST", path: "/v1/leaves/{id}/cancellation", update: true, uses: uses(masar.UseCancelLeave), do: a.leaveAction(a.cfg.Client.CancelLeave)},
		{method: "POST", path: "/v1/leaves/{id}/approval", update: true, uses: uses(masar.UseDecideLeave), do: a.leaveAction(a.cfg.Client.ApproveLeave)},
		{method: "POST", path: "/v1/leaves/{id}/rejection", update: true, uses: uses(masar.UseDecideLeave), do: a.leaveAction(a.cfg.Client.RejectLeave)},
		{method: "POST", path: "/v1/leaves/{id}/deferral", update: true, uses: uses(masar.UseManageLeave), do: a.deferLeave},
		{method: "POST", path: "/v1/leaves/{id}/recall", update: true, uses: uses(masar.UseManageLeave), do: a.recallFromLeave},
		{method: "POST", path: "/v1/employees/{national_id}/leave-extensions", uses: uses(masar.UseManageLeave), do: a.extendLeaveYear},
	}
}

func (a *API) requestLeave(rq *request) (reply, error) {
	var in masar.LeaveRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	l, err := a.cfg.Client.RequestLeave(rq.ctx(), rq.actor, in)
	if err != nil {
		return reply{}, err
	}
	rep := created(l, l.Version, "/v1/leaves/"+l.ID)
	rep.dated = true
	return rep, nil
}

func (a *API) leave(rq *request) (reply, error) {
	l, err := a.cfg.Client.Leave(rq.ctx(), rq.actor, rq.r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	rep := versioned(l, l.Version)
	rep.dated = true
	return rep, nil
}

// leaveStatuses reads the status filter (repeatable).
func leaveStatuses(r *http.Request) []leave.Status {
	var out []leave.Status
	for _, s := range r.URL.Query()["status"] {
		out = append(out, leave.Status(s))
	}
	return out
}

func (a *API) employeeLeaves(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.Leaves(rq.ctx(), rq.actor, id, leaveStatuses(rq.r), p)
	if err != nil {
		return reply{}, err
	}
	rep := ok(listOf(pg))
	rep.dated = true
	return rep, nil
}

func (a *API) leaveBalance(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	asOf, err := rq.date("as_of", hijri.Date{})
	if err != nil {
		return reply{}, err
	}
	st, err := a.cfg.Client.LeaveBalance(rq.ctx(), rq.actor, id, asOf)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusOK, body: st, dated: true}, nil
}

func (a *API) sickPay(rq *request) (reply, error) {
	ps, err := a.cfg.Client.SickPay(rq.ctx(), rq.actor, rq.r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusOK, body: ps, dated: true}, nil
}

func (a *API) leaveQueue(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.LeaveQueue(rq.ctx(), rq.actor, leaveStatuses(rq.r), p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

func (a *API) medicalReports(rq *request) (reply, error) {
	p, err := rq.pageRequest()
	if err != nil {
		return reply{}, err
	}
	pg, err := a.cfg.Client.MedicalReports(rq.ctx(), rq.actor, leave.ReportStatus(rq.r.URL.Query().Get("status")), p)
	if err != nil {
		return reply{}, err
	}
	return ok(listOf(pg)), nil
}

// leaveAction serves a decision on a leave.
func (a *API) leaveAction(fn func(ctx context.Context, a masar.Actor, in masar.LeaveAction) (leave.Leave, error)) func(rq *request) (reply, error) {
	return func(rq *request) (reply, error) {
		var in leaveActionRequest
		if rq.r.ContentLength != 0 {
			if err := rq.decode(&in); err != nil {
				return reply{}, err
			}
		}
		l, err := fn(rq.ctx(), rq.actor, masar.LeaveAction{ID: rq.r.PathValue("id"), Version: rq.version, Reason: in.Reason})
		if err != nil {
			return reply{}, err
		}
		return versioned(l, l.Version), nil
	}
}

func (a *API) deferLeave(rq *request) (reply, error) {
	var in leaveDeferralRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	l, err := a.cfg.Client.DeferLeave(rq.ctx(), rq.actor, masar.LeaveDeferral{ID: rq.r.PathValue("id"), Version: rq.version, From: in.From, Reason: in.Reason})
	if err != nil {
		return reply{}, err
	}
	return versioned(l, l.Version), nil
}

func (a *API) recallFromLeave(rq *request) (reply, error) {
	var in leaveRecallRequest
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	l, err := a.cfg.Client.RecallFromLeave(rq.ctx(), rq.actor, masar.LeaveRecall{ID: rq.r.PathValue("id"), Version: rq.version, On: in.On, Reason: in.Reason})
	if err != nil {
		return reply{}, err
	}
	return versioned(l, l.Version), nil
}

func (a *API) extendLeaveYear(rq *request) (reply, error) {
	id, err := rq.nationalID("national_id")
	if err != nil {
		return reply{}, err
	}
	var in masar.LeaveExtension
	if err := rq.decode(&in); err != nil {
		return reply{}, err
	}
	x, err := a.cfg.Client.ExtendLeaveYear(rq.ctx(), rq.actor, id, in)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusCreated, body: x}, nil
}
