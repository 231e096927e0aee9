package masar

import (
	"context"
	"encoding/json"
	"time"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/internal/ids"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

// The kinds of the domain events the Client writes to the outbox
// (outbox.TopicEvents), each in the same transaction as the change it
// announces, with its data type. An event carries identifiers and states,
// not a person's name or the content of a request: a consumer that needs
// more reads it through the Client.
const (
	// EventCorrectionDecided: a correction request approved or rejected
	// (CorrectionDecided). The Client's records.Notifier consumes it.
	EventCorrectionDecided = "records.correction_decided"
	// EventGrievanceFiled: a grievance filed (GrievanceEvent).
	EventGrievanceFiled = "grievance.filed"
	// EventGrievanceAnswered: a grievance answered (GrievanceEvent).
	EventGrievanceAnswered = "grievance.answered"
	// EventGrievanceDeemedRejected: a grievance's answer period passed
	// without an answer (GrievanceEvent).
	EventGrievanceDeemedRejected = "grievance.deemed_rejected"
	// EventPromotionIssued: a promotion decision issued (PromotionIssued).
	EventPromotionIssued = "promotion.issued"
	// EventLeaveApproved: a leave approved (LeaveApproved).
	EventLeaveApproved = "leave.approved"
	// EventServiceEnded: an employee's service ended (ServiceEnded).
	EventServiceEnded = "separation.service_ended"
)

// CorrectionDecided is the data of EventCorrectionDecided.
type CorrectionDecided struct {
	CorrectionID string                   `json:"correction_id"`
	EmployeeID   string                   `json:"employee_id"`
	Status       records.CorrectionStatus `json:"status"`
	Version      int64                    `json:"version"`
	DecidedAt    time.Time                `json:"decided_at"`
}

// GrievanceEvent is the data of the grievance events.
type GrievanceEvent struct {
	GrievanceID    string                   `json:"grievance_id"`
	TrackingNumber grievance.TrackingNumber `json:"tracking_number"`
	Kind           grievance.Kind           `json:"kind"`
	Status         grievance.Status         `json:"status"`
	Outcome        grievance.Outcome        `json:"outcome,omitempty"`
}

// PromotionIssued is the data of EventPromotionIssued.
type PromotionIssued struct {
	DecisionID    string     `json:"decision_id"`
	RoundID       string     `json:"round_id"`
	VacancyID     string     `json:"vacancy_id"`
	EmployeeID    string     `json:"employee_id"`
	ToRank        int        `json:"to_rank"`
	ToStep        int        `json:"to_step"`
	EffectiveDate hijri.Date `json:"effective_date"`
}

// LeaveApproved is the data of EventLeaveApproved.
type LeaveApproved struct {
	LeaveID string     `json:"leave_id"`
	Kind    leave.Kind `json:"kind"`
	From    hijri.Date `json:"from"`
	To      hijri.Date `json:"to"`
	Days    int        `json:"days"`
}

// ServiceEnded is the data of EventServiceEnded.
type ServiceEnded struct {
	CaseID  string           `json:"case_id"`
	Cause   separation.Cause `json:"cause"`
	LastDay hijri.Date       `json:"last_day"`
}

// emit appends a domain event to the outbox in the call's transaction
// (ctx is the call's): it is delivered if and only if the call commits.
func (cl *call) emit(ctx context.Context, kind, aggregate, agency, employee string, data any) error {
	return cl.enqueue(ctx, outbox.TopicEvents, kind, aggregate, agency, employee, "", data)
}

// enqueue appends one message to topic; id "" means a new event ID, else
// the message's own (a pension package's is its case's, so that a second
// handover of one case conflicts).
func (cl *call) enqueue(ctx context.Context, topic, kind, aggregate, agency, employee, id string, data any) error {
	if id == "" {
		id = ids.NewOrdered(cl.at)
	}
	body, err := json.Marshal(data)
	if err != nil {
		return err
	}
	if topic == outbox.TopicEvents {
		body, err = json.Marshal(outbox.Event{ID: id, Kind: kind, Aggregate: aggregate, OccurredAt: cl.at,
			AgencyID: agency, EmployeeID: employee, Data: body})
		if err != nil {
			return err
		}
	}
	_, err = cl.c.stores.Outbox.Append(ctx, outbox.Message{ID: id, Topic: topic, Kind: kind, Aggregate: aggregate,
		Payload: body, CreatedAt: cl.at})
	if err == nil {
		cl.afterCommit(func(context.Context) { cl.c.relays.kick(topic) })
	}
	return err
}

// grievanceEvent emits a grievance event of g.
func (cl *call) grievanceEvent(ctx context.Context, kind string, g grievance.Grievance) error {
	return cl.emit(ctx, kind, "grievance:"+g.ID, g.Agency, "", GrievanceEvent{
		GrievanceID: g.ID, TrackingNumber: g.TrackingNumber, Kind: g.Kind, Status: g.Status, Outcome: g.Outcome})
}

// promotionEvent emits the event of an issued promotion decision.
func (cl *call) promotionEvent(ctx context.Context, r promotion.Round, d promotion.PromotionDecision, employeeID string) error {
	return cl.emit(ctx, EventPromotionIssued, "round:"+r.ID, r.AgencyID, employeeID, PromotionIssued{
		DecisionID: d.ID, RoundID: r.ID, VacancyID: d.VacancyID, EmployeeID: employeeID,
		ToRank: d.Placement.ToRank, ToStep: d.Placement.ToStep, EffectiveDate: d.EffectiveDate})
}
