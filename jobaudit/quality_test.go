package jobaudit_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// cleanFile is a hand-built file without findings.
func cleanFile() (records.Employee, []records.HistoryEvent) {
	b := recordstest.NewEmployee(identitytest.NewGenerator(9))
	return b.Employee("emp-1", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)), b.History()
}

func codes(fs []jobaudit.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

func TestCheckFindings(t *testing.T) {
	rules := jobaudit.DefaultRules()
	e, h := cleanFile()
	require.Empty(t, jobaudit.Check(e, h, nil, rules), "the clean file has no finding")

	tests := []struct {
		name  string
		spoil func(e *records.Employee, h []records.HistoryEvent) []records.HistoryEvent
		want  string
		event bool
	}{
		{"step off the scale", func(e *records.Employee, h []records.HistoryEvent) []records.HistoryEvent {
			h[len(h)-3].Job.Step = 40 // the last promotion
			e.Job.Step = 40
			return h
		}, jobaudit.FindingStepOffScale, true},
		{"rank inconsistent with the last promotion", func(e *records.Employee, h []records.HistoryEvent) []records.HistoryEvent {
			e.Job.Rank = 9
			return h
		}, jobaudit.FindingRankInconsistent, true},
		{"history breaks an invariant", func(e *records.Employee, h []records.HistoryEvent) []records.HistoryEvent {
			h[1].End, _ = h[1].Start.AddDays(-3) // a leave ending before it starts
			return h
		}, jobaudit.FindingHistoryInvalid, false},
		{"age under 18 at appointment", func(e *records.Employee, h []records.HistoryEvent) []records.HistoryEvent {
			e.BirthDate = hijri.MustNew(h[0].Start.Year-16, 1, 1)
			return h
		}, jobaudit.FindingUnderAge, true},
		{"decision without a date", func(e *records.Employee, h []records.HistoryEvent) []records.HistoryEvent {
			h[2].Decision.Date = hijri.Date{}
			return h
		}, jobaudit.FindingDecisionUndated, true},
		{"qualification not documented", func(e *records.Employee, h []records.HistoryEvent) []records.HistoryEvent {
			e.Qualifications[0].Documentation = &records.Documentation{State: records.Undocumented}
			return h
		}, jobaudit.FindingQualificationUndocumented, false},
		{"agency disagrees with the last transfer", func(e *records.Employee, h []records.HistoryEvent) []records.HistoryEvent {
			e.Job.Agency = recordstest.MinistryOfHealth
			return h
		}, jobaudit.FindingAgencyMismatch, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, h := cleanFile()
			h = tc.spoil(&e, h)
			fs := jobaudit.Check(e, h, nil, rules)
			require.Contains(t, codes(fs), tc.want)
			sawEvent := false
			for _, f := range fs {
				if f.Code == tc.want {
					assert.NotEmpty(t, f.Message.EN)
					assert.NotEmpty(t, f.Message.AR)
					assert.NotEmpty(t, f.Field)
					sawEvent = sawEvent || f.EventID != ""
				}
			}
			assert.Equal(t, tc.event, sawEvent, "the finding names its event")
		})
	}
}

func TestAuditPagesAndResumes(t *testing.T) {
	for _, scan := range []bool{true, false} {
		w := newWorld(t, nil)
		if !scan {
			w.svc = jobaudit.New(w.mem, w.recs, &jobaudit.Options{Now: time.Now})
		}
		ctx := context.Background()
		var bad []string
		for i := range 7 {
			e := w.employee()
			if i%2 == 0 {
				qs := append(e.Clone().Qualifications, records.Qualification{Degree: records.Master, Specialization: "قانون",
					Institution: "جامعة", Documentation: &records.Documentation{State: records.Undocumented}})
				_, err := w.recs.UpdateEmployee(ctx, records.EmployeeUpdate{ID: e.ID, Version: e.Version, Qualifications: &qs})
				require.NoError(t, err)
				bad = append(bad, e.ID)
			}
		}
		var got []string
		after := ""
		for range 20 {
			p, err := w.svc.Audit(ctx, jobaudit.AuditInput{AgencyID: recordstest.MinistryOfEducation.ID, After: after, Limit: 2})
			require.NoError(t, err)
			for _, ff := range p.Items {
				got = append(got, ff.EmployeeID)
				assert.Equal(t, []string{jobaudit.FindingQualificationUndocumented}, codes(ff.Findings))
			}
			if p.Next == "" {
				break
			}
			after = p.Next
		}
		assert.ElementsMatch(t, bad, got, "scan=%v", scan)
		p, err := w.svc.Audit(ctx, jobaudit.AuditInput{AgencyID: "nobody"})
		require.NoError(t, err)
		assert.Empty(t, p.Items)
	}
}
