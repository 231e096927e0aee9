package records

import (
	"math"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

// Purpose says what a service duration is computed for; each purpose excludes
// different periods (DOMAIN.md §5).
type Purpose string

// The purposes.
const (
	// PurposeTotal is total service, as for a service statement and retirement.
	// The periods it excludes are configuration: see DefaultRules.
	PurposeTotal Purpose = "total"
	// PurposePromotion is experience counted for promotion (Reg art 48(b)).
	PurposePromotion Purpose = "promotion"
	// PurposeLeaveAccrual is service counted for annual-leave accrual (Reg art 135).
	PurposeLeaveAccrual Purpose = "leave_accrual"
)

// Purposes lists every purpose in a stable order.
var Purposes = []Purpose{PurposeTotal, PurposePromotion, PurposeLeaveAccrual}

// ExclusionRule says that the periods of the events it matches are not
// counted. A rule matches an event of its Kind whose fields equal the rule's
// non-zero Leave, Host, Location and Outcome, and that lasts at least MinYears
// legal years. The zero Outcome matches any outcome, so a rule cannot single
// out pending outcomes: until an outcome is recorded, the period counts.
type ExclusionRule struct {
	Kind     EventKind `json:"kind"`
	Leave    LeaveType `json:"leave,omitempty"`
	Host     HostKind  `json:"host,omitempty"`
	Location Location  `json:"location,omitempty"`
	Outcome  Outcome   `json:"outcome,omitempty"`
	// MinYears, when positive, limits the rule to events lasting at least this
	// many legal years from Start to End (or to the date asked for while ongoing).
	MinYears int `json:"min_years,omitempty"`
	// Basis is the legal basis, e.g. "Reg 48(b)(1)".
	Basis string `json:"basis"`
	// Reason describes the excluded period for people checking the arithmetic.
	Reason i18n.Text `json:"reason"`
}

// matches reports whether r matches ev, whose kind the caller has compared.
func (r *ExclusionRule) matches(ev *HistoryEvent, asOf hijri.Date) bool {
	if r.Leave != "" && ev.Leave != r.Leave ||
		r.Host != "" && ev.Host != r.Host ||
		r.Location != "" && ev.Location != r.Location ||
		r.Outcome != "" && ev.Outcome != r.Outcome {
		return false
	}
	if r.MinYears > 0 {
		end := asOf
		if !ev.End.IsZero() {
			if d, err := ev.End.AddDays(1); err == nil {
				end = d
			}
		}
		if hijri.Between(ev.Start, end).Years < r.MinYears {
			return false
		}
	}
	return true
}

// Rules holds, for each purpose, the periods excluded from service. Hosts may
// change them (Options.Rules); DefaultRules documents the defaults and their
// sources.
type Rules struct {
	Total        []ExclusionRule `json:"total"`
	Promotion    []ExclusionRule `json:"promotion"`
	LeaveAccrual []ExclusionRule `json:"leave_accrual"`
	// UndocumentedQualifications, when set, lets promotion count
	// qualifications not documented yet (Qualification.IsDocumented);
	// default false: documented ones only. A qualification without
	// Documentation counts as documented either way.
	UndocumentedQualifications bool `json:"undocumented_qualifications,omitempty"`
}

// For returns the exclusion rules of purpose p, or false for an unknown purpose.
func (r *Rules) For(p Purpose) ([]ExclusionRule, bool) {
	switch p {
	case PurposeTotal:
		return r.Total, true
	case PurposePromotion:
		return r.Promotion, true
	case PurposeLeaveAccrual:
		return r.LeaveAccrual, true
	}
	return nil, false
}

// Clone returns a deep copy of r.
func (r Rules) Clone() Rules {
	return Rules{Total: cloneSlice(r.Total), Promotion: cloneSlice(r.Promotion), LeaveAccrual: cloneSlice(r.LeaveAccrual),
		UndocumentedQualifications: r.UndocumentedQualifications}
}

var (
	ruleExceptionalLeave = i18n.Text{AR: "إجازة استثنائية", EN: "exceptional leave"}
	ruleAbsence          = i18n.Text{AR: "غياب لم يحتسب إجازة", EN: "absence not counted as leave"}
	ruleSuspension       = i18n.Text{AR: "كف يد انتهى بعقوبة", EN: "suspension that ended in a penalty"}
	ruleSecondmentNonGov = i18n.Text{AR: "إعارة لغير الجهات الحكومية والهيئات الإقليمية والدولية", EN: "secondment to a non-government, non-international body"}
	ruleFailedStudy      = i18n.Text{AR: "ابتعاث أو إيفاد أو إجازة دراسية لم يتحقق غرضها", EN: "scholarship or study leave whose purpose was not achieved"}
	ruleSpouseCompanion  = i18n.Text{AR: "إجازة استثنائية لمرافقة الزوج", EN: "exceptional leave to accompany a spouse abroad"}
	ruleDeFacto          = i18n.Text{AR: "عمل بصفة موظف فعلي لا يحتسب من الخدمة", EN: "de facto employee period, not counted as service"}
)

// defaultRules is the package's default table; DefaultRules hands out copies.
var defaultRules = Rules{
	// Total service: the official exclusions from pensionable service were not
	// found [NF], so every basis reads "cf.". Default: the promotion list of
	// Reg 48(b) plus failed training,
	// which is what a 2017 Saudi government HR implementation subtracts
	// (rouag/orvea service_duration_script.py, DOMAIN.md §5). Configure it.
	Total: []ExclusionRule{
		{Kind: KindLeave, Leave: ExceptionalLeave, Basis: "cf. Reg 48(b)(1)", Reason: ruleExceptionalLeave},
		{Kind: KindLeave, Leave: SpouseCompanionLeave, Basis: "cf. Reg 48(b)(1), 149", Reason: ruleSpouseCompanion},
		{Kind: KindSecondment, Host: HostNonGovernment, Basis: "cf. Reg 48(b)(2)", Reason: ruleSecondmentNonGov},
		{Kind: KindScholarship, Outcome: NotAchieved, Basis: "cf. Reg 48(b)(3)", Reason: ruleFailedStudy},
		{Kind: KindLeave, Leave: StudyLeave, Outcome: NotAchieved, Basis: "cf. Reg 48(b)(3)", Reason: ruleFailedStudy},
		{Kind: KindTraining, Outcome: NotAchieved, Basis: "cf. Reg 48(b)(3)", Reason: i18n.Text{AR: "تدريب لم يتحقق غرضه", EN: "training whose purpose was not achieved"}},
		{Kind: KindAbsence, Basis: "cf. Reg 48(b)(4)", Reason: ruleAbsence},
		{Kind: KindSuspension, Outcome: Penalized, Basis: "cf. Reg 48(b)(5)", Reason: ruleSuspension},
		{Kind: KindDeFacto, Basis: "Reg 222", Reason: ruleDeFacto},
	},
	// Promotion experience, Reg art 48(b): periods not counted towards the
	// experience a job requires.
	Promotion: []ExclusionRule{
		{Kind: KindLeave, Leave: ExceptionalLeave, Basis: "Reg 48(b)(1)", Reason: ruleExceptionalLeave},
		{Kind: KindLeave, Leave: SpouseCompanionLeave, Basis: "Reg 48(b)(1), 149", Reason: ruleSpouseCompanion},
		{Kind: KindSecondment, Host: HostNonGovernment, Basis: "Reg 48(b)(2)", Reason: ruleSecondmentNonGov},
		{Kind: KindScholarship, Outcome: NotAchieved, Basis: "Reg 48(b)(3)", Reason: ruleFailedStudy},
		{Kind: KindLeave, Leave: StudyLeave, Outcome: NotAchieved, Basis: "Reg 48(b)(3)", Reason: ruleFailedStudy},
		{Kind: KindAbsence, Basis: "Reg 48(b)(4)", Reason: ruleAbsence},
		{Kind: KindSuspension, Outcome: Penalized, Basis: "Reg 48(b)(5)", Reason: ruleSuspension},
		{Kind: KindDeFacto, Basis: "Reg 222", Reason: ruleDeFacto},
	},
	// Annual-leave accrual, Reg art 135: periods that do not earn annual leave.
	// 135(d) says "secondment to other than government bodies"; regional and
	// international bodies are not government bodies, so both are excluded
	// (a literal reading [INF]). 135(f): prison time not charged to leave is
	// an imprisonment event; time charged to leave (Reg 134) is recorded as
	// that leave and earns what the leave earns.
	LeaveAccrual: []ExclusionRule{
		{Kind: KindLeave, Leave: ExceptionalLeave, Basis: "Reg 135(a)", Reason: i18n.Text{AR: "إجازة بدون راتب", EN: "unpaid leave"}},
		{Kind: KindLeave, Leave: SpouseCompanionLeave, Basis: "Reg 135(a), 149", Reason: i18n.Text{AR: "إجازة بدون راتب", EN: "unpaid leave"}},
		{Kind: KindSuspension, Outcome: Penalized, Basis: "Reg 135(b)", Reason: i18n.Text{AR: "كف يد انتهى بالإدانة", EN: "suspension that ended in a conviction"}},
		{Kind: KindLeave, Leave: StudyLeave, Basis: "Reg 135(c)", Reason: i18n.Text{AR: "إجازة دراسية", EN: "study leave"}},
		{Kind: KindSecondment, Host: HostNonGovernment, Basis: "Reg 135(d)", Reason: i18n.Text{AR: "إعارة لغير الجهات الحكومية", EN: "secondment to a non-government body"}},
		{Kind: KindSecondment, Host: HostInternational, Basis: "Reg 135(d)", Reason: i18n.Text{AR: "إعارة لغير الجهات الحكومية", EN: "secondment to a non-government body"}},
		{Kind: KindAbsence, Basis: "Reg 135(e)", Reason: i18n.Text{AR: "غياب بدون سند نظامي", EN: "absence without legal basis"}},
		{Kind: KindScholarship, Basis: "Reg 135(g)", Reason: i18n.Text{AR: "ابتعاث للدراسة في الخارج أو إيفاد للدراسة في الداخل", EN: "scholarship abroad or study delegation at home"}},
		{Kind: KindImprisonment, Basis: "Reg 135(f)", Reason: i18n.Text{AR: "مدة السجن التي لم تحتسب من الإجازات", EN: "prison time not charged to leave"}},
		{Kind: KindTraining, MinYears: 1, Basis: "Reg 135(h)", Reason: i18n.Text{AR: "تدريب لا تقل مدته عن سنة", EN: "training of one year or more"}},
		{Kind: KindDeFacto, Basis: "Reg 222", Reason: ruleDeFacto},
	},
}

// DefaultRules returns a copy of the default exclusion rules:
//
//   - PurposePromotion, Reg art 48(b): exceptional leave (with the
//     exceptional leave to accompany a spouse abroad of Reg 149 [INF]); secondment to a
//     non-government body (not government, regional or international);
//     scholarship, study delegation or study leave whose purpose was not
//     achieved; absence not counted as leave; suspension that ended in a
//     penalty. Prison time is not in the list and counts.
//   - PurposeLeaveAccrual, Reg art 135: unpaid (exceptional, and the Reg 149
//     spouse-companion) leave; suspension
//     ending in a conviction; study leave; secondment to a non-government or an
//     international body; absence; prison time not charged to leave
//     (imprisonment); every scholarship or study delegation; training of one
//     year or more.
//   - PurposeTotal: the law's list was not found [NF]; the default is the
//     Reg 48(b) list plus failed training, as a 2017 government HR system
//     computes it (so prison time counts by default). Hosts should confirm it
//     with their pension rules.
//
// Every purpose also excludes a de facto employee period (Reg art 222: not
// counted as service), and the days between two spells of service are never
// counted (they are not service: CSL art 18(c), see Spells). Every other
// leave type (annual, sick, companion, maternity, motherhood, paternity,
// bereavement, emergency, exam, compensation, disability care, excused
// absence) counts for every purpose: Reg 135 and 48(b) do not list them
// (SERVICES.md §2 [INF]). A referral to
// trial excludes nothing by itself: the suspension that usually goes with it
// is its own event.
func DefaultRules() Rules { return defaultRules.Clone() }

// Span is a run of days, both ends inclusive.
type Span struct {
	From hijri.Date `json:"from"`
	To   hijri.Date `json:"to"`
	Days int        `json:"days"`
	// Period is the legal length from From to the day after To.
	Period hijri.Period `json:"period"`
}

// Cause is why a period was excluded: the event and the rule that matched it.
type Cause struct {
	EventID string    `json:"event_id"`
	Kind    EventKind `json:"kind"`
	// Basis is the matching rule's legal basis, e.g. "Reg 48(b)(1)".
	Basis  string    `json:"basis"`
	Reason i18n.Text `json:"reason"`
}

// Exclusion is one run of excluded days. Overlapping excluded periods are
// merged so that no day is subtracted twice; Causes lists every event whose
// period falls in the run, in order of start.
type Exclusion struct {
	Span
	Causes []Cause `json:"causes"`
}

// Duration is a service duration and the arithmetic behind it.
//
// Days are counted from the first counted day up to, but not including, AsOf
// (or to the last day of service inclusive, when service ended earlier),
// spell by spell when the employee was re-appointed after an end of service
// (the gap between spells is never counted):
// Days = GrossDays − ExcludedDays. The legal period is computed the way a
// statement shows it: Gross is the calendar difference of the counted spans
// (hijri.Between), each Exclusion has its own Period, and Period = Gross −
// the sum of the exclusions' periods, borrowing 30 days for a month.
type Duration struct {
	Purpose Purpose `json:"purpose"`
	// Start is the actual start of service: the appointment's date.
	Start hijri.Date `json:"start"`
	// AsOf is the date asked for; it is not itself counted.
	AsOf hijri.Date `json:"as_of"`
	// Counted lists the spans counted before exclusions: the whole service, the
	// service since a date, or the segments held in the ranks asked for.
	Counted   []Span       `json:"counted"`
	GrossDays int          `json:"gross_days"`
	Gross     hijri.Period `json:"gross"`
	// Excluded lists the merged excluded runs, in order.
	Excluded       []Exclusion  `json:"excluded"`
	ExcludedDays   int          `json:"excluded_days"`
	ExcludedPeriod hijri.Period `json:"excluded_period"`
	// Days and Period are the service counted for Purpose.
	Days   int          `json:"days"`
	Period hijri.Period `json:"period"`
}

// Clone returns a deep copy of d.
func (d Duration) Clone() Duration {
	d.Counted = cloneSlice(d.Counted)
	if d.Excluded != nil {
		ex := make([]Exclusion, len(d.Excluded))
		for i, e := range d.Excluded {
			e.Causes = cloneSlice(e.Causes)
			ex[i] = e
		}
		d.Excluded = ex
	}
	return d
}

// ServiceDuration computes the service of history for purpose p as of asOf
// with the default rules. See Rules.ServiceDuration.
func ServiceDuration(history []HistoryEvent, p Purpose, asOf hijri.Date) (Duration, error) {
	return defaultRules.ServiceDuration(history, p, asOf)
}

// ServiceDuration computes the service of history for purpose p from the
// actual start of service (the appointment) up to, not including, asOf: in
// days and in legal years, months and days, less the periods r excludes for
// p, which it returns so the arithmetic can be checked. With several spells
// of service (Spells) it is the sum of the spells, each a Counted span: the
// days from an end of service to the re-appointment are not service.
//
// It fails with ErrInvalidPurpose, ErrInvalidDate for an invalid asOf,
// ErrNoAppointment, or ErrAsOfBeforeStart when asOf is before the
// appointment (asOf equal to it gives zero). The history should satisfy
// ValidateHistory; whatever it holds, excluded periods are clipped to the
// counted spans and merged, so no day is subtracted twice or outside service.
// Events starting on or after asOf are ignored; an ongoing period runs to asOf.
func (r *Rules) ServiceDuration(history []HistoryEvent, p Purpose, asOf hijri.Date) (Duration, error) {
	return r.compute(history, p, asOf, hijri.Date{}, 0)
}

// ServiceSince is ServiceDuration counting only from since (or from the start
// of service, if later): the experience gained since a date, such as the last
// promotion or the start of a review year.
func (r *Rules) ServiceSince(history []HistoryEvent, p Purpose, since, asOf hijri.Date) (Duration, error) {
	if !since.IsValid() {
		return Duration{}, ErrInvalidDate.Because("records.duration.invalid_since", "the start date is not valid", "تاريخ البداية غير صحيح")
	}
	return r.compute(history, p, asOf, since, 0)
}

// RankDuration is ServiceDuration counting only the job segments held in one
// of ranks: time in the current rank (Reg art 50: two years in the rank for
// ranks 11–13), or in ranks 12 and 13 together (Reg art 53: four years for
// rank 14). Use PurposePromotion for promotion experience.
func (r *Rules) RankDuration(history []HistoryEvent, p Purpose, asOf hijri.Date, ranks ...int) (Duration, error) {
	var set uint32
	for _, rk := range ranks {
		if rk >= 1 && rk <= 31 {
			set |= 1 << rk
		}
	}
	if set == 0 {
		return Duration{}, ErrInvalidPurpose.Because("records.duration.invalid_ranks", "give at least one rank from 1 to 15", "يجب تحديد مرتبة واحدة على الأقل من 1 إلى 15")
	}
	return r.compute(history, p, asOf, hijri.Date{}, set)
}

// TimeInCurrentRank returns the rank held on the day before asOf (the last
// counted day) and RankDuration for that rank: the experience for purpose p
// in the current rank. It fails like ServiceDuration.
func (r *Rules) TimeInCurrentRank(history []HistoryEvent, p Purpose, asOf hijri.Date) (int, Duration, error) {
	if _, err := r.compute(history, p, asOf, hijri.Date{}, 0); err != nil {
		return 0, Duration{}, err
	}
	rank := 0
	var latest hijri.Date
	for i := range history {
		ev := &history[i]
		if ev.Kind.IsJob() && ev.Job != nil && ev.Start.Before(asOf) && !ev.Start.Before(latest) {
			rank, latest = ev.Job.Rank, ev.Start
		}
	}
	if rank < 1 {
		// asOf is the appointment day: nothing counted yet, in the appointment's rank.
		for i := range history {
			if history[i].Kind == KindAppointment && history[i].Job != nil {
				rank = history[i].Job.Rank
			}
		}
	}
	d, err := r.RankDuration(history, p, asOf, rank)
	return rank, d, err
}

// TimeInCurrentRank computes TimeInCurrentRank with the default rules.
func TimeInCurrentRank(history []HistoryEvent, p Purpose, asOf hijri.Date) (int, Duration, error) {
	return defaultRules.TimeInCurrentRank(history, p, asOf)
}

// ServiceSince computes ServiceSince with the default rules.
func ServiceSince(history []HistoryEvent, p Purpose, since, asOf hijri.Date) (Duration, error) {
	return defaultRules.ServiceSince(history, p, since, asOf)
}

// RankDuration computes RankDuration with the default rules.
func RankDuration(history []HistoryEvent, p Purpose, asOf hijri.Date, ranks ...int) (Duration, error) {
	return defaultRules.RankDuration(history, p, asOf, ranks...)
}

// day numbers are counted from the first day of the Hijri table.
var epoch = hijri.MustNew(hijri.MinYear, 1, 1)

func dayNum(d hijri.Date) int { return hijri.DaysBetween(epoch, d) }

func dateOf(n int) hijri.Date {
	d, _ := epoch.AddDays(n)
	return d
}

// span is a half-open run of day numbers [from, to) with the event and rule behind it.
type span struct {
	from, to int
	ev, rule int
}

// compute is the engine: windows are the whole service (since zero, ranks 0),
// the service from since, or the job segments whose rank is in the ranks bit set.
func (r *Rules) compute(history []HistoryEvent, p Purpose, asOf, since hijri.Date, ranks uint32) (Duration, error) {
	rules, ok := r.For(p)
	if !ok {
		return Duration{}, ErrInvalidPurpose
	}
	if !asOf.IsValid() {
		return Duration{}, ErrInvalidDate.Because("records.duration.invalid_as_of", "the date asked for is not a valid Hijri date", "التاريخ المطلوب ليس تاريخاً هجرياً صحيحاً")
	}
	var spellBuf [8][2]int
	spells := spellWindows(spellBuf[:0], history)
	if len(spells) == 0 {
		return Duration{}, ErrNoAppointment
	}
	start := dateOf(spells[0][0])
	if asOf.Before(start) {
		return Duration{}, ErrAsOfBeforeStart
	}
	d := Duration{Purpose: p, Start: start, AsOf: asOf}
	hi := dayNum(asOf)

	// The counted windows, as half-open day ranges within the spells of
	// service up to asOf: the gaps between spells are never counted.
	var winBuf [16][2]int
	var wins [][2]int
	if ranks != 0 {
		wins = rankWindows(winBuf[:0], history, spells, hi, ranks)
	} else {
		wins = sinceWindows(winBuf[:0], spells, hi, since)
	}
	d.count(wins)

	var spanBuf [64]span
	spans := excludedSpans(spanBuf[:0], history, rules, asOf, hi, wins)
	sortSpans(spans)
	d.exclude(history, rules, spans)

	d.Days = d.GrossDays - d.ExcludedDays
	d.Period = subPeriods(d.Gross, d.ExcludedPeriod)
	if d.Days == 0 {
		d.Period = hijri.Period{}
	}
	return d, nil
}

// spellWindows appends to wins the spells of service of history as
// half-open day ranges [appointment, day after the end of service), the last
// one open (its end math.MaxInt) while it is current. Appointments and ends
// of service with invalid dates are ignored.
func spellWindows(wins [][2]int, history []HistoryEvent) [][2]int {
	for _, sp := range Spells(history) {
		if !sp.From.IsValid() {
			continue
		}
		t := math.MaxInt
		if !sp.To.IsZero() && sp.To.IsValid() {
			t = dayNum(sp.To) + 1
		}
		wins = append(wins, [2]int{dayNum(sp.From), t})
	}
	return wins
}

// sinceWindows appends to wins the spells clipped to [since, hi), since
// ignored when zero.
func sinceWindows(wins [][2]int, spells [][2]int, hi int, since hijri.Date) [][2]int {
	lo := math.MinInt
	if !since.IsZero() {
		lo = dayNum(since)
	}
	for _, sp := range spells {
		if f, t := max(sp[0], lo), min(sp[1], hi); f < t {
			wins = append(wins, [2]int{f, t})
		}
	}
	return wins
}

// rankWindows appends to wins the job segments of history within the spells
// and before hi whose rank is in the ranks bit set, consecutive segments
// joined.
func rankWindows(wins [][2]int, history []HistoryEvent, spells [][2]int, hi int, ranks uint32) [][2]int {
	var jobBuf [64]int
	jobs := jobBuf[:0]
	for i := range history {
		if history[i].Kind.IsJob() && history[i].Start.IsValid() {
			jobs = append(jobs, i)
		}
	}
	// insertion sort by start: histories are short and mostly sorted.
	for i := 1; i < len(jobs); i++ {
		for j := i; j > 0 && history[jobs[j]].Start.Before(history[jobs[j-1]].Start); j-- {
			jobs[j], jobs[j-1] = jobs[j-1], jobs[j]
		}
	}
	for k, i := range jobs {
		job := history[i].Job
		if job == nil || job.Rank < 1 || job.Rank > 31 || ranks&(1<<job.Rank) == 0 {
			continue
		}
		f, t := dayNum(history[i].Start), hi
		if k+1 < len(jobs) {
			t = min(t, dayNum(history[jobs[k+1]].Start))
		}
		for _, sp := range spells {
			cf, ct := max(f, sp[0]), min(t, sp[1])
			if cf >= ct {
				continue
			}
			if n := len(wins); n > 0 && wins[n-1][1] == cf {
				wins[n-1][1] = ct // consecutive segments in the ranks asked for count as one span
			} else {
				wins = append(wins, [2]int{cf, ct})
			}
		}
	}
	return wins
}

// count sets d's counted spans and gross service from the windows.
func (d *Duration) count(wins [][2]int) {
	if len(wins) > 0 {
		d.Counted = make([]Span, len(wins))
	}
	for i, w := range wins {
		d.Counted[i] = makeSpan(w[0], w[1])
		d.GrossDays += d.Counted[i].Days
		d.Gross = addPeriods(d.Gross, d.Counted[i].Period)
	}
}

// excludedSpans appends to spans the runs of the events of history that a
// rule excludes, clipped to the windows (and to hi, the end of service).
// Rules are matched by kind number first, so that each event costs one
// switch on its kind.
func excludedSpans(spans []span, history []HistoryEvent, rules []ExclusionRule, asOf hijri.Date, hi int, wins [][2]int) []span {
	var kindBuf [32]int8
	ruleKinds := kindBuf[:0]
	if len(rules) > len(kindBuf) {
		ruleKinds = make([]int8, 0, len(rules))
	}
	for k := range rules {
		ruleKinds = append(ruleKinds, periodKindNo(rules[k].Kind))
	}
	for i := range history {
		ev := &history[i]
		kn := periodKindNo(ev.Kind)
		if kn < 0 || !ev.Start.IsValid() || !ev.Start.Before(asOf) {
			continue
		}
		ri := matchRule(ruleKinds, rules, kn, ev, asOf)
		if ri < 0 {
			continue
		}
		f, t := dayNum(ev.Start), hi
		if !ev.End.IsZero() && ev.End.IsValid() {
			t = min(t, dayNum(ev.End)+1)
		} else if kn == kindNoPenalty {
			t = min(t, f+1) // a penalty without an end is a single day
		}
		for _, w := range wins {
			cf, ct := max(f, w[0]), min(t, w[1])
			if cf < ct {
				spans = append(spans, span{from: cf, to: ct, ev: i, rule: ri})
			}
		}
	}
	return spans
}

// matchRule returns the index of the first rule that excludes ev (of kind
// number kn), or -1.
func matchRule(ruleKinds []int8, rules []ExclusionRule, kn int8, ev *HistoryEvent, asOf hijri.Date) int {
	for k, rk := range ruleKinds {
		if rk == kn && rules[k].matches(ev, asOf) {
			return k
		}
	}
	return -1
}

// sortSpans orders spans by start, then end. Insertion sort: the history is
// usually in order already.
func sortSpans(spans []span) {
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && (spans[j].from < spans[j-1].from || spans[j].from == spans[j-1].from && spans[j].to < spans[j-1].to); j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
}

// exclude merges the sorted spans into d's excluded runs with their causes.
func (d *Duration) exclude(history []HistoryEvent, rules []ExclusionRule, spans []span) {
	if len(spans) == 0 {
		return
	}
	// Merge overlapping spans into runs in place: run r covers
	// [runs[r].from, runs[r].to) and takes the causes of spans first..last.
	type run struct{ from, to, first, last int }
	var runBuf [64]run
	runs := runBuf[:0]
	for i, s := range spans {
		if n := len(runs); n > 0 && s.from < runs[n-1].to {
			runs[n-1].to = max(runs[n-1].to, s.to)
			runs[n-1].last = i
			continue
		}
		runs = append(runs, run{from: s.from, to: s.to, first: i, last: i})
	}
	causes := make([]Cause, len(spans))
	for i, s := range spans {
		ev, rule := &history[s.ev], &rules[s.rule]
		causes[i] = Cause{EventID: ev.ID, Kind: ev.Kind, Basis: rule.Basis, Reason: rule.Reason}
	}
	d.Excluded = make([]Exclusion, len(runs))
	legal := 0
	for i, r := range runs {
		ex := &d.Excluded[i]
		ex.Span = makeSpan(r.from, r.to)
		ex.Causes = causes[r.first : r.last+1 : r.last+1]
		d.ExcludedDays += ex.Days
		legal += ex.Period.TotalDays()
	}
	d.ExcludedPeriod = hijri.PeriodFromDays(legal)
}

// kindNoPenalty is periodKindNo(KindPenalty).
const kindNoPenalty = 7

// periodKindNo numbers the period kinds 0..10 and returns -1 for any other kind.
func periodKindNo(k EventKind) int8 {
	switch k {
	case KindAssignment:
		return 0
	case KindSecondment:
		return 1
	case KindLeave:
		return 2
	case KindTraining:
		return 3
	case KindScholarship:
		return 4
	case KindSuspension:
		return 5
	case KindAbsence:
		return 6
	case KindPenalty:
		return kindNoPenalty
	case KindTrialReferral:
		return 8
	case KindImprisonment:
		return 9
	case KindDeFacto:
		return 10
	}
	return -1
}

// makeSpan builds the Span of the half-open day range [from, to).
func makeSpan(from, to int) Span {
	f, t := dateOf(from), dateOf(to)
	return Span{From: f, To: dateOf(to - 1), Days: to - from, Period: hijri.Between(f, t)}
}
