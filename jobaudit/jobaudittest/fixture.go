package jobaudittest

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/records"
)

// Fixture builds values as a jobaudit.Store holds them. The same seed gives
// the same national IDs. It is safe for concurrent use.
type Fixture struct {
	// IDs generates the employees' and staff's national IDs.
	IDs *identitytest.Generator `json:"-"`
	// Agency is the agency of the variables and requests; default "AGY-001".
	Agency string `json:"-"`

	n atomic.Int64
}

// NewFixture returns a Fixture whose IDs come from identitytest.NewGenerator(seed).
func NewFixture(seed uint64) *Fixture {
	return &Fixture{IDs: identitytest.NewGenerator(seed), Agency: "AGY-001"}
}

// Document returns a valid document's metadata named name.
func Document(name string) records.Document {
	return records.Document{Name: name, MediaType: "application/pdf", Size: 1024,
		SHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", StorageRef: "docs/" + name}
}

// Variable returns a submitted promotion variable of employeeID created at,
// with a new ID "jv-<n>".
func (f *Fixture) Variable(employeeID string, at time.Time) jobaudit.Variable {
	n := f.n.Add(1)
	maker := f.IDs.Citizen()
	dec := records.Decision{Number: fmt.Sprintf("٤٥/%d", n), Date: hijri.MustNew(1446, 3, 1)}
	return jobaudit.Variable{
		ID: fmt.Sprintf("jv-%04d", n), EmployeeID: employeeID, NationalID: f.IDs.Citizen(), AgencyID: f.Agency,
		Kind: records.KindPromotion, Decision: dec, Documents: []records.Document{Document("قرار.pdf")},
		Events: []records.HistoryEvent{{Kind: records.KindPromotion, Start: hijri.MustNew(1446, 3, 1), Decision: dec,
			Job: &records.Job{Agency: records.Agency{ID: f.Agency, Name: i18n.Text{AR: "وزارة", EN: "Ministry"}},
				Title: i18n.Text{AR: "أخصائي", EN: "Specialist"}, Rank: 8, Step: 1, StartDate: hijri.MustNew(1446, 3, 1)}}},
		State: jobaudit.Submitted, Maker: maker, CreatedAt: at, UpdatedAt: at,
		Transitions: []jobaudit.Transition{{To: jobaudit.Draft, By: maker, At: at}, {From: jobaudit.Draft, To: jobaudit.Submitted, By: maker, At: at}},
	}
}

// Request returns a submitted qualification request of employeeID created
// at, with a new ID "qr-<n>": a foreign master's degree with its equivalency.
func (f *Fixture) Request(employeeID string, at time.Time) jobaudit.QualificationRequest {
	n := f.n.Add(1)
	return jobaudit.QualificationRequest{
		ID: fmt.Sprintf("qr-%04d", n), EmployeeID: employeeID, NationalID: f.IDs.Citizen(), AgencyID: f.Agency,
		Qualification: records.Qualification{Degree: records.Master, Specialization: "الإدارة العامة",
			Institution: "University of Leeds", Country: "GB", ObtainedOn: hijri.MustNew(1440, 10, 1)},
		Equivalency: &records.Equivalency{Number: "م/١٢٣", Date: hijri.MustNew(1441, 1, 1), Authority: "وزارة التعليم"},
		Documents:   []records.Document{Document("degree.pdf")},
		State:       jobaudit.RequestSubmitted, CreatedAt: at, UpdatedAt: at,
	}
}
