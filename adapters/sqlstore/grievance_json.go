package sqlstore

import (
	"time"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

// The grievances table's JSON columns (attachments, history) keep the
// document format they have always been written in, whatever the JSON of
// the grievance package's types (which is the API's): the stored format is
// the adapter's, so rows written by earlier versions stay readable without
// a data migration. These types spell that format out; each mirrors one
// grievance type field for field (grievance_internal_test.go checks it).

// storedAttachment is a grievance.Attachment in the attachments column and
// in history entries.
type storedAttachment struct {
	Name      string `json:"name"`
	MediaType string `json:"mediaType"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256,omitempty"`
	Ref       string `json:"ref"`
}

// storedActor is a grievance.Actor in a history entry.
type storedActor struct {
	NationalID identity.NationalID `json:"nationalId"`
	Role       grievance.Role      `json:"role"`
	Agency     string              `json:"agency,omitempty"`
}

// storedChange is a grievance.StatusChange in the history column.
type storedChange struct {
	Action      grievance.Action           `json:"action"`
	From        grievance.Status           `json:"from"`
	To          grievance.Status           `json:"to"`
	Actor       storedActor                `json:"actor"`
	At          time.Time                  `json:"at"`
	On          hijri.Date                 `json:"on"`
	Note        string                     `json:"note,omitempty"`
	Outcome     grievance.Outcome          `json:"outcome,omitempty"`
	Route       grievance.Route            `json:"route,omitempty"`
	Exception   grievance.LimitationGround `json:"exception,omitempty"`
	Attachments []storedAttachment         `json:"attachments,omitempty"`
}

// storedLimitation is a grievance.Limitation in the limitation column (SQL
// NULL, or JSON null, for a timely filing).
type storedLimitation struct {
	Claim      string                     `json:"claim"`
	Ground     grievance.LimitationGround `json:"ground,omitempty"`
	Reason     string                     `json:"reason,omitempty"`
	RecordedBy storedActor                `json:"recordedBy"`
	RecordedAt time.Time                  `json:"recordedAt"`
	RecordedOn hijri.Date                 `json:"recordedOn"`
}

func storeLimitation(l *grievance.Limitation) jsonValue[*storedLimitation] {
	if l == nil {
		return jsonValue[*storedLimitation]{}
	}
	return jsonValue[*storedLimitation]{&storedLimitation{Claim: l.Claim, Ground: l.Ground, Reason: l.Reason,
		RecordedBy: storedActor(l.RecordedBy), RecordedAt: l.RecordedAt, RecordedOn: l.RecordedOn}}
}

func loadLimitation(l *storedLimitation) *grievance.Limitation {
	if l == nil {
		return nil
	}
	return &grievance.Limitation{Claim: l.Claim, Ground: l.Ground, Reason: l.Reason,
		RecordedBy: grievance.Actor(l.RecordedBy), RecordedAt: l.RecordedAt, RecordedOn: l.RecordedOn}
}

func storeAttachments(as []grievance.Attachment) jsonValue[[]storedAttachment] {
	if as == nil {
		return jsonValue[[]storedAttachment]{}
	}
	out := make([]storedAttachment, len(as))
	for i, a := range as {
		out[i] = storedAttachment(a)
	}
	return jsonValue[[]storedAttachment]{out}
}

func loadAttachments(as []storedAttachment) []grievance.Attachment {
	if len(as) == 0 {
		return nil
	}
	out := make([]grievance.Attachment, len(as))
	for i, a := range as {
		out[i] = grievance.Attachment(a)
	}
	return out
}

func storeHistory(h []grievance.StatusChange) jsonValue[[]storedChange] {
	if h == nil {
		return jsonValue[[]storedChange]{}
	}
	out := make([]storedChange, len(h))
	for i, c := range h {
		out[i] = storedChange{Action: c.Action, From: c.From, To: c.To, Actor: storedActor(c.Actor),
			At: c.At, On: c.On, Note: c.Note, Outcome: c.Outcome, Route: c.Route, Exception: c.Exception,
			Attachments: storeAttachments(c.Attachments).V}
	}
	return jsonValue[[]storedChange]{out}
}

func loadHistory(h []storedChange) []grievance.StatusChange {
	if len(h) == 0 {
		return nil
	}
	out := make([]grievance.StatusChange, len(h))
	for i, c := range h {
		out[i] = grievance.StatusChange{Action: c.Action, From: c.From, To: c.To, Actor: grievance.Actor(c.Actor),
			At: c.At, On: c.On, Note: c.Note, Outcome: c.Outcome, Route: c.Route, Exception: c.Exception,
			Attachments: loadAttachments(c.Attachments)}
	}
	return out
}
