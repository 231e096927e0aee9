package records

import (
	"strings"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
)

// Gender is a person's gender as recorded in the national registry.
type Gender string

// The genders.
const (
	Male   Gender = "male"
	Female Gender = "female"
)

// EmploymentSystem is the regime an employee works under. Identity's
// eligibility engine reads it: Masar's services are for civil-service employees.
type EmploymentSystem string

// The employment systems.
const (
	CivilService EmploymentSystem = "civil_service"
	Military     EmploymentSystem = "military"
	Private      EmploymentSystem = "private"
	OtherSystem  EmploymentSystem = "other"
)

// DegreeLevel is the level of an academic qualification.
type DegreeLevel string

// The degree levels.
const (
	Secondary     DegreeLevel = "secondary"
	Diploma       DegreeLevel = "diploma"
	Bachelor      DegreeLevel = "bachelor"
	HigherDiploma DegreeLevel = "higher_diploma"
	Master        DegreeLevel = "master"
	Doctorate     DegreeLevel = "doctorate"
	OtherDegree   DegreeLevel = "other"
)

// PersonName is a name in the Saudi four-part form.
type PersonName struct {
	First       string `json:"first" validate:"required,max=60" ar:"الاسم الأول"`
	Father      string `json:"father,omitempty" validate:"max=60" ar:"اسم الأب"`
	Grandfather string `json:"grandfather,omitempty" validate:"max=60" ar:"اسم الجد"`
	Family      string `json:"family" validate:"required,max=60" ar:"اسم العائلة"`
}

