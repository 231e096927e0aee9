package records

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

// MinStatementKeyLen is the shortest statement key accepted, in bytes.
const MinStatementKeyLen = 32

// Statement is a service statement (بيان خدمة): the employee's file and
// history as of a date with their total service, as issued. It is a value:
// render it with RenderText or RenderHTML, check it with VerifyStatement.
type Statement struct {
	// ID identifies the statement; the Service assigns it.
	ID string `json:"id"`
	// Code is the verification code: a keyed hash (HMAC-SHA256) of every
	// other field, as 16 base-32 characters in groups of four. Sign sets it.
	Code string `json:"code"`
	// IssuedAt is when the statement was issued; IssuedOn its civil date in Saudi Arabia.
	IssuedAt time.Time  `json:"issued_at"`
	IssuedOn hijri.Date `json:"issued_on"`
	// AsOf is the date the statement speaks of; service is counted up to the day before it.
	AsOf             hijri.Date       `json:"as_of"`
	EmployeeID       string           `json:"employee_id"`
	NationalID       string           `json:"national_id"`
	Name             Names            `json:"name"`
	BirthDate        hijri.Date       `json:"birth_date"`
	Gender           Gender           `json:"gender"`
	Nationality      string           `json:"nationality"`
	EmploymentSystem EmploymentSystem `json:"employment_system"`
	// Job is the job held on AsOf (or the last one, after the end of service).
	Job Job `json:"job"`
	// ServiceEnd and EndReason are set when the employee is out of service
	// on AsOf: the last day and the reason of the last spell of service that
	// ended on or before it. After a re-appointment (CSL art 18(c)) they are
	// zero while the new spell lasts; the earlier spells' ends are lines.
	ServiceEnd hijri.Date `json:"service_end,omitzero"`
	EndReason  EndReason  `json:"end_reason,omitempty"`
	// Lines is the history from the appointment to AsOf.
	Lines []StatementLine `json:"lines"`
	// Service is the total service (PurposeTotal) as of AsOf.
	Service Duration `json:"service"`
}

// StatementLine is one history event as a statement shows it.
type StatementLine struct {
	EventID string     `json:"event_id"`
	Kind    EventKind  `json:"kind"`
	From    hijri.Date `json:"from"`
	// To is the last day, inclusive: for a job line, the day before the next
	// job event or the last day of service; zero while ongoing or for a single day.
	To       hijri.Date `json:"to,omitzero"`
	Job      *Job       `json:"job,omitempty"`
	Detail   i18n.Text  `json:"detail"`
	Decision Decision   `json:"decision"`
}

// Clone returns a deep copy of s.
func (s Statement) Clone() Statement {
	if s.Lines != nil {
		ls := make([]StatementLine, len(s.Lines))
		for i, l := range s.Lines {
			if l.Job != nil {
				j := *l.Job
				l.Job = &j
			}
			ls[i] = l
		}
		s.Lines = ls
	}
	s.Service = s.Service.Clone()
	return s
}

// BuildStatement builds the statement of e and its history as of asOf, with
// total service computed by rules (nil: the default rules). The lines are the
// events that start on or before asOf, except penalties and annual leave,
// which a service statement does not show. The caller sets ID, IssuedAt and
// IssuedOn, then signs it. It fails as Rules.ServiceDuration does.
func BuildStatement(e Employee, history []HistoryEvent, asOf hijri.Date, rules *Rules) (Statement, error) {
	if rules == nil {
		rules = &defaultRules
	}
	dur, err := rules.ServiceDuration(history, PurposeTotal, asOf)
	if err != nil {
		return Statement{}, err
	}
	s := Statement{
		AsOf:             asOf,
		EmployeeID:       e.ID,
		NationalID:       e.NationalID.String(),
		Name:             e.Name,
		BirthDate:        e.BirthDate,
		Gender:           e.Gender,
		Nationality:      e.Nationality,
		EmploymentSystem: e.EmploymentSystem,
		Service:          dur,
	}
	h := CloneHistory(history)
	SortHistory(h)
	segEnd := map[string]hijri.Date{}
	for _, seg := range JobSegments(h) {
		if seg.From.After(asOf) {
			continue
		}
		segEnd[seg.Event.ID] = seg.To
		s.Job = *seg.Event.Job
		s.Job.StartDate = seg.From
	}
	ended := false // an end of service came before: an appointment now is a re-appointment
	for i := range h {
		ev := &h[i]
		if ev.Start.After(asOf) || ev.Kind == KindPenalty || ev.Kind == KindLeave && ev.Leave == AnnualLeave {
			continue
		}
		line := StatementLine{EventID: ev.ID, Kind: ev.Kind, From: ev.Start, To: ev.End, Decision: ev.Decision,
			Detail: eventDetail(ev, ended && ev.Kind == KindAppointment)}
		if ev.Job != nil {
			j := *ev.Job
			j.StartDate = ev.Start
			line.Job = &j
		}
		if ev.Kind.IsJob() {
			line.To = segEnd[ev.ID]
		}
		switch ev.Kind {
		case KindAppointment: // a (re-)appointment opens a spell: in service again
			s.ServiceEnd, s.EndReason = hijri.Date{}, ""
		case KindEndOfService:
			s.ServiceEnd, s.EndReason, ended = ev.Start, ev.EndReason, true
		}
		s.Lines = append(s.Lines, line)
	}
	return s, nil
}

