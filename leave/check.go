package leave

import (
	"github.com/masarhr/masar-go/calendar"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

// Taken is a leave already granted, for checking a new one.
type Taken struct {
	Kind Kind       `json:"kind"`
	From hijri.Date `json:"from"`
	To   hijri.Date `json:"to"`
	// Days charged (after holidays).
	Days int `json:"days"`
}

// Request is a leave asked for, with what it is checked against.
type Request struct {
	Kind  Kind       `json:"kind"`
	From  hijri.Date `json:"from"`
	To    hijri.Date `json:"to"`
	Birth hijri.Date `json:"birth"`
	// Ledger is the annual ledger; Granted the employee's granted leaves in order.
	Ledger  Ledger  `json:"ledger"`
	Granted []Taken `json:"granted"`
}

// Days returns the leave days from..to of kind k: every day, less the
// official holidays of cal inside it unless the kind counts them
// (Reg 160). A nil cal counts every day.
func (r *Rules) Days(k Kind, from, to hijri.Date, cal *calendar.Official) int {
	n := hijri.DaysBetween(from, to) + 1
	if cal != nil && !r.kind(k).CountsHolidays {
		n -= cal.HolidaysBetween(from, to)
	}
	return n
}

func (r *Rules) kind(k Kind) KindRule {
	for _, kr := range r.Kinds {
		if kr.Kind == k {
			return kr
		}
	}
	return KindRule{Kind: k}
}

func reason(field, code, en, ar string) fault.FieldViolation {
	return fault.FieldViolation{Field: field, Reason: code, Message: i18n.Text{EN: en, AR: ar}}
}

// Check returns nil if q may be granted, else ErrRefused listing every
// reason (overlap, a kind's limit, a period too short, the balance, the
// yearly cap), or ErrUnknownKind / ErrInvalidPeriod for malformed input.
func (r *Rules) Check(q *Request, cal *calendar.Official) error {
	if !q.Kind.Valid() {
		return ErrUnknownKind
	}
	if !q.From.IsValid() || !q.To.IsValid() || q.To.Before(q.From) || q.From.Before(q.Ledger.Start) {
		return ErrInvalidPeriod
	}
	days := r.Days(q.Kind, q.From, q.To, cal)
	kr := r.kind(q.Kind)
	var why []fault.FieldViolation
	for _, g := range q.Granted {
		if !g.To.Before(q.From) && !q.To.Before(g.From) {
			why = append(why, reason("from", "leave.overlap", "the leave overlaps a granted leave from "+g.From.String(),
				"تتداخل الإجازة مع إجازة ممنوحة تبدأ في "+g.From.String()))
			break
		}
	}
	if kr.MaxDays > 0 && days > kr.MaxDays {
		why = append(why, reason("to", "leave.kind_max_days", "the leave is longer than its kind allows", "مدة الإجازة تتجاوز الحد المقرر لنوعها"))
	}
	sum := func(since hijri.Date) int {
		n := days
		for _, g := range q.Granted {
			if g.Kind == q.Kind && !g.From.Before(since) {
				n += g.Days
			}
		}
		return n
	}
	if kr.WindowYears > 0 && kr.WindowMax > 0 {
		since, err := addYears(q.To, -kr.WindowYears)
		if err == nil && sum(since) > kr.WindowMax {
			why = append(why, reason("to", "leave.kind_window", "the leave exceeds its kind's limit within the period", "تتجاوز الإجازة الحد المقرر لنوعها خلال المدة النظامية"))
		}
	}
	if kr.CareerMax > 0 && sum(hijri.Date{}) > kr.CareerMax {
		why = append(why, reason("to", "leave.kind_career", "the leave exceeds its kind's limit for a career", "تتجاوز الإجازة الحد المقرر لنوعها طوال الخدمة"))
	}
	if kr.ChargedToAnnual {
		why = append(why, r.checkAnnual(q, days)...)
	}
	if q.Kind == Emergency {
		st := r.Statement(&q.Ledger, q.From, nil)
		if st.Available > 0 {
			why = append(why, reason("kind", "leave.emergency_with_balance", "emergency leave is only for an employee without annual balance",
				"لا تمنح الإجازة الاضطرارية لمن له رصيد من الإجازة العادية"))
		}
	}
	if len(why) > 0 {
		return ErrRefused.WithFields(why...)
	}
	return nil
}

func (r *Rules) checkAnnual(q *Request, days int) []fault.FieldViolation {
	var why []fault.FieldViolation
	st := r.Statement(&q.Ledger, q.From, nil)
	if days > st.Available {
		why = append(why, reason("to", "leave.beyond_balance", "the leave is longer than the balance", "مدة الإجازة تتجاوز الرصيد"))
	}
	// the service year the leave starts in
	var yf, yt hijri.Date
	for _, y := range st.Years {
		if !q.From.Before(y.From) && !q.From.After(y.To) {
			yf, yt = y.From, y.To
		}
	}
	taken, short := days, 0
	if days < r.MinPeriod {
		short = days
	}
	for _, u := range q.Ledger.Uses {
		if !u.On.Before(yf) && !u.On.After(yt) {
			taken += u.Days
			if u.Days < r.MinPeriod {
				short += u.Days
			}
		}
	}
	if days < r.MinPeriod && short > r.ShortPeriodsMax {
		why = append(why, reason("to", "leave.short_periods", "shorter leaves than the minimum exceed the yearly allowance",
			"تتجاوز الإجازات الأقل من الحد الأدنى المقدار المسموح به في السنة"))
	}
	if taken > r.CapOn(q.Ledger.Start, q.Birth, q.From) {
		why = append(why, reason("to", "leave.beyond_cap", "the leave exceeds the yearly cap", "تتجاوز الإجازة الحد الأعلى السنوي"))
	}
	return why
}
