package recordstest

import (
	"strconv"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
)

// Agencies used by the fixtures.
var (
	// MinistryOfEducation is the default agency of the fixtures.
	MinistryOfEducation = records.Agency{ID: "moe", Name: i18n.Text{AR: "وزارة التعليم", EN: "Ministry of Education"}}
	// MinistryOfHealth is a second agency, for transfers and filters.
	MinistryOfHealth = records.Agency{ID: "moh", Name: i18n.Text{AR: "وزارة الصحة", EN: "Ministry of Health"}}
)

// Builder builds a realistic employee file and history, deterministically
// from its generator. Methods add history events and return the Builder;
// Input, History and Employee give the results in the forms the Service and
// the Store take. Event IDs are "<prefix>-ev-1", "<prefix>-ev-2"… in the
// order events were added.
type Builder struct {
	in     records.NewEmployee
	prefix string
	job    records.Job
	events []records.HistoryEvent
}

// NewBuilder returns a Builder for a person (no history yet) whose national
// ID comes from gen: the person identitytest.DefaultProfile describes (the
// same names, birth date and gender the fake Registry, the fake
// Authenticator and nafathtest tell), with contact details and a
// qualification derived from the ID.
func NewBuilder(gen *identitytest.Generator) *Builder {
	nid := gen.Citizen()
	digits := nid.String()
	p := identitytest.DefaultProfile(nid)
	gender := records.Male
	if p.Gender == "F" {
		gender = records.Female
	}
	birthYear := p.DateOfBirth.Year
	b := &Builder{prefix: digits}
	b.in = records.NewEmployee{
		NationalID: nid,
		Name: records.Names{
			AR: records.PersonName{First: p.FirstNameAR, Father: p.FatherNameAR, Grandfather: p.GrandNameAR, Family: p.FamilyNameAR},
			EN: records.PersonName{First: p.FirstNameEN, Father: p.FatherNameEN, Grandfather: p.GrandNameEN, Family: p.FamilyNameEN},
		},
		BirthDate:   p.DateOfBirth,
		Gender:      gender,
		Nationality: "SA",
		Contact: records.Contact{
			Mobile:  identity.MustParseMobile("050" + digits[2:9]),
			Email:   identity.MustParseEmail("employee" + digits[5:] + "@example.sa"),
			Address: "الرياض، حي الملقا، 13521",
		},
		EmploymentSystem: records.CivilService,
		Qualifications: []records.Qualification{{
			Degree: records.Bachelor, Specialization: "نظم المعلومات", Institution: "جامعة الملك سعود", Country: "SA",
			ObtainedOn: hijri.MustNew(birthYear+22, 8, 10),
			Documents: []records.Document{{
				Name: "وثيقة التخرج.pdf", MediaType: "application/pdf", Size: 182_344,
				SHA256:     "9f2c1c5e8b0a4d7f3e6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60",
				StorageRef: "docs/" + digits + "/degree.pdf",
			}},
		}},
	}
	b.job = records.Job{
		Agency: MinistryOfEducation, Title: i18n.Text{AR: "أخصائي نظم معلومات", EN: "Information Systems Specialist"},
		ClassificationCode: "2512", JobNumber: "1" + digits[4:9], SalaryScale: "general", Rank: 6, Step: 1,
	}
	return b
}

// NewEmployee returns a Builder with a realistic career: appointed on
// 1432-03-15 at rank 6, annual leave in 1433, promoted to rank 7 on
// 1436-05-01, a training course in 1437, promoted to rank 8 on 1440-07-01,
// annual leave in 1443 and a short course in 1445. Add more events to it, or
// start from NewBuilder for a blank history.
func NewEmployee(gen *identitytest.Generator) *Builder {
	return NewBuilder(gen).
		Appoint(hijri.MustNew(1432, 3, 15), 6).
		Leave(records.AnnualLeave, hijri.MustNew(1433, 10, 1), hijri.MustNew(1433, 10, 20)).
		Promote(hijri.MustNew(1436, 5, 1), 7).
		Training(records.InsideKingdom, hijri.MustNew(1437, 2, 1), hijri.MustNew(1437, 2, 25), records.Achieved).
		Promote(hijri.MustNew(1440, 7, 1), 8).
		Leave(records.AnnualLeave, hijri.MustNew(1443, 12, 1), hijri.MustNew(1443, 12, 29)).
		Training(records.OutsideKingdom, hijri.MustNew(1445, 4, 5), hijri.MustNew(1445, 4, 16), records.Achieved)
}

