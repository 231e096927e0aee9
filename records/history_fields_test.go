package records

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/internal/validation"
)

// This file holds ValidateHistory's plain-Go field checks (eventFieldsOK)
// to the reflection path they replace: the reference below is the previous
// implementation, which ran validation.Default().Struct on every event and
// found duplicate IDs and overlaps with maps. Both must give the same error
// (code, reason, bilingual message, every field violation) or none, on
// generated valid and invalid events and histories, and in FuzzEventFields.

// refValidateHistory is ValidateHistory as it was, with reflection.
func refValidateHistory(h []HistoryEvent) error {
	if len(h) == 0 {
		return nil
	}
	refs := make([]ref, len(h))
	for i := range h {
		refs[i] = ref{i: i, ev: &h[i]}
		if err := refValidateEvent(refs[i]); err != nil {
			return err
		}
	}
	slices.SortStableFunc(refs, func(a, b ref) int { return compareEvents(a.ev, b.ev) })
	spells, err := refHistorySpells(refs)
	if err != nil {
		return err
	}
	if err := checkSpells(refs, spells); err != nil {
		return err
	}
	return refCheckOverlaps(refs)
}

// refValidateEvent is validateEvent with the reflection-based shape check.
func refValidateEvent(r ref) error {
	if err := refValidateEventShape(r); err != nil {
		return err
	}
	if err := validateKindFields(r); err != nil {
		return err
	}
	if err := validateOutcome(r); err != nil {
		return err
	}
	return validateNoForeignFields(r)
}

func refValidateEventShape(r ref) error {
	ev := r.ev
	if !ev.Kind.Valid() {
		return histErr("invalid_kind", "unknown event kind", "نوع الحدث غير معروف", r)
	}
	if err := validation.Default().Struct(ev); err != nil {
		return err
	}
	if !ev.Start.IsValid() {
		return histErr("invalid_start", "the start date is not a valid Hijri date", "تاريخ البداية ليس تاريخاً هجرياً صحيحاً", r)
	}
	if !ev.End.IsZero() {
		if !ev.End.IsValid() {
			return histErr("invalid_end", "the end date is not a valid Hijri date", "تاريخ النهاية ليس تاريخاً هجرياً صحيحاً", r)
		}
		if ev.End.Before(ev.Start) {
			return histErr("end_before_start", "the end date is before the start date", "تاريخ النهاية يسبق تاريخ البداية", r)
		}
	}
	if !ev.Decision.Date.IsZero() && !ev.Decision.Date.IsValid() {
		return histErr("invalid_decision_date", "the decision date is not a valid Hijri date", "تاريخ القرار ليس تاريخاً هجرياً صحيحاً", r)
	}
	if ev.Outcome != OutcomePending && !ev.Outcome.Valid() {
		return histErr("invalid_outcome", "unknown outcome", "النتيجة غير معروفة", r)
	}
	return nil
}

func refHistorySpells(refs []ref) ([]spellRefs, error) {
	seen := make(map[string]ref, len(refs))
	var spells []spellRefs
	var first *ref
	for i := range refs {
		r := refs[i]
		if r.ev.ID != "" {
			if prev, dup := seen[r.ev.ID]; dup {
				return nil, histErr("duplicate_id", "two events have the same ID", "حدثان بالمعرف نفسه", prev, r)
			}
			seen[r.ev.ID] = r
		}
		n := len(spells)
		switch r.ev.Kind {
		case KindAppointment:
			if n > 0 && spells[n-1].eos == nil {
				return nil, histErr("duplicate_appointment", "the history has a second appointment while in service: a re-appointment follows an end of service",
					"يتضمن السجل قرار تعيين آخر أثناء الخدمة: تكون إعادة التعيين بعد انتهاء الخدمة", *spells[n-1].appt, r)
			}
			if n > 0 && spells[n-1].eos.ev.EndReason == EndDeath {
				return nil, histErr("reappointment_after_death", "an appointment follows an end of service by death",
					"قرار تعيين بعد انتهاء الخدمة بالوفاة", r, *spells[n-1].eos)
			}
			if first == nil {
				first = &refs[i]
			}
			spells = append(spells, spellRefs{appt: &refs[i]})
		case KindEndOfService:
			if n > 0 && spells[n-1].eos != nil {
				return nil, histErr("duplicate_end_of_service", "the history has a second end of service without a re-appointment between them",
					"يتضمن السجل انتهاء خدمة آخر دون إعادة تعيين بينهما", *spells[n-1].eos, r)
			}
			if n > 0 {
				spells[n-1].eos = &refs[i]
			}
		}
	}
	if first == nil {
		return nil, histErr("missing_appointment", "the history has no appointment: service starts with one",
			"لا يتضمن السجل قرار تعيين: تبدأ الخدمة بالتعيين", refs[0])
	}
	return spells, nil
}

