package promotion

import (
	"math/bits"

	"github.com/masarhr/masar-go/i18n"
)

// Rule is one eligibility rule. Rules is a set of them, as a bit mask:
// ranking keeps only the set of failed rules per candidate and builds the
// reasons with their facts on demand (Regulation.Eligibility).
type Rule uint32

// Rules is a set of Rule values.
type Rules uint32

// The rules, with the article each applies.
const (
	// RuleVacancy: the target job must actually be vacant (Reg art 48(a)(1)).
	RuleVacancy Rule = 1 << iota
	// RuleNextRank: the job is in the rank immediately above the current
	// one, or two ranks above for an exceptional promotion (Reg arts
	// 48(a)(3), 54).
	RuleNextRank
	// RuleQualification: the candidate holds the qualification the job
	// classification requires (Reg arts 48(a)(2), 54).
	RuleQualification
	// RuleExperience: the required promotion experience (Reg arts 48(a)(2),
	// 50, 53, 54).
	RuleExperience
	// RuleScholarship: on scholarship, study delegation or training longer
	// than 6 months (Reg art 49(a)).
	RuleScholarship
	// RuleLeave: on study leave or exceptional leave (Reg art 49(b)).
	RuleLeave
	// RuleSuspension: suspended from work, كف اليد (Reg art 49(c)).
	RuleSuspension
	// RuleTrial: referred to trial (Reg art 49(c)).
	RuleTrial
	// RuleIncrementDeprivation: deprived of the annual increment in the year
	// before consideration (Reg art 49(d)).
	RuleIncrementDeprivation
	// RuleDeduction: salary deductions of 15 days or more in the year before
	// consideration (Reg art 49(d)).
	RuleDeduction
	// RuleRating: last rating below Good, or no rating (Reg art 49(e)).
	RuleRating
	// RuleNoConsideration: under the Discipline Law penalty of not being
	// considered for promotion.
	RuleNoConsideration
	// RuleOnePerYear: at most one promotion a year (Reg art 57).
	RuleOnePerYear
	// RuleAfterExceptional: no promotion until 2 years after an exceptional
	// promotion (Reg art 55).
	RuleAfterExceptional
	// RuleExceptionalSpacing: no exceptional promotion until 3 years after
	// an exceptional promotion (Reg art 56).
	RuleExceptionalSpacing
	// RuleExceptionalRating: an exceptional promotion needs an Excellent
	// last rating (Reg art 54).
	RuleExceptionalRating
	// RuleExceptionalAge: an exceptional promotion needs an age of at most
	// 55 Hijri years (Reg art 54).
	RuleExceptionalAge

	ruleEnd
)

// AllRules is the set of every rule.
const AllRules = Rules(ruleEnd - 1)

type ruleInfo struct {
	code      string
	article   string
	articleAR string
}

// ruleInfos are indexed by the rule's bit position.
var ruleInfos = [...]ruleInfo{
	{"promotion.vacancy", "Reg art 48(a)(1)", "المادة 48/أ/1 من اللائحة التنفيذية للموارد البشرية"},                     // RuleVacancy
	{"promotion.next_rank", "Reg art 48(a)(3)", "المادة 48/أ/3 من اللائحة التنفيذية للموارد البشرية"},                   // RuleNextRank
	{"promotion.qualification", "Reg art 48(a)(2)", "المادة 48/أ/2 من اللائحة التنفيذية للموارد البشرية"},               // RuleQualification
	{"promotion.experience", "Reg arts 48(a)(2), 50, 53", "المواد 48/أ/2 و50 و53 من اللائحة التنفيذية للموارد البشرية"}, // RuleExperience
	{"promotion.scholarship_or_training", "Reg art 49(a)", "المادة 49/أ من اللائحة التنفيذية للموارد البشرية"},          // RuleScholarship
	{"promotion.study_or_exceptional_leave", "Reg art 49(b)", "المادة 49/ب من اللائحة التنفيذية للموارد البشرية"},       // RuleLeave
	{"promotion.suspended", "Reg art 49(c)", "المادة 49/ج من اللائحة التنفيذية للموارد البشرية"},                        // RuleSuspension
	{"promotion.referred_to_trial", "Reg art 49(c)", "المادة 49/ج من اللائحة التنفيذية للموارد البشرية"},                // RuleTrial
	{"promotion.increment_deprivation", "Reg art 49(d)", "المادة 49/د من اللائحة التنفيذية للموارد البشرية"},            // RuleIncrementDeprivation
	{"promotion.salary_deduction", "Reg art 49(d)", "المادة 49/د من اللائحة التنفيذية للموارد البشرية"},                 // RuleDeduction
	{"promotion.rating", "Reg art 49(e)", "المادة 49/هـ من اللائحة التنفيذية للموارد البشرية"},                          // RuleRating
	{"promotion.no_consideration_penalty", "Employee Discipline Law, M/18 of 8/2/1443H", "نظام الانضباط الوظيفي"},       // RuleNoConsideration
	{"promotion.one_per_year", "Reg art 57", "المادة 57 من اللائحة التنفيذية للموارد البشرية"},                          // RuleOnePerYear
	{"promotion.after_exceptional", "Reg art 55", "المادة 55 من اللائحة التنفيذية للموارد البشرية"},                     // RuleAfterExceptional
	{"promotion.exceptional_spacing", "Reg art 56", "المادة 56 من اللائحة التنفيذية للموارد البشرية"},                   // RuleExceptionalSpacing
	{"promotion.exceptional_rating", "Reg art 54", "المادة 54 من اللائحة التنفيذية للموارد البشرية"},                    // RuleExceptionalRating
	{"promotion.exceptional_age", "Reg art 54", "المادة 54 من اللائحة التنفيذية للموارد البشرية"},                       // RuleExceptionalAge
}

