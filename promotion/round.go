package promotion

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

// RoundStatus is the state of a promotion round.
//
//	draft ──announce──▶ announced ──open──▶ open ──rank──▶ ranked ──decide──▶ decided ──close──▶ closed
//	  └────────────────────┴──────────────────┴──────────────┴──cancel──▶ cancelled
//
// Settings, vacancies, the consideration date and the regulation can change
// only in draft. Candidates are added and scored only while open.
type RoundStatus string

// The round statuses.
const (
	RoundDraft     RoundStatus = "draft"
	RoundAnnounced RoundStatus = "announced"
	RoundOpen      RoundStatus = "open"
	RoundRanked    RoundStatus = "ranked"
	RoundDecided   RoundStatus = "decided"
	RoundClosed    RoundStatus = "closed"
	RoundCancelled RoundStatus = "cancelled"
)

// Valid reports whether s is one of the statuses.
func (s RoundStatus) Valid() bool {
	switch s {
	case RoundDraft, RoundAnnounced, RoundOpen, RoundRanked, RoundDecided, RoundClosed, RoundCancelled:
		return true
	}
	return false
}

var roundStatusLabels = i18n.Labels[RoundStatus]{
	RoundDraft:     {AR: "مسودة", EN: "draft"},
	RoundAnnounced: {AR: "معلنة", EN: "announced"},
	RoundOpen:      {AR: "مفتوحة للترشيح", EN: "open"},
	RoundRanked:    {AR: "تمت المفاضلة", EN: "ranked"},
	RoundDecided:   {AR: "صدرت قراراتها", EN: "decided"},
	RoundClosed:    {AR: "مغلقة", EN: "closed"},
	RoundCancelled: {AR: "ملغاة", EN: "cancelled"},
}

// Label returns the status's name in lang (the raw value for an unknown one).
func (s RoundStatus) Label(lang i18n.Lang) string { return roundStatusLabels.Label(s, lang) }

// Round is a promotion round (دورة ترقية بالمفاضلة): an agency's announced
// vacancies, criteria, weights and tie-break element, its candidates, their
// ranking and the promotion decisions. It is the aggregate the Store
// versions; candidates, results and decisions hang off it.
type Round struct {
	ID       string `json:"id"`        // set by the Service
	AgencyID string `json:"agency_id"` // the agency running the round
	// Title names the round in Arabic and English.
	Title i18n.Text `json:"title"`
	// Status is the round's state.
	Status RoundStatus `json:"status"`
	// ConsiderationDate is the date on which eligibility is judged (the
	// "date the promotion is considered" of Reg art 49).
	ConsiderationDate hijri.Date `json:"consideration_date"`
	// Settings are the announced criteria, weights and tie-break element.
	Settings Settings `json:"settings"`
	// Vacancies are the vacant jobs offered, by rank and job.
	Vacancies []Vacancy `json:"vacancies"`
	// Regulation is the rules the round applies, fixed when it is announced.
	Regulation Regulation `json:"regulation"`
	// Digest is a SHA-256 (hex) of the announced regulation, settings,
	// vacancies and consideration date, set on announcement and checked
	// before ranking: evidence that nothing announced changed.
	Digest string `json:"digest,omitempty"`

	// The instants of the round's changes, UTC, microseconds; zero until
	// they happen. ClosedAt is also set on cancellation.
	CreatedAt   time.Time `json:"created_at"`   // created
	UpdatedAt   time.Time `json:"updated_at"`   // last stored change
	AnnouncedAt time.Time `json:"announced_at"` // announced
	OpenedAt    time.Time `json:"opened_at"`    // opened to candidates
	RankedAt    time.Time `json:"ranked_at"`    // ranked
	DecidedAt   time.Time `json:"decided_at"`   // decisions issued
	ClosedAt    time.Time `json:"closed_at"`    // closed or cancelled
	// Version is the optimistic-concurrency version: 1 on creation, +1 on
	// every stored change.
	Version int64 `json:"version"`
}

