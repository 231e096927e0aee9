package grievancetest

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/internal/ids"
)

// Fixture builds valid grievance inputs. The same seed gives the same IDs.
// It is safe for concurrent use.
type Fixture struct {
	// IDs generates the filers' and staff's national IDs.
	IDs *identitytest.Generator `json:"-"`
	// Agency is the agency the grievances are against; default "AGY-001".
	Agency string `json:"-"`

	n atomic.Int64
}

// NewFixture returns a Fixture whose IDs come from identitytest.NewGenerator(seed).
func NewFixture(seed uint64) *Fixture {
	return &Fixture{IDs: identitytest.NewGenerator(seed), Agency: "AGY-001"}
}

// Filer returns a new filer actor with a citizen's ID.
func (f *Fixture) Filer() grievance.Actor {
	return grievance.Actor{NationalID: f.IDs.Citizen(), Role: grievance.RoleFiler}
}

// Staff returns a new actor of f.Agency in role r.
func (f *Fixture) Staff(r grievance.Role) grievance.Actor {
	return grievance.Actor{NationalID: f.IDs.Citizen(), Role: r, Agency: f.Agency}
}

// Eligible returns identity's decision on a filer who meets every condition
// of the grievance service's policy.
func Eligible() identity.Decision {
	return identity.Decision{Service: identity.Grievances, Allowed: true}
}

// FileCommand returns a valid command filing, on asOf (a civil date), a
// grievance of KindDecision by a new eligible filer against f.Agency: the
// decision is dated 20 days before asOf and learnt of 10 days before, well
// inside the default 60-day window. It panics if asOf is within 20 days of
// the start of the Hijri table.
func (f *Fixture) FileCommand(asOf hijri.Date) grievance.FileCommand {
	i := f.n.Add(1)
	return grievance.FileCommand{
		Actor:       f.Filer(),
		Eligibility: Eligible(),
		Kind:        grievance.KindDecision,
		Agency:      f.Agency,
		Decision: grievance.Decision{
			Number:   fmt.Sprintf("%d/ق/%d", 1000+i, asOf.Year),
			Date:     mustAdd(asOf, -20),
			LearntOn: mustAdd(asOf, -10),
		},
		Subject:     "قرار نقل",
		SubSubject:  "نقل إلى مدينة أخرى",
		Description: "أتظلم من قرار نقلي لعدم مراعاة الظروف الأسرية.",
		Attachments: []grievance.Attachment{{
			Name: "قرار-النقل.pdf", MediaType: "application/pdf", Size: 48213,
			Ref: fmt.Sprintf("files/%d/decision.pdf", i),
		}},
	}
}

// Grievance returns a grievance as the Service would pass it to
// Store.CreateGrievance: a new ID, filed by a new filer against agency at
// the instant at (UTC, microseconds) in Hijri year year, in StatusSubmitted,
// with answerDue as its answer deadline and one history entry.
func (f *Fixture) Grievance(agency string, year int, at time.Time, answerDue hijri.Date) grievance.Grievance {
	i := f.n.Add(1)
	filer := f.Filer()
	filedOn := hijri.MustNew(year, 1, 1)
	if d, err := hijri.FromTime(at); err == nil && d.Year == year {
		filedOn = d
	}
	atts := []grievance.Attachment{{Name: "doc.pdf", MediaType: "application/pdf", Size: 1024, Ref: fmt.Sprintf("f/%d", i)}}
	return grievance.Grievance{
		ID:             ids.New(),
		TrackingNumber: grievance.TrackingNumber{Year: year},
		Kind:           grievance.KindDecision,
		Agency:         agency,
		Filer:          filer.NationalID,
		Decision:       grievance.Decision{Number: fmt.Sprintf("%d", 500+i), Date: filedOn, LearntOn: filedOn},
		Subject:        "subject",
		Description:    "description",
		Attachments:    atts,
		Status:         grievance.StatusSubmitted,
		FiledOn:        filedOn,
		FilingDue:      filedOn,
		AnswerDue:      answerDue,
		FiledAt:        at,
		UpdatedAt:      at,
		History: []grievance.StatusChange{{
			Action: grievance.ActionFile, To: grievance.StatusSubmitted, Actor: filer,
			At: at, On: filedOn, Attachments: append([]grievance.Attachment(nil), atts...),
		}},
	}
}

func mustAdd(d hijri.Date, n int) hijri.Date {
	out, err := d.AddDays(n)
	if err != nil {
		panic(err)
	}
	return out
}
