package promotion

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

// Candidate is one employee competing for one vacancy of a round: the facts
// the rules need, supplied by the caller (CandidateFromFile builds them from
// an employee file of package records), plus the raw scores of the round's
// criteria. It is flat and cheap to copy around: ranking a million
// candidates touches nothing else.
//
// The engine does not recompute the facts. In particular RankDays must
// already be promotion experience: service in the rank minus the periods Reg
// art 48(b) excludes (exceptional leave; secondment to other than government
// or regional/international bodies; scholarship, delegation or study leave
// whose purpose was not achieved; absences not counted as leave; suspension
// that ended in a penalty). Computing it is the employee file's job
// (records' service duration for the promotion purpose).
type Candidate struct {
	// NationalID identifies the employee; with VacancyID it is the
	// candidate's key within a round, and it is the final tie-break key.
	NationalID identity.NationalID `json:"national_id"`
	// VacancyID is the Vacancy.ID applied for. An employee applying for
	// several vacancies is several candidates.
	VacancyID string `json:"vacancy_id"`
	// Name is the employee's name as it appears in lists (optional).
	Name string `json:"name,omitempty"`

	// Rank and Step are the current rank (المرتبة) and step (الدرجة).
	Rank int `json:"rank"`
	Step int `json:"step"` // on the salary scale
	// RankDate is the date the employee entered the current rank (shown in
	// reasons; the experience itself is RankDays).
	RankDate hijri.Date `json:"rank_date"`
	// AppointmentDate is the date of appointment (تاريخ التعيين), the second
	// tie-break of Reg art 52(d): earlier ranks first.
	AppointmentDate hijri.Date `json:"appointment_date"`
	// BirthDate is the Hijri birth date (for a citizen, as on the national
	// ID; 1 Rajab of the year when the document gives only a year).
	BirthDate hijri.Date `json:"birth_date"`
	// Qualifications are the academic qualifications held.
	Qualifications []Qualification `json:"qualifications,omitempty"`
	// RankDays is the promotion experience in each rank, in legal days
	// (hijri.Period.TotalDays: a year is 360, a month 30), net of the
	// exclusions of Reg art 48(b).
	RankDays RankDays `json:"rank_days"`

	// Statuses are the employee's spells of scholarship, delegation,
	// training, study or exceptional leave, suspension and referral to
	// trial; past ones may be included, only those active on the round's
	// date count.
	Statuses []Status `json:"statuses,omitempty"`
	// Penalties are the disciplinary penalties imposed; the rules look at
	// increment deprivations, salary deductions and "no promotion
	// consideration" penalties and ignore the other kinds.
	Penalties []Penalty `json:"penalties,omitempty"`
	// Promotions are the employee's past promotions, for the spacing rules
	// of Reg arts 55–57.
	Promotions []PastPromotion `json:"promotions,omitempty"`
	// Rating is the last approved annual performance rating, 1 (غير مرضي)
	// to 5 (ممتاز); 0 when there is none.
	Rating int `json:"rating"`
	// RatingDate is the date the rating was approved (informative).
	RatingDate hijri.Date `json:"rating_date"`

	// Scores are the raw results of the round's criteria other than the
	// rating, on the scales the round announced.
	Scores Scores `json:"scores"`
}

// RankDays holds legal days of promotion experience per rank: RankDays[r]
// is the experience in rank r (index 0 is unused). It encodes in JSON as an
// object of the non-zero ranks, {"6": 582, "7": 120}.
//
// Legal days are hijri.Period.TotalDays (360 a year, 30 a month), not real
// days: from the employee file, RankDays[r] is
// records.RankDuration(history, records.PurposePromotion, asOf, r).Period.TotalDays(),
// not its Days field, which counts real days (two Hijri years in rank are
// 720 legal days but only 708 or 709 real ones).
type RankDays [MaxRanks + 1]int32