// Full returns the non-empty parts joined by spaces.
func (n PersonName) Full() string {
	parts := make([]string, 0, 4)
	for _, p := range [...]string{n.First, n.Father, n.Grandfather, n.Family} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// Names holds a person's name in Arabic (required) and English (optional).
type Names struct {
	AR PersonName `json:"ar" validate:"required" ar:"الاسم بالعربية"`
	EN PersonName `json:"en" validate:"omitempty" ar:"الاسم بالإنجليزية"`
}

// In returns the full name in lang, falling back to Arabic when there is no English name.
func (n Names) In(lang i18n.Lang) string {
	if lang == i18n.English && n.EN.Full() != "" {
		return n.EN.Full()
	}
	return n.AR.Full()
}

// Contact holds how to reach an employee.
type Contact struct {
	// Mobile is a Saudi mobile number (canonical +9665XXXXXXXX).
	Mobile identity.Mobile `json:"mobile,omitzero" ar:"رقم الجوال"`
	// Email is an e-mail address.
	Email identity.Email `json:"email,omitzero" ar:"البريد الإلكتروني"`
	// Address is the national address as free text.
	Address string `json:"address,omitempty" validate:"max=300" ar:"العنوان الوطني"`
}

// Agency is a government agency (جهة حكومية).
type Agency struct {
	// ID is the agency's code; filters and authorization use it.
	ID string `json:"id" validate:"required,max=40" ar:"رمز الجهة"`
	// Name is the agency's name.
	Name i18n.Text `json:"name" ar:"اسم الجهة"`
}

// Job is a position held: where, what, and at which rank and step.
type Job struct {
	Agency Agency `json:"agency" validate:"required" ar:"الجهة"`
	// Title is the job title (مسمى الوظيفة).
	Title i18n.Text `json:"title" ar:"مسمى الوظيفة"`
	// ClassificationCode is the job's code in the civil-service job classification.
	ClassificationCode string `json:"classification_code,omitempty" validate:"max=40" ar:"رمز التصنيف"`
	// JobNumber is the position's number in the agency's budget (رقم الوظيفة).
	JobNumber string `json:"job_number,omitempty" validate:"max=40" ar:"رقم الوظيفة"`
	// SalaryScale names the salary scale, e.g. "general".
	SalaryScale string `json:"salary_scale,omitempty" validate:"max=40" ar:"سلم الرواتب"`
	// Rank (المرتبة) is 1–15.
	Rank int `json:"rank" validate:"min=1,max=15" ar:"المرتبة"`
	// Step (الدرجة) is 1 or more.
	Step int `json:"step" validate:"min=1,max=30" ar:"الدرجة"`
	// StartDate is the date the employee actually started this job (تاريخ المباشرة).
	StartDate hijri.Date `json:"start_date" ar:"تاريخ المباشرة"`
}

// Document is the metadata of a supporting document; the bytes live in the
// host's storage under StorageRef.
type Document struct {
	Name       string `json:"name" validate:"required,max=200" ar:"اسم المستند"`
	MediaType  string `json:"media_type" validate:"required,max=100" ar:"نوع المستند"`
	Size       int64  `json:"size" validate:"min=1" ar:"حجم المستند"`
	SHA256     string `json:"sha256" validate:"required,len=64,hexadecimal" ar:"بصمة المستند"`
	StorageRef string `json:"storage_ref" validate:"required,max=500" ar:"مرجع التخزين"`
}

// Qualification is an academic qualification.
type Qualification struct {
	// ID identifies the qualification within the file; the Service assigns it.
	ID             string      `json:"id"`
	Degree         DegreeLevel `json:"degree" validate:"required" ar:"المؤهل"`
	Specialization string      `json:"specialization" validate:"required,max=200" ar:"التخصص"`
	Institution    string      `json:"institution" validate:"required,max=200" ar:"الجهة المانحة"`
	// Country is the ISO 3166-1 alpha-2 code of the country of study.
	Country    string     `json:"country,omitempty" validate:"omitempty,len=2,alpha" ar:"دولة الدراسة"`
	ObtainedOn hijri.Date `json:"obtained_on,omitzero" ar:"تاريخ الحصول على المؤهل"`
	Documents  []Document `json:"documents,omitempty" validate:"max=10,dive" ar:"المستندات"`
	// Documentation is the qualification's documentation (توثيق المؤهل).
	// nil means documented by the agency that entered it: every
	// qualification HR enters directly is documented, so files written
	// before documentation existed keep their meaning.
	Documentation *Documentation `json:"documentation,omitempty" validate:"omitnil" ar:"التوثيق"`
}

// DocumentationState is the documentation state of a qualification.
type DocumentationState string

// The documentation states. The zero state means documented.
const (
	// Documented: the agency has verified the qualification.
	Documented DocumentationState = "documented"
	// Undocumented: the qualification is on the file but not verified yet.
	Undocumented DocumentationState = "undocumented"
)

// Equivalency is the equivalency of a foreign degree (معادلة المؤهل).
type Equivalency struct {
	Number    string     `json:"number" validate:"required,max=60" ar:"رقم المعادلة"`
	Date      hijri.Date `json:"date" ar:"تاريخ المعادلة"`
	Authority string     `json:"authority" validate:"required,max=200" ar:"جهة المعادلة"`
}

// Documentation records who documented a qualification and on what.
type Documentation struct {
	// State is documented or undocumented; "" counts as documented.
	State DocumentationState `json:"state,omitempty" validate:"omitempty,oneof=documented undocumented" ar:"حالة التوثيق"`
	// By is the national ID of the person who documented it.
	By identity.NationalID `json:"by,omitzero" ar:"وثقه"`
	// On is the day it was documented.
	On hijri.Date `json:"on,omitzero" ar:"تاريخ التوثيق"`
	// RequestID is the documentation request it came from, if any.
	RequestID string `json:"request_id,omitempty" validate:"max=200" ar:"رقم الطلب"`
	// Equivalency is the foreign degree's equivalency.
	Equivalency *Equivalency `json:"equivalency,omitempty" validate:"omitnil" ar:"المعادلة"`
}

// IsDocumented reports whether q counts as documented: no Documentation
// (entered by the agency) or a State other than Undocumented.
func (q *Qualification) IsDocumented() bool {
	return q.Documentation == nil || q.Documentation.State != Undocumented
}

// Employee is an employee's file (الملف الوظيفي): the person and the current job.
// The job history is a separate list of HistoryEvent guarded by the file's
// Version (see Store).
type Employee struct {
	ID         string              `json:"id"`
	NationalID identity.NationalID `json:"national_id"`
	Name       Names               `json:"name"`
	BirthDate  hijri.Date          `json:"birth_date"`
	Gender     Gender              `json:"gender"`
	// Nationality is an ISO 3166-1 alpha-2 code, e.g. "SA".
	Nationality      string           `json:"nationality"`
	Contact          Contact          `json:"contact"`
	EmploymentSystem EmploymentSystem `json:"employment_system"`
	// Job is the current job: the job of the latest appointment, promotion or
	// transfer in the history. The Service keeps it in step with the history.
	Job Job `json:"job"`
	// ServiceEnd is the last day of service when the history has an end of
	// service; zero while the employee is in service.
	ServiceEnd     hijri.Date      `json:"service_end,omitzero"`
	Qualifications []Qualification `json:"qualifications,omitempty"`
	// Version counts writes, for compare-and-swap; the first stored version is 1.
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Qualification returns the qualification with the given ID.
func (e *Employee) Qualification(id string) (*Qualification, bool) {
	for i := range e.Qualifications {
		if e.Qualifications[i].ID == id {
			return &e.Qualifications[i], true
		}
	}
	return nil, false
}

// Clone returns a deep copy of e.
func (e Employee) Clone() Employee {
	if e.Qualifications != nil {
		qs := make([]Qualification, len(e.Qualifications))
		for i, q := range e.Qualifications {
			qs[i] = q.Clone()
		}
		e.Qualifications = qs
	}
	return e
}

// Clone returns a deep copy of q.
func (q Qualification) Clone() Qualification {
	q.Documents = cloneSlice(q.Documents)
	if q.Documentation != nil {
		d := *q.Documentation
		if d.Equivalency != nil {
			eq := *d.Equivalency
			d.Equivalency = &eq
		}
		q.Documentation = &d
	}
	return q
}

func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}
