package identity

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/internal/validation"
	"github.com/masarhr/masar-go/page"
)

// Part is a named part of a person's employee file that a consent can open
// to an agency. The string values are stable.
type Part string

// The parts of the file.
const (
	// PartPersonal: name, birth date, nationality, contact details.
	PartPersonal Part = "personal"
	// PartJob: the current job, rank, step, agency and salary.
	PartJob Part = "job"
	// PartHistory: the job history (appointments, promotions, transfers, leaves …).
	PartHistory Part = "history"
	// PartQualifications: qualifications and their attachments.
	PartQualifications Part = "qualifications"
	// PartTraining: training and scholarship decisions.
	PartTraining Part = "training"
	// PartServiceDuration: the computed service duration.
	PartServiceDuration Part = "service_duration"
	// PartStatement: the service statement (بيان الخدمة).
	PartStatement Part = "statement"
)

var partLabels = i18n.Labels[Part]{
	PartPersonal:        {AR: "البيانات الشخصية", EN: "Personal data"},
	PartJob:             {AR: "البيانات الوظيفية", EN: "Job data"},
	PartHistory:         {AR: "السجل الوظيفي", EN: "Job history"},
	PartQualifications:  {AR: "المؤهلات", EN: "Qualifications"},
	PartTraining:        {AR: "التدريب والابتعاث", EN: "Training and scholarships"},
	PartServiceDuration: {AR: "مدة الخدمة", EN: "Service duration"},
	PartStatement:       {AR: "بيان الخدمة", EN: "Service statement"},
}

// Parts lists every Part, in a stable order (the order GrantConsent stores
// a consent's parts in).
func Parts() []Part {
	return []Part{PartPersonal, PartJob, PartHistory, PartQualifications, PartTraining, PartServiceDuration, PartStatement}
}

// Valid reports whether p is one of the parts.
func (p Part) Valid() bool {
	_, ok := partLabels[p]
	return ok
}

// Label returns the part's name in lang, or its code if p is not valid.
func (p Part) Label(lang i18n.Lang) string { return partLabels.Label(p, lang) }

// Consent is an owner's grant to an agency of read access to named parts of
// their file, for a purpose, over the instants [From, Until), unless revoked.
//
// From and Until are instants, not civil dates, so that whether a consent is
// live never depends on a time zone; a host offering "until the end of
// 1447-12-30" passes the end of that day in Saudi time.
type Consent struct {
	ID string `json:"id"`
	// Owner is the person whose file the consent opens.
	Owner NationalID `json:"owner"`
	// Grantee is the code of the agency the consent is given to.
	Grantee string `json:"grantee"`
	// Parts are the parts of the file it opens, in Parts order, no duplicates.
	Parts []Part `json:"parts"`
	// Purpose says why the agency may read them.
	Purpose string `json:"purpose"`
	// From is when it takes effect; Until when it lapses (exclusive). UTC.
	From  time.Time `json:"from"`
	Until time.Time `json:"until"`
	// CreatedAt is when it was given; RevokedAt when it was revoked (zero if
	// never). UTC.
	CreatedAt time.Time `json:"created_at"`
	RevokedAt time.Time `json:"revoked_at,omitzero"`
	Version   int64     `json:"version"`
}

// LiveAt reports whether c is in force at t: From ≤ t < Until, and not
// revoked at or before t. An expired or revoked consent is live at no later
// instant.
func (c Consent) LiveAt(t time.Time) bool {
	if t.Before(c.From) || !t.Before(c.Until) {
		return false
	}
	return c.RevokedAt.IsZero() || t.Before(c.RevokedAt)
}

// Covers reports whether c names part.
func (c Consent) Covers(part Part) bool { return slices.Contains(c.Parts, part) }

// Allowed reports whether consents let grantee read part of owner's file at
// asOf: whether one of them is owner's, to grantee, covers part and is live
// at asOf. It is pure; consents may include others' grants, which are
// ignored.
func Allowed(consents []Consent, grantee string, owner NationalID, part Part, asOf time.Time) bool {
	if owner.IsZero() || grantee == "" {
		return false
	}
	for _, c := range consents {
		if c.Owner == owner && c.Grantee == grantee && c.Covers(part) && c.LiveAt(asOf) {
			return true
		}
	}
	return false
}

