package cv

import (
	"slices"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/records"
)

// Language is a language the employee speaks, and how well.
type Language struct {
	Name  string `json:"name" validate:"required,max=60" ar:"اللغة"`
	Level Level  `json:"level" validate:"required,max=20" ar:"المستوى"`
}

// Experience is work outside government the employee declares.
type Experience struct {
	Employer    string     `json:"employer" validate:"required,max=200" ar:"جهة العمل"`
	Title       string     `json:"title" validate:"required,max=200" ar:"المسمى"`
	From        hijri.Date `json:"from" ar:"من"`
	To          hijri.Date `json:"to,omitzero" ar:"إلى"`
	Description string     `json:"description,omitempty" validate:"max=1000" ar:"الوصف"`
}

// Certificate is a professional certificate the employee declares.
type Certificate struct {
	Name   string     `json:"name" validate:"required,max=200" ar:"اسم الشهادة"`
	Issuer string     `json:"issuer" validate:"required,max=200" ar:"الجهة المانحة"`
	Date   hijri.Date `json:"date,omitzero" ar:"التاريخ"`
	Number string     `json:"number,omitempty" validate:"max=100" ar:"رقم الشهادة"`
}

// Profile is the sections of a CV the employee owns and writes. Each save
// is a new version; every version is kept.
type Profile struct {
	EmployeeID   string        `json:"employee_id"`
	Summary      string        `json:"summary,omitempty"`
	Skills       []string      `json:"skills,omitempty"`
	Languages    []Language    `json:"languages,omitempty"`
	Experience   []Experience  `json:"experience,omitempty"`
	Certificates []Certificate `json:"certificates,omitempty"`
	// UpdatedBy is the actor who saved this version.
	UpdatedBy string `json:"updated_by,omitempty"`
	// Version is 1 for the first save and grows by one with each.
	Version   int64     `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Clone returns a deep copy of p.
func (p Profile) Clone() Profile {
	p.Skills = slices.Clone(p.Skills)
	p.Languages = slices.Clone(p.Languages)
	p.Experience = slices.Clone(p.Experience)
	p.Certificates = slices.Clone(p.Certificates)
	return p
}

// Rating is one year's performance rating, as the host's rating system
// tells it (Ratings).
type Rating struct {
	// Year is the Hijri year rated.
	Year int `json:"year"`
	// Score is the score out of 100.
	Score int `json:"score"`
	// Grade is the grade's name (ممتاز, جيد جداً …).
	Grade i18n.Text `json:"grade"`
}

// Person is the personal section of a CV.
type Person struct {
	Name        records.Names       `json:"name"`
	NationalID  identity.NationalID `json:"national_id"`
	BirthDate   hijri.Date          `json:"birth_date,omitzero"`
	Gender      records.Gender      `json:"gender,omitempty"`
	Nationality string              `json:"nationality,omitempty"`
	Mobile      identity.Mobile     `json:"mobile,omitzero"`
	Email       identity.Email      `json:"email,omitzero"`
}

// JobEntry is one job segment of the history: an appointment, promotion or
// transfer, and the job held from Start until End (the next job event or
// the end of service; zero while it lasts).
type JobEntry struct {
	Kind     records.EventKind `json:"kind"`
	Start    hijri.Date        `json:"start"`
	End      hijri.Date        `json:"end,omitzero"`
	Job      records.Job       `json:"job"`
	Decision records.Decision  `json:"decision"`
}

// Training is a training course or scholarship of the history.
type Training struct {
	Kind        records.EventKind `json:"kind"`
	Start       hijri.Date        `json:"start"`
	End         hijri.Date        `json:"end,omitzero"`
	Location    records.Location  `json:"location,omitempty"`
	Institution string            `json:"institution,omitempty"`
	Subject     string            `json:"subject,omitempty"`
	Outcome     records.Outcome   `json:"outcome,omitempty"`
}

// CV is a curriculum vitae as a reader sees it: the parts of the file it
// covers and nothing else. A section the parts do not cover is nil.
type CV struct {
	EmployeeID string `json:"employee_id"`
	// Parts are the parts of the file shown, in identity.Parts order.
	Parts []identity.Part `json:"parts"`
	// Person (PartPersonal).
	Person *Person `json:"person,omitempty"`
	// Job is the current job (PartJob).
	Job *records.Job `json:"job,omitempty"`
	// History is the job history, oldest first (PartHistory).
	History []JobEntry `json:"history,omitempty"`
	// Ratings, newest first, when the host supplies them (PartHistory [INF]).
	Ratings []Rating `json:"ratings,omitempty"`
	// Qualifications are the documented qualifications, without their
	// attachments (PartQualifications).
	Qualifications []records.Qualification `json:"qualifications,omitempty"`
	// Training holds the training courses and scholarships, oldest first
	// (PartTraining).
	Training []Training `json:"training,omitempty"`
	// Profile is the employee's own sections (PartPersonal [INF]); nil when
	// not covered or never saved.
	Profile *Profile `json:"profile,omitempty"`
	// GeneratedAt is when the CV was assembled.
	GeneratedAt time.Time `json:"generated_at"`
	// GeneratedOn is GeneratedAt's civil date.
	GeneratedOn hijri.Date `json:"generated_on"`
}

// Covers reports whether the CV shows part.
func (c *CV) Covers(part identity.Part) bool { return slices.Contains(c.Parts, part) }

// Source is what a CV is assembled from.
type Source struct {
	Employee records.Employee       `json:"employee"`
	History  []records.HistoryEvent `json:"history,omitempty"`
	// Ratings are the host's ratings (none when nil).
	Ratings []Rating `json:"ratings,omitempty"`
	// Profile is the employee's sections (nil: none saved).
	Profile *Profile `json:"profile,omitempty"`
	// Documented filters the qualifications shown (nil: all).
	Documented func(records.Qualification) bool `json:"-"`
	// At is the instant of assembly, OnDay its civil date.
	At    time.Time  `json:"at"`
	OnDay hijri.Date `json:"on_day"`
}

// normParts returns parts deduplicated in identity.Parts order, or
// ErrUnknownPart.
func normParts(parts []identity.Part) ([]identity.Part, error) {
	for _, p := range parts {
		if !p.Valid() {
			return nil, ErrUnknownPart
		}
	}
	var out []identity.Part
	for _, p := range identity.Parts() {
		if slices.Contains(parts, p) {
			out = append(out, p)
		}
	}
	return out, nil
}

// BuildFor assembles the CV of src showing only what parts cover:
// PartPersonal the person and the employee's own sections [INF],
// PartJob the current job, PartHistory the job history and the ratings
// [INF], PartQualifications the documented qualifications, PartTraining
// the training and scholarships. Other parts (service duration, the
// statement) add nothing. Unknown parts fail with ErrUnknownPart. The CV
// shares nothing with src.
func BuildFor(src Source, parts []identity.Part) (CV, error) {
	ps, err := normParts(parts)
	if err != nil {
		return CV{}, err
	}
	e := src.Employee
	c := CV{EmployeeID: e.ID, Parts: ps, GeneratedAt: src.At, GeneratedOn: src.OnDay}
	if c.Parts == nil {
		c.Parts = []identity.Part{}
	}
	if c.Covers(identity.PartPersonal) {
		c.Person = &Person{Name: e.Name, NationalID: e.NationalID, BirthDate: e.BirthDate, Gender: e.Gender,
			Nationality: e.Nationality, Mobile: e.Contact.Mobile, Email: e.Contact.Email}
		if src.Profile != nil {
			p := src.Profile.Clone()
			c.Profile = &p
		}
	}
	if c.Covers(identity.PartJob) {
		j := e.Job
		c.Job = &j
	}
	if c.Covers(identity.PartHistory) {
		for _, seg := range records.JobSegments(src.History) {
			en := JobEntry{Kind: seg.Event.Kind, Start: seg.Event.Start, End: seg.To, Decision: seg.Event.Decision}
			if seg.Event.Job != nil {
				en.Job = *seg.Event.Job
			}
			c.History = append(c.History, en)
		}
		c.Ratings = slices.Clone(src.Ratings)
		slices.SortStableFunc(c.Ratings, func(a, b Rating) int { return b.Year - a.Year })
	}
	if c.Covers(identity.PartQualifications) {
		for _, q := range e.Qualifications {
			if src.Documented != nil && !src.Documented(q) {
				continue
			}
			q = q.Clone()
			q.Documents = nil
			c.Qualifications = append(c.Qualifications, q)
		}
	}
	if c.Covers(identity.PartTraining) {
		for _, ev := range src.History {
			if ev.Kind != records.KindTraining && ev.Kind != records.KindScholarship {
				continue
			}
			c.Training = append(c.Training, Training{Kind: ev.Kind, Start: ev.Start, End: ev.End, Location: ev.Location,
				Institution: ev.Institution, Subject: ev.Subject, Outcome: ev.Outcome})
		}
		slices.SortStableFunc(c.Training, func(a, b Training) int { return a.Start.Compare(b.Start) })
	}
	return c, nil
}
