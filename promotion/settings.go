package promotion

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
)

// Rounding and scales of scores.
const (
	// ScoreScale is the number of decimal places of points: each
	// criterion's points are rounded half-up to it, and the total is their
	// exact sum.
	ScoreScale = 2
	// RawScale is the most decimal places a raw score or a criterion's Max
	// may have.
	RawScale = 4
	// WeightScale is the most decimal places a weight may have.
	WeightScale = 2
	// MaxCriterionMax is the largest Max a criterion may announce.
	MaxCriterionMax = 100000
	// MaxVacancies is the most vacancies a round may have.
	MaxVacancies = 65535
)

// Criterion is a ranking criterion of Reg art 52(a).
type Criterion int

// The criteria. CriterionRating is the main criterion and is always
// present; a round adds at least one of the others.
const (
	// CriterionRating: the last annual performance rating (تقويم الأداء
	// الوظيفي), 1–5, scored Rating / RatingMax × weight.
	CriterionRating Criterion = 1 + iota
	// CriterionInitiatives: initiatives and achievements (المبادرات والإنجازات).
	CriterionInitiatives
	// CriterionTraining: development and training programmes (البرامج التطويرية والتدريبية).
	CriterionTraining
	// CriterionInterview: the personal interview (المقابلة الشخصية).
	CriterionInterview
	// CriterionTest: the comparison test (اختبار المفاضلة).
	CriterionTest
)

// NumCriteria is the number of criteria; points arrays are indexed by
// Criterion − 1.
const NumCriteria = 5

var criterionCodes = [...]string{"", "rating", "initiatives", "training", "interview", "test"}

var criterionLabels = i18n.Labels[Criterion]{
	CriterionRating:      {AR: "تقويم الأداء الوظيفي", EN: "performance rating"},
	CriterionInitiatives: {AR: "المبادرات والإنجازات", EN: "initiatives and achievements"},
	CriterionTraining:    {AR: "البرامج التطويرية والتدريبية", EN: "development and training programmes"},
	CriterionInterview:   {AR: "المقابلة الشخصية", EN: "personal interview"},
	CriterionTest:        {AR: "اختبار المفاضلة", EN: "comparison test"},
}

// Label returns the criterion's name in lang (the code for an unknown one).
func (c Criterion) Label(lang i18n.Lang) string { return criterionLabels.Label(c, lang) }

// Valid reports whether c is one of the five criteria.
func (c Criterion) Valid() bool { return c >= CriterionRating && c <= CriterionTest }

// String returns the criterion's code: "rating", "initiatives", "training",
// "interview" or "test".
func (c Criterion) String() string {
	if !c.Valid() {
		return "criterion(" + strconv.Itoa(int(c)) + ")"
	}
	return criterionCodes[c]
}

// Name returns the criterion's name in Arabic and English.
func (c Criterion) Name() i18n.Text {
	if t, ok := criterionLabels.Text(c); ok {
		return t
	}
	return i18n.Text{AR: c.String(), EN: c.String()}
}

// MarshalText encodes c as its code.
func (c Criterion) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, fmt.Errorf("promotion: invalid criterion %d", int(c))
	}
	return []byte(criterionCodes[c]), nil
}

// UnmarshalText decodes a criterion code.
func (c *Criterion) UnmarshalText(b []byte) error {
	for i := CriterionRating; i <= CriterionTest; i++ {
		if string(b) == criterionCodes[i] {
			*c = i
			return nil
		}
	}
	return fmt.Errorf("promotion: unknown criterion %q", b)
}

// Weight is one announced criterion of a round.
type Weight struct {
	Criterion Criterion `json:"criterion"` // the criterion
	// Weight is the criterion's share of 100 points; positive, at most
	// WeightScale decimal places. A round's weights sum to exactly 100.
	Weight decimal.Decimal `json:"weight"`
	// Max is the raw score that earns the full weight, on the scale the
	// round announces for the criterion (e.g. 10 for an interview marked out
	// of 10); positive, at most RawScale decimal places and MaxCriterionMax.
	// For CriterionRating it must be zero or Regulation.RatingMax.
	Max decimal.Decimal `json:"max"`
}

// Settings are what an agency announces before a round is announced (Reg
// art 52(b)–(c)): the criteria with their weights and scales, and the
// tie-break element (العنصر المرجح).
type Settings struct {
	// Criteria lists the criteria: CriterionRating and at least one other,
	// each at most once.
	Criteria []Weight `json:"criteria"`
	// TieBreak is the announced tie-break element: one of Criteria, compared
	// on the raw score (higher first) between candidates of equal total.
	TieBreak Criterion `json:"tie_break"`
	// FinalTieBreak is the element the agency picks for candidates still
	// tied after TieBreak and seniority by appointment date (Reg art
	// 52(d)(3)), announced with the rest; zero for none, when the national
	// ID, the deterministic final key, decides directly. It is left out of
	// the JSON (and so of the digest) when zero.
	FinalTieBreak FinalTieBreak `json:"final_tie_break,omitzero"`
}

