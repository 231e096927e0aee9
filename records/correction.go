package records

import (
	"strconv"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/validation"
)

// CorrectionStatus is the state of a correction request. Pending is the only
// open state; the others are final.
type CorrectionStatus string

// The statuses.
const (
	CorrectionPending   CorrectionStatus = "pending"
	CorrectionApproved  CorrectionStatus = "approved"
	CorrectionRejected  CorrectionStatus = "rejected"
	CorrectionWithdrawn CorrectionStatus = "withdrawn"
)

// Field names a field of the employee file that a correction request may
// change. Qualification fields name one qualification through
// FieldChange.Target.
type Field string

// The correctable fields: names, contact details and qualifications. The
// national ID, birth date, gender and nationality come from the national
// registry, and the job comes from decisions in the history; none of them can
// be changed by a correction request.
const (
	FieldNameARFirst       Field = "name.ar.first"
	FieldNameARFather      Field = "name.ar.father"
	FieldNameARGrandfather Field = "name.ar.grandfather"
	FieldNameARFamily      Field = "name.ar.family"
	FieldNameENFirst       Field = "name.en.first"
	FieldNameENFather      Field = "name.en.father"
	FieldNameENGrandfather Field = "name.en.grandfather"
	FieldNameENFamily      Field = "name.en.family"
	FieldMobile            Field = "contact.mobile"
	FieldEmail             Field = "contact.email"
	FieldAddress           Field = "contact.address"

	FieldQualificationDegree         Field = "qualification.degree"
	FieldQualificationSpecialization Field = "qualification.specialization"
	FieldQualificationInstitution    Field = "qualification.institution"
	FieldQualificationCountry        Field = "qualification.country"
	FieldQualificationObtainedOn     Field = "qualification.obtained_on"
)

type fieldDef struct {
	qual bool // the field belongs to a qualification named by Target
	get  func(e *Employee, q *Qualification) string
	set  func(e *Employee, q *Qualification, v string)
	// check is the validation tag of a new value, unless parse is set.
	check string
	// parse checks a new value and returns its canonical text.
	parse func(v string) (string, error)
}

func nameField(ar bool, part int, tag string) fieldDef {
	pick := func(e *Employee) *string {
		n := &e.Name.EN
		if ar {
			n = &e.Name.AR
		}
		return [...]*string{&n.First, &n.Father, &n.Grandfather, &n.Family}[part]
	}
	return fieldDef{
		get:   func(e *Employee, _ *Qualification) string { return *pick(e) },
		set:   func(e *Employee, _ *Qualification, v string) { *pick(e) = v },
		check: tag,
	}
}