// eventDetail describes ev's kind-specific fields in both languages;
// reappointment marks an appointment that follows an end of service.
func eventDetail(ev *HistoryEvent, reappointment bool) i18n.Text {
	var parts [][2]string
	add := func(ar, en string) {
		if ar != "" || en != "" {
			parts = append(parts, [2]string{ar, en})
		}
	}
	lbl := func(f func(i18n.Lang) string) { add(f(i18n.Arabic), f(i18n.English)) }
	note := func(n statementNote) { lbl(n.label) }
	switch ev.Kind {
	case KindAppointment:
		if reappointment {
			note(noteReappointment)
		}
	case KindPromotion:
		if ev.Exceptional {
			note(noteExceptional)
		}
	case KindTrialReferral:
		lbl(ev.Outcome.Label)
		add(ev.Subject, ev.Subject)
	case KindImprisonment:
		note(noteImprisonment)
	case KindDeFacto:
		note(noteDeFacto)
	case KindLeave:
		lbl(ev.Leave.Label)
		if ev.Leave == StudyLeave && ev.Outcome != "" {
			lbl(ev.Outcome.Label)
		}
	case KindSecondment:
		lbl(ev.Host.Label)
		add(ev.Institution, ev.Institution)
	case KindTraining, KindScholarship:
		lbl(ev.Location.Label)
		add(ev.Institution, ev.Institution)
		add(ev.Subject, ev.Subject)
		lbl(ev.Outcome.Label)
	case KindSuspension:
		lbl(ev.Outcome.Label)
	case KindAssignment:
		add(ev.Subject, ev.Subject)
	case KindPenalty:
		lbl(ev.Penalty.Label)
		if ev.PenaltyDays > 0 {
			add(i18n.Count(ev.PenaltyDays, i18n.Day, i18n.Arabic), i18n.Count(ev.PenaltyDays, i18n.Day, i18n.English))
		}
	case KindEndOfService:
		lbl(ev.EndReason.Label)
	}
	var t i18n.Text
	for i, p := range parts {
		if i > 0 {
			t.AR += "، "
			t.EN += ", "
		}
		t.AR += p[0]
		t.EN += p[1]
	}
	return t
}

// canonical returns the statement's content in the canonical form its code
// is computed over: every field but Code, in a fixed order, each written as
// its length, a colon, the text and a semicolon. Version 1.
func (s *Statement) canonical() []byte {
	var c canon
	c.str("masar-go/records/statement/v1")
	c.str(s.ID)
	c.str(s.IssuedAt.UTC().Format(time.RFC3339Nano))
	c.date(s.IssuedOn)
	c.date(s.AsOf)
	c.str(s.EmployeeID)
	c.str(s.NationalID)
	c.names(s.Name)
	c.date(s.BirthDate)
	c.str(string(s.Gender))
	c.str(s.Nationality)
	c.str(string(s.EmploymentSystem))
	c.job(&s.Job)
	c.date(s.ServiceEnd)
	c.str(string(s.EndReason))
	c.int(len(s.Lines))
	for i := range s.Lines {
		l := &s.Lines[i]
		c.str(l.EventID)
		c.str(string(l.Kind))
		c.date(l.From)
		c.date(l.To)
		if l.Job != nil {
			c.str("job")
			c.job(l.Job)
		} else {
			c.str("")
		}
		c.text(l.Detail)
		c.str(l.Decision.Number)
		c.date(l.Decision.Date)
	}
	d := &s.Service
	c.str(string(d.Purpose))
	c.date(d.Start)
	c.date(d.AsOf)
	c.int(len(d.Counted))
	for _, sp := range d.Counted {
		c.span(sp)
	}
	c.int(d.GrossDays)
	c.period(d.Gross)
	c.int(len(d.Excluded))
	for _, ex := range d.Excluded {
		c.span(ex.Span)
		c.int(len(ex.Causes))
		for _, ca := range ex.Causes {
			c.str(ca.EventID)
			c.str(string(ca.Kind))
			c.str(ca.Basis)
			c.text(ca.Reason)
		}
	}
	c.int(d.ExcludedDays)
	c.period(d.ExcludedPeriod)
	c.int(d.Days)
	c.period(d.Period)
	return c.b
}

