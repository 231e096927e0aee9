package jobaudit

import (
	"fmt"
	"strconv"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
)

// Rules configures the checks. DefaultRules gives the defaults.
type Rules struct {
	// MinimumAge is the least age in Hijri years at appointment (default
	// 18: CSL art 4(b) as amended by Royal Decree M/95 of 1439H).
	MinimumAge int `json:"minimum_age"`
	// DocumentsRequired is whether a variable needs at least one document
	// on submission (default true) [INF].
	DocumentsRequired bool `json:"documents_required"`
	// Policy says where a checker is required (default: nowhere) [INF].
	Policy Policy `json:"policy"`
}

// DefaultRules returns the default rules.
func DefaultRules() Rules { return Rules{MinimumAge: 18, DocumentsRequired: true} }

// Clone returns a deep copy of r.
func (r Rules) Clone() Rules { r.Policy = r.Policy.Clone(); return r }

// ageOn returns the age in whole Hijri years of a person born on birth, on day.
func ageOn(birth, day hijri.Date) int {
	y := day.Year - birth.Year
	if int(day.Month) < int(birth.Month) || (day.Month == birth.Month && day.Day < birth.Day) {
		y--
	}
	return y
}

func why(field, reason, en, ar string) fault.FieldViolation {
	return fault.FieldViolation{Field: field, Reason: "jobaudit." + reason, Message: i18n.Text{EN: en, AR: ar}}
}

// CheckVariable returns every reason the events of a variable break the
// rules over file e with history h (h without the events): the history
// invariants (records.ValidateHistory over h and events), the
// classification and scale (rank 1–15, the step within the scale's steps
// for the rank), no date before the birth date, the minimum age at an
// appointment's start, and no event but an appointment before the first
// appointment. It returns nil when there is none.
func CheckVariable(e records.Employee, h, events []records.HistoryEvent, scale *promotion.Scale, r Rules) []fault.FieldViolation {
	var v []fault.FieldViolation
	all := append(records.CloneHistory(h), records.CloneHistory(events)...)
	if err := records.ValidateHistory(all); err != nil {
		msg := i18n.Text{EN: fault.MessageOf(err, i18n.English), AR: fault.MessageOf(err, i18n.Arabic)}
		v = append(v, fault.FieldViolation{Field: "events", Reason: "jobaudit.history_invalid", Message: msg})
	}
	first := firstAppointment(h)
	for i := range events {
		ev := &events[i]
		f := "events[" + strconv.Itoa(i) + "]"
		if ev.Job != nil {
			v = append(v, checkJob(f+".job", ev.Job, scale)...)
		}
		if !e.BirthDate.IsZero() && ev.Start.Before(e.BirthDate) {
			v = append(v, why(f+".start", "before_birth", "the date is before the birth date", "التاريخ قبل تاريخ الميلاد"))
		}
		if ev.Kind == records.KindAppointment && !e.BirthDate.IsZero() && ageOn(e.BirthDate, ev.Start) < r.MinimumAge {
			v = append(v, why(f+".start", "under_age",
				fmt.Sprintf("the employee is under %d at appointment", r.MinimumAge),
				fmt.Sprintf("عمر الموظف أقل من %d سنة عند التعيين", r.MinimumAge)))
		}
		if ev.Kind != records.KindAppointment && (first.IsZero() || ev.Start.Before(first)) && !appointedBefore(events, ev.Start) {
			v = append(v, why(f+".start", "before_appointment", "the event is before the first appointment",
				"الحدث قبل تاريخ التعيين الأول"))
		}
	}
	return v
}

func firstAppointment(h []records.HistoryEvent) hijri.Date {
	var d hijri.Date
	for i := range h {
		if h[i].Kind == records.KindAppointment && (d.IsZero() || h[i].Start.Before(d)) {
			d = h[i].Start
		}
	}
	return d
}

func appointedBefore(events []records.HistoryEvent, day hijri.Date) bool {
	d := firstAppointment(events)
	return !d.IsZero() && !day.Before(d)
}

func checkJob(field string, j *records.Job, scale *promotion.Scale) []fault.FieldViolation {
	if j.Rank < 1 || j.Rank > 15 {
		return []fault.FieldViolation{why(field+".rank", "rank_invalid", "the rank is not 1 to 15", "المرتبة ليست من 1 إلى 15")}
	}
	if scale == nil {
		return nil
	}
	if _, err := scale.Salary(j.Rank, j.Step); err != nil {
		return []fault.FieldViolation{why(field+".step", "step_off_scale", "the step is not on the salary scale for the rank",
			"الدرجة ليست في سلم الرواتب للمرتبة")}
	}
	return nil
}