// Consent errors.
var (
	// ErrConsentNotFound: no consent has the ID, or it is not the owner's.
	ErrConsentNotFound = ErrNotFound.Because("consent.not_found",
		"the consent was not found", "لم يتم العثور على الموافقة")
)

// GrantInput gives a consent.
type GrantInput struct {
	// Owner is the person giving the consent: the facade passes the acting
	// person, never someone else.
	Owner NationalID `json:"owner" validate:"required,sa_id" ar:"صاحب البيانات"`
	// Grantee is the code of the agency that may read.
	Grantee string `json:"grantee" validate:"required,max=64" ar:"الجهة"`
	// Parts are the parts of the file opened: at least one, each a known Part.
	Parts []Part `json:"parts" validate:"required,min=1,max=16" ar:"أجزاء الملف"`
	// Purpose says why, up to 500 characters.
	Purpose string `json:"purpose" validate:"required,max=500" ar:"الغرض"`
	// From is when the consent takes effect; zero, or an instant already
	// past, means now.
	From time.Time `json:"from,omitzero"`
	// Until is when it lapses (exclusive); it must be after From (and now).
	Until time.Time `json:"until" validate:"required" ar:"تاريخ انتهاء الموافقة"`
}

// GrantConsent stores the consent in and returns it. Parts are stored
// deduplicated, in Parts order; times in UTC at microsecond precision.
//
// Errors: fault.ErrInvalidInput listing every malformed field (an
// unknown part, reason consent.unknown_part; Until not after From and now,
// reason consent.until_not_after_from); store errors.
func (s *Service) GrantConsent(ctx context.Context, in GrantInput) (Consent, error) {
	now := s.clock()
	in.Grantee = strings.TrimSpace(in.Grantee)
	in.Purpose = strings.TrimSpace(in.Purpose)
	var fields []fault.FieldViolation
	if err := s.v.Struct(in); err != nil {
		fe, ok := fault.As(err)
		if !ok {
			return Consent{}, err
		}
		fields = append(fields, fe.Fields...)
	}
	from := in.From.UTC().Truncate(time.Microsecond)
	if in.From.IsZero() || from.Before(now) {
		from = now
	}
	until := in.Until.UTC().Truncate(time.Microsecond)
	if !in.Until.IsZero() && !until.After(from) {
		fields = append(fields, fault.FieldViolation{Field: "until", Reason: "consent.until_not_after_from",
			Message: i18n.Text{EN: "the consent must end after it starts, and in the future",
				AR: "يجب أن ينتهي أجل الموافقة بعد بدايتها وفي المستقبل"}})
	}
	seen := map[Part]bool{}
	for i, p := range in.Parts {
		if !p.Valid() {
			fields = append(fields, fault.FieldViolation{Field: "parts[" + strconv.Itoa(i) + "]", Reason: "consent.unknown_part",
				Message: i18n.Text{EN: "unknown part of the file: " + string(p), AR: "جزء غير معروف من الملف: " + string(p)}})
		}
		seen[p] = true
	}
	if len(fields) > 0 {
		return Consent{}, fault.ErrInvalidInput.WithFields(fields...)
	}
	var parts []Part
	for _, p := range Parts() {
		if seen[p] {
			parts = append(parts, p)
		}
	}
	c := Consent{ID: s.newID(), Owner: in.Owner, Grantee: in.Grantee, Parts: parts, Purpose: in.Purpose,
		From: from, Until: until, CreatedAt: now, Version: 1}
	return s.store.CreateConsent(ctx, c)
}