var ruleLabels = i18n.Labels[Rule]{
	RuleVacancy:              {AR: "شغور الوظيفة فعلاً", EN: "the job is actually vacant"},
	RuleNextRank:             {AR: "الوظيفة في المرتبة التالية مباشرة", EN: "the job is in the next rank"},
	RuleQualification:        {AR: "المؤهل الذي يتطلبه تصنيف الوظيفة", EN: "the qualification the job classification requires"},
	RuleExperience:           {AR: "الخبرة المطلوبة للترقية", EN: "the experience required for promotion"},
	RuleScholarship:          {AR: "الابتعاث أو الإيفاد أو الإلحاق بدورة تدريبية تزيد مدتها على ستة أشهر", EN: "on scholarship, study delegation or training longer than 6 months"},
	RuleLeave:                {AR: "التمتع بإجازة دراسية أو استثنائية", EN: "on study leave or exceptional leave"},
	RuleSuspension:           {AR: "كف اليد", EN: "suspended from work"},
	RuleTrial:                {AR: "الإحالة إلى المحاكمة", EN: "referred to trial"},
	RuleIncrementDeprivation: {AR: "الحرمان من العلاوة السنوية خلال السنة السابقة", EN: "deprived of the annual increment in the previous year"},
	RuleDeduction:            {AR: "الحسم من الراتب خمسة عشر يوماً فأكثر خلال السنة السابقة", EN: "salary deductions of 15 days or more in the previous year"},
	RuleRating:               {AR: "تقويم الأداء الأخير أقل من جيد", EN: "last performance rating below Good"},
	RuleNoConsideration:      {AR: "عقوبة عدم النظر في الترقية", EN: "penalty of no promotion consideration"},
	RuleOnePerYear:           {AR: "لا تجوز أكثر من ترقية واحدة في السنة", EN: "at most one promotion a year"},
	RuleAfterExceptional:     {AR: "لا ترقية قبل مضي سنتين على الترقية الاستثنائية", EN: "no promotion within 2 years of an exceptional promotion"},
	RuleExceptionalSpacing:   {AR: "لا ترقية استثنائية قبل مضي ثلاث سنوات على ترقية استثنائية سابقة", EN: "no exceptional promotion within 3 years of another"},
	RuleExceptionalRating:    {AR: "تقويم أداء ممتاز للترقية الاستثنائية", EN: "an Excellent rating for an exceptional promotion"},
	RuleExceptionalAge:       {AR: "ألا يزيد العمر على خمس وخمسين سنة للترقية الاستثنائية", EN: "age of at most 55 for an exceptional promotion"},
}

func (r Rule) info() ruleInfo {
	if r == 0 || r >= ruleEnd || r&(r-1) != 0 {
		return ruleInfo{code: "promotion.unknown_rule"}
	}
	return ruleInfos[bits.TrailingZeros32(uint32(r))]
}

// Code returns the rule's stable reason code, e.g. "promotion.experience".
func (r Rule) Code() string { return r.info().code }

// Article returns the legal source of the rule, e.g. "Reg art 50".
func (r Rule) Article() string { return r.info().article }

// Name returns a short statement of the rule in Arabic and English.
func (r Rule) Name() i18n.Text {
	t, _ := ruleLabels.Text(r)
	return t
}

// Label returns the short statement of the rule in lang (the code for an
// unknown rule).
func (r Rule) Label(lang i18n.Lang) string { return ruleLabels.Label(r, lang) }

// String returns the rule's code.
func (r Rule) String() string { return r.Code() }

// Has reports whether rule r is in the set.
func (s Rules) Has(r Rule) bool { return s&Rules(r) != 0 }

// Len returns the number of rules in the set.
func (s Rules) Len() int { return bits.OnesCount32(uint32(s)) }

// Rules returns the rules in the set, in the order of their constants.
func (s Rules) Rules() []Rule {
	out := make([]Rule, 0, s.Len())
	for r := Rule(1); r < ruleEnd; r <<= 1 {
		if s.Has(r) {
			out = append(out, r)
		}
	}
	return out
}

// Codes returns the reason codes of the rules in the set, in order.
func (s Rules) Codes() []string {
	out := make([]string, 0, s.Len())
	for _, r := range s.Rules() {
		out = append(out, r.Code())
	}
	return out
}

// RulesFromCodes returns the set of the rules whose codes are given; unknown
// codes are ignored. It inverts Codes (a store keeps codes, not bits).
func RulesFromCodes(codes []string) Rules {
	var s Rules
	for _, c := range codes {
		for i, info := range ruleInfos {
			if info.code == c {
				s |= Rules(1) << i
			}
		}
	}
	return s
}
