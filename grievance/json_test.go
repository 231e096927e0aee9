package grievance_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/identity"
)

// The JSON of a grievance, the shape the HTTP API exposes: snake_case keys,
// tracking numbers and civil dates as text, and a round trip that loses
// nothing.
func TestGrievanceJSON(t *testing.T) {
	at := time.Date(2025, 7, 1, 7, 0, 0, 0, time.UTC)
	filer := grievance.Actor{NationalID: identity.MustParseNationalID("1000000008"), Role: grievance.RoleFiler}
	att := grievance.Attachment{Name: "a.pdf", MediaType: "application/pdf", Size: 10, Ref: "f/1"}
	g := grievance.Grievance{
		ID: "g1", TrackingNumber: grievance.TrackingNumber{Year: 1447, Seq: 12}, Kind: grievance.KindDecision,
		Agency: "MOE", Filer: filer.NationalID,
		Decision: grievance.Decision{Number: "1/ق", Date: h(1446, 12, 20), LearntOn: h(1446, 12, 25)},
		Subject:  "نقل", SubSubject: "مكاني", Description: "وصف", Attachments: []grievance.Attachment{att},
		Status: grievance.StatusAnswered, Outcome: grievance.OutcomeRejected, Response: "السبب",
		FiledOn: h(1447, 1, 6), FilingDue: h(1447, 2, 25), AnswerDue: h(1447, 3, 8), EscalationDue: h(1447, 5, 8),
		FiledAt: at, UpdatedAt: at,
		History: []grievance.StatusChange{{Action: grievance.ActionFile, To: grievance.StatusSubmitted, Actor: filer,
			At: at, On: h(1447, 1, 6), Attachments: []grievance.Attachment{att}}},
		Version: 3,
	}
	b, err := json.Marshal(g)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"id": "g1", "tracking_number": "GRV-1447-000012", "kind": "administrative_decision", "agency": "MOE",
		"filer": "1000000008",
		"decision": {"number": "1/ق", "date": "1446-12-20", "learnt_on": "1446-12-25"},
		"subject": "نقل", "sub_subject": "مكاني", "description": "وصف",
		"attachments": [{"name": "a.pdf", "media_type": "application/pdf", "size": 10, "ref": "f/1"}],
		"status": "answered", "outcome": "rejected", "response": "السبب",
		"filed_on": "1447-01-06", "filing_due": "1447-02-25", "answer_due": "1447-03-08", "escalation_due": "1447-05-08",
		"reopens": 0, "filed_at": "2025-07-01T07:00:00Z", "updated_at": "2025-07-01T07:00:00Z",
		"history": [{"action": "file", "from": "", "to": "submitted",
			"actor": {"national_id": "1000000008", "role": "filer"},
			"at": "2025-07-01T07:00:00Z", "on": "1447-01-06",
			"attachments": [{"name": "a.pdf", "media_type": "application/pdf", "size": 10, "ref": "f/1"}]}],
		"version": 3
	}`, string(b))
	var back grievance.Grievance
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, g, back)

	f := grievance.Filter{Agency: "MOE", Statuses: grievance.OpenStatuses(), AnswerDueBefore: h(1447, 3, 1),
		After: "g1", Limit: 20}
	b, err = json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"agency": "MOE", "statuses": ["submitted", "under_review", "returned_for_info"],
		"answer_due_before": "1447-03-01", "after": "g1", "limit": 20}`, string(b))
	b, err = json.Marshal(grievance.Filter{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(b))

}
