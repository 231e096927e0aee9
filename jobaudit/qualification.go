package jobaudit

import (
	"time"

	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/records"
)

// RequestState is a qualification request's state.
type RequestState string

// The request states: submitted → documented | rejected.
const (
	RequestSubmitted  RequestState = "submitted"
	RequestDocumented RequestState = "documented"
	RequestRejected   RequestState = "rejected"
)

// RequestStates lists every request state in a stable order.
var RequestStates = []RequestState{RequestSubmitted, RequestDocumented, RequestRejected}

// QualificationRequest is an employee's request to document a
// qualification (طلب توثيق مؤهل). Documenting it writes the qualification
// into the file, documented; a rejection keeps the reason.
//
// Reg 29: a qualification above the job's requirement does not count for
// appointment; documenting it records it, and the appointment rules (not
// this package) decide what it counts for.
type QualificationRequest struct {
	ID         string              `json:"id"`
	EmployeeID string              `json:"employee_id"`
	NationalID identity.NationalID `json:"national_id"`
	AgencyID   string              `json:"agency_id"`
	// Qualification is the qualification as submitted; its ID is assigned
	// when it is written into the file.
	Qualification records.Qualification `json:"qualification"`
	// Equivalency is required for a foreign degree (Country other than "SA").
	Equivalency *records.Equivalency `json:"equivalency,omitempty"`
	Documents   []records.Document   `json:"documents"`
	State       RequestState         `json:"state"`
	// Reason is the rejection's reason.
	Reason    string              `json:"reason,omitempty"`
	DecidedBy identity.NationalID `json:"decided_by,omitempty"`
	DecidedAt time.Time           `json:"decided_at,omitzero"`
	Version   int64               `json:"version"`
	CreatedAt time.Time           `json:"created_at"`
	UpdatedAt time.Time           `json:"updated_at"`
}

// Clone returns a deep copy of q.
func (q QualificationRequest) Clone() QualificationRequest {
	q.Qualification = q.Qualification.Clone()
	if q.Equivalency != nil {
		e := *q.Equivalency
		q.Equivalency = &e
	}
	q.Documents = cloneSlice(q.Documents)
	return q
}

// Foreign reports whether the degree was obtained outside the Kingdom.
func (q *QualificationRequest) Foreign() bool {
	return q.Qualification.Country != "" && q.Qualification.Country != "SA"
}
