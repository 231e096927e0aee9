package records

import (
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

// RedactableParts lists the parts of an employee file that Redact can
// withhold, in a stable order: a consent grantee sees each only if its
// consent names it. The job part (identity.PartJob: the current job,
// agency, rank and step) is what every consent opens and is never withheld;
// identity.PartServiceDuration and identity.PartStatement are use cases,
// not fields of the file.
func RedactableParts() []identity.Part {
	return []identity.Part{identity.PartPersonal, identity.PartHistory, identity.PartQualifications, identity.PartTraining}
}

// Redact returns the file e and its history h without the parts in
// withheld:
//
//   - identity.PartPersonal: the name, birth date, gender, nationality and
//     contact details;
//   - identity.PartHistory: the whole history (nil);
//   - identity.PartQualifications: the qualifications;
//   - identity.PartTraining: the training and scholarship events of the
//     history.
//
// Any other part is ignored (see RedactableParts). e and h are not
// modified, and the results share no memory with them.
func Redact(e Employee, h []HistoryEvent, withheld []identity.Part) (Employee, []HistoryEvent) {
	e = e.Clone()
	h = CloneHistory(h)
	for _, p := range withheld {
		switch p {
		case identity.PartPersonal:
			e.Name, e.BirthDate, e.Gender, e.Nationality, e.Contact = Names{}, hijri.Date{}, "", "", Contact{}
		case identity.PartHistory:
			h = nil
		case identity.PartQualifications:
			e.Qualifications = nil
		case identity.PartTraining:
			h = withoutTraining(h)
		}
	}
	return e, h
}

// withoutTraining returns h without its training and scholarship events.
func withoutTraining(h []HistoryEvent) []HistoryEvent {
	if h == nil {
		return nil
	}
	out := h[:0]
	for _, ev := range h {
		if ev.Kind != KindTraining && ev.Kind != KindScholarship {
			out = append(out, ev)
		}
	}
	return out
}
