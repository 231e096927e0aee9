package leave

import (
	"strings"

	"github.com/masarhr/masar-go/records"
)

// Kind is a leave kind of Reg art 126. It is records.LeaveType, so that a
// granted leave is a records history event of the same kind and service
// duration reads it through the records exclusion rules.
type Kind = records.LeaveType

// The kinds (see records.LeaveType for each article).
const (
	Annual          = records.AnnualLeave
	Exceptional     = records.ExceptionalLeave
	Study           = records.StudyLeave
	Sick            = records.SickLeave
	Companion       = records.CompanionLeave
	Maternity       = records.MaternityLeave
	Motherhood      = records.MotherhoodLeave
	Paternity       = records.PaternityLeave
	Bereavement     = records.BereavementLeave
	Emergency       = records.EmergencyLeave
	Exam            = records.ExamLeave
	Compensation    = records.CompensationLeave
	DisabilityCare  = records.DisabilityCareLeave
	ExcusedAbsence  = records.ExcusedAbsenceLeave
	SpouseCompanion = records.SpouseCompanionLeave
)

// ParseKind reads a kind by its code ("annual", "sick", …; case and
// surrounding space ignored) or fails with ErrUnknownKind.
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	if !k.Valid() {
		return "", ErrUnknownKind
	}
	return k, nil
}

// KindRule is the limits of one kind. Zero fields mean no limit.
type KindRule struct {
	Kind Kind `json:"kind"`
	// Basis is the article, e.g. "Reg 151".
	Basis string `json:"basis"`
	// MaxDays is the most days one leave of the kind may last.
	MaxDays int `json:"max_days,omitempty"`
	// WindowMax days of the kind at most within any WindowYears Hijri years
	// ending on the leave's last day (a rolling window [INF]).
	WindowYears int `json:"window_years,omitempty"`
	WindowMax   int `json:"window_max,omitempty"`
	// CareerMax is the most days of the kind in a career.
	CareerMax int `json:"career_max,omitempty"`
	// ChargedToAnnual says the leave's days are debited from the annual balance.
	ChargedToAnnual bool `json:"charged_to_annual,omitempty"`
	// CountsHolidays says official holidays inside the leave count as leave
	// days (bereavement: Reg 150). When false they are not counted (Reg 160).
	CountsHolidays bool `json:"counts_holidays,omitempty"`
}

// DefaultKindRules returns the limits of SERVICES.md §6, each a default a
// host may change:
//
//   - exceptional: ≤ 720 days within 5 years (Reg 148: 2 years within 5;
//     rolling window [INF]); spouse companion: ≤ 3600 days a career (Reg 149);
//   - maternity: 70 days (Reg 151); motherhood: ≤ 1080 days a career
//     (Reg 152: 3 years); paternity: 3 days (Reg 153); bereavement: 5 days,
//     holidays included (Reg 150);
//   - emergency: ≤ 5 days within a year (Reg 140: per fiscal year; here a
//     rolling Hijri year [INF]); disability-care training: ≤ 42 days (Reg 155);
//   - excused absence is charged to the annual balance (Reg 156); annual
//     leave's own limits are the ledger's (Rules).
func DefaultKindRules() []KindRule {
	return []KindRule{
		{Kind: Annual, Basis: "Reg 130-132", ChargedToAnnual: true},
		{Kind: Exceptional, Basis: "Reg 148", WindowYears: 5, WindowMax: 720},
		{Kind: SpouseCompanion, Basis: "Reg 149", CareerMax: 3600},
		{Kind: Study, Basis: "Reg 138-139"},
		{Kind: Sick, Basis: "Reg 141"},
		{Kind: Companion, Basis: "Reg 147"},
		{Kind: Maternity, Basis: "Reg 151", MaxDays: 70},
		{Kind: Motherhood, Basis: "Reg 152", CareerMax: 1080},
		{Kind: Paternity, Basis: "Reg 153", MaxDays: 3},
		{Kind: Bereavement, Basis: "Reg 150", MaxDays: 5, CountsHolidays: true},
		{Kind: Emergency, Basis: "Reg 140", MaxDays: 5, WindowYears: 1, WindowMax: 5},
		{Kind: Exam, Basis: "Reg 137"},
		{Kind: Compensation, Basis: "Reg 129"},
		{Kind: DisabilityCare, Basis: "Reg 155", MaxDays: 42},
		{Kind: ExcusedAbsence, Basis: "Reg 156", ChargedToAnnual: true},
	}
}

// Counts reports whether a leave of kind k counts as service for purpose p
// under the records exclusion rules r: false when a rule of p excludes
// every leave of k (a rule that needs an outcome, such as failed study
// leave, does not make the kind excluded).
func Counts(r *records.Rules, k Kind, p records.Purpose) bool {
	rules, ok := r.For(p)
	if !ok {
		return false
	}
	for _, x := range rules {
		if x.Kind == records.KindLeave && x.Leave == k && x.Outcome == "" && x.MinYears == 0 {
			return false
		}
	}
	return true
}