// TieElement is a kind of element an agency may pick as the last tie-break
// of Reg art 52(d)(3), which names none: the regulation leaves the choice to
// the agency, so the SDK offers the facts a candidate carries [INF].
type TieElement string

// The tie elements. Each compares candidates still tied; the better one
// ranks first. A candidate missing the fact (no rank date, no birth date,
// no qualification) ranks after those who have it.
const (
	// TieNone: no agency element.
	TieNone TieElement = ""
	// TieCriterion: the raw score on FinalTieBreak.Criterion, an announced
	// criterion other than Settings.TieBreak; higher first.
	TieCriterion TieElement = "criterion"
	// TieRankSeniority: seniority in the current rank; the earlier
	// Candidate.RankDate first, compared as a date.
	TieRankSeniority TieElement = "rank_seniority"
	// TieRankExperience: the counted experience in the current rank
	// (Candidate.RankDays, net of Reg art 48(b) exclusions); more first.
	TieRankExperience TieElement = "rank_experience"
	// TieQualification: the highest qualification level held; higher first.
	TieQualification TieElement = "qualification"
	// TieAge: the earlier birth date first (the older candidate).
	TieAge TieElement = "age"
)

// TieElements lists every tie element but TieNone.
func TieElements() []TieElement {
	return []TieElement{TieCriterion, TieRankSeniority, TieRankExperience, TieQualification, TieAge}
}

var tieElementLabels = i18n.Labels[TieElement]{
	TieCriterion:      {AR: "درجة معيار معلن", EN: "score on an announced criterion"},
	TieRankSeniority:  {AR: "الأقدمية في المرتبة", EN: "seniority in the rank"},
	TieRankExperience: {AR: "الخبرة المحتسبة في المرتبة", EN: "counted experience in the rank"},
	TieQualification:  {AR: "المؤهل العلمي الأعلى", EN: "highest qualification"},
	TieAge:            {AR: "الأكبر سناً", EN: "the older candidate"},
}

// Label returns the element's name in lang (the code for an unknown one).
func (e TieElement) Label(lang i18n.Lang) string { return tieElementLabels.Label(e, lang) }

// Valid reports whether e is TieNone or one of TieElements.
func (e TieElement) Valid() bool { return e == TieNone || slices.Contains(TieElements(), e) }

// FinalTieBreak is the agency's own last tie-break element (Reg art
// 52(d)(3)).
type FinalTieBreak struct {
	// Element is the kind of element; TieNone for none.
	Element TieElement `json:"element,omitempty"`
	// Criterion is the criterion compared, for TieCriterion only.
	Criterion Criterion `json:"criterion,omitempty"`
}

// IsZero reports whether no final element is announced.
func (f FinalTieBreak) IsZero() bool { return f == FinalTieBreak{} }

// validate appends the violations of f against the announced criteria.
func (f FinalTieBreak) validate(s *Settings, seen *[NumCriteria + 1]bool, add func(field, reason, en, ar string)) {
	switch {
	case !f.Element.Valid():
		add("final_tie_break.element", "final_tie_break", "unknown final tie-break element "+string(f.Element),
			"عنصر الترجيح الأخير "+string(f.Element)+" غير معروف")
	case f.Element == TieCriterion:
		if !f.Criterion.Valid() || !seen[f.Criterion] || f.Criterion == s.TieBreak {
			add("final_tie_break.criterion", "final_tie_break_criterion",
				"the final tie-break criterion must be an announced criterion other than the tie-break element (Reg art 52(d)(3))",
				"يجب أن يكون معيار الترجيح الأخير معياراً معلناً غير العنصر المرجح (المادة 52/د/3)")
		}
	case f.Criterion != 0:
		add("final_tie_break.criterion", "final_tie_break_criterion",
			"a criterion is named only for the criterion element", "لا يحدد المعيار إلا لعنصر درجة المعيار")
	}
}

// clone returns a deep copy of s.
func (s Settings) clone() Settings {
	s.Criteria = cloneSlice(s.Criteria)
	return s
}

// Weight returns the announced weight of c, if c is a criterion of s.
func (s *Settings) Weight(c Criterion) (Weight, bool) {
	for _, w := range s.Criteria {
		if w.Criterion == c {
			return w, true
		}
	}
	return Weight{}, false
}

var hundred = decimal.NewFromInt(100)