// NationalID returns the person's national ID.
func (b *Builder) NationalID() identity.NationalID { return b.in.NationalID }

// Event adds ev (its ID is replaced) and returns b.
func (b *Builder) Event(ev records.HistoryEvent) *Builder {
	ev = ev.Clone()
	ev.ID = b.prefix + "-ev-" + strconv.Itoa(len(b.events)+1)
	if ev.Decision.Number == "" && ev.Kind != records.KindAbsence {
		ev.Decision = records.Decision{Number: strconv.Itoa(4000 + len(b.events)*37), Date: ev.Start}
	}
	b.events = append(b.events, ev)
	return b
}

func (b *Builder) jobEvent(kind records.EventKind, on hijri.Date) *Builder {
	j := b.job
	j.StartDate = on
	return b.Event(records.HistoryEvent{Kind: kind, Start: on, Job: &j})
}

// Appoint adds the appointment on the given date (the actual start) at rank, step 1.
func (b *Builder) Appoint(on hijri.Date, rank int) *Builder {
	b.job.Rank, b.job.Step = rank, 1
	return b.jobEvent(records.KindAppointment, on)
}

// Promote adds a promotion to rank on the given date, at step 1.
func (b *Builder) Promote(on hijri.Date, rank int) *Builder {
	b.job.Rank, b.job.Step = rank, 1
	b.job.JobNumber = strconv.Itoa(rank) + b.job.JobNumber[1:]
	return b.jobEvent(records.KindPromotion, on)
}

// PromoteExceptional adds an exceptional promotion (Reg art 54) to rank on
// the given date, at step 1.
func (b *Builder) PromoteExceptional(on hijri.Date, rank int) *Builder {
	b.Promote(on, rank)
	b.events[len(b.events)-1].Exceptional = true
	return b
}

// Reappoint adds a re-appointment (CSL art 18(c)) on the given date, after
// an end of service, at rank and step (promotion.PlaceReappointment gives
// the step the law places the employee on).
func (b *Builder) Reappoint(on hijri.Date, rank, step int) *Builder {
	b.job.Rank, b.job.Step = rank, step
	return b.jobEvent(records.KindAppointment, on)
}

// Transfer adds a transfer to agency on the given date, same rank and step.
func (b *Builder) Transfer(on hijri.Date, agency records.Agency) *Builder {
	b.job.Agency = agency
	return b.jobEvent(records.KindTransfer, on)
}

// Leave adds a leave of type t from from to to (inclusive).
func (b *Builder) Leave(t records.LeaveType, from, to hijri.Date) *Builder {
	return b.Event(records.HistoryEvent{Kind: records.KindLeave, Leave: t, Start: from, End: to})
}

// Secondment adds a secondment to a body of kind host.
func (b *Builder) Secondment(host records.HostKind, from, to hijri.Date) *Builder {
	name := map[records.HostKind]string{records.HostGovernment: "هيئة الحكومة الرقمية", records.HostInternational: "منظمة الصحة العالمية", records.HostNonGovernment: "شركة الاتصالات السعودية"}[host]
	return b.Event(records.HistoryEvent{Kind: records.KindSecondment, Host: host, Institution: name, Start: from, End: to})
}

// Training adds a training course at loc with the given outcome.
func (b *Builder) Training(loc records.Location, from, to hijri.Date, outcome records.Outcome) *Builder {
	return b.Event(records.HistoryEvent{Kind: records.KindTraining, Location: loc, Institution: "معهد الإدارة العامة",
		Subject: "إدارة المشاريع", Start: from, End: to, Outcome: outcome})
}