var correctable = map[Field]fieldDef{
	FieldNameARFirst:       nameField(true, 0, "required,max=60"),
	FieldNameARFather:      nameField(true, 1, "max=60"),
	FieldNameARGrandfather: nameField(true, 2, "max=60"),
	FieldNameARFamily:      nameField(true, 3, "required,max=60"),
	FieldNameENFirst:       nameField(false, 0, "max=60"),
	FieldNameENFather:      nameField(false, 1, "max=60"),
	FieldNameENGrandfather: nameField(false, 2, "max=60"),
	FieldNameENFamily:      nameField(false, 3, "max=60"),
	FieldMobile: {
		get: func(e *Employee, _ *Qualification) string { return e.Contact.Mobile.String() },
		set: func(e *Employee, _ *Qualification, v string) { e.Contact.Mobile, _ = identity.ParseMobile(v) },
		parse: func(v string) (string, error) {
			if v == "" {
				return "", nil
			}
			m, err := identity.ParseMobile(v)
			return m.String(), err
		},
	},
	FieldEmail: {
		get: func(e *Employee, _ *Qualification) string { return e.Contact.Email.String() },
		set: func(e *Employee, _ *Qualification, v string) { e.Contact.Email, _ = identity.ParseEmail(v) },
		parse: func(v string) (string, error) {
			if v == "" {
				return "", nil
			}
			m, err := identity.ParseEmail(v)
			return m.String(), err
		},
	},
	FieldAddress: {
		get:   func(e *Employee, _ *Qualification) string { return e.Contact.Address },
		set:   func(e *Employee, _ *Qualification, v string) { e.Contact.Address = v },
		check: "max=300",
	},
	FieldQualificationDegree: {
		qual: true,
		get:  func(_ *Employee, q *Qualification) string { return string(q.Degree) },
		set:  func(_ *Employee, q *Qualification, v string) { q.Degree = DegreeLevel(v) },
		parse: func(v string) (string, error) {
			if !DegreeLevel(v).Valid() {
				return "", ErrInvalidChange.Because("records.correction.invalid_value", "unknown degree level", "المؤهل غير معروف")
			}
			return v, nil
		},
	},
	FieldQualificationSpecialization: {
		qual:  true,
		get:   func(_ *Employee, q *Qualification) string { return q.Specialization },
		set:   func(_ *Employee, q *Qualification, v string) { q.Specialization = v },
		check: "required,max=200",
	},
	FieldQualificationInstitution: {
		qual:  true,
		get:   func(_ *Employee, q *Qualification) string { return q.Institution },
		set:   func(_ *Employee, q *Qualification, v string) { q.Institution = v },
		check: "required,max=200",
	},
	FieldQualificationCountry: {
		qual:  true,
		get:   func(_ *Employee, q *Qualification) string { return q.Country },
		set:   func(_ *Employee, q *Qualification, v string) { q.Country = v },
		check: "omitempty,len=2,alpha",
	},
	FieldQualificationObtainedOn: {
		qual: true,
		get: func(_ *Employee, q *Qualification) string {
			if q.ObtainedOn.IsZero() {
				return ""
			}
			return q.ObtainedOn.String()
		},
		set: func(_ *Employee, q *Qualification, v string) { q.ObtainedOn, _ = hijri.Parse(v) },
		parse: func(v string) (string, error) {
			d, err := hijri.ParseAny(v)
			if err != nil {
				return "", err
			}
			return d.String(), nil
		},
	},
}

// Correctable reports whether f may be changed by a correction request.
func (f Field) Correctable() bool { _, ok := correctable[f]; return ok }

// fieldLabels are the display names of the correctable fields.
var fieldLabels = i18n.Labels[Field]{
	FieldNameARFirst:                 {AR: "الاسم الأول بالعربية", EN: "First name (Arabic)"},
	FieldNameARFather:                {AR: "اسم الأب بالعربية", EN: "Father's name (Arabic)"},
	FieldNameARGrandfather:           {AR: "اسم الجد بالعربية", EN: "Grandfather's name (Arabic)"},
	FieldNameARFamily:                {AR: "اسم العائلة بالعربية", EN: "Family name (Arabic)"},
	FieldNameENFirst:                 {AR: "الاسم الأول بالإنجليزية", EN: "First name (English)"},
	FieldNameENFather:                {AR: "اسم الأب بالإنجليزية", EN: "Father's name (English)"},
	FieldNameENGrandfather:           {AR: "اسم الجد بالإنجليزية", EN: "Grandfather's name (English)"},
	FieldNameENFamily:                {AR: "اسم العائلة بالإنجليزية", EN: "Family name (English)"},
	FieldMobile:                      {AR: "رقم الجوال", EN: "Mobile number"},
	FieldEmail:                       {AR: "البريد الإلكتروني", EN: "Email"},
	FieldAddress:                     {AR: "العنوان الوطني", EN: "National address"},
	FieldQualificationDegree:         {AR: "المؤهل", EN: "Degree"},
	FieldQualificationSpecialization: {AR: "التخصص", EN: "Specialisation"},
	FieldQualificationInstitution:    {AR: "الجهة المانحة", EN: "Institution"},
	FieldQualificationCountry:        {AR: "دولة الدراسة", EN: "Country of study"},
	FieldQualificationObtainedOn:     {AR: "تاريخ الحصول على المؤهل", EN: "Date obtained"},
}

// Label returns f's display name in lang.
func (f Field) Label(lang i18n.Lang) string { return fieldLabels.Label(f, lang) }

