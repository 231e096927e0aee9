package promotion

import (
	"strconv"
	"strings"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

// Decision is the outcome of an eligibility check: eligible, or not with
// every failed rule as a Reason.
type Decision struct {
	// Eligible is true when no rule failed.
	Eligible bool `json:"eligible"`
	// Failed is the set of failed rules.
	Failed Rules `json:"-"`
	// Reasons explains each failed rule, in the order of the Rule constants.
	Reasons []Reason `json:"reasons,omitempty"`
}

// Reason is one failed rule, explained.
type Reason struct {
	// Rule is the failed rule.
	Rule Rule `json:"-"`
	// Code is the rule's stable reason code, e.g. "promotion.experience".
	Code string `json:"code"`
	// Article is the legal source, e.g. "Reg art 50".
	Article string `json:"article"`
	// Message says what failed and why, with the figures, in Arabic and
	// English, e.g. "promotion experience in rank 10 is 1y 7m 12d; 2y 0m 0d
	// is required (Reg art 50)".
	Message i18n.Text `json:"message"`
	// Facts are the values the rule used, as text: dates as 1445-09-01,
	// periods as 1y 7m 12d.
	Facts []Fact `json:"facts"`
}

// Fact is one named value a rule used.
type Fact struct {
	Name  string `json:"name"`  // e.g. "experience"
	Value string `json:"value"` // e.g. "1y 7m 12d"
}

// Err returns nil for an eligible decision; otherwise an error matching
// ErrNotEligible whose Fields hold one violation per reason (Field
// "candidate", Reason the rule's code, Message the reason's message).
func (d Decision) Err() error {
	if d.Eligible {
		return nil
	}
	fs := make([]fault.FieldViolation, len(d.Reasons))
	for i, r := range d.Reasons {
		fs[i] = fault.FieldViolation{Field: "candidate", Reason: r.Code, Message: r.Message}
	}
	return ErrNotEligible.WithFields(fs...)
}

// Eligibility checks candidate c for vacancy v on asOf, the date the
// promotion is considered, under DefaultRegulation.
func Eligibility(c *Candidate, v *Vacancy, asOf hijri.Date) Decision {
	reg := DefaultRegulation()
	return reg.Eligibility(c, v, asOf)
}

// Eligibility checks candidate c for vacancy v on asOf, the date the
// promotion is considered, and explains every failed rule. It is pure and
// deterministic.
func (r *Regulation) Eligibility(c *Candidate, v *Vacancy, asOf hijri.Date) Decision {
	var ex explainer
	failed := r.eval(c, v, asOf, &ex)
	return Decision{Eligible: failed == 0, Failed: failed, Reasons: ex.reasons}
}

// Check returns the set of rules candidate c fails for vacancy v on asOf;
// empty means eligible. It does not allocate: ranking calls it for every
// candidate and builds reasons only when asked (Eligibility).
func (r *Regulation) Check(c *Candidate, v *Vacancy, asOf hijri.Date) Rules {
	return r.eval(c, v, asOf, nil)
}

// yearsReached reports whether n Hijri years have passed from d to asOf:
// hijri.Between(d, asOf) ≥ n years, which (the months and days of a
// normalised period being bounded) is the field-wise comparison of
// (asOf.Year−n, asOf.Month, asOf.Day) with d. No table look-up.
func yearsReached(d, asOf hijri.Date, n int) bool {
	return hijri.Date{Year: asOf.Year - n, Month: asOf.Month, Day: asOf.Day}.Compare(d) >= 0
}

// anniversary returns the first date on which yearsReached(d, ·, n) holds:
// the same month and day n years on, or the 1st of the next month when that
// month is too short.
func anniversary(d hijri.Date, n int) hijri.Date {
	a := hijri.Date{Year: d.Year + n, Month: d.Month, Day: d.Day}
	if a.Day > hijri.DaysInMonth(a.Year, a.Month) {
		a.Day = 1
		if a.Month++; a.Month > 12 {
			a.Month, a.Year = 1, a.Year+1
		}
	}
	return a
}

// explainer collects the reasons of failed rules.
type explainer struct{ reasons []Reason }

func (e *explainer) add(rule Rule, msg i18n.Text, facts []Fact) {
	info := rule.info()
	msg.EN += " (" + info.article + ")"
	msg.AR += " (" + info.articleAR + ")"
	e.reasons = append(e.reasons, Reason{Rule: rule, Code: info.code, Article: info.article, Message: msg, Facts: facts})
}

// eval applies every rule. With ex nil it only computes the set of failed
// rules, without allocating; otherwise it also explains each failed rule.
func (r *Regulation) eval(c *Candidate, v *Vacancy, asOf hijri.Date, ex *explainer) Rules {
	failed := r.checkVacancy(v, ex) | r.checkNextRank(c, v, ex) | r.checkQualification(c, v, ex)
	// Reg arts 48(a)(2), 50, 53, 54: promotion experience.
	failed |= r.checkExperience(c, v, ex)
	failed |= r.checkStatuses(c, asOf, ex)
	// Reg art 49(d) and the Discipline Law: penalties.
	if len(c.Penalties) > 0 {
		failed |= r.checkPenalties(c, asOf, ex)
	}
	failed |= r.checkRating(c, ex)
	failed |= r.checkSpacing(c, v, asOf, ex)
	// Reg art 54: exceptional promotion.
	if v.Exceptional {
		failed |= r.checkExceptional(c, asOf, ex)
	}
	return failed
}

// checkVacancy applies Reg art 48(a)(1): an actual vacancy.
func (r *Regulation) checkVacancy(v *Vacancy, ex *explainer) Rules {
	if v.Positions >= 1 {
		return 0
	}
	if ex != nil {
		ex.add(RuleVacancy, i18n.Text{
			EN: "the job " + v.ID + " has no vacant post",
			AR: "الوظيفة " + v.ID + " ليس بها شاغر فعلي",
		}, []Fact{{"vacancy", v.ID}, {"positions", itoa(v.Positions)}})
	}
	return Rules(RuleVacancy)
}

// checkNextRank applies Reg arts 48(a)(3), 54: the next rank, or two ranks
// for an exceptional promotion.
func (r *Regulation) checkNextRank(c *Candidate, v *Vacancy, ex *explainer) Rules {
	step := 1
	if v.Exceptional {
		step = r.ExceptionalRanks
	}
	want := c.Rank + step
	if v.Rank == want && v.Rank <= r.MaxRank && c.Rank >= r.MinRank {
		return 0
	}
	if ex != nil {
		kind, kindAR := "a promotion", "الترقية"
		if v.Exceptional {
			kind, kindAR = "an exceptional promotion", "الترقية الاستثنائية"
		}
		ex.add(RuleNextRank, i18n.Text{
			EN: "the job is in rank " + itoa(v.Rank) + "; from rank " + itoa(c.Rank) + " " + kind + " goes to rank " + itoa(want),
			AR: "الوظيفة على المرتبة " + arDigits(v.Rank) + "، و" + kindAR + " من المرتبة " + arDigits(c.Rank) + " تكون إلى المرتبة " + arDigits(want),
		}, []Fact{{"current_rank", itoa(c.Rank)}, {"job_rank", itoa(v.Rank)}, {"required_rank", itoa(want)}})
	}
	return Rules(RuleNextRank)
}

// checkQualification applies Reg arts 48(a)(2), 54: the qualification.
func (r *Regulation) checkQualification(c *Candidate, v *Vacancy, ex *explainer) Rules {
	if qualifies(c.Qualifications, v) {
		return 0
	}
	if ex != nil {
		req := v.MinQualification.Name()
		fields := strings.Join(v.Fields, ", ")
		en := "the job requires " + req.EN + " or higher"
		ar := "تتطلب الوظيفة مؤهل " + req.AR + " أو أعلى"
		if fields != "" {
			en += " in " + fields
			ar += " في تخصص " + fields
		}
		held, heldAR := describeQualifications(c.Qualifications)
		ex.add(RuleQualification, i18n.Text{EN: en + "; held: " + held, AR: ar + "؛ المؤهلات الحاصل عليها: " + heldAR},
			[]Fact{{"held", held}, {"required", req.EN}, {"fields", fields}})
	}
	return Rules(RuleQualification)
}

// checkStatuses applies Reg art 49(a)–(c) to the statuses active on asOf.
func (r *Regulation) checkStatuses(c *Candidate, asOf hijri.Date, ex *explainer) Rules {
	var failed Rules
	for i := range c.Statuses {
		s := &c.Statuses[i]
		if !s.activeOn(asOf) {
			continue
		}
		switch s.Kind {
		case Scholarship, StudyDelegation, Training:
			if s.To.IsZero() || lengthOf(s).TotalDays() > r.LongTraining.TotalDays() {
				failed |= Rules(RuleScholarship)
				if ex != nil {
					r.explainLongStatus(ex, s)
				}
			}
		case StudyLeave, ExceptionalLeave:
			failed |= r.statusFail(ex, RuleLeave, s)
		case Suspension:
			failed |= r.statusFail(ex, RuleSuspension, s)
		case TrialReferral:
			failed |= r.statusFail(ex, RuleTrial, s)
		}
	}
	return failed
}

// checkRating applies Reg art 49(e): the last rating.
func (r *Regulation) checkRating(c *Candidate, ex *explainer) Rules {
	if c.Rating >= r.MinRating && c.Rating >= 1 {
		return 0
	}
	if ex != nil {
		ex.add(RuleRating, i18n.Text{
			EN: "the last performance rating is " + ratingEN(c.Rating) + "; at least " + ratingEN(r.MinRating) + " is required",
			AR: "تقويم الأداء الأخير " + ratingAR(c.Rating) + "، والمطلوب " + ratingAR(r.MinRating) + " على الأقل",
		}, []Fact{{"rating", itoa(c.Rating)}, {"rating_date", dateOrNone(c.RatingDate)}, {"required", itoa(r.MinRating)}})
	}
	return Rules(RuleRating)
}

// checkSpacing applies Reg arts 55–57: the time since past promotions.
func (r *Regulation) checkSpacing(c *Candidate, v *Vacancy, asOf hijri.Date, ex *explainer) Rules {
	var failed Rules
	for i := range c.Promotions {
		p := &c.Promotions[i]
		if !yearsReached(p.Date, asOf, r.YearsBetweenPromotions) {
			failed |= r.spacingFail(ex, RuleOnePerYear, p, asOf, r.YearsBetweenPromotions)
		}
		if p.Exceptional && !yearsReached(p.Date, asOf, r.YearsAfterExceptional) {
			failed |= r.spacingFail(ex, RuleAfterExceptional, p, asOf, r.YearsAfterExceptional)
		}
		if v.Exceptional && p.Exceptional && !yearsReached(p.Date, asOf, r.YearsBetweenExceptional) {
			failed |= r.spacingFail(ex, RuleExceptionalSpacing, p, asOf, r.YearsBetweenExceptional)
		}
	}
	return failed
}

func (r *Regulation) checkExceptional(c *Candidate, asOf hijri.Date, ex *explainer) Rules {
	var failed Rules
	if c.Rating < r.ExceptionalMinRating {
		failed |= Rules(RuleExceptionalRating)
		if ex != nil {
			ex.add(RuleExceptionalRating, i18n.Text{
				EN: "the last performance rating is " + ratingEN(c.Rating) + "; an exceptional promotion requires " + ratingEN(r.ExceptionalMinRating),
				AR: "تقويم الأداء الأخير " + ratingAR(c.Rating) + "، والترقية الاستثنائية تتطلب " + ratingAR(r.ExceptionalMinRating),
			}, []Fact{{"rating", itoa(c.Rating)}, {"required", itoa(r.ExceptionalMinRating)}})
		}
	}
	// Age at most N years: hijri.Between(birth, asOf) ≤ N years, that is
	// asOf not after (birth year + N, birth month, birth day).
	limit := hijri.Date{Year: c.BirthDate.Year + r.ExceptionalMaxAgeYears, Month: c.BirthDate.Month, Day: c.BirthDate.Day}
	if c.BirthDate.IsZero() || asOf.Compare(limit) > 0 {
		failed |= Rules(RuleExceptionalAge)
		if ex != nil {
			if c.BirthDate.IsZero() {
				ex.add(RuleExceptionalAge, i18n.Text{EN: "the birth date is missing", AR: "تاريخ الميلاد غير مدخل"}, []Fact{{"birth_date", "none"}})
			} else {
				age := hijri.Between(c.BirthDate, asOf)
				ex.add(RuleExceptionalAge, i18n.Text{
					EN: "age on " + asOf.String() + " is " + age.Text(i18n.English) + "; an exceptional promotion allows at most " + i18n.Count(r.ExceptionalMaxAgeYears, i18n.Year, i18n.English),
					AR: "العمر في " + arDate(asOf) + " هو " + age.Text(i18n.Arabic) + "، والترقية الاستثنائية تشترط ألا يزيد على " + i18n.Count(r.ExceptionalMaxAgeYears, i18n.Year, i18n.Arabic),
				}, []Fact{{"birth_date", c.BirthDate.String()}, {"age", age.String()}, {"max_age", hijri.Period{Years: r.ExceptionalMaxAgeYears}.String()}})
			}
		}
	}
	return failed
}

func (r *Regulation) checkExperience(c *Candidate, v *Vacancy, ex *explainer) Rules {
	var (
		need     hijri.Period
		from, to int // the ranks whose experience counts
	)
	switch {
	case v.Exceptional:
		need, from, to = r.ExceptionalInRank, c.Rank, c.Rank
	case v.Rank <= r.ClassificationMaxRank:
		need, from, to = v.RequiredExperience, c.Rank, c.Rank
	case v.Rank <= r.InRankMaxRank:
		need, from, to = r.InRankExperience, c.Rank, c.Rank
	default:
		need, from, to = r.SeniorExperience, v.Rank-r.SeniorRanksBelow, v.Rank-1
	}
	days := 0
	for k := max(from, 1); k <= min(to, MaxRanks); k++ {
		days += int(c.RankDays[k])
	}
	if days >= need.TotalDays() {
		return 0
	}
	if ex != nil {
		have := hijri.PeriodFromDays(days)
		ranks, ranksEN, ranksAR := itoa(from), "rank "+itoa(from), "المرتبة "+arDigits(from)
		if from != to {
			ranks, ranksEN, ranksAR = itoa(from)+"-"+itoa(to), "ranks "+itoa(from)+" and "+itoa(to), "المرتبتين "+arDigits(from)+" و"+arDigits(to)
		}
		ex.add(RuleExperience, i18n.Text{
			EN: "promotion experience in " + ranksEN + " is " + have.Text(i18n.English) + "; " + need.Text(i18n.English) + " is required",
			AR: "الخبرة المحتسبة للترقية في " + ranksAR + " هي " + have.Text(i18n.Arabic) + "، والمطلوب " + need.Text(i18n.Arabic),
		}, []Fact{
			{"experience", have.String()}, {"experience_days", itoa(days)},
			{"required", need.String()}, {"required_days", itoa(need.TotalDays())},
			{"ranks", ranks}, {"rank_date", dateOrNone(c.RankDate)},
		})
	}
	return Rules(RuleExperience)
}

func (r *Regulation) checkPenalties(c *Candidate, asOf hijri.Date, ex *explainer) Rules {
	var failed Rules
	start := hijri.Date{Year: asOf.Year - r.PenaltyWindowYears, Month: asOf.Month, Day: asOf.Day}
	inWindow := func(d hijri.Date) bool { return d.Compare(start) >= 0 && d.Before(asOf) }
	deducted := 0
	for i := range c.Penalties {
		p := &c.Penalties[i]
		switch p.Kind {
		case IncrementDeprivation:
			if inWindow(p.Date) {
				failed |= Rules(RuleIncrementDeprivation)
				if ex != nil {
					from := anniversary(asOf, -r.PenaltyWindowYears)
					ex.add(RuleIncrementDeprivation, i18n.Text{
						EN: "deprived of the annual increment on " + p.Date.String() + ", within the year before consideration (" + from.String() + " to " + asOf.String() + ")",
						AR: "عوقب بالحرمان من العلاوة السنوية في " + arDate(p.Date) + " خلال السنة السابقة للنظر في الترقية (من " + arDate(from) + " إلى " + arDate(asOf) + ")",
					}, []Fact{{"penalty_date", p.Date.String()}, {"window_from", from.String()}, {"window_to", asOf.String()}})
				}
			}
		case SalaryDeduction:
			if inWindow(p.Date) {
				deducted += p.Days
			}
		case NoPromotionConsideration:
			if p.Date.After(asOf) {
				continue
			}
			active := asOf.Compare(p.Until) <= 0
			if p.Until.IsZero() {
				active = !yearsReached(p.Date, asOf, r.NoConsiderationYears)
			}
			if active {
				failed |= Rules(RuleNoConsideration)
				if ex != nil {
					until := p.Until
					if until.IsZero() {
						until, _ = anniversary(p.Date, r.NoConsiderationYears).AddDays(-1)
					}
					ex.add(RuleNoConsideration, i18n.Text{
						EN: "under a penalty of no promotion consideration imposed on " + p.Date.String() + ", in force until " + until.String(),
						AR: "عوقب بعدم النظر في الترقية في " + arDate(p.Date) + " وتسري العقوبة حتى " + arDate(until),
					}, []Fact{{"penalty_date", p.Date.String()}, {"until", until.String()}})
				}
			}
		}
	}
	if deducted >= r.DeductionDays {
		failed |= Rules(RuleDeduction)
		if ex != nil {
			from := anniversary(asOf, -r.PenaltyWindowYears)
			ex.add(RuleDeduction, i18n.Text{
				EN: "salary deductions of " + i18n.Count(deducted, i18n.Day, i18n.English) + " in the year before consideration (" + from.String() + " to " + asOf.String() + "); " + i18n.Count(r.DeductionDays, i18n.Day, i18n.English) + " or more bar consideration",
				AR: "حُسم من راتبه " + i18n.Count(deducted, i18n.Day, i18n.Arabic) + " خلال السنة السابقة للنظر في الترقية (من " + arDate(from) + " إلى " + arDate(asOf) + ")، والحسم " + i18n.Count(r.DeductionDays, i18n.Day, i18n.Arabic) + " فأكثر يمنع النظر في الترقية",
			}, []Fact{{"deduction_days", itoa(deducted)}, {"limit", itoa(r.DeductionDays)}, {"window_from", from.String()}, {"window_to", asOf.String()}})
		}
	}
	return failed
}

func (r *Regulation) explainLongStatus(ex *explainer, s *Status) {
	n := s.Kind.name()
	length, lengthAR := "open-ended", "مفتوحة"
	if !s.To.IsZero() {
		l := lengthOf(s)
		length, lengthAR = l.Text(i18n.English), l.Text(i18n.Arabic)
	}
	ex.add(RuleScholarship, i18n.Text{
		EN: "on " + n.EN + " from " + s.From.String() + " to " + dateOrOpen(s.To) + " (" + length + "), longer than " + r.LongTraining.Text(i18n.English),
		AR: n.AR + " من " + arDate(s.From) + " إلى " + arDateOrOpen(s.To) + " (" + lengthAR + ")، وتزيد مدته على " + r.LongTraining.Text(i18n.Arabic),
	}, []Fact{{"kind", n.EN}, {"from", s.From.String()}, {"to", dateOrOpen(s.To)}, {"length", length}, {"limit", r.LongTraining.String()}})
}

func (r *Regulation) statusFail(ex *explainer, rule Rule, s *Status) Rules {
	if ex != nil {
		n := s.Kind.name()
		ex.add(rule, i18n.Text{
			EN: "on " + n.EN + " from " + s.From.String() + " to " + dateOrOpen(s.To),
			AR: n.AR + " من " + arDate(s.From) + " إلى " + arDateOrOpen(s.To),
		}, []Fact{{"kind", n.EN}, {"from", s.From.String()}, {"to", dateOrOpen(s.To)}})
	}
	return Rules(rule)
}

func (r *Regulation) spacingFail(ex *explainer, rule Rule, p *PastPromotion, asOf hijri.Date, years int) Rules {
	if ex != nil {
		kind, kindAR := "promotion", "ترقية"
		if p.Exceptional {
			kind, kindAR = "exceptional promotion", "ترقية استثنائية"
		}
		next := anniversary(p.Date, years)
		need := hijri.Period{Years: years}
		since := hijri.Between(p.Date, asOf)
		ex.add(rule, i18n.Text{
			EN: "last " + kind + " on " + p.Date.String() + ", " + since.Text(i18n.English) + " ago; " + need.Text(i18n.English) + " must pass, so not before " + next.String(),
			AR: "آخر " + kindAR + " في " + arDate(p.Date) + " قبل " + since.Text(i18n.Arabic) + "، ويلزم مضي " + need.Text(i18n.Arabic) + " أي ليس قبل " + arDate(next),
		}, []Fact{
			{"promotion_date", p.Date.String()}, {"exceptional", strconv.FormatBool(p.Exceptional)},
			{"since", since.String()}, {"required", need.String()}, {"not_before", next.String()},
		})
	}
	return Rules(rule)
}

// lengthOf returns the planned length of a spell with an end date:
// hijri.Between(From, To + 1 day).
func lengthOf(s *Status) hijri.Period {
	end, err := s.To.AddDays(1)
	if err != nil {
		end = s.To
	}
	return hijri.Between(s.From, end)
}

func qualifies(qs []Qualification, v *Vacancy) bool {
	if v.MinQualification <= 0 && len(v.Fields) == 0 {
		return true
	}
	for i := range qs {
		if qs[i].Level < v.MinQualification {
			continue
		}
		if len(v.Fields) == 0 {
			return true
		}
		for _, f := range v.Fields {
			if f == qs[i].Field {
				return true
			}
		}
	}
	return false
}

func describeQualifications(qs []Qualification) (en, ar string) {
	if len(qs) == 0 {
		return "none", "لا يوجد"
	}
	var e, a []string
	for _, q := range qs {
		n := q.Level.Name()
		if q.Field != "" {
			e = append(e, n.EN+" ("+q.Field+")")
			a = append(a, n.AR+" ("+q.Field+")")
		} else {
			e = append(e, n.EN)
			a = append(a, n.AR)
		}
	}
	return strings.Join(e, ", "), strings.Join(a, "، ")
}

var ratingNames = [...]i18n.Text{{AR: "لا يوجد", EN: "none"},
	{AR: "غير مرضي", EN: "Unsatisfactory"},
	{AR: "مرضي", EN: "Satisfactory"},
	{AR: "جيد", EN: "Good"},
	{AR: "جيد جداً", EN: "Very good"},
	{AR: "ممتاز", EN: "Excellent"},
}

func ratingEN(r int) string {
	if r < 1 || r >= len(ratingNames) {
		if r == 0 {
			return "none"
		}
		return itoa(r)
	}
	return itoa(r) + " (" + ratingNames[r].EN + ")"
}

func ratingAR(r int) string {
	if r < 1 || r >= len(ratingNames) {
		if r == 0 {
			return "غير موجود"
		}
		return arDigits(r)
	}
	return ratingNames[r].AR + " (" + arDigits(r) + ")"
}

func itoa(n int) string { return strconv.Itoa(n) }

// arDigits writes n with Arabic-Indic digits.
func arDigits(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for _, ch := range s {
		if ch >= '0' && ch <= '9' {
			b.WriteRune('٠' + ch - '0')
		} else {
			b.WriteRune(ch)
		}
	}
	return b.String()
}

func arDate(d hijri.Date) string { return d.Format(hijri.ArabicLong) }

func dateOrOpen(d hijri.Date) string {
	if d.IsZero() {
		return "open"
	}
	return d.String()
}

func arDateOrOpen(d hijri.Date) string {
	if d.IsZero() {
		return "غير محدد"
	}
	return arDate(d)
}

func dateOrNone(d hijri.Date) string {
	if d.IsZero() {
		return "none"
	}
	return d.String()
}
