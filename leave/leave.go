package leave

import (
	"slices"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

// Status is the state of a leave.
type Status string

// The statuses. A leave is Requested by its employee, then Approved or
// Rejected by HR of the file's agency, or Cancelled by the employee while
// it is still Requested. A leave from a medical report is Approved on
// arrival.
const (
	Requested Status = "requested"
	Approved  Status = "approved"
	Rejected  Status = "rejected"
	Cancelled Status = "cancelled"
)

// Statuses lists every status.
var Statuses = []Status{Requested, Approved, Rejected, Cancelled}

// Leave is one leave of one employee: requested, decided, and once approved
// a records history event of its Kind (EventID), atomically. It is its own
// aggregate, guarded by Version.
type Leave struct {
	ID         string              `json:"id"`
	EmployeeID string              `json:"employee_id"`
	NationalID identity.NationalID `json:"national_id"`
	// AgencyID is the file's agency when the leave was requested or
	// arrived (a record of the past: HR decides on the file's agency at
	// decision time).
	AgencyID string     `json:"agency_id"`
	Kind     Kind       `json:"kind"`
	From     hijri.Date `json:"from"`
	To       hijri.Date `json:"to"`
	// Days are the leave days charged: From..To less the official holidays
	// inside it, unless the kind counts them (Rules.Days).
	Days   int    `json:"days"`
	Status Status `json:"status"`
	// Note is the employee's, with the request.
	Note string `json:"note,omitempty"`
	// Category is the sick-leave category of a sick or companion leave.
	Category Category `json:"category,omitempty"`
	// ReportNumber names the medical report the leave came from.
	ReportNumber string `json:"report_number,omitempty"`
	// Split is how a companion leave was charged (Reg 147).
	Split CompanionSplit `json:"split,omitzero"`
	// DecidedBy and DecidedAt record the approval or rejection (the
	// system's ID for a medical report); Reason is the rejection's, or the
	// latest deferral's or recall's.
	DecidedBy identity.NationalID `json:"decided_by,omitzero"`
	DecidedAt time.Time           `json:"decided_at,omitzero"`
	Reason    string              `json:"reason,omitempty"`
	// DeferredFrom is the start first approved, when the agency deferred
	// the leave (Reg 131(c)); RecalledOn the first day back at work when it
	// recalled the employee (Reg 159).
	DeferredFrom hijri.Date `json:"deferred_from,omitzero"`
	RecalledOn   hijri.Date `json:"recalled_on,omitzero"`
	// EventID is the records history event of an approved leave.
	EventID   string    `json:"event_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int64     `json:"version"`
}

// Live reports whether l holds days: requested or approved.
func (l *Leave) Live() bool { return l.Status == Requested || l.Status == Approved }

// Filter selects leaves for Store.ListLeaves. Zero fields match every leave.
type Filter struct {
	// EmployeeID: the leaves of this file.
	EmployeeID string `json:"employee_id,omitempty"`
	// AgencyID: leaves whose AgencyID is this agency.
	AgencyID string `json:"agency_id,omitempty"`
	// Statuses: leaves in any of these statuses.
	Statuses []Status `json:"statuses,omitempty"`
	// Kinds: leaves of any of these kinds.
	Kinds []Kind `json:"kinds,omitempty"`
	// After is the paging cursor: the ID of the last leave of the previous page.
	After string `json:"after,omitempty"`
	// Limit caps the number returned; 0 means no cap (Service lists cap it).
	Limit int `json:"limit,omitempty"`
}

// ReportStatus is what became of a medical report.
type ReportStatus string

// The report outcomes.
const (
	// ReportApplied: verified, matched and turned into a leave (LeaveID).
	ReportApplied ReportStatus = "applied"
	// ReportRefused: verification or matching failed; Reasons say why.
	ReportRefused ReportStatus = "refused"
)

// ReportStatuses lists every report outcome.
var ReportStatuses = []ReportStatus{ReportApplied, ReportRefused}

// MedicalReport is a received medical report and its outcome. Reports are
// written once, keyed by Report.Number: receiving a number again returns
// the first outcome and changes nothing.
type MedicalReport struct {
	Report Report       `json:"report"`
	Status ReportStatus `json:"status"`
	// Reasons list every reason of a refusal.
	Reasons []fault.FieldViolation `json:"reasons,omitempty"`
	// EmployeeID and AgencyID are the matched file's (the companion's for
	// a companion leave), empty when no file matched.
	EmployeeID string `json:"employee_id,omitempty"`
	AgencyID   string `json:"agency_id,omitempty"`
	// LeaveID is the leave an applied report became.
	LeaveID    string    `json:"leave_id,omitempty"`
	ReceivedAt time.Time `json:"received_at"`
}

// Clone returns a deep copy of r.
func (r MedicalReport) Clone() MedicalReport {
	r.Reasons = slices.Clone(r.Reasons)
	return r
}

// ReportFilter selects medical reports for Store.ListReports. Zero fields
// match every report.
type ReportFilter struct {
	// EmployeeID: reports matched to this file.
	EmployeeID string `json:"employee_id,omitempty"`
	// AgencyID: reports matched to a file of this agency.
	AgencyID string `json:"agency_id,omitempty"`
	// Status: reports with this outcome.
	Status ReportStatus `json:"status,omitempty"`
	// After is the paging cursor: the Number of the last report of the
	// previous page.
	After string `json:"after,omitempty"`
	// Limit caps the number returned; 0 means no cap.
	Limit int `json:"limit,omitempty"`
}

// Extension is the agency's approval that a service year's balance expires
// ExtraYears later (Reg 131(a)).
type Extension struct {
	EmployeeID string `json:"employee_id"`
	// Year is the service year (1 for the first).
	Year   int                 `json:"year"`
	By     identity.NationalID `json:"by"`
	At     time.Time           `json:"at"`
	Reason string              `json:"reason"`
}

// Balance is a stored statement summary: one employee's annual balance as
// of a day, written by the year-end accrual (Service.Accrue).
type Balance struct {
	EmployeeID string     `json:"employee_id"`
	AsOf       hijri.Date `json:"as_of"`
	// Years is the number of service years begun by AsOf.
	Years     int `json:"years"`
	Entitled  int `json:"entitled"`
	Taken     int `json:"taken"`
	Expired   int `json:"expired"`
	Available int `json:"available"`
	// At is when it was computed.
	At time.Time `json:"at"`
}