// Clone returns a deep copy of r.
func (r Round) Clone() Round {
	r.Settings = r.Settings.clone()
	if r.Vacancies != nil {
		vs := make([]Vacancy, len(r.Vacancies))
		for i, v := range r.Vacancies {
			vs[i] = v.clone()
		}
		r.Vacancies = vs
	}
	return r
}

// Vacancy returns the round's vacancy with that ID.
func (r *Round) Vacancy(id string) (*Vacancy, bool) {
	for i := range r.Vacancies {
		if r.Vacancies[i].ID == id {
			return &r.Vacancies[i], true
		}
	}
	return nil, false
}

// ComputeDigest returns the SHA-256, in hex, of the JSON of the round's
// regulation, settings, vacancies and consideration date. The form is
// canonical: decimals encode without trailing zeros (decimal's String) and
// empty lists as null, so a store that returns 25.50 for 25.5 or an empty
// list for a nil one keeps the digest.
func (r *Round) ComputeDigest() string {
	c := r.Clone()
	if len(c.Settings.Criteria) == 0 {
		c.Settings.Criteria = nil
	}
	if len(c.Vacancies) == 0 {
		c.Vacancies = nil
	}
	for i := range c.Vacancies {
		if len(c.Vacancies[i].Fields) == 0 {
			c.Vacancies[i].Fields = nil
		}
	}
	b, err := json.Marshal(struct {
		Regulation        Regulation `json:"regulation"`
		Settings          Settings   `json:"settings"`
		Vacancies         []Vacancy  `json:"vacancies"`
		ConsiderationDate hijri.Date `json:"consideration_date"`
	}{c.Regulation, c.Settings, c.Vacancies, c.ConsiderationDate})
	if err != nil {
		return "" // unreachable: every field encodes
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Result is one stored line of a round's ranking.
type Result struct {
	RoundID string `json:"round_id"` // the round
	// Seq is the line's index in the ranking (Ranking.Entries order).
	Seq int `json:"seq"`
	Entry
}

// PromotionDecision is a promotion issued to a winner of a round.
type PromotionDecision struct {
	ID         string              `json:"id"`             // set by the Service
	RoundID    string              `json:"round_id"`       // the round
	AgencyID   string              `json:"agency_id"`      // the issuing agency
	VacancyID  string              `json:"vacancy_id"`     // the job promoted to
	NationalID identity.NationalID `json:"national_id"`    // the employee
	Name       string              `json:"name,omitempty"` // the employee's name
	// Exceptional marks an exceptional promotion (Reg art 54).
	Exceptional bool `json:"exceptional,omitempty"`
	// Position and Total are the winner's place and points in the vacancy.
	Position int    `json:"position"`
	Total    Points `json:"total"` // total points
	// Placement is the salary step on the new rank (CSL art 18(b)).
	Placement Placement `json:"placement"`
	// ScaleCode names the salary scale used.
	ScaleCode string `json:"scale_code"`
	// DecisionDate is the date the decision was issued; EffectiveDate equals
	// it: a promotion is never retroactive (Reg art 58; CSL art 10(b)).
	DecisionDate  hijri.Date `json:"decision_date"`
	EffectiveDate hijri.Date `json:"effective_date"` // equals DecisionDate
	CreatedAt     time.Time  `json:"created_at"`     // when the Service issued it
	Version       int64      `json:"version"`        // 1: decisions are not changed
}

// MarshalJSON encodes the set as an array of reason codes.
func (s Rules) MarshalJSON() ([]byte, error) { return json.Marshal(s.Codes()) }

// UnmarshalJSON decodes an array of reason codes.
func (s *Rules) UnmarshalJSON(b []byte) error {
	var codes []string
	if err := json.Unmarshal(b, &codes); err != nil {
		return err
	}
	*s = RulesFromCodes(codes)
	return nil
}
