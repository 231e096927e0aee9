package jobaudit

import (
	"fmt"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
)

// The finding codes. They are stable: reports and hosts key on them.
const (
	// FindingStepOffScale: the current job's or a job event's step is not
	// within the scale's steps for its rank (or the rank is not on it).
	FindingStepOffScale = "jobaudit.step_off_scale"
	// FindingRankInconsistent: the current job's rank is not the rank of
	// the last promotion.
	FindingRankInconsistent = "jobaudit.rank_inconsistent"
	// FindingHistoryInvalid: the history breaks an invariant
	// (records.ValidateHistory).
	FindingHistoryInvalid = "jobaudit.history_invalid"
	// FindingUnderAge: an appointment before the minimum age.
	FindingUnderAge = "jobaudit.under_age"
	// FindingDecisionUndated: an event with a decision number and no
	// decision date. [INF] History events carry no documents; a decision
	// that cannot be dated is what this audit reads as "missing documents
	// behind a decision".
	FindingDecisionUndated = "jobaudit.decision_undated"
	// FindingQualificationUndocumented: a qualification on the file not
	// documented (records.Qualification.IsDocumented).
	FindingQualificationUndocumented = "jobaudit.qualification_undocumented"
	// FindingAgencyMismatch: the current job's agency is not the agency of
	// the last appointment or transfer.
	FindingAgencyMismatch = "jobaudit.agency_mismatch"
)

// Finding is one data-quality finding on a file.
type Finding struct {
	// Code is one of the Finding… constants.
	Code    string    `json:"code"`
	Message i18n.Text `json:"message"`
	// EventID is the history event concerned, if any.
	EventID string `json:"event_id,omitempty"`
	// Field is the file's field concerned ("job.step", "qualifications[0]"…).
	Field string `json:"field,omitempty"`
}

// FileFindings are the findings on one file.
type FileFindings struct {
	EmployeeID string    `json:"employee_id"`
	AgencyID   string    `json:"agency_id"`
	Findings   []Finding `json:"findings"`
}

func finding(code, eventID, field, en, ar string) Finding {
	return Finding{Code: code, EventID: eventID, Field: field, Message: i18n.Text{EN: en, AR: ar}}
}

// Check returns the data-quality findings on file e with history h, in a
// stable order (the current job, then the history in its order, then the
// qualifications). scale nil means promotion.GeneralScale(). It is pure.
func Check(e records.Employee, h []records.HistoryEvent, scale *promotion.Scale, r Rules) []Finding {
	if scale == nil {
		scale = promotion.GeneralScale()
	}
	var out []Finding
	if len(h) > 0 && e.Job.Rank != 0 && !onScale(scale, e.Job.Rank, e.Job.Step) {
		out = append(out, finding(FindingStepOffScale, "", "job.step",
			fmt.Sprintf("rank %d step %d is not on the salary scale", e.Job.Rank, e.Job.Step),
			fmt.Sprintf("المرتبة %d الدرجة %d ليست في سلم الرواتب", e.Job.Rank, e.Job.Step)))
	}
	var lastPromo, lastPlace *records.HistoryEvent
	for i := range h {
		ev := &h[i]
		if ev.Kind.IsJob() && ev.Job != nil {
			if !onScale(scale, ev.Job.Rank, ev.Job.Step) {
				out = append(out, finding(FindingStepOffScale, ev.ID, "job.step",
					fmt.Sprintf("the event's rank %d step %d is not on the salary scale", ev.Job.Rank, ev.Job.Step),
					fmt.Sprintf("المرتبة %d الدرجة %d في الحدث ليست في سلم الرواتب", ev.Job.Rank, ev.Job.Step)))
			}
			if ev.Kind == records.KindPromotion && (lastPromo == nil || !ev.Start.Before(lastPromo.Start)) {
				lastPromo = ev
			}
			if ev.Kind != records.KindPromotion && (lastPlace == nil || !ev.Start.Before(lastPlace.Start)) {
				lastPlace = ev
			}
		}
		if ev.Kind == records.KindAppointment && !e.BirthDate.IsZero() && ageOn(e.BirthDate, ev.Start) < r.MinimumAge {
			out = append(out, finding(FindingUnderAge, ev.ID, "start",
				fmt.Sprintf("appointed under the age of %d", r.MinimumAge), fmt.Sprintf("عُيّن قبل بلوغ %d سنة", r.MinimumAge)))
		}
		if ev.Decision.Number != "" && ev.Decision.Date.IsZero() {
			out = append(out, finding(FindingDecisionUndated, ev.ID, "decision.date",
				"the decision has a number but no date", "للقرار رقم دون تاريخ"))
		}
	}
	if err := records.ValidateHistory(h); err != nil && len(h) > 0 {
		out = append(out, finding(FindingHistoryInvalid, "", "history",
			fault.MessageOf(err, i18n.English), fault.MessageOf(err, i18n.Arabic)))
	}
	if lastPromo != nil && e.Job.Rank != lastPromo.Job.Rank && (lastPlace == nil || !lastPlace.Start.After(lastPromo.Start) ||
		lastPlace.Job.Rank != e.Job.Rank) {
		out = append(out, finding(FindingRankInconsistent, lastPromo.ID, "job.rank",
			fmt.Sprintf("the rank %d is not the last promotion's %d", e.Job.Rank, lastPromo.Job.Rank),
			fmt.Sprintf("المرتبة %d لا تطابق مرتبة آخر ترقية %d", e.Job.Rank, lastPromo.Job.Rank)))
	}
	if lastPlace != nil && e.Job.Agency.ID != lastPlace.Job.Agency.ID {
		out = append(out, finding(FindingAgencyMismatch, lastPlace.ID, "job.agency.id",
			fmt.Sprintf("the agency %q is not the last %s's %q", e.Job.Agency.ID, lastPlace.Kind, lastPlace.Job.Agency.ID),
			fmt.Sprintf("الجهة %q لا تطابق جهة آخر تعيين أو نقل %q", e.Job.Agency.ID, lastPlace.Job.Agency.ID)))
	}
	for i := range e.Qualifications {
		if !e.Qualifications[i].IsDocumented() {
			out = append(out, finding(FindingQualificationUndocumented, "", fmt.Sprintf("qualifications[%d]", i),
				"the qualification is not documented", "المؤهل غير موثق"))
		}
	}
	return out
}

func onScale(s *promotion.Scale, rank, step int) bool {
	_, err := s.Salary(rank, step)
	return err == nil
}