// Period returns the experience in rank r as a normalised legal period; 0
// for a rank outside 1..MaxRanks.
func (d *RankDays) Period(r int) hijri.Period {
	if r < 1 || r > MaxRanks {
		return hijri.Period{}
	}
	return hijri.PeriodFromDays(int(d[r]))
}

// MarshalJSON encodes the non-zero ranks as a JSON object.
func (d RankDays) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for r := 1; r <= MaxRanks; r++ {
		if d[r] == 0 {
			continue
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, '"', ':')
		b = strconv.AppendInt(b, int64(d[r]), 10)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON decodes an object of rank → days, as MarshalJSON writes it.
func (d *RankDays) UnmarshalJSON(b []byte) error {
	var m map[string]int32
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	var out RankDays
	for k, v := range m {
		r, err := strconv.Atoi(k)
		if err != nil || r < 1 || r > MaxRanks {
			return fmt.Errorf("promotion: rank_days: rank %q is not 1..%d", k, MaxRanks)
		}
		out[r] = v
	}
	*d = out
	return nil
}

// QualificationLevel orders academic qualifications; higher is more.
type QualificationLevel int

// The qualification levels of the civil-service classification.
const (
	Primary       QualificationLevel = 1 // الابتدائية
	Intermediate  QualificationLevel = 2 // المتوسطة
	Secondary     QualificationLevel = 3 // الثانوية
	Diploma       QualificationLevel = 4 // دبلوم بعد الثانوية
	Bachelor      QualificationLevel = 5 // البكالوريوس
	HigherDiploma QualificationLevel = 6 // الدبلوم العالي
	Master        QualificationLevel = 7 // الماجستير
	Doctorate     QualificationLevel = 8 // الدكتوراه
)

var qualificationLevelLabels = i18n.Labels[QualificationLevel]{
	Primary: {AR: "الابتدائية", EN: "primary"}, Intermediate: {AR: "المتوسطة", EN: "intermediate"},
	Secondary: {AR: "الثانوية", EN: "secondary"}, Diploma: {AR: "الدبلوم", EN: "diploma"},
	Bachelor: {AR: "البكالوريوس", EN: "bachelor's"}, HigherDiploma: {AR: "الدبلوم العالي", EN: "higher diploma"},
	Master: {AR: "الماجستير", EN: "master's"}, Doctorate: {AR: "الدكتوراه", EN: "doctorate"},
}

// Label returns the level's name in lang (the number for an unknown level).
func (l QualificationLevel) Label(lang i18n.Lang) string {
	return qualificationLevelLabels.Label(l, lang)
}

// Name returns the level's name in Arabic and English ("level n" for an
// unknown level).
func (l QualificationLevel) Name() i18n.Text {
	if t, ok := qualificationLevelLabels.Text(l); ok {
		return t
	}
	s := "level " + strconv.Itoa(int(l))
	return i18n.Text{AR: s, EN: s}
}

// Qualification is one academic qualification.
type Qualification struct {
	Level QualificationLevel `json:"level"` // the degree
	// Field is the specialisation's code in the agency's (or the
	// classification's) list, compared exactly with Vacancy.Fields.
	Field string `json:"field,omitempty"`
}

// StatusKind is a kind of spell that can bar consideration (Reg art 49(a)–(c)).
type StatusKind int

// The status kinds.
const (
	Scholarship      StatusKind = 1 + iota // ابتعاث
	StudyDelegation                        // إيفاد للدراسة
	Training                               // إلحاق بدورة تدريبية
	StudyLeave                             // إجازة دراسية
	ExceptionalLeave                       // إجازة استثنائية
	Suspension                             // كف اليد
	TrialReferral                          // إحالة إلى المحاكمة
)

// Status is a spell of one StatusKind from From to To, both inclusive. A
// zero To means open-ended (still running, end unknown).
type Status struct {
	Kind StatusKind `json:"kind"` // what the spell is
	From hijri.Date `json:"from"` // first day
	To   hijri.Date `json:"to"`   // last day; zero when open-ended
}

// activeOn reports whether the spell covers asOf.
func (s *Status) activeOn(asOf hijri.Date) bool {
	return s.From.Compare(asOf) <= 0 && (s.To.IsZero() || asOf.Compare(s.To) <= 0)
}

// PenaltyKind is a kind of disciplinary penalty.
type PenaltyKind int

// The penalty kinds the rules look at; any other penalty may be passed as
// OtherPenalty and is ignored.
const (
	// IncrementDeprivation: deprivation of the annual increment (Reg art 49(d)).
	IncrementDeprivation PenaltyKind = 1 + iota
	// SalaryDeduction: a deduction of Days days of salary (Reg art 49(d)).
	SalaryDeduction
	// NoPromotionConsideration: not being considered for promotion, by
	// default for Regulation.NoConsiderationYears (Employee Discipline Law).
	NoPromotionConsideration
	// OtherPenalty: warning, reprimand or anything else without a promotion rule.
	OtherPenalty
)

// Penalty is a disciplinary penalty imposed on Date.
type Penalty struct {
	Kind PenaltyKind `json:"kind"` // what the penalty is
	// Date is the date the penalty was imposed; it decides whether the
	// penalty falls in the year before consideration.
	Date hijri.Date `json:"date"`
	// Days is the number of days of salary deducted (SalaryDeduction).
	Days int `json:"days,omitempty"`
	// Until is the last day of a NoPromotionConsideration penalty; zero means
	// Regulation.NoConsiderationYears after Date.
	Until hijri.Date `json:"until"`
}

// PastPromotion is a promotion the employee received.
type PastPromotion struct {
	// Date is the decision (effective) date.
	Date hijri.Date `json:"date"`
	// Exceptional marks an exceptional promotion (Reg art 54).
	Exceptional bool `json:"exceptional,omitempty"`
}

// Scores are a candidate's raw results on the round's criteria other than
// the performance rating, each on the scale the round announced (from 0 to
// the criterion's Max, at most RawScale decimal places). A criterion the
// round does not use is ignored.
type Scores struct {
	Initiatives decimal.Decimal `json:"initiatives"` // CriterionInitiatives
	Training    decimal.Decimal `json:"training"`    // CriterionTraining
	Interview   decimal.Decimal `json:"interview"`   // CriterionInterview
	Test        decimal.Decimal `json:"test"`        // CriterionTest
}

// raw returns the raw score of criterion c other than Rating.
func (s *Scores) raw(c Criterion) decimal.Decimal {
	switch c {
	case CriterionInitiatives:
		return s.Initiatives
	case CriterionTraining:
		return s.Training
	case CriterionInterview:
		return s.Interview
	case CriterionTest:
		return s.Test
	}
	return decimal.Decimal{}
}

// Vacancy is a vacant job (or several identical ones) offered in a round.
type Vacancy struct {
	// ID identifies the vacancy within its round (for example the job
	// number); candidates name it.
	ID string `json:"id" validate:"required,max=64" ar:"رقم الوظيفة"`
	// JobCode is the job's classification code (optional).
	JobCode string `json:"job_code,omitempty" validate:"max=64" ar:"رمز التصنيف"`
	// Title is the job title in Arabic and English.
	Title i18n.Text `json:"title"`
	// Rank is the job's rank: the rank candidates are promoted to.
	Rank int `json:"rank" validate:"min=1,max=15" ar:"المرتبة"`
	// Positions is how many posts of this job are actually vacant (Reg art
	// 48(a)(1)): the number of winners.
	Positions int `json:"positions" validate:"min=1" ar:"عدد الوظائف"`
	// Exceptional marks a vacancy filled by exceptional promotion, two ranks
	// up (Reg art 54).
	Exceptional bool `json:"exceptional,omitempty"`
	// MinQualification is the least qualification level the classification
	// requires (Reg art 48(a)(2)); 0 means none.
	MinQualification QualificationLevel `json:"min_qualification" validate:"min=0,max=8" ar:"المؤهل"`
	// Fields lists the accepted specialisations; empty accepts any.
	Fields []string `json:"fields,omitempty"`
	// RequiredExperience is the experience the classification requires for
	// the job, used for target ranks up to Regulation.ClassificationMaxRank.
	RequiredExperience hijri.Period `json:"required_experience"`
}

// clone returns a deep copy of v.
func (v Vacancy) clone() Vacancy {
	v.Fields = append([]string(nil), v.Fields...)
	return v
}

// Clone returns a deep copy of c: its slices are new.
func (c Candidate) Clone() Candidate {
	c.Qualifications = cloneSlice(c.Qualifications)
	c.Statuses = cloneSlice(c.Statuses)
	c.Penalties = cloneSlice(c.Penalties)
	c.Promotions = cloneSlice(c.Promotions)
	return c
}

func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

var statusKindLabels = i18n.Labels[StatusKind]{
	Scholarship:      {AR: "مبتعث", EN: "scholarship"},
	StudyDelegation:  {AR: "موفد للدراسة", EN: "study delegation"},
	Training:         {AR: "ملحق بدورة تدريبية", EN: "training course"},
	StudyLeave:       {AR: "في إجازة دراسية", EN: "study leave"},
	ExceptionalLeave: {AR: "في إجازة استثنائية", EN: "exceptional leave"},
	Suspension:       {AR: "مكفوف اليد", EN: "suspension (كف اليد)"},
	TrialReferral:    {AR: "محال إلى المحاكمة", EN: "referral to trial"},
}

// Label returns the kind's name in lang, as reasons phrase it (the code
// for an unknown kind).
func (k StatusKind) Label(lang i18n.Lang) string { return statusKindLabels.Label(k, lang) }

// name returns the kind's name in both languages ("status" for an unknown kind).
func (k StatusKind) name() i18n.Text {
	if t, ok := statusKindLabels.Text(k); ok {
		return t
	}
	return i18n.Text{AR: "حالة", EN: "status"}
}

var statusCodes = [...]string{"", "scholarship", "study_delegation", "training", "study_leave", "exceptional_leave", "suspension", "trial_referral"}

// String returns the kind's code, e.g. "study_leave".
func (k StatusKind) String() string {
	if k < 1 || int(k) >= len(statusCodes) {
		return "status(" + strconv.Itoa(int(k)) + ")"
	}
	return statusCodes[k]
}

// MarshalText encodes the kind as its code.
func (k StatusKind) MarshalText() ([]byte, error) {
	if k < 1 || int(k) >= len(statusCodes) {
		return nil, fmt.Errorf("promotion: invalid status kind %d", int(k))
	}
	return []byte(statusCodes[k]), nil
}

// UnmarshalText decodes a kind's code.
func (k *StatusKind) UnmarshalText(b []byte) error {
	for i := 1; i < len(statusCodes); i++ {
		if string(b) == statusCodes[i] {
			*k = StatusKind(i)
			return nil
		}
	}
	return fmt.Errorf("promotion: unknown status kind %q", b)
}

var penaltyCodes = [...]string{"", "increment_deprivation", "salary_deduction", "no_promotion_consideration", "other"}

// String returns the kind's code, e.g. "salary_deduction".
func (k PenaltyKind) String() string {
	if k < 1 || int(k) >= len(penaltyCodes) {
		return "penalty(" + strconv.Itoa(int(k)) + ")"
	}
	return penaltyCodes[k]
}

// MarshalText encodes the kind as its code.
func (k PenaltyKind) MarshalText() ([]byte, error) {
	if k < 1 || int(k) >= len(penaltyCodes) {
		return nil, fmt.Errorf("promotion: invalid penalty kind %d", int(k))
	}
	return []byte(penaltyCodes[k]), nil
}

// UnmarshalText decodes a kind's code.
func (k *PenaltyKind) UnmarshalText(b []byte) error {
	for i := 1; i < len(penaltyCodes); i++ {
		if string(b) == penaltyCodes[i] {
			*k = PenaltyKind(i)
			return nil
		}
	}
	return fmt.Errorf("promotion: unknown penalty kind %q", b)
}