// Validate checks the settings against reg: the rating and at least one
// other criterion, each once; weights positive with at most WeightScale
// places, summing to exactly 100; maxima positive with at most RawScale
// places; the rating's weight the largest when reg.RatingMustLead; the
// tie-break element one of the criteria. Errors match ErrInvalid and list
// every violation in Fields.
func (s *Settings) Validate(reg *Regulation) error {
	var vs []fault.FieldViolation
	add := func(field, reason, en, ar string) {
		vs = append(vs, fault.FieldViolation{Field: field, Reason: reason, Message: i18n.Text{AR: ar, EN: en}})
	}
	seen := [NumCriteria + 1]bool{}
	sum := decimal.Zero
	var rating decimal.Decimal
	hasRating, others := false, 0
	for i, w := range s.Criteria {
		f := fmt.Sprintf("criteria[%d]", i)
		if !w.Criterion.Valid() {
			add(f+".criterion", "criterion", "unknown criterion", "معيار غير معروف")
			continue
		}
		if seen[w.Criterion] {
			add(f+".criterion", "duplicate", "the criterion "+w.Criterion.String()+" appears twice", "المعيار "+w.Criterion.Name().AR+" مكرر")
		}
		seen[w.Criterion] = true
		if w.Criterion == CriterionRating {
			hasRating, rating = true, w.Weight
		} else {
			others++
		}
		if !w.Weight.IsPositive() || !w.Weight.Equal(w.Weight.Truncate(WeightScale)) {
			add(f+".weight", "weight", "a weight is positive with at most 2 decimal places", "الوزن عدد موجب بمنزلتين عشريتين على الأكثر")
		}
		sum = sum.Add(w.Weight)
		if w.Criterion == CriterionRating {
			if !w.Max.IsZero() && !w.Max.Equal(decimal.NewFromInt(int64(reg.RatingMax))) {
				add(f+".max", "max", fmt.Sprintf("the rating is scored out of %d", reg.RatingMax), fmt.Sprintf("يحتسب تقويم الأداء من %d", reg.RatingMax))
			}
			continue
		}
		if !w.Max.IsPositive() || w.Max.GreaterThan(decimal.NewFromInt(MaxCriterionMax)) || !w.Max.Equal(w.Max.Truncate(RawScale)) {
			add(f+".max", "max", fmt.Sprintf("a criterion's maximum is positive, at most %d, with at most %d decimal places", MaxCriterionMax, RawScale),
				fmt.Sprintf("الدرجة العظمى للمعيار عدد موجب لا يزيد على %d بأربع منازل عشرية على الأكثر", MaxCriterionMax))
		}
	}
	if !hasRating {
		add("criteria", "rating_required", "the performance rating is the main criterion and must be included (Reg art 52(a))",
			"تقويم الأداء الوظيفي هو المعيار الرئيس ويجب تضمينه (المادة 52/أ)")
	}
	if others < 1 {
		add("criteria", "second_criterion", "at least one criterion besides the rating is required: initiatives, training, interview or test (Reg art 52(a))",
			"يلزم معيار واحد على الأقل إضافة إلى تقويم الأداء: المبادرات أو التدريب أو المقابلة أو الاختبار (المادة 52/أ)")
	}
	if !sum.Equal(hundred) {
		add("criteria", "weights_sum", "the weights must sum to 100; they sum to "+sum.String(),
			"يجب أن يكون مجموع الأوزان 100؛ المجموع الحالي "+sum.String())
	}
	if hasRating && reg.RatingMustLead {
		for _, w := range s.Criteria {
			if w.Criterion != CriterionRating && w.Weight.GreaterThan(rating) {
				add("criteria", "rating_main", "the performance rating is the main criterion: no criterion may weigh more (Reg art 52(a))",
					"تقويم الأداء الوظيفي هو المعيار الرئيس فلا يزيد وزن معيار آخر على وزنه (المادة 52/أ)")
				break
			}
		}
	}
	if !s.TieBreak.Valid() || !seen[s.TieBreak] {
		add("tie_break", "tie_break", "the tie-break element must be one of the announced criteria (Reg art 52(b))",
			"يجب أن يكون العنصر المرجح أحد المعايير المعلنة (المادة 52/ب)")
	}
	s.FinalTieBreak.validate(s, &seen, add)
	if len(vs) > 0 {
		return errInvalidSettings.WithFields(vs...)
	}
	return nil
}

var errInvalidSettings = ErrInvalid.Because("promotion.invalid_settings",
	"the round's criteria, weights or tie-break element are not valid",
	"معايير الدورة أو أوزانها أو العنصر المرجح غير صحيحة")

// Points are score points in hundredths (ScoreScale = 2): Points(8725) is
// 87.25. Ranking computes them in integers; they equal, exactly, the
// decimal computation CriterionPoints documents.
type Points int64

