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
	code    string
	article string
	name    i18n.Text
}

var ruleInfos = [...]ruleInfo{
	{"promotion.vacancy", "Reg art 48(a)(1)", i18n.Text{AR: "شغور الوظيفة فعلاً", EN: "the job is actually vacant"}},
	{"promotion.next_rank", "Reg art 48(a)(3)", i18n.Text{AR: "الوظيفة في المرتبة التالية مباشرة", EN: "the job is in the next rank"}},
	{"promotion.qualification", "Reg art 48(a)(2)", i18n.Text{AR: "المؤهل الذي يتطلبه تصنيف الوظيفة", EN: "the qualification the job classification requires"}},
	{"promotion.experience", "Reg arts 48(a)(2), 50, 53", i18n.Text{AR: "الخبرة المطلوبة للترقية", EN: "the experience required for promotion"}},
	{"promotion.scholarship_or_training", "Reg art 49(a)", i18n.Text{AR: "الابتعاث أو الإيفاد أو الإلحاق بدورة تدريبية تزيد مدتها على ستة أشهر", EN: "on scholarship, study delegation or training longer than 6 months"}},
	{"promotion.study_or_exceptional_leave", "Reg art 49(b)", i18n.Text{AR: "التمتع بإجازة دراسية أو استثنائية", EN: "on study leave or exceptional leave"}},
	{"promotion.suspended", "Reg art 49(c)", i18n.Text{AR: "كف اليد", EN: "suspended from work"}},
	{"promotion.referred_to_trial", "Reg art 49(c)", i18n.Text{AR: "الإحالة إلى المحاكمة", EN: "referred to trial"}},
	{"promotion.increment_deprivation", "Reg art 49(d)", i18n.Text{AR: "الحرمان من العلاوة السنوية خلال السنة السابقة", EN: "deprived of the annual increment in the previous year"}},
	{"promotion.salary_deduction", "Reg art 49(d)", i18n.Text{AR: "الحسم من الراتب خمسة عشر يوماً فأكثر خلال السنة السابقة", EN: "salary deductions of 15 days or more in the previous year"}},
	{"promotion.rating", "Reg art 49(e)", i18n.Text{AR: "تقويم الأداء الأخير أقل من جيد", EN: "last performance rating below Good"}},
	{"promotion.no_consideration_penalty", "Employee Discipline Law, M/18 of 8/2/1443H", i18n.Text{AR: "عقوبة عدم النظر في الترقية", EN: "penalty of no promotion consideration"}},
	{"promotion.one_per_year", "Reg art 57", i18n.Text{AR: "لا تجوز أكثر من ترقية واحدة في السنة", EN: "at most one promotion a year"}},
	{"promotion.after_exceptional", "Reg art 55", i18n.Text{AR: "لا ترقية قبل مضي سنتين على الترقية الاستثنائية", EN: "no promotion within 2 years of an exceptional promotion"}},
	{"promotion.exceptional_spacing", "Reg art 56", i18n.Text{AR: "لا ترقية استثنائية قبل مضي ثلاث سنوات على ترقية استثنائية سابقة", EN: "no exceptional promotion within 3 years of another"}},
	{"promotion.exceptional_rating", "Reg art 54", i18n.Text{AR: "تقويم أداء ممتاز للترقية الاستثنائية", EN: "an Excellent rating for an exceptional promotion"}},
	{"promotion.exceptional_age", "Reg art 54", i18n.Text{AR: "ألا يزيد العمر على خمس وخمسين سنة للترقية الاستثنائية", EN: "age of at most 55 for an exceptional promotion"}},
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
func (r Rule) Name() i18n.Text { return r.info().name }

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