func refCheckOverlaps(refs []ref) error {
	var lastJob *ref
	lastOfKind := map[EventKind]ref{}
	for i := range refs {
		r := refs[i]
		if r.ev.Kind.IsJob() {
			if lastJob != nil && lastJob.ev.Start == r.ev.Start {
				return histErr("overlap", "two job events start on the same day, so their job segments overlap",
					"حدثان وظيفيان يبدآن في اليوم نفسه فتتداخل فترتاهما", *lastJob, r)
			}
			lastJob = &refs[i]
			continue
		}
		if !r.ev.Kind.IsPeriod() || r.ev.Kind == KindPenalty || r.ev.Kind == KindTrialReferral {
			continue
		}
		key := r.ev.Kind
		if prev, ok := lastOfKind[key]; ok {
			if prev.ev.Ongoing() || !prev.ev.End.Before(r.ev.Start) {
				return histErr("overlap", "two periods of the same kind overlap", "فترتان من النوع نفسه متداخلتان", prev, r)
			}
		}
		lastOfKind[key] = r
	}
	return nil
}

// sameError fails t unless got and want are the same error: both nil, or
// equal in every public part (code, reason, messages, fields) and in the
// sentinels they match.
func sameError(t *testing.T, want, got error, msgAndArgs ...any) bool {
	t.Helper()
	if want == nil || got == nil {
		return assert.Equal(t, want, got, msgAndArgs...)
	}
	return assert.Equal(t, want, got, msgAndArgs...) && assert.Equal(t, want.Error(), got.Error(), msgAndArgs...)
}

// texts at the edges of every rule: empty, Arabic, at and past each cap
// (in bytes and in characters), invalid UTF-8 and a NUL byte.
var edgeTexts = func() []string {
	out := []string{"", "a", "رقم ٥", "x\x00y", "\xff", "ok\xc3", "ﷺ"}
	for _, n := range []int{40, 41, 60, 61, 200, 201, 1000, 1001} {
		out = append(out, strings.Repeat("a", n), strings.Repeat("ع", n), strings.Repeat("ع", n/2)+strings.Repeat("b", n-n/2))
	}
	return append(out, strings.Repeat("z", validation.MaxText), strings.Repeat("z", validation.MaxText+1),
		strings.Repeat("ع", validation.MaxText/2), strings.Repeat("ع", validation.MaxText/2)+"z")
}()

type eventGen struct{ r *rand.Rand }

func (g eventGen) text() string {
	if g.r.IntN(12) == 0 {
		return edgeTexts[g.r.IntN(len(edgeTexts))]
	}
	return ""
}

func (g eventGen) pick(vs ...string) string { return vs[g.r.IntN(len(vs))] }

func (g eventGen) num(edges ...int) int {
	if g.r.IntN(4) == 0 {
		return g.r.IntN(2000) - 1000
	}
	return edges[g.r.IntN(len(edges))]
}

func (g eventGen) date() hijri.Date {
	switch g.r.IntN(6) {
	case 0:
		return hijri.Date{}
	case 1:
		return hijri.Date{Year: 1440 + g.r.IntN(3), Month: hijri.Month(g.r.IntN(14)), Day: g.r.IntN(32)}
	}
	return hijri.MustNew(1430+g.r.IntN(15), 1+g.r.IntN(12), 1+g.r.IntN(29))
}