// Decimal returns p as a decimal with ScoreScale places.
func (p Points) Decimal() decimal.Decimal { return decimal.New(int64(p), -ScoreScale) }

// String returns p with two decimal places, "87.25".
func (p Points) String() string {
	neg := p < 0
	if neg {
		p = -p
	}
	s := strconv.FormatInt(int64(p)/100, 10) + "." + strconv.FormatInt(int64(p)%100/10, 10) + strconv.FormatInt(int64(p)%10, 10)
	if neg {
		s = "-" + s
	}
	return s
}

// MarshalJSON encodes p as a JSON string with two decimals, as decimal does.
func (p Points) MarshalJSON() ([]byte, error) { return []byte(`"` + p.String() + `"`), nil }

// UnmarshalJSON decodes a JSON string or number with at most two decimals.
func (p *Points) UnmarshalJSON(b []byte) error {
	d, err := decimal.NewFromString(strings.Trim(string(b), `"`))
	if err != nil {
		return err
	}
	if !d.Equal(d.Truncate(ScoreScale)) {
		return fmt.Errorf("promotion: points %s have more than %d decimal places", d, ScoreScale)
	}
	*p = Points(d.Shift(ScoreScale).IntPart())
	return nil
}

// CriterionPoints is the scoring rule, in decimal: the points of a raw score
// on a criterion announced with weight and max are
//
//	raw × weight ÷ max, rounded half-up to ScoreScale (2) decimal places
//
// with the product exact and a single rounding (decimal's DivRound). The
// rating criterion uses raw = Rating and max = Regulation.RatingMax. The
// total is the exact sum of the rounded points of every criterion; it is not
// rounded again. Ranking computes the same numbers with integers.
func CriterionPoints(raw, weight, max decimal.Decimal) decimal.Decimal {
	return raw.Mul(weight).DivRound(max, ScoreScale)
}

// fixed converts d to an integer count of 10^-scale units, exactly; ok is
// false when d has more places than scale or does not fit comfortably in
// an int64.
func fixed(d decimal.Decimal, scale int32) (v int64, ok bool) {
	if d.NumDigits() > 18 {
		return 0, false
	}
	c, e := d.CoefficientInt64(), d.Exponent()
	for e < -scale {
		if c%10 != 0 {
			return 0, false
		}
		c /= 10
		e++
	}
	for e > -scale {
		if c > 1e16 || c < -1e16 {
			return 0, false
		}
		c *= 10
		e--
	}
	return c, true
}

// scorer is a round's settings compiled for integer scoring.
type scorer struct {
	n    int
	crit [NumCriteria]Criterion
	w    [NumCriteria]int64 // weight in 10^-WeightScale
	m    [NumCriteria]int64 // max in 10^-RawScale
	tb   int                // index of the tie-break criterion in crit
	// final is the agency's last tie-break element; ftb is the index in
	// crit of its criterion (TieCriterion), else -1.
	final TieElement
	ftb   int
}

func newScorer(s *Settings, reg *Regulation) (*scorer, error) {
	if err := s.Validate(reg); err != nil {
		return nil, err
	}
	sc := &scorer{n: len(s.Criteria), final: s.FinalTieBreak.Element, ftb: -1}
	for i, w := range s.Criteria {
		sc.crit[i] = w.Criterion
		sc.w[i], _ = fixed(w.Weight, WeightScale)
		if w.Criterion == CriterionRating {
			sc.m[i] = int64(reg.RatingMax) * 1e4
		} else {
			sc.m[i], _ = fixed(w.Max, RawScale)
		}
		if w.Criterion == s.TieBreak {
			sc.tb = i
		}
		if sc.final == TieCriterion && w.Criterion == s.FinalTieBreak.Criterion {
			sc.ftb = i
		}
	}
	return sc, nil
}

// raw returns candidate c's raw score on criterion i in 10^-RawScale units,
// and false when it is negative, above the maximum or too precise.
func (sc *scorer) raw(c *Candidate, i int) (int64, bool) {
	if sc.crit[i] == CriterionRating {
		return int64(c.Rating) * 1e4, c.Rating >= 0 && int64(c.Rating)*1e4 <= sc.m[i]
	}
	r, ok := fixed(c.Scores.raw(sc.crit[i]), RawScale)
	return r, ok && r >= 0 && r <= sc.m[i]
}

// points returns round-half-up(r × w ÷ m) in hundredths: with r in 10^-4,
// w in 10^-2 and m in 10^-4, raw×weight÷max×100 = r×w÷m exactly. All three
// are non-negative and r×w ≤ 1e9×1e4, far from overflow.
func (sc *scorer) points(i int, r int64) Points {
	num, den := r*sc.w[i], sc.m[i]
	return Points((2*num + den) / (2 * den))
}