type canon struct{ b []byte }

func (c *canon) str(s string) {
	c.b = strconv.AppendInt(c.b, int64(len(s)), 10)
	c.b = append(c.b, ':')
	c.b = append(c.b, s...)
	c.b = append(c.b, ';')
}
func (c *canon) int(n int) { c.str(strconv.Itoa(n)) }
func (c *canon) date(d hijri.Date) {
	if d.IsZero() {
		c.str("")
		return
	}
	c.str(d.String())
}
func (c *canon) text(t i18n.Text) { c.str(t.AR); c.str(t.EN) }
func (c *canon) names(n Names) {
	for _, p := range [...]PersonName{n.AR, n.EN} {
		c.str(p.First)
		c.str(p.Father)
		c.str(p.Grandfather)
		c.str(p.Family)
	}
}
func (c *canon) job(j *Job) {
	c.str(j.Agency.ID)
	c.text(j.Agency.Name)
	c.text(j.Title)
	c.str(j.ClassificationCode)
	c.str(j.JobNumber)
	c.str(j.SalaryScale)
	c.int(j.Rank)
	c.int(j.Step)
	c.date(j.StartDate)
}
func (c *canon) period(p hijri.Period) { c.int(p.Years); c.int(p.Months); c.int(p.Days) }
func (c *canon) span(s Span) {
	c.date(s.From)
	c.date(s.To)
	c.int(s.Days)
	c.period(s.Period)
}

var codeEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// statementCode computes the verification code of s with key.
func statementCode(key []byte, s *Statement) string {
	mac := hmac.New(sha256.New, key)
	mac.Write(s.canonical())
	sum := mac.Sum(nil)
	raw := codeEncoding.EncodeToString(sum[:10]) // 80 bits, 16 characters
	return raw[0:4] + "-" + raw[4:8] + "-" + raw[8:12] + "-" + raw[12:16]
}

// NormalizeCode returns code in the form Statement.Code has
// ("ABCD-EFGH-IJKL-MNOP"), accepting lower case, Arabic-Indic digits, spaces,
// bidirectional marks and missing or misplaced dashes; it returns "" when code
// cannot be a verification code.
func NormalizeCode(code string) string {
	var b [16]byte
	n := 0
	for _, r := range code {
		switch {
		case r == '-' || r == ' ' || r == '\u00a0' || r == '\u200e' || r == '\u200f' || r == '\u061c' ||
			r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069':
			continue // separators and the bidirectional marks right-to-left text carries
		case r >= '٢' && r <= '٧':
			r -= '٠' - '0' // Arabic-Indic digits typed on an Arabic keyboard
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		case r >= 'A' && r <= 'Z', r >= '2' && r <= '7':
		default:
			return ""
		}
		if n == len(b) {
			return ""
		}
		b[n] = byte(r)
		n++
	}
	if n != len(b) {
		return ""
	}
	return string(b[0:4]) + "-" + string(b[4:8]) + "-" + string(b[8:12]) + "-" + string(b[12:16])
}

// Sign sets s.Code from s's content and key. It fails with
// ErrStatementKeyMissing when key is shorter than MinStatementKeyLen.
func (s *Statement) Sign(key []byte) error {
	if len(key) < MinStatementKeyLen {
		return ErrStatementKeyMissing
	}
	s.Code = statementCode(key, s)
	return nil
}

// VerifyStatement checks that s.Code is the code of s's content under key: any
// change to any field after signing makes it fail with ErrStatementNotVerified.
// It fails with ErrStatementKeyMissing for a key shorter than MinStatementKeyLen.
func VerifyStatement(key []byte, s Statement) error {
	if len(key) < MinStatementKeyLen {
		return ErrStatementKeyMissing
	}
	want := statementCode(key, &s)
	if !hmac.Equal([]byte(want), []byte(NormalizeCode(s.Code))) {
		return ErrStatementNotVerified
	}
	return nil
}