func (g eventGen) job() *Job {
	if g.r.IntN(3) == 0 {
		return nil
	}
	j := &Job{Rank: g.num(1, 0, 15, 16, 8), Step: g.num(1, 0, 30, 31, 3), StartDate: g.date()}
	if g.r.IntN(4) != 0 {
		j.Agency.ID = g.pick("AG1", "", "\xff", strings.Repeat("a", 41), strings.Repeat("ج", 40))
	}
	j.Agency.Name = i18n.Text{AR: g.text(), EN: g.text()}
	j.Title = i18n.Text{AR: g.text(), EN: g.text()}
	j.ClassificationCode, j.JobNumber, j.SalaryScale = g.text(), g.text(), g.text()
	return j
}

// event returns a random event: most fields empty or plausible, each one
// sometimes at or past the edge of its rule.
func (g eventGen) event(id string) HistoryEvent {
	ev := HistoryEvent{
		ID:    id,
		Kind:  allKinds[g.r.IntN(len(allKinds))],
		Start: g.date(),
		Job:   g.job(),
	}
	if g.r.IntN(20) == 0 {
		ev.Kind = EventKind(g.pick("", "holiday", "leave\x00", "\xff"))
	}
	if g.r.IntN(2) == 0 {
		ev.End = g.date()
	}
	if g.r.IntN(3) == 0 {
		ev.Decision = Decision{Number: g.text(), Date: g.date()}
	}
	ev.Leave = LeaveType(g.pick("", "", "", string(AnnualLeave), string(StudyLeave), "sabbatical", "\xff", "a\x00"))
	ev.Host = HostKind(g.pick("", "", "", string(HostGovernment), "x\x00"))
	ev.Location = Location(g.pick("", "", "", string(InsideKingdom), strings.Repeat("l", validation.MaxText+1)))
	ev.Outcome = Outcome(g.pick("", "", "", string(Achieved), string(Cleared), string(Acquitted), "won", "\xff"))
	ev.Penalty = PenaltyType(g.pick("", "", "", string(PenaltyDeduction), string(PenaltyWarning), "fine"))
	ev.PenaltyDays = g.num(0, 0, 0, 1, 15, 366, 367, -1)
	ev.EndReason = EndReason(g.pick("", "", "", string(EndRetirement), string(EndDeath), "bored", "\x00"))
	ev.Exceptional = g.r.IntN(8) == 0
	ev.Institution, ev.Subject, ev.Note = g.text(), g.text(), g.text()
	if g.r.IntN(10) == 0 {
		ev.ID = g.pick("", "\xff", "a\x00", strings.Repeat("i", validation.MaxText+1))
	}
	return ev
}

// validHistory returns a valid career of n events (n ≥ 1).
func (g eventGen) validHistory(n int) []HistoryEvent {
	job := func(rank int) *Job {
		return &Job{Agency: Agency{ID: "AG" + string(rune('A'+g.r.IntN(5))), Name: i18n.Text{AR: "وزارة", EN: "Ministry"}},
			Title: i18n.Text{AR: "محلل", EN: "Analyst"}, Rank: rank, Step: 1 + g.r.IntN(15)}
	}
	h := []HistoryEvent{{ID: "a", Kind: KindAppointment, Start: hijri.MustNew(1430, 1, 1), Job: job(5),
		Decision: Decision{Number: "١٢٣/أ", Date: hijri.MustNew(1429, 12, 20)}}}
	for i := 1; len(h) < n; i++ {
		y := 1430 + i/4
		m := 1 + (i%4)*3
		id := "e" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		switch i % 5 {
		case 0:
			h = append(h, HistoryEvent{ID: id, Kind: KindPromotion, Start: hijri.MustNew(y, m, 1), Job: job(6 + i%9)})
		case 1:
			h = append(h, HistoryEvent{ID: id, Kind: KindLeave, Leave: AnnualLeave, Start: hijri.MustNew(y, m, 2), End: hijri.MustNew(y, m, 20)})
		case 2:
			h = append(h, HistoryEvent{ID: id, Kind: KindTraining, Location: InsideKingdom, Outcome: Achieved,
				Institution: "معهد الإدارة العامة", Subject: "Leadership", Start: hijri.MustNew(y, m, 3), End: hijri.MustNew(y, m, 10)})
		case 3:
			h = append(h, HistoryEvent{ID: id, Kind: KindPenalty, Penalty: PenaltyDeduction, PenaltyDays: 1 + g.r.IntN(30),
				Start: hijri.MustNew(y, m, 4), Note: "ملاحظة"})
		case 4:
			h = append(h, HistoryEvent{ID: id, Kind: KindAbsence, Start: hijri.MustNew(y, m, 5), End: hijri.MustNew(y, m, 6)})
		}
	}
	g.r.Shuffle(len(h), func(i, k int) { h[i], h[k] = h[k], h[i] })
	return h
}