// RevokeConsent revokes owner's consent id, from now on, and returns it.
// Revoking is idempotent: a consent revoked already is returned unchanged,
// with no error, so a retried request is harmless. An expired consent can be
// revoked too (it changes nothing in what it allows).
//
// Errors: fault.ErrInvalidInput (field "id") for an ID no store could hold (a
// NUL byte, invalid UTF-8 or over 200 bytes); ErrConsentNotFound if there is
// no consent id or it is not owner's (the same error, so that others'
// consents cannot be probed); ErrConflict if it kept changing concurrently;
// store errors.
func (s *Service) RevokeConsent(ctx context.Context, owner NationalID, id string) (Consent, error) {
	if err := validation.ID("id", id); err != nil {
		return Consent{}, err
	}
	now := s.clock()
	for range s.maxCASRetries {
		c, err := s.store.GetConsent(ctx, id)
		if errors.Is(err, ErrNotFound) {
			return Consent{}, ErrConsentNotFound
		}
		if err != nil {
			return Consent{}, err
		}
		if owner.IsZero() || c.Owner != owner {
			return Consent{}, ErrConsentNotFound
		}
		if !c.RevokedAt.IsZero() {
			return c, nil
		}
		c.RevokedAt = now
		out, err := s.store.UpdateConsent(ctx, c)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if errors.Is(err, ErrNotFound) {
			return Consent{}, ErrConsentNotFound
		}
		return out, err
	}
	return Consent{}, ErrConflict
}

// Consent returns the consent id if it is owner's.
//
// Errors: fault.ErrInvalidInput (field "id") for an ID no store could hold (a
// NUL byte, invalid UTF-8 or over 200 bytes); ErrConsentNotFound if there is
// none or it is not owner's.
func (s *Service) Consent(ctx context.Context, owner NationalID, id string) (Consent, error) {
	if err := validation.ID("id", id); err != nil {
		return Consent{}, err
	}
	c, err := s.store.GetConsent(ctx, id)
	if errors.Is(err, ErrNotFound) || (err == nil && (owner.IsZero() || c.Owner != owner)) {
		return Consent{}, ErrConsentNotFound
	}
	return c, err
}

// ListConsents returns a page of the consents matching f (live, expired
// and revoked alike unless f.LiveAt is set), ordered by CreatedAt then ID:
// at most f.Limit of them (page.DefaultLimit when 0, at most
// page.MaxLimit); the page's Next is the After of the next page. The facade
// sets f.Owner to the acting person, or f.Grantee to the acting agency.
//
// Errors: ErrInvalidConsentFilter for a negative Limit;
// fault.ErrInvalidInput, with the field, for a grantee or cursor no store
// could hold (a NUL byte, invalid UTF-8 or over 200 bytes); ErrCursorNotFound
// (matching ErrNotFound) if f.After names no consent; store errors.
func (s *Service) ListConsents(ctx context.Context, f ConsentFilter) (page.Page[Consent], error) {
	if err := validation.ID("grantee", f.Grantee); err != nil {
		return page.Page[Consent]{}, err
	}
	if err := validation.ID("after", f.After); err != nil {
		return page.Page[Consent]{}, err
	}
	if f.Limit < 0 {
		return page.Page[Consent]{}, ErrInvalidConsentFilter
	}
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	cs, err := s.store.ListConsents(ctx, f)
	if err != nil {
		return page.Page[Consent]{}, err
	}
	return page.New(cs, limit, func(c Consent) string { return c.ID }), nil
}

// ConsentAllowed reports whether grantee may read part of owner's file now:
// whether a consent of owner to grantee covering part is live. It is the
// check the facade makes on every read by a consent grantee. A grantee no
// store could hold (a NUL byte, invalid UTF-8 or over 200 bytes) is refused
// as invalid input (field "grantee").
func (s *Service) ConsentAllowed(ctx context.Context, grantee string, owner NationalID, part Part) (bool, error) {
	if err := validation.ID("grantee", grantee); err != nil {
		return false, err
	}
	if owner.IsZero() || grantee == "" || !part.Valid() {
		return false, nil
	}
	now := s.clock()
	cs, err := s.store.ListConsents(ctx, ConsentFilter{Owner: owner, Grantee: grantee, LiveAt: now})
	if err != nil {
		return false, err
	}
	return Allowed(cs, grantee, owner, part, now), nil
}
