package leave

import (
	"strings"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

// Certifier is who certified a medical report (Reg 145).
type Certifier string

// The certifiers.
const (
	// Doctor is a doctor whose competence the Ministry of Health defines: enough up to 30 days.
	Doctor Certifier = "doctor"
	// GMA is the General Medical Authority (الهيئة الطبية العامة).
	GMA Certifier = "gma"
	// KFSH is King Faisal Specialist Hospital, for its own patients.
	KFSH Certifier = "kfsh"
	// MilitaryCommittee is a military medical committee, for military-sector staff.
	MilitaryCommittee Certifier = "military_committee"
)

// Report is a medical report as it arrives (from Seha, or attested from abroad).
type Report struct {
	// Number is the report's number, unique (ParseReportNumber).
	Number   string              `json:"number"`
	Facility string              `json:"facility"`
	Patient  identity.NationalID `json:"patient"`
	// Companion is the employee accompanying the patient, zero for the patient's own leave.
	Companion identity.NationalID `json:"companion,omitzero"`
	From      hijri.Date          `json:"from"`
	To        hijri.Date          `json:"to"`
	Days      int                 `json:"days"`
	Category  Category            `json:"category"`
	Certifier Certifier           `json:"certifier"`
	// Abroad reports come with Attested set once a Saudi mission attested them.
	Abroad   bool `json:"abroad,omitempty"`
	Attested bool `json:"attested,omitempty"`
}

// ReportRules configures report verification: CertifiedOver days (default
// 30) need one of Certifiers (default GMA, KFSH, military committees: Reg 145).
type ReportRules struct {
	CertifiedOver int         `json:"certified_over"`
	Certifiers    []Certifier `json:"certifiers"`
}

// DefaultReportRules returns Reg 145's thresholds.
func DefaultReportRules() ReportRules {
	return ReportRules{CertifiedOver: 30, Certifiers: []Certifier{GMA, KFSH, MilitaryCommittee}}
}

// ErrInvalidReportNumber: a report number is empty, too long or has
// characters other than ASCII letters, digits and dashes.
var ErrInvalidReportNumber = fault.New(fault.Invalid, "leave.invalid_report_number",
	"the medical report number is not valid", "رقم التقرير الطبي غير صحيح")

// ErrReportRefused: a report fails verification; Fields lists every reason.
var ErrReportRefused = fault.New(fault.FailedPrecondition, "leave.report_refused",
	"the medical report cannot be accepted", "لا يمكن قبول التقرير الطبي")

// ParseReportNumber normalises a report number: surrounding space removed,
// letters upper-cased; 1 to 40 ASCII letters, digits or dashes, not starting
// or ending with a dash.
func ParseReportNumber(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" || len(s) > 40 || s[0] == '-' || s[len(s)-1] == '-' {
		return "", ErrInvalidReportNumber
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return "", ErrInvalidReportNumber
		}
	}
	return s, nil
}

// Verify checks a report and returns nil or ErrReportRefused listing every
// reason: a bad number, dates, days that do not match them, an unknown
// category, more than CertifiedOver days without a Reg 145 certifier, a
// report from abroad without attestation, a companion who is the patient.
func (r ReportRules) Verify(rep *Report) error {
	var why []fault.FieldViolation
	add := func(field, code, en, ar string) {
		why = append(why, fault.FieldViolation{Field: field, Reason: code, Message: i18n.Text{EN: en, AR: ar}})
	}
	if _, err := ParseReportNumber(rep.Number); err != nil {
		add("number", "leave.report.number", "the report number is not valid", "رقم التقرير غير صحيح")
	}
	if !rep.From.IsValid() || !rep.To.IsValid() || rep.To.Before(rep.From) {
		add("from", "leave.report.dates", "the report's dates are not valid", "تواريخ التقرير غير صحيحة")
	} else if rep.Days != hijri.DaysBetween(rep.From, rep.To)+1 {
		add("days", "leave.report.days", "the days do not match the dates", "عدد الأيام لا يطابق التواريخ")
	}
	if !rep.Category.Valid() {
		add("category", "leave.report.category", "unknown category", "فئة غير معروفة")
	}
	if rep.Days > r.CertifiedOver {
		ok := false
		for _, c := range r.Certifiers {
			ok = ok || c == rep.Certifier
		}
		if !ok {
			add("certifier", "leave.report.needs_certification", "a report over 30 days needs the General Medical Authority or another body of Reg 145",
				"التقرير الذي تزيد مدته على ثلاثين يوماً يلزم اعتماده من الهيئة الطبية العامة أو الجهات المحددة في المادة 145")
		}
	}
	if rep.Abroad && !rep.Attested {
		add("attested", "leave.report.not_attested", "a report from abroad needs attestation by a Saudi mission", "يلزم تصديق التقرير الصادر من الخارج من الممثلية السعودية")
	}
	if !rep.Companion.IsZero() && rep.Companion == rep.Patient {
		add("companion", "leave.report.companion_is_patient", "the companion cannot be the patient", "لا يكون المرافق هو المريض")
	}
	if len(why) > 0 {
		return ErrReportRefused.WithFields(why...)
	}
	return nil
}