// TestEventFieldsMatchReflection: one event at a time, ValidateEvent gives
// exactly the error the reflection path gave.
func TestEventFieldsMatchReflection(t *testing.T) {
	g := eventGen{rand.New(rand.NewPCG(14, 2))}
	var failed, passed int
	for i := range 20_000 {
		ev := g.event("ev" + string(rune('a'+i%26)))
		want := refValidateEvent(ref{ev: &ev})
		if !sameError(t, want, ValidateEvent(ev), "event %d: %#v", i, ev) {
			return
		}
		if ev.Kind.Valid() {
			if validation.Default().Struct(&ev) != nil {
				failed++
			} else {
				passed++
			}
		}
	}
	// The generator reaches both sides of the field rules.
	assert.Greater(t, failed, 10000, "events failing a field rule")
	assert.Greater(t, passed, 800, "events passing every field rule")
	t.Logf("%d events failed a field rule, %d passed them all", failed, passed)
}

// TestValidateHistoryMatchesReflection: whole histories, valid and with
// random events, duplicate IDs and overlaps, give the same error.
func TestValidateHistoryMatchesReflection(t *testing.T) {
	g := eventGen{rand.New(rand.NewPCG(14, 6))}
	var valid int
	for i := range 3000 {
		h := g.validHistory(1 + g.r.IntN(60))
		switch i % 4 {
		case 1: // one random event in place of another
			h[g.r.IntN(len(h))] = g.event("r")
		case 2: // an ID repeated
			if len(h) > 1 {
				h[g.r.IntN(len(h))].ID = h[g.r.IntN(len(h))].ID
			}
		case 3: // a period copied onto another day, or a second job event on a day
			k := g.r.IntN(len(h))
			c := h[k].Clone()
			c.ID = "copy"
			if g.r.IntN(2) == 0 {
				c.Start, _ = c.Start.AddDays(g.r.IntN(10))
			}
			h = append(h, c)
		}
		want := refValidateHistory(h)
		if !sameError(t, want, ValidateHistory(h), "history %d", i) {
			return
		}
		if want == nil {
			valid++
		}
	}
	assert.Greater(t, valid, 700, "valid histories")
	assert.Less(t, valid, 2500, "invalid histories")
}

// TestEventFieldRulesKnown fails when a validate tag is added to, removed
// from or changed on the types eventFieldsOK checks: the plain-Go rules must
// then be updated with it (and this list).
func TestEventFieldRulesKnown(t *testing.T) {
	var got []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			got = append(got, t.Name()+"."+f.Name+" "+f.Type.String()+" "+f.Tag.Get("validate"))
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[hijri.Date]() {
				walk(ft)
			}
		}
	}
	walk(reflect.TypeFor[HistoryEvent]())
	want := []string{
		"HistoryEvent.ID string ",
		"HistoryEvent.Kind records.EventKind required",
		"HistoryEvent.Start hijri.Date ",
		"HistoryEvent.End hijri.Date ",
		"HistoryEvent.Decision records.Decision ",
		"Decision.Number string max=60",
		"Decision.Date hijri.Date ",
		"HistoryEvent.Job *records.Job omitnil",
		"Job.Agency records.Agency required",
		"Agency.ID string required,max=40",
		"Agency.Name i18n.Text ",
		"Text.AR string max=200",
		"Text.EN string max=200",
		"Job.Title i18n.Text ",
		"Text.AR string max=200",
		"Text.EN string max=200",
		"Job.ClassificationCode string max=40",
		"Job.JobNumber string max=40",
		"Job.SalaryScale string max=40",
		"Job.Rank int min=1,max=15",
		"Job.Step int min=1,max=30",
		"Job.StartDate hijri.Date ",
		"HistoryEvent.Leave records.LeaveType ",
		"HistoryEvent.Host records.HostKind ",
		"HistoryEvent.Location records.Location ",
		"HistoryEvent.Institution string max=200",
		"HistoryEvent.Subject string max=200",
		"HistoryEvent.Outcome records.Outcome ",
		"HistoryEvent.Penalty records.PenaltyType ",
		"HistoryEvent.PenaltyDays int min=0,max=366",
		"HistoryEvent.EndReason records.EndReason ",
		"HistoryEvent.Exceptional bool ",
		"HistoryEvent.Note string max=1000",
	}
	require.Equal(t, want, got, "update eventFieldsOK for the changed rules, then this list")
}

