package separation

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/records"
)

// RetirementRules are the parameters of the retirement age: the regimes of
// SERVICES.md §1.2 and the reading of the birth date (Reg 36). A host may
// change any of them (Rules.Retirement); DefaultRetirementRules documents
// the defaults and their sources.
type RetirementRules struct {
	// Reference is the day the Social Insurance Law came into force, at
	// which Decree items II and V measure the prior periods and the age: 3
	// Jul 2024 (SIL 63, "the day after issuance" of 26/12/1445H)
	// [S1 primary]. Only its Gregorian civil date is read.
	Reference time.Time `json:"reference"`
	// MissingMonth and MissingDay replace a missing month or day of the
	// birth date: 1 Rajab (7, 1), Reg 36 [S1 primary].
	MissingMonth int `json:"missing_month"`
	MissingDay   int `json:"missing_day"`
	// LegacyAge is the age of the Civil Retirement Law: 60 Hijri years [C2].
	LegacyAge Age `json:"legacy_age"`
	// SILAge is the pension age of the Social Insurance Law: 65 Gregorian
	// years (SIL 16(1)) [S1 primary].
	SILAge Age `json:"sil_age"`
	// LegacyMonths: a prior contributor with at least this many
	// uncompensated months at Reference stays under the old law (Decree
	// II, V): 240 [S1 primary]; the calendar of the months is [INF].
	LegacyMonths int `json:"legacy_months"`
	// LegacyHijriYears: a prior contributor this old (Hijri years) at
	// Reference stays under the old law: 50 (Decree V) [S1 primary].
	LegacyHijriYears int `json:"legacy_hijri_years"`
	// LegacyGregorianMonths: the Gregorian age, in months, that counts as
	// LegacyHijriYears: 582 (48 years 6 months, Decree V) [S1 primary].
	LegacyGregorianMonths int `json:"legacy_gregorian_months"`
	// TransitionYoung: under this completed Gregorian age at Reference, the
	// transition age is TransitionYoungAge (29 → 65y0m, Decree V).
	TransitionYoung    int `json:"transition_young"`
	TransitionYoungAge Age `json:"transition_young_age"`
	// TransitionBase is the age at TransitionYoung (64y8m), less
	// TransitionStepMonths (4) a completed year over it, up to
	// TransitionOld (48) exclusive (Decree V).
	TransitionBase       Age `json:"transition_base"`
	TransitionStepMonths int `json:"transition_step_months"`
	TransitionOld        int `json:"transition_old"`
	// TransitionOldAge is the age from TransitionOld to
	// LegacyGregorianMonths exclusive: 58y4m (Decree V).
	TransitionOldAge Age `json:"transition_old_age"`
}

// DefaultRetirementRules returns the rules of SERVICES.md §1.2: the SIL
// reference date 3 Jul 2024, 1 Rajab for a missing day or month (Reg 36),
// legacy 60 Hijri years, SIL 65 Gregorian years, the old law kept at 240
// months or 50 Hijri (48y6m Gregorian) years, and the transition ages of
// Decree V (65y0m under 29; 64y8m − 4 months a year from 29 to 48; 58y4m
// from 48 to 48y6m).
func DefaultRetirementRules() RetirementRules {
	return RetirementRules{
		Reference:    time.Date(2024, time.July, 3, 0, 0, 0, 0, time.UTC),
		MissingMonth: 7, MissingDay: 1,
		LegacyAge:             Age{Years: 60, Calendar: HijriYears},
		SILAge:                Age{Years: 65, Calendar: GregorianYears},
		LegacyMonths:          240,
		LegacyHijriYears:      50,
		LegacyGregorianMonths: 48*12 + 6,
		TransitionYoung:       29,
		TransitionYoungAge:    Age{Years: 65, Calendar: GregorianYears},
		TransitionBase:        Age{Years: 64, Months: 8, Calendar: GregorianYears},
		TransitionStepMonths:  4,
		TransitionOld:         48,
		TransitionOldAge:      Age{Years: 58, Months: 4, Calendar: GregorianYears},
	}
}

// ErrBirthDate: a birth date that cannot be read (ParseBirthDate,
// Reg36BirthDate).
var ErrBirthDate = fault.New(fault.Invalid, "separation.invalid_birth_date",
	"the birth date is not valid; write it as 1400, 1400-07 or 1400-07-15",
	"تاريخ الميلاد غير صحيح؛ اكتبه بالشكل 1400 أو 1400-07 أو 1400-07-15")

