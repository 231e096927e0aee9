package jobaudit

import (
	"time"

	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/records"
)

// State is a job variable's state.
type State string

// The states: draft → submitted → returned | approved → applied | rejected.
// A returned variable goes back to submitted on resubmission; approval
// applies the events in the same call, so a stored variable is never left
// Approved (the state exists for the transition trail).
const (
	Draft     State = "draft"
	Submitted State = "submitted"
	Returned  State = "returned"
	Approved  State = "approved"
	Applied   State = "applied"
	Rejected  State = "rejected"
)

// States lists every state in a stable order.
var States = []State{Draft, Submitted, Returned, Approved, Applied, Rejected}

// Open reports whether s is neither applied nor rejected.
func (s State) Open() bool { return s != Applied && s != Rejected }

// Transition is one recorded change of state.
type Transition struct {
	From State               `json:"from,omitempty"`
	To   State               `json:"to"`
	By   identity.NationalID `json:"by"`
	At   time.Time           `json:"at"`
	Note string              `json:"note,omitempty"`
}

// Variable is a pending change to an employee's job data (متغير وظيفي): the
// history events it adds, the decision behind them and its documents,
// entered by a maker and verified by a checker (four eyes).
type Variable struct {
	ID         string              `json:"id"`
	EmployeeID string              `json:"employee_id"`
	NationalID identity.NationalID `json:"national_id"`
	AgencyID   string              `json:"agency_id"`
	// Kind is the kind of the variable's main event.
	Kind records.EventKind `json:"kind"`
	// Events are added to the file's history on approval.
	Events    []records.HistoryEvent `json:"events"`
	Decision  records.Decision       `json:"decision"`
	Documents []records.Document     `json:"documents,omitempty"`
	State     State                  `json:"state"`
	Maker     identity.NationalID    `json:"maker"`
	Checker   identity.NationalID    `json:"checker,omitempty"`
	// Notes are the checker's notes on return, or the reason of a rejection.
	Notes       string       `json:"notes,omitempty"`
	Transitions []Transition `json:"transitions,omitempty"`
	// Direct marks a variable the policy let apply without a checker.
	Direct    bool      `json:"direct,omitempty"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Clone returns a deep copy of v.
func (v Variable) Clone() Variable {
	v.Events = records.CloneHistory(v.Events)
	v.Documents = cloneSlice(v.Documents)
	v.Transitions = cloneSlice(v.Transitions)
	return v
}

func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

// AgencyPolicy is an agency's four-eyes configuration.
type AgencyPolicy struct {
	// Default applies to the kinds not in Kinds; nil: the Policy's Default.
	Default *bool `json:"default,omitempty"`
	// Kinds says per event kind whether a checker is required.
	Kinds map[records.EventKind]bool `json:"kinds,omitempty"`
}

// Policy says whether an agency's variables of a kind must pass a checker
// before they take effect. [INF] The zero Policy requires none: direct
// entry keeps working.
type Policy struct {
	// Default applies to agencies not in Agencies (default false).
	Default bool `json:"default"`
	// Agencies are the per-agency settings, by agency ID.
	Agencies map[string]AgencyPolicy `json:"agencies,omitempty"`
}

// Requires reports whether a variable of kind in agency needs a checker.
func (p Policy) Requires(agency string, kind records.EventKind) bool {
	a, ok := p.Agencies[agency]
	if !ok {
		return p.Default
	}
	if r, ok := a.Kinds[kind]; ok {
		return r
	}
	if a.Default != nil {
		return *a.Default
	}
	return p.Default
}

// Clone returns a deep copy of p.
func (p Policy) Clone() Policy {
	if p.Agencies == nil {
		return p
	}
	as := make(map[string]AgencyPolicy, len(p.Agencies))
	for id, a := range p.Agencies {
		if a.Default != nil {
			d := *a.Default
			a.Default = &d
		}
		if a.Kinds != nil {
			ks := make(map[records.EventKind]bool, len(a.Kinds))
			for k, v := range a.Kinds {
				ks[k] = v
			}
			a.Kinds = ks
		}
		as[id] = a
	}
	p.Agencies = as
	return p
}