// FuzzEventFields: for any text and numbers in an event's fields,
// ValidateEvent gives the reflection path's error.
func FuzzEventFields(f *testing.F) {
	f.Add("leave", "annual", "", "رقم ١", "AG1", "محلل", "", "", 0, 5, 3, true)
	f.Add("penalty", "", "deduction", strings.Repeat("ع", 61), "", "", "x\x00", "\xff", 367, 0, 31, false)
	f.Add("appointment", "", "", "", strings.Repeat("a", 41), strings.Repeat("ب", 201), "", strings.Repeat("n", 1001), -1, 16, 1, true)
	f.Fuzz(func(t *testing.T, kind, leave, penalty, number, agency, title, subject, note string, days, rank, step int, withJob bool) {
		ev := HistoryEvent{
			ID: "f", Kind: EventKind(kind), Start: hijri.MustNew(1440, 1, 1),
			Decision: Decision{Number: number}, Leave: LeaveType(leave), Penalty: PenaltyType(penalty),
			PenaltyDays: days, Subject: subject, Institution: title, Note: note,
		}
		if withJob {
			ev.Job = &Job{Agency: Agency{ID: agency, Name: i18n.Text{AR: title}}, Title: i18n.Text{EN: subject},
				JobNumber: number, Rank: rank, Step: step}
		}
		sameError(t, refValidateEvent(ref{ev: &ev}), ValidateEvent(ev))
	})
}

// TestValidateNewMatchesValidate: the import's validateNew gives exactly
// in.Validate()'s error, on files with random events (every text edge) and
// histories of every length around the tag's bounds.
func TestValidateNewMatchesValidate(t *testing.T) {
	g := eventGen{rand.New(rand.NewPCG(14, 9))}
	base := NewEmployee{
		NationalID: identitytest.NewGenerator(3).Citizen(), Name: Names{AR: PersonName{First: "نورة", Family: "القحطاني"}},
		BirthDate: hijri.MustNew(1405, 3, 1), Gender: "female", Nationality: "SA", EmploymentSystem: "civil_service",
	}
	var invalid int
	for i := range 3000 {
		in := base
		n := g.r.IntN(12)
		switch i % 50 {
		case 0:
			n = maxHistoryEvents + g.r.IntN(2)
		case 1:
			n = 0
		}
		if i%2 == 0 && n > 0 && n < maxHistoryEvents {
			in.History = g.validHistory(n)
		} else {
			for k := range n {
				in.History = append(in.History, g.event("e"+strings.Repeat("x", k%3)))
			}
		}
		if i%7 == 0 {
			in.Nationality = "sa"
		}
		want := in.Validate()
		if !sameError(t, want, validateNew(in), "file %d", i) {
			return
		}
		if want != nil {
			invalid++
		}
	}
	assert.Greater(t, invalid, 500)
	assert.Less(t, invalid, 2000)
	f, _ := reflect.TypeFor[NewEmployee]().FieldByName("History")
	assert.Equal(t, "required,min=1,max=1000", f.Tag.Get("validate"), "validateNew follows this tag")
}