// Reg36BirthDate returns the birth date as Reg 36 reads it with the
// default rules: a missing (0) month or day gives 1 Rajab of year.
func Reg36BirthDate(year, month, day int) (hijri.Date, error) {
	r := DefaultRetirementRules()
	return r.BirthDate(year, month, day)
}

// BirthDate is Reg36BirthDate under r: a missing (0) month or day gives
// r.MissingMonth/r.MissingDay of year. It fails with ErrBirthDate for a
// date that does not exist or is outside the Hijri table.
func (r *RetirementRules) BirthDate(year, month, day int) (hijri.Date, error) {
	if month < 0 || day < 0 {
		return hijri.Date{}, ErrBirthDate
	}
	if month == 0 || day == 0 {
		month, day = r.MissingMonth, r.MissingDay
	}
	d, err := hijri.New(year, month, day)
	if err != nil {
		return hijri.Date{}, because(ErrBirthDate, "birth_date", err)
	}
	return d, nil
}

// ParseBirthDate reads a Hijri birth date as a nationality document may
// give it: "1400", "1400-07", "1400-07-15" or with "/" ("1400/07/15"),
// ASCII digits, a missing part written 0 or 00 or left out. A missing
// month or day gives 1 Rajab of the year (Reg 36). It fails with
// ErrBirthDate.
func ParseBirthDate(s string) (hijri.Date, error) {
	if len(s) > 10 {
		return hijri.Date{}, ErrBirthDate
	}
	sep := "-"
	if strings.Contains(s, "/") {
		sep = "/"
	}
	parts := strings.Split(s, sep)
	if len(parts) > 3 {
		return hijri.Date{}, ErrBirthDate
	}
	var n [3]int
	for i, p := range parts {
		width := 2
		if i == 0 {
			width = 4
		}
		if len(p) == 0 || len(p) > width || i == 0 && len(p) != 4 {
			return hijri.Date{}, ErrBirthDate
		}
		for j := 0; j < len(p); j++ {
			if p[j] < '0' || p[j] > '9' {
				return hijri.Date{}, ErrBirthDate
			}
		}
		n[i], _ = strconv.Atoi(p)
	}
	return Reg36BirthDate(n[0], n[1], n[2])
}

// RetirementInput is what the retirement age depends on.
type RetirementInput struct {
	// BirthDate is the birth date as Reg 36 reads it.
	BirthDate hijri.Date `json:"birth_date"`
	// PriorContributor: the person had contribution periods under the
	// Civil Retirement Law or the SIL of 1421H at the reference date.
	PriorContributor bool `json:"prior_contributor"`
	// PriorMonths are the uncompensated contribution months at the
	// reference date.
	PriorMonths int `json:"prior_months"`
}

// ErrRetirement: no retirement date can be computed (the birth date or
// the date reached is outside the Hijri table).
var ErrRetirement = fault.New(fault.FailedPrecondition, "separation.retirement_date",
	"the retirement date cannot be computed from this birth date",
	"لا يمكن حساب تاريخ التقاعد من تاريخ الميلاد هذا")

// RetirementFor returns the regime, the age and the dates of in's
// statutory retirement under r: Date is the day the age is completed and
// StatutoryLastDay (and LastDay) the day before, the last day of service
// [INF]. The employee fields, Extension and ComputedAt are left zero.
//
// The regime: no prior contributions → RegimeSIL (r.SILAge); a prior
// contributor with r.LegacyMonths months or more, or r.LegacyHijriYears
// Hijri years or r.LegacyGregorianMonths Gregorian months of age or more at
// r.Reference → RegimeLegacy (r.LegacyAge); any other prior contributor →
// RegimeTransition, whose age depends on the completed Gregorian years A at
// r.Reference (Decree V).
//
// An age in Hijri years is added to the Hijri birth date; a day that does
// not exist in the month reached (30 in a 29-day month) becomes that
// month's last day. An age in Gregorian years and months is added to the
// Gregorian date of the birth date, a day past the month's end (29 Feb in
// a common year, 31 in a 30-day month) becoming its last day, and the
// result converted back to Hijri. Gregorian ages are counted on the
// Gregorian date of the Hijri birth date.
func RetirementFor(in RetirementInput, r RetirementRules) (Retirement, error) {
	b := in.BirthDate
	if !b.IsValid() {
		return Retirement{}, ErrBirthDate
	}
	ref, err := hijri.FromGregorian(r.Reference.Date())
	if err != nil {
		return Retirement{}, because(ErrRetirement, "birth_date", err)
	}
	regime, age := RegimeSIL, r.SILAge
	if in.PriorContributor {
		gm := gregorianMonths(b, ref)
		hijriAt, _ := addAge(b, Age{Years: r.LegacyHijriYears, Calendar: HijriYears})
		switch {
		case in.PriorMonths >= r.LegacyMonths, !hijriAt.IsZero() && !hijriAt.After(ref), gm >= r.LegacyGregorianMonths:
			regime, age = RegimeLegacy, r.LegacyAge
		default:
			regime = RegimeTransition
			a := gm / 12
			switch {
			case a < r.TransitionYoung:
				age = r.TransitionYoungAge
			case a < r.TransitionOld:
				m := r.TransitionBase.Years*12 + r.TransitionBase.Months - r.TransitionStepMonths*(a-r.TransitionYoung)
				age = Age{Years: m / 12, Months: m % 12, Calendar: r.TransitionBase.Calendar}
			default:
				age = r.TransitionOldAge
			}
		}
	}
	date, err := addAge(b, age)
	if err != nil {
		return Retirement{}, because(ErrRetirement, "birth_date", err)
	}
	last, err := date.AddDays(-1)
	if err != nil {
		return Retirement{}, because(ErrRetirement, "birth_date", err)
	}
	return Retirement{BirthDate: b, Regime: regime, Age: age, Date: date, StatutoryLastDay: last, LastDay: last}, nil
}