// Scholarship adds a scholarship (outside the Kingdom) or study delegation
// (inside) with the given outcome.
func (b *Builder) Scholarship(loc records.Location, from, to hijri.Date, outcome records.Outcome) *Builder {
	return b.Event(records.HistoryEvent{Kind: records.KindScholarship, Location: loc, Institution: "University of Leeds",
		Subject: "ماجستير نظم المعلومات", Start: from, End: to, Outcome: outcome})
}

// Suspension adds a suspension from duty (كف اليد) with the given outcome;
// a zero to means it is ongoing.
func (b *Builder) Suspension(from, to hijri.Date, outcome records.Outcome) *Builder {
	return b.Event(records.HistoryEvent{Kind: records.KindSuspension, Start: from, End: to, Outcome: outcome})
}

// Absence adds an absence not counted as leave.
func (b *Builder) Absence(from, to hijri.Date) *Builder {
	return b.Event(records.HistoryEvent{Kind: records.KindAbsence, Start: from, End: to})
}

// TrialReferral adds a referral to trial (Reg art 49(c)); a zero to and
// the pending outcome mean it is still running.
func (b *Builder) TrialReferral(from, to hijri.Date, outcome records.Outcome) *Builder {
	return b.Event(records.HistoryEvent{Kind: records.KindTrialReferral, Subject: "قضية تزوير محررات رسمية", Start: from, End: to, Outcome: outcome})
}

// Imprisonment adds prison time not charged to leave (Reg art 135(f)).
func (b *Builder) Imprisonment(from, to hijri.Date) *Builder {
	return b.Event(records.HistoryEvent{Kind: records.KindImprisonment, Start: from, End: to})
}

// DeFacto adds a period worked as a de facto employee (Reg art 222).
func (b *Builder) DeFacto(from, to hijri.Date) *Builder {
	return b.Event(records.HistoryEvent{Kind: records.KindDeFacto, Start: from, End: to})
}

// Penalty adds a disciplinary penalty on the given date; days is the number
// of days of a salary deduction (0 otherwise).
func (b *Builder) Penalty(p records.PenaltyType, on hijri.Date, days int) *Builder {
	return b.Event(records.HistoryEvent{Kind: records.KindPenalty, Penalty: p, PenaltyDays: days, Start: on})
}

// EndService adds the end of service; on is the last day of service.
func (b *Builder) EndService(on hijri.Date, reason records.EndReason) *Builder {
	return b.Event(records.HistoryEvent{Kind: records.KindEndOfService, EndReason: reason, Start: on})
}

// Input returns the builder's file as the input of records.Service.CreateEmployee.
func (b *Builder) Input() records.NewEmployee {
	in := b.in
	in.Qualifications = nil
	for _, q := range b.in.Qualifications {
		in.Qualifications = append(in.Qualifications, q.Clone())
	}
	in.History = b.History()
	return in
}

// History returns a copy of the events added so far, with their IDs.
func (b *Builder) History() []records.HistoryEvent { return records.CloneHistory(b.events) }

// Employee returns the builder's file as a Store holds it: the given ID,
// version 1, created and updated at, qualifications with IDs
// "<id>-q-1"…, and the current job and end of service taken from the history.
func (b *Builder) Employee(id string, at time.Time) records.Employee {
	e := records.Employee{
		ID: id, NationalID: b.in.NationalID, Name: b.in.Name, BirthDate: b.in.BirthDate, Gender: b.in.Gender,
		Nationality: b.in.Nationality, Contact: b.in.Contact, EmploymentSystem: b.in.EmploymentSystem,
		Version: 1, CreatedAt: at, UpdatedAt: at,
	}
	for i, q := range b.in.Qualifications {
		q = q.Clone()
		q.ID = id + "-q-" + strconv.Itoa(i+1)
		e.Qualifications = append(e.Qualifications, q)
	}
	if segs := records.JobSegments(b.events); len(segs) > 0 {
		e.Job = *segs[len(segs)-1].Event.Job
	}
	if sp := records.Spells(b.events); len(sp) > 0 {
		e.ServiceEnd = sp[len(sp)-1].To // zero once re-appointed
	}
	return e
}
