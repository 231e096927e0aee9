package leavetest

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/leave"
)

// Fixture builds values as a leave.Store holds them. The same seed gives
// the same national IDs. It is safe for concurrent use.
type Fixture struct {
	// IDs generates the employees' and staff's national IDs.
	IDs *identitytest.Generator `json:"-"`
	// Agency is the agency of the leaves; default "AGY-001".
	Agency string `json:"-"`

	n atomic.Int64
}

// NewFixture returns a Fixture whose IDs come from identitytest.NewGenerator(seed).
func NewFixture(seed uint64) *Fixture {
	return &Fixture{IDs: identitytest.NewGenerator(seed), Agency: "AGY-001"}
}

// Leave returns a requested leave of kind k of employeeID from from to to,
// created at, with a new ID "lv-<n>" and the calendar days as its Days.
func (f *Fixture) Leave(employeeID string, k leave.Kind, from, to hijri.Date, at time.Time) leave.Leave {
	n := f.n.Add(1)
	return leave.Leave{
		ID: fmt.Sprintf("lv-%04d", n), EmployeeID: employeeID, NationalID: f.IDs.Citizen(), AgencyID: f.Agency,
		Kind: k, From: from, To: to, Days: hijri.DaysBetween(from, to) + 1, Status: leave.Requested,
		Note: "إجازة للاختبار", CreatedAt: at, UpdatedAt: at,
	}
}

// Report returns an applied medical report numbered "RPT-<n>" of
// employeeID's patient from from to to, received at.
func (f *Fixture) Report(employeeID string, from, to hijri.Date, at time.Time) leave.MedicalReport {
	n := f.n.Add(1)
	return leave.MedicalReport{
		Report: leave.Report{
			Number: fmt.Sprintf("RPT-%04d", n), Facility: "مستشفى الاختبار", Patient: f.IDs.Citizen(),
			From: from, To: to, Days: hijri.DaysBetween(from, to) + 1, Category: leave.Ordinary, Certifier: leave.Doctor,
		},
		Status: leave.ReportApplied, EmployeeID: employeeID, AgencyID: f.Agency, LeaveID: fmt.Sprintf("lv-r%04d", n),
		ReceivedAt: at,
	}
}