// FieldChange is one proposed change: the field, its value in the file when
// the request was made (Old) and the value proposed (New). Values are text:
// dates as YYYY-MM-DD Hijri, degrees as DegreeLevel values.
type FieldChange struct {
	Field Field `json:"field"`
	// Target is the qualification's ID for qualification fields, else empty.
	Target string `json:"target,omitempty"`
	Old    string `json:"old"`
	New    string `json:"new"`
}

// Correction is an employee's request to correct their file, and the agency's
// decision on it.
type Correction struct {
	ID         string `json:"id"`
	EmployeeID string `json:"employee_id"`
	// AgencyID is the employee's agency when the request was made, a record
	// of the past. The request is reviewed by the file's agency at decision
	// time (after a transfer, the new agency: CorrectionFilter.FileAgencyID
	// lists its queue), never by this one.
	AgencyID string        `json:"agency_id"`
	Changes  []FieldChange `json:"changes"`
	// AddQualifications are qualifications to add to the file; each gets an
	// ID when the request is approved.
	AddQualifications []Qualification `json:"add_qualifications,omitempty"`
	// Documents support the request.
	Documents     []Document `json:"documents,omitempty"`
	Justification string     `json:"justification,omitempty"`
	// TermsVersion names the terms the employee accepted at TermsAcceptedAt.
	TermsVersion    string           `json:"terms_version,omitempty"`
	TermsAcceptedAt time.Time        `json:"terms_accepted_at"`
	Status          CorrectionStatus `json:"status"`
	// RequestedBy identifies who made the request (the actor, as the host names it).
	RequestedBy string    `json:"requested_by"`
	CreatedAt   time.Time `json:"created_at"`
	// DecidedBy, DecidedAt and DecisionNote record the approval, rejection
	// (DecisionNote is then the reason) or withdrawal.
	DecidedBy    string    `json:"decided_by,omitempty"`
	DecidedAt    time.Time `json:"decided_at,omitzero"`
	DecisionNote string    `json:"decision_note,omitempty"`
	Version      int64     `json:"version"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Clone returns a deep copy of c.
func (c Correction) Clone() Correction {
	c.Changes = cloneSlice(c.Changes)
	c.Documents = cloneSlice(c.Documents)
	if c.AddQualifications != nil {
		qs := make([]Qualification, len(c.AddQualifications))
		for i, q := range c.AddQualifications {
			qs[i] = q.Clone()
		}
		c.AddQualifications = qs
	}
	return c
}

// newValue checks a proposed value for f and returns it in canonical form.
func newValue(f Field, def fieldDef, v string) (string, error) {
	if def.parse == nil {
		return v, validation.Default().Var(string(f), v, def.check)
	}
	nv, err := def.parse(v)
	if err != nil {
		fe, ok := fault.As(err)
		if !ok {
			return "", fault.ErrInternal.Wrap(err)
		}
		if len(fe.Fields) == 0 {
			fe = fe.WithFields(fault.FieldViolation{Field: string(f), Reason: fe.Reason, Message: fe.Message})
		}
		return "", fe
	}
	return nv, nil
}

// applyChanges applies c's changes and additions to e after checking that
// every old value still matches the file. newID names added qualifications.
func applyChanges(e *Employee, c *Correction, newID func() string) error {
	for _, ch := range c.Changes {
		def, ok := correctable[ch.Field]
		if !ok {
			return ErrNotCorrectable
		}
		var q *Qualification
		if def.qual {
			if q, ok = e.Qualification(ch.Target); !ok {
				return ErrCorrectionStale
			}
		}
		if def.get(e, q) != ch.Old {
			return ErrCorrectionStale.WithFields(fault.FieldViolation{
				Field: string(ch.Field), Reason: "records.correction.stale",
				Message: i18n.Text{
					EN: "the current value is no longer " + strconv.Quote(ch.Old),
					AR: "القيمة الحالية لم تعد " + strconv.Quote(ch.Old),
				},
			})
		}
		def.set(e, q, ch.New)
	}
	for _, q := range c.AddQualifications {
		q = q.Clone()
		q.ID = newID()
		e.Qualifications = append(e.Qualifications, q)
	}
	return nil
}