// addAge returns the day age is completed by a person born on b.
func addAge(b hijri.Date, age Age) (hijri.Date, error) {
	if age.Calendar == HijriYears {
		m := int(b.Month) - 1 + age.Months
		y := b.Year + age.Years + m/12
		mo := m%12 + 1
		if y < hijri.MinYear || y > hijri.MaxYear {
			return hijri.Date{}, hijri.ErrOutOfRange
		}
		return hijri.New(y, mo, min(b.Day, hijri.DaysInMonth(y, hijri.Month(mo))))
	}
	y, mo, d := b.Gregorian()
	gy, gm, gd := addGregorian(y, mo, d, age.Years*12+age.Months)
	return hijri.FromGregorian(gy, gm, gd)
}

// addGregorian adds months to a Gregorian civil date, a day past the end
// of the month reached becoming its last day.
func addGregorian(y int, m time.Month, d, months int) (int, time.Month, int) {
	t := int(m) - 1 + months
	y += t / 12
	mo := time.Month(t%12 + 1)
	last := time.Date(y, mo+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return y, mo, min(d, last)
}

// gregorianMonths returns the completed Gregorian months of age on ref of a
// person born on b.
func gregorianMonths(b, ref hijri.Date) int {
	by, bm, bd := b.Gregorian()
	ry, rm, rd := ref.Gregorian()
	n := (ry-by)*12 + int(rm-bm)
	if n <= 0 {
		return max(n, 0)
	}
	y, m, d := addGregorian(by, bm, bd, n)
	if time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(time.Date(ry, rm, rd, 0, 0, 0, 0, time.UTC)) {
		n--
	}
	return n
}

// because returns e with err's reason and message as a field violation
// (a coded err is not wrapped: fault.Wrap would return it unchanged).
func because(e *fault.Error, field string, err error) error {
	return e.WithFields(fault.FieldViolation{Field: field, Reason: fault.ReasonOf(err),
		Message: i18n.Text{EN: fault.MessageOf(err, i18n.English), AR: fault.MessageOf(err, i18n.Arabic)}})
}

// ReferenceDate returns r.Reference as a Hijri date.
func (r *RetirementRules) ReferenceDate() (hijri.Date, error) {
	return hijri.FromGregorian(r.Reference.Date())
}

// PriorMonthsFromHistory derives the retirement input's prior
// contributions from a history: the total service (records
// PurposeTotal under rules) before ref, the reference date as a Hijri
// date. The person is a prior contributor when that service is positive,
// and PriorMonths is its real days ÷ 30, rounded down (a
// month of 30 days, as Reg 1 counts one; slightly more than the Gregorian
// months the SIL counts) [INF]: the SDK reads civil-service periods only and takes them all as
// uncompensated (a lump sum already paid, or periods outside the civil
// service, are not in the file) [INF]. A history whose service starts on
// or after ref gives no prior contributions.
func PriorMonthsFromHistory(h []records.HistoryEvent, ref hijri.Date, rules records.Rules) (contributor bool, months int, err error) {
	d, err := rules.ServiceDuration(h, records.PurposeTotal, ref)
	switch {
	case errors.Is(err, records.ErrAsOfBeforeStart), errors.Is(err, records.ErrNoAppointment):
		return false, 0, nil
	case err != nil:
		return false, 0, err
	}
	return d.Days > 0, d.Days / 30, nil
}
